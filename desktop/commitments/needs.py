"""The partner's stated needs beside one checked draft: which it works against, which it
speaks to, and which it leaves alone.

The engine already finds where a draft goes against a need (``report.needs``). This adds
the other side for the checklist: a need the draft speaks to in an accountable sentence
(by the words they share). It describes the draft as written; it cannot tell whether the
partner will feel their need was met. Never imports Qt.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desktop.analysis.taxonomy import ACCOUNTABLE
from desktop.commitments.history import content_words

log = logging.getLogger(__name__)

AGAINST = "against"
SPEAKS_TO = "speaks_to"
CLEAR = "clear"
ORDER = {AGAINST: 0, SPEAKS_TO: 1, CLEAR: 2}
_TOO_COMMON = frozenset({"need", "want", "plea", "ask", "all", "more", "any", "feel", "know",
                         "think", "like", "make", "let", "sorry", "do", "can", "could", "we",
                         "us", "our"})


@dataclass(frozen=True)
class NeedStatus:
    need: str
    """In the partner's words."""
    status: str
    """:data:`AGAINST`, :data:`SPEAKS_TO` or :data:`CLEAR`."""
    detail: str
    """One plain sentence for the writer."""
    sentence: int | None = None
    """The sentence it is about, as an index into the report's sentences."""


def _quote(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return f"“{flat}”" if len(flat) <= limit else f"“{flat[:limit - 1]}…”"


def needs_checklist(needs: Sequence[str], report: Any) -> list[NeedStatus]:
    """One status per distinct need, those the draft works against first."""
    conflicts: dict[str, list[Any]] = {}
    for conflict in getattr(report, "needs", ()):
        conflicts.setdefault(conflict.need.strip(), []).append(conflict)
    sentences = list(getattr(report, "sentences", ()))
    accountable = [(i, s, content_words(s.text)) for i, s in enumerate(sentences)
                   if s.family == ACCOUNTABLE and not s.flagged]
    result: list[NeedStatus] = []
    seen: set[str] = set()
    for raw in needs:
        need = raw.strip()
        if not need or need in seen:
            continue
        seen.add(need)
        found = conflicts.get(need)
        if found:
            first = found[0]
            where = (f"sentence {first.sentence + 1} works against it: {first.reason}"
                     if first.sentence is not None else
                     f"sending it now works against it: {first.reason}")
            more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
            result.append(NeedStatus(need, AGAINST, f"{where[:1].upper()}{where[1:]}{more}.",
                                     first.sentence))
            continue
        words = content_words(need) - _TOO_COMMON
        match = next(((i, s) for i, s, w in accountable if words and words & w), None)
        if match is not None:
            result.append(NeedStatus(need, SPEAKS_TO,
                                     f"Your draft speaks to it: {_quote(match[1].text)}",
                                     match[0]))
        else:
            result.append(NeedStatus(need, CLEAR, "Nothing in this draft goes against it."))
    result.sort(key=lambda item: ORDER[item.status])
    return result
