"""The repair tools that live outside any one message: practice, the partner's needs,
commitments kept over time, and the weekly reflection.

:func:`install` is the seam the main window calls. It adds a Repair menu (Practise…,
Partner's needs…, Mark as sent…, Commitments…, This week…) and two boxes under the check
results: the partner's needs beside the current draft, and promises in the draft that were
already missed twice. From the window it uses, each only if present: ``vault_session``
(with ``vault``, ``writer``, ``is_open``, ``opened``), ``ensure_vault()``, ``controller``
(with ``analyzer``, ``needs``, ``text_changed()``), ``report``/``report_text`` and the
``report_shown`` signal, ``editor``, ``right_column`` and ``current_draft_id()``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QWidget,
)

log = logging.getLogger(__name__)

T = TypeVar("T")
WRITE_TIMEOUT_S = 30.0
NOT_OPEN = ("Your vault is not open, so this cannot be kept yet; nothing was lost. Try again "
            "once it is unlocked.")


class VaultLink:
    """How the repair tools reach the window's vault, engine and checking.

    Writes queue on the window's vault writer when it has one, so they never race an
    autosave; reads go straight to the (thread-safe) vault.
    """

    def __init__(self, window: QWidget, vault: Any = None) -> None:
        self.window = window
        self._fixed = vault

    def _session(self) -> Any:
        return getattr(self.window, "vault_session", None)

    def vault(self, *, ask: bool = True) -> Any:
        """The open vault; with ``ask``, unlock it now (asking for a passphrase if needed)."""
        if self._fixed is not None:
            return self._fixed
        session = self._session()
        if session is not None and getattr(session, "is_open", False):
            return session.vault
        if not ask:
            return None
        ensure = getattr(self.window, "ensure_vault", None)
        if callable(ensure):
            return ensure()
        from desktop.ui.passphrase import open_vault

        self._fixed = open_vault(self.window)
        return self._fixed

    def write(self, call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        session = self._session()
        writer = getattr(session, "writer", None) if self._fixed is None else None
        if writer is None:
            return call(*args, **kwargs)
        return writer.submit(call, *args, **kwargs).result(WRITE_TIMEOUT_S)

    def analyzer(self) -> Any:
        controller = getattr(self.window, "controller", None)
        return getattr(controller, "analyzer", None) or getattr(self.window, "analyzer", None)

    def model_state(self) -> str:
        """'ready', 'loading', 'failed' or 'idle' (the window's engine)."""
        controller = getattr(self.window, "controller", None)
        return str(getattr(controller, "state", "ready"))

    def needs(self) -> list[str]:
        controller = getattr(self.window, "controller", None)
        if controller is not None and getattr(controller, "needs", None):
            return list(controller.needs)
        vault = self.vault(ask=False)
        try:
            return [n.text for n in vault.needs()] if vault is not None else []
        except Exception as exc:
            log.warning("Could not read the partner's needs: %s", type(exc).__name__)
            return []

    def needs_changed(self, needs: list[str]) -> None:
        """The needs list was edited: check the draft again against the new list."""
        controller = getattr(self.window, "controller", None)
        if controller is None:
            return
        controller.needs = list(needs)
        if callable(getattr(controller, "text_changed", None)):
            controller.text_changed()

    def draft_id(self) -> int | None:
        current = getattr(self.window, "current_draft_id", None)
        if callable(current):
            return current()
        return getattr(self.window, "draft_id", None)

    def draft_text(self) -> str:
        current = getattr(self.window, "current_text", None)
        return current() if callable(current) else ""

    def say(self, text: str, timeout_ms: int = 8000) -> None:
        if isinstance(self.window, QMainWindow):
            self.window.statusBar().showMessage(text, timeout_ms)


def text_label(name: str = "", text: str = "", *, selectable: bool = False) -> QLabel:
    """A wrapping label of plain text (never read as markup), named for screen readers;
    ``selectable`` ones take Tab focus, so the keyboard can reach and copy what they say."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setAccessibleName(name)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                      | Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    return label


def push_button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
    """A button with a mnemonic in ``text``, a spoken ``name`` and what it does."""
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.clicked.connect(lambda _=False: slot())
    return button


def close_buttons(dialog: QDialog) -> QDialogButtonBox:
    """A Close button that closes ``dialog`` (Escape does too)."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    box.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
    box.rejected.connect(dialog.close)
    return box


def show_error(parent: QWidget, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, "Amends", text, QMessageBox.StandardButton.Ok,
                      parent)
    box.setAccessibleName("Problem")
    box.open()


class RepairTools(QObject):
    """Owns the repair menu, its dialogs and the boxes under the check results."""

    def __init__(self, window: QMainWindow, link: VaultLink | None = None) -> None:
        super().__init__(window)
        from desktop.ui.commitments_panel import PromiseHistoryBox
        from desktop.ui.needs_panel import NeedsChecklist

        self.window = window
        self.link = link or VaultLink(window)
        self.practice_dialog: Any = None
        self.needs_dialog: Any = None
        self.ledger_dialog: Any = None
        self.reflection_dialog: Any = None
        self.mark_dialog: Any = None
        self.checklist = NeedsChecklist(self.link)
        self.history_box = PromiseHistoryBox(self.link)
        self._place_boxes()
        self._build_menu()
        shown = getattr(window, "report_shown", None)
        if shown is not None:
            shown.connect(self.report_shown)
        editor = getattr(window, "editor", None)
        if editor is not None:
            editor.textChanged.connect(self.history_box.text_changed)
        session = getattr(window, "vault_session", None)
        if session is not None and hasattr(session, "opened"):
            session.opened.connect(self.history_box.reload)

    def _place_boxes(self) -> None:
        column = getattr(self.window, "right_column", None)
        inner = column.widget() if column is not None and hasattr(column, "widget") else None
        layout = inner.layout() if inner is not None else None
        if layout is None:
            return
        at = max(0, layout.count() - 1)  # above the stretch at the end
        layout.insertWidget(at, self.history_box)
        layout.insertWidget(at, self.checklist)

    def _build_menu(self) -> None:
        self.menu = QMenu("&Repair", self.window)
        self.menu.setAccessibleName("Repair")
        bar = self.window.menuBar()
        before = next((a for a in bar.actions() if a.text().replace("&", "") == "View"), None)
        if before is not None:
            bar.insertMenu(before, self.menu)
        else:
            bar.addMenu(self.menu)
        self.practise_action = self._action("&Practise…", "Ctrl+Shift+A", self.show_practice)
        self.needs_action = self._action("Partner's &needs…", "Ctrl+Shift+N", self.show_needs)
        self.menu.addSeparator()
        self.mark_sent_action = self._action("&Mark as sent…", "Ctrl+Shift+M",
                                             self.mark_as_sent)
        self.ledger_action = self._action("&Commitments…", "Ctrl+Shift+L", self.show_ledger)
        self.menu.addSeparator()
        self.week_action = self._action("&This week…", "Ctrl+Shift+W", self.show_reflection)

    def _action(self, text: str, keys: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.window)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _=False: slot())
        self.window.addAction(action)
        self.menu.addAction(action)
        return action

    # ---------------------------------------------------------------- the check results

    def report_shown(self) -> None:
        report = getattr(self.window, "report", None)
        self.checklist.show_report(report, self.link.needs())

    # ---------------------------------------------------------------- dialogs

    def show_practice(self) -> Any:
        from desktop.ui.practice_panel import PracticeDialog

        if self.practice_dialog is None:
            from desktop.practice import PromptError

            try:
                self.practice_dialog = PracticeDialog(self.link, self.window)
            except PromptError as exc:
                show_error(self.window, f"The practice prompts cannot be read: {exc}")
                return None
        self.practice_dialog.show()
        self.practice_dialog.raise_()
        self.practice_dialog.activateWindow()
        self.practice_dialog.refresh_progress()
        return self.practice_dialog

    def show_needs(self) -> Any:
        from desktop.ui.needs_panel import NeedsDialog

        if self.link.vault() is None:
            return None
        if self.needs_dialog is None:
            self.needs_dialog = NeedsDialog(self.link, self.window)
            self.needs_dialog.panel.changed.connect(self._needs_edited)
        self.needs_dialog.panel.reload()
        self.needs_dialog.show()
        self.needs_dialog.raise_()
        self.needs_dialog.panel.entry.setFocus()
        return self.needs_dialog

    def _needs_edited(self, needs: list[str]) -> None:
        self.link.needs_changed(needs)
        self.checklist.needs_edited(needs)

    def mark_as_sent(self) -> Any:
        from desktop.ui.commitments_panel import MarkSentDialog

        text = self.link.draft_text()
        if not text.strip():
            self.link.say("There is no draft to mark as sent; write or open one first.")
            return None
        if self.link.vault() is None:
            return None
        dialog = MarkSentDialog(self.link, text, self.window)
        dialog.kept.connect(self._ledger_changed)
        dialog.finished.connect(dialog.deleteLater)
        self.mark_dialog = dialog
        dialog.open()
        return dialog

    def show_ledger(self) -> Any:
        from desktop.ui.commitments_panel import LedgerDialog

        if self.link.vault() is None:
            return None
        if self.ledger_dialog is None:
            self.ledger_dialog = LedgerDialog(self.link, self.window)
            self.ledger_dialog.changed.connect(self._ledger_changed)
        self.ledger_dialog.reload()
        self.ledger_dialog.show()
        self.ledger_dialog.raise_()
        return self.ledger_dialog

    def _ledger_changed(self) -> None:
        self.history_box.reload()
        if self.ledger_dialog is not None and self.ledger_dialog.isVisible():
            self.ledger_dialog.reload()

    def show_reflection(self) -> Any:
        from desktop.ui.reflection_view import ReflectionDialog

        if self.link.vault() is None:
            return None
        if self.reflection_dialog is None:
            self.reflection_dialog = ReflectionDialog(self.link, self.window)
        self.reflection_dialog.show_week()
        self.reflection_dialog.show()
        self.reflection_dialog.raise_()
        return self.reflection_dialog


def install(window: QMainWindow, link: VaultLink | None = None) -> RepairTools | None:
    """Add the repair tools to ``window`` (once); returns them."""
    tools = getattr(window, "_amends_repair", None)
    if tools is None:
        try:
            tools = RepairTools(window, link)
        except Exception:  # the window works without them; never stop it opening
            log.exception("The repair tools could not be added")
            return None
        window._amends_repair = tools  # type: ignore[attr-defined]
    return tools


def tools_of(window: QMainWindow) -> RepairTools | None:
    return getattr(window, "_amends_repair", None)
