"""The analysis engine in a child process, so loading the model never stalls the window.

Importing torch and transformers runs long C initialisers that hold Python's GIL for a
few hundred milliseconds at a time; on a thread of the app's own process that freezes the
event loop while the model loads. In a child process it cannot. :class:`EngineProcess` has
the part of :class:`~desktop.analysis.Analyzer` the app uses (``ready``, ``warm_up``,
``analyze``, ``settings``, ``grammar_engine``) and forwards each call as a pickled
message over the child's standard input and output. Nothing here imports Qt.

Run as ``python -m desktop.ui.engine_process``: the child serves one parent until its
standard input closes, so it never outlives the app.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import sys
import threading
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    import subprocess

    from desktop.settings import Settings

log = logging.getLogger(__name__)

Progress = Callable[[str], None]


class EngineProcessError(RuntimeError):
    """The engine in the child process failed; the message is written for the user."""


class EngineProcess:
    """An Analyzer living in a child process; calls block the calling (worker) thread."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.grammar_engine = settings.grammar.engine
        self._child: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._ready = False

    @property
    def ready(self) -> bool:
        return self._ready

    def warm_up(self, progress: Progress | None = None) -> None:
        """Start the child and load the model there; progress steps come back as they go."""
        with self._lock:
            if self._ready:
                return
            self._send(("warm_up",))
            self._ready = bool(self._receive(progress))

    def analyze(self, text: str, *, needs: Sequence[str] | None = None) -> Any:
        with self._lock:
            self._send(("analyze", text, list(needs or ())))
            return self._receive(None)

    def close(self) -> None:
        """End the child: closing its input is its signal to exit. One still loading the
        model would not look at its input for seconds, so it is stopped at once."""
        child, self._child = self._child, None
        if child is None:
            return
        import subprocess

        try:
            if not self._ready:
                child.kill()
            if child.stdin is not None:
                child.stdin.close()
            child.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            child.kill()
            child.wait(timeout=5)
        finally:
            self._ready = False
            if child.stdout is not None:
                child.stdout.close()

    # ---------------------------------------------------------------- the pipe

    def _start(self) -> subprocess.Popen[bytes]:
        import subprocess  # here, not at start-up: the window shows first

        if self._child is None or self._child.poll() is not None:
            self._child = subprocess.Popen(
                [sys.executable, "-m", "desktop.ui.engine_process"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=os.environ.copy())
            self._send(("settings", self.settings))
        return self._child

    def _send(self, message: tuple[Any, ...]) -> None:
        child = self._child if message[0] == "settings" else self._start()
        assert child is not None and child.stdin is not None
        try:
            pickle.dump(message, child.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            child.stdin.flush()
        except OSError as exc:
            self._ready = False
            raise EngineProcessError("The checking process stopped; Amends starts it "
                                     "again with the next check.") from exc

    def _receive(self, progress: Progress | None) -> Any:
        assert self._child is not None and self._child.stdout is not None
        while True:
            try:
                kind, value = pickle.load(self._child.stdout)
            except (EOFError, OSError, pickle.UnpicklingError) as exc:
                self._ready = False
                raise EngineProcessError("The checking process stopped; Amends starts it "
                                         "again with the next check.") from exc
            if kind == "progress":
                if progress is not None:
                    progress(value)
            elif kind == "error":
                raise EngineProcessError(value)
            else:
                return value


# -------------------------------------------------------------------- the child


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def serve(inbox: IO[bytes], outbox: IO[bytes]) -> None:
    """Answer messages until ``inbox`` closes: settings, warm_up, analyze."""
    from desktop.analysis import Analyzer

    analyzer: Analyzer | None = None

    def reply(kind: str, value: Any) -> None:
        pickle.dump((kind, value), outbox, protocol=pickle.HIGHEST_PROTOCOL)
        outbox.flush()

    while True:
        try:
            message = pickle.load(inbox)
        except EOFError:
            return
        kind = message[0]
        try:
            if kind == "settings":
                analyzer = Analyzer(settings=message[1])
                continue
            assert analyzer is not None, "settings come first"
            if kind == "warm_up":
                analyzer.warm_up(lambda step: reply("progress", step))
                reply("ok", True)
            elif kind == "analyze":
                reply("ok", analyzer.analyze(message[1], needs=message[2]))
        except BrokenPipeError:
            raise  # the app is gone: main() ends quietly
        except Exception as exc:
            log.warning("The engine failed: %s", type(exc).__name__)
            reply("error", _first_line(exc))


def main() -> None:
    # One compute thread: a check is a sentence or two, and torch's default of one thread
    # per core turns every encode into 0.4 s or more as soon as anything else on the
    # machine is busy (13 ms with one thread). The user's own setting wins.
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    # Our replies own the real standard output; anything a library prints goes to stderr.
    outbox = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    logging.basicConfig(level=logging.WARNING, format="amends engine: %(levelname)s: "
                        "%(message)s")
    try:
        serve(sys.stdin.buffer, outbox)
    except BrokenPipeError:
        pass  # the app quit while the engine was still answering; nobody is left to tell
    finally:
        with contextlib.suppress(OSError):
            outbox.close()


if __name__ == "__main__":
    main()
