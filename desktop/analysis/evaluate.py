"""Measure quality on the held-out dev set: ``python -m desktop.analysis.evaluate``.

The dev set in ``tests/data/dev/`` was written apart from the exemplars and is never used to
train or to pick exemplars. This prints, for the engine and for a keyword list in the style
of the Just Not Sorry extension: flag precision/recall, family accuracy, per-label F1, and
the whole-draft verdict accuracy; plus the cross-validated figures recorded at training.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from desktop.analysis.engine import Analyzer
from desktop.analysis.metrics import Scores, flag_scores, score_labels
from desktop.analysis.taxonomy import APPROVAL_LABELS

DATA_DIR = Path(__file__).resolve().parents[2] / "tests" / "data"
SETS = ("dev", "test", "tune")
"""dev and test are held out; tune was written the same way but is read to find mistakes."""

KEYWORDS = (
    "sorry if", "sorry you", "sorry but", "sorry, but", "if i hurt", "any pain", "any hurt",
    "forgive me", "forgive", "move on", "moving on", "behind us", "get over", "back to normal",
    "fresh start", "let it go", "still love me", "tell me", "reassure", "good person",
    "just", "only", "didn't mean anything", "meant nothing", "not a big deal", "mistakes were",
    "it just happened", "drunk", "stressed", "you made me", "your fault", "you never",
    "you always", "punishing", "i can't sleep", "i hate myself", "falling apart", "killing me",
    "after all i", "i've done everything", "earned", "deserve", "bought you", "surprise",
    "trip", "ring", "overreacting", "crazy", "paranoid",
)
"""Phrases a careful keyword tool for this domain would underline (the baseline)."""


def keyword_flags(sentence: str) -> bool:
    lowered = " " + re.sub(r"\s+", " ", sentence.lower()).replace("’", "'") + " "
    return any(re.search(rf"(?<![a-z']){re.escape(k)}(?![a-z'])", lowered) for k in KEYWORDS)


@dataclass(frozen=True)
class DevSet:
    sentences: list[tuple[str, str]]
    drafts: list[dict]

    @classmethod
    def load(cls, folder: Path = DATA_DIR / "dev") -> DevSet:
        singles = folder / "sentences.yml"
        sentences = yaml.safe_load(singles.read_text(encoding="utf-8")) if singles.exists() else []
        drafts = yaml.safe_load((folder / "drafts.yml").read_text(encoding="utf-8"))
        pairs = [(s["text"], s["label"]) for s in sentences]
        pairs += [(s["text"], s["label"]) for d in drafts for s in d["sentences"]]
        return cls(pairs, drafts)


@dataclass(frozen=True)
class Evaluation:
    engine: Scores
    engine_verdict_accuracy: float
    baseline_flag: tuple[float, float, float]
    baseline_verdict_accuracy: float
    drafts: int
    held_out: bool = True

    def format(self) -> str:
        p, r, f = self.baseline_flag
        kind = "Held-out set" if self.held_out else "Tuning set (read while building, not held out)"
        return "\n".join([
            f"{kind}: {self.engine.count} labelled sentences, {self.drafts} drafts",
            "engine:",
            self.engine.format(),
            f"  draft verdict right {self.engine_verdict_accuracy:.3f}",
            "keyword baseline (Just Not Sorry style phrase list):",
            f"  flag precision     {p:.3f}",
            f"  flag recall        {r:.3f}",
            f"  flag F1            {f:.3f}",
            f"  draft verdict right {self.baseline_verdict_accuracy:.3f}",
        ])

    def as_dict(self) -> dict[str, object]:
        p, r, f = self.baseline_flag
        return {
            "engine": self.engine.as_dict(),
            "engine_verdict_accuracy": self.engine_verdict_accuracy,
            "baseline": {"flag_precision": p, "flag_recall": r, "flag_f1": f,
                         "verdict_accuracy": self.baseline_verdict_accuracy},
            "drafts": self.drafts,
            "held_out": self.held_out,
        }


def evaluate(analyzer: Analyzer, dev: DevSet, held_out: bool = True) -> Evaluation:
    texts = [text for text, _ in dev.sentences]
    truth = [label for _, label in dev.sentences]
    predicted = [_single_label(analyzer, text) for text in texts]
    engine_verdicts = [analyzer.analyze(d["text"]).ready == d["ready"] for d in dev.drafts]
    baseline_verdicts = [
        (not any(keyword_flags(s["text"]) for s in d["sentences"])) == d["ready"]
        for d in dev.drafts
    ]
    return Evaluation(
        engine=score_labels(truth, predicted),
        engine_verdict_accuracy=sum(engine_verdicts) / len(engine_verdicts),
        baseline_flag=flag_scores([t in APPROVAL_LABELS for t in truth],
                                  [keyword_flags(t) for t in texts]),
        baseline_verdict_accuracy=sum(baseline_verdicts) / len(baseline_verdicts),
        drafts=len(dev.drafts),
        held_out=held_out,
    )


def _single_label(analyzer: Analyzer, sentence: str) -> str:
    """The label of a dev sentence judged as one unit, whatever the segmenter would do."""
    from desktop.analysis.engine import model_text

    return analyzer._judge([model_text(sentence)], {})[0].decision.label


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.analysis.evaluate",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=SETS, default="dev", dest="which",
                        help="dev (development), test (final, aggregate figures only) or tune "
                             "(read sentence by sentence to find mistakes; not held out)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    args = parser.parse_args(argv)
    analyzer = Analyzer(grammar="off")
    result = evaluate(analyzer, DevSet.load(DATA_DIR / args.which), args.which != "tune")
    cross_validation = analyzer._loaded().head.meta.get("cross_validation")
    if args.json:
        print(json.dumps({**result.as_dict(), "cross_validation": cross_validation}, indent=2))
        return 0
    print(result.format())
    if cross_validation:
        print("cross-validated over the exemplars at training time "
              "(`python -m desktop.analysis.train`):")
        for key in ("flag_precision", "flag_recall", "family_accuracy", "macro_f1"):
            print(f"  {key.replace('_', ' '):<18} {cross_validation[key]:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
