"""Version history of one draft: every saved version, what changed, and a safe restore.

Restoring never removes anything: the chosen version is saved again as the newest one, so
every later version stays in the history. The editor's current text is saved first when it
differs, so restoring cannot drop unsaved typing either.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.diffing import legend_html, segments_html
from desktop.vault import NotFoundError, Vault, VaultError, Version
from desktop.vault.diff import counts, word_diff

log = logging.getLogger(__name__)

Write = Callable[..., Any]
"""Runs a vault write in order with the app's other writes: ``write(call, *args)``."""


def when(timestamp: float) -> str:
    return dt.datetime.fromtimestamp(timestamp).strftime("%a %d %b %Y, %H:%M")


def verdict(ready: bool | None) -> str:
    if ready is None:
        return "not checked yet"
    return "ready to send" if ready else "needs revision"


class HistoryDialog(QDialog):
    """Lists a draft's versions (newest first) and shows what each one changed."""

    restored = Signal(int, str, str)
    """(draft id, title, text) after a version was saved again as the newest."""

    def __init__(self, vault: Vault, draft_id: int, *, current_text: str | None = None,
                 write: Write | None = None, flush: Callable[[], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.draft_id = draft_id
        self.current_text = current_text
        self._write: Write = write or (lambda call, *args, **kw: call(*args, **kw))
        self._flush = flush or (lambda: None)
        self.versions: list[Version] = []
        self.setWindowTitle("Version history")
        self.setAccessibleName("Version history")
        self.resize(820, 520)

        self.list = QListWidget()
        self.list.setAccessibleName("Saved versions, newest first")
        self.list.currentRowChanged.connect(self._show_diff)

        self.with_previous = QRadioButton("Compare with the version &before it")
        self.with_previous.setAccessibleName("Compare with the version before")
        self.with_current = QRadioButton("Compare with the text in the &editor now")
        self.with_current.setAccessibleName("Compare with the text in the editor now")
        self.with_previous.setChecked(True)
        self.with_current.setEnabled(current_text is not None)
        for button in (self.with_previous, self.with_current):
            button.toggled.connect(lambda _on: self._show_diff(self.list.currentRow()))

        self.summary = QLabel()
        self.summary.setAccessibleName("Summary of changes")
        self.summary.setWordWrap(True)
        self.view = QTextBrowser()
        self.view.setAccessibleName("Changes")
        self.view.setOpenLinks(False)
        legend = QLabel(legend_html())
        legend.setTextFormat(Qt.TextFormat.RichText)
        legend.setAccessibleName("Legend")

        self.restore_button = QPushButton("&Restore this version")
        self.restore_button.setAccessibleName("Restore this version")
        self.restore_button.setToolTip("Saves this version again as the newest one; "
                                       "no version is removed.")
        self.restore_button.clicked.connect(self.restore)
        self.status = QLabel()
        self.status.setAccessibleName("Status")
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        buttons.rejected.connect(self.reject)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.with_previous)
        right_layout.addWidget(self.with_current)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(self.view, 1)
        right_layout.addWidget(legend)
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([250, 570])
        bottom = QHBoxLayout()
        bottom.addWidget(self.restore_button)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.reload()

    # ---------------------------------------------------------------- showing

    def reload(self) -> None:
        """Read the versions again (after a restore, or a save elsewhere)."""
        try:
            self.versions = self.vault.history(self.draft_id)
        except NotFoundError:
            self.versions = []
            self.status.setText("This draft was deleted in another window.")
        except VaultError as exc:
            self.versions = []
            self.status.setText(str(exc))
        self.list.clear()
        for version in reversed(self.versions):
            item = QListWidgetItem(f"Version {version.number}, {verdict(version.ready)}\n"
                                   f"{when(version.saved)}")
            item.setData(Qt.ItemDataRole.UserRole, version.number)
            self.list.addItem(item)
        self.restore_button.setEnabled(bool(self.versions))
        if self.versions:
            self.list.setCurrentRow(0)
        self.list.setFocus()

    def selected(self) -> Version | None:
        row = self.list.currentRow()
        if row < 0 or row >= len(self.versions):
            return None
        return self.versions[len(self.versions) - 1 - row]

    def _show_diff(self, _row: int) -> None:
        version = self.selected()
        if version is None:
            self.view.clear()
            self.summary.clear()
            return
        if self.with_current.isChecked() and self.current_text is not None:
            old, new = version.text, self.current_text
            what = f"From version {version.number} to the text in the editor now"
        else:
            before = self._before(version)
            old = before.text if before is not None else ""
            new = version.text
            what = (f"What version {version.number} changed from version {before.number}"
                    if before is not None else f"Version {version.number} is the first version")
        segments = word_diff(old, new)
        added, removed = counts(segments)
        self.summary.setText(f"{what}: {added} word{'s' if added != 1 else ''} added, "
                             f"{removed} removed.")
        self.view.setHtml(segments_html(segments))

    def _before(self, version: Version) -> Version | None:
        earlier = [v for v in self.versions if v.number < version.number]
        return earlier[-1] if earlier else None

    # ---------------------------------------------------------------- restoring

    def restore(self) -> None:
        """Save the chosen version as the newest; later versions all stay."""
        version = self.selected()
        if version is None:
            return
        try:
            self._flush()  # a waiting autosave must not land on top of the restored text
            if self.current_text is not None:
                self._write(self.vault.save_version, self.draft_id, self.current_text)
            number = self._write(self.vault.save_version, self.draft_id, version.text,
                                 version.title, version.ready)
        except NotFoundError:
            self.status.setText("This draft was deleted in another window, so nothing was "
                                "restored. Your text is still in the editor.")
            return
        except VaultError as exc:
            self.status.setText(f"{exc} Nothing was restored.")
            return
        if number == version.number:
            self.status.setText(f"Version {number} is already the newest; nothing changed.")
            return
        log.info("Restored version %d of draft %d as version %d", version.number,
                 self.draft_id, number)
        self.current_text = version.text
        self.reload()
        self.status.setText(f"Version {version.number} is now the newest (version {number}); "
                            "every other version is still here.")
        self.restored.emit(self.draft_id, version.title, version.text)
