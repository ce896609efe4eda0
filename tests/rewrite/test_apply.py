from __future__ import annotations

import pytest

from desktop.rewrite.apply import apply_replacement


def test_replace_a_sentence_and_move_offsets():
    text = "One. Two. Three."
    edit = apply_replacement(text, 5, 9, "Second one.")
    assert edit.text == "One. Second one. Three."
    assert edit.text[edit.start:edit.end] == "Second one."
    assert edit.moved(10) == 17 and edit.text[edit.moved(10):] == "Three."
    assert edit.moved(0) == 0


@pytest.mark.parametrize("text, start, end, expected", [
    ("One. Two. Three.", 5, 9, "One. Three."),
    ("One. Two. Three.", 10, 16, "One. Two."),
    ("One.\nTwo.\nThree.", 5, 9, "One.\nThree."),
    ("One.\r\nTwo.\r\nThree.", 6, 10, "One.\r\nThree."),
    ("Only one.", 0, 9, ""),
])
def test_deleting_leaves_no_gap(text, start, end, expected):
    assert apply_replacement(text, start, end, "").text == expected


def test_a_span_outside_the_text_is_refused():
    with pytest.raises(ValueError):
        apply_replacement("abc", 2, 9, "x")
