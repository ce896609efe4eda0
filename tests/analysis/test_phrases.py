"""Fixed phrases that settle a stance the embedding misreads: demands that the partner forgive
or understand, recounted excuses, 'mine, not yours' and held-back requests."""

from __future__ import annotations

import pytest

from desktop.analysis.classifier import Decision
from desktop.analysis.phrases import (
    PHRASE_CONFIDENCE,
    asks_to_understand_excuse,
    demands_forgiveness,
    holds_back_request,
    mine_not_yours,
    recounts_own_excuse,
    settle,
)
from desktop.analysis.taxonomy import ACCOUNTABLE, APPROVAL


@pytest.mark.parametrize("sentence", [
    "I'm sorry if I hurt you, but you have to forgive me eventually.",
    "I know I messed up, but at some point you need to let it go.",
    "sooner or later you're going to have to forgive me",
    "you’ve got to let it go",
    "u need to get over it",
    "I said sorry, so you have to stop bringing it up.",
    "You'll have to forgive me one day.",
    "By now you really ought to be able to trust me.",
    "No, you have to forgive me.",
])
def test_a_demand_on_the_partner(sentence):
    assert demands_forgiveness(sentence)


@pytest.mark.parametrize("sentence", [
    "You don't have to forgive me.",
    "you dont have to forgive me",
    "You shouldn't have to forgive me.",
    "You do not need to let it go.",
    "You never have to trust me again.",
    "I'm not saying you have to forgive me.",
    "Nobody is saying you must forgive me.",
    "If you need to move on, I understand.",
    "whether you need to move on is yours to decide",
    "There's no date you need to be over it by; I'll follow your lead.",
    "I have to earn your trust back.",
    "You should know I'm seeing a counsellor on Tuesdays.",
])
def test_what_leaves_the_partner_free_is_no_demand(sentence):
    assert not demands_forgiveness(sentence)


def test_a_demand_overrides_an_accountable_reading_only():
    accountable = Decision("impact", 0.3, ACCOUNTABLE, 0.45)
    settled = settle("you have to forgive me eventually.", accountable)
    assert (settled.label, settled.family, settled.confidence) == (
        "forgiveness_pressure", APPROVAL, PHRASE_CONFIDENCE)
    already = Decision("self_pity", 0.8, APPROVAL, 0.9)
    assert settle("you have to forgive me, I'm falling apart.", already) is already
    assert settle("You don't have to forgive me.", accountable) is accountable


def test_the_engine_flags_a_demand_after_an_apology(analyzer):
    [sentence] = analyzer.analyze(
        "I know I hurt you, but you have to forgive me eventually.").sentences
    assert sentence.flagged and sentence.label == "forgiveness_pressure"
    assert all(not analyzer._still_flagged([s.replacement])[0]
               for s in sentence.suggestions if s.replacement)


def test_no_rewrite_the_product_offers_reads_as_a_demand():
    from desktop.rewrite.fallbacks import load_fallbacks
    from desktop.rewrite.loader import load_rules
    from desktop.rewrite.pairs import load_pairs

    offered = [pair.rewrite_for({}) for pair in load_pairs()]
    offered += [text for fallback in load_fallbacks().values() for text, _ in fallback.rewrites]
    offered += [e.after for rule in load_rules().rules for e in rule.examples if e.after]
    assert [text for text in offered if demands_forgiveness(text)] == []


@pytest.mark.parametrize("sentence", [
    "I used to say it just happened, and that work had me worn out.",
    "For months I told myself it was because we had drifted apart.",
    "When you asked about the receipts, I said you were imagining things.",
    "i kept telling myself it didn't count because we never met up",
    "I blamed the drinking when you asked me why.",
])
def test_the_writer_recounting_an_old_excuse(sentence):
    assert recounts_own_excuse(sentence)


@pytest.mark.parametrize("sentence", [
    "It just happened, work had me worn out.",
    "I was drunk and she kept texting me.",
    "I said it was only texting, and I still think that.",
    "I told you it was nothing, and it was true.",
    "You told me I was imagining things.",
])
def test_an_excuse_made_or_stood_by_is_not_recounted(sentence):
    assert not recounts_own_excuse(sentence)


def test_a_recounted_excuse_is_owned_and_only_an_excuse_reading_changes():
    recounted = "I used to say it just happened; it didn't, I chose it."
    blame = Decision("blame_shifting", 0.7, APPROVAL, 0.8)
    settled = settle(recounted, blame)
    assert (settled.label, settled.family) == ("ownership", ACCOUNTABLE)
    pity = Decision("self_pity", 0.7, APPROVAL, 0.8)
    assert settle(recounted, pity) is pity
    assert settle("It just happened.", blame) is blame


@pytest.mark.parametrize(("sentence", "expected"), [
    ("I'm sorry, but you have to understand I was trying to end it.", True),
    ("You need to understand I was in a really dark place.", True),
    ("u gotta try and understand how lonely i was", True),
    ("You don't have to understand why I did it.", False),
    ("I'm not saying you have to understand me.", False),
    ("I need to understand why I did it.", False),
])
def test_telling_the_partner_to_understand_the_writers_side(sentence, expected):
    assert asks_to_understand_excuse(sentence) is expected


def test_a_demand_to_understand_is_a_sorry_but_after_an_apology_and_an_excuse_otherwise():
    accountable = Decision("remorse", 0.5, ACCOUNTABLE, 0.55)
    after_apology = settle("I'm sorry, but you have to understand I was lonely.", accountable)
    assert (after_apology.label, after_apology.family) == ("conditional_apology", APPROVAL)
    alone = settle("You have to understand I was lonely.", accountable)
    assert (alone.label, alone.family) == ("blame_shifting", APPROVAL)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("That's on me, not you.", True),
    ("Rebuilding this is my work, not yours.", True),
    ("The choice was mine, and not yours.", True),
    ("that's on you, not me", False),
    ("Rebuilding this is your work, not mine.", False),
    ("My phone is my business, not yours.", False),
])
def test_mine_not_yours(sentence, expected):
    assert mine_not_yours(sentence) is expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("I'm not going to ask you to believe me this time.", True),
    ("I'm not expecting us to celebrate.", True),
    ("I don't expect you to believe me on my word alone.", True),
    ("i'm not gonna keep texting", True),
    ("no rush to reply 🙏", True),
    ("You don't owe me anything.", True),
    ("I'm not asking you to forgive me, just to stop bringing it up.", False),
    ("I won't ask you to forgive me until you're ready, but that had better be soon.", False),
    ("I'm not going to sit there while you call me a monster.", False),
    ("I'm not expecting a medal for this.", False),
    ("You never let me explain.", False),
])
def test_a_sentence_that_only_holds_back_a_request(sentence, expected):
    assert holds_back_request(sentence) is expected


def test_word_order_rules_turn_only_the_misreading_they_are_for():
    darvo = Decision("darvo", 0.7, APPROVAL, 0.75)
    owned = settle("That's on me, not you.", darvo)
    assert (owned.label, owned.family) == ("ownership", ACCOUNTABLE)
    pressure = Decision("forgiveness_pressure", 0.7, APPROVAL, 0.75)
    freed = settle("I'm not going to ask you to believe me this time.", pressure)
    assert (freed.label, freed.family) == ("partner_needs", ACCOUNTABLE)
    pity = Decision("self_pity", 0.7, APPROVAL, 0.75)
    assert settle("I don't expect you to understand what I'm going through.", pity) is pity
    assert settle("That's on you, not me.", darvo) is darvo
