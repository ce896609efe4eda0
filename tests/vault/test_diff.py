"""Word-level differences between versions."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.vault.diff import DELETE, EQUAL, INSERT, Segment, counts, side, word_diff


def test_a_changed_word_is_one_delete_and_one_insert():
    segments = word_diff("I am sorry if you were hurt.", "I am sorry I hurt you.")
    assert Segment(EQUAL, "I am sorry ") in segments
    assert side(segments, "old") == "I am sorry if you were hurt."
    assert side(segments, "new") == "I am sorry I hurt you."
    assert {s.kind for s in segments} == {EQUAL, INSERT, DELETE}


def test_punctuation_is_its_own_token():
    segments = word_diff("I lied, often.", "I lied often.")
    assert segments == [Segment(EQUAL, "I lied"), Segment(DELETE, ","),
                        Segment(EQUAL, " often.")]


def test_a_rewritten_clause_reads_as_old_then_new():
    segments = word_diff("I am sorry if you were hurt.", "I am sorry I hurt you.")
    assert segments == [Segment(EQUAL, "I am sorry "), Segment(DELETE, "if you were hurt"),
                        Segment(INSERT, "I hurt you"), Segment(EQUAL, ".")]


def test_changes_keep_to_their_paragraph():
    segments = word_diff("Sorry if you were hurt.\n\nThings have been hard.",
                         "Sorry I hurt you.\n\nI lied for months.")
    assert Segment(EQUAL, ".\n\n") in segments


def test_spacing_changes_are_changes():
    assert word_diff("a  b", "a b") == [Segment(EQUAL, "a "), Segment(DELETE, " "),
                                        Segment(EQUAL, "b")]
    assert side(word_diff("Dear Sam,\n\nI lied.", "Dear Sam,\nI lied to you."), "new") == \
        "Dear Sam,\nI lied to you."


def test_identical_texts_have_no_changes():
    assert word_diff("Same text.", "Same text.") == [Segment(EQUAL, "Same text.")]
    assert word_diff("", "") == []


def test_counts_words_added_and_removed():
    assert counts(word_diff("one two three", "one four five three")) == (2, 1)


@given(st.text(), st.text())
def test_both_sides_come_back_exactly(old: str, new: str):
    segments = word_diff(old, new)
    assert side(segments, "old") == old
    assert side(segments, "new") == new
