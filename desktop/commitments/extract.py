"""Finding the promises in a sent message: "I'll …", "I won't … again", "from now on …".

Rules, not a model: each promise must be explainable to the writer ("you wrote 'I'll call
at lunch'"), and a false one costs more than a missed one, because the ledger would then
ask the writer to account for something they never promised. So the extractor refuses
feelings ("I'll always regret"), talk about the message itself ("I'll be honest"),
questions, reported speech ("you said you'd"), hypotheticals ("I'd do anything") and
plans stated as plain facts ("I'm going to Leeds on Thursday").

Spans are Python string offsets (code points) into the message, end exclusive.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from dataclasses import dataclass

from desktop.analysis.segmenter import split_sentences
from desktop.commitments.dates import Recurrence, find_due, find_repeat

log = logging.getLogger(__name__)

MAX_CHARS = 200_000
"""Longest message read for promises; a sent message is far shorter."""

_A = "['’]"
_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"


@dataclass(frozen=True)
class Promise:
    """One promise found in a message."""

    start: int
    end: int
    text: str
    due: dt.date | None = None
    repeat: Recurrence | None = None


@dataclass(frozen=True)
class _Trigger:
    start: int
    """Where the promise's clause begins (its subject, or a fronted phrase)."""
    after: int
    """Where the words that follow the modal begin (what is promised)."""
    kind: str
    negative: bool = False


_VERBS = (
    "be|call|text|ring|phone|message|email|let|pick|bring|get|send|do|make|go|come|see|tell|"
    "take|keep|try|stop|leave|check|cook|sort|book|pay|grab|buy|drop|meet|wait|put|give|show|"
    "stay|head|look|clean|fix|finish|move|walk|drive|collect|answer|forward|share|start|"
    "write|read|listen|talk|ask|help|arrange|handle|deal|clear|return|switch|turn|set|"
    "never|always|just|also|definitely|probably|still|not"
)
_TRIGGERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("modal", re.compile(rf"(?<![\w'’])(?:I|i){_A}ll\b(?P<neg>\s+not\b)?")),
    ("modal", re.compile(r"(?<![\w'’])(?:I|i)\s+(?:will|shall)\b(?P<neg>\s+not\b)?")),
    ("modal", re.compile(rf"(?<![\w'’])(?:I|i)\s+(?P<neg>won{_A}?t|shan{_A}?t)\b")),
    ("modal", re.compile(rf"(?:^|(?<=[,;:.!?]\s)|(?<=\s-\s))(?:Ill|ill)\s+(?={_VERBS}\b)")),
    ("going", re.compile(rf"(?<![\w'’])(?:I{_A}?m|I am|im|i{_A}m)\s+(?P<neg>not\s+)?"
                         r"(?:going to|gonna)\b", re.I)),
    ("going", re.compile(rf"(?:^|(?<=[,;:.!?]\s))gonna\s+(?={_VERBS}\b)", re.I)),
    ("not_going", re.compile(rf"(?<![\w'’])I{_A}?m not (?:going|coming)(?=\s*(?:[.,;!]|$))",
                             re.I)),
    ("promise", re.compile(r"(?<![\w'’])I\s+(?:can\s+|do\s+|solemnly\s+)?promise\b"
                           r"(?!\s*[.!]|\s*$)")),
    ("intent", re.compile(rf"(?<![\w'’])(?:I(?:{_A}ve| have) decided to|my plan is to|"
                          rf"I intend to|I{_A}?m (?:committed|committing|determined) to|"
                          r"I commit to)\b", re.I)),
    ("never_again", re.compile(rf"\b(?:it|this|that)\s+(?:won{_A}?t|will not|will never|"
                               rf"is never going to|isn{_A}t going to)\s+happen again\b",
                               re.I)),
    ("from_now", re.compile(rf"\b(?:starting|from)\s+(?:now on|now|today|tonight|tomorrow|"
                            rf"next week|this week|next month|this month|{_DAY}|"
                            r"the \d{1,2}(?:st|nd|rd|th))\b,?\s*", re.I)),
    ("whereabouts", re.compile(rf"(?:^|(?<=[,;:]\s)|(?<=\bnow\s))(?:(?:I{_A}ll\s+)?be\s+)?"
                               r"(?:home|back)\s+(?:by|at|in|before)\s+\d", re.I)),
    ("habit", re.compile(
        r"(?:^|(?<=[,;:]\s)|(?<=\band\s))(?:and\s+)?"
        r"(?:(?:every|each)\s+\w+\s+|on\s+\w+days\s+)?I\s+(?:always\s+|now\s+|still\s+)?"
        r"(?!(?:will|shall|would|could|can|should|must|might|may|need|needed|want|wanted|"
        r"hope|think|know|feel|wish|am|was|had|have|did|do|don|didn|wasn|used|love|miss|"
        r"hate|guess|mean|meant|just|really|never)\b)(?P<verb>[a-z]+)\b")),
)

