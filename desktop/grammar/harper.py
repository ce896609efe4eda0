"""Harper, the offline grammar checker built in: in-process Rust, no network, no Java.

Building a Harper linter takes about a second, so it is built once, on a background thread
(Harper releases the GIL), while the language model loads, and reused for every check. A
Harper linter raises when two threads call it at once, so every call holds a lock. Drafts
are plain text: Harper's default input is Markdown, which would skip or misread some lines.

Harper's lints do not reach across a blank line, so a draft is checked paragraph by
paragraph and each paragraph's lints are kept: after a keystroke only the paragraph that
changed is checked again (a whole 1,000-word letter takes Harper about 25 ms).
"""

from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, replace
from typing import Any

from desktop.analysis.report import GrammarFinding
from desktop.grammar import DIALECTS, GrammarUnavailableError, participles
from desktop.grammar.preferences import Preferences
from desktop.settings import GrammarSettings

log = logging.getLogger(__name__)

MEANING_KINDS = frozenset({"Agreement", "Grammar", "WordChoice", "Usage", "Eggcorn",
                           "Malapropism"})
"""Harper's lint kinds that can change what a sentence says to its reader (a wrong word or
a broken agreement), as against spelling, capitals, punctuation, style and repetition."""
SPELLING_KINDS = frozenset({"Spelling"})
START_SECONDS = 30
"""The longest the linter may take to build (about a second on a laptop)."""
PARAGRAPH_CACHE_SIZE = 2_000
_PARAGRAPH_BREAK = re.compile(r"\n(?:[^\S\n]*\n)+")
"""A line break and the blank lines after it (a paragraph keeps its indent)."""


class HarperChecker:
    name = "harper"

    def __init__(self, settings: GrammarSettings) -> None:
        self._settings = settings
        self._ready: Future[tuple[Any, Preferences]] | None = None
        self._start_lock = threading.Lock()
        self._lint_lock = threading.Lock()
        """Harper raises on concurrent use of one linter: one call at a time."""
        self._paragraphs: OrderedDict[str, _Linted] = OrderedDict()
        """Each paragraph's findings (offsets within it) from this linter; guarded by the
        lint lock."""

    def start(self) -> None:
        with self._start_lock:
            if self._ready is None:
                self._ready = Future()
                threading.Thread(target=self._build, name="harper-build", daemon=True).start()

    def _build(self) -> None:
        assert self._ready is not None
        try:
            self._ready.set_result(self._make_linter())
        except GrammarUnavailableError as exc:
            self._ready.set_exception(exc)
        except ImportError:
            self._ready.set_exception(GrammarUnavailableError(
                "Harper is not installed; run: pip install harper-py"))
        except Exception as exc:  # Harper's own errors are plain RuntimeError/ValueError
            log.warning("Harper failed to start: %s", type(exc).__name__)
            self._ready.set_exception(GrammarUnavailableError(f"Harper failed to start: {exc}"))

    def _make_linter(self) -> tuple[Any, Preferences]:
        dialect = self._settings.dialect
        if dialect not in DIALECTS:
            raise GrammarUnavailableError(
                f"Unknown dialect {dialect!r} in grammar.dialect; choose one of "
                f"{', '.join(DIALECTS)}.")
        preferences = Preferences.load(self._settings)
        import harper

        linter = harper.Linter(getattr(harper.Dialect, dialect.upper()))
        if preferences.words:
            linter.import_words(list(preferences.word_list))
        if preferences.ignored_rules:
            config = linter.get_lint_config()
            config.update({rule: False for rule in preferences.ignored_rules if rule in config})
            linter.set_lint_config(config)
        return linter, preferences

    def _wait(self) -> tuple[Any, Preferences]:
        self.start()
        assert self._ready is not None
        limit = START_SECONDS
        try:
            return self._ready.result(timeout=limit)
        except FutureTimeout:
            raise GrammarUnavailableError(
                f"Harper did not start within {limit} seconds; try again, or set "
                "grammar.engine = \"off\".") from None

    def check(self, text: str) -> list[GrammarFinding]:
        linter, preferences = self._wait()
        findings: list[GrammarFinding] = []
        spelling: set[str] = set()
        with self._lint_lock:
            for offset, paragraph in _paragraphs(text):
                linted = self._paragraphs.get(paragraph)
                if linted is None:
                    linted = _lint(linter, paragraph)
                self._paragraphs[paragraph] = linted
                self._paragraphs.move_to_end(paragraph)
                findings += [replace(f, start=f.start + offset, end=f.end + offset)
                             for f in linted.findings]
                spelling |= linted.spelling_rules
            while len(self._paragraphs) > PARAGRAPH_CACHE_SIZE:
                self._paragraphs.popitem(last=False)
        findings.extend(participles.find(text))  # Harper has no rule for "what i done"
        findings.sort(key=lambda finding: finding.start)
        return preferences.apply(text, findings, lambda f: f.rule in spelling)

    def describe(self) -> str:
        """What doctor prints once a check has worked."""
        _, preferences = self._wait()
        words, rules = len(preferences.words), len(preferences.ignored_rules)
        return (f"dialect {self._settings.dialect}; offline, in-process; "
                f"{words} personal word{'' if words == 1 else 's'}, "
                f"{rules} ignored rule{'' if rules == 1 else 's'}")

    def close(self) -> None:
        """Nothing to release: the linter lives in this process."""


