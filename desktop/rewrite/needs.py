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


def conflicts(needs: Sequence[str], sentences: Sequence[SentenceReport],
              now: datetime | None = None) -> list[NeedConflict]:
    """Where this draft, sent now, goes against a stated need."""
    now = now or datetime.now()
    found: list[NeedConflict] = []
    for need in (n.strip() for n in needs):
        if not need:
            continue
        found += _moment_conflicts(need, now)
        found += _sentence_conflicts(need, sentences)
    return found


def _moment_conflicts(need: str, now: datetime) -> list[NeedConflict]:
    if _WEEKEND.search(need) and now.weekday() >= 5:
        return [NeedConflict(need, f"today is {now:%A}")]
    late = _LATE.search(need)
    if late:
        hour = late.group("hour")
        in_window = (_hour_in_window(now, int(hour), bool(late.group("pm"))) if hour
                     else now.hour >= 22 or now.hour < 6)
        if in_window:
            return [NeedConflict(need, f"it is {now:%H:%M} now")]
    if _AT_WORK.search(need) and now.weekday() < 5 and 9 <= now.hour < 17:
        return [NeedConflict(need, "it is working hours now")]
    return []


def _sentence_conflicts(need: str, sentences: Sequence[SentenceReport]) -> list[NeedConflict]:
    found = []
    topic = _TOPIC.search(need)
    topic_words = topic.group("topic").strip().lower() if topic else ""
    topic_words = re.sub(r"^(?:the|about|anything about|her|his)\s+", "", topic_words)
    for index, sentence in enumerate(sentences):
        label, text = sentence.label, sentence.text.lower()
        reason = None
        if topic_words and topic_words not in _PRONOUNS and re.search(
                rf"\b{re.escape(topic_words)}\b", text):
            reason = f"it mentions {topic.group('topic').strip()}"  # type: ignore[union-attr]
        elif _NO_GIFTS.search(need) and label == "grand_gesture":
            reason = "it offers a gift or gesture"
        elif _NO_PRESSURE.search(need) and label == "forgiveness_pressure":
            reason = "it asks them to move faster than they chose"
        elif _NO_REASSURANCE.search(need) and label == "validation_seeking":
            reason = "it asks them for reassurance"
        elif _HONEST_ANSWERS.search(need) and label in {"darvo", "minimizing", "blame_shifting"}:
            reason = "it deflects instead of answering"
        if reason:
            found.append(NeedConflict(need, reason, index))
    return found
