"""The partner's needs and boundaries, in their own words: a list to keep, and a checklist
beside the draft that shows which needs it works against or speaks to.

The list is a model and one view (never a widget per need), so five hundred entries stay
quick to scroll, filter and edit. Every change is sealed in the vault at once, and the
draft is checked again against the new list.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from desktop.commitments.needs import AGAINST, SPEAKS_TO, NeedStatus, needs_checklist
from desktop.ui.repair import close_buttons, push_button, text_label
from desktop.ui.worker import user_message
from desktop.vault import Need, VaultError

if TYPE_CHECKING:
    from desktop.ui.repair import VaultLink

log = logging.getLogger(__name__)

KINDS = (("need", "Need"), ("boundary", "Boundary"))
INTRO = ("What your partner has asked for, in their own words: space, pace, questions "
         "answered, no contact with someone, check-ins. Your drafts are checked against "
         "these. Write them as they said them, not as you would like them to be.")
LONG_NEED = 2_000
Index = QModelIndex | QPersistentModelIndex


def need_line(need: Need) -> str:
    flat = " ".join(need.text.split())
    return f"{flat}   (boundary)" if need.kind == "boundary" else flat


class NeedsModel(QAbstractListModel):
    """The needs in the vault, oldest first; editing a row seals the new words at once."""

    edit_failed = Signal(str)
    edited = Signal()

    def __init__(self, link: VaultLink, parent: Any = None) -> None:
        super().__init__(parent)
        self.link = link
        self.items: list[Need] = []

    def reload(self) -> None:
        vault = self.link.vault(ask=False)
        self.beginResetModel()
        self.items = list(vault.needs()) if vault is not None else []
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        need = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return need_line(need)
        if role == Qt.ItemDataRole.EditRole:
            return need.text
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{'Boundary' if need.kind == 'boundary' else 'Need'}: {need.text}"
        if role == Qt.ItemDataRole.UserRole:
            return need.id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.isValid() else base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        text = str(value).strip()
        need = self.items[index.row()]
        if not text:
            self.edit_failed.emit("A need cannot be empty; the old words are kept. To take it "
                                  "off the list, use Remove.")
            return False
        if text == need.text:
            return False
        return self._update(index, need, text=text)

    def set_kind(self, index: Index, kind: str) -> bool:
        need = self.items[index.row()]
        return kind != need.kind and self._update(index, need, kind=kind)

    def _update(self, index: Index, need: Need, **change: str) -> bool:
        vault = self.link.vault(ask=False)
        try:
            if vault is None:
                raise VaultError("Your vault is not open.")
            self.link.write(vault.update_need, need.id, **change)
            self.items[index.row()] = vault.need(need.id)
        except Exception as exc:
            self.edit_failed.emit(f"That change was not saved: {user_message(exc)}")
            return False
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True

    def texts(self) -> list[str]:
        return [n.text for n in self.items]


class NeedsPanel(QWidget):
    """List, add, edit and remove the partner's needs and boundaries."""

    changed = Signal(list)
    """The texts of every need, after any change (for checking drafts again)."""

    def __init__(self, link: VaultLink, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.link = link
        self.setAccessibleName("Partner's needs")
        self.model = NeedsModel(link, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._removed: list[tuple[str, str]] = []

        intro = text_label("", INTRO)
        self.entry = QLineEdit()
        self.entry.setPlaceholderText("In their words, e.g. “I need the weekends to myself”")
        self.entry.setAccessibleName("New need, in your partner's words")
        self.entry.returnPressed.connect(self.add_from_entry)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Need or boundary")
        for key, text in KINDS:
            self.kind.addItem(text, key)
        self.add_button = push_button("&Add", "Add this need", self.add_from_entry)
        entry_row = QHBoxLayout()
        entry_row.addWidget(self.entry, 1)
        entry_row.addWidget(self.kind)
        entry_row.addWidget(self.add_button)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter")
        self.filter.setAccessibleName("Filter the needs")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.view = QListView()
        self.view.setAccessibleName("Your partner's needs and boundaries")
        self.view.setModel(self.proxy)
        self.view.setUniformItemSizes(True)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._enable())

        self.edit_button = push_button("&Edit", "Edit the selected need (F2)", self.edit_selected)
        self.kind_button = push_button(
            "Need ↔ &boundary", "Switch the selected entry between need and boundary",
            self.switch_kind)
        self.remove_button = push_button("&Remove", "Remove the selected need (Delete)",
                                          self.remove_selected)
        self.undo_button = push_button("&Undo remove", "Put back the need removed last",
                                        self.undo_remove)
        buttons = QHBoxLayout()
        for button in (self.edit_button, self.kind_button, self.remove_button,
                       self.undo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.status = text_label("Needs status")

        self.view.installEventFilter(self)  # Delete on the list removes the selected need

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(entry_row)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.model.edit_failed.connect(self.say)
        self.model.edited.connect(self._after_change)
        self._enable()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.view and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Delete
                and self.view.state() != QAbstractItemView.State.EditingState):
            self.remove_selected()
            return True
        return super().eventFilter(watched, event)

    # ---------------------------------------------------------------- helpers

    def say(self, text: str) -> None:
        self.status.setText(text)

    def _count(self) -> str:
        total = len(self.model.items)
        shown = self.proxy.rowCount()
        noun = f"{total:,} entr{'y' if total == 1 else 'ies'}"
        return noun if shown == total else f"{shown:,} of {noun} shown"

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self.say(self._count())
        self._enable()

    def _enable(self) -> None:
        selected = self.view.currentIndex().isValid()
        for button in (self.edit_button, self.kind_button, self.remove_button):
            button.setEnabled(selected)
        self.undo_button.setEnabled(bool(self._removed))

    def _after_change(self) -> None:
        self._enable()
        self.changed.emit(self.model.texts())

    def reload(self) -> None:
        try:
            self.model.reload()
        except Exception as exc:
            self.say(f"Your partner's needs could not be read: {user_message(exc)}")
            return
        self.say(self._count() if self.model.items else
                 "Nothing written down yet. Add what your partner has asked for above.")
        if self.model.items and not self.view.currentIndex().isValid():
            self.select_row(0)
        self._enable()

    def selected_source(self) -> QModelIndex | None:
        index = self.view.currentIndex()
        return self.proxy.mapToSource(index) if index.isValid() else None

    def select_row(self, row: int) -> None:
        index = self.proxy.mapFromSource(self.model.index(row))
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    # ---------------------------------------------------------------- actions

    def add(self, text: str, kind: str = "need") -> int | None:
        """Seal a new need; None (with a message) when it is empty or already there."""
        text = text.strip()
        if not text:
            self.say("Write the need first, in your partner's words; nothing was added.")
            return None
        folded = " ".join(text.split()).casefold()
        for row, need in enumerate(self.model.items):
            if " ".join(need.text.split()).casefold() == folded:
                self.select_row(row)
                self.say("That one is already in the list (selected).")
                return None
        vault = self.link.vault()
        if vault is None:
            from desktop.ui.repair import NOT_OPEN

            self.say(NOT_OPEN)
            return None
        try:
            need_id = self.link.write(vault.add_need, text, kind)
        except Exception as exc:
            self.say(f"That need was not saved: {user_message(exc)} Your words are still in "
                     "the box.")
            return None
        row = len(self.model.items)
        self.model.beginInsertRows(QModelIndex(), row, row)
        self.model.items.append(vault.need(need_id))
        self.model.endInsertRows()
        self.select_row(row)
        note = (" It is long; the check reads it all, but your partner's own short phrases "
                "work best.") if len(text) > LONG_NEED else ""
        self.say(f"Added. {self._count()}.{note}")
        self._after_change()
        return need_id

    def add_from_entry(self) -> None:
        if self.add(self.entry.text(), str(self.kind.currentData())) is not None:
            self.entry.clear()
        self.entry.setFocus()

    def edit_selected(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.view.setFocus()
            self.view.edit(index)

    def switch_kind(self) -> None:
        source = self.selected_source()
        if source is None:
            return
        need = self.model.items[source.row()]
        new = "need" if need.kind == "boundary" else "boundary"
        if self.model.set_kind(source, new):
            self.say(f"Now kept as a {new}.")

    def remove_selected(self) -> None:
        source = self.selected_source()
        if source is None:
            self.say("Select a need to remove first.")
            return
        row = source.row()
        need = self.model.items[row]
        vault = self.link.vault(ask=False)
        try:
            if vault is None:
                raise VaultError("Your vault is not open.")
            self.link.write(vault.delete_need, need.id)
        except Exception as exc:
            self.say(f"That need was not removed: {user_message(exc)}")
            return
        self.model.beginRemoveRows(QModelIndex(), row, row)
        del self.model.items[row]
        self.model.endRemoveRows()
        self._removed.append((need.text, need.kind))
        if self.model.items:
            self.select_row(min(row, len(self.model.items) - 1))
        self.say("Removed. Undo remove puts it back.")
        self._after_change()

    def undo_remove(self) -> None:
        if not self._removed:
            return
        text, kind = self._removed.pop()
        if self.add(text, kind) is not None:
            self.say("Put back.")
        self._enable()


class NeedsDialog(QDialog):
    """A window for the needs panel (Repair ▸ Partner's needs…)."""

    def __init__(self, link: VaultLink, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Your partner's needs and boundaries")
        self.setAccessibleName("Partner's needs")
        self.panel = NeedsPanel(link, self)
        close = close_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addWidget(close)
        self.resize(560, 480)


# ------------------------------------------------------------------ beside the draft


SYMBOLS = {AGAINST: "✗", SPEAKS_TO: "✓", "clear": "·"}
WORDS = {AGAINST: "works against it", SPEAKS_TO: "speaks to it", "clear": "nothing against it"}


class NeedsChecklist(QGroupBox):
    """Under the check results: each of the partner's needs beside the current draft."""

    def __init__(self, link: VaultLink, parent: QWidget | None = None) -> None:
        super().__init__("Your partner's needs", parent)
        self.link = link
        self.setAccessibleName("Your partner's needs, beside this draft")
        self.statuses: list[NeedStatus] = []
        self.summary = text_label("Needs summary")
        self.model = QStandardItemModel(self)
        self.view = QListView()
        self.view.setAccessibleName("Each need and what this draft does with it")
        self.view.setModel(self.model)
        self.view.setUniformItemSizes(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setMaximumHeight(150)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view)
        self.show_report(None, [])

    def needs_edited(self, needs: list[str]) -> None:
        self.setVisible(bool(needs))
        self.summary.setText("Checking the draft against the new list…" if needs else
                             "No needs written down yet.")

    def show_report(self, report: Any, needs: list[str]) -> None:
        self.model.clear()
        self.setVisible(bool(needs))  # nothing to show until the writer keeps some
        if not needs:
            self.statuses = []
            self.summary.setText("No needs written down yet. Repair ▸ Partner's needs… "
                                 "(Ctrl+Shift+N) keeps them, in your partner's words.")
            self.view.hide()
            return
        if report is None:
            self.statuses = []
            self.summary.setText(f"{len(needs):,} need{'s' if len(needs) != 1 else ''} "
                                 "written down; they show here once the draft is checked.")
            self.view.hide()
            return
        self.statuses = needs_checklist(needs, report)
        against = sum(s.status == AGAINST for s in self.statuses)
        speaks = sum(s.status == SPEAKS_TO for s in self.statuses)
        rest = len(self.statuses) - against - speaks
        self.summary.setText(f"This draft works against {against}, speaks to {speaks}, and "
                             f"leaves {rest:,} alone. It cannot tell whether your partner "
                             "will feel a need was met.")
        for status in self.statuses:
            flat = " ".join(status.need.split())
            item = QStandardItem(f"{SYMBOLS[status.status]}  {flat}")
            item.setToolTip(f"“{status.need}” — {status.detail}")
            item.setData(f"{flat}: {WORDS[status.status]}. {status.detail}",
                         Qt.ItemDataRole.AccessibleTextRole)
            item.setData(status.status, Qt.ItemDataRole.UserRole)
            self.model.appendRow(item)
        self.view.show()
