"""The ledger over a real vault: confirm promises, mark them, read a weekly series."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.commitments import Ledger, LedgerError, extract_promises
from desktop.vault import Vault

NOW = dt.datetime(2026, 11, 2, 18, 0)


@pytest.fixture
def ledger(vault_path):
    with Vault.open(vault_path) as vault:
        yield Ledger(vault)


def test_confirmed_promises_keep_their_text_date_and_schedule(ledger):
    promises = extract_promises("I'll see the counsellor every Tuesday. I'll send you the "
                                "bank letter by Friday.", NOW)
    ids = ledger.confirm_all(promises)
    entries = ledger.entries()
    assert [e.id for e in entries] == ids
    assert [(e.text, e.due, str(e.repeat) if e.repeat else None, e.status)
            for e in entries] == [
        ("I'll see the counsellor every Tuesday", None, "weekly:tue", "open"),
        ("I'll send you the bank letter by Friday", dt.date(2026, 11, 6), None, "open")]


def test_marking_and_the_weekly_series(ledger):
    weekly = ledger.add("Counsellor every Tuesday")
    letter = ledger.add("Send the letter", due=dt.date(2026, 11, 6))
    undated = ledger.add("Tell you when she writes")
    ledger.mark(weekly, "kept", dt.date(2026, 11, 3))
    ledger.mark(weekly, "missed", dt.date(2026, 11, 10))
    ledger.mark(weekly, "kept", dt.date(2026, 11, 17))
    ledger.mark(letter, "missed", dt.date(2026, 11, 6))
    ledger.mark(undated, "kept")  # no date: counted in the week the mark was made
    series = ledger.weekly(weeks=3, today=dt.date(2026, 11, 18))
    assert [(p.start, p.kept, p.missed) for p in series] == [
        (dt.date(2026, 11, 2), 1, 1), (dt.date(2026, 11, 9), 0, 1), (dt.date(2026, 11, 16), 1, 0)]
    assert series[0].kept_share == 0.5
    today = ledger.weekly(weeks=1)
    assert (today[0].kept, today[0].undated) == (1, 1)
    entry = next(e for e in ledger.entries() if e.id == weekly)
    assert [m.status for m in entry.marks] == ["kept", "missed", "kept"]
    assert entry.status == "kept"


def test_a_week_without_marks_has_no_share_not_zero(ledger):
    (point,) = ledger.weekly(weeks=1)
    assert (point.kept, point.missed, point.kept_share) == (0, 0, None)


def test_bad_requests_say_what_to_do(ledger):
    promise = ledger.add("Home by six")
    with pytest.raises(LedgerError, match="empty"):
        ledger.add("   ")
    with pytest.raises(LedgerError, match="kept or missed"):
        ledger.mark(promise, "forgiven")
    with pytest.raises(LedgerError, match="future"):
        ledger.mark(promise, "kept", dt.date.today() + dt.timedelta(days=30))
    with pytest.raises(LedgerError, match="at least one week"):
        ledger.weekly(weeks=0)
    assert ledger.entries()[0].marks == ()
