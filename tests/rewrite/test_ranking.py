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


def test_candidates_are_judged_best_first_and_only_until_three_pass(analyzer):
    """Judging a candidate costs as much as a sentence of the draft; the rest are skipped."""
    from desktop.analysis.engine import model_text
    from desktop.rewrite.advisor import MAX_SUGGESTIONS, Advisor

    sentences = ["Can you just forgive me?", "Tell me you still love me."]
    reports = [analyzer.analyze(s).sentences[0] for s in sentences]
    suggester = analyzer._rewrites().advisor.suggester
    vectors = analyzer._loaded().embedder.encode([model_text(s) for s in sentences])
    rounds: list[list[str]] = []

    def recheck(texts):
        rounds.append(list(texts))
        return analyzer._still_flagged(texts)

    advisor = Advisor(suggester, recheck)
    advice = advisor.suggestions_for(
        [(s, r.label, v) for s, r, v in zip(sentences, reports, vectors, strict=True)])
    judged = [text for batch in rounds for text in batch]
    for sentence, report, vector, shown in zip(sentences, reports, vectors, advice, strict=True):
        offered = [c.replacement for c in suggester.candidates(sentence, report.label, vector)
                   if c.replacement]
        assert len(offered) > MAX_SUGGESTIONS + 1
        assert not set(offered) <= set(judged)  # some were never judged
        rewrites = [s for s in shown if s.replacement]
        assert len(rewrites) == MAX_SUGGESTIONS
        assert not any(analyzer._still_flagged([s.replacement for s in rewrites]))
    assert len(rounds[0]) > MAX_SUGGESTIONS + 1  # both sentences' first batches in one call
