"""The commitments ledger: confirmed promises, marked kept or missed, over the vault.

Every text stays sealed in the vault; this module only arranges it. The weekly series
counts what the writer kept and missed, so they can see their own consistency over time.
It is not, and must never become, a measure of how forgiven they are.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.commitments.dates import Recurrence
from desktop.commitments.extract import Promise

if TYPE_CHECKING:
    from desktop.vault import Vault

log = logging.getLogger(__name__)

STATUSES = ("kept", "missed")


class LedgerError(ValueError):
    """A ledger request that cannot be done as asked; the message says what to do."""


@dataclass(frozen=True)
class Mark:
    status: str
    on: dt.date | None
    """The day it was kept or missed; None when the writer gave no date."""
    marked: dt.date
    """The day the mark was recorded (used for undated marks in the weekly series)."""

    @property
    def day(self) -> dt.date:
        return self.on or self.marked


@dataclass(frozen=True)
class Entry:
    """One confirmed promise with its history of marks."""

    id: int
    text: str
    status: str
    due: dt.date | None
    repeat: Recurrence | None
    marks: tuple[Mark, ...]
    draft_id: int | None
    created: dt.date

    @property
    def missed(self) -> tuple[Mark, ...]:
        return tuple(m for m in self.marks if m.status == "missed")

    @property
    def kept(self) -> tuple[Mark, ...]:
        return tuple(m for m in self.marks if m.status == "kept")


@dataclass(frozen=True)
class WeekPoint:
    """Kept and missed marks in the week starting ``start`` (a Monday)."""

    start: dt.date
    kept: int
    missed: int
    undated: int
    """How many of these marks had no date and were placed in the week they were made."""

    @property
    def kept_share(self) -> float | None:
        """Kept over kept plus missed; None for a week with no marks (not zero)."""
        total = self.kept + self.missed
        return self.kept / total if total else None


def _day(stamp: float) -> dt.date:
    return dt.datetime.fromtimestamp(stamp).date()


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


class Ledger:
    """Confirm promises, mark them kept or missed, and read their history."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def confirm(self, promise: Promise, draft_id: int | None = None) -> int:
        """Keep a promise the writer confirmed (from :func:`extract_promises`)."""
        return self.add(promise.text, promise.due, promise.repeat, draft_id)

    def confirm_all(self, promises: Iterable[Promise], draft_id: int | None = None) -> list[int]:
        return [self.confirm(p, draft_id) for p in promises]

    def add(self, text: str, due: dt.date | None = None, repeat: Recurrence | None = None,
            draft_id: int | None = None) -> int:
        """A promise typed or edited by the writer; an empty one is refused."""
        if not isinstance(text, str) or not text.strip():
            raise LedgerError("The promise is empty; write what you promised.")
        return self._vault.add_commitment(text.strip(), due=due, draft_id=draft_id,
                                          repeat=str(repeat) if repeat else None)

    def mark(self, commitment_id: int, status: str, on: dt.date | None = None) -> None:
        """Mark a promise kept or missed, on a day (or undated: it is still counted)."""
        if status not in STATUSES:
            raise LedgerError(f"A promise is marked kept or missed, not {status!r}.")
        if on is not None and on > dt.date.today() + dt.timedelta(days=1):
            raise LedgerError(f"{on:%d %b %Y} is in the future; mark a promise once the day "
                              "has come.")
        self._vault.mark_commitment(commitment_id, status, on)
        log.debug("Marked commitment %d %s", commitment_id, status)

    def entries(self, status: str | None = None) -> list[Entry]:
        """Every confirmed promise, oldest first (``status``: open, kept or missed)."""
        states = self._vault.commitment_states()
        result = []
        for item in self._vault.commitments(status):
            state = states.get(item.id)
            repeat = None
            if state is not None and state.repeat:
                try:
                    repeat = Recurrence.parse(state.repeat)
                except ValueError:
                    log.warning("Commitment %d has an unreadable schedule", item.id)
            marks = tuple(Mark(m.status, m.on, _day(m.marked)) for m in state.marks) \
                if state else ()
            if not marks and item.status in STATUSES:  # marked before marks were recorded
                marks = (Mark(item.status, item.due, _day(item.updated)),)
            result.append(Entry(item.id, item.text, item.status, item.due, repeat, marks,
                                item.draft_id, _day(item.created)))
        return result

    def weekly(self, weeks: int = 12, today: dt.date | None = None) -> list[WeekPoint]:
        """Kept and missed marks per week, oldest week first, ending with this week."""
        if weeks < 1:
            raise LedgerError("Ask for at least one week.")
        today = today or dt.date.today()
        first = _monday(today) - dt.timedelta(weeks=weeks - 1)
        counts = {first + dt.timedelta(weeks=i): [0, 0, 0] for i in range(weeks)}
        for entry in self.entries():
            for mark in entry.marks:
                week = _monday(mark.day)
                if week in counts:
                    counts[week][0 if mark.status == "kept" else 1] += 1
                    counts[week][2] += mark.on is None
        return [WeekPoint(start, *values) for start, values in counts.items()]
