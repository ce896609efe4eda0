"""Word-level differences between two versions of a draft, as plain data (no Qt).

Text is split into words, runs of spaces and single punctuation marks, so a changed comma
shows as a changed comma and not a changed word. Joining the ``old`` side of the result gives
the old text back exactly, and the ``new`` side the new text.
"""

from __future__ import annotations

import difflib
import logging
from dataclasses import dataclass

import regex

log = logging.getLogger(__name__)

EQUAL, INSERT, DELETE = "equal", "insert", "delete"
_TOKEN = regex.compile(r"\s+|[\p{L}\p{N}\p{M}'’_-]+\s*|.\s*", regex.DOTALL)


@dataclass(frozen=True)
class Segment:
    kind: str
    """``equal``, ``insert`` (only in the new text) or ``delete`` (only in the old text)."""
    text: str


def tokens(text: str) -> list[str]:
    """Words and single marks, each with the spaces after it (so spaces never anchor a
    match on their own); leading spaces are a token of their own."""
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[Segment]:
    """The changes that turn ``old`` into ``new``; a replacement is a delete then an insert.

    Short unchanged runs caught between two changes (a lone "you" in a rewritten clause) are
    folded into the change, as diff-match-patch's semantic clean-up does, so a rewritten
    sentence reads as old-then-new instead of confetti.
    """
    a, b = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(None, [t.rstrip() for t in a], [t.rstrip() for t in b],
                                      autojunk=False)
    chunks: list[tuple[str, str, str]] = []  # (kind, old text, new text)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            chunks.append(("change", "".join(a[i1:i2]), "".join(b[j1:j2])))
            continue
        for x, y in zip(a[i1:i2], b[j1:j2], strict=True):
            if x == y:
                chunks.append((EQUAL, x, x))
                continue
            word = x.rstrip()  # same word, different spacing after it
            chunks.append((EQUAL, word, word))
            chunks.append(("change", x[len(word):], y[len(word):]))
    chunks = _fold(_merge(chunks))
    segments: list[Segment] = []
    for kind, before, after in chunks:
        if kind == EQUAL:
            _add(segments, EQUAL, before)
        else:
            lead, before, after, trail = _shared_spaces(before, after)
            _add(segments, EQUAL, lead)
            _add(segments, DELETE, before)
            _add(segments, INSERT, after)
            _add(segments, EQUAL, trail)
    return segments


def _shared_spaces(before: str, after: str) -> tuple[str, str, str, str]:
    """Split off the spaces a change starts or ends with on both sides: they did not change."""
    n = 0
    while n < min(len(before), len(after)) and before[n] == after[n] and before[n].isspace():
        n += 1
    lead, before, after = before[:n], before[n:], after[n:]
    m = 0
    while (m < min(len(before), len(after)) and before[-1 - m] == after[-1 - m]
           and before[-1 - m].isspace()):
        m += 1
    if m:
        return lead, before[:-m], after[:-m], before[-m:]
    return lead, before, after, ""


def _merge(chunks: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    merged: list[tuple[str, str, str]] = []
    for kind, before, after in chunks:
        if merged and merged[-1][0] == kind:
            _, old_before, old_after = merged[-1]
            merged[-1] = (kind, old_before + before, old_after + after)
        else:
            merged.append((kind, before, after))
    return merged


def _fold(chunks: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Absorb an unchanged run (within one line) no longer than the changes either side."""
    changed = True
    while changed:
        changed = False
        for k in range(1, len(chunks) - 1):
            kind, text, _ = chunks[k]
            left, right = chunks[k - 1], chunks[k + 1]
            if kind != EQUAL or left[0] == EQUAL or right[0] == EQUAL or "\n" in text:
                continue  # a line break stays an anchor: changes keep to their paragraph
            if len(text) <= max(len(left[1]), len(left[2])) and \
                    len(text) <= max(len(right[1]), len(right[2])):
                chunks[k - 1:k + 2] = [("change", left[1] + text + right[1],
                                        left[2] + text + right[2])]
                changed = True
                break
    return chunks


def _add(segments: list[Segment], kind: str, text: str) -> None:
    if not text:
        return
    if segments and segments[-1].kind == kind:
        segments[-1] = Segment(kind, segments[-1].text + text)
    else:
        segments.append(Segment(kind, text))


def side(segments: list[Segment], which: str) -> str:
    """The old (``which='old'``) or new text the segments were made from."""
    skip = INSERT if which == "old" else DELETE
    return "".join(s.text for s in segments if s.kind != skip)


def counts(segments: list[Segment]) -> tuple[int, int]:
    """(words added, words removed), for a one-line summary."""
    def words(kind: str) -> int:
        return sum(len(regex.findall(r"[\p{L}\p{N}]+", s.text)) for s in segments
                   if s.kind == kind)
    return words(INSERT), words(DELETE)
