"""Fixed phrases that settle a sentence's stance whatever its embedding says.

Sentence embeddings barely see negation: "you have to forgive me" lands beside the many
accountable "you don't have to forgive me", and the model read it as accountable. Telling
the partner that they must forgive, move on or trust again is forgiveness pressure by the
taxonomy's own definition, so that is read from the words.

"You have to understand I was trying to end it" is the same move aimed at the writer's
excuse: it asks the partner to accept the reason, so it is approval-seeking too.

The other way round, a writer who recounts their own old excuse ("I used to say it just
happened") is owning it, not making it; the excuse's words pull the embedding towards
blame, so the recounting frame is read from the words too. Word order is what the
embedding misses most: "that's on me, not you" sits beside "that's on you, not me", and a
sentence that only holds back a request ("I'm not going to ask you to believe me") beside
the request itself.
"""

from __future__ import annotations

import re

from desktop.analysis.classifier import Decision
from desktop.analysis.taxonomy import ACCOUNTABLE, APPROVAL

DEMAND_LABEL = "forgiveness_pressure"
OWNED_LABEL = "ownership"
HELD_BACK_LABEL = "partner_needs"
EXCUSE_APOLOGY_LABEL = "conditional_apology"
"""'Sorry, but you have to understand…' is the taxonomy's 'sorry, but'."""
EXCUSE_LABEL = "blame_shifting"
EXCUSE_LABELS = frozenset({"blame_shifting", "minimizing", "darvo"})
"""What an excuse reads as; recounted, it is owned."""
TURNED_LABELS = frozenset({"blame_shifting", "darvo", "scorekeeping"})
"""What 'mine, not yours' is mistaken for: the same words with the roles swapped."""
REQUEST_LABELS = frozenset({"forgiveness_pressure", "validation_seeking", "darvo", "scorekeeping"})
"""What a held-back request is mistaken for: the request itself."""
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


_UNDERSTAND = re.compile(
    rf"\b(?:you|u){_OBLIGATION}\s+(?:\w+\s+){{0,2}}understand\b", re.IGNORECASE)
"""'You have to understand…', 'u need to try and understand…'."""
_APOLOGY = re.compile(r"\b(?:sorry|apologi[sz]e|apologies)\b", re.IGNORECASE)

_MINE_NOT_YOURS = re.compile(
    r"\b(?:on me|mine|my (?:job|work|fault|responsibility|doing|mess|choice|choices|lie|lies)"
    r"|for me to (?:fix|carry|mend|repair|earn))\b[,;]?\s+(?:and\s+)?not\s+(?:on\s+)?"
    r"(?:you|u|yours|your (?:job|work|fault|responsibility|doing))\b",
    re.IGNORECASE,
)
"""'That's on me, not you', 'Rebuilding this is my work, not yours'."""

_HELD_BACK = re.compile(
    r"^\W*(?:and |so |honestly,? )?(?:"
    r"i(?:['’]m| am) not (?:asking|expecting|going to|gonna)|i (?:won['’]?t|will not|don['’]?t|"
    r"do not) (?:ask|expect|push|pressure|rush|need)|(?:you|u) (?:don['’]?t|do not) "
    r"(?:have to|need to|owe)|(?P<free>(?:there['’]s )?no (?:rush|pressure|deadline|hurry)\b))",
    re.IGNORECASE,
)
"""A sentence that opens by holding back a request or freeing the partner of one."""
_HELD_BACK_OBJECT = re.compile(
    r"\b(?:you|u|us|ur)\b|\b(?:keep|push|ask|call|text|message|rush)\w*\b", re.IGNORECASE)
"""Whom or what is held back: not "I'm not expecting a medal"."""
_SECOND_CLAUSE = re.compile(
    r"[,;:—–]|\b(?:but|just|only|until|unless|yet|still|so|while|when|because|if)\b",
    re.IGNORECASE)
"""Anything after which the sentence could go on to ask after all."""


def asks_to_understand_excuse(sentence: str) -> bool:
    """Whether the sentence tells the partner they must understand the writer's side."""
    return any(not _NEGATED_OR_OPEN.search(_clause_before(sentence, match.start()))
               for match in _UNDERSTAND.finditer(sentence))


def mine_not_yours(sentence: str) -> bool:
    """Whether the sentence takes the work or the fault as the writer's and not the partner's."""
    return bool(_MINE_NOT_YOURS.search(sentence))


def holds_back_request(sentence: str) -> bool:
    """Whether the whole sentence is one clause that holds back a request ("I'm not going to
    ask you to believe me this time", "no rush to reply")."""
    opener = _HELD_BACK.search(sentence)
    return bool(opener and (opener["free"] or _HELD_BACK_OBJECT.search(sentence))
                and not _SECOND_CLAUSE.search(sentence, opener.end()))


_HEDGED_APOLOGY = re.compile(rf"{_APOLOGY.pattern}[^.?!]*?\bbut\b", re.IGNORECASE)
"""Any "but" after the apology: the model's cue looks 40 characters on, this the whole way."""


def hedges_apology(sentence: str) -> bool:
    """Whether an apology in the sentence goes on with "but" ("I'm sorry for what I did, but
    your brother…"). A writer's own "sorry, but" is read by its clause after "but"; a
    rewrite the product offers should not hedge at all."""
    return bool(_HEDGED_APOLOGY.search(sentence))


def recounts_own_excuse(sentence: str) -> bool:
    """Whether the sentence tells what the writer used to say or tell themselves, without
    standing by it ("For months I told myself it was because we were drifting")."""
    return bool(_RECOUNTING.search(sentence)) and not _ENDORSED.search(sentence)


def demands_forgiveness(sentence: str) -> bool:
    """Whether the sentence tells the partner they must forgive, move on or trust again."""
    return any(
        not _NEGATED_OR_OPEN.search(
            f"{_clause_before(sentence, match.start())} {match['between'] or ''}")  # "u dont"
        for match in _DEMAND.finditer(sentence))


def _clause_before(sentence: str, position: int) -> str:
    """The words of the clause that ``position`` is in, up to ``position``."""
    before = sentence[:position]
    starts = [m.end() for m in _CLAUSE_START.finditer(before)]
    return before[starts[-1] if starts else 0:]


def settle(sentence: str, decision: Decision) -> Decision:
    """The head's decision, unless a fixed phrase settles the sentence otherwise."""
    if decision.family != APPROVAL:
        if demands_forgiveness(sentence):
            return _settled(DEMAND_LABEL, APPROVAL)
        if asks_to_understand_excuse(sentence):
            return _settled(EXCUSE_APOLOGY_LABEL if _APOLOGY.search(sentence) else EXCUSE_LABEL,
                            APPROVAL)
        return decision
    if decision.label in EXCUSE_LABELS and recounts_own_excuse(sentence):
        return _settled(OWNED_LABEL, ACCOUNTABLE)
    if decision.label in TURNED_LABELS and mine_not_yours(sentence):
        return _settled(OWNED_LABEL, ACCOUNTABLE)
    if decision.label in REQUEST_LABELS and holds_back_request(sentence):
        return _settled(HELD_BACK_LABEL, ACCOUNTABLE)
    return decision


def _settled(label: str, family: str) -> Decision:
    """A decision a fixed phrase made."""
    return Decision(label, PHRASE_CONFIDENCE, family, PHRASE_CONFIDENCE)
