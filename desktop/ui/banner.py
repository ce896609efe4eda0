"""The banner above the editor: one sentence about what happened, and at most one way out.

Problems (model missing, draft too long, vault locked, draft deleted elsewhere) are said
here rather than in modal boxes, so the person can keep writing while reading them.
Each message has a ``kind`` so clearing one problem never hides another.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

log = logging.getLogger(__name__)


class Banner(QFrame):
    """A status message with an optional action button; hidden when there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setAccessibleName("Status")
        self.setStyleSheet("QFrame#banner { border: 1px solid palette(mid); border-radius: 4px; "
                           "background: palette(alternate-base); }")
        self.kind = ""
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAccessibleName("Status message")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton()
        self.button.setVisible(False)
        self.button.clicked.connect(lambda _=False: self._run())
        self._action: Callable[[], object] | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def text(self) -> str:
        return self.label.text()

    def say(self, text: str, *, kind: str = "", action: str = "",
            slot: Callable[[], object] | None = None) -> None:
        """Show ``text``; with ``action`` and ``slot``, a button that does something about it."""
        self.kind = kind
        self.label.setText(text)
        self._action = slot if action else None
        self.button.setText(action)
        self.button.setAccessibleName(action.replace("&", ""))
        self.button.setVisible(bool(action and slot))
        self.show()

    def clear(self, kind: str | None = None) -> None:
        """Hide the banner; with ``kind``, only if that is what it is saying."""
        if kind is not None and kind != self.kind:
            return
        self.kind = ""
        self.label.clear()
        self._action = None
        self.button.setVisible(False)
        self.hide()

    def _run(self) -> None:
        if self._action is not None:
            self._action()
