"""Code points to UTF-16 and back, where emoji (two UTF-16 units) shift everything."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.ui.offsets import OffsetMap, utf16_length


@given(st.text(alphabet=st.sampled_from("ab .\n😢👍🏽é\u200d🇫🇷")))
def test_round_trip_matches_utf16_encoding(text):
    offsets = OffsetMap(text)
    for index in range(len(text) + 1):
        position = offsets.to_utf16(index)
        assert position == len(text[:index].encode("utf-16-le")) // 2
        assert offsets.to_code_point(position) == index
    assert utf16_length(text) == len(text.encode("utf-16-le")) // 2


def test_a_position_inside_a_surrogate_pair_snaps_to_its_character():
    offsets = OffsetMap("a😢b")
    assert [offsets.to_code_point(p) for p in range(5)] == [0, 1, 1, 2, 3]
