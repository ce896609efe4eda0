from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.analysis.segmenter import MAX_SENTENCE_WORDS, split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_terminal_punctuation_and_abbreviations():
    assert texts("I'm sorry. I lied to you about Leeds! Did you know? Mr. Smith came at 3 p.m. "
                 "We talked.") == [
        "I'm sorry.", "I lied to you about Leeds!", "Did you know?", "Mr. Smith came at 3 p.m.",
        "We talked.",
    ]


def test_initials_and_titles_do_not_end_sentences():
    assert texts("J. K. Rowling wrote it. Dr. Patel said so.") == [
        "J. K. Rowling wrote it.", "Dr. Patel said so."]


def test_line_breaks_end_sentences_in_texts():
    draft = "hey\ni know you don't want to talk tonight and that's ok\ni'm at my sister's"
    assert texts(draft) == ["hey", "i know you don't want to talk tonight and that's ok",
                            "i'm at my sister's"]


def test_hard_wrapped_lines_of_a_letter_are_joined():
    draft = ("I want to tell you everything that happened between me and Sam over the\n"
             "last few months because you deserve to know.\n\nLove, J.")
    assert texts(draft) == [
        "I want to tell you everything that happened between me and Sam over the\n"
        "last few months because you deserve to know.",
        "Love, J.",
    ]


def test_long_lower_case_lines_of_a_text_are_separate_sentences():
    """Texts are long lines with no full stops; one is not a wrap of the line before."""
    draft = ("you planned your evenings around a schedule i made up for months\n"
             "take the time you need, but it's been six months and the kids can tell\n"
             "home by 5:30")
    assert texts(draft) == draft.split("\n")


def test_a_letter_wrapped_at_a_fixed_width_is_joined_back():
    paragraph = ("I have been thinking about what you said on Sunday about the weekend in "
                 "Leeds, and you were right that I kept changing the story every time you "
                 "asked me about it, which made everything worse for you. I am sorry I did "
                 "that to you. I will answer any question you have, whenever you want to ask "
                 "it, without getting defensive or making you feel like the problem.")
    for width in (60, 66, 79):
        wrapped = textwrap.fill(paragraph, width)
        assert [t.replace("\n", " ") for t in texts(wrapped + "\n\nLove,\nSam")] == [
            "I have been thinking about what you said on Sunday about the weekend in Leeds, "
            "and you were right that I kept changing the story every time you asked me about "
            "it, which made everything worse for you.",
            "I am sorry I did that to you.",
            "I will answer any question you have, whenever you want to ask it, without "
            "getting defensive or making you feel like the problem.",
            "Love,", "Sam"], width


def test_emoji_end_a_sentence_only_before_a_new_clause():
    assert texts("im sorry 😔 I know i messed up ❤️\nI ❤️ you") == [
        "im sorry 😔", "I know i messed up ❤️", "I ❤️ you"]


def test_lone_emoji_attach_to_the_sentence_before_or_are_skipped():
    assert texts("sorry 😔\n😔\nok") == ["sorry 😔", "ok"]
    assert texts("I love you. ❤️❤️") == ["I love you. ❤️❤️"]


def test_crlf_cjk_and_right_to_left():
    assert texts("Line one\r\nLine two.\r\n") == ["Line one", "Line two."]
    assert texts("我很抱歉。我错了。") == ["我很抱歉。", "我错了。"]
    assert texts("أنا آسف؟ لقد كذبت.") == ["أنا آسف؟", "لقد كذبت."]


def test_ellipsis_splits_only_before_a_capital():
    assert texts("I don't know... maybe I do. I don't know... Maybe I do.") == [
        "I don't know... maybe I do.", "I don't know...", "Maybe I do."]


def test_whitespace_and_invisible_characters_give_no_sentences():
    assert split_sentences("") == []
    assert split_sentences(" \n\t\u200b\u200d ") == []


def test_a_very_long_run_is_cut_into_bounded_pieces():
    draft = ", ".join(["i know what i did to you"] * 4000)
    pieces = split_sentences(draft)
    assert len(pieces) > 1
    assert max(len(p.text.split()) for p in pieces) <= MAX_SENTENCE_WORDS
    assert all(draft[p.start:p.end] == p.text for p in pieces)
    assert pieces[0].start == 0 and pieces[-1].end == len(draft)


def test_many_sentences():
    draft = "I lied to you. " * 5000
    assert len(split_sentences(draft)) == 5000


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(
    [*"ab I.!?…,;:\n\r\t '\"", "Mr.", "😔", "❤️", "\u200b", "e\u0301", "我", "。", "م"]),
    max_size=120).map("".join))
def test_offsets_always_point_at_the_text(draft):
    previous_end = 0
    for sentence in split_sentences(draft):
        assert draft[sentence.start:sentence.end] == sentence.text
        assert sentence.start >= previous_end
        assert sentence.text == sentence.text.strip()
        previous_end = sentence.end
