"""Rewrite targets of the rewrite issue on the held-out drafts (never used for tuning)."""

from __future__ import annotations

import pytest

from desktop.analysis import Analyzer
from desktop.analysis.evaluate import DATA_DIR, DevSet
from desktop.rewrite.evaluate import measure


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer(grammar="off")


@pytest.mark.parametrize("which", ["dev", "test"])
def test_rewrites_on_held_out_drafts(analyzer, which):
    figures = measure(analyzer, DevSet.load(DATA_DIR / which))
    print(f"\n[{which}]\n" + figures.format())
    assert figures.flagged > 50
    assert figures.with_rewrite >= 0.90
    assert figures.top_clean_after_apply >= 0.90
    assert figures.keeps_specifics >= 0.90
