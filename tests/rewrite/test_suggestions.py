"""Suggestions on the real engine: offered for flagged sentences, re-checked, applicable."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from desktop.rewrite.apply import apply_replacement
from desktop.rewrite.specifics import find_specifics

FLAGGED = [
    "Can you just forgive me?",
    "I'm sorry if you were hurt by the messages.",
    "It was only texting, it didn't mean anything.",
    "I only did it because I was drunk.",
    "Please tell me you still love me.",
    "I can't sleep, I'm falling apart.",
    "I've done everything you asked, so you should trust me now.",
    "I booked Paris for us to make it up to you.",
    "You're punishing me for one mistake.",
]


@pytest.mark.parametrize("sentence", FLAGGED)
def test_flagged_sentences_get_rechecked_suggestions(analyzer, sentence):
    report = analyzer.analyze(sentence)
    [judged] = report.sentences
    assert judged.flagged, judged.label
    assert judged.suggestions, "every flagged sentence here has a rewrite"
    for suggestion in judged.suggestions:
        assert suggestion.source in {"rule", "exemplar"}
        assert suggestion.explanation
        if suggestion.replacement:
            again = analyzer.analyze(suggestion.replacement)
            assert not any(s.flagged for s in again.sentences), suggestion


def test_applying_the_top_suggestion_clears_the_sentence(analyzer):
    text = ("I lied to you about the weekend in Leeds. Can you just forgive me? "
            "I'm at home tonight.")
    report = analyzer.analyze(text)
    target = next(s for s in report.sentences if s.flagged)
    edit = apply_replacement(text, target.start, target.end, target.suggestions[0].replacement)
    after = analyzer.analyze(edit.text)
    assert not any(s.flagged for s in after.sentences)
    assert after.ready
    assert edit.text.startswith("I lied to you about the weekend in Leeds.")
    assert edit.text.endswith("I'm at home tonight.")


def test_rewrites_keep_the_writers_names(analyzer):
    report = analyzer.analyze("It was only a few messages with Dana, nothing more.")
    [judged] = report.sentences
    specific = [s for s in judged.suggestions
                if s.replacement and not s.rule.startswith("General.")]
    assert specific and all("Dana" in s.replacement for s in specific)
    # General moves come last: they are the least specific to what the writer said.
    general = [s.rule.startswith("General.") for s in judged.suggestions]
    assert general == sorted(general)


@pytest.mark.parametrize("sentence", [
    "Could we agree not to talk about Jess any more after this weekend, Dana?",
    "I've booked us a week in Paris on Friday so we can start fresh, Dana.",
    "It was the wine that night, and Rhys kept texting me, Dana.",
])
def test_the_top_rewrite_keeps_names_times_and_who_is_spoken_to(analyzer, sentence):
    """Even where only a general move fits, it carries the writer's own specifics."""
    [judged] = analyzer.analyze(sentence).sentences
    assert judged.flagged, judged.label
    top = next(s for s in judged.suggestions if s.replacement)
    specifics = find_specifics(sentence)
    assert specifics.get("to") == "Dana" and len(specifics) == 3, specifics
    assert all(value.lower() in top.replacement.lower() for value in specifics.values()), top


def test_needs_are_quoted_when_a_draft_goes_against_them(analyzer):
    text = "Leaving work now, home by 6. I know you said not to, but I miss Dana's jokes."
    needs = ["No contact on weekends please", "Don't mention Dana"]
    saturday = datetime(2026, 11, 28, 11, 0)
    report = analyzer.analyze(text, needs=needs, now=saturday)
    assert not report.ready
    quoted = [n.need for n in report.needs]
    assert quoted == ["No contact on weekends please", "Don't mention Dana"]
    assert report.needs[0].sentence is None and "Saturday" in report.needs[0].reason
    dana = report.sentences[report.needs[1].sentence]
    assert "Dana" in dana.text and dana.needs == ("Don't mention Dana",)
    assert dana.suggestions[0].replacement == ""
    assert "Don't mention Dana" in dana.suggestions[0].explanation
    weekday = analyzer.analyze("Leaving work now, home by 6.", needs=needs,
                               now=datetime(2026, 11, 25, 17, 0))
    assert weekday.ready and weekday.needs == []


