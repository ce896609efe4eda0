"""Rewrites that keep the writer's names and times come first; general moves stay last."""

from __future__ import annotations

from desktop.analysis.report import Suggestion
from desktop.rewrite.advisor import _rank
from desktop.rewrite.specifics import find_specifics

SENTENCE = "It only happened with Becca because you were never home last year."


def test_a_rewrite_that_keeps_the_facts_comes_first():
    drops = Suggestion("I did it, and it was my choice.", "Pairs.blame_shifting", "why", "exemplar")
    keeps = Suggestion("What happened with Becca last year was my choice.", "Rule.X", "why", "rule")
    general = Suggestion("Whatever was going on around me, what I did was my choice.",
                         "General.blame_shifting", "why", "rule")
    deletion = Suggestion("", "General.blame_shifting", "why", "rule")
    specifics = find_specifics(SENTENCE)
    ordered = sorted([general, drops, deletion, keeps], key=lambda c: _rank(c, specifics))
    assert ordered == [keeps, drops, deletion, general]
