"""Quality figures for the classifier: flag precision/recall, family accuracy, per-label F1.

Pure NumPy so the evaluation command and the benchmarks share one definition.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from desktop.analysis.classifier import decide
from desktop.analysis.taxonomy import APPROVAL, LABELS


@dataclass(frozen=True)
class Scores:
    count: int
    flag_precision: float
    flag_recall: float
    flag_f1: float
    family_accuracy: float
    label_accuracy: float
    macro_f1: float
    per_label_f1: dict[str, float]

    def as_dict(self) -> dict[str, object]:
        return {
            "count": self.count, "flag_precision": self.flag_precision,
            "flag_recall": self.flag_recall, "flag_f1": self.flag_f1,
            "family_accuracy": self.family_accuracy, "label_accuracy": self.label_accuracy,
            "macro_f1": self.macro_f1, "per_label_f1": self.per_label_f1,
        }

    def format(self) -> str:
        lines = [
            f"  sentences          {self.count}",
            f"  flag precision     {self.flag_precision:.3f}",
            f"  flag recall        {self.flag_recall:.3f}",
            f"  flag F1            {self.flag_f1:.3f}",
            f"  family accuracy    {self.family_accuracy:.3f}",
            f"  label accuracy     {self.label_accuracy:.3f}",
            f"  per-label macro-F1 {self.macro_f1:.3f}",
        ]
        lines += [f"    {label:<22} {f1:.3f}" for label, f1 in self.per_label_f1.items()]
        return "\n".join(lines)


def _f1(tp: float, predicted: float, actual: float) -> float:
    return 2 * tp / (predicted + actual) if predicted + actual else 0.0


def flag_scores(truth: Sequence[bool], flagged: Sequence[bool]) -> tuple[float, float, float]:
    truth_a, flagged_a = np.asarray(truth, bool), np.asarray(flagged, bool)
    tp = float(np.sum(truth_a & flagged_a))
    precision = tp / flagged_a.sum() if flagged_a.sum() else 0.0
    recall = tp / truth_a.sum() if truth_a.sum() else 0.0
    return precision, recall, _f1(tp, float(flagged_a.sum()), float(truth_a.sum()))


def score_labels(truth: Sequence[str], predicted: Sequence[str]) -> Scores:
    truth_families = [LABELS[t].family for t in truth]
    predicted_families = [LABELS[p].family for p in predicted]
    precision, recall, f1 = flag_scores(
        [f == APPROVAL for f in truth_families], [f == APPROVAL for f in predicted_families])
    per_label = {}
    for label in LABELS:
        tp = sum(t == p == label for t, p in zip(truth, predicted, strict=True))
        per_label[label] = _f1(tp, sum(p == label for p in predicted),
                               sum(t == label for t in truth))
    n = len(truth)
    return Scores(
        count=n, flag_precision=precision, flag_recall=recall, flag_f1=f1,
        family_accuracy=sum(a == b for a, b in zip(truth_families, predicted_families,
                                                   strict=True)) / max(n, 1),
        label_accuracy=sum(t == p for t, p in zip(truth, predicted, strict=True)) / max(n, 1),
        macro_f1=float(np.mean(list(per_label.values()))), per_label_f1=per_label,
    )


def score(truth: Sequence[str], probabilities: np.ndarray, labels: tuple[str, ...],
          threshold: float) -> Scores:
    return score_labels(truth, [d.label for d in decide(probabilities, labels, threshold)])
