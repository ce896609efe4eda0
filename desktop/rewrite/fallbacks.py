"""General moves for a flagged sentence that no rule and no near rewrite pair fits.

They state nothing about what happened, so they cannot change the writer's facts; where the
honest move is to leave a sentence out (self-pity, a grand gesture) they offer deletion.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from desktop import paths
from desktop.analysis.taxonomy import APPROVAL_LABELS


class FallbackError(Exception):
    """The fallbacks file is malformed."""


@dataclass(frozen=True)
class Fallback:
    rewrites: tuple[tuple[str, str], ...]
    """(sentence, why) pairs, best first."""
    delete_why: str | None = None


def load_fallbacks(path: Path | None = None) -> dict[str, Fallback]:
    path = path or paths.resources_dir() / "fallbacks.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not set(data) <= APPROVAL_LABELS:
        raise FallbackError(f"{path}: needs approval labels as keys")
    fallbacks = {}
    for label, entry in data.items():
        try:
            rewrites = tuple((item["text"], item["why"]) for item in entry.get("rewrites", ()))
        except (KeyError, TypeError, AttributeError):
            raise FallbackError(f"{path}: {label}: each rewrite needs text and why") from None
        fallbacks[label] = Fallback(rewrites, entry.get("delete"))
    return fallbacks
