"""Code points (the engine's offsets) to UTF-16 units (Qt's positions) and back.

Python strings count code points; QTextDocument counts UTF-16 code units, so every
character outside the Basic Multilingual Plane (most emoji) is two positions in Qt and one
in Python. Without this conversion every mark after an emoji would land one place early.
"""

from __future__ import annotations

import bisect
import re

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_length(text: str) -> int:
    """How many UTF-16 units ``text`` takes."""
    return len(text) + sum(1 for _ in _ASTRAL.finditer(text))


class OffsetMap:
    """Converts offsets of one text; built once per text in O(n), each lookup O(log n)."""

    def __init__(self, text: str) -> None:
        self._astral = [match.start() for match in _ASTRAL.finditer(text)]
        """Code point index of every astral character."""
        self._astral16 = [index + n for n, index in enumerate(self._astral)]
        """UTF-16 position of every astral character (its high surrogate)."""
        self.length = len(text)

    def to_utf16(self, index: int) -> int:
        """The UTF-16 position of code point ``index`` (``len(text)`` is allowed)."""
        return index + bisect.bisect_left(self._astral, index)

    def to_code_point(self, position: int) -> int:
        """The code point index at UTF-16 ``position``; a position inside a surrogate pair
        snaps to the start of that character."""
        before = bisect.bisect_left(self._astral16, position)
        if before and self._astral16[before - 1] == position - 1:  # inside a pair
            return position - 1 - (before - 1)
        return position - before
