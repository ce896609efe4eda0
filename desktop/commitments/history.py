"""Warning when a new draft repeats a promise that was already missed more than once.

A promise broken twice and made a third time in the same words tends to land as noise,
so the writer is shown that history before sending. Similarity is by normalised words
(contractions expanded, times and dates set aside, simple word endings dropped). A looser
paraphrase ("quit looking at her Instagram" for "stop checking her profile") is not caught:
the stance-tuned embedder groups promises by stance, not by topic, so its similarity was no
safe guide. Nothing here judges the writer; the
message states the dates and stops.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from desktop.commitments.extract import extract_promises
from desktop.commitments.ledger import Entry, Ledger
from desktop.commitments.wording import NO_DATE

log = logging.getLogger(__name__)

MIN_MISSES = 2
WORD_OVERLAP = 0.6

_CONTRACTIONS = (
    (r"\bwon'?t\b", "will not"), (r"\bcan'?t\b", "cannot"), (r"\bshan'?t\b", "shall not"),
    (r"\b(?:i'?m|i am) (?:not )?(?:going to|gonna)\b", "i will"), (r"\bgonna\b", "will"),
    (r"\bi'?ll\b", "i will"), (r"n't\b", " not"), (r"\bi'?m\b", "i am"),
    (r"'re\b", " are"), (r"'ve\b", " have"), (r"'s\b", ""), (r"'d\b", " would"),
)
_NEGATION = re.compile(r"\b(?:not|never|no|stop|stopping|quit)\b")
_SET_ASIDE = frozenset(
    "i will shall you your yours the a an to and my me be am is are of on at by in for with "
    "it that this from now promise again also just really always ever every each before "
    "after until today tonight tomorrow morning evening night week weekend month monday "
    "tuesday wednesday thursday friday saturday sunday not never no if whether when are have "
    "would there they so".split())


@dataclass(frozen=True)
class RepeatWarning:
    """A promise in the draft that was made before and missed at least twice."""

    start: int
    end: int
    """Code-point offsets of the promise in the draft, end exclusive."""
    text: str
    message: str
    missed_on: tuple[dt.date | None, ...]
    commitment_ids: tuple[int, ...]


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, contractions written out, spaces folded."""
    folded = text.lower().replace("’", "'").replace("‘", "'")
    for pattern, replacement in _CONTRACTIONS:
        folded = re.sub(pattern, replacement, folded)
    return " ".join(re.findall(r"[a-z]+", folded))


def _stem(word: str) -> str:
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]  # "leave" and "leaving" meet at "leav"
    for ending in ("ing", "ed", "es", "s"):
        if len(word) >= len(ending) + 3 and word.endswith(ending):
            return word[: -len(ending)]
    return word


def content_words(text: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in normalise(text).split() if w not in _SET_ASIDE)


def _negated(text: str) -> bool:
    return bool(_NEGATION.search(normalise(text)))


def similar(a: str, b: str) -> bool:
    """Whether two promises say the same thing, by their words."""
    if _negated(a) != _negated(b):
        return False
    words_a, words_b = content_words(a), content_words(b)
    if words_a and words_b:
        overlap = len(words_a & words_b) / len(words_a | words_b)
        if overlap >= WORD_OVERLAP:
            return True
    return SequenceMatcher(None, normalise(a), normalise(b)).ratio() >= 0.85


def _when(day: dt.date | None, now: dt.date) -> str:
    if day is None:
        return NO_DATE
    return f"{day.day} {day:%b}" + ("" if day.year == now.year else f" {day.year}")


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def message_for(promised: int, missed: Sequence[dt.date | None], now: dt.date) -> str:
    """The plain sentence shown to the writer, e.g. both times missed, with the dates."""
    dates = ", ".join(_when(d, now) for d in missed)
    if promised == len(missed):
        every = "both times" if promised == 2 else f"all {promised} times"
        return f"You promised this {_times(promised)} before and {every} it was missed ({dates})."
    if promised == 1:
        return (f"You promised this once before, and it was missed {_times(len(missed))} "
                f"({dates}).")
    return (f"You promised this {_times(promised)} before; it was missed "
            f"{_times(len(missed))} ({dates}).")


def _entries(ledger: Ledger | Iterable[Entry]) -> list[Entry]:
    return ledger.entries() if isinstance(ledger, Ledger) else list(ledger)


def repeat_warnings(draft_text: str, ledger: Ledger | Iterable[Entry],
                    now: dt.datetime | dt.date | None = None, *,
                    min_misses: int = MIN_MISSES) -> list[RepeatWarning]:
    """Promises in ``draft_text`` already missed ``min_misses`` times or more."""
    today = now.date() if isinstance(now, dt.datetime) else (now or dt.date.today())
    entries = [e for e in _entries(ledger) if e.missed]
    promises = extract_promises(draft_text, today)
    if not entries or not promises:
        return []
    warnings = []
    for promise in promises:
        matching = [e for e in entries if similar(promise.text, e.text)]
        misses = sorted((m.on for e in matching for m in e.missed),
                        key=lambda d: d or dt.date.min)
        if len(misses) < min_misses:
            continue
        warnings.append(RepeatWarning(promise.start, promise.end, promise.text,
                                      message_for(len(matching), misses, today),
                                      tuple(misses), tuple(e.id for e in matching)))
    return warnings
