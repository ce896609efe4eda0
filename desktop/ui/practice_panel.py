"""Practice (Repair ▸ Practise…): answer what a hurt partner might say, and read how it reads.

Pick a situation and a difficulty, or a random prompt; optionally write first about a value
you hold; answer; get the engine's feedback sentence by sentence, with rewrites. The answer
is analysed off the GUI thread by the window's own engine (no second model) and kept,
sealed, in the vault. The Progress tab charts, per situation, the share of approval-seeking
sentences across your answers.
"""

from __future__ import annotations

import html
import logging
import random
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.analysis.taxonomy import LABELS
from desktop.practice import (
    Feedback,
    PracticeError,
    Prompt,
    ReflectionQuestion,
    load_library,
    practise,
    progress,
)
from desktop.ui.progress_chart import PracticeChart
from desktop.ui.repair import close_buttons, push_button, text_label
from desktop.ui.worker import user_message

if TYPE_CHECKING:
    from desktop.practice import Library
    from desktop.ui.repair import VaultLink

log = logging.getLogger(__name__)

ANY = ""
DIFFICULTY_NAMES = {1: "1 · gentle", 2: "2 · harder", 3: "3 · hardest"}
EMPTY_ANSWER = ("Your answer is empty, so there is nothing to give feedback on; nothing was "
                "saved. Write what you would say, then ask for feedback.")


class _Signals(QObject):
    finished = Signal(int, object)
    failed = Signal(int, str)


class PracticeJob(QRunnable):
    """Analyses one answer (and keeps it in the vault) off the GUI thread; plain data only."""

    def __init__(self, token: int, analyzer: Any, prompt: Prompt, answer: str, vault: Any,
                 needs: list[str], reflection: tuple[ReflectionQuestion, str] | None,
                 signals: _Signals) -> None:
        super().__init__()
        self.token, self.analyzer, self.prompt, self.answer = token, analyzer, prompt, answer
        self.vault, self.needs, self.reflection, self.signals = vault, needs, reflection, signals

    def run(self) -> None:
        try:
            feedback = practise(self.analyzer, self.prompt, self.answer, vault=self.vault,
                                needs=self.needs, reflection=self.reflection)
        except PracticeError as exc:
            self.signals.failed.emit(self.token, str(exc))
        except Exception as exc:  # reported in the dialog, never raised into Qt
            log.warning("Practice feedback failed: %s", type(exc).__name__)
            self.signals.failed.emit(self.token, f"Feedback could not be given: "
                                                 f"{user_message(exc)} Your answer is still "
                                                 "here.")
        else:
            self.signals.finished.emit(self.token, feedback)


def feedback_html(feedback: Feedback) -> str:
    """The report sentence by sentence: what each does, and rewrites for flagged ones."""
    out = []
    for note in feedback.notes:
        out.append(f"<p><i>{html.escape(note)}</i></p>")
    sentences = feedback.report.sentences
    flagged = sum(s.flagged for s in sentences)
    out.append(f"<p>{len(sentences)} sentence{'s' if len(sentences) != 1 else ''}; "
               f"{flagged} to look at again. About {feedback.approval_share:.0%} of the "
               "sentences that take a stance ask for approval.</p><ol>")
    for sentence in sentences:
        label = LABELS.get(sentence.label)
        what = html.escape(sentence.explanation or (label.summary if label else ""))
        mark = "✗ Look again:" if sentence.flagged else "✓"
        item = [f"<li><p><b>{html.escape(sentence.text)}</b><br>{mark} {what}</p>"]
        for need in sentence.needs:
            item.append(f"<p>Goes against what your partner asked: “{html.escape(need)}”</p>")
        rewrites = list(sentence.suggestions[:3]) if sentence.flagged else []
        if rewrites:
            item.append("<ul>")
            for suggestion in rewrites:
                text = (f"Try: “{html.escape(suggestion.replacement)}”"
                        if suggestion.replacement else "Try leaving this sentence out.")
                why = html.escape(suggestion.explanation)
                item.append(f"<li>{text}" + (f" <small>({why})</small>" if why else "")
                            + "</li>")
            item.append("</ul>")
        item.append("</li>")
        out.append("".join(item))
    out.append("</ol>")
    if feedback.prompt.note:
        out.append(f"<p><b>What a repairing answer does here:</b> "
                   f"{html.escape(feedback.prompt.note)}</p>")
    out.append("<p><small>This describes your answer as written. It cannot tell how your "
               "partner would feel or respond.</small></p>")
    return "\n".join(out)


