"""How a promise's schedule and a mark's day are put into words, the same everywhere.

A promise with no date is still kept (with the day it was confirmed, the day the message
was sent) and is shown as "no date given": the writer did not say when, and the ledger
does not guess.
"""

from __future__ import annotations

import datetime as dt

from desktop.commitments.dates import Recurrence

NO_DATE = "no date given"
_EVERY = {"daily": "every day", "monthly": "every month"}
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def day_text(day: dt.date | None, today: dt.date | None = None) -> str:
    """"Fri 5 Dec" (with the year when it is not this year's), or "no date given"."""
    if day is None:
        return NO_DATE
    year = "" if day.year == (today or dt.date.today()).year else f" {day.year}"
    return f"{day:%a} {day.day} {day:%b}{year}"


def schedule_text(due: dt.date | None, repeat: Recurrence | None,
                  today: dt.date | None = None) -> str:
    """When a promise is for: "every Tuesday", "by Fri 5 Dec", or "no date given"."""
    if repeat is not None:
        if repeat.frequency in _EVERY:
            return _EVERY[repeat.frequency]
        if repeat.weekdays:
            names = [_DAYS[d] for d in repeat.weekdays]
            days = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            return f"every {days}"
        return "every week"
    if due is not None:
        return f"by {day_text(due, today)}"
    return NO_DATE
