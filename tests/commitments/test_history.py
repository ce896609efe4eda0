"""A draft that repeats a promise already missed twice is flagged, with the dates."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.commitments import Ledger, repeat_warnings
from desktop.commitments.history import message_for, similar
from desktop.vault import Vault

NOW = dt.datetime(2026, 11, 24, 20, 0)


@pytest.fixture
def ledger(vault_path):
    with Vault.open(vault_path) as vault:
        ledger = Ledger(vault)
        first = ledger.add("I'll be home by 7 every weeknight")
        second = ledger.add("I will be home by seven on weeknights")
        ledger.mark(first, "missed", dt.date(2026, 11, 3))
        ledger.mark(second, "missed", dt.date(2026, 11, 17))
        once = ledger.add("I'll stop checking her profile")
        ledger.mark(once, "missed", dt.date(2026, 11, 10))
        kept = ledger.add("I'll text you when I leave work")
        ledger.mark(kept, "kept", dt.date(2026, 11, 12))
        ledger.mark(kept, "kept", dt.date(2026, 11, 13))
        yield ledger


def test_a_promise_missed_twice_is_flagged_with_its_dates(ledger):
    draft = "💔 I know I let you down.\nFrom now on I’ll be home by 7 on weeknights, I promise."
    (warning,) = repeat_warnings(draft, ledger, NOW)
    assert warning.message == ("You promised this twice before and both times it was missed "
                               "(3 Nov, 17 Nov).")
    assert draft[warning.start:warning.end] == warning.text
    assert "home by 7" in warning.text
    assert warning.missed_on == (dt.date(2026, 11, 3), dt.date(2026, 11, 17))
    assert len(warning.commitment_ids) == 2


def test_no_warning_for_one_miss_a_kept_promise_or_a_new_one(ledger):
    draft = ("I'll stop checking her profile. I'll text you when I leave work. "
             "I'll book the appointment tomorrow.")
    assert repeat_warnings(draft, ledger, NOW) == []
    assert repeat_warnings("", ledger, NOW) == []


def test_the_opposite_promise_is_not_the_same_promise():
    assert similar("I'll call you at lunch", "I will call you at lunch")
    assert not similar("I'll call you at lunch", "I won't call you at lunch")
    assert not similar("I'll go to therapy every week", "I'll take the kids to school")


def test_plain_messages():
    day = dt.date(2026, 11, 30)
    assert message_for(3, [dt.date(2026, 11, 2), dt.date(2026, 11, 9), None], day) == (
        "You promised this 3 times before and all 3 times it was missed "
        "(2 Nov, 9 Nov, no date given).")
    assert message_for(3, [dt.date(2025, 12, 30), dt.date(2026, 1, 6)], day) == (
        "You promised this 3 times before; it was missed twice (30 Dec 2025, 6 Jan).")
    assert message_for(1, [dt.date(2026, 11, 2), dt.date(2026, 11, 9)], day) == (
        "You promised this once before, and it was missed twice (2 Nov, 9 Nov).")
