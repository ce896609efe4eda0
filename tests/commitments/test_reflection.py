"""The weekly reflection: calm, addressed to the writer, and never a forgiveness score."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest

from desktop.commitments import Ledger
from desktop.commitments.reflection import CLOSING, reflection_for, weekly_reflection
from desktop.practice import load_library
from desktop.vault import Vault

WEEK = dt.date(2026, 11, 4)  # a Wednesday: the week is Mon 2 – Sun 8 November


def _stamp(day: int) -> float:
    return dt.datetime(2026, 11, day, 12).timestamp()


def test_a_full_week(vault_path):
    library = load_library()
    with Vault.open(vault_path) as vault:
        ledger = Ledger(vault)
        home = ledger.add("Home by seven on weeknights")
        ledger.mark(home, "kept", dt.date(2026, 11, 2))
        ledger.mark(home, "missed", dt.date(2026, 11, 4))
        ledger.mark(home, "kept", dt.date(2026, 10, 27))  # last week: not counted
        ledger.add("Send the bank letter", due=dt.date(2026, 11, 6))
        vault.add_need("No calls during the school run")
        vault.add_need("Nothing about the holiday", kind="boundary")
        for prompt_id, share in (("why-01", 0.5), ("why-02", 0.25)):
            vault.add_practice(prompt_id, "an answer", {"approval_share": share,
                                                        "situation": "why"})
        text = reflection_for(vault, WEEK, library)
    assert text.startswith("Your week: Monday 2 November – Sunday 8 November 2026")
    assert "You kept 1 and missed 1 this week." in text
    assert "Missed: “Home by seven on weeknights” (Wed 4 Nov)." in text
    assert "Still open, due Fri 6 Nov: “Send the bank letter”." in text
    assert "“No calls during the school run”" in text
    assert "“Nothing about the holiday” (a boundary)" in text
    assert text.rstrip().endswith(CLOSING)


def test_practice_lines_use_the_attempt_dates(vault_path):
    library = load_library()
    attempts = []
    with Vault.open(vault_path) as vault:
        for share in (0.5, 0.25):
            vault.add_practice("why-01", "an answer", {"approval_share": share,
                                                       "situation": "why"})
        attempts = vault.practice_attempts()
    today = dt.date.today()
    text = weekly_reflection([], attempts, [], today, library)
    assert "You answered 2 practice prompts this week." in text
    assert ("When your partner asks why you did it: approval-seeking sentences went from "
            "50% in your first answer to 25% in your latest.") in text
    last_year = weekly_reflection([], attempts, [], today - dt.timedelta(days=365), library)
    assert "No practice this week." in last_year


def test_an_empty_week_says_so_gently():
    text = weekly_reflection([], [], [], WEEK)
    assert "You marked no promises kept or missed this week." in text
    assert "No practice this week." in text
    assert "You have not written down your partner's needs yet." in text


def test_undated_marks_are_counted_and_explained(vault_path):
    with Vault.open(vault_path) as vault:
        ledger = Ledger(vault)
        promise = ledger.add("Tell you when she writes")
        ledger.mark(promise, "kept")  # no date given
        text = weekly_reflection(ledger.entries(), [], [], dt.date.today())
    assert "You kept 1 and missed 0 this week." in text
    assert "1 mark had no date, so it is counted in the week you made the mark." in text


def test_five_hundred_needs(vault_path, analyzer):
    with Vault.open(vault_path) as vault:
        for n in range(500):
            vault.add_need(f"Need number {n}: please don't mention the trip")
        clock = time.perf_counter()
        needs = vault.needs()
        text = reflection_for(vault, WEEK)
        reading = time.perf_counter() - clock
    assert len(needs) == 500
    shown = re.findall(r"^  - ", text, re.M)
    assert len(shown) == 10 and "… and 490 more in your needs list" in text
    assert reading < 10
    clock = time.perf_counter()
    report = analyzer.analyze("I won't mention the trip again. I'll be home by six.",
                              needs=[n.text for n in needs])
    assert time.perf_counter() - clock < 5
    assert report.sentences and report.needs  # every need was read, the topic one matched


@pytest.mark.parametrize("week", [WEEK, dt.date(2030, 1, 1)])
def test_no_forgiveness_language(week):
    text = weekly_reflection([], [], [], week).lower()
    for word in ("forgiv", "score", "likely", "chance", "predict", "trust level"):
        assert word not in text
