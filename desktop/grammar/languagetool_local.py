"""Running LanguageTool's HTTP server on this computer, in a bounded, killable Java process.

language-tool-python's own start-up downloads LanguageTool when it is missing and, when the
JVM keeps failing, retries port after port (hundreds of them, 15 seconds each). Amends uses
that library only to find what it downloaded; it starts the server itself: Java 17+ is
checked first, one free loopback port is chosen, the heap is capped, readiness is polled
against a deadline, and the process is killed on close() and at exit.
"""

from __future__ import annotations

import atexit
import logging
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from collections import deque
from pathlib import Path
from typing import IO

from desktop.grammar import GrammarUnavailableError
from desktop.grammar.languagetool_http import Server, request

log = logging.getLogger(__name__)

JAVA_MIN = 17
HEAP_MB = 512
SERVER_CLASS = "org.languagetool.server.HTTPServer"
JARS = ("languagetool-server.jar", "languagetool.jar")
DOWNLOAD_HINT = ('python -c "from language_tool_python.download_lt import download_lt; '
                 'download_lt()"')
ALTERNATIVES = "or set grammar.languagetool_url to a LanguageTool server"

_LIVE: set[subprocess.Popen[bytes]] = set()
"""Every JVM this process started and has not yet stopped, killed at interpreter exit."""


@atexit.register
def _kill_all() -> None:
    for process in list(_LIVE):
        _end(process)