_IRREGULAR_PAST = frozenset(
    "went saw met told said kept took got had was were did made gave left came brought "
    "bought thought felt knew let put ran sat slept spoke stood wrote read heard lost found "
    "sent spent lied lay".split())

_REPORTED = re.compile(
    rf"(?:\b(?:said|says|say|told|tells|tell|think|thinks|thought|promised|asked|swore|"
    rf"reckon|reckons|guess|assume|suppose|believe|warned|claimed|claims)|"
    rf"(?:can{_A}?t|cannot|won{_A}?t|don{_A}?t|didn{_A}?t|not) promise)"
    r"(?:\s+(?:me|her|him|them|you|us|everyone|people|my \w+|your \w+))?"
    r"(?:\s+that)?\s*$", re.I)
_WH_BEFORE = re.compile(r"\b(?:what|where|whether|how|why|if|when)\s+$", re.I)
_STATIVE = re.compile(
    r"(?:^|(?<=\s))(?:(?:never|always|ever|forever|just|still|also|probably|definitely|really)\s+)*"
    r"(?:understand|know|forgive myself|regret|love|miss|wonder|hope|feel|hate|carry|"
    r"remember|lose|blame myself|be (?:sorry|grateful|thankful|fine|ok|okay|alright|"
    r"all right|sick|ill|a mess|lost|devastated|heartbroken|haunted|ashamed|happy|sad|"
    r"angry|upset|gutted|nervous|scared)|forget(?! to)|be late(?! again))\b", re.I)
_DISCOURSE = re.compile(
    r"^(?:(?:just|also|first|only)\s+)*"
    r"(?:be (?:honest|frank|straight|brief|quick|blunt)(?:\s+with you)?(?=\s*(?:[,:;.!—–-]|$))|"
    r"admit|confess|say (?:this|it|that|one thing|again)|start (?:by|with)|begin (?:by|with)|"
    r"keep (?:this|it) (?:short|brief)|pretend|explain it away|leave it there|spare you|"
    r"put it (?:plainly|simply|another way)|repeat myself|get to the point|try to explain)\b",
    re.I)
_NOT_A_VERB = re.compile(
    r"^(?:[A-Z]\w*|the|a|an|my|your|his|her|our|their|work|bed|school|church|town|"
    r"uni|college|hospital|prison|jail|war|pieces)\b")
_CLAUSE_END = re.compile(
    rf"\s*[;:](?=\s)|\s+[—–]\s+|\s+-\s+|\s*\(|\s*\n"
    rf"|(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bSt)(?<!\bMrs)(?<!\bProf)\.\s+(?=[A-Z])"
    rf"|,?\s+(?:so|because|since|cause|cos|coz|which|though|although|but)\b"
    rf"|,?\s+and\s+(?=(?:I|i|I{_A}(?:ll|m|ve|d)|you|it|she|he|they|we|that{_A}?s|on|"
    rf"tomorrow|tonight|then I)\b)"
    rf"|,\s+and\s+(?=(?:the|my|our|your|his|her|their|this|that)\s+\w+(?:\s+\w+)?\s+"
    rf"(?:is|are|was|were|has|have|will|won{_A}?t|can|gets?|starts?)\b)"
    rf"|,\s*(?:okay|ok|alright|right|yeah|yes|I promise|promise|deal|love)\s*[?.!]*\s*$"
    rf"|\s*[.!?…]+\s*$|\s*\?")
