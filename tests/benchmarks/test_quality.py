"""Quality targets of the engine issue on the held-out dev set (never used for training)."""

from __future__ import annotations

from desktop.analysis import Analyzer
from desktop.analysis.evaluate import DevSet, evaluate


def test_quality_on_the_held_out_dev_set():
    result = evaluate(Analyzer(grammar="off"), DevSet.load())
    print("\n" + result.format())
    engine = result.engine
    assert engine.flag_precision >= 0.90
    assert engine.flag_recall >= 0.90
    assert engine.macro_f1 >= 0.70
    assert result.engine_verdict_accuracy >= 0.90
    assert engine.flag_f1 > result.baseline_flag[2] + 0.2, "far ahead of a keyword list"
