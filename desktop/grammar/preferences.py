"""The user's grammar choices, applied in one place for every engine: ignored rules, ignored
single findings and the personal dictionary.

An ignored finding is stored as a keyed BLAKE2b hash of (rule, flagged words, up to
:data:`CONTEXT` characters either side within its sentence), so settings.toml never holds
draft text and the hashes match nothing outside this install. The nearby text is part of
the hash, so ignoring "Their" in one sentence does not hide the same mistake elsewhere;
ignoring the rule does that.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop.analysis.report import GrammarFinding
from desktop.grammar import GrammarUnavailableError
from desktop.settings import GrammarSettings

log = logging.getLogger(__name__)

CONTEXT = 24
"""Characters of nearby text, either side, that make an ignored finding specific."""
MAX_DICTIONARY_BYTES = 4 * 1024 * 1024
_SENTENCE_END = re.compile(r"[.!?\n]")
"""Context stops at the sentence, so writing on after a dismissed finding keeps it hidden."""


@dataclass(frozen=True)
class Preferences:
    ignored_rules: frozenset[str]
    ignored_findings: frozenset[str]
    words: frozenset[str]
    """Personal words, case-folded, for matching."""
    word_list: tuple[str, ...]
    """Personal words as the user wrote them, for engines with a dictionary of their own."""
    key: bytes

    @classmethod
    def load(cls, settings: GrammarSettings) -> Preferences:
        """Read the settings and the personal dictionary file (if one is named)."""
        words = [w.strip() for w in settings.dictionary if w.strip()]
        if settings.dictionary_path:
            words += read_dictionary(Path(settings.dictionary_path).expanduser())
        # Engines split "Okonkwo-Baines" into its parts before spell-checking them.
        words += [part for w in words if "-" in w for part in w.split("-") if part]
        return cls(
            ignored_rules=frozenset(settings.ignored_rules),
            ignored_findings=frozenset(settings.ignored_findings),
            words=frozenset(w.casefold() for w in words),
            word_list=tuple(dict.fromkeys(words)),
            key=_key(settings),
        )

    def apply(self, text: str, findings: Iterable[GrammarFinding],
              is_spelling: Callable[[GrammarFinding], bool]) -> list[GrammarFinding]:
        """The findings the user still wants to see, in text order."""
        kept = []
        for finding in findings:
            if finding.rule in self.ignored_rules:
                continue
            if (self.words and is_spelling(finding)
                    and text[finding.start:finding.end].strip().casefold() in self.words):
                continue
            if self.ignored_findings and (
                    finding_hash(text, finding, self.key) in self.ignored_findings):
                continue
            kept.append(finding)
        return sorted(kept, key=lambda f: (f.start, f.end, f.rule))


def read_dictionary(path: Path) -> list[str]:
    """Words from a personal dictionary file; any problem is one clear sentence."""
    fix = "fix it, or clear grammar.dictionary_path in settings.toml"
    try:
        if path.stat().st_size > MAX_DICTIONARY_BYTES:
            raise GrammarUnavailableError(
                f"The personal dictionary {path} is too large to be a word list; {fix}.")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise GrammarUnavailableError(
            f"The personal dictionary {path} does not exist; create it (one word a line) or "
            "clear grammar.dictionary_path in settings.toml.") from None
    except OSError as exc:
        raise GrammarUnavailableError(
            f"Cannot read the personal dictionary {path} ({exc.strerror or exc}); {fix}."
        ) from None
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise GrammarUnavailableError(
            f"The personal dictionary {path} is not UTF-8 text with one word a line; {fix}."
        ) from None
    words = []
    for number, line in enumerate(content.splitlines(), start=1):
        word = line.strip()
        if not word or word.startswith("#"):
            continue
        if any(ord(c) < 32 or c == "\x7f" for c in word):
            raise GrammarUnavailableError(
                f"Line {number} of the personal dictionary {path} has control characters, "
                f"so the file is not a word list; {fix}.")
        words.append(word)
    return words


def finding_hash(text: str, finding: GrammarFinding, key: bytes) -> str:
    """The privacy-respecting identity of one finding in one place of a draft."""
    before = _SENTENCE_END.split(text[max(0, finding.start - CONTEXT):finding.start])[-1]
    after = _SENTENCE_END.split(text[finding.end:finding.end + CONTEXT])[0]
    before, after = " ".join(before.split()), " ".join(after.split())
    message = "\0".join((finding.rule, text[finding.start:finding.end], before, after))
    digest = hashlib.blake2b(message.encode("utf-8"), key=key, digest_size=16,
                             person=b"amends-ignore")
    return digest.hexdigest()


def _key(settings: GrammarSettings) -> bytes:
    return settings.ignore_key.encode("utf-8")[:64]


def ignore_finding(settings: GrammarSettings, text: str, finding: GrammarFinding) -> str:
    """Remember that the user dismissed ``finding`` in ``text``; the caller saves settings."""
    if not settings.ignore_key:
        settings.ignore_key = secrets.token_hex(32)
    entry = finding_hash(text, finding, _key(settings))
    if entry not in settings.ignored_findings:
        settings.ignored_findings.append(entry)
    return entry


def ignore_rule(settings: GrammarSettings, rule: str) -> None:
    """Never report ``rule`` again; the caller saves settings."""
    if rule and rule not in settings.ignored_rules:
        settings.ignored_rules.append(rule)


def add_word(settings: GrammarSettings, word: str) -> None:
    """Add ``word`` to the personal dictionary; the caller saves settings."""
    word = word.strip()
    if not word or any(c.isspace() or ord(c) < 32 for c in word):
        raise ValueError("A personal dictionary entry is one word without spaces.")
    if word not in settings.dictionary:
        settings.dictionary.append(word)
