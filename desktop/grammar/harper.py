"""Harper, the offline grammar checker built in: in-process Rust, no network, no Java.

Building a Harper linter takes about a second, so it is built once, on a background thread
(Harper releases the GIL), while the language model loads. A Harper linter raises when two
threads call it at once, so every call holds a lock.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future

from desktop.analysis.report import GrammarFinding
from desktop.grammar import GrammarUnavailableError
from desktop.settings import GrammarSettings

log = logging.getLogger(__name__)

DIALECTS = ("american", "british", "canadian", "australian")
MEANING_KINDS = frozenset({"Agreement", "Grammar", "WordChoice", "Usage", "Eggcorn",
                           "Malapropism", "Miscellaneous", "Repetition", "BoundaryError"})
"""Harper's lint kinds that can change what a sentence says (not just how it looks)."""


class HarperChecker:
    name = "harper"

    def __init__(self, settings: GrammarSettings) -> None:
        if settings.dialect not in DIALECTS:
            raise GrammarUnavailableError(
                f"Unknown dialect {settings.dialect!r}; choose one of {', '.join(DIALECTS)}."
            )
        self._settings = settings
        self._linter: Future[object] | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        with self._lock:
            if self._linter is None:
                self._linter = Future()
                threading.Thread(target=self._build, name="harper-build", daemon=True).start()

    def _build(self) -> None:
        assert self._linter is not None
        try:
            import harper

            linter = harper.Linter(getattr(harper.Dialect, self._settings.dialect.upper()))
            if self._settings.dictionary:
                linter.import_words(list(self._settings.dictionary))
            if self._settings.ignored_rules:
                config = linter.get_lint_config()
                for rule in self._settings.ignored_rules:
                    if rule in config:
                        config[rule] = False
                linter.set_lint_config(config)
            self._linter.set_result(linter)
        except ImportError:
            self._linter.set_exception(GrammarUnavailableError(
                "Harper is not installed; run: pip install harper-py"))
        except Exception as exc:  # Harper's own errors are plain RuntimeError/ValueError
            self._linter.set_exception(GrammarUnavailableError(f"Harper failed to start: {exc}"))

    def check(self, text: str) -> list[GrammarFinding]:
        self.start()
        assert self._linter is not None
        linter = self._linter.result()
        with self._lock:
            organised = linter.organized_lints(text, language="plaintext")
        findings = [
            GrammarFinding(
                start=lint.span.start, end=lint.span.end, message=lint.message, rule=rule,
                replacements=tuple(dict.fromkeys(s.replacement_text for s in lint.suggestions)),
                changes_meaning=lint.lint_kind in MEANING_KINDS,
            )
            for rule, lints in organised.items() for lint in lints
        ]
        return sorted(findings, key=lambda f: (f.start, f.end, f.rule))

    def close(self) -> None:
        """Nothing to release: the linter lives in this process."""
