"""Check before sending: show the verdict first, copy only when ready or when confirmed.

The dialog is window-modal and opened with ``open()``, so the event loop keeps running (and
tests can press its buttons). Amends never sends anything itself; it only copies.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from desktop.ui.highlighter import Verdict

log = logging.getLogger(__name__)

READY_TEXT = "Ready to send"
REVISE_TEXT = "Needs revision"
NOT_CHECKED_TEXT = "Not checked"
HONEST_NOTE = ("This describes your draft as it is written; it cannot tell how your "
               "partner will respond.")


class SendCheckDialog(QMessageBox):
    """The verdict, and the choice to copy the draft or keep editing."""

    copy_confirmed = Signal()

    def __init__(self, parent: QWidget | None, verdict: Verdict | None,
                 problem: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("sendCheck")
        self.setWindowTitle("Check before sending")
        self.setAccessibleName("Check before sending")
        self.verdict = verdict
        ready = verdict is not None and verdict.ready
        if verdict is None:
            self.setIcon(QMessageBox.Icon.Information)
            self.setText(NOT_CHECKED_TEXT)
            self.setInformativeText(f"{problem}\n\nCopy the draft to the clipboard anyway?")
        elif ready:
            self.setIcon(QMessageBox.Icon.Information)
            self.setText(READY_TEXT)
            self.setInformativeText("\n".join(verdict.reasons) + f"\n\n{HONEST_NOTE}")
        else:
            self.setIcon(QMessageBox.Icon.Warning)
            self.setText(REVISE_TEXT)
            reasons = "\n".join(f"• {reason}" for reason in verdict.reasons)
            self.setInformativeText(
                f"{reasons}\n\nYou can keep editing, or copy it as it is.")
        self.copy_button = self.addButton(
            "Copy to clipboard" if ready else "Copy anyway", QMessageBox.ButtonRole.AcceptRole)
        self.copy_button.setAccessibleName(self.copy_button.text())
        self.keep_button = self.addButton("Keep editing", QMessageBox.ButtonRole.RejectRole)
        self.keep_button.setAccessibleName("Keep editing")
        self.setDefaultButton(self.copy_button if ready else self.keep_button)
        self.setEscapeButton(self.keep_button)
        self.buttonClicked.connect(self._clicked)

    def _clicked(self, button: QAbstractButton) -> None:
        if button is self.copy_button:
            self.copy_confirmed.emit()


def copy_to_clipboard(text: str) -> None:
    QGuiApplication.clipboard().setText(text)
