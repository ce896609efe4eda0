"""The writer's specifics that rewrites must keep: names (with their titles) and times."""

from __future__ import annotations

import pytest

from desktop.rewrite.specifics import (
    address,
    fill_slots,
    find_specifics,
    in_writers_case,
    time_is_past,
)
from desktop.rewrite.story import stems_by_polarity


@pytest.mark.parametrize(("sentence", "expected"), [
    ("My affair with Ms Okafor was kept from you all last year.",
     {"name": "Ms Okafor", "when": "last year"}),
    ("I met Dr. Patel on Friday.", {"name": "Dr. Patel", "when": "on Friday"}),
    ("It started when Becca texted me.", {"name": "Becca"}),
    ("Sorry I was late tonight.", {"when": "tonight"}),
    ("I lied to you.", {}),
    ("I booked us a week in New York for Valentine's Day.",
     {"name": "New York", "when": "for Valentine's Day"}),
    ("I've bought us tickets to the Maldives.", {"name": "the Maldives"}),
    ("Tomorrow there'll be roses at your door.", {"when": "tomorrow"}),
    ("Every time you ask, it turns into a fight.", {}),
    ("I'll be outside at 6 with flowers.", {"when": "at 6"}),
    ("We hadn't been close since Easter.", {"when": "since Easter"}),
    ("If you'd come on the Berlin trip, it wouldn't have happened.", {"name": "the Berlin trip"}),
    ("I bought you a Cartier watch to show I'm sorry.", {"name": "a Cartier watch"}),
    # a possessive with nothing after it names a place; one before a noun names a person
    ("I've booked the whole of Rossi's for your birthday.", {"name": "Rossi's"}),
    ("We had dinner at Luca's tonight.", {"name": "Luca's", "when": "tonight"}),
    ("I read Jess's messages.", {"name": "Jess"}),
])
def test_names_and_times(sentence, expected):
    assert find_specifics(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Please, please forgive me, Marcus.", {"to": "Marcus"}),
    ("Sam, can we just move on?", {"to": "Sam"}),
    ("Dear Anna, the tickets to Venice are booked.", {"to": "Anna", "name": "Venice"}),
    ("Can we go to Pride together, Jonah, like always?", {"to": "Jonah", "name": "Pride"}),
    ("I love you, Sam ❤️", {"to": "Sam"}),
    # a list of places is not someone being spoken to
    ("I turned down Rome, Paris and Lisbon for you.", {"name": "Rome"}),
    ("I turned down four trips, Tokyo included.", {"name": "Tokyo"}),
    # a word opening the sentence before a comma is not always a name
    ("Fine, I lied about it.", {}),
    ("Regrettably, mistakes were made.", {}),
])
def test_the_partner_addressed_by_name_is_told_apart(sentence, expected):
    assert find_specifics(sentence) == expected


@pytest.mark.parametrize(("rewrite", "specifics", "expected"), [
    ("There's no timeline.", {"to": "Dana"}, "Dana, there's no timeline."),
    ("I'm sorry for what I did.", {"to": "Dana"}, "Dana, I'm sorry for what I did."),
    ("Jess was my choice.", {"to": "Dana", "name": "Jess"}, "Dana, Jess was my choice."),
    ("Take your time, Dana.", {"to": "Dana"}, "Take your time, Dana."),
    ("", {"to": "Dana"}, ""),
    ("Take your time.", {"name": "Jess"}, "Take your time."),
])
def test_rewrites_speak_to_the_partner_as_the_writer_did(rewrite, specifics, expected):
    assert address(rewrite, specifics) == expected


@pytest.mark.parametrize(("specifics", "expected"), [
    ({}, "What I did was my choice."),
    ({"when": "that night"}, "What I did that night was my choice."),
])
def test_an_empty_fallback_leaves_the_place_out(specifics, expected):
    assert fill_slots("What I did {when|} was my choice.", specifics) == expected


@pytest.mark.parametrize(("sentence", "affirmed", "denied"), [
    ("I never even met her, we only texted.", {"text"}, {"met"}),
    ("I didn't sleep with her but we kissed", {"kiss"}, {"sleep"}),
    ("i wasnt thinking and i went to his flat", {"went", "flat"}, {"think"}),
    ("Nothing physical happened.", set(), {"physi", "happe"}),
    ("I meant every word I wrote to her.", {"meant", "every", "word", "wrote"}, set()),
])
def test_what_a_sentence_says_happened_and_what_it_denies(sentence, affirmed, denied):
    assert stems_by_polarity(sentence) == (affirmed, denied)


@pytest.mark.parametrize(("sentence", "template", "expected"), [
    ("I never slept with him.", "How I felt about {name|her} changes nothing.",
     "How I felt about him changes nothing."),
    ("She kept texting me.", "{name|He} is no excuse.", "She is no excuse."),
    ("He and she were both there.", "{name|her} and me.", "her and me."),
    ("It was only texting.", "About {name|her}.", "About her."),
])
def test_fallback_pronouns_follow_the_writers(sentence, template, expected):
    assert fill_slots(template, {}, sentence) == expected
    assert fill_slots(template, {"name": "Jo"}, sentence).count("Jo") == 1


@pytest.mark.parametrize(("sentence", "past"), [
    ("When we talked on Sunday you said you'd try, so can we move on?", True),
    ("You told me yesterday you forgave me.", True),
    ("I met her on Friday after work.", True),
    ("Can we be normal again by Sunday?", False),
    ("Can we go to your mum's on Sunday like normal?", False),
    ("I've been to every session since January.", False),
])
def test_a_time_spoken_of_as_past(sentence, past):
    assert time_is_past(sentence, find_specifics(sentence)["when"]) is past


@pytest.mark.parametrize(("writer", "ahead", "past"), [
    ("Can we be past this by Sunday?", "No deadline, by Sunday or ever.", "What I did by Sunday."),
    ("When we talked on Sunday you said you'd try, so can we move on?",
     "No deadline, then or ever.", "What I did on Sunday."),
])
def test_a_past_time_goes_only_where_the_rewrite_speaks_of_the_past(writer, ahead, past):
    specifics = find_specifics(writer)
    assert fill_slots("No deadline, {when|then} or ever.", specifics, writer) == ahead
    assert fill_slots("What I did {when|}.", specifics, writer) == past


@pytest.mark.parametrize(("rewrite", "writer", "expected"), [
    ("i'm not going to push; i'll go at your pace.", "Can we move on now?",
     "I'm not going to push; I'll go at your pace."),
    ("i'm not going to push.", "can we move on now", "i'm not going to push."),
    ("I won't push, Sam.", "can we move on now", "I won't push, Sam."),
    ("i was texting him, and i won't hide it.", "Rob and I texted.",
     "I was texting him, and I won't hide it."),
])
def test_a_lower_case_rewrite_meets_a_writer_who_uses_capitals(rewrite, writer, expected):
    assert in_writers_case(rewrite, writer) == expected
