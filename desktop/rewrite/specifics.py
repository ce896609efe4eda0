"""The writer's own specifics in a sentence (names, times), so a rewrite can keep them."""

from __future__ import annotations

import re
from collections.abc import Mapping

from desktop.rewrite.story import clause_words

_NOT_NAMES = frozenset("""
    I I'm I've I'll I'd Im Ive Ill Id OK Ok God Mum Mom Dad Okay Please Sorry Yes No Oh Dear
    Hi Hey Love Babe Baby Darling Honestly Also And But So Just Well Fine Look Listen Right
    Sure Anyway Again Still Thanks Seriously Yeah Yep Nope Sweetheart Hun Hon Maybe Then
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Christmas Easter Xmas Valentine's
""".split())
_TITLE = re.compile(r"(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof)\.?")
_NAME = re.compile(
    r"\b(?:(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof)\.?\s+)?[A-Z][a-z]+(?:'s)?(?:[ ][A-Z][a-z]+(?:'s)?)*\b")
"""A run of capitalised words, with a title if it has one: "Ms Okafor", "New York"."""
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|"
          r"november|december)")
_WHEN = re.compile(
    rf"\b(?:(?:since|by|after|before|until|till|from)\s+)?"
    rf"(?:(?:last|this|next|on|every|that)\s+(?:night|week|weekend|month|year|morning|"
    rf"evening|afternoon|{_WEEKDAY})|(?:last|that)\s+time|"
    rf"(?:on\s+)?{_WEEKDAY}s?|on\s+the\s+\d{{1,2}}(?:st|nd|rd|th)|"
    rf"(?:on\s+|at\s+|for\s+)?(?:new\s+year's(?:\s+day|\s+eve)?|christmas(?:\s+day|\s+eve)?|"
    rf"valentine's(?:\s+day)?|easter)|"
    rf"yesterday|today|tonight|tomorrow|at\s+\d{{1,2}}(?::\d{{2}})?(?:\s*(?:am|pm|a\.m\.|p\.m\.))?|"
    rf"(?:in|since)\s+(?:{_MONTH}|\d{{4}})|(?:for|in)\s+(?:\d+|a few|several|two|three|six)\s+"
    r"(?:days|weeks|months|years))(?![\w'])",
    re.IGNORECASE,
)
_VENUE_AFTER = re.compile(
    r"\s*(?:$|[^\w\s]|(?:for|like|on|in|at|with|and|or|but|so|to|tonight|today|tomorrow|"
    r"this|last|next|again|instead|when|after|before|because|if)\b)", re.IGNORECASE)
"""What follows "Luca's" when it names a place: nothing, a stop, or a little word."""
_ADDRESS_BEFORE = re.compile(r"(?:^|(?P<word>\S+),\s*|\b(?:[Dd]ear|[Hh]i|[Hh]ey)\s+)$")
"""What comes before a name the writer is addressing: the start, a comma, or "Dear"."""
_ADDRESS_AFTER = re.compile(r"^\s*(?:[,.!?;:…]|[^\w\s'’]|$)")


def find_specifics(sentence: str) -> dict[str, str]:
    """Slot values found in ``sentence``: 'name' (someone or somewhere it speaks of), 'to'
    (the partner, where the writer addresses them by name) and 'when' (a time)."""
    found: dict[str, str] = {}
    when = _WHEN.search(sentence)
    if when:
        value = when.group(0)
        proper = re.match(rf"(?:{_WEEKDAY}|{_MONTH}|new|christmas|valentine|easter)", value,
                          re.IGNORECASE)
        found["when"] = value if proper else value[:1].lower() + value[1:]  # "Tomorrow"
    for match in _NAME.finditer(sentence):
        if when and match.start() < when.end() and when.start() < match.end():
            continue
        words = [w.removesuffix("'s") for w in match.group(0).split(" ")]
        if match.group(0).endswith("'s") and _VENUE_AFTER.match(sentence, match.end()):
            words[-1] += "'s"  # "dinner at Luca's tonight" is a place, not Luca
        if _TITLE.fullmatch(words[0]):
            words = [" ".join(words[:2]), *words[2:]]  # "Ms Okafor" is one name
        while words and words[0] in _NOT_NAMES:
            words.pop(0)
        while words and words[-1] in _NOT_NAMES:
            words.pop()
        if not words:
            continue
        name = " ".join(words)
        start = sentence.index(name, match.start())
        before, after = sentence[:start].lstrip(" \"'“‘"), sentence[start + len(name):]
        if not before and name.endswith("ly"):
            continue  # "Regrettably, …" opens a sentence; it is no one's name
        address = _ADDRESS_BEFORE.search(before)
        in_a_list = address and address["word"] and _is_name(address["word"], before)
        if address and not in_a_list and _ADDRESS_AFTER.match(after):
            found.setdefault("to", name)
        elif before and "name" not in found:  # a capitalised first word may be any word
            found["name"] = _with_article_and_head(sentence, start, name)
    return found


