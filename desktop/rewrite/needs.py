"""The partner's stated needs and boundaries, and the drafts that work against them.

Needs are free text in the partner's own words ("no contact on weekends", "please stop
asking if I'm okay"). Each is read into one or more kinds; a kind knows which sentences
(by label or by what they mention) or which moments (a weekend) go against it. Anything not
understood is kept and shown, never guessed at.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from desktop.analysis.report import SentenceReport

_NO_CONTACT = (
    r"(?:no (?:contact|texts?|messages?|calls?|texting|calling)|"
    r"(?:don'?t|do not) (?:text|message|call|contact|email)|"
    r"(?:need|want) (?:some )?space|leave me alone)"
)
_WEEKEND = re.compile(rf"{_NO_CONTACT}.*\bweekends?\b|\bweekends?\b.*{_NO_CONTACT}", re.I)
_LATE = re.compile(
    rf"{_NO_CONTACT}.*\b(?:after|past)\s+(?P<hour>\d{{1,2}})\s*(?P<pm>pm|p\.m\.)?|"
    rf"{_NO_CONTACT}.*\b(?:at night|late at night|overnight)\b", re.I)
_AT_WORK = re.compile(rf"{_NO_CONTACT}.*\b(?:at|during) work\b", re.I)
_TOPIC = re.compile(
    r"(?:don'?t|do not|never|stop|no more)\s+(?:mention(?:ing)?|bring(?:ing)? up|talk(?:ing)? "
    r"about|say(?:ing)?|us(?:e|ing))\s+(?P<topic>[^,.;!?]+)", re.I)
_NO_GIFTS = re.compile(r"\bno (?:more )?(?:gifts?|presents?|flowers|surprises|grand gestures?)\b|"
                       r"don'?t (?:buy|get) me (?:anything|gifts?|presents?|flowers)", re.I)
_NO_PRESSURE = re.compile(
    r"don'?t (?:rush|push|pressure) me|no pressure|"
    r"stop asking (?:me )?(?:when|to forgive|if I'?ve forgiven|for forgiveness)|"
    r"don'?t ask me to (?:forgive|move on|get over)|"
    r"(?:I'?ll|I will) decide when|on my (?:own )?timeline|in my own time|"
    r"at my (?:own )?pace", re.I)
_NO_REASSURANCE = re.compile(
    r"stop asking (?:me )?(?:if|whether) (?:I|i)(?:'?m| am) (?:ok|okay|alright|fine)|"
    r"don'?t ask me (?:how I feel|if I still love you|to reassure you)|"
    r"stop asking (?:me )?(?:if|whether) I (?:still )?love you|"
    r"(?:can'?t|cannot|won'?t) (?:be the one to )?(?:comfort|reassure) you", re.I)
_HONEST_ANSWERS = re.compile(
    r"answer (?:my )?questions|honest answers?|tell me the truth|the whole truth|"
    r"no more (?:lies|excuses)", re.I)

REASONS_SHOWN = 3
"""Needs quoted in the report's reasons; the others are counted in one more line."""
QUOTE_CHARS = 120
READINGS_CACHED = 2048
"""Needs whose reading is remembered (the app checks the same list on every edit)."""

_PRONOUNS = frozenset({"it", "that", "this", "her", "him", "them", "her name", "his name"})


@dataclass(frozen=True)
class NeedConflict:
    need: str
    """The need as the partner put it (quoted to the writer)."""
    reason: str
    sentence: int | None = None
    """Index of the sentence that works against it; None when the whole draft does."""


def _hour_in_window(now: datetime, hour: int, pm: bool) -> bool:
    start = hour + 12 if pm and hour < 12 else hour
    if not pm and hour < 7:  # "after 9" in the evening is what people mean
        start = hour + 12
    return now.hour >= start or now.hour < 6


@dataclass(frozen=True)
class _Reading:
    """What one need asks, read once: a list of 500 needs is read once, not per sentence."""

    topic: re.Pattern[str] | None
    topic_name: str
    by_label: tuple[tuple[frozenset[str], str], ...]
    """(labels that go against it, reason), first match wins."""
    weekend: bool
    late: re.Match[str] | None
    at_work: bool


