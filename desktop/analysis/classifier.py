"""The trained head that turns sentence features into label probabilities.

Inference is plain NumPy over the stored weights (``resources/model/head.npz``); training
lives in :mod:`desktop.analysis.train`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from desktop.analysis.features import CUE_NAMES
from desktop.analysis.taxonomy import APPROVAL, APPROVAL_LABELS, LABELS

HEAD_FILE = "head.npz"
EMBEDDING_SCALE = 10.0
"""Unit vectors are scaled before the linear layer so logits can be confident."""


@dataclass(frozen=True)
class Decision:
    label: str
    confidence: float
    family: str
    family_confidence: float

    @property
    def flagged(self) -> bool:
        return self.family == APPROVAL


def approval_mask(labels: tuple[str, ...]) -> np.ndarray:
    return np.array([label in APPROVAL_LABELS for label in labels])


def decide(probabilities: np.ndarray, labels: tuple[str, ...], threshold: float) -> list[Decision]:
    """Family first, then label: a sentence is approval-seeking when the approval labels
    together pass the threshold, and then takes the likeliest approval label.

    Summing the family first keeps a sentence split between, say, minimizing and
    blame_shifting from slipping under the threshold on either alone.
    """
    mask = approval_mask(labels)
    families = np.array([LABELS[label].family for label in labels])
    decisions = []
    for row in probabilities:
        approval = float(row[mask].sum())
        candidates = mask if approval >= threshold else ~mask
        index = int(np.argmax(np.where(candidates, row, -1.0)))
        family = str(families[index])
        family_confidence = approval if family == APPROVAL else float(row[families == family].sum())
        decisions.append(Decision(labels[index], float(row[index]), family, family_confidence))
    return decisions


class HeadError(Exception):
    """The stored head is missing or does not match this version of the taxonomy."""


@dataclass
class Head:
    weight: np.ndarray
    """labels × features."""
    bias: np.ndarray
    labels: tuple[str, ...]
    use_tail: bool = True
    use_cues: bool = True
    flag_threshold: float = 0.5
    """Minimum probability of the approval family for a sentence to count against 'ready'."""
    meta: dict[str, Any] = field(default_factory=dict)

    def features(self, full: np.ndarray, tail: np.ndarray, cues: np.ndarray) -> np.ndarray:
        parts = [full * EMBEDDING_SCALE]
        if self.use_tail:
            parts.append(tail * EMBEDDING_SCALE)
        if self.use_cues:
            parts.append(cues)
        return np.concatenate(parts, axis=1)

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        logits = features @ self.weight.T + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def decide(self, probabilities: np.ndarray) -> list[Decision]:
        return decide(probabilities, self.labels, self.flag_threshold)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        config = {
            "labels": list(self.labels), "use_tail": self.use_tail, "use_cues": self.use_cues,
            "flag_threshold": self.flag_threshold, "cues": list(CUE_NAMES), "meta": self.meta,
        }
        np.savez_compressed(path, weight=self.weight.astype(np.float32),
                            bias=self.bias.astype(np.float32), config=np.array(json.dumps(config)))

    @classmethod
    def load(cls, path: Path) -> Head:
        try:
            with np.load(path, allow_pickle=False) as data:
                weight, bias = data["weight"], data["bias"]
                config = json.loads(str(data["config"]))
        except (OSError, KeyError, ValueError) as exc:
            raise HeadError(f"Cannot read the trained classifier {path}: {exc}") from exc
        labels = tuple(config["labels"])
        if set(labels) != set(LABELS) or (config["use_cues"] and config["cues"] != list(CUE_NAMES)):
            raise HeadError(
                f"The trained classifier {path} was made for other labels or cues; retrain it "
                "with `python -m desktop.analysis.train`."
            )
        return cls(weight, bias, labels, config["use_tail"], config["use_cues"],
                   float(config["flag_threshold"]), config.get("meta", {}))