_HEAD = re.compile(r" (?:trip|profile|account|app|watch|bag|ring|hotel|party|conference|"
                   r"job|office|holiday|weekend|night|thing|team|flight|show|concert|"
                   r"course|retreat|suite|villa|cottage|house|flat|apartment)s?\b")
_ARTICLE = re.compile(r"\b(?:the|a|an|that|this|my|our) $", re.IGNORECASE)


def _with_article_and_head(sentence: str, start: int, name: str) -> str:
    """The name as a rewrite can say it: "the Maldives", "that Berlin trip", "a Cartier
    watch" (a name used before a noun names the thing, not a place or person)."""
    end = start + len(name)
    head = _HEAD.match(sentence, end)
    article = _ARTICLE.search(sentence[:start])
    if head:
        name += head.group(0)
    elif article and article.group(0).lower() != "the ":
        return name  # "a Sam" is not a thing; keep the bare name
    return f"{article.group(0)}{name}" if article else name


def _is_name(word: str, before: str) -> bool:
    """Whether ``word`` (the last word of ``before``) is a name: "Rome, Paris" is a list."""
    return word[:1].isupper() and word not in _NOT_NAMES and before.strip() != word


def keeps_specifics(rewrite: str, specifics: dict[str, str]) -> bool:
    """Whether ``rewrite`` still says every name and time of the writer's sentence."""
    text = rewrite.lower()
    return all(value.lower() in text for value in specifics.values())


_SLOT = re.compile(r"\{(?P<slot>[a-z]+)(?:\|(?P<fallback>[^}]*))?\}")


def fill_slots(template: str, specifics: dict[str, str], writer: str = "") -> str:
    """Put the writer's specifics into ``{slot|fallback}`` places; fall back where absent.

    An empty fallback (``{when|}``) leaves the place out, with the space before it. Given
    the ``writer``'s sentence, a fallback pronoun follows theirs ("him", not "her"), and
    only the specifics that fit the template are used (see :func:`fitting_specifics`).
    """
    fitting, pronouns = fitting_specifics(template, specifics, writer), pronouns_of(writer)

    def value(slot: re.Match[str]) -> str:
        fallback = slot.group("fallback") or ""
        return fitting.get(slot.group("slot")) or pronouns.get(fallback, fallback)

    return _LOOSE_SPACE.sub("", _SLOT.sub(value, template)).strip()


def fitting_specifics(template: str, specifics: dict[str, str], writer: str) -> dict[str, str]:
    """``specifics`` less a time the writer spoke of as past ("when we talked on Sunday")
    where the template does not speak of the past: never "no date, on Sunday or any other"."""
    when = specifics.get("when")
    if not when or not time_is_past(writer, when):
        return specifics
    slot = next((m for m in _SLOT.finditer(template) if m.group("slot") == "when"), None)
    if slot and _past_just_before(
            _SLOT.sub(lambda m: m.group("fallback") or "", template[:slot.start()])):
        return specifics
    return {key: value for key, value in specifics.items() if key != "when"}


_LOOSE_SPACE = re.compile(r"(?<=\S) (?= |[,.;:!?])")


