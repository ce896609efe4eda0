"""Rewrite pairs: an approval-seeking sentence and an accountable one to send instead.

When no rule speaks to a flagged sentence, the pair whose "before" is nearest in meaning
gives the rewrite, with the writer's own names and times put into its slots.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from desktop import paths
from desktop.analysis.taxonomy import APPROVAL_LABELS
from desktop.rewrite.specifics import fill_slots, slots_in
from desktop.rewrite.story import content_stems, stems_by_polarity


class PairError(Exception):
    """A rewrite-pair file is malformed."""


@dataclass(frozen=True)
class RewritePair:
    label: str
    before: str
    after: str
    why: str

    @property
    def before_plain(self) -> str:
        """The "before" with fallbacks in its slots: what gets embedded."""
        return fill_slots(self.before, {})

    @cached_property
    def _after_story(self) -> tuple[frozenset[str], frozenset[str]]:
        """What the "after" affirms and what it denies (:func:`stems_by_polarity`)."""
        return stems_by_polarity(fill_slots(self.after, {}))

    @cached_property
    def facts(self) -> frozenset[str]:
        """What happened in this pair's story: content words its before and after share."""
        affirmed, denied = self._after_story
        return content_stems(self.before_plain) & (affirmed | denied)

    @cached_property
    def asserted_facts(self) -> frozenset[str]:
        """The facts its "after" states as having happened (not those it denies)."""
        return self.facts & self._after_story[0]

    def rewrite_for(self, specifics: dict[str, str], writer: str = "") -> str:
        """The "after" with ``specifics`` from the ``writer``'s sentence in its slots."""
        return fill_slots(self.after, specifics, writer)


def load_pairs(folder: Path | None = None) -> tuple[RewritePair, ...]:
    folder = folder or paths.resources_dir() / "rewrites"
    pairs = []
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        label = data.get("label") if isinstance(data, dict) else None
        if label not in APPROVAL_LABELS or not isinstance(data.get("pairs"), list):
            raise PairError(f"{path}: needs an approval 'label' and a list of 'pairs'")
        for index, item in enumerate(data["pairs"], start=1):
            try:
                pair = RewritePair(label, item["before"], item["after"], item["why"])
            except (KeyError, TypeError):
                raise PairError(f"{path}: pair {index} needs before, after and why") from None
            if not slots_in(pair.after) <= slots_in(pair.before):
                raise PairError(f"{path}: pair {index} uses a slot its 'before' lacks")
            pairs.append(pair)
    return tuple(pairs)