@dataclass(frozen=True)
class _Linted:
    findings: tuple[GrammarFinding, ...]
    spelling_rules: frozenset[str]


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """Each paragraph with its offset in ``text``; the blank lines between are left out."""
    found, start = [], 0
    for gap in _PARAGRAPH_BREAK.finditer(text):
        found.append((start, text[start:gap.start()]))
        start = gap.end()
    found.append((start, text[start:]))
    return [(offset, paragraph) for offset, paragraph in found if paragraph.strip()]


def _lint(linter: Any, paragraph: str) -> _Linted:
    try:
        organised = linter.organized_lints(paragraph, language="plaintext")
    except Exception as exc:
        log.warning("Harper failed on a paragraph of %d characters: %s",
                    len(paragraph), type(exc).__name__)
        raise GrammarUnavailableError(f"Harper failed to check the draft: {exc}") from exc
    findings: list[GrammarFinding] = []
    spelling: set[str] = set()
    for rule, lints in organised.items():
        for lint in lints:
            if _is_indent(paragraph, lint.span.start, lint.span.end):
                continue  # a paragraph indented with spaces is not "French spacing"
            if _is_name_taken_for_acronym(lint):
                continue
            if lint.lint_kind in SPELLING_KINDS:
                spelling.add(rule)
            findings.append(GrammarFinding(
                start=lint.span.start, end=lint.span.end, message=lint.message, rule=rule,
                replacements=_replacements(lint),
                changes_meaning=lint.lint_kind in MEANING_KINDS,
            ))
    return _Linted(tuple(findings), frozenset(spelling))


def _replacements(lint: Any) -> tuple[str, ...]:
    """Each suggestion as text to put in place of the span ('' deletes it)."""
    import harper

    out = []
    for suggestion in lint.suggestions:
        if suggestion.kind == harper.SuggestionKind.INSERT_AFTER:
            out.append(lint.problem_text + suggestion.replacement_text)
        elif suggestion.kind == harper.SuggestionKind.REMOVE:
            out.append("")
        else:
            out.append(suggestion.replacement_text)
    return tuple(dict.fromkeys(out))


def _is_name_taken_for_acronym(lint: Any) -> bool:
    """Harper spells "Sam" or "Nat" as the acronyms SAM and NAT; in a letter that is the
    partner's name, and marking it would be wrong where it matters most."""
    word = lint.problem_text
    return (word.istitle() and len(word) > 1
            and all(s.replacement_text == word.upper() for s in lint.suggestions))


def _is_indent(text: str, start: int, end: int) -> bool:
    return (start < end and text[start:end].isspace()
            and (start == 0 or text[start - 1] == "\n"))
