"""Fixed phrases that settle a sentence's stance whatever its embedding says.

Sentence embeddings barely see negation: "you have to forgive me" lands beside the many
accountable "you don't have to forgive me", and the model read it as accountable. Telling
the partner that they must forgive, move on or trust again is forgiveness pressure by the
taxonomy's own definition, so that is read from the words.

The other way round, a writer who recounts their own old excuse ("I used to say it just
happened") is owning it, not making it; the excuse's words pull the embedding towards
blame, so the recounting frame is read from the words too.
"""

from __future__ import annotations

import re

from desktop.analysis.classifier import Decision
from desktop.analysis.taxonomy import ACCOUNTABLE, APPROVAL

DEMAND_LABEL = "forgiveness_pressure"
RECOUNTED_LABEL = "ownership"
EXCUSE_LABELS = frozenset({"blame_shifting", "minimizing", "darvo"})
"""What an excuse reads as; recounted, it is owned."""
PHRASE_CONFIDENCE = 0.9
"""A fixed phrase is near-certain evidence; the rest allows for a sentence that quotes one."""

_OBLIGATION = (r"(?:\s+(?:have to|need to|must|should|ought to|have got to|gotta|will have to|"
               r"are (?:going to|gonna) have to|had better)|"
               r"['’](?:ve got to|ll have to|re (?:going to|gonna) have to|d better))")
_DEMANDED = (
    r"(?:forgive (?:me|us|this|that|it|what|my)|let (?:it|this|that|things|the past) go|"
    r"move on|get over (?:it|this|that|her|him|them)|put (?:it|this|that) behind|"
    r"be (?:over|past) (?:it|this|that)|trust me|forget (?:about )?(?:it|this|that|her|him)|"
    r"give (?:me|us) (?:another|a second|one more) chance|meet me halfway|"
    r"stop (?:bringing|punishing|mentioning|talking about|going on about|throwing))"
)
_DEMAND = re.compile(
    rf"\b(?:you|u)(?:\s+(?P<between>\w+))?{_OBLIGATION}(?!\s+(?:not|never)\b)\s+(?:\w+\s+){{0,3}}?"
    rf"{_DEMANDED}\b",
    re.IGNORECASE,
)
_NEGATED_OR_OPEN = re.compile(
    r"\b(?:not|no|never|nobody|if|whether|unless|when(?:ever)?)\b|n't\b|\bdont\b",
    re.IGNORECASE,
)
"""Before the demand in its clause: "I'm not saying you have to …", "if you need to move
on …" leave the partner free."""
_CLAUSE_START = re.compile(r"[,;:.!?—–]|\b(?:but|and|so)\b", re.IGNORECASE)


_LEAD_IN = (r"(?:(?:for (?:a long time|a while|months|years|weeks|ages)|back then|at the time|"
            r"at first|before|when [^,]{1,80}),?\s+)?")
_RECOUNTING = re.compile(
    rf"^\s*{_LEAD_IN}i(?:['’]d)?\s+(?:used to\s+|would\s+|kept\s+|always\s+)?"
    r"(?:say|said|saying|tell|told|telling|call|called|claim|claimed|insist|insisted|"
    r"blame|blamed|pretend|pretended|convince|convinced)\b",
    re.IGNORECASE,
)
"""The sentence opens on the writer telling what they said or told themselves back then."""
_ENDORSED = re.compile(
    r"\b(?:and|which) (?:it|that) (?:was|is|['’]s) true\b|\bi still (?:think|believe|feel|say)\b|"
    r"\bi meant it\b|\band i was right\b",
    re.IGNORECASE,
)
"""…unless the writer stands by it now."""


def recounts_own_excuse(sentence: str) -> bool:
    """Whether the sentence tells what the writer used to say or tell themselves, without
    standing by it ("For months I told myself it was because we were drifting")."""
    return bool(_RECOUNTING.search(sentence)) and not _ENDORSED.search(sentence)


def demands_forgiveness(sentence: str) -> bool:
    """Whether the sentence tells the partner they must forgive, move on or trust again."""
    for match in _DEMAND.finditer(sentence):
        before = sentence[:match.start()]
        starts = [m.end() for m in _CLAUSE_START.finditer(before)]
        clause = before[starts[-1] if starts else 0:]
        if not _NEGATED_OR_OPEN.search(f"{clause} {match['between'] or ''}"):  # "u dont"
            return True
    return False


def settle(sentence: str, decision: Decision) -> Decision:
    """The head's decision, unless a fixed phrase settles the sentence otherwise."""
    if decision.family != APPROVAL and demands_forgiveness(sentence):
        return Decision(DEMAND_LABEL, PHRASE_CONFIDENCE, APPROVAL, PHRASE_CONFIDENCE)
    if decision.label in EXCUSE_LABELS and recounts_own_excuse(sentence):
        return Decision(RECOUNTED_LABEL, PHRASE_CONFIDENCE, ACCOUNTABLE, PHRASE_CONFIDENCE)
    return decision
