"""What a sentence says happened: its content words, and which of them it denies.

A rewrite pair tells a story of its own ("It was one kiss" → "I kissed someone else"); it
may be offered only when the writer's sentence tells the same one, and never when the
writer said it did not happen ("we never kissed").
"""

from __future__ import annotations

import re

_FUNCTION_WORDS = frozenset("""
    a an the and or but so if then than that this these those there here it its it's i i'm
    i've i'll i'd me my mine myself you you're you've your yours yourself we us our he him his
    she her hers they them their what which who whom whose when where why how all any both
    each few more most other some such no nor not only own same too very can will just don't
    should now was were be been being have has had having do does did doing would could might
    must shall to of in on at by for with about against between into through during before
    after above below from up down out off over under again further once is are am as until
    while because never ever really even still also much many one something anything nothing
    everything someone anyone else thing things way know think feel felt want wanted going get got
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
    affirmed, denied = stems_by_polarity(text)
    return affirmed | denied


_NEGATOR = re.compile(r"not|never|no|nor|nothing|nobody|none|neither|cannot|\w+n't|"
                      r"(?:do|does|did|is|was|were|are|has|have|had|wo|ca|could|would|should)nt")
_CLAUSE_BREAK = re.compile(r"[,.;:!?()—–]|\b(?:but|and|so|because|though|although|yet)\b")
NEGATION_REACH = 4
"""Words after "never"/"didn't" that it denies ("I never even met her")."""


def clause_words(text: str) -> list[list[str]]:
    """The lower-case words of each clause of ``text`` (split at punctuation and at "but",
    "and", "so", "because")."""
    return [_TOKEN.findall(clause)
            for clause in _CLAUSE_BREAK.split(text.lower().replace("’", "'"))]


def stems_by_polarity(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The content stems ``text`` affirms, and those it denies ("never met", "didn't
    sleep"): a rewrite must not state as fact what the writer said did not happen."""
    affirmed: set[str] = set()
    denied: set[str] = set()
    for words in clause_words(text):
        reach = 0
        for word in words:
            if _NEGATOR.fullmatch(word):
                reach = NEGATION_REACH
                continue
            if word not in _FUNCTION_WORDS and len(word) > 2:
                (denied if reach else affirmed).add(_stem(word))
            reach = max(0, reach - 1)
    return frozenset(affirmed), frozenset(denied)
