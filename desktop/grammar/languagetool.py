"""LanguageTool as the grammar engine: a server the user names, or one run here in Java.

Drafts go only to this computer unless the user sets ``grammar.allow_remote_server``;
LanguageTool's public web API is never a default. Start-up (finding Java 17+ and
LanguageTool, starting the JVM) runs on a background thread; each check has a time limit
and any failure is a GrammarUnavailableError with one sentence saying what to do.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass

from desktop.analysis.report import GrammarFinding
from desktop.grammar import DIALECTS, GrammarUnavailableError
from desktop.grammar import languagetool_http as http
from desktop.grammar.languagetool_local import HEAP_MB, LocalServer
from desktop.grammar.preferences import Preferences
from desktop.settings import GrammarSettings

log = logging.getLogger(__name__)

LANGUAGE_CODES = dict(zip(DIALECTS, ("en-US", "en-GB", "en-CA", "en-AU"), strict=True))


@dataclass(frozen=True)
class _Backend:
    server: http.Server
    language: str
    preferences: Preferences


class LanguageToolChecker:
    name = "languagetool"

    def __init__(self, settings: GrammarSettings) -> None:
        self._settings = settings
        self._ready: Future[_Backend] | None = None
        self._lock = threading.Lock()
        self._local: LocalServer | None = None
        self._closed = False
        self._version = "?"

    @property
    def _timeout(self) -> float:
        return float(max(1, self._settings.timeout_seconds))

    def start(self) -> None:
        with self._lock:
            if self._ready is None:
                self._ready = Future()
                threading.Thread(target=self._prepare, name="languagetool-start",
                                 daemon=True).start()

    def _prepare(self) -> None:
        assert self._ready is not None
        try:
            self._ready.set_result(self._backend())
        except GrammarUnavailableError as exc:
            self._ready.set_exception(exc)
        except Exception as exc:  # anything unforeseen still becomes one clear line
            log.warning("LanguageTool failed to start: %s", type(exc).__name__)
            self._ready.set_exception(
                GrammarUnavailableError(f"LanguageTool failed to start: {exc}"))

    def _backend(self) -> _Backend:
        settings = self._settings
        language = LANGUAGE_CODES.get(settings.dialect)
        if language is None:
            raise GrammarUnavailableError(
                f"Unknown dialect {settings.dialect!r} in grammar.dialect; choose one of "
                f"{', '.join(DIALECTS)}.")
        preferences = Preferences.load(settings)
        if settings.languagetool_url:
            server = http.server_for_url(settings.languagetool_url,
                                         settings.allow_remote_server)
        else:
            local = LocalServer(settings.languagetool_path, settings.languagetool_start_seconds)
            with self._lock:
                if self._closed:
                    raise GrammarUnavailableError("LanguageTool was closed before it started.")
                self._local = local
            server = local.start()
        return _Backend(server, language, preferences)

    def _wait(self) -> _Backend:
        self.start()
        assert self._ready is not None
        # A local JVM stops itself at its own start limit; this margin only covers that.
        limit = self._timeout + (
            0 if self._settings.languagetool_url else self._settings.languagetool_start_seconds)
        try:
            return self._ready.result(timeout=limit)
        except FutureTimeout:
            raise GrammarUnavailableError(
                f"LanguageTool was not ready within {limit:g} seconds; raise "
                "grammar.languagetool_start_seconds or use grammar.engine = \"harper\".") \
                from None

    def check(self, text: str) -> list[GrammarFinding]:
        backend = self._wait()
        findings, spelling, self._version = http.check(
            backend.server, text, backend.language,
            sorted(backend.preferences.ignored_rules), self._timeout)
        return backend.preferences.apply(text, findings, lambda f: f.rule in spelling)

    def describe(self) -> str:
        """What doctor prints once a check has worked."""
        backend = self._wait()
        where = backend.server.shown
        if self._local is not None and self._local.java and self._local.jar:
            java, major = self._local.java
            return (f"LanguageTool {self._version} run here from {self._local.jar.parent} "
                    f"with Java {major} ({java}, heap {HEAP_MB} MB), {backend.language}")
        if backend.server.loopback:
            return (f"LanguageTool {self._version} server at {where} on this computer "
                    f"(reachable), {backend.language}")
        return (f"LanguageTool {self._version} server at {where} (reachable); drafts ARE "
                "sent to that server because grammar.allow_remote_server is on, "
                f"{backend.language}")

    def close(self) -> None:
        """Stop the local JVM, if this checker started one (or is starting one)."""
        with self._lock:
            self._closed = True
            local = self._local
        if local is not None:
            local.stop()