class PracticeDialog(QDialog):
    """Choose a prompt, reflect (optional), answer, read the feedback, see the progress."""

    feedback_shown = Signal()
    failed = Signal(str)

    def __init__(self, link: VaultLink, parent: QWidget | None = None,
                 library: Library | None = None, rng: random.Random | None = None) -> None:
        super().__init__(parent)
        self.link = link
        self.rng = rng or random.Random()
        self.setWindowTitle("Practise")
        self.setAccessibleName("Practise")
        self.library = library or load_library()
        self.titles = {s.id: s.title for s in self.library.situations}
        self.prompt: Prompt | None = None
        self.question: ReflectionQuestion | None = None
        self.feedback: Feedback | None = None
        self.token = 0
        self.running = False
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Practice")
        self.tabs.addTab(self._answer_tab(), "&Answer")
        self.tabs.addTab(self._progress_tab(), "Pro&gress")
        close = close_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(close)
        self.resize(820, 680)
        self.new_prompt()

    # ---------------------------------------------------------------- building

    def _situations(self, name: str, every: str) -> QComboBox:
        """A choice of situation, with ``every`` (no particular one) first."""
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.addItem(every, ANY)
        for item in self.library.situations:
            combo.addItem(item.title, item.id)
        return combo

    def _answer_tab(self) -> QWidget:
        page = QWidget()
        self.situation = self._situations("Situation", "Any situation")
        self.difficulty = QComboBox()
        self.difficulty.setAccessibleName("Difficulty")
        self.difficulty.addItem("Any difficulty", 0)
        for level, name in DIFFICULTY_NAMES.items():
            self.difficulty.addItem(name, level)
        situation_label = QLabel("&Situation")
        situation_label.setBuddy(self.situation)
        difficulty_label = QLabel("&Difficulty")
        difficulty_label.setBuddy(self.difficulty)
        self.situation.activated.connect(lambda _: self.new_prompt())
        self.difficulty.activated.connect(lambda _: self.new_prompt())
        self.next_button = push_button("&New prompt", "A new prompt from these choices",
                                        self.new_prompt)
        self.random_button = push_button("&Random prompt", "A random prompt from any situation",
                                          self.random_prompt)
        choose = QHBoxLayout()
        for widget in (situation_label, self.situation, difficulty_label, self.difficulty,
                       self.next_button, self.random_button):
            choose.addWidget(widget)
        choose.addStretch(1)

        self.prompt_label = text_label("What your partner says", selectable=True)
        font = self.prompt_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.prompt_label.setFont(font)

        self.reflect = QCheckBox("First, a short reflection on what you &value (optional)")
        self.reflect.setAccessibleName("Start with a short reflection on what you value")
        self.reflect.toggled.connect(self._show_reflection)
        self.question_label = text_label("Reflection question")
        self.reflection_edit = QPlainTextEdit()
        self.reflection_edit.setAccessibleName("Your reflection")
        self.reflection_edit.setPlaceholderText("A few lines, for you. It is kept, encrypted, "
                                                "with this answer.")
        self.reflection_edit.setTabChangesFocus(True)
        self.reflection_edit.setMaximumHeight(90)
        self.question_button = push_button("Another &question", "Another reflection question",
                                            self.new_question)
        self.reflection_area = QWidget()
        reflection_box = QVBoxLayout(self.reflection_area)
        reflection_box.setContentsMargins(18, 0, 0, 0)
        question_row = QHBoxLayout()
        question_row.addWidget(self.question_label, 1)
        question_row.addWidget(self.question_button)
        reflection_box.addLayout(question_row)
        reflection_box.addWidget(self.reflection_edit)
        self.reflection_area.setVisible(False)
        self.reflect.setVisible(bool(self.library.reflection))

        self.answer = QPlainTextEdit()
        self.answer.setAccessibleName("Your answer")
        self.answer.setPlaceholderText("Write what you would say back, as you would say it.")
        self.answer.setTabChangesFocus(True)
        answer_label = QLabel("Your ans&wer")
        answer_label.setBuddy(self.answer)
        self.feedback_button = push_button(
            "Get &feedback", "Get feedback on your answer (Ctrl+Return)", self.submit)
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        shortcut.activated.connect(self.submit)
        self.status = text_label("Practice status")
        submit_row = QHBoxLayout()
        submit_row.addWidget(self.feedback_button)
        submit_row.addWidget(self.status, 1)
        self.feedback_view = QTextBrowser()
        self.feedback_view.setAccessibleName("Feedback, sentence by sentence")
        self.feedback_view.setOpenLinks(False)
        self.feedback_view.setPlaceholderText("Feedback on your answer shows here.")

        top = QWidget()
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.prompt_label)
        column.addWidget(self.reflect)
        column.addWidget(self.reflection_area)
        column.addWidget(answer_label)
        column.addWidget(self.answer, 1)
        column.addLayout(submit_row)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.feedback_view)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([280, 340])
        layout = QVBoxLayout(page)
        layout.addLayout(choose)
        layout.addWidget(splitter, 1)
        return page

    def _progress_tab(self) -> QWidget:
        page = QWidget()
        self.progress_choice = self._situations("Situation to chart", "All situations")
        self.progress_choice.currentIndexChanged.connect(lambda _: self.refresh_progress())
        choice_label = QLabel("S&how")
        choice_label.setBuddy(self.progress_choice)
        row = QHBoxLayout()
        row.addWidget(choice_label)
        row.addWidget(self.progress_choice)
        row.addStretch(1)
        self.chart = PracticeChart()
        self.progress_text = text_label("Practice progress in words")
        about = text_label("", "Each point is one of your answers: the share of its sentences "
                           "that ask for approval (reassurance, forgiveness, credit) rather "
                           "than take responsibility. It describes your writing, never your "
                           "partner.")
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.progress_text)
        layout.addWidget(about)
        return page

    # ---------------------------------------------------------------- prompts

    def _pool_of_prompts(self, situation: str, difficulty: int) -> list[Prompt]:
        prompts = [p for p in self.library.prompts
                   if (not situation or p.situation == situation)
                   and (not difficulty or p.difficulty == difficulty)]
        return [p for p in prompts if p != self.prompt] or prompts

    def new_prompt(self) -> Prompt | None:
        """A prompt from the chosen situation and difficulty (any, when left open)."""
        pool = self._pool_of_prompts(str(self.situation.currentData()),
                                     int(self.difficulty.currentData()))
        if not pool:
            self.say("No prompt there has that difficulty; choose another.")
            return None
        self.set_prompt(self.rng.choice(pool))
        return self.prompt

    def random_prompt(self) -> Prompt:
        self.situation.setCurrentIndex(0)
        self.difficulty.setCurrentIndex(0)
        prompt = self.new_prompt()
        assert prompt is not None
        return prompt

    def set_prompt(self, prompt: Prompt) -> None:
        self.prompt = prompt
        title = self.titles.get(prompt.situation, prompt.situation)
        self.prompt_label.setText(f"Your partner says: “{prompt.partner}”")
        self.prompt_label.setToolTip(f"{title}, difficulty {prompt.difficulty}")
        self.prompt_label.setAccessibleDescription(f"{title}, difficulty {prompt.difficulty}")
        self.say(f"{title} · difficulty {prompt.difficulty}")

    def _show_reflection(self, on: bool) -> None:
        self.reflection_area.setVisible(on)
        if on:
            if self.question is None:
                self.new_question()
            self.reflection_edit.setFocus()

    def new_question(self) -> None:
        choices = [q for q in self.library.reflection if q != self.question] or \
            list(self.library.reflection)
        if choices:
            self.question = self.rng.choice(choices)
            self.question_label.setText(self.question.question)

    # ---------------------------------------------------------------- answering

    def say(self, text: str) -> None:
        self.status.setText(text)

    def submit(self) -> bool:
        """Ask for feedback on the answer; False (with a message) when it cannot start."""
        if self.running:
            self.say("Still reading your last answer…")
            return False
        answer = self.answer.toPlainText()
        if not answer.strip():
            self.say(EMPTY_ANSWER)
            self.answer.setFocus()
            return False
        if self.prompt is None:
            self.say("Choose a prompt first.")
            return False
        analyzer = self.link.analyzer()
        if analyzer is None or self.link.model_state() == "failed":
            self.say("The language model is not available, so there is no feedback now; "
                     "your answer is still here.")
            return False
        vault = self.link.vault()
        reflection = None
        if self.reflect.isChecked() and self.question and self.reflection_edit.toPlainText(
        ).strip():
            reflection = (self.question, self.reflection_edit.toPlainText())
        self.token += 1
        self.running = True
        self.feedback_button.setEnabled(False)
        loading = "" if self.link.model_state() == "ready" else \
            " (the language model is still loading, so this takes longer)"
        self.say(f"Reading your answer…{loading}")
        self._pool.start(PracticeJob(self.token, analyzer, self.prompt, answer, vault,
                                     self.link.needs(), reflection, self._signals))
        return True

    @Slot(int, object)
    def _on_finished(self, token: int, feedback: Feedback) -> None:
        if token != self.token:
            return
        self.running = False
        self.feedback_button.setEnabled(True)
        self.feedback = feedback
        self.feedback_view.setHtml(feedback_html(feedback))
        kept = ("Kept, encrypted, in your vault." if feedback.attempt_id is not None else
                "Not kept: your vault is not open.")
        self.say(" ".join([*feedback.notes, kept]))
        self.refresh_progress(feedback.prompt.situation)
        self.feedback_shown.emit()

    @Slot(int, str)
    def _on_failed(self, token: int, message: str) -> None:
        if token != self.token:
            return
        self.running = False
        self.feedback_button.setEnabled(True)
        self.say(message)
        self.failed.emit(message)

    def pending(self) -> bool:
        return self.running

    # ---------------------------------------------------------------- progress

    def refresh_progress(self, situation: str | None = None) -> None:
        """Redraw the chart from the attempts in the vault (only if it is already open)."""
        if situation is not None:
            at = self.progress_choice.findData(situation)
            if at >= 0 and at != self.progress_choice.currentIndex():
                self.progress_choice.blockSignals(True)
                self.progress_choice.setCurrentIndex(at)
                self.progress_choice.blockSignals(False)
        vault = self.link.vault(ask=False)
        try:
            series = progress(vault.practice_attempts(), self.library) if vault else {}
        except Exception as exc:
            self.progress_text.setText(f"Your practice could not be read: {user_message(exc)}")
            return
        chosen = str(self.progress_choice.currentData())
        if chosen:
            series = {chosen: series.get(chosen, [])}
        title = self.titles.get(chosen, "All situations") if chosen else "All situations"
        self.chart.set_series(series, self.titles, f"Approval-seeking sentences — {title}")
        self.progress_text.setText(self.chart.accessibleDescription())