def test_pressure_against_a_stated_pace_is_quoted(analyzer):
    report = analyzer.analyze("When can we put this behind us?",
                              needs=["Please don't rush me"])
    [judged] = report.sentences
    assert judged.needs == ("Please don't rush me",)
    assert any("rush" in reason for reason in report.reasons)


@pytest.mark.parametrize(("sentence", "other_story"), [
    ("It was just texting, that's all.", "kiss"),  # "It was one kiss" -> "I kissed someone else"
    ("i only texted rob a few times, it was nothing", "trip"),  # a slot's "that trip"
])
def test_a_rewrite_never_carries_another_story(analyzer, sentence, other_story):
    """Neither a pair's own story nor the thing its empty slot falls back to may reach a
    sentence that tells another."""
    [judged] = analyzer.analyze(sentence).sentences
    assert judged.flagged and judged.suggestions
    assert not any(other_story in s.replacement.lower() for s in judged.suggestions)


@pytest.mark.parametrize("sentence", [
    "I was lonely, and honestly it didn't mean anything.",
    "I'm sorry about what happened at Christmas, but it wasn't fair of your brother to say it.",
])
def test_a_rewrite_brings_in_no_one_the_writer_did_not_speak_of(analyzer, sentence):
    """No "what I did with her" for a writer who never mentioned anyone."""
    [judged] = analyzer.analyze(sentence).sentences
    assert judged.flagged and any(s.replacement for s in judged.suggestions)
    assert not any(re.search(r"\b(?:he|him|his|she|her)\b", s.replacement, re.IGNORECASE)
                   for s in judged.suggestions)


def test_a_rewrite_never_hedges_an_apology(analyzer):
    """A rule that mends "sorry about what happened" must not keep "…, but your brother…"."""
    sentence = ("I'm sorry about what happened at your parents' on Christmas, but it wasn't fair "
                "of your brother to bring it up at the table in front of everyone.")
    [judged] = analyzer.analyze(sentence).sentences
    assert judged.flagged and any(s.replacement for s in judged.suggestions)
    assert not any("but" in s.replacement.split() for s in judged.suggestions)


def test_a_rewrite_never_confesses_what_the_writer_denied(analyzer):
    """"We never kissed" must not get the pair "It was one kiss" -> "I kissed someone else"."""
    for sentence, denied in [("We never kissed, it was only messages and nothing more.", "kiss"),
                             ("I never even met up with her, it wasn't a big deal.", "met up")]:
        [judged] = analyzer.analyze(sentence).sentences
        assert judged.flagged and judged.suggestions
        assert not any(denied in s.replacement.lower() for s in judged.suggestions)


def test_a_rule_rewrite_is_judged_clause_by_clause(analyzer):
    """Dropping "only" leaves "it was nothing", which still shrinks what happened."""
    from desktop.rewrite.advisor import clauses

    assert clauses("Rob and I texted, it was nothing.") == ["Rob and I texted", "it was nothing."]
    assert clauses("I'm sorry for what I did.") == []
    [judged] = analyzer.analyze("rob and i only texted, it was nothing").sentences
    assert judged.flagged and any(s.replacement for s in judged.suggestions)
    assert not any("nothing" in s.replacement for s in judged.suggestions)


def test_a_time_that_is_past_stays_in_the_past(analyzer):
    [asked] = analyzer.analyze(
        "You told me yesterday you forgave me, so can we please move on now?").sentences
    assert asked.flagged and asked.suggestions
    assert not any(re.search(r"\byesterday,? or\b|owe me.*yesterday", s.replacement)
                   for s in asked.suggestions)  # "no date…, yesterday or any other"
    [played_down] = analyzer.analyze(
        "I saw Dana last night but it wasn't anything serious.").sentences
    kept = [s.replacement for s in played_down.suggestions if "last night" in s.replacement]
    assert kept and not any(re.search(r"\blast night,? or\b", text) for text in kept)


@pytest.mark.parametrize("sentence", [
    "I cried in the shower again and I can't take much more of this.",
    "I've hired a skywriter to put your name over the city on Saturday.",
])
def test_self_pity_and_grand_gestures_offer_leaving_it_out(analyzer, sentence):
    [judged] = analyzer.analyze(sentence).sentences
    assert judged.label in {"self_pity", "grand_gesture"}, judged.label
    deletions = [s for s in judged.suggestions if s.replacement == ""]
    assert len(deletions) == 1 and deletions[0].explanation
    assert any(s.replacement for s in judged.suggestions), "and a sentence to send instead"
