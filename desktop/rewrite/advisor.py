"""Suggestions for a draft's flagged sentences, checked against the engine before showing.

The advisor asks the suggester for candidates, has the engine judge each candidate
sentence, keeps only those the engine no longer flags, and adds the partner's stated needs:
a sentence that goes against one gets a suggestion that quotes it.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from desktop.analysis.report import Suggestion
from desktop.rewrite.needs import NeedConflict
from desktop.rewrite.specifics import find_specifics, keeps_specifics
from desktop.rewrite.suggest import Suggester

MAX_SUGGESTIONS = 3
CACHE_SIZE = 5_000

Recheck = Callable[[Sequence[str]], list[bool]]
"""Whether each candidate sentence would still be flagged."""


@dataclass
class Advisor:
    suggester: Suggester
    recheck: Recheck

    def __post_init__(self) -> None:
        self._cache: OrderedDict[tuple[str, str], tuple[Suggestion, ...]] = OrderedDict()

    def suggestions_for(self, flagged: Sequence[tuple[str, str, np.ndarray]]
                        ) -> list[tuple[Suggestion, ...]]:
        """Suggestions for each (sentence, label, vector), best first.

        Re-checking judges each candidate like a sentence of the draft, which costs as much
        as the draft's own sentences. So candidates are judged best first, a few per
        sentence, all sentences in one batch, and no more once three per sentence pass.
        """
        pending: dict[tuple[str, str], _Search] = {}
        for sentence, label, vector in flagged:
            key = (sentence, label)
            if key not in self._cache and key not in pending:
                specifics = find_specifics(sentence)
                pending[key] = _Search(sorted(self.suggester.candidates(sentence, label, vector),
                                              key=lambda c: _rank(c, specifics)))
        searching = list(pending.values())
        while searching:
            batches = [search.next_batch() for search in searching]
            still_flagged = self._still_flagged([c for batch in batches for c in batch
                                                 if c.replacement])
            for search, batch in zip(searching, batches, strict=True):
                search.shown += [c for c in batch
                                 if not c.replacement or not still_flagged[c.replacement]]
            searching = [search for search in searching if not search.done]
        found = {key: search.result() for key, search in pending.items()}
        self._cache.update(found)
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return [found[key] if key in found else self._cache[key]
                for key in ((sentence, label) for sentence, label, _ in flagged)]

    def _still_flagged(self, candidates: Sequence[Suggestion]) -> dict[str, bool]:
        """Whether each candidate's rewrite would still be flagged. A rule's rewrite keeps
        the rest of the writer's sentence, so each of its clauses is judged too: dropping
        "only" from "Rob and I only texted, it was nothing" leaves "it was nothing"."""
        parts = {c.replacement: clauses(c.replacement) if _quotes_the_writer(c) else []
                 for c in candidates}
        texts = list(dict.fromkeys([*parts, *(p for ps in parts.values() for p in ps)]))
        judged = dict(zip(texts, self.recheck(texts), strict=True)) if texts else {}
        return {text: judged[text] or any(judged[p] for p in ps) for text, ps in parts.items()}

    def forget(self) -> None:
        self._cache.clear()


@dataclass
class _Search:
    """One sentence's candidates, best first, being re-checked a batch at a time."""

    candidates: list[Suggestion]
    shown: list[Suggestion] = field(default_factory=list)
    checked: int = 0

    def next_batch(self) -> list[Suggestion]:
        batch = self.candidates[self.checked:self.checked + MAX_SUGGESTIONS + 1]
        self.checked += len(batch)
        return batch

    @property
    def done(self) -> bool:
        return len(self.shown) >= MAX_SUGGESTIONS or self.checked >= len(self.candidates)

    def result(self) -> tuple[Suggestion, ...]:
        shown = self.shown[:MAX_SUGGESTIONS]
        deletion = next((c for c in self.candidates if not c.replacement), None)
        if deletion is not None and deletion not in shown:
            shown.append(deletion)  # where leaving it out is the honest move, say so
        return tuple(shown)


def _rank(candidate: Suggestion, specifics: dict[str, str]) -> tuple[bool, bool]:
    """General moves stay last; before them, a rewrite that keeps every name and time of
    the writer's sentence comes before one that drops some (the sort is stable, so the
    suggester's order holds otherwise)."""
    general = candidate.rule.startswith("General.")
    text = candidate.replacement
    keeps = keeps_specifics(text, specifics) if text else True
    # leaving a sentence out asserts nothing, so a deletion never counts as dropping facts
    return general, not keeps


_CLAUSE_BREAK = re.compile(r"\s*[,;:—–]\s+")
MIN_CLAUSE_WORDS = 3


def clauses(text: str) -> list[str]:
    """The clauses of ``text`` long enough to judge alone; [] when it has just one."""
    parts = [part for part in _CLAUSE_BREAK.split(text) if len(part.split()) >= MIN_CLAUSE_WORDS]
    return parts if len(parts) > 1 else []


def _quotes_the_writer(candidate: Suggestion) -> bool:
    """A rule's rewrite edits the writer's own sentence; pairs and general moves are
    whole sentences the product wrote."""
    return candidate.source == "rule" and not candidate.rule.startswith(("General.", "Needs."))


def need_suggestion(conflict: NeedConflict) -> Suggestion:
    """Leaving out a sentence that goes against what the partner asked for."""
    return Suggestion(
        replacement="", rule="Needs.Stated", source="rule",
        explanation=f"Your partner asked: “{conflict.need}”, and {conflict.reason}. "
                    "Leave it out and keep to what they asked. (Centre their needs.)")
