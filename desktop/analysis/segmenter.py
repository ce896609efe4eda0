"""Split a draft into sentences with exact code-point offsets.

Drafts range from careful letters to late-night texts, so a sentence ends at terminal
punctuation (minding abbreviations and initials), at an emoji followed by a new capitalised
clause, and at a line break, unless the line break only wraps a long line. Very long runs
without punctuation are cut at clause boundaries so each piece stays within what the model
reads well.

Texts are often long lower-case lines with no full stops, so a line is taken as wrapped only
on firm evidence: it stops on a comma or on a word no sentence ends with ("over the"), or the
text is laid out at a fixed width and the next line's first word would not have fitted on it.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass

MAX_SENTENCE_WORDS = 80
"""Longer runs are cut into pieces; the embedding model truncates beyond ~200 words anyway."""

_HARD_WRAP_MIN_CHARS = 50
_HARD_WRAP_MAX_CHARS = 100
"""Mail clients and editors wrap at 72–80 columns; a longer line means nothing is wrapped."""
_DANGLING_WORDS = frozenset({
    "the", "a", "an", "my", "your", "our", "their", "its", "and", "or", "of", "because",
    "than", "i", "i'm", "i've", "i'd", "we're", "you're", "they're",
})
"""Words after which a line break can only be a wrap, never the end of a sentence."""

_LINE = re.compile(r"[^\n\r\u2028\u2029\x85\x0b\x0c]+")
_TERMINAL = ".!?…。！？؟۔"
_CJK_TERMINAL = "。！？"
_CLOSERS = "\"'”’»)]}"
_TITLES = frozenset({
    "mr", "mrs", "ms", "mx", "dr", "st", "jr", "sr", "prof", "rev", "fr", "mt", "ave", "rd",
    "vs", "approx", "dept", "ltd", "inc", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues",
    "thu", "thur", "thurs", "fri",
})
_SPLIT_IF_CAPITAL_FOLLOWS = frozenset({"etc", "a.m", "p.m", "am", "pm", "e.g", "i.e"})
_BOUNDARY = re.compile(
    r"(?P<punct>\.{3,}|[.!?…。！？؟۔]+)(?P<close>[\"'”’»)\]}]*)(?P<space>\s*)"
)
_EMOJI_RUN = re.compile(
    r"(?:[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2300-\u23FF]"
    r"[\U0001F3FB-\U0001F3FF\uFE0F\u200D]*)+"
    r"(?:[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2300-\u23FF\uFE0F\u200D])*"
    r"(?P<space>\s+)"
)
_CLAUSE_BREAK = re.compile(r"[,;:—–]\s+|\s+-\s+|\s+(?=(?:and|but|so|because|or)\b)")
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def _has_words(text: str) -> bool:
    return any(unicodedata.category(ch)[0] in "LN" for ch in text)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in _INVISIBLE):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _INVISIBLE):
        end -= 1
    return start, end


def _starts_new_clause(text: str, pos: int) -> bool:
    """True when the text at ``pos`` looks like the start of a new sentence."""
    if pos >= len(text):
        return True
    ch = text[pos]
    if ch.isupper() or ch.isdigit() or not ch.isalpha():
        return True
    # Texting style: a lone lower-case "i" opens a sentence as often as "I" does.
    return ch == "i" and (pos + 1 == len(text) or not text[pos + 1].isalpha())


def _word_before(text: str, pos: int) -> str:
    start = pos
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    return text[start:pos].lower()


def _is_boundary(text: str, match: re.Match[str], block_end: int) -> bool:
    punct, space = match.group("punct"), match.group("space")
    after = match.end()
    if after >= block_end:
        return True
    if punct[-1] in _CJK_TERMINAL:
        return True
    if not space:
        return False  # "3.5", "e.g.x", "wait...what" stay joined
    if punct in ("...", "…") or (len(punct) > 3 and set(punct) == {"."}):
        return _starts_new_clause(text, after) and not text[after].islower()
    if punct == ".":
        word = _word_before(text, match.start())
        if word in _TITLES:
            return False
        if len(word) == 1 and word.isalpha() and text[match.start() - 1].isupper():
            return False  # an initial, as in "J. Smith"
        if word in _SPLIT_IF_CAPITAL_FOLLOWS:
            return text[after].isupper()
    return True


def _block_spans(text: str) -> list[tuple[int, int]]:
    """Lines, with hard-wrapped lines of a paragraph joined back together."""
    lines = [_trimmed(text, m.start(), m.end()) for m in _LINE.finditer(text)]
    lines = [(start, end) for start, end in lines if start < end]
    width = _wrap_width(text, lines)
    blocks: list[list[int]] = []
    for start, end in lines:
        if blocks and _continues(text, blocks[-1], start, width):
            blocks[-1][1] = end
        else:
            blocks.append([start, end])
    return [(s, e) for s, e in blocks]


def _wrap_width(text: str, lines: list[tuple[int, int]]) -> int | None:
    """The width the text was wrapped at, or None when its layout shows no wrapping.

    In wrapped text every line that runs on into a lower-case line is full: the next word
    would not have fitted. One such line shorter than the longest shows the width; one
    line with room to spare shows the breaks were typed, as in a text message.
    """
    width = max((end - start for start, end in lines), default=0)
    if not _HARD_WRAP_MIN_CHARS <= width <= _HARD_WRAP_MAX_CHARS:
        return None
    shown = False
    for (start, end), (next_start, _) in itertools.pairwise(lines):
        if (_line_breaks(text[end:next_start]) != 1 or not text[next_start].islower()
                or text[end - 1] in _TERMINAL + _CLOSERS):
            continue
        full = end - start + 1 + _first_word_length(text, next_start) > width
        if not full:
            return None
        shown = shown or end - start < width
    return width if shown else None


def _line_breaks(gap: str) -> int:
    return gap.count("\n") + gap.count("\r") - gap.count("\r\n")


def _first_word_length(text: str, start: int) -> int:
    return len(text[start:start + _HARD_WRAP_MAX_CHARS].split(None, 1)[0])


def _continues(text: str, previous: list[int], start: int, width: int | None) -> bool:
    prev_start, prev_end = previous
    if _line_breaks(text[prev_end:start]) != 1:
        return False
    last_line_start = max(text.rfind("\n", prev_start, prev_end) + 1, prev_start)
    line_length = prev_end - last_line_start
    if line_length < _HARD_WRAP_MIN_CHARS:
        return False
    ending = text[prev_end - 1]
    if not (ending.isalnum() or ending in ",;"):
        return False  # a full stop, a closing quote or an emoji ends the sentence
    if not text[start].islower() or _starts_new_clause(text, start):
        return False
    last_word = text[last_line_start:prev_end].rsplit(None, 1)[-1].lower().replace("’", "'")
    if ending in ",;" or last_word in _DANGLING_WORDS:
        return True
    return width is not None and line_length + 1 + _first_word_length(text, start) > width


def _raw_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    cursor = start
    candidates = [(m.end(), m) for m in _BOUNDARY.finditer(text, start, end)]
    candidates += [(m.end(), None) for m in _EMOJI_RUN.finditer(text, start, end)
                   if _starts_new_clause(text, m.end()) and m.end() < end]
    for cut, match in sorted(candidates, key=lambda item: item[0]):
        if cut <= cursor:
            continue
        if match is not None and not _is_boundary(text, match, end):
            continue
        pieces.append((cursor, cut))
        cursor = cut
    if cursor < end:
        pieces.append((cursor, end))
    return pieces


def _chunk_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a run of more than MAX_SENTENCE_WORDS words, preferring clause boundaries."""
    words = [m.start() for m in re.finditer(r"\S+", text[start:end])]
    if len(words) <= MAX_SENTENCE_WORDS:
        return [(start, end)]
    chunks: list[tuple[int, int]] = []
    cursor = start
    while True:
        remaining = [start + w for w in words if start + w >= cursor]
        if len(remaining) <= MAX_SENTENCE_WORDS:
            chunks.append((cursor, end))
            return chunks
        limit = remaining[MAX_SENTENCE_WORDS]
        floor = remaining[MAX_SENTENCE_WORDS // 2]
        cut = limit
        for brk in _CLAUSE_BREAK.finditer(text, floor, limit):
            cut = brk.end() if not brk.group().isspace() else brk.start() + 1
        chunks.append((cursor, cut))
        cursor = cut


def split_sentences(text: str) -> list[Sentence]:
    """Return every sentence of ``text``; ``text[s.start:s.end] == s.text`` always holds."""
    sentences: list[Sentence] = []
    for block_start, block_end in _block_spans(text):
        for piece_start, piece_end in _raw_pieces(text, block_start, block_end):
            for chunk_start, chunk_end in _chunk_long(text, piece_start, piece_end):
                s, e = _trimmed(text, chunk_start, chunk_end)
                if s == e:
                    continue
                if not _has_words(text[s:e]):
                    # A lone emoji or punctuation run belongs to the sentence before it
                    # on the same line; on a line of its own it carries no stance to check.
                    if sentences and "\n" not in text[sentences[-1].end:s]:
                        prev = sentences.pop()
                        sentences.append(Sentence(prev.start, e, text[prev.start:e]))
                    continue
                sentences.append(Sentence(s, e, text[s:e]))
    return sentences
