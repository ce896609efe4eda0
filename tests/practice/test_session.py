"""Practice attempts with the real engine and a real vault: feedback, keeping, progress."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from desktop.practice import PracticeError, load_library, practise, progress
from desktop.practice.chart import render_svg
from desktop.practice.session import MAX_ANALYSED
from desktop.vault import PracticeAttempt, Vault

ACCOUNTABLE = ("I lied to you for months and let you doubt yourself. I'm sorry I hurt you. "
               "What would help you this weekend?")
APPROVAL = ("I know I messed up but it was only texting. When can we put this behind us? "
            "Tell me you still love me.")


@pytest.fixture(scope="module")
def library():
    return load_library()


def test_feedback_and_a_sealed_attempt(analyzer, library, vault_path):
    prompt = library.prompt("space-01")
    question = library.reflection[0]
    with Vault.open(vault_path) as vault:
        feedback = practise(analyzer, prompt, APPROVAL, vault=vault,
                            reflection=(question, "Telling my boss the truth."))
        (attempt,) = vault.practice_attempts()
    assert attempt.id == feedback.attempt_id
    assert attempt.prompt_id == "space-01" and attempt.answer == APPROVAL
    summary = attempt.report
    assert summary["situation"] == "space"
    assert summary["labels"] == [s.label for s in feedback.report.sentences]
    assert summary["approval_sentences"] >= 2
    assert summary["approval_share"] == feedback.approval_share > 0.5
    assert summary["reflection"] == {"id": question.id, "text": "Telling my boss the truth."}
    assert not any(s.text in str(summary) for s in feedback.report.sentences)
    flagged = [s for s in feedback.report.sentences if s.flagged]
    assert flagged and all(s.suggestions for s in flagged)  # sentence feedback with rewrites


def test_an_accountable_answer_reads_as_one(analyzer, library):
    feedback = practise(analyzer, library.prompt("space-01"), ACCOUNTABLE)
    assert feedback.approval_share == 0.0
    assert feedback.attempt_id is None and feedback.notes == []


def test_an_empty_answer_is_refused_and_nothing_is_kept(analyzer, library, vault_path):
    with Vault.open(vault_path) as vault:
        for empty in ("", "  \n\t "):
            with pytest.raises(PracticeError, match="empty"):
                practise(analyzer, library.prompt("why-01"), empty, vault=vault)
        assert vault.practice_attempts() == []


def test_an_answer_pasted_fifty_times(analyzer, library, vault_path):
    answer = "\n\n".join([ACCOUNTABLE] * 50)
    with Vault.open(vault_path) as vault:
        feedback = practise(analyzer, library.prompt("why-01"), answer, vault=vault)
        kept = vault.practice_attempt(feedback.attempt_id).answer
    assert kept == answer  # every character kept
    assert feedback.analysed == ACCOUNTABLE  # each sentence is read once
    assert len(feedback.report.sentences) == 3
    [note] = feedback.notes
    assert "about 50 times" in note and "saved as you wrote it" in note
    assert "not counted in your progress" in note
    assert not feedback.counted


def test_a_pasted_answer_is_not_a_point_on_the_progress_chart(analyzer, library, vault_path):
    with Vault.open(vault_path) as vault:
        first = practise(analyzer, library.prompt("why-01"), APPROVAL, vault=vault)
        pasted = practise(analyzer, library.prompt("why-02"), "\n".join([ACCOUNTABLE] * 50),
                          vault=vault)
        twice = practise(analyzer, library.prompt("why-03"), f"{APPROVAL} {APPROVAL}",
                         vault=vault)
        attempts = {a.id: a for a in vault.practice_attempts()}
        series = progress(attempts.values(), library)
    assert attempts[pasted.attempt_id].report["repeated"] == 50
    assert attempts[first.attempt_id].report["repeated"] == 1
    assert attempts[twice.attempt_id].report["repeated"] == 2  # six sentences, three distinct
    assert [p.attempt_id for p in series["why"]] == [first.attempt_id]


def test_a_very_long_answer_is_kept_whole_and_read_in_part(analyzer, library, vault_path):
    answer = " ".join(f"On day {n} I lied to you about where I was." for n in range(1, 400))
    with Vault.open(vault_path) as vault:
        feedback = practise(analyzer, library.prompt("why-01"), answer, vault=vault)
        assert vault.practice_attempt(feedback.attempt_id).answer == answer
    assert len(feedback.analysed) <= MAX_ANALYSED < len(answer)
    assert answer.startswith(feedback.analysed) and feedback.analysed.endswith(".")
    assert any(f"{len(answer):,} characters" in n and "saved" in n for n in feedback.notes)


def test_the_answer_is_kept_when_feedback_fails(library, vault_path):
    class Broken:
        def analyze(self, text, **options):
            raise RuntimeError("model folder unreadable")

    with Vault.open(vault_path) as vault:
        with pytest.raises(PracticeError, match=r"model folder unreadable.*attempt 1"):
            practise(Broken(), library.prompt("why-01"), ACCOUNTABLE, vault=vault)
        (attempt,) = vault.practice_attempts()
        assert attempt.answer == ACCOUNTABLE and "approval_share" not in attempt.report


def _attempt(number: int, prompt: str, share: float | None, day: int,
             situation: str | None = None) -> PracticeAttempt:
    report = {} if share is None else {"approval_share": share}
    if situation:
        report["situation"] = situation
    return PracticeAttempt(number, prompt, "answer", report,
                           dt.datetime(2026, 11, day, 12).timestamp())


def test_progress_series_per_situation_in_order(library):
    attempts = [_attempt(3, "why-02", 0.1, 9), _attempt(1, "why-01", 0.6, 2),
                _attempt(2, "space-01", 0.5, 3), _attempt(4, "why-03", None, 10),
                _attempt(5, "gone-01", 0.2, 11, situation="retired"),
                _attempt(6, "gone-02", 0.3, 12)]
    series = progress(attempts, library)
    assert {k: [(p.attempt_id, p.approval_share) for p in v] for k, v in series.items()} == {
        "why": [(1, 0.6), (3, 0.1)], "space": [(2, 0.5)], "retired": [(5, 0.2)],
        "other": [(6, 0.3)]}


def test_progress_from_the_vault_after_real_attempts(analyzer, library, vault_path):
    with Vault.open(vault_path) as vault:
        practise(analyzer, library.prompt("why-01"), APPROVAL, vault=vault)
        practise(analyzer, library.prompt("why-02"), ACCOUNTABLE, vault=vault)
        series = progress(vault.practice_attempts(), library)
    shares = [p.approval_share for p in series["why"]]
    assert len(shares) == 2 and shares[0] > shares[1] == 0.0


def test_the_chart_is_well_formed_svg(library):
    series = progress([_attempt(1, "why-01", 0.6, 2), _attempt(2, "why-02", 0.2, 3),
                       _attempt(3, "space-01", 0.5, 4)], library)
    svg = render_svg(series, {s.id: s.title for s in library.situations})
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert len(root.findall(f"{ns}polyline")) == 1  # only "why" has two points
    assert len(root.findall(f"{ns}circle")) == 3
    assert "When your partner asks why you did it" in svg
    empty = ET.fromstring(render_svg({}))
    assert "No practice answers yet." in "".join(empty.itertext())
