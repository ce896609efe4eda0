"""Speed targets of the engine issue, as ratios to bare sentence-transformers in one run."""

from __future__ import annotations

import sys
import textwrap
from functools import partial

import pytest

from desktop.analysis import Analyzer
from desktop.analysis.embedder import bundled_model_path, offline_and_quiet
from desktop.analysis.segmenter import split_sentences
from tests.benchmarks.helpers import best_of, letter_of, median, run_process
from tests.conftest import REPO

BARE_SCRIPT = textwrap.dedent("""
    import os, sys
    os.environ["HF_HUB_OFFLINE"] = "1"
    from sentence_transformers import SentenceTransformer
    model = SentenceTransformer(sys.argv[1], device="cpu")
    model.encode([open(sys.argv[2], encoding="utf-8").read()])
""")


@pytest.fixture(scope="module")
def letter() -> str:
    text = letter_of(1000)
    assert 1000 <= len(text.split()) < 1200
    return text


@pytest.fixture(scope="module")
def bare_model():
    offline_and_quiet()
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(bundled_model_path()), device="cpu")


@pytest.mark.parametrize("grammar", ["off", "harper"])
def test_full_analysis_and_one_character_edit(letter, bare_model, grammar):
    sentences = [s.text for s in split_sentences(letter)]
    analyzer = Analyzer(grammar=grammar)
    analyzer.warm_up()
    analyzer.analyze("Warm every code path once.")
    bare = best_of(5, lambda: bare_model.encode(sentences))
    full = best_of(5, lambda: analyzer.analyze(letter), analyzer.forget_results)
    analyzer.analyze(letter)
    edit_at = letter.index(" ", len(letter) // 2)
    edited = [letter[:edit_at] + " x" + letter[edit_at:], letter]
    toggles = iter(edited * 5)
    edit = best_of(5, lambda: analyzer.analyze(next(toggles)))
    print(f"\n[grammar={grammar}] {len(letter.split())} words, {len(sentences)} sentences: "
          f"bare encode {bare * 1000:.0f} ms, full analysis {full * 1000:.0f} ms "
          f"(ratio {full / bare:.2f}, target ≤ 1.5); one-character edit {edit * 1000:.1f} ms "
          f"(ratio to full {edit / full:.3f}, target ≤ 0.1)")
    assert full / bare <= 1.5
    assert edit / full <= 0.1


def test_check_command_against_bare_model_load(tmp_path, amends_dirs):
    draft = tmp_path / "short.txt"
    draft.write_text("I'm sorry I lied to you about the weekend. What would help you tonight?\n")
    bare_script = tmp_path / "bare.py"
    bare_script.write_text(BARE_SCRIPT)
    bare = [sys.executable, str(bare_script), str(bundled_model_path()), str(draft)]
    check = [sys.executable, "-m", "desktop", "check", str(draft)]
    env = {"PYTHONPATH": str(REPO)}
    run_process(check, env)  # fills the exemplar vector cache, as any first run does
    run_process(bare, env)
    bare_runs, check_runs = [], []
    for _ in range(5):
        bare_runs.append(run_process(bare, env))
        check_runs.append(run_process(check, env))
    assert all(code == 0 for _, _, code in bare_runs)
    assert all(code == 0 for _, _, code in check_runs)
    bare_time, check_time = median([r[0] for r in bare_runs]), median([r[0] for r in check_runs])
    bare_memory, check_memory = max(r[1] for r in bare_runs), max(r[1] for r in check_runs)
    print(f"\n`amends check` (grammar harper) {check_time:.2f} s vs bare import+load "
          f"{bare_time:.2f} s (ratio {check_time / bare_time:.2f}, target ≤ 1.3); peak memory "
          f"{check_memory:.0f} MB vs {bare_memory:.0f} MB "
          f"(ratio {check_memory / bare_memory:.2f}, target ≤ 1.2)")
    assert check_time / bare_time <= 1.3
    assert check_memory / bare_memory <= 1.2


def test_grammar_adds_at_most_a_tenth_to_analysis(letter):
    """Issue 4: Harper on a 1,000-word letter costs ≤ 10% of the analysis time."""
    timings = {}
    for grammar in ("off", "harper"):
        analyzer = Analyzer(grammar=grammar)
        analyzer.warm_up()
        analyzer.analyze("Warm every code path once.")
        timings[grammar] = best_of(5, partial(analyzer.analyze, letter), analyzer.forget_results)
    added = timings["harper"] / timings["off"] - 1
    print(f"\n{len(letter.split())} words: analysis {timings['off'] * 1000:.0f} ms without "
          f"grammar, {timings['harper'] * 1000:.0f} ms with Harper "
          f"(+{added:.1%}, target ≤ +10%)")
    assert added <= 0.10
