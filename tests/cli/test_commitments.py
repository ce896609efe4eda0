"""`amends drafts sent` and `amends commitments`: real processes, a real keyring, real files."""

from __future__ import annotations

import datetime as dt
import json
import subprocess

import pytest

from tests.cli.runner import run_amends
from tests.cli.test_drafts import one_line_error

LETTER = ("I'm sorry I lied about Friday. I'll call you at lunch every day. I will tell you "
          "the truth when you ask. I'll book the counsellor by Friday.")
PROMISES = ("I'll call you at lunch every day", "I will tell you the truth when you ask",
            "I'll book the counsellor by Friday")


@pytest.fixture
def amends(keyring_env, data):
    return lambda *args, **options: run_amends(keyring_env, data, *args, **options)


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr.decode().strip() == "", result.stderr.decode()
    return result.stdout.decode()


def _sent_letter(amends) -> None:
    assert ok(amends("drafts", "add", "--title", "To Ana", "--no-check",
                     stdin=LETTER.encode())) == "1\n"


def test_sent_keeps_the_promises_and_the_ledger_marks_them(amends):
    _sent_letter(amends)
    out = ok(amends("drafts", "sent", "1", "--yes"))
    assert "Draft 1 makes 3 promises:" in out
    assert f"1. “{PROMISES[0]}” — every day" in out
    assert f"2. “{PROMISES[1]}” — no date given" in out
    assert f"3. “{PROMISES[2]}” — by Fri" in out
    assert "kept 3 promises from draft 1 (commitments 1, 2, 3)" in out

    rows = json.loads(ok(amends("commitments", "list", "--format", "json")))
    today = dt.date.today()
    assert [(r["id"], r["text"], r["status"], r["draft_id"]) for r in rows] == [
        (1, PROMISES[0], "open", 1), (2, PROMISES[1], "open", 1), (3, PROMISES[2], "open", 1)]
    assert rows[0]["repeat"] == "daily" and rows[0]["due"] is None
    assert rows[1]["due"] is None and rows[1]["repeat"] is None
    assert rows[1]["made"] == today.isoformat()  # an undated promise keeps the sent day

    yesterday = today - dt.timedelta(days=1)
    assert ok(amends("commitments", "kept", "1")).startswith("marked commitment 1 kept (")
    ok(amends("commitments", "missed", "1", "--on", yesterday.isoformat()))
    assert "(no date given)" in ok(amends("commitments", "kept", "2", "--no-date"))
    listed = ok(amends("commitments", "list"))
    assert f"   1  missed  {PROMISES[0]}" in listed  # the status is the latest mark made
    assert "every day · kept 1, missed 1" in listed
    assert "no date given · kept 1, missed 0" in listed
    assert "not marked yet" in listed
    kept_only = json.loads(ok(amends("commitments", "list", "--status", "kept",
                                     "--format", "json")))
    assert [(r["id"], r["marks"][0]["on"]) for r in kept_only] == [(2, None)]
    first = json.loads(ok(amends("commitments", "list", "--format", "json")))[0]
    assert [(m["status"], m["on"]) for m in first["marks"]] == [
        ("kept", today.isoformat()), ("missed", yesterday.isoformat())]

    weeks = json.loads(ok(amends("commitments", "timeline", "--weeks", "3", "--format",
                                 "json")))
    assert len(weeks) == 3
    assert sum(w["kept"] for w in weeks) == 2 and sum(w["missed"] for w in weeks) == 1
    assert weeks[-1]["undated"] == 1
    text = ok(amends("commitments", "timeline", "--weeks", "3"))
    assert text.startswith("week of") and "does not measure how your partner feels" in text

    # sending the same draft again offers nothing new
    assert "No new promises found in draft 1" in ok(amends("drafts", "sent", "1", "--yes"))


