"""Reading drafts from files and standard input, with one clear line for every bad input."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from desktop.analysis.engine import MAX_CHARS
from desktop.cli.main import UsageError

MAX_BYTES = 4 * MAX_CHARS
"""No valid draft can be larger in UTF-8, so bigger files are refused before reading."""


@dataclass(frozen=True)
class Draft:
    name: str
    text: str


def decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:8192]:
        raise UsageError(f"{name} looks like a binary file, not text.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{name} is not valid UTF-8 text (bad byte at offset {exc.start}); "
            "save it as UTF-8 and try again."
        ) from None
    if len(text) > MAX_CHARS:
        raise UsageError(
            f"{name} has {len(text):,} characters; Amends checks up to {MAX_CHARS:,} at a time."
        )
    if not text.strip():
        raise UsageError(f"{name} is empty: there is nothing to check.")
    return text


def read_draft(source: str) -> Draft:
    if source == "-":
        return Draft("standard input", decode(sys.stdin.buffer.read(MAX_BYTES + 1),
                                              "standard input"))
    path = Path(source)
    if path.is_dir():
        raise UsageError(f"{source} is a folder; give a text file.")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise UsageError(f"{source}: no such file.") from None
    except OSError as exc:
        raise UsageError(f"{source}: cannot read it ({exc.strerror or exc}).") from None
    if len(data) > MAX_BYTES:
        raise UsageError(f"{source} is larger than {MAX_BYTES // 1_000_000} MB; "
                         "Amends checks one message at a time.")
    return Draft(source, decode(data, source))


MAX_NEEDS = 1_000


def read_needs(source: str) -> list[str]:
    """The partner's needs, one a line; blank lines and lines starting with # are skipped."""
    draft = read_draft(source)
    needs = [line.strip() for line in draft.text.splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    if len(needs) > MAX_NEEDS:
        raise UsageError(f"{source} lists {len(needs):,} needs; Amends reads up to {MAX_NEEDS:,}.")
    return needs
