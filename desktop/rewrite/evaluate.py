"""Measure the rewrites on held-out data: ``python -m desktop.rewrite.evaluate --set dev``.

For every sentence of the set's drafts that the engine flags, in its draft, this counts:
whether it carries a whole-sentence rewrite; whether the best rewrite, applied to the draft,
is judged clean when the whole draft is analysed again; whether the writer's names and times
survive in it; and, before the engine's own re-check filters them, how many of the
generator's first candidates would have been clean (the honest measure of the generator).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from desktop.analysis.engine import Analyzer, model_text
from desktop.analysis.evaluate import DATA_DIR, SETS, DevSet
from desktop.rewrite.apply import apply_replacement
from desktop.rewrite.specifics import find_specifics, keeps_specifics


@dataclass(frozen=True)
class RewriteFigures:
    flagged: int
    with_rewrite: float
    with_specific_rewrite: float
    with_any_suggestion: float
    top_clean_after_apply: float
    keeps_specifics: float
    first_candidate_clean: float

    def format(self) -> str:
        return "\n".join([
            f"flagged sentences in the drafts      {self.flagged}",
            f"  carry a whole-sentence rewrite     {self.with_rewrite:.3f}",
            f"  ... from a rule or a near pair     {self.with_specific_rewrite:.3f}"
            " (the rest from a general move)",
            f"  carry any suggestion (or deletion) {self.with_any_suggestion:.3f}",
            f"  top rewrite clean once applied     {self.top_clean_after_apply:.3f}",
            f"  top rewrite keeps names and times  {self.keeps_specifics:.3f}",
            f"  generator's first candidate clean  {self.first_candidate_clean:.3f}"
            " (before the engine's re-check)",
        ])


def _share(hits: int, total: int) -> float:
    return hits / total if total else 0.0


def measure(analyzer: Analyzer, dev: DevSet) -> RewriteFigures:
    model = analyzer._loaded()
    flagged = rewritten = specific = suggested = clean = kept = 0
    first_clean = candidates_seen = 0
    for draft in dev.drafts:
        text = draft["text"]
        report = analyzer.analyze(text)
        for sentence in report.sentences:
            if not sentence.flagged:
                continue
            flagged += 1
            suggested += bool(sentence.suggestions)
            vector = model.embedder.encode([model_text(sentence.text)])[0]
            first = next((c for c in analyzer._rewrites().advisor.suggester.candidates(
                model_text(sentence.text), sentence.label, vector) if c.replacement), None)
            if first is not None:
                candidates_seen += 1
                first_clean += not analyzer.analyze(first.replacement).sentences[0].flagged
            top = next((s for s in sentence.suggestions if s.replacement), None)
            if top is None:
                continue
            rewritten += 1
            specific += not top.rule.startswith("General.")
            edit = apply_replacement(text, sentence.start, sentence.end, top.replacement)
            after = analyzer.analyze(edit.text)
            touched = [s for s in after.sentences
                       if s.start < edit.end and s.end > edit.start]
            clean += not any(s.flagged for s in touched)
            kept += keeps_specifics(top.replacement, find_specifics(sentence.text))
    return RewriteFigures(
        flagged=flagged,
        with_rewrite=_share(rewritten, flagged),
        with_specific_rewrite=_share(specific, flagged),
        with_any_suggestion=_share(suggested, flagged),
        top_clean_after_apply=_share(clean, rewritten),
        keeps_specifics=_share(kept, rewritten),
        first_candidate_clean=_share(first_clean, candidates_seen),
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.rewrite.evaluate",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=SETS, default="dev", dest="which")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    args = parser.parse_args(argv)
    figures = measure(Analyzer(grammar="off"), DevSet.load(DATA_DIR / args.which))
    print(json.dumps(asdict(figures), indent=2) if args.json else figures.format())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