_FRONTED = re.compile(
    rf"(?:tonight|today|tomorrow|this (?:evening|afternoon|morning|week|weekend)|"
    rf"next \w+|{_DAY}s?|every \w+|each \w+|on \w+|christmas|weekends?|from now on|"
    rf"starting \w+|either way|after that|then|later|in \w+)", re.I)
_LEAD_IN = re.compile(r"^(?:and|so|but|then|also)\s+", re.I)
_LEAD_AT = re.compile(r"(?:and|so|but|then|also)\s+", re.I)
_CLAUSE_START = re.compile(r"[,;:]\s+|\s+and\s+|[.!?]\s+|^")
_TRIM = " \t\n,.;:!?…—–-\"“”"


def _trimmable(char: str) -> bool:
    """Spaces, punctuation and emoji at the edge of a promise are not part of it."""
    return char in _TRIM or unicodedata.category(char) in ("So", "Sk", "Mn", "Cf")


def _clause_start(sentence: str, position: int) -> int:
    """Where the clause holding ``position`` begins (after the last comma, 'and', etc.)."""
    best = 0
    for match in _CLAUSE_START.finditer(sentence, 0, position):
        if match.end() <= position:
            best = match.end()
    return best


def _fronted_start(sentence: str, subject: int) -> int:
    """Include a short time phrase written before the subject ("Tomorrow I'll …")."""
    begin = _clause_start(sentence, subject)
    prefix = sentence[begin:subject]
    stripped = _LEAD_IN.sub("", prefix.strip())
    if not stripped or len(stripped.split()) > 5 or re.search(r"\b(?:if|when|I|you)\b",
                                                              stripped, re.I):
        return subject
    if _FRONTED.match(stripped.rstrip(", ")):
        return begin + prefix.index(stripped)
    return subject


def _in_quotes(sentence: str, position: int) -> bool:
    before = sentence[:position]
    straight = before.count('"')
    return straight % 2 == 1 or before.count("“") > before.count("”")


def _find_triggers(sentence: str) -> list[_Trigger]:
    triggers: list[_Trigger] = []
    for kind, pattern in _TRIGGERS:
        for match in pattern.finditer(sentence):
            negative = bool(match.groupdict().get("neg"))
            if kind == "habit" and not _is_habit(sentence, match):
                continue
            triggers.append(_Trigger(match.start(), match.end(), kind, negative))
    triggers.sort(key=lambda t: (t.start, -t.after))
    unique: list[_Trigger] = []
    for trigger in triggers:
        if unique and trigger.start < unique[-1].after:
            continue  # the same words matched twice
        unique.append(trigger)
    return unique


def _is_habit(sentence: str, match: re.Match[str]) -> bool:
    verb = match.group("verb").lower()
    if verb.endswith("ed") or verb in _IRREGULAR_PAST:
        return False
    end = _CLAUSE_END.search(sentence, match.end())
    clause = sentence[match.start(): end.start() if end else len(sentence)]
    return find_repeat(clause) is not None


def _refused(sentence: str, trigger: _Trigger) -> bool:
    """True when the words around the trigger make it something other than a promise."""
    before = sentence[:trigger.start]
    rest = sentence[trigger.after:].lstrip()
    if _REPORTED.search(before) or _WH_BEFORE.search(before) or _in_quotes(sentence,
                                                                         trigger.start):
        return True
    if trigger.kind in ("modal", "going"):
        if _DISCOURSE.match(rest):
            return True
        if _STATIVE.match(rest) and not (trigger.negative and rest.lower().startswith(
                ("be late", "forget"))):
            return True
        if trigger.kind == "going" and _NOT_A_VERB.match(rest):
            return True
        if (not rest or rest[0] in ".!?,") and not _elliptical_promise(sentence, trigger):
            return True  # "what I'm going to." – nothing is promised
    return trigger.kind == "from_now" and bool(
        re.match(rf"^(?:it{_A}?s|it is|there{_A}?s|you)\b", rest, re.I))


def _elliptical_promise(sentence: str, trigger: _Trigger) -> bool:
    """ "I haven't replied and I won't": the promise borrows its verb from the same
    sentence. A bare "I will." with nothing before it is left alone: what it promises is
    elsewhere and cannot be shown."""
    before = sentence[:trigger.start]
    if len(re.findall(r"\w+", before)) < 2 or _STATIVE.search(before):
        return False
    return bool(re.search(r"\b(?:I|i)\b|\b(?:say so|if you)\b", before))