def test_each_promise_is_confirmed_on_standard_input(amends):
    _sent_letter(amends)
    out = ok(amends("drafts", "sent", "1", stdin=b"y\nno\nY\n"))
    assert out.count("Keep promise") == 3
    assert "kept 2 promises from draft 1 (commitments 1, 2)" in out
    texts = [r["text"] for r in json.loads(ok(amends("commitments", "list", "--format",
                                                     "json")))]
    assert texts == [PROMISES[0], PROMISES[2]]
    out = ok(amends("drafts", "sent", "1", stdin=b"n\n"))  # only the one left is offered
    assert "Draft 1 makes 1 promise:" in out and PROMISES[1] in out
    assert "No promises kept." in out


@pytest.mark.parametrize("stdin, fragment", [
    (b"", "No answer for promise 1 of 3; nothing was kept"),
    (b"y\ny\n", "No answer for promise 3 of 3"),
    (b"y\nmaybe\n", "'maybe' is not y or n"),
])
def test_an_unclear_confirmation_keeps_nothing(amends, stdin, fragment):
    _sent_letter(amends)
    one_line_error(amends("drafts", "sent", "1", stdin=stdin), fragment)
    assert "No promises yet" in ok(amends("commitments", "list"))


def test_bad_input_is_one_clear_line(amends):
    _sent_letter(amends)
    one_line_error(amends("drafts", "sent", "7", "--yes"), "There is no draft 7")
    ok(amends("drafts", "sent", "1", "--yes"))
    one_line_error(amends("commitments", "kept", "99"), "There is no commitment 99")
    one_line_error(amends("commitments", "kept", "1", "--on", "2999-01-01"), "in the future")
    one_line_error(amends("commitments", "missed", "1", "--on", "last tuesday"),
                   "'last tuesday' is not a date")
    one_line_error(amends("commitments", "timeline", "--weeks", "0"), "--weeks takes 1 to")
    assert "not marked yet" in ok(amends("commitments", "list"))  # nothing was marked


def test_a_promise_missed_twice_is_shown_with_its_history(amends):
    _sent_letter(amends)
    ok(amends("drafts", "sent", "1", "--yes"))
    ok(amends("commitments", "missed", "2", "--on", "2026-01-05"))
    ok(amends("commitments", "missed", "2", "--no-date"))
    ok(amends("drafts", "add", "--title", "Again", "--no-check",
              stdin=b"I know I let you down. I'll tell you the truth when you ask."))
    out = ok(amends("drafts", "sent", "2", "--yes"))
    assert "note: You promised this once before, and it was missed twice" in out
    assert "5 Jan" in out


def test_no_promise_text_is_readable_in_the_data_folder(amends, data):
    _sent_letter(amends)
    ok(amends("drafts", "sent", "1", "--yes"))
    ok(amends("commitments", "kept", "3"))
    for path in (p for p in data.rglob("*") if p.is_file()):
        content = path.read_bytes()
        for secret in ("call you at lunch", "counsellor", "the truth", "daily"):
            assert secret.encode() not in content, (path, secret)


def test_a_locked_vault_is_one_line_and_an_empty_ledger_says_how_to_fill_it(amends):
    one_line_error(amends("commitments", "list", keyring=False), "AMENDS_PASSPHRASE")
    assert "amends drafts sent ID" in ok(amends("commitments", "list"))
    assert json.loads(ok(amends("commitments", "list", "--format", "json"))) == []


def test_help_names_every_command(amends):
    top = ok(amends("--help"))
    for command in ("check", "drafts", "practice", "commitments", "doctor"):
        assert f"    {command}" in top
    assert "sent" in ok(amends("drafts", "--help"))
    for action in ("list", "kept", "missed", "timeline"):
        assert action in ok(amends("commitments", "--help"))


def test_days_are_read_as_written():
    from desktop.cli.commitments import parse_day
    from desktop.cli.main import UsageError

    today = dt.date(2026, 12, 1)
    assert parse_day(" Yesterday ", today) == dt.date(2026, 11, 30)
    assert parse_day("today", today) == today
    assert parse_day("2026-11-03", today) == dt.date(2026, 11, 3)
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        parse_day("3/11/2026", today)
