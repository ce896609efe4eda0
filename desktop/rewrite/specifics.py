"""The writer's own specifics in a sentence (names, times), so a rewrite can keep them."""

from __future__ import annotations

import re

_NOT_NAMES = frozenset("""
    I I'm I've I'll I'd Im Ive Ill Id OK Ok God Mum Mom Dad Okay Please Sorry Yes No Oh
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Christmas Easter Xmas Valentine's
""".split())
_WORD = re.compile(r"\b(?:(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof)\.?\s+)?[A-Z][a-z]+(?:'s)?\b")
"""A capitalised word, with its title if it has one ("Ms Okafor" is one name, not "Ms")."""
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


_FUNCTION_WORDS = frozenset("""
    a an the and or but so if then than that this these those there here it its it's i i'm
    i've i'll i'd me my mine myself you you're you've your yours yourself we us our he him his
    she her hers they them their what which who whom whose when where why how all any both
    each few more most other some such no nor not only own same too very can will just don't
    should now was were be been being have has had having do does did doing would could might
    must shall to of in on at by for with about against between into through during before
    after above below from up down out off over under again further once is are am as until
    while because never ever really even still also much many one something anything nothing
    everything someone anyone thing things way know think feel felt want wanted going get got
    make made let say said tell told sorry didn't wasn't isn't aren't weren't won't can't
    couldn't wouldn't shouldn't haven't hasn't hadn't doesn't
""".split())
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?")


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:5]


def content_stems(text: str) -> frozenset[str]:
    """Crude stems of the content words of ``text`` ("kissed" and "kiss" share one)."""
    words = _TOKEN.findall(text.lower().replace("’", "'"))
    return frozenset(_stem(w) for w in words if w not in _FUNCTION_WORDS and len(w) > 2)