_LABEL_RULES: tuple[tuple[re.Pattern[str], frozenset[str], str], ...] = (
    (_NO_GIFTS, frozenset({"grand_gesture"}), "it offers a gift or gesture"),
    (_NO_PRESSURE, frozenset({"forgiveness_pressure"}),
     "it asks them to move faster than they chose"),
    (_NO_REASSURANCE, frozenset({"validation_seeking"}), "it asks them for reassurance"),
    (_HONEST_ANSWERS, frozenset({"darvo", "minimizing", "blame_shifting"}),
     "it deflects instead of answering"),
)


@lru_cache(maxsize=READINGS_CACHED)
def _read(need: str) -> _Reading:
    topic = _TOPIC.search(need)
    words = topic.group("topic").strip().lower() if topic else ""
    words = re.sub(r"^(?:the|about|anything about|her|his)\s+", "", words)
    pattern = (re.compile(rf"\b{re.escape(words)}\b") if words and words not in _PRONOUNS
               else None)
    return _Reading(
        pattern, topic.group("topic").strip() if topic else "",
        tuple((labels, reason) for rule, labels, reason in _LABEL_RULES if rule.search(need)),
        bool(_WEEKEND.search(need)), _LATE.search(need), bool(_AT_WORK.search(need)))


def conflicts(needs: Sequence[str], sentences: Sequence[SentenceReport],
              now: datetime | None = None) -> list[NeedConflict]:
    """Where this draft, sent now, goes against a stated need (each distinct need once)."""
    now = now or datetime.now()
    lowered = [s.text.lower() for s in sentences]
    found: list[NeedConflict] = []
    for need in dict.fromkeys(n.strip() for n in needs):
        if not need:
            continue
        reading = _read(need)
        found += _moment_conflicts(need, reading, now)
        found += _sentence_conflicts(need, reading, sentences, lowered)
    return found


def _moment_conflicts(need: str, reading: _Reading, now: datetime) -> list[NeedConflict]:
    if reading.weekend and now.weekday() >= 5:
        return [NeedConflict(need, f"today is {now:%A}")]
    late = reading.late
    if late:
        hour = late.group("hour")
        in_window = (_hour_in_window(now, int(hour), bool(late.group("pm"))) if hour
                     else now.hour >= 22 or now.hour < 6)
        if in_window:
            return [NeedConflict(need, f"it is {now:%H:%M} now")]
    if reading.at_work and now.weekday() < 5 and 9 <= now.hour < 17:
        return [NeedConflict(need, "it is working hours now")]
    return []


def _sentence_conflicts(need: str, reading: _Reading, sentences: Sequence[SentenceReport],
                        lowered: Sequence[str]) -> list[NeedConflict]:
    if reading.topic is None and not reading.by_label:
        return []
    found = []
    for index, (sentence, text) in enumerate(zip(sentences, lowered, strict=True)):
        if reading.topic is not None and reading.topic.search(text):
            reason = f"it mentions {reading.topic_name}"
        else:
            reason = next((why for labels, why in reading.by_label if sentence.label in labels),
                          None)
        if reason:
            found.append(NeedConflict(need, reason, index))
    return found


def reason_lines(found: Sequence[NeedConflict], shown: int = REASONS_SHOWN) -> list[str]:
    """The report's reasons for ``found``: one line per need, at most ``shown`` of them.

    A draft checked against a long needs list can go against hundreds of them; a wall of
    reasons hides the verdict, so the first few are quoted and the rest counted. Every
    conflict stays in the report's ``needs`` and on its sentence.
    """
    by_need: dict[str, list[NeedConflict]] = {}
    for conflict in found:
        by_need.setdefault(conflict.need, []).append(conflict)
    lines = []
    for need, mine in list(by_need.items())[:shown]:
        sentences = {c.sentence for c in mine if c.sentence is not None}
        where = f", in {len(sentences)} sentences" if len(sentences) > 1 else ""
        lines.append(f"Goes against what your partner asked: {quote_need(need)} "
                     f"({mine[0].reason}{where})")
    rest = len(by_need) - shown
    if rest > 0:
        lines.append(f"…and this draft goes against {rest:,} more of the needs your "
                     "partner stated")
    return lines


def quote_need(need: str, limit: int = QUOTE_CHARS) -> str:
    """A need in curly quotes on one line, cut at ``limit`` characters (a need can be long)."""
    flat = " ".join(need.split())
    return f"“{flat}”" if len(flat) <= limit else f"“{flat[:limit - 1]}…”"