def _end(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
    if process.stdout:
        process.stdout.close()
    _LIVE.discard(process)


def find_java() -> tuple[Path, int]:
    """The java to run ($JAVA_HOME first, then PATH) and its major version, 17 or newer."""
    home = os.environ.get("JAVA_HOME")
    candidate = Path(home) / "bin" / "java" if home else None
    java = str(candidate) if candidate and candidate.is_file() else shutil.which("java")
    if not java:
        raise GrammarUnavailableError(
            f"LanguageTool needs Java {JAVA_MIN} or newer and no java was found; install "
            f"Java {JAVA_MIN}+, {ALTERNATIVES}, or use grammar.engine = \"harper\".")
    try:
        done = subprocess.run([java, "-version"], capture_output=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GrammarUnavailableError(
            f"Cannot run {java} -version ({exc}); repair Java {JAVA_MIN}+ or "
            f"{ALTERNATIVES}.") from None
    major = java_major(done.stderr.decode("utf-8", "replace") + done.stdout.decode(
        "utf-8", "replace"))
    if major is None:
        raise GrammarUnavailableError(
            f"Cannot tell which Java {java} is; LanguageTool needs Java {JAVA_MIN}+.")
    if major < JAVA_MIN:
        raise GrammarUnavailableError(
            f"LanguageTool needs Java {JAVA_MIN} or newer but {java} is Java {major}; install "
            f"Java {JAVA_MIN}+ (or point JAVA_HOME at it), {ALTERNATIVES}.")
    return Path(java), major


def java_major(version_output: str) -> int | None:
    """17 from 'openjdk version "17.0.15"', 8 from 'java version "1.8.0_292"'."""
    found = (re.search(r'version "(\d+)(?:\.(\d+))?', version_output)
             or re.search(r"^\S+ (\d+)(?:\.(\d+))?", version_output, re.MULTILINE))
    if not found:
        return None
    major = int(found.group(1))
    return int(found.group(2) or 0) if major == 1 else major


def download_folder() -> Path:
    """Where language-tool-python downloads LanguageTool ($LTP_PATH, else its cache)."""
    return Path(os.environ.get("LTP_PATH") or Path.home() / ".cache" / "language_tool_python")


def find_jar(languagetool_path: str) -> Path:
    """The server jar in the folder the user named, else in the newest download."""
    if languagetool_path:
        given = Path(languagetool_path).expanduser()
        if given.is_file() and given.suffix == ".jar":
            return given
        for name in JARS:
            if (given / name).is_file():
                return given / name
        raise GrammarUnavailableError(
            f"grammar.languagetool_path {given} is not a LanguageTool folder (no "
            f"{JARS[0]} in it); point it at the unzipped LanguageTool, {ALTERNATIVES}.")
    folder = download_folder()
    for directory in _installed(folder):
        for name in JARS:
            if (directory / name).is_file():
                return directory / name
    raise GrammarUnavailableError(
        f"LanguageTool is not installed (nothing in {folder}); download it with "
        f"{DOWNLOAD_HINT}, set grammar.languagetool_path to its folder, {ALTERNATIVES}.")


def _installed(folder: Path) -> list[Path]:
    """Downloaded LanguageTool folders, newest first (by language-tool-python's ordering
    when it is installed)."""
    if not folder.is_dir():
        return []
    try:
        from language_tool_python.download_lt import LocalLanguageTool

        newest = LocalLanguageTool.get_latest_installed_version()
        if newest is not None:
            return [newest.get_directory_path()]
    except Exception as exc:  # its layout rules changed, or it is not installed
        log.debug("language-tool-python could not list downloads: %s", type(exc).__name__)
    return sorted((p for p in folder.glob("LanguageTool*") if p.is_dir()),
                  key=lambda p: [int(n) for n in re.findall(r"\d+", p.name)], reverse=True)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LocalServer:
    """One LanguageTool JVM for this checker; start() blocks (call it off the GUI thread)."""

    def __init__(self, languagetool_path: str, start_seconds: int) -> None:
        self._path = languagetool_path
        self._start_seconds = max(1, start_seconds)
        self._process: subprocess.Popen[bytes] | None = None
        self._closed = threading.Event()
        self._lock = threading.Lock()
        self._output: deque[str] = deque(maxlen=5)
        self._ready = threading.Event()
        self._drainer: threading.Thread | None = None
        self.java: tuple[Path, int] | None = None
        self.jar: Path | None = None

    def start(self) -> Server:
        self.java = find_java()
        self.jar = find_jar(self._path)
        server = Server(f"http://127.0.0.1:{_free_port()}", loopback=True)
        command = [str(self.java[0]), f"-Xmx{HEAP_MB}m", "-cp", str(self.jar), SERVER_CLASS,
                   "--port", server.base.rsplit(":", 1)[1]]
        with self._lock:
            if self._closed.is_set():
                raise GrammarUnavailableError("LanguageTool was closed while it started.")
            try:
                self._process = subprocess.Popen(command, stdin=subprocess.DEVNULL,
                                                 stdout=subprocess.PIPE,
                                                 stderr=subprocess.STDOUT)
            except OSError as exc:
                raise GrammarUnavailableError(f"Cannot start Java for LanguageTool: {exc}.") \
                    from None
            _LIVE.add(self._process)
        assert self._process.stdout is not None
        self._drainer = threading.Thread(target=self._drain, args=(self._process.stdout,),
                                         name="languagetool-output", daemon=True)
        self._drainer.start()
        self._wait_until_ready(server)
        log.info("LanguageTool is ready on %s", server.base)
        return server

    def _drain(self, stream: IO[bytes]) -> None:
        """Keep the pipe empty; remember the last start-up lines for an error message only
        (after start-up nothing is kept: the server's log is never ours to store)."""
        try:
            for line in iter(stream.readline, b""):
                if not self._ready.is_set():
                    self._output.append(line.decode("utf-8", "replace").strip())
        except (OSError, ValueError):  # the pipe was closed by stop()
            pass

    def _wait_until_ready(self, server: Server) -> None:
        deadline = time.monotonic() + self._start_seconds
        while time.monotonic() < deadline:
            process = self._process  # stop() may clear it from another thread
            code = process.poll() if process is not None else -1
            if self._closed.is_set():
                raise GrammarUnavailableError("LanguageTool was closed while it started.")
            if code is not None:
                if self._drainer is not None:
                    self._drainer.join(timeout=1.0)  # its last words explain the exit
                last = next((line for line in reversed(self._output) if line), "")
                self.stop()
                raise GrammarUnavailableError(
                    f"LanguageTool stopped while starting (exit code {code}"
                    f"{': ' + last[:160] if last else ''}); check the installation at "
                    f"{self.jar.parent if self.jar else '?'}, {ALTERNATIVES}.")
            try:
                request(server, "/v2/healthcheck", timeout=1.0)
            except GrammarUnavailableError:
                time.sleep(0.25)
                continue
            self._ready.set()
            self._output.clear()
            return
        self.stop()
        raise GrammarUnavailableError(
            f"LanguageTool did not start within {self._start_seconds} seconds; raise "
            f"grammar.languagetool_start_seconds, {ALTERNATIVES}.")

    def stop(self) -> None:
        """Stop the JVM (terminate, then kill after 5 seconds); safe to call twice."""
        self._closed.set()
        with self._lock:
            process, self._process = self._process, None
        if process is not None:
            _end(process)
