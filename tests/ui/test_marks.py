"""Typing a draft: marks at the right places, tooltips, the side panel."""

from __future__ import annotations

from PySide6.QtGui import QTextCharFormat

from desktop.ui import theme
from tests.ui.conftest import type_text, wait_for_report

WAVE = QTextCharFormat.UnderlineStyle.WaveUnderline
DOTS = QTextCharFormat.UnderlineStyle.DotLine


def spans(win, style):
    return [(s.cursor.selectionStart(), s.cursor.selectionEnd())
            for s in win.editor.extraSelections() if s.format.underlineStyle() == style]


def test_typed_draft_gets_wavy_and_dotted_marks(qtbot, window):
    draft = "I'm sorry if you were hurt. I lied to you about where I was."
    type_text(qtbot, window, draft)
    wait_for_report(qtbot, window)
    assert window.current_text() == draft
    assert spans(window, WAVE) == [(0, 27)]
    assert spans(window, DOTS) == [(28, 60)]
    wavy = next(s for s in window.editor.extraSelections() if s.format.underlineStyle() == WAVE)
    assert wavy.format.underlineColor().name() == theme.mark_styles(window.editor)[
        theme.APPROVAL].colour
    # hovering the flagged sentence explains it and cites the principle
    tip = window.editor.tooltip_at(5)
    assert "condition" in tip and "Own it fully" in tip
    assert window.side_panel.verdict_label.text() == "Needs revision"
    assert "1 accountable · 1 asking for approval" in window.side_panel.balance_label.text()
    assert "conditional" in window.side_panel.reasons_label.text()
    assert window.side_panel.checklist_labels["owns_what_happened"].text().startswith("✓")
    assert window.side_panel.checklist_labels["asks_for_nothing_back"].text().startswith("○")


def test_marks_after_emoji_land_on_utf16_positions(qtbot, window):
    # Each emoji is one code point for the engine and two UTF-16 units for Qt.
    before = "I lied to you about where I was 😢😢. "
    flagged = "When can we put this behind us?"
    type_text(qtbot, window, "I lied to you about where I was ")
    window.editor.insertPlainText("😢😢")
    type_text(qtbot, window, ". " + flagged)
    wait_for_report(qtbot, window)
    assert window.current_text() == before + flagged
    start = len(before.encode("utf-16-le")) // 2
    assert start == len(before) + 2
    assert spans(window, WAVE) == [(start, start + len(flagged))]
    cursor = window.editor.textCursor()
    cursor.setPosition(start + 3)
    window.editor.setTextCursor(cursor)
    assert window.suggestions.sentence is not None
    assert window.suggestions.sentence.text == flagged
