"""Due dates and schedules are read relative to when the message was sent."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.commitments.dates import Recurrence, find_due, find_repeat

MONDAY = dt.date(2026, 11, 2)


@pytest.mark.parametrize(("text", "due"), [
    ("I'll call you tomorrow", dt.date(2026, 11, 3)),
    ("by the day after tomorrow", dt.date(2026, 11, 4)),
    ("I'll do it tonight", MONDAY),
    ("I'll have it done by Friday", dt.date(2026, 11, 6)),
    ("on Monday", dt.date(2026, 11, 9)),  # a weekday name means the next one, not today
    ("next Friday", dt.date(2026, 11, 13)),
    ("by the weekend", dt.date(2026, 11, 7)),
    ("this week", dt.date(2026, 11, 8)),
    ("next week", dt.date(2026, 11, 9)),
    ("on the 14th", dt.date(2026, 11, 14)),
    ("on the 1st", dt.date(2026, 12, 1)),
    ("the 3rd of March", dt.date(2027, 3, 3)),
    ("December 1st", dt.date(2026, 12, 1)),
    ("by the end of the month", dt.date(2026, 11, 30)),
    ("in two weeks", dt.date(2026, 11, 16)),
    ("in 3 days", dt.date(2026, 11, 5)),
    ("back in 20 min", MONDAY),
    ("on Christmas morning", dt.date(2026, 12, 25)),
    ("home by 6", None),  # a clock time alone names no day
    ("the 5:15 alarm", None),
    ("I sat in the sun on Wed", None),
    ("whenever you ask", None),
])
def test_due_dates_relative_to_a_monday(text, due):
    assert find_due(text, MONDAY) == due


def test_dates_wrap_into_the_next_month_and_year():
    new_years_eve = dt.date(2026, 12, 31)
    assert find_due("by Friday", new_years_eve) == dt.date(2027, 1, 1)
    assert find_due("tomorrow", new_years_eve) == dt.date(2027, 1, 1)
    assert find_due("on the 2nd", new_years_eve) == dt.date(2027, 1, 2)
    assert find_due("on the 31st", dt.date(2027, 1, 31)) == dt.date(2027, 3, 31)


@pytest.mark.parametrize(("text", "repeat"), [
    ("every Tuesday", "weekly:tue"),
    ("on Mondays and Wednesdays", "weekly:mon+wed"),
    ("every night", "daily"),
    ("each morning before work", "daily"),
    ("on weeknights", "weekdays"),
    ("on weekends", "weekends"),
    ("once a week", "weekly"),
    ("by the first of each month", "monthly"),
    ("tomorrow", None),
])
def test_schedules(text, repeat):
    found = find_repeat(text)
    assert (str(found) if found else None) == repeat


@pytest.mark.parametrize("name", ["daily", "weekly", "monthly", "weekdays", "weekends",
                                  "weekly:tue", "weekly:mon+thu"])
def test_schedule_names_round_trip(name):
    assert str(Recurrence.parse(name)) == name


def test_a_bad_schedule_name_is_refused_by_name():
    with pytest.raises(ValueError, match="fortnightly"):
        Recurrence.parse("fortnightly")


def test_occurs_on():
    tuesdays = Recurrence.parse("weekly:tue")
    assert tuesdays.occurs_on(dt.date(2026, 11, 3))
    assert not tuesdays.occurs_on(dt.date(2026, 11, 4))
