"""Word differences as rich text for a QTextBrowser.

Colour alone never carries the meaning: added words are underlined and removed words are
struck through as well as tinted, so the view reads the same without colour vision. Text
colours are set with the backgrounds so the contrast holds in a dark theme too.
"""

from __future__ import annotations

import html
import logging

from desktop.vault.diff import DELETE, INSERT, Segment

log = logging.getLogger(__name__)

INSERT_STYLE = "background-color:#cdeccf; color:#0b3d13; text-decoration:underline;"
DELETE_STYLE = "background-color:#f6d2d2; color:#5c0b0b; text-decoration:line-through;"
_VISIBLE_SPACE = {"\n": "¶\n", "\t": "→\t"}


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _changed(text: str) -> str:
    """A changed run; a change made only of spaces or line breaks gets a visible mark."""
    if text.strip():
        return _escape(text)
    return _escape("".join(_VISIBLE_SPACE.get(c, "·") for c in text))


def segments_html(segments: list[Segment]) -> str:
    """The whole diff as one pre-wrapped block that keeps the writer's spacing and lines."""
    parts = []
    for index, segment in enumerate(segments):
        if segment.kind == INSERT:
            previous = segments[index - 1] if index else None
            if (previous is not None and previous.kind == DELETE
                    and not previous.text[-1:].isspace() and not segment.text[:1].isspace()):
                parts.append(" ")  # keeps "two" and "four" apart on screen: "two four"
            parts.append(f'<span style="{INSERT_STYLE}">{_changed(segment.text)}</span>')
        elif segment.kind == DELETE:
            parts.append(f'<span style="{DELETE_STYLE}">{_changed(segment.text)}</span>')
        else:
            parts.append(_escape(segment.text))
    body = "".join(parts) or "<i>(empty)</i>"
    return f'<div style="white-space:pre-wrap">{body}</div>'


def legend_html() -> str:
    return (f'<span style="{INSERT_STYLE}">added words are underlined</span>'
            f' &nbsp; <span style="{DELETE_STYLE}">removed words are struck through</span>')
