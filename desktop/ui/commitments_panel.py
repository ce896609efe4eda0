"""Commitments: confirm the promises in a sent message, mark them kept or missed, see the
weeks, and be told when a draft repeats a promise already missed twice.

The promises are found by ``desktop.commitments`` (rules, no model) and kept sealed in the
vault with the day they were confirmed. Nothing here scores the writer or predicts how
the partner will take it; the timeline counts what was kept and missed, week by week.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.commitments import Ledger, LedgerError, Recurrence, extract_promises
from desktop.commitments.dates import find_due, find_repeat
from desktop.commitments.history import RepeatWarning, repeat_warnings
from desktop.commitments.ledger import Entry
from desktop.commitments.wording import day_text, schedule_text
from desktop.ui.progress_chart import ConsistencyTimeline
from desktop.ui.repair import close_buttons, push_button, text_label
from desktop.ui.worker import user_message

if TYPE_CHECKING:
    from desktop.ui.repair import VaultLink

log = logging.getLogger(__name__)

WEEKS_SHOWN = 12
HISTORY_DELAY_MS = 500


# ------------------------------------------------------------------ mark as sent


class MarkSentDialog(QDialog):
    """The promises found in the sent draft, to confirm, edit or untick before keeping."""

    kept = Signal(list)
    """Ids of the commitments kept."""

    def __init__(self, link: VaultLink, text: str, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.link = link
        self.today = today or dt.date.today()
        self.setWindowTitle("Mark as sent: your promises")
        self.setAccessibleName("Mark as sent")
        self.promises = extract_promises(text, self.today)
        found = len(self.promises)
        intro = QLabel(
            (f"This message makes {found} promise{'s' if found != 1 else ''}. Keep the ones "
             "you meant, fix any wording (F2), and untick the rest. Each is kept, encrypted, "
             f"with today's date ({self.today.day} {self.today:%b %Y}), so you can mark it "
             "kept or missed later.") if found else
            ("No promises were found in this message. If it makes one, add it below in your "
             "own words, so you can mark it kept or missed later."))
        intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Promises found in the message")
        self.tree.setHeaderLabels(["Promise", "When"])
        self.tree.setRootIsDecorated(False)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.DoubleClicked)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for promise in self.promises:
            self._row(promise.text, promise.due, promise.repeat)
        if self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self.entry = QLineEdit()
        self.entry.setPlaceholderText("A promise in it that was not found, in your words")
        self.entry.setAccessibleName("Add a promise")
        self.entry.returnPressed.connect(self.add_from_entry)
        self.add_button = push_button("&Add", "Add this promise", self.add_from_entry)
        row = QHBoxLayout()
        row.addWidget(self.entry, 1)
        row.addWidget(self.add_button)
        self.status = text_label("Status")
        self.buttons = QDialogButtonBox()
        self.keep_button = self.buttons.addButton("&Keep the ticked promises",
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_button.setAccessibleName("Keep the ticked promises")
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        self.keep_button.setDefault(True)
        self.buttons.accepted.connect(self.keep)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(620, 380)
        (self.tree if found else self.entry).setFocus()

    def _row(self, text: str, due: dt.date | None, repeat: Recurrence | None) -> QTreeWidgetItem:
        item = QTreeWidgetItem([text, schedule_text(due, repeat)])
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable)
        item.setCheckState(0, Qt.CheckState.Checked)
        item.setData(0, Qt.ItemDataRole.UserRole, (text, due, repeat))
        self.tree.addTopLevelItem(item)
        return item

    def items(self) -> list[QTreeWidgetItem]:
        return [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]

    def add_from_entry(self) -> None:
        text = self.entry.text().strip()
        if not text:
            self.status.setText("Write the promise first.")
            return
        item = self._row(text, find_due(text, self.today), find_repeat(text))
        self.tree.setCurrentItem(item)
        self.entry.clear()
        self.status.setText("Added to the list (ticked).")

    def confirmed(self) -> list[tuple[str, dt.date | None, Recurrence | None]]:
        """The ticked promises as the writer left them (edited wording re-read for dates)."""
        chosen = []
        for item in self.items():
            if item.checkState(0) != Qt.CheckState.Checked:
                continue
            text = " ".join(item.text(0).split())
            original, due, repeat = item.data(0, Qt.ItemDataRole.UserRole)
            if text != original:
                due = find_due(text, self.today) or due
                repeat = find_repeat(text) or repeat
            chosen.append((text, due, repeat))
        return chosen

    def keep(self) -> None:
        chosen = self.confirmed()
        if any(not text for text, _, _ in chosen):
            self.status.setText("One ticked promise is empty; write it or untick it. Nothing "
                                "was kept yet.")
            return
        if not chosen:
            self.link.say("No promises kept from this message.")
            self.accept()
            return
        vault = self.link.vault()
        if vault is None:
            from desktop.ui.repair import NOT_OPEN

            self.status.setText(NOT_OPEN)
            return
        ledger = Ledger(vault)
        draft_id = self.link.draft_id()
        ids: list[int] = []
        try:
            for text, due, repeat in chosen:
                ids.append(self.link.write(self._add, ledger, text, due, repeat, draft_id))
        except Exception as exc:
            self.status.setText(f"Kept {len(ids)} of {len(chosen)}; the rest were not saved: "
                                f"{user_message(exc)} They are still ticked here.")
            for item in [i for i in self.items() if i.checkState(0) == Qt.CheckState.Checked
                         ][:len(ids)]:
                item.setCheckState(0, Qt.CheckState.Unchecked)
            if ids:
                self.kept.emit(ids)
            return
        self.link.say(f"Kept {len(ids)} promise{'s' if len(ids) != 1 else ''} in your "
                      "commitments (Repair ▸ Commitments…).")
        self.kept.emit(ids)
        self.accept()

    @staticmethod
    def _add(ledger: Ledger, text: str, due: dt.date | None, repeat: Recurrence | None,
             draft_id: int | None) -> int:
        try:
            return ledger.add(text, due, repeat, draft_id)
        except LookupError:
            return ledger.add(text, due, repeat, None)  # the draft is not (or no longer) saved


# ------------------------------------------------------------------ the ledger


class LedgerDialog(QDialog):
    """Every confirmed promise, to mark kept or missed; the weeks below."""

    changed = Signal()

    def __init__(self, link: VaultLink, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.link = link
        self.entries: list[Entry] = []
        self.setWindowTitle("Commitments")
        self.setAccessibleName("Commitments")
        intro = text_label("", "The promises you confirmed. Mark each time one is kept or "
                           "missed, honestly either way; the weeks below show your "
                           "consistency. This is your own record, not a measure of how your "
                           "partner feels.")
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Your commitments")
        self.tree.setHeaderLabels(["Promise", "When", "Kept", "Missed", "Last mark"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        self.day = QDateEdit()
        self.day.setAccessibleName("Day of the mark")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd d MMM yyyy")
        self.day.setDate(QDate.currentDate())
        self.day.setMaximumDate(QDate.currentDate().addDays(1))
        day_label = QLabel("&On")
        day_label.setBuddy(self.day)
        self.kept_button = push_button("Mark &kept", "Mark the selected promise kept",
                                        lambda: self.mark("kept"))
        self.missed_button = push_button("Mark &missed", "Mark the selected promise missed",
                                          lambda: self.mark("missed"))
        marks = QHBoxLayout()
        marks.addWidget(day_label)
        marks.addWidget(self.day)
        marks.addWidget(self.kept_button)
        marks.addWidget(self.missed_button)
        marks.addStretch(1)
        self.status = text_label("Commitments status")
        self.timeline = ConsistencyTimeline()
        weeks = QGroupBox(f"The last {WEEKS_SHOWN} weeks")
        box = QVBoxLayout(weeks)
        box.addWidget(self.timeline)
        close = close_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 2)
        layout.addLayout(marks)
        layout.addWidget(self.status)
        layout.addWidget(weeks, 1)
        layout.addWidget(close)
        self.resize(760, 620)
        self._enable()

    def _enable(self) -> None:
        chosen = self.tree.currentItem() is not None
        self.kept_button.setEnabled(chosen)
        self.missed_button.setEnabled(chosen)

    def reload(self, select: int | None = None) -> None:
        vault = self.link.vault(ask=False)
        if vault is None:
            self.status.setText("Your vault is not open yet.")
            return
        if select is None and self.tree.currentItem() is not None:
            select = self.tree.currentItem().data(0, Qt.ItemDataRole.UserRole)
        try:
            ledger = Ledger(vault)
            self.entries = ledger.entries()
            weeks = ledger.weekly(WEEKS_SHOWN)
        except Exception as exc:
            self.status.setText(f"Your commitments could not be read: {user_message(exc)}")
            return
        self.tree.clear()
        for entry in self.entries:
            last = max(entry.marks, key=lambda m: (m.day, m.marked), default=None)
            last_text = (f"{last.status} {day_text(last.day)}"
                         + ("" if last.on else " (undated)") if last else "not marked yet")
            item = QTreeWidgetItem([entry.text, schedule_text(entry.due, entry.repeat),
                                    str(len(entry.kept)), str(len(entry.missed)), last_text])
            item.setData(0, Qt.ItemDataRole.UserRole, entry.id)
            item.setToolTip(0, entry.text)
            self.tree.addTopLevelItem(item)
            if entry.id == select:
                self.tree.setCurrentItem(item)
        if self.tree.currentItem() is None and self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self.timeline.set_weeks(weeks)
        if not self.entries:
            self.status.setText("No promises kept yet. After you send a message, Repair ▸ "
                                "Mark as sent… (Ctrl+Shift+M) finds the promises in it.")
        elif not self.status.text():
            self.status.setText(self.timeline.accessibleDescription())
        self._enable()

    def mark(self, status: str) -> None:
        item = self.tree.currentItem()
        if item is None:
            self.status.setText("Select a promise first.")
            return
        commitment_id = int(item.data(0, Qt.ItemDataRole.UserRole))
        day = self.day.date().toPython()
        vault = self.link.vault(ask=False)
        try:
            if vault is None:
                raise LedgerError("Your vault is not open.")
            self.link.write(Ledger(vault).mark, commitment_id, status, day)
        except Exception as exc:
            self.status.setText(f"Not marked: {user_message(exc)}")
            return
        self.status.setText(f"Marked {status} on {day_text(day)}.")
        self.reload(commitment_id)
        self.changed.emit()


# ------------------------------------------------------------------ beside the draft


class _HistorySignals(QObject):
    done = Signal(int, object)


class _HistoryJob(QRunnable):
    def __init__(self, token: int, text: str, entries: list[Entry],
                 signals: _HistorySignals) -> None:
        super().__init__()
        self.token, self.text, self.entries, self.signals = token, text, entries, signals

    def run(self) -> None:
        try:
            found = repeat_warnings(self.text, self.entries)
        except Exception as exc:  # a warning is a courtesy; never break the editor for it
            log.warning("Could not compare promises: %s", type(exc).__name__)
            found = []
        self.signals.done.emit(self.token, found)


class PromiseHistoryBox(QGroupBox):
    """Under the check results: promises in the draft that were already missed twice."""

    def __init__(self, link: VaultLink, parent: QWidget | None = None) -> None:
        super().__init__("Promises made before", parent)
        self.link = link
        self.setAccessibleName("Promises in this draft made before")
        self.entries: list[Entry] = []
        self.warnings: list[RepeatWarning] = []
        self.token = 0
        self.label = text_label("Promise history", selectable=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _HistorySignals(self)
        self._signals.done.connect(self._on_done)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(HISTORY_DELAY_MS)
        self._timer.timeout.connect(self.check)
        self.hide()

    def reload(self) -> None:
        """Read the ledger again (after marks or new promises) and check the draft."""
        vault = self.link.vault(ask=False)
        try:
            self.entries = [e for e in Ledger(vault).entries() if e.missed] if vault else []
        except Exception as exc:
            log.warning("Could not read the commitments: %s", type(exc).__name__)
            self.entries = []
        self.check()

    def text_changed(self) -> None:
        if self.entries or self.warnings:
            self._timer.start()

    def check(self) -> None:
        self._timer.stop()
        self.token += 1
        text = self.link.draft_text()
        if not self.entries or not text.strip():
            self._on_done(self.token, [])
            return
        self._pool.start(_HistoryJob(self.token, text, list(self.entries), self._signals))

    def pending(self) -> bool:
        return self._timer.isActive() or self._pool.activeThreadCount() > 0

    @Slot(int, object)
    def _on_done(self, token: int, found: Any) -> None:
        if token != self.token:
            return  # the draft moved on
        self.warnings = list(found)
        if not self.warnings:
            self.label.clear()
            self.hide()
            return
        lines = [f"“{w.text}” — {w.message} It may help to name that plainly, and what will be "
                 "different this time, rather than promise it again." for w in self.warnings]
        self.label.setText("\n\n".join(lines))
        self.show()

    def shutdown(self) -> None:
        self._timer.stop()
        self._pool.clear()
        self._pool.waitForDone(2000)
