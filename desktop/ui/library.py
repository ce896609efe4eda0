"""The drafts library: a dock listing every draft, with New, Open, Rename, Delete and Undo.

:func:`install` is the seam the main window calls. It adds Library (Ctrl+O) and Version
history (Ctrl+H) to the window's File menu and Settings (Ctrl+,) to its Edit menu (or all
three to a Drafts menu of its own), and needs from the window only
``open_draft(draft_id, title, text)`` and ``current_text()``. Optional extras the window
may offer, each used only if present:

- ``vault_session`` (with ``vault``, ``writer`` and ``use(vault)``), or ``vault`` and
  ``writer`` (attributes or methods); without them the library opens the vault itself;
- ``current_draft_id()`` or a ``draft_id`` attribute: the draft being edited;
- ``draft_deleted(id)``: the library deleted the open draft (its text stays in the editor);
- ``adopt_draft(id, title)``: the editor's current text is now saved as the newest version
  of that draft (after Undo of the open draft, or "Keep my text as a new draft"), so the
  window can carry on editing it without reloading; without it, ``open_draft`` is called;
- ``show_restored(id, title, text)``: a version from the history is now the newest; the
  window replaces its text as one undo step (without it, ``open_draft`` is called);
- ``draft_renamed(id, title)`` and ``apply_settings(settings)``.

Deleting keeps the draft's sealed rows in memory (:mod:`desktop.vault.trash`), so Undo
puts back exactly what was there: same id, every version, times and flags. A draft that
another window or process deleted is noticed on refresh; if it is the one being edited,
its text stays in the editor and can be kept as a new draft with one click.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.history import HistoryDialog
from desktop.vault import DraftSummary, NotFoundError, Vault, VaultError, VaultWriter
from desktop.vault.trash import DeletedDraft, put_back, take

log = logging.getLogger(__name__)

T = TypeVar("T")
WRITE_TIMEOUT_S = 30.0
REFRESH_EVERY_MS = 5000
FAILED = object()
"""What :meth:`LibraryWidget._attempt` returns when the vault call did not go through."""
GONE = "That draft is no longer here; it was probably deleted in another window."
NOT_OPEN = "Your drafts are not open yet; try again in a moment."


class VaultAccess:
    """Where the library finds the vault, and the app's writer when it has one, so our
    writes queue behind autosaves instead of racing them.

    ``source`` is asked every time, so a vault the window opens, closes or replaces later
    is always the one used.
    """

    def __init__(self, source: Callable[[], tuple[Any, Any]], owned: Vault | None = None) -> None:
        self.source = source
        self.owned = owned

    @classmethod
    def fixed(cls, vault: Vault, writer: VaultWriter | None = None,
              owned: bool = False) -> VaultAccess:
        return cls(lambda: (vault, writer), vault if owned else None)

    @property
    def vault(self) -> Vault:
        vault, _ = self.source()
        if not isinstance(vault, Vault):
            raise VaultError(NOT_OPEN)
        return vault

    @property
    def writer(self) -> VaultWriter | None:
        _, writer = self.source()
        return writer if isinstance(writer, VaultWriter) else None

    def write(self, call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        writer = self.writer
        if writer is None:
            return call(*args, **kwargs)
        return writer.submit(call, *args, **kwargs).result(WRITE_TIMEOUT_S)

    def flush(self) -> None:
        """Let every waiting autosave land first (a delete must keep all of it)."""
        writer = self.writer
        if writer is not None:
            writer.flush(WRITE_TIMEOUT_S)

    def close(self) -> None:
        if self.owned is not None:
            self.owned.close()


def status_text(summary: DraftSummary) -> str:
    if summary.damaged:
        return "cannot be read"
    if summary.ready is None:
        return "not checked yet"
    return "ready to send" if summary.ready else "needs revision"


def updated_text(timestamp: float) -> str:
    moment = dt.datetime.fromtimestamp(timestamp)
    if moment.date() == dt.date.today():
        return f"today {moment:%H:%M}"
    return f"{moment:%d %b %Y %H:%M}"


@dataclass
class _Trashed:
    deleted: DeletedDraft
    title: str
    was_open: bool


class _ListKeys(QObject):
    """Delete, F2 and Undo on the drafts list act on the list, even where the window has
    its own shortcut for the same key (the editor's Ctrl+Z)."""

    def __init__(self, widget: LibraryWidget) -> None:
        super().__init__(widget)
        self.widget = widget

    def _slot(self, event: QKeyEvent) -> Callable[[], object] | None:
        if event.matches(QKeySequence.StandardKey.Undo):
            return self.widget.undo_delete
        if event.matches(QKeySequence.StandardKey.Delete):
            return self.widget.delete_selected
        if event.key() == Qt.Key.Key_F2 and not event.modifiers():
            return self.widget.rename_selected
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(
                event, QKeyEvent):
            slot = self._slot(event)
            if slot is not None:
                event.accept()  # on ShortcutOverride: the key is ours, not the window's
                if kind == QEvent.Type.KeyPress:
                    slot()
                return True
        return super().eventFilter(watched, event)


class LibraryWidget(QWidget):
    """The list of drafts and its buttons; works on ``access`` and the host ``window``."""

    opened = Signal(int)

    def __init__(self, window: Any, access: VaultAccess, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_ = window
        self.access = access
        self.open_id: int | None = None
        self.open_title = ""
        self.trash: list[_Trashed] = []
        self.summaries: list[DraftSummary] = []
        self.setAccessibleName("Drafts library")

        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Drafts, newest first")
        self.tree.setHeaderLabels(["Title", "Updated", "Status"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.itemActivated.connect(lambda *_: self.open_selected())

        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, label, name, slot in (
                ("new", "&New", "New draft", self.new_draft),
                ("open", "&Open", "Open the selected draft", self.open_selected),
                ("rename", "Re&name", "Rename the selected draft", self.rename_selected),
                ("delete", "&Delete", "Delete the selected draft", self.delete_selected),
                ("history", "&History", "Version history of the selected draft",
                 self.history_selected)):
            button = QPushButton(label)
            button.setAccessibleName(name)
            button.clicked.connect(lambda _=False, s=slot: s())
            row.addWidget(button)
            self.buttons[key] = button

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Library status")

        self.undo_bar, self.undo_label, self.undo_button = self._bar(
            "&Undo delete", "Undo the last delete", self.undo_delete)
        self.gone_bar, self.gone_label, self.keep_button = self._bar(
            "&Keep my text as a new draft", "Keep the editor text as a new draft",
            self.keep_as_new)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.gone_bar)
        layout.addWidget(self.status)

        self._keys = _ListKeys(self)
        self.tree.installEventFilter(self._keys)
        self.refresh()

    def _bar(self, text: str, name: str,
             slot: Callable[[], object]) -> tuple[QWidget, QLabel, QPushButton]:
        bar = QWidget()
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel()
        label.setWordWrap(True)
        label.setAccessibleName(name + " message")
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(lambda _=False: slot())
        layout.addWidget(label, 1)
        layout.addWidget(button)
        bar.setVisible(False)
        return bar, label, button

    # ---------------------------------------------------------------- the list

    def _attempt(self, action: Callable[..., Any], *args: Any) -> Any:
        """``action(*args)``, or FAILED after saying why in the panel; a draft that has
        vanished (deleted in another window) also refreshes the list."""
        try:
            return action(*args)
        except NotFoundError:
            self.say(GONE)
            self.refresh()
        except VaultError as exc:
            self.say(str(exc))
        return FAILED

    def refresh(self) -> None:
        """Read the list again, keeping the selection; notice drafts deleted elsewhere."""
        try:
            summaries = self.access.vault.drafts()
        except VaultError as exc:
            self.say(str(exc))
            return
        self._check_open_draft({s.id for s in summaries})
        if summaries == self.summaries and self.tree.topLevelItemCount() == len(summaries):
            return
        chosen = self.selected_id()
        self.summaries = summaries
        self.tree.clear()
        for summary in summaries:
            title = summary.title if summary.title is not None else f"Draft {summary.id}"
            item = QTreeWidgetItem([title or "Untitled", updated_text(summary.updated),
                                    status_text(summary)])
            item.setData(0, Qt.ItemDataRole.UserRole, summary.id)
            self.tree.addTopLevelItem(item)
            if summary.id == chosen:
                self.tree.setCurrentItem(item)
        if self.tree.currentItem() is None and self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        empty = not summaries
        for key in ("open", "rename", "delete", "history"):
            self.buttons[key].setEnabled(not empty)
        if empty and not self.status.text():
            self.say("No drafts yet. Choose New to start one.")

    def selected_id(self) -> int | None:
        item = self.tree.currentItem()
        return None if item is None else int(item.data(0, Qt.ItemDataRole.UserRole))

    def select(self, draft_id: int) -> None:
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            if item.data(0, Qt.ItemDataRole.UserRole) == draft_id:
                self.tree.setCurrentItem(item)
                return

    def say(self, line: str) -> None:
        self.status.setText(line)

    def current_open_id(self) -> int | None:
        """The draft the window is editing: its own answer if it has one, else ours."""
        for name in ("current_draft_id", "draft_id"):
            if hasattr(self.window_, name):
                value = getattr(self.window_, name)
                value = value() if callable(value) else value
                return value if isinstance(value, int) else None
        return self.open_id

    # ---------------------------------------------------------------- actions

    def new_draft(self, title: str | None = None) -> int | None:
        if title is None:
            title, ok = QInputDialog.getText(self, "New draft", "Title of the new draft:",
                                             text="Untitled draft")
            if not ok:
                return None
        title = title.strip() or "Untitled draft"
        try:
            draft_id = self.access.write(self.access.vault.add_draft, title, "")
        except VaultError as exc:
            self.say(str(exc))
            return None
        if not self._show_in_window(draft_id, title, ""):
            self._discard_empty(draft_id)  # the window kept its text; leave no empty draft
            return None
        self.refresh()
        self.select(draft_id)
        self.say("New draft started.")
        return draft_id

    def _discard_empty(self, draft_id: int) -> None:
        try:
            self.access.write(self.access.vault.delete_draft, draft_id)
        except VaultError as exc:
            log.info("An unused new draft stayed: %s", type(exc).__name__)
        self.refresh()

    def open_selected(self) -> None:
        draft_id = self.selected_id()
        if draft_id is not None:
            self.open(draft_id)

    def open(self, draft_id: int) -> bool:
        draft = self._attempt(self.access.vault.draft, draft_id)
        if draft is FAILED:
            return False
        if not self._show_in_window(draft.id, draft.title, draft.text):
            return False
        self.say("")
        return True

    def _show_in_window(self, draft_id: int, title: str, text: str) -> bool:
        """Hand the draft to the window; False if it kept its current text instead."""
        if self.window_.open_draft(draft_id, title, text) is False:
            return False
        self.open_id, self.open_title = draft_id, title
        self.gone_bar.setVisible(False)
        self.opened.emit(draft_id)
        return True

    def rename_selected(self, title: str | None = None) -> bool:
        draft_id = self.selected_id()
        if draft_id is None:
            return False
        if title is None:
            item = self.tree.currentItem()
            title, ok = QInputDialog.getText(self, "Rename draft", "New title:",
                                             text=item.text(0) if item else "")
            if not ok:
                return False
        title = title.strip()
        if not title:
            self.say("A title needs at least one character; the old title was kept.")
            return False
        def rename() -> None:
            if draft_id == self.current_open_id():
                text = self.window_.current_text()
            else:
                text = self.access.vault.draft(draft_id).text
            self.access.write(self.access.vault.save_version, draft_id, text, title)

        if self._attempt(rename) is FAILED:
            return False
        if draft_id == self.current_open_id():
            self.open_title = title
            hook = getattr(self.window_, "draft_renamed", None)
            if callable(hook):
                hook(draft_id, title)
        self.refresh()
        self.say("Renamed.")
        return True

    def delete_selected(self) -> bool:
        """Delete the selected draft at once; Undo brings all of it back."""
        draft_id = self.selected_id()
        if draft_id is None:
            return False
        item = self.tree.currentItem()
        title = item.text(0) if item is not None else f"Draft {draft_id}"
        was_open = draft_id == self.current_open_id()
        def delete() -> DeletedDraft:
            self.access.flush()
            return self.access.write(take, self.access.vault, draft_id)

        deleted = self._attempt(delete)
        if deleted is FAILED:
            return False
        self.trash.append(_Trashed(deleted, title, was_open))
        if was_open:
            hook = getattr(self.window_, "draft_deleted", None)
            if callable(hook):
                hook(draft_id)
            else:
                self.gone_label.setText("The draft you deleted is still open in the editor. "
                                        "Undo the delete, or keep its text as a new draft.")
                self.gone_bar.setVisible(True)
        count = deleted.versions
        self.undo_label.setText(f"Deleted “{title}” and its {count} "
                                f"version{'s' if count != 1 else ''}.")
        self.undo_bar.setVisible(True)
        self.say("")
        self.refresh()
        self.undo_button.setFocus()
        return True

    def undo_delete(self) -> int | None:
        """Put the most recently deleted draft back, exactly as it was."""
        if not self.trash:
            return None
        entry = self.trash[-1]
        try:
            draft_id = self.access.write(put_back, self.access.vault, entry.deleted)
        except VaultError as exc:
            self.say(str(exc))
            self.trash.pop()
            self._update_undo_bar()
            return None
        self.trash.pop()
        self._update_undo_bar()
        self.refresh()
        self.select(draft_id)
        if entry.was_open and self.current_open_id() in (draft_id, None):
            self._keep_editor_text(draft_id, reopen=self.current_open_id() is None)
        self.say(f"“{entry.title}” is back, with all its versions.")
        return draft_id

    def _keep_editor_text(self, draft_id: int, *, reopen: bool) -> None:
        """After Undo of the open draft, save whatever was typed since the delete."""
        try:
            self.access.write(self.access.vault.save_version, draft_id,
                              self.window_.current_text())
            draft = self.access.vault.draft(draft_id)
        except VaultError as exc:
            self.say(str(exc))
            return
        self.gone_bar.setVisible(False)
        if not reopen:
            return
        self._adopt(draft.id, draft.title, draft.text)

    def _adopt(self, draft_id: int, title: str, text: str) -> None:
        """The editor's text is saved as ``draft_id``: let the window carry on with it."""
        hook = getattr(self.window_, "adopt_draft", None)
        if callable(hook):
            hook(draft_id, title)
            self.open_id, self.open_title = draft_id, title
            self.gone_bar.setVisible(False)
            self.opened.emit(draft_id)
        else:
            self._show_in_window(draft_id, title, text)

    def _update_undo_bar(self) -> None:
        if self.trash:
            self.undo_label.setText(f"Deleted “{self.trash[-1].title}”.")
        self.undo_bar.setVisible(bool(self.trash))

    def _check_open_draft(self, present: set[int]) -> None:
        """The draft being edited vanished (deleted elsewhere): keep its text, offer a home."""
        draft_id = self.current_open_id()
        ours = any(t.deleted.draft_id == draft_id for t in self.trash)
        if draft_id is None or draft_id in present or ours or not self.gone_bar.isHidden():
            return
        log.info("The open draft %d was deleted outside this window", draft_id)
        self.gone_label.setText("The draft you are editing was deleted in another window. "
                                "Your text is still in the editor and nothing was lost.")
        self.gone_bar.setVisible(True)

    def keep_as_new(self) -> int | None:
        """Store the editor's text as a new draft and carry on editing that one."""
        title = self.open_title or "Recovered draft"
        text = self.window_.current_text()
        try:
            draft_id = self.access.write(self.access.vault.add_draft, title, text)
        except VaultError as exc:
            self.say(str(exc))
            return None
        self.gone_bar.setVisible(False)
        self._adopt(draft_id, title, text)
        self.refresh()
        self.select(draft_id)
        self.say("Your text is saved as a new draft.")
        return draft_id

    def history_selected(self) -> HistoryDialog | None:
        draft_id = self.selected_id()
        return None if draft_id is None else self.show_history(draft_id)

    def show_history(self, draft_id: int, *, modal: bool = True) -> HistoryDialog | None:
        is_open = draft_id == self.current_open_id()
        if self._attempt(self.access.vault.draft, draft_id) is FAILED:
            return None
        dialog = HistoryDialog(self.access.vault, draft_id,
                               current_text=self.window_.current_text() if is_open else None,
                               write=self.access.write, flush=self.access.flush,
                               parent=self.window())
        dialog.restored.connect(self._restored)
        dialog.finished.connect(lambda _code: self.refresh())
        if modal:
            dialog.exec()
            dialog.deleteLater()
        else:
            dialog.show()
        return dialog

    def _restored(self, draft_id: int, title: str, text: str) -> None:
        """A restore saved ``text`` as the newest version; the editor shows it at once, as
        one undo step through the window's ``show_restored`` when it has one (no question
        about unsaved changes: the editor's text was saved before the restore)."""
        if draft_id == self.current_open_id():
            hook = getattr(self.window_, "show_restored", None)
            if callable(hook):
                hook(draft_id, title, text)
                self.open_id, self.open_title = draft_id, title
            else:
                self._show_in_window(draft_id, title, text)
        self.refresh()


class LibraryController(QObject):
    """Everything :func:`install` adds to a window: the dock, the actions, the refresh."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.access: VaultAccess | None = None
        self.widget: LibraryWidget | None = None
        self.dock: QDockWidget | None = None
        self.settings_dialog: Any = None
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_EVERY_MS)
        self.timer.timeout.connect(self.refresh)
        drafts_menu = self._menu("File")
        settings_menu = self._menu("Edit", create=False) or drafts_menu
        self.library_action = self._action(drafts_menu, "&Library…", "Ctrl+O",
                                           self.show_library)
        self.history_action = self._action(drafts_menu, "Version &history…", "Ctrl+H",
                                           self.show_history)
        self.settings_action = self._action(settings_menu, "Se&ttings…", "Ctrl+,",
                                            self.show_settings, separate=True)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.applicationStateChanged.connect(self._app_state)
            app.aboutToQuit.connect(self.close)

    def _menu(self, title: str, create: bool = True) -> QMenu | None:
        """The window's own menu of that title, or (for File) a Drafts menu of ours."""
        bar = self.window.menuBar()
        for wanted in (title, "Drafts"):
            for action in bar.actions():
                menu = action.menu()
                if isinstance(menu, QMenu) and action.text().replace("&", "") == wanted:
                    return menu
        return bar.addMenu("&Drafts") if create else None

    def _action(self, menu: QMenu | None, text: str, keys: str,
                slot: Callable[[], object], separate: bool = False) -> QAction:
        """Add the action before the menu's first separator (above Quit), or at its end."""
        action = QAction(text, self.window)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _=False: slot())
        assert menu is not None
        before = next((a for a in menu.actions() if a.isSeparator()), None)
        if separate and menu.actions():
            if before is None:
                menu.addSeparator()
            else:
                menu.insertSeparator(before)
        if before is None:
            menu.addAction(action)
        else:
            menu.insertAction(before, action)
        return action

    def _vault_access(self) -> VaultAccess | None:
        """The window's vault (its ``vault``/``writer``, or its ``vault_session``), else one
        the library opens itself, asking for the passphrase if there is no keyring."""
        if self.access is not None:
            return self.access
        window = self.window
        session = getattr(window, "vault_session", None)
        if session is not None and hasattr(session, "vault"):
            if not isinstance(session.vault, Vault):
                if getattr(session, "_opening", False):
                    self.window.statusBar().showMessage(NOT_OPEN, 5000)
                    return None
                from desktop.ui.passphrase import open_vault

                vault = open_vault(window)
                if vault is None:
                    return None
                session.use(vault)
            self.access = VaultAccess(lambda: (session.vault, session.writer))
        elif isinstance(_attribute(window, "vault"), Vault):
            self.access = VaultAccess(lambda: (_attribute(window, "vault"),
                                               _attribute(window, "writer")))
        else:
            from desktop.ui.passphrase import open_vault

            vault = open_vault(window)
            if vault is None:
                return None
            self.access = VaultAccess.fixed(vault, owned=True)
        return self.access

    def _ensure_widget(self) -> LibraryWidget | None:
        if self.widget is not None:
            return self.widget
        access = self._vault_access()
        if access is None:
            return None
        self.widget = LibraryWidget(self.window, access)
        self.dock = QDockWidget("Drafts", self.window)
        self.dock.setObjectName("amends-library-dock")
        self.dock.setAccessibleName("Drafts library")
        self.dock.setWidget(self.widget)
        self.window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        self.dock.visibilityChanged.connect(self._visibility)
        return self.widget

    def show_library(self) -> LibraryWidget | None:
        widget = self._ensure_widget()
        if widget is None or self.dock is None:
            return None
        self.dock.show()
        self.dock.raise_()
        widget.refresh()
        widget.tree.setFocus()
        return widget

    def show_history(self, *, modal: bool = True) -> HistoryDialog | None:
        widget = self._ensure_widget()
        if widget is None:
            return None
        draft_id = widget.current_open_id() or widget.selected_id()
        if draft_id is None:
            widget.say("Open a draft first to see its versions.")
            self.show_library()
            return None
        return widget.show_history(draft_id, modal=modal)

    def show_settings(self, *, modal: bool = True) -> Any:
        from desktop.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.window)
        apply = getattr(self.window, "apply_settings", None)
        if callable(apply):
            dialog.saved.connect(apply)
        self.settings_dialog = dialog
        if modal:
            dialog.exec()
            dialog.deleteLater()
            self.settings_dialog = None
        else:
            dialog.show()
        return dialog

    def refresh(self) -> None:
        if self.widget is not None:
            self.widget.refresh()

    def _visibility(self, visible: bool) -> None:
        if visible:
            self.refresh()
            self.timer.start()
        else:
            self.timer.stop()

    def _app_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.refresh()

    def close(self) -> None:
        self.timer.stop()
        if self.access is not None:
            self.access.close()


def _attribute(window: Any, name: str) -> Any:
    value = getattr(window, name, None)
    if callable(value) and not isinstance(value, (Vault, VaultWriter)):
        value = value()
    return value


def install(window: QMainWindow) -> None:
    """Add the library, version history and settings to ``window`` (once)."""
    if getattr(window, "_amends_library", None) is not None:
        return
    window._amends_library = LibraryController(window)  # type: ignore[attr-defined]


def controller(window: QMainWindow) -> LibraryController | None:
    """The controller :func:`install` attached to ``window``, if any."""
    return getattr(window, "_amends_library", None)
