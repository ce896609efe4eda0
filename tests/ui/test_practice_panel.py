"""Practice in the app: prompts, the optional reflection, feedback from the window's own
engine off the GUI thread, attempts sealed in a real vault, and the progress chart."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import random
import subprocess
import sys
import time

import pytest
from PySide6.QtWidgets import QMainWindow

from desktop.practice import load_library
from desktop.ui.practice_panel import EMPTY_ANSWER, PracticeDialog
from desktop.ui.repair import VaultLink
from desktop.vault import Vault
from tests.ui.conftest import REPO, docs_image
from tests.ui.test_commitments_panel import assert_reachable, main_window, tools, vault
from tests.vault.conftest import data_dir, keyring_env, real_keyring, vault_path

__all__ = ["data_dir", "keyring_env", "main_window", "real_keyring", "vault", "vault_path"]

APPROVAL = ("I know I messed up but it was only texting. When can we put this behind us? "
            "Tell me you still love me.")
ACCOUNTABLE = ("I lied to you for months and let you doubt yourself. I'm sorry I hurt you. "
               "What would help you this weekend?")


class Host(QMainWindow):
    """Stands in for the main window: the engine is all the practice dialog asks of it."""

    def __init__(self, analyzer=None) -> None:
        super().__init__()
        self.analyzer = analyzer


@pytest.fixture(scope="module")
def library():
    return load_library()


def dialog_for(qtbot, vault: Vault, analyzer=None, library=None) -> PracticeDialog:
    host = Host(analyzer)
    qtbot.addWidget(host)
    dialog = PracticeDialog(VaultLink(host, vault), host, library, random.Random(7))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_choosing_a_situation_a_difficulty_or_a_random_prompt(qtbot, vault, library):
    dialog = dialog_for(qtbot, vault, library=library)
    assert_reachable(dialog)
    assert dialog.prompt is not None and dialog.prompt.partner in dialog.prompt_label.text()
    dialog.situation.setCurrentIndex(dialog.situation.findData("space"))
    dialog.difficulty.setCurrentIndex(dialog.difficulty.findData(3))
    seen = {dialog.new_prompt() for _ in range(10)}
    assert seen and all(p.situation == "space" and p.difficulty == 3 for p in seen)
    situations = {dialog.random_prompt().situation for _ in range(40)}
    assert len(situations) > 3 and dialog.situation.currentIndex() == 0
    assert not dialog.reflection_area.isVisibleTo(dialog)
    dialog.reflect.setChecked(True)
    assert dialog.reflection_area.isVisibleTo(dialog)
    assert dialog.question_label.text() in {q.question for q in library.reflection}
    before = dialog.question_label.text()
    dialog.question_button.click()
    assert dialog.question_label.text() != before
    assert_reachable(dialog)


def test_an_empty_answer_says_so_and_keeps_nothing(qtbot, vault, library):
    dialog = dialog_for(qtbot, vault, library=library)
    for empty in ("", "   \n\t  "):
        dialog.answer.setPlainText(empty)
        assert not dialog.submit()
        assert dialog.status.text() == EMPTY_ANSWER
    assert not dialog.running and vault.practice_attempts() == []


def test_feedback_sentence_by_sentence_sealed_and_charted(qtbot, vault, vault_path, analyzer,
                                                          library):
    dialog = dialog_for(qtbot, vault, analyzer, library)
    dialog.set_prompt(library.prompt("space-01"))
    dialog.reflect.setChecked(True)
    dialog.reflection_edit.setPlainText("Telling my boss the truth when it cost me.")
    dialog.answer.setPlainText(APPROVAL)
    with qtbot.waitSignal(dialog.feedback_shown, timeout=60_000):
        started = time.perf_counter()
        assert dialog.submit()
        assert dialog.running and time.perf_counter() - started < 0.5  # off the GUI thread
        assert not dialog.feedback_button.isEnabled()
    feedback = dialog.feedback
    shown = dialog.feedback_view.toPlainText()
    for sentence in feedback.report.sentences:
        assert sentence.text in shown
    assert "Try" in shown and "Look again" in shown  # flagged sentences come with rewrites
    assert "Kept, encrypted" in dialog.status.text()
    (attempt,) = vault.practice_attempts()
    assert attempt.answer == APPROVAL and attempt.prompt_id == "space-01"
    assert attempt.report["reflection"]["text"] == "Telling my boss the truth when it cost me."
    assert dialog.progress_choice.currentData() == "space"
    assert [p.attempt_id for p in dialog.chart.series["space"]] == [attempt.id]
    assert "When they ask for space: 1 answer" in dialog.progress_text.text()

    dialog.answer.setPlainText(ACCOUNTABLE)
    with qtbot.waitSignal(dialog.feedback_shown, timeout=60_000):
        dialog.submit()
    points = dialog.chart.series["space"]
    assert len(points) == 2 and points[1].approval_share < points[0].approval_share
    image = dialog.chart.image()
    assert image.width() > 300 and not image.isNull()
    vault.close()
    data = vault_path.read_bytes()
    assert b"only texting" not in data and b"my boss" not in data  # sealed on disk


def test_an_answer_pasted_fifty_times_is_kept_whole(qtbot, vault, analyzer, library):
    dialog = dialog_for(qtbot, vault, analyzer, library)
    dialog.set_prompt(library.prompt("why-01"))
    answer = "\n\n".join([ACCOUNTABLE] * 50)
    dialog.answer.setPlainText(answer)
    with qtbot.waitSignal(dialog.feedback_shown, timeout=60_000):
        dialog.submit()
    assert "repeat the same sentences about 50 times" in dialog.status.text()
    assert dialog.answer.toPlainText() == answer  # nothing lost on screen
    (attempt,) = vault.practice_attempts()
    assert attempt.answer == answer  # nor in the vault
    assert len(dialog.feedback.report.sentences) == 3


def test_practise_from_the_main_window_uses_its_engine(qtbot, main_window):
    dialog = tools(main_window).show_practice()
    assert isinstance(dialog, PracticeDialog) and dialog.isVisible()
    assert dialog.link.analyzer() is main_window.controller.analyzer
    assert tools(main_window).show_practice() is dialog  # one dialog, kept between uses


def test_the_chart_png_for_the_readme(amends_dirs, tmp_path):
    target = docs_image("practice-chart.png", tmp_path)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, str(REPO / "tests" / "ui" / "practice_chart_script.py"), str(target),
         str(REPO)], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert target.stat().st_size > 20_000
    assert time.time() - target.stat().st_mtime < 110
