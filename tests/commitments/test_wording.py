"""A promise with no date: kept with the day it was sent, shown as "no date given"."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.commitments import Ledger, Recurrence, extract_promises
from desktop.commitments.wording import NO_DATE, day_text, schedule_text
from desktop.vault import Vault

TODAY = dt.date(2026, 12, 1)


@pytest.mark.parametrize("due, repeat, expected", [
    (None, None, "no date given"),
    (dt.date(2026, 12, 4), None, "by Fri 4 Dec"),
    (dt.date(2027, 1, 8), None, "by Fri 8 Jan 2027"),
    (None, Recurrence("daily"), "every day"),
    (None, Recurrence("monthly"), "every month"),
    (None, Recurrence("weekly"), "every week"),
    (None, Recurrence.parse("weekly:tue"), "every Tuesday"),
    (None, Recurrence.parse("weekly:mon+wed+fri"), "every Monday, Wednesday and Friday"),
    (dt.date(2026, 12, 4), Recurrence("daily"), "every day"),  # the schedule says more
])
def test_schedules_in_words(due, repeat, expected):
    assert schedule_text(due, repeat, TODAY) == expected


def test_days_in_words():
    assert day_text(None) == NO_DATE == "no date given"
    assert day_text(dt.date(2026, 11, 30), TODAY) == "Mon 30 Nov"
    assert day_text(dt.date(2025, 11, 30), TODAY) == "Sun 30 Nov 2025"


def test_a_promise_with_no_date_is_kept_with_the_day_it_was_sent(vault_path):
    [promise] = extract_promises("I will tell you the truth when you ask.", TODAY)
    assert promise.due is None and promise.repeat is None
    with Vault.open(vault_path) as vault:
        ledger = Ledger(vault)
        commitment_id = ledger.confirm(promise)
        ledger.mark(commitment_id, "kept")  # and a mark with no date is counted too
        [entry] = ledger.entries()
    assert entry.created == dt.date.today()  # the day it was confirmed as sent
    assert entry.due is None and schedule_text(entry.due, entry.repeat) == NO_DATE
    assert [(m.status, m.on, m.day) for m in entry.marks] == [
        ("kept", None, dt.date.today())]
