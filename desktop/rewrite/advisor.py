"""Suggestions for a draft's flagged sentences, checked against the engine before showing.

The advisor asks the suggester for candidates, has the engine judge each candidate
sentence, keeps only those the engine no longer flags, and adds the partner's stated needs:
a sentence that goes against one gets a suggestion that quotes it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from desktop.analysis.report import Suggestion
from desktop.rewrite.needs import NeedConflict
from desktop.rewrite.specifics import find_specifics
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

    def suggestions(self, sentence: str, label: str, vector: np.ndarray) -> tuple[Suggestion, ...]:
        key = (sentence, label)
        cached = self._cache.get(key)
        if cached is None:
            specifics = find_specifics(sentence)
            candidates = sorted(self.suggester.candidates(sentence, label, vector),
                                key=lambda c: _rank(c, specifics))
            shown = self._clean(candidates)
            deletion = next((c for c in candidates if not c.replacement), None)
            if deletion is not None and deletion not in shown:
                shown.append(deletion)  # where leaving it out is the honest move, say so
            cached = tuple(shown)
            self._cache[key] = cached
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return cached

    def forget(self) -> None:
        self._cache.clear()

    def _clean(self, candidates: list[Suggestion]) -> list[Suggestion]:
        """The first MAX_SUGGESTIONS candidates, best first, that the engine no longer flags.

        Re-checking means judging each candidate like a sentence of the draft, which costs
        as much as the draft's own sentences; so candidates go in small batches, best first,
        and the rest are never judged once enough have passed.
        """
        shown: list[Suggestion] = []
        for start in range(0, len(candidates), MAX_SUGGESTIONS + 1):
            batch = candidates[start:start + MAX_SUGGESTIONS + 1]
            to_check = [c.replacement for c in batch if c.replacement]
            flagged = dict(zip(to_check, self.recheck(to_check), strict=True)) if (
                to_check) else {}
            shown += [c for c in batch if not c.replacement or not flagged[c.replacement]]
            if len(shown) >= MAX_SUGGESTIONS:
                break
        return shown[:MAX_SUGGESTIONS]


def _rank(candidate: Suggestion, specifics: dict[str, str]) -> tuple[bool, bool]:
    """General moves stay last; before them, a rewrite that keeps every name and time of
    the writer's sentence comes before one that drops some (the sort is stable, so the
    suggester's order holds otherwise)."""
    general = candidate.rule.startswith("General.")
    text = candidate.replacement.lower()
    keeps = all(v.lower() in text for v in specifics.values()) if text else True
    # leaving a sentence out asserts nothing, so a deletion never counts as dropping facts
    return general, not keeps


def need_suggestion(conflict: NeedConflict) -> Suggestion:
    """Leaving out a sentence that goes against what the partner asked for."""
    return Suggestion(
        replacement="", rule="Needs.Stated", source="rule",
        explanation=f"Your partner asked: “{conflict.need}”, and {conflict.reason}. "
                    "Leave it out and keep to what they asked. (Centre their needs.)")