def _promise_clause(sentence: str, trigger: _Trigger) -> bool:
    """'I promise …' counts when a future act follows ("to call", "I'll call", "there will")."""
    rest = sentence[trigger.after:]
    if re.match(r"\s*(?:you\s+)?to\b", rest):
        return True
    end = _CLAUSE_END.search(sentence, trigger.after)
    clause = rest[: (end.start() - trigger.after) if end else None]
    return bool(re.search(rf"\b(?:will|won{_A}?t|{_A}ll|going to|gonna|never again)\b", clause,
                          re.I))


def _at_clause_start(sentence: str, position: int) -> bool:
    begin = _clause_start(sentence, position)
    return not _LEAD_IN.sub("", sentence[begin:position].strip())


def _sentence_promises(sentence: str) -> list[tuple[int, int, _Trigger]]:
    """(start, end, trigger) of each promise clause within one sentence."""
    triggers = [t for t in _find_triggers(sentence) if not _refused(sentence, t)]
    kept: list[_Trigger] = []
    starts: list[int] = []
    fronted: int | None = None
    absorbed_until = -1
    for index, trigger in enumerate(triggers):
        if trigger.start < absorbed_until:
            continue
        if trigger.kind == "from_now":
            if not _at_clause_start(sentence, trigger.start):
                continue
            following = triggers[index + 1] if index + 1 < len(triggers) else None
            if following is not None and _CLAUSE_END.search(
                    sentence, trigger.after, following.start) is None:
                fronted = trigger.start  # "From now on, I'll …": one promise
                continue
        if trigger.kind == "promise":
            if not _promise_clause(sentence, trigger):
                continue
            inner = re.match(r"\s*(?:you\s+)?(?:that\s+)?", sentence[trigger.after:])
            absorbed_until = trigger.after + (inner.end() if inner else 0) + 1
        if fronted is not None:
            start = fronted
        elif trigger.kind in ("from_now", "whereabouts"):
            start = trigger.start
        else:
            start = _fronted_start(sentence, trigger.start)
        fronted = None
        kept.append(trigger)
        starts.append(start)
    spans: list[tuple[int, int, _Trigger]] = []
    for index, trigger in enumerate(kept):
        start = starts[index]
        lead = _LEAD_AT.match(sentence, start)
        if lead:
            start = lead.end()
        limit = starts[index + 1] if index + 1 < len(kept) else len(sentence)
        end_match = _CLAUSE_END.search(sentence, trigger.after, limit)
        end = end_match.start() if end_match else limit
        end = start + len(re.sub(r"(?:[\s,]+(?:and|but|or|then))+[\s,]*$", "",
                                 sentence[start:end]))
        while end > start and _trimmable(sentence[end - 1]):
            end -= 1
        if end - start >= 4:
            spans.append((start, end, trigger))
    return spans


def _blank(sentence: str, spans: list[tuple[int, int, _Trigger]]) -> str:
    chars = list(sentence)
    for start, end, _ in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def extract_promises(text: str, now: dt.datetime | dt.date | None = None) -> list[Promise]:
    """Every promise in ``text``, in order, with its due date or schedule when stated."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, not {type(text).__name__}")
    if len(text) > MAX_CHARS:
        raise ValueError(f"The message has {len(text):,} characters; promises are read in "
                         f"messages of up to {MAX_CHARS:,}.")
    today = _as_date(now)
    found: list[Promise] = []
    for sentence in split_sentences(text):
        spans = _sentence_promises(sentence.text)
        context = _blank(sentence.text, spans)
        for start, end, _ in spans:
            clause = sentence.text[start:end]
            repeat = find_repeat(clause)
            due = find_due(clause, today)
            if repeat is not None and not re.search(r"\b(?:starting|from)\b", clause, re.I):
                due = None
            elif due is None and repeat is None:
                due = find_due(context, today)
            found.append(Promise(sentence.start + start, sentence.start + end, clause, due,
                                 repeat))
    log.debug("Found %d promises", len(found))
    return found


def _as_date(now: dt.datetime | dt.date | None) -> dt.date:
    if now is None:
        return dt.date.today()
    return now.date() if isinstance(now, dt.datetime) else now
