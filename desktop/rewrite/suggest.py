"""Ranked rewrite candidates for a flagged sentence, from rules first, then from pairs.

Candidates are only candidates: the engine re-checks every one and shows only those it no
longer flags (a deletion needs no re-check).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from desktop.analysis.report import Suggestion
from desktop.rewrite.fallbacks import Fallback
from desktop.rewrite.loader import Principle, RuleSet
from desktop.rewrite.pairs import RewritePair
from desktop.rewrite.specifics import (
    address,
    fill_slots,
    find_specifics,
    fitting_specifics,
    in_writers_case,
    is_third_person,
    slot_fallbacks,
    slots_in,
    speaks_of_someone,
)
from desktop.rewrite.story import content_stems, stems_by_polarity

_LEVEL_ORDER = {"error": 0, "warning": 1, "suggestion": 2}
PAIR_CANDIDATES = 2
MIN_PAIR_SIMILARITY = 0.35
"""Below this a pair is about something else, and its rewrite would not fit."""
MIN_KEEPING_SIMILARITY = 0.5
"""A pair past the nearest few is still offered, if this close, when it keeps the names
and times that the nearest ones drop."""


@dataclass(frozen=True)
class Suggester:
    rules: RuleSet
    pairs: tuple[RewritePair, ...]
    pair_vectors: np.ndarray
    principles: dict[str, Principle]
    fallbacks: dict[str, Fallback] = field(default_factory=dict)

    def candidates(self, sentence: str, label: str, vector: np.ndarray) -> list[Suggestion]:
        """Best first: rules for this label, other rules, the nearest pairs, then the
        label's general moves (a deletion, where offered, and general rewrites)."""
        found: list[Suggestion] = []
        rewrites = sorted(self.rules.rewrites(sentence),
                          key=lambda w: (w.rule.label != label, _LEVEL_ORDER[w.rule.level]))
        for rewrite in rewrites:
            found.append(Suggestion(
                replacement=rewrite.replacement, rule=rewrite.rule.id,
                explanation=self._cite(rewrite.explanation, rewrite.rule.link), source="rule"))
        specifics = find_specifics(sentence)
        found += self._from_pairs(sentence, label, vector, specifics)
        found += self._general(sentence, label, specifics)
        unique: dict[str, Suggestion] = {}
        for suggestion in found:
            addressed = replace(suggestion, replacement=address(
                in_writers_case(suggestion.replacement, sentence), specifics))
            unique.setdefault(addressed.replacement.casefold(), addressed)
        return list(unique.values())

    def _from_pairs(self, sentence: str, label: str, vector: np.ndarray,
                    specifics: dict[str, str]) -> list[Suggestion]:
        """The nearest pairs that fit; if none of them keeps every name and time of the
        sentence, also the nearest close one that does."""
        if not self.pairs:
            return []
        similarities = self.pair_vectors @ vector
        same_label = np.array([pair.label == label for pair in self.pairs])
        # Prefer pairs of the sentence's own label; a near pair of another label still helps.
        ranked = np.argsort(-(similarities + 0.15 * same_label))
        wanted = {slot for slot in specifics if slot != "to"}
        story = stems_by_polarity(sentence)
        chosen: list[RewritePair] = []
        for index in ranked:
            if similarities[index] < MIN_PAIR_SIMILARITY:
                break
            pair = self.pairs[index]
            if not _keeps_the_facts(pair, sentence, specifics, story):
                continue
            keeps_all = wanted <= slots_in(pair.after)
            if len(chosen) < PAIR_CANDIDATES or (
                    keeps_all and similarities[index] >= MIN_KEEPING_SIMILARITY):
                chosen.append(pair)
            if len(chosen) >= PAIR_CANDIDATES and any(
                    wanted <= slots_in(c.after) for c in chosen):
                break
        return [Suggestion(
            replacement=pair.rewrite_for(specifics, sentence), rule=f"Pairs.{pair.label}",
            explanation=self._cite(pair.why, "principle/" + _principle_for(pair.label)),
            source="exemplar") for pair in chosen]

    def _general(self, sentence: str, label: str, specifics: dict[str, str]
                 ) -> list[Suggestion]:
        """The label's general moves: a deletion where offered, then rewrites, those that
        can carry the writer's names and times first."""
        fallback = self.fallbacks.get(label)
        if fallback is None:
            return []
        link = "principle/" + _principle_for(label)
        moves = [Suggestion(replacement="", rule=f"General.{label}", source="rule",
                            explanation=self._cite(fallback.delete_why, link))
                 ] if fallback.delete_why else []
        fitting = [(text, why) for text, why in fallback.rewrites
                   if slots_in(text) <= fitting_specifics(text, specifics, sentence).keys()]
        fitting.sort(key=lambda move: -len(slots_in(move[0])))
        return moves + [
            Suggestion(replacement=fill_slots(text, specifics, sentence), rule=f"General.{label}",
                       source="rule", explanation=self._cite(why, link))
            for text, why in fitting]

    def _cite(self, explanation: str, link: str) -> str:
        principle = self.principles.get(link.removeprefix("principle/"))
        return f"{explanation} ({principle.title}.)" if principle else explanation


def _keeps_the_facts(pair: RewritePair, sentence: str, specifics: dict[str, str],
                     story: tuple[frozenset[str], frozenset[str]]) -> bool:
    """A pair's rewrite may not drop the writer's names, invent a time they never gave,
    carry over what happened in the pair's own story ("kiss" when the writer said "texts"),
    or state as fact what the writer said did not happen ("met" when they wrote "we never
    met").

    A name slot's fallback tells part of the story too, so it must be the writer's: "her"
    only where the writer spoke of someone, "that trip" or "the counsellor" only where
    their sentence speaks of one. A time's fallback would assert one, unless it is empty
    (and a past time fits only where the rewrite speaks of the past). The pair's story is
    the content words its "before" and "after" share; the writer's ``story`` is what their
    sentence affirms and what it denies (:func:`stems_by_polarity`).
    """
    fallbacks = slot_fallbacks(pair.after)
    if "name" in specifics and "name" not in fallbacks:
        return False
    if fallbacks.get("when") and "when" not in fitting_specifics(pair.after, specifics, sentence):
        return False
    unfilled = [fallback for slot, fallback in fallbacks.items() if slot not in specifics]
    if any(map(is_third_person, unfilled)) and not speaks_of_someone(sentence):
        return False
    affirmed, denied = story
    told = pair.facts | content_stems(" ".join(unfilled))
    return told <= affirmed | denied and not pair.asserted_facts & denied


def _principle_for(label: str) -> str:
    if label in {"scorekeeping", "grand_gesture"}:
        return "consistent-change"
    if label in {"forgiveness_pressure", "validation_seeking", "self_pity"}:
        return "partner-needs"
    return "accountability"
