"""The writer's own specifics in a sentence (names, times), so a rewrite can keep them."""

from __future__ import annotations

import re

_NOT_NAMES = frozenset("""
    I I'm I've I'll I'd Im Ive Ill Id OK Ok God Mum Mom Dad Okay Please Sorry Yes No Oh
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Christmas Easter Xmas Valentine's
""".split())
_WORD = re.compile(r"\b[A-Z][a-z]+(?:'s)?\b")
_WHEN = re.compile(
    r"\b(?:(?:last|this|next|on|every|that)\s+(?:night|week|weekend|month|year|morning|"
    r"evening|afternoon|monday|tuesday|wednesday|thursday|friday|saturday|sunday|time)|"
    r"(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?|"
    r"yesterday|today|tonight|tomorrow|at\s+\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?|"
    r"(?:in|since)\s+(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december|\d{4})|for\s+(?:\d+|a few|several|two|three|six)\s+"
    r"(?:days|weeks|months|years))\b",
    re.IGNORECASE,
)


def find_specifics(sentence: str) -> dict[str, str]:
    """Slot values found in ``sentence``: 'name' (a person) and 'when' (a time expression)."""
    found: dict[str, str] = {}
    for match in _WORD.finditer(sentence):
        word = match.group(0).removesuffix("'s")
        at_start = not sentence[:match.start()].strip(" \"'“‘")
        if word not in _NOT_NAMES and not at_start:
            found["name"] = word
            break
    when = _WHEN.search(sentence)
    if when:
        found["when"] = when.group(0)
    return found


_SLOT = re.compile(r"\{(?P<slot>[a-z]+)(?:\|(?P<fallback>[^}]*))?\}")


def fill_slots(template: str, specifics: dict[str, str]) -> str:
    """Put the writer's specifics into ``{slot|fallback}`` places; fall back where absent."""
    return _SLOT.sub(lambda m: specifics.get(m.group("slot")) or m.group("fallback") or "",
                     template)


def slots_in(template: str) -> set[str]:
    return {m.group("slot") for m in _SLOT.finditer(template)}
