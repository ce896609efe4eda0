"""`amends practice` as a person runs it: real processes, a real keyring, the real model."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.cli.runner import run_amends

ANSWER = (b"I lied to you about where I was for months. I'm sorry I hurt you.\n"
          b"What would help you most this weekend?\n\n")


@pytest.fixture
def data(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def amends(keyring_env, data):
    """Run ``amends practice`` in a fresh process with no terminal to prompt on."""
    return lambda *args, **options: run_amends(keyring_env, data, "practice", *args,
                                               **options)


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode()


def one_line_error(result: subprocess.CompletedProcess, fragment: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = [line for line in result.stderr.decode().splitlines() if line.strip()]
    assert len(lines) == 1 and fragment in lines[0], lines
    assert "Traceback" not in lines[0]


def test_listing_needs_no_vault_and_no_model(amends, data):
    listed = ok(amends("--list"))
    for situation in ("why", "contact", "space", "new-lie", "reassurance", "transparency",
                      "bad-day", "dates", "others-know", "future"):
        assert f"\n{situation} " in f"\n{listed}"
    prompts = ok(amends("--list", "--situation", "why"))
    assert "why-01" in prompts and "Why did you do it?" in prompts
    one_line_error(amends("--list", "--situation", "weather"), "There is no situation 'weather'")
    assert not data.exists()


def test_answer_save_and_progress(amends, data, tmp_path):
    out = ok(amends("--prompt", "why-01", stdin=ANSWER + b".\nthis line is after the end\n"))
    assert "Your partner says: “Why did you do it? I just want to understand.”" in out
    assert "ownership" in out and "remorse" in out  # sentence-by-sentence feedback
    assert "What a repairing answer does here:" in out
    assert "Saved as practice attempt 1 (encrypted)." in out
    assert "this line is after the end" not in out
    chart = tmp_path / "progress.svg"
    progress = ok(amends("--progress", "--chart", str(chart)))
    assert "When your partner asks why you did it: 0% (1 attempt)" in progress
    assert chart.read_text(encoding="utf-8").startswith("<svg")
    week = ok(amends("--week"))
    assert week.startswith("Your week:") and "You answered 1 practice prompt this week." in week


def test_bad_input_is_one_clear_line_and_stores_nothing(amends, data):
    one_line_error(amends("--prompt", "why-01", stdin=b"\n\n"), "Your answer is empty")
    one_line_error(amends("--prompt", "why-01"), "Your answer is empty")
    one_line_error(amends("--prompt", "why-99", stdin=ANSWER), "There is no practice prompt")
    one_line_error(amends("--chart", "x.svg"), "--chart goes with --progress")
    assert "No practice answers with feedback yet." in ok(amends("--progress"))


def test_reflection_first_and_no_save(amends, data):
    stdin = b"Owning a mistake at work.\n.\n" + ANSWER
    out = ok(amends("--situation", "space", "--difficulty", "1", "--reflect", "--no-save",
                    stdin=stdin))
    assert "Before you answer:" in out and "Not saved (--no-save)." in out
    assert "space-0" in out
    assert not data.exists()


def test_an_answer_may_have_paragraphs(amends, data):
    stdin = (b"I lied to you about where I was for months.\n\n"
             b"Can you just forgive me so we can move on?\n.\nThis line is after the end.\n")
    out = ok(amends("--prompt", "why-01", "--no-save", stdin=stdin))
    assert "I lied to you about where I was" in out
    assert "Can you just forgive me" in out  # the second paragraph was read
    assert "after the end" not in out


def test_a_locked_vault_is_reported_before_anything_is_typed(amends, data):
    result = amends("--prompt", "why-01", stdin=ANSWER, keyring=False)
    one_line_error(result, "passphrase")
    assert "Your partner says" not in result.stdout.decode()


def test_an_answer_pasted_fifty_times_is_kept_but_not_charted(amends, data):
    once = ANSWER.strip(b"\n")
    out = ok(amends("--prompt", "why-01", stdin=b"\n".join([once] * 50) + b"\n\n"))
    assert "note: Your answer seems to repeat the same sentences about 50 times" in out
    assert "not counted in your progress chart" in out
    assert "Saved as practice attempt 1 (encrypted)." in out
    assert out.count("I lied to you about where I was") == 1  # feedback once per sentence
    assert "Your saved answer cannot be charted yet" in ok(amends("--progress"))
    ok(amends("--prompt", "why-02", stdin=ANSWER))
    assert "(1 attempt)" in ok(amends("--progress"))
