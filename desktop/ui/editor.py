"""The draft editor: plain text only, marks drawn as extra selections, tooltips on marks."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QMimeData, Qt
from PySide6.QtGui import QFont, QHelpEvent, QTextCursor, QTextDocumentFragment
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from desktop.ui import theme
from desktop.ui.highlighter import Mark, selections

log = logging.getLogger(__name__)

PLACEHOLDER = ("Write to your partner here. Amends reads each sentence as you write; "
               "nothing you type leaves this computer.")


class DraftEditor(QPlainTextEdit):
    """A plain-text editor that knows the marks of the latest report."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draftEditor")
        self.setAccessibleName("Draft")
        self.setAccessibleDescription(
            "Your message. Sentences that ask for approval have a wavy underline, "
            "accountable ones a dotted underline, grammar issues a dashed underline.")
        self.setPlaceholderText(PLACEHOLDER)
        self.setTabChangesFocus(True)  # Tab moves on to the panels; the draft needs no tabs
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.15)
        self.setFont(font)
        self.document().setDocumentMargin(14)
        self._marks: list[Mark] = []

    # ---------------------------------------------------------------- pasting

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return (source.hasText() or source.hasHtml()
                or super().canInsertFromMimeData(source))

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Rich text from a browser or a mail client goes in as its plain text, never its
        formatting (a paste with only HTML is turned into text first)."""
        if source.hasText():
            text = source.text()
        elif source.hasHtml():
            text = QTextDocumentFragment.fromHtml(source.html()).toPlainText()
        else:
            super().insertFromMimeData(source)
            return
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n")
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.insertText(text)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    # ---------------------------------------------------------------- marks

    @property
    def marks(self) -> list[Mark]:
        return self._marks

    def set_marks(self, marks: list[Mark]) -> None:
        self._marks = marks
        self.setExtraSelections(selections(marks, self))

    def changeEvent(self, event: QEvent) -> None:
        """A light/dark switch (ours or the system's): redraw the marks in its colours."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._marks:
            self.setExtraSelections(selections(self._marks, self))

    def clear_marks(self) -> None:
        self.set_marks([])

    def marks_at(self, position: int) -> list[Mark]:
        return [m for m in self._marks if m.covers(position)]

    def flag_at(self, position: int) -> Mark | None:
        """The approval-seeking sentence mark at ``position``, if any."""
        return next((m for m in self.marks_at(position) if m.kind == theme.APPROVAL), None)

    def tooltip_at(self, position: int) -> str:
        """What hovering at ``position`` shows: each mark's explanation."""
        return "".join(m.tip for m in self.marks_at(position))

    def jump(self, forward: bool) -> Mark | None:
        """Move the cursor to the next (or previous) flag or grammar mark, wrapping round."""
        targets = sorted((m for m in self._marks if m.kind != theme.ACCOUNTABLE),
                         key=lambda m: m.start)
        if not targets:
            return None
        here = self.textCursor().position()
        if forward:
            target = next((m for m in targets if m.start > here), targets[0])
        else:
            target = next((m for m in reversed(targets) if m.start < here), targets[-1])
        cursor = self.textCursor()
        cursor.setPosition(target.start)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        return target

    def viewportEvent(self, event: QEvent) -> bool:
        """Tooltips arrive at the viewport: show the explanation of the mark under the mouse."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tooltip_at(self.cursorForPosition(event.pos()).position())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def select_span(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def focus_text(self) -> None:
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
