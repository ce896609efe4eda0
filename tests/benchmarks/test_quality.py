"""Quality targets of the engine issue on the held-out sets (never used for training)."""

from __future__ import annotations

import pytest

from desktop.analysis import Analyzer
from desktop.analysis.evaluate import DATA_DIR, DevSet, evaluate


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer(grammar="off")


@pytest.mark.parametrize("which", ["dev", "test"])
def test_quality_on_held_out_data(analyzer, which):
    result = evaluate(analyzer, DevSet.load(DATA_DIR / which))
    print(f"\n[{which}] " + result.format())
    engine = result.engine
    assert engine.flag_precision >= 0.90
    assert engine.flag_recall >= 0.90
    assert engine.macro_f1 >= 0.70
    assert result.engine_verdict_accuracy >= 0.90
    assert engine.flag_f1 > result.baseline_flag[2] + 0.2, "far ahead of a keyword list"
