"""Other ways to say the sentence under the cursor: ranked rewrites with Apply and Why.

The panel only shows and asks; the main window does the editing, so applying a rewrite is
one undo step in one place.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.analysis.report import SentenceReport, Suggestion

log = logging.getLogger(__name__)

MAX_SHOWN = 3
IDLE_TEXT = "Put the cursor in a sentence with a wavy underline to see other ways to say it."


class _Row(QFrame):
    """One rewrite: the text, Apply, and Why (which shows the explanation)."""

    def __init__(self, rank: int, suggestion: Suggestion, panel: SuggestionsPanel) -> None:
        super().__init__()
        self.suggestion = suggestion
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        shown = suggestion.replacement or "Leave this sentence out."
        self.text = QLabel(shown)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleName(f"Suggestion {rank}")
        layout.addWidget(self.text)
        self.why = QLabel(suggestion.explanation)
        self.why.setWordWrap(True)
        self.why.setTextFormat(Qt.TextFormat.PlainText)
        self.why.setAccessibleName(f"Why suggestion {rank}")
        self.why.setVisible(False)
        layout.addWidget(self.why)
        buttons = QHBoxLayout()
        self.apply_button = QPushButton("Apply" if suggestion.replacement else "Remove it")
        self.apply_button.setAccessibleName(f"Apply suggestion {rank}")
        self.apply_button.setToolTip("Put this in place of the sentence (Ctrl+Z undoes it)")
        self.apply_button.clicked.connect(lambda: panel.apply_requested.emit(suggestion))
        self.why_button = QPushButton("Why")
        self.why_button.setCheckable(True)
        self.why_button.setAccessibleName(f"Why suggestion {rank}")
        self.why_button.toggled.connect(self.why.setVisible)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.why_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)


class SuggestionsPanel(QGroupBox):
    """Shows the flagged sentence under the cursor and what could replace it."""

    apply_requested = Signal(object)
    """A Suggestion to put in place of the current sentence."""
    ignore_requested = Signal()
    """Leave the current sentence as it is for this session."""
    hide_kind_requested = Signal(str)
    """Stop flagging sentences of this label for this session."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Suggestions", parent)
        self.setObjectName("suggestions")
        self.setAccessibleName("Suggestions for the sentence under the cursor")
        self.sentence: SentenceReport | None = None
        self.rows: list[_Row] = []
        layout = QVBoxLayout(self)
        self.heading = QLabel(IDLE_TEXT)
        self.heading.setWordWrap(True)
        self.heading.setAccessibleName("Sentence under the cursor")
        layout.addWidget(self.heading)
        self._rows_box = QVBoxLayout()
        layout.addLayout(self._rows_box)
        actions = QHBoxLayout()
        self.ignore_button = QPushButton("Ignore")
        self.ignore_button.setAccessibleName("Ignore this sentence")
        self.ignore_button.setToolTip("Leave this sentence as it is and stop marking it")
        self.ignore_button.clicked.connect(self.ignore_requested)
        self.hide_button = QPushButton("Don't flag this kind again")
        self.hide_button.setAccessibleName("Don't flag this kind of sentence again")
        self.hide_button.setToolTip(
            "Stop marking this kind of sentence in this session (View ▸ Flag these kinds "
            "turns it back on)")
        self.hide_button.clicked.connect(self._hide_kind)
        actions.addWidget(self.ignore_button)
        actions.addWidget(self.hide_button)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.show_sentence(None)

    def _hide_kind(self) -> None:
        if self.sentence is not None:
            self.hide_kind_requested.emit(self.sentence.label)

    def show_sentence(self, sentence: SentenceReport | None) -> None:
        """Show ``sentence`` (a flagged one) or the idle hint."""
        if sentence == self.sentence and (sentence is None or self.rows):
            return
        self.sentence = sentence
        for row in self.rows:
            self._rows_box.removeWidget(row)
            row.deleteLater()
        self.rows = []
        self.ignore_button.setVisible(sentence is not None)
        self.hide_button.setVisible(sentence is not None and not sentence.needs)
        if sentence is None:
            self.heading.setText(IDLE_TEXT)
            return
        lines = [sentence.explanation]
        lines += [f"It goes against what your partner asked: “{need}”." for need in sentence.needs]
        if not sentence.suggestions:
            lines.append("No rewrite to offer; try saying what you did, or what they need.")
        self.heading.setText(" ".join(lines))
        for rank, suggestion in enumerate(sentence.suggestions[:MAX_SHOWN], start=1):
            row = _Row(rank, suggestion, self)
            self.rows.append(row)
            self._rows_box.addWidget(row)

    @property
    def first(self) -> Suggestion | None:
        return self.rows[0].suggestion if self.rows else None
