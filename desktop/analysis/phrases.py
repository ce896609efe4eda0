"""Fixed phrases that settle a sentence's stance whatever its embedding says.

Sentence embeddings barely see negation: "you have to forgive me" lands beside the many
accountable "you don't have to forgive me", and the model read it as accountable. Telling
the partner that they must forgive, move on or trust again is forgiveness pressure by the
taxonomy's own definition, so that is read from the words.
"""

from __future__ import annotations

import re

from desktop.analysis.classifier import Decision
from desktop.analysis.taxonomy import APPROVAL

DEMAND_LABEL = "forgiveness_pressure"
PHRASE_CONFIDENCE = 0.9
"""A demand is near-certain evidence; the rest allows for a sentence that quotes one."""

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
    if decision.family == APPROVAL or not demands_forgiveness(sentence):
        return decision
    return Decision(DEMAND_LABEL, PHRASE_CONFIDENCE, APPROVAL, PHRASE_CONFIDENCE)
