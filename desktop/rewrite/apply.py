"""Apply a suggestion to a draft: the new text and where everything moved."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AppliedEdit:
    text: str
    """The whole draft after the edit."""
    start: int
    end: int
    """Where the replacement now sits (start == end after a deletion)."""
    removed_start: int
    removed_end: int
    """The span of the old text that was replaced."""

    @property
    def shift(self) -> int:
        return (self.end - self.start) - (self.removed_end - self.removed_start)

    def moved(self, offset: int) -> int:
        """Where an offset of the old text lies in the new text."""
        if offset <= self.removed_start:
            return offset
        if offset >= self.removed_end:
            return offset + self.shift
        return self.start  # inside the replaced span: snap to its start


def apply_replacement(text: str, start: int, end: int, replacement: str) -> AppliedEdit:
    """Put ``replacement`` in place of ``text[start:end]``.

    Deleting a sentence also takes one run of whitespace with it, so no double space or
    blank line is left where it stood.
    """
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span {start}:{end} is outside the text")
    if not replacement:
        after = end
        while after < len(text) and text[after] in " \t":
            after += 1
        if after < len(text) and text[after] in "\r\n" and (start == 0 or text[start - 1] in "\n"):
            after += 2 if text[after:after + 2] == "\r\n" else 1
        elif after == end:  # nothing after it on the line: take the space before instead
            while start > 0 and text[start - 1] in " \t":
                start -= 1
        end = after
    new_text = text[:start] + replacement + text[end:]
    return AppliedEdit(new_text, start, start + len(replacement), start, end)
