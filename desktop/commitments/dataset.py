"""The labelled sets of sent messages used to measure the promise extractor.

Each expected promise is written as an exact piece of its message (``span``), so the
files stay readable; loading turns it into code-point offsets and refuses, naming the
file and message, any span that is not in its text.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from desktop.commitments.dates import Recurrence

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "commitments"


class DatasetError(ValueError):
    """A labelled file does not follow the format; the message names file and message."""


@dataclass(frozen=True)
class Expected:
    start: int
    end: int
    text: str
    due: dt.date | None
    repeat: Recurrence | None


@dataclass(frozen=True)
class Message:
    id: str
    text: str
    now: dt.datetime
    promises: tuple[Expected, ...]


def _when(value: Any, where: str) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(12))
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        raise DatasetError(f"{where}: now is not a date and time: {value!r}") from None


def _expected(item: Any, text: str, where: str) -> Expected:
    if not isinstance(item, dict) or not isinstance(item.get("span"), str):
        raise DatasetError(f"{where}: each promise needs a span (a piece of the text)")
    span = item["span"]
    nth = int(item.get("nth", 1))
    start = -1
    for _ in range(nth):
        start = text.find(span, start + 1)
    if start < 0:
        raise DatasetError(f"{where}: span {span!r} is not in the text")
    due = item.get("due")
    if due is not None and not isinstance(due, dt.date):
        raise DatasetError(f"{where}: due {due!r} is not a date (YYYY-MM-DD)")
    try:
        repeat = Recurrence.parse(item["repeat"]) if item.get("repeat") else None
    except ValueError as exc:
        raise DatasetError(f"{where}: {exc}") from None
    unknown = set(item) - {"span", "nth", "due", "repeat"}
    if unknown:
        raise DatasetError(f"{where}: unknown keys {sorted(unknown)}")
    return Expected(start, start + len(span), span, due, repeat)


def load_set(path: Path) -> list[Message]:
    """Read one labelled file; raises :class:`DatasetError` on the first mistake."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DatasetError(f"{path}: cannot read it ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
        raise DatasetError(f"{path}: expected a mapping with a 'messages' list")
    default_now = _when(data.get("now", "2026-11-02T18:00"), str(path))
    messages, seen = [], set()
    for index, item in enumerate(data["messages"]):
        where = f"{path.name}: messages[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise DatasetError(f"{where}: needs an id and a text")
        message_id = str(item.get("id", index))
        where = f"{path.name}: {message_id}"
        if message_id in seen:
            raise DatasetError(f"{where}: the id is used twice")
        seen.add(message_id)
        now = _when(item["now"], where) if "now" in item else default_now
        promises = tuple(_expected(p, item["text"], f"{where}: promises[{i}]")
                         for i, p in enumerate(item.get("promises") or []))
        messages.append(Message(message_id, item["text"], now, promises))
    return messages


def set_path(name: str) -> Path:
    return DATA_DIR / f"{name}.yml"
