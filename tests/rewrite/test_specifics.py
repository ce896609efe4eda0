"""The writer's specifics that rewrites must keep: names (with their titles) and times."""

from __future__ import annotations

import pytest

from desktop.rewrite.specifics import address, fill_slots, find_specifics


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