_HE = re.compile(r"\b(?:he|him|his|himself)\b", re.IGNORECASE)
_SHE = re.compile(r"\b(?:she|her|hers|herself)\b", re.IGNORECASE)
_AS_HE = {"she": "he", "She": "He", "her": "him", "hers": "his", "herself": "himself"}
_AS_SHE = {"he": "she", "He": "She", "him": "her", "his": "her", "himself": "herself"}


def is_third_person(fallback: str) -> bool:
    """Whether a slot's fallback is "him", "her" and the like: it brings a person in."""
    return bool(_HE.fullmatch(fallback) or _SHE.fullmatch(fallback))


def speaks_of_someone(sentence: str) -> bool:
    """Whether the sentence has a "he" or "she" in it."""
    return bool(_HE.search(sentence) or _SHE.search(sentence))


def pronouns_of(sentence: str) -> Mapping[str, str]:
    """How a rewrite's fallback pronouns must change to speak of the third person as the
    writer did: a rewrite of "I never slept with him" says "him", not "her"."""
    he, she = bool(_HE.search(sentence)), bool(_SHE.search(sentence))
    return _AS_HE if he and not she else _AS_SHE if she and not he else {}


_PAST_TIME = re.compile(r"\b(?:yesterday|last|ago|earlier|that (?:night|day|time|weekend|"
                        r"morning|evening|afternoon))\b", re.IGNORECASE)
_ONGOING_OR_AHEAD = re.compile(r"(?:since|by|until|till|from|next|this|tomorrow|tonight)\b",
                               re.IGNORECASE)
_PAST_VERB = re.compile(r"\w{3,}ed|did|was|were|had|said|told|saw|met|went|sent|felt|slept|"
                        r"spoke|came|left|got|took|found|thought|knew|wrote|kept|hid",
                        re.IGNORECASE)
_NOT_PAST = frozenset({"indeed", "speed", "proceed", "succeed", "exceed", "bleed", "breed"})
PAST_REACH = 3
"""Words before a time that may carry the past tense: "when we talked on Sunday"."""


def time_is_past(sentence: str, when: str) -> bool:
    """Whether the sentence speaks of ``when`` (a time found in it) as past."""
    if _ONGOING_OR_AHEAD.match(when):
        return False
    if _PAST_TIME.search(when):
        return True
    start = sentence.lower().find(when.lower())
    return start > 0 and _past_just_before(sentence[:start])


def _past_just_before(text: str) -> bool:
    words = clause_words(text)[-1][-PAST_REACH:]
    return any(_PAST_VERB.fullmatch(w) and w not in _NOT_PAST for w in words)


def slot_fallbacks(template: str) -> dict[str, str]:
    """Each slot of ``template`` and what stands in it when the writer gave no value."""
    return {m.group("slot"): m.group("fallback") or "" for m in _SLOT.finditer(template)}


def slots_in(template: str) -> set[str]:
    return set(slot_fallbacks(template))


_LOWER_I = re.compile(r"\bi\b(?=['’]|\s|$)")


def in_writers_case(rewrite: str, writer: str) -> str:
    """A rewrite written in lower case ("i'm not going to push…") put in ordinary case for a
    writer who uses capitals; a lower-case writer may still be offered capitals."""
    if not writer or writer.lower() == writer or rewrite.lower() != rewrite:
        return rewrite
    return ordinary_case(rewrite)


def ordinary_case(text: str) -> str:
    """"i'm not going to push" → "I'm not going to push"."""
    cased = _LOWER_I.sub("I", text)
    return cased[:1].upper() + cased[1:]


_FIRST_PERSON = re.compile(r"I(?:['’][a-z]+)?\b")


def address(rewrite: str, specifics: dict[str, str]) -> str:
    """``rewrite`` addressed to the partner by name, as the writer's sentence was.

    A rewrite that drops the "…, Sam" reads as if written to someone else. It keeps the
    capital of "I" and of the writer's own names.
    """
    name = specifics.get("to")
    if not name or not rewrite or name.lower() in rewrite.lower():
        return rewrite
    keeps_capital = _FIRST_PERSON.match(rewrite) or any(
        rewrite.startswith(value) for value in specifics.values())
    return f"{name}, {rewrite if keeps_capital else rewrite[:1].lower() + rewrite[1:]}"
