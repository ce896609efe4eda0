"""One writer thread for the vault: saves happen in order and are acknowledged after commit.

The app never writes from the GUI thread. It calls :meth:`VaultWriter.autosave` on every
edit (the save happens ``autosave_delay`` seconds after typing stops) and
:meth:`VaultWriter.save_version` for an explicit save; each returns a
:class:`concurrent.futures.Future` that resolves only once the change is committed with
``synchronous=FULL``, i.e. on disk. Done-callbacks run on the writer thread, so a Qt
caller should hop back to the GUI thread (a queued signal) before touching widgets.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, TypeVar

from desktop.vault.store import Vault

log = logging.getLogger(__name__)

T = TypeVar("T")
AUTOSAVE_DELAY_S = 3.0


@dataclass
class _Job:
    call: Callable[..., Any]
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    futures: list[Future[Any]] = field(default_factory=list)


@dataclass
class _Autosave:
    deadline: float
    job: _Job


class VaultWriter:
    """Runs every write to one vault on a single thread, first come first committed."""

    def __init__(self, vault: Vault, autosave_delay: float = AUTOSAVE_DELAY_S) -> None:
        self.vault = vault
        self.autosave_delay = autosave_delay
        self._cond = threading.Condition()
        self._queue: deque[_Job] = deque()
        self._pending: dict[int, _Autosave] = {}
        self._closing = False
        self._running = 0
        self._thread = threading.Thread(target=self._run, name="amends-vault-writer",
                                        daemon=True)
        self._thread.start()

    # ---------------------------------------------------------------- submitting

    def submit(self, call: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
        """Queue ``call(*args, **kwargs)`` (usually a vault method); resolves after it returns."""
        future: Future[T] = Future()
        with self._cond:
            self._check_open()
            self._queue.append(_Job(call, args, kwargs, [future]))
            self._cond.notify()
        return future

    def add_draft(self, title: str, text: str, ready: bool | None = None) -> Future[int]:
        return self.submit(self.vault.add_draft, title, text, ready)

    def save_version(self, draft_id: int, text: str, title: str | None = None,
                     ready: bool | None = None) -> Future[int]:
        """An explicit save; it also settles any autosave still waiting for this draft."""
        future: Future[int] = Future()
        with self._cond:
            self._check_open()
            waiting = self._pending.pop(draft_id, None)
            futures: list[Future[Any]] = [future, *(waiting.job.futures if waiting else [])]
            self._queue.append(_Job(self.vault.save_version, (draft_id, text),
                                    {"title": title, "ready": ready}, futures))
            self._cond.notify()
        return future

    def autosave(self, draft_id: int, text: str, title: str | None = None) -> Future[int]:
        """Save ``text`` once no newer autosave for this draft arrives for a little while.

        Every future handed out for the draft resolves with the version number of the save
        that finally covers it, so a caller can show "saved" for exactly what was written.
        """
        future: Future[int] = Future()
        with self._cond:
            self._check_open()
            waiting = self._pending.get(draft_id)
            futures: list[Future[Any]] = [*(waiting.job.futures if waiting else []), future]
            job = _Job(self.vault.save_version, (draft_id, text), {"title": title}, futures)
            self._pending[draft_id] = _Autosave(time.monotonic() + self.autosave_delay, job)
            self._cond.notify()
        return future

    def delete_draft(self, draft_id: int) -> Future[int]:
        """Delete in order with the saves; a waiting autosave of that draft is cancelled."""
        with self._cond:
            waiting = self._pending.pop(draft_id, None)
        for stale in waiting.job.futures if waiting else []:
            stale.cancel()
        return self.submit(self.vault.delete_draft, draft_id)

    def pending(self) -> int:
        """Writes not yet committed (queued, running or waiting for their autosave delay)."""
        with self._cond:
            return len(self._queue) + len(self._pending) + self._running

    def flush(self, timeout: float | None = None) -> None:
        """Write every waiting autosave now and return once everything queued is committed."""
        barrier: Future[None] = Future()
        with self._cond:
            for item in sorted(self._pending.values(), key=lambda a: a.deadline):
                self._queue.append(item.job)
            self._pending.clear()
            self._queue.append(_Job(lambda: None, futures=[barrier]))
            self._cond.notify()
        barrier.result(timeout)

    def close(self, timeout: float | None = None) -> None:
        """Flush, then stop the thread. The vault itself stays open."""
        with self._cond:
            if self._closing:
                return
        self.flush(timeout)
        with self._cond:
            self._closing = True
            self._cond.notify()
        self._thread.join(timeout)

    def __enter__(self) -> VaultWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_open(self) -> None:
        if self._closing:
            raise RuntimeError("the vault writer is closed")

    # ---------------------------------------------------------------- the thread

    def _next(self) -> _Job | None:
        with self._cond:
            while True:
                if self._queue:
                    self._running = 1
                    return self._queue.popleft()
                now = time.monotonic()
                soonest = min(self._pending.items(), key=lambda kv: kv[1].deadline,
                              default=None)
                if soonest is not None and soonest[1].deadline <= now:
                    del self._pending[soonest[0]]
                    self._running = 1
                    return soonest[1].job
                if self._closing and soonest is None:
                    return None
                self._cond.wait(None if soonest is None else soonest[1].deadline - now)

    def _run(self) -> None:
        while (job := self._next()) is not None:
            try:
                live = [f for f in job.futures if f.set_running_or_notify_cancel()]
                if not live:
                    continue
                try:
                    result = job.call(*job.args, **job.kwargs)
                except Exception as exc:
                    log.warning("A vault write failed: %s", type(exc).__name__)
                    for future in live:
                        future.set_exception(exc)
                else:
                    for future in live:
                        future.set_result(result)
            finally:
                with self._cond:
                    self._running = 0
