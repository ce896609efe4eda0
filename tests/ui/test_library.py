"""The drafts library against a real vault kept by a real (private) Secret Service."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QWidget,
)

from desktop.ui import library
from desktop.vault import Vault, VaultWriter
from tests.vault.secret_service import secret_service, use_in_process

# ------------------------------------------------------------------ shared fixtures and helpers


@pytest.fixture(scope="session")
def ui_keyring_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    with secret_service(tmp_path_factory.mktemp("ui-secret-service")) as env:
        yield env


@pytest.fixture(autouse=True)
def ui_keyring(ui_keyring_env: dict[str, str]) -> Iterator[dict[str, str]]:
    """Every test sees only the private keyring, and no passphrase from the environment."""
    saved = os.environ.pop("AMENDS_PASSPHRASE", None)
    with use_in_process(ui_keyring_env):
        yield ui_keyring_env
    if saved is not None:
        os.environ["AMENDS_PASSPHRASE"] = saved


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder / "vault.sqlite3"


@pytest.fixture
def vault(vault_path: Path) -> Iterator[Vault]:
    opened = Vault.open(vault_path)
    yield opened
    opened.close()


class HostWindow(QMainWindow):
    """Stands in for the main window: only the two methods the library may rely on."""

    def __init__(self, vault: Vault | None = None, writer: VaultWriter | None = None) -> None:
        super().__init__()
        self.vault = vault
        self.writer = writer
        self.editor = QPlainTextEdit()
        self.setCentralWidget(self.editor)
        self.opened: list[tuple[int, str, str]] = []

    def open_draft(self, draft_id: int, title: str, text: str) -> None:
        self.opened.append((draft_id, title, text))
        self.editor.setPlainText(text)

    def current_text(self) -> str:
        return self.editor.toPlainText()


def answer_modal(handler: Callable[[QWidget], None], timeout: float = 10.0) -> None:
    """Run ``handler`` on the next modal dialog (e.g. a QMessageBox) once it is showing.

    If none shows in time the active modal is rejected, so a test fails instead of hanging.
    """
    deadline = time.monotonic() + timeout

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if widget is not None and widget.isVisible():
            handler(widget)
        elif time.monotonic() < deadline:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def click(widget: QWidget, text: str) -> None:
    """Click the button of ``widget`` whose label (without mnemonics) is ``text``."""
    for button in widget.findChildren(QAbstractButton):
        if button.text().replace("&", "") == text:
            button.click()
            return
    raise AssertionError(f"no button {text!r} in {widget.windowTitle()!r}")


def assert_accessible(root: QWidget) -> None:
    """Every control can take keyboard focus and has a name for screen readers."""
    kinds = (QAbstractButton, QLineEdit, QComboBox)
    for widget in root.findChildren(QWidget):
        if isinstance(widget, kinds) or type(widget).__name__ in (
                "QListWidget", "QTreeWidget", "QTextBrowser", "QTabWidget"):
            if type(widget).__name__ in ("QToolButton",):  # scroll arrows of tab bars
                continue
            assert widget.accessibleName(), f"{type(widget).__name__} {widget.objectName()}"
            assert widget.focusPolicy() != 0, f"{widget.accessibleName()} takes no focus"


@pytest.fixture
def host(qtbot, vault: Vault) -> HostWindow:
    window = HostWindow(vault)
    qtbot.addWidget(window)
    window.show()
    return window


def _installed(window: HostWindow) -> library.LibraryController:
    library.install(window)
    found = library.controller(window)
    assert found is not None
    return found


# ------------------------------------------------------------------ tests


def test_install_adds_the_menu_once_with_shortcuts(host: HostWindow):
    control = _installed(host)
    library.install(host)
    menus = [a for a in host.menuBar().actions() if a.text().replace("&", "") == "Drafts"]
    assert len(menus) == 1
    texts = {a.text().replace("&", ""): a.shortcut() for a in menus[0].menu().actions()
             if a.text()}
    assert texts["Library…"] == QKeySequence("Ctrl+O")
    assert texts["Version history…"] == QKeySequence("Ctrl+H")
    assert texts["Settings…"] == QKeySequence("Ctrl+,")
    assert control.library_action.shortcut() == QKeySequence("Ctrl+O")


def test_new_open_rename_newest_first(host: HostWindow, vault: Vault):
    older = vault.add_draft("Older letter", "I broke your trust.", ready=False)
    widget = _installed(host).show_library()
    assert widget is not None
    assert widget.tree.topLevelItem(0).text(0) == "Older letter"
    assert widget.tree.topLevelItem(0).text(2) == "needs revision"

    new_id = widget.new_draft("Letter to Sam")
    assert new_id is not None
    assert host.opened[-1] == (new_id, "Letter to Sam", "")
    titles = [widget.tree.topLevelItem(i).text(0) for i in range(widget.tree.topLevelItemCount())]
    assert titles == ["Letter to Sam", "Older letter"]
    assert widget.tree.topLevelItem(0).text(2) == "not checked yet"

    widget.select(older)
    widget.open_selected()
    assert host.opened[-1] == (older, "Older letter", "I broke your trust.")
    assert widget.rename_selected("What I owe you")
    assert vault.draft(older).title == "What I owe you"
    assert vault.draft(older).text == "I broke your trust."
    assert widget.tree.topLevelItem(0).text(0) == "What I owe you"  # renaming updates it
    assert not widget.rename_selected("   ")
    assert vault.draft(older).title == "What I owe you"
    assert_accessible(widget)


def test_rename_of_the_open_draft_keeps_the_editor_text(host: HostWindow, vault: Vault):
    draft_id = vault.add_draft("Draft", "saved text")
    widget = _installed(host).show_library()
    assert widget is not None
    widget.open(draft_id)
    host.editor.setPlainText("saved text, and more typed since")
    assert widget.rename_selected("Renamed")
    draft = vault.draft(draft_id)
    assert (draft.title, draft.text) == ("Renamed", "saved text, and more typed since")


def test_delete_and_undo_restore_every_version(host: HostWindow, vault: Vault):
    draft_id = vault.add_draft("Apology", "First try.")
    vault.save_version(draft_id, "Second try.", ready=False)
    vault.save_version(draft_id, "Third try, owning it.", ready=True)
    before = vault.history(draft_id)
    widget = _installed(host).show_library()
    assert widget is not None
    widget.select(draft_id)

    assert widget.delete_selected()
    assert vault.drafts() == []
    assert widget.tree.topLevelItemCount() == 0
    assert not widget.undo_bar.isHidden()
    assert "3 versions" in widget.undo_label.text()

    assert widget.undo_delete() == draft_id
    assert vault.history(draft_id) == before
    assert vault.draft(draft_id).ready is True
    assert widget.undo_bar.isHidden()
    assert widget.selected_id() == draft_id
    assert widget.undo_delete() is None


def test_deleting_the_open_draft_keeps_typing_through_undo(host: HostWindow, vault: Vault):
    draft_id = vault.add_draft("Open", "saved")
    widget = _installed(host).show_library()
    assert widget is not None and widget.open(draft_id)
    assert widget.delete_selected()
    assert not widget.gone_bar.isHidden()
    assert "still open in the editor" in widget.gone_label.text()
    host.editor.setPlainText("saved, then typed after the delete")
    widget.refresh()  # our own delete is not mistaken for one made elsewhere
    assert "still open" in widget.gone_label.text()
    opened_before = len(host.opened)
    assert widget.undo_delete() == draft_id
    assert vault.draft(draft_id).text == "saved, then typed after the delete"
    assert [v.text for v in vault.history(draft_id)] == ["saved",
                                                          "saved, then typed after the delete"]
    assert widget.gone_bar.isHidden()
    assert len(host.opened) == opened_before  # the editor was never reloaded


def test_delete_keeps_a_waiting_autosave_and_undo_brings_it_back(qtbot, vault: Vault):
    with VaultWriter(vault, autosave_delay=60) as writer:
        window = HostWindow(vault, writer)
        qtbot.addWidget(window)
        widget = _installed(window).show_library()
        assert widget is not None
        draft_id = widget.new_draft("Typed")
        assert draft_id is not None
        window.editor.setPlainText("words typed a moment ago")
        writer.autosave(draft_id, "words typed a moment ago")
        widget.select(draft_id)
        assert widget.delete_selected()
        assert widget.undo_delete() == draft_id
        assert vault.draft(draft_id).text == "words typed a moment ago"
        assert [v.text for v in vault.history(draft_id)] == ["", "words typed a moment ago"]


def test_a_draft_deleted_elsewhere_keeps_the_editor_text(host: HostWindow, vault: Vault,
                                                         vault_path: Path):
    draft_id = vault.add_draft("Open one", "saved part")
    other_id = vault.add_draft("Other", "other text")
    widget = _installed(host).show_library()
    assert widget is not None
    assert widget.open(draft_id)
    host.editor.setPlainText("saved part and unsaved part")

    with Vault.open(vault_path) as elsewhere:  # another window or process
        elsewhere.delete_draft(draft_id)
        elsewhere.delete_draft(other_id)
    widget.refresh()
    assert not widget.gone_bar.isHidden()
    assert "still in the editor" in widget.gone_label.text()
    assert host.current_text() == "saved part and unsaved part"

    new_id = widget.keep_as_new()
    assert new_id is not None and new_id != draft_id
    assert vault.draft(new_id).text == "saved part and unsaved part"
    assert vault.draft(new_id).title == "Open one"
    assert host.opened[-1] == (new_id, "Open one", "saved part and unsaved part")
    assert widget.gone_bar.isHidden()

    assert not widget.open(other_id)  # the list was stale: a clear line, nothing else
    assert widget.status.text() == library.GONE


def test_the_library_opens_the_vault_itself_when_the_window_has_none(qtbot, vault_path: Path,
                                                                     monkeypatch):
    monkeypatch.setenv("AMENDS_DATA_DIR", str(vault_path.parent))
    window = HostWindow()
    qtbot.addWidget(window)
    control = _installed(window)
    widget = control.show_library()
    assert widget is not None and control.access is not None and control.access.owned
    assert widget.new_draft("Mine") is not None
    control.close()
    with Vault.open(vault_path, create=False) as check:
        assert [d.title for d in check.drafts()] == ["Mine"]


class FakeSession:
    """Like the main window's VaultSession: a vault and writer that may arrive later."""

    def __init__(self, vault: Vault | None = None) -> None:
        self.vault: Vault | None = None
        self.writer: VaultWriter | None = None
        self._opening = False
        if vault is not None:
            self.use(vault)

    def use(self, vault: Vault) -> None:
        self.vault, self.writer = vault, VaultWriter(vault)

    def close(self) -> None:
        if self.writer is not None and self.vault is not None:
            self.writer.close(5)
            self.vault.close()


class SessionWindow(QMainWindow):
    """Closer to the real main window: File and Edit menus, a window-wide Ctrl+Z, a
    ``draft_id`` attribute and a ``vault_session``."""

    def __init__(self, session: FakeSession) -> None:
        super().__init__()
        self.vault_session = session
        self.draft_id: int | None = None
        self.editor = QPlainTextEdit()
        self.setCentralWidget(self.editor)
        self.file_menu = self.menuBar().addMenu("&File")
        self.file_menu.addAction("&New draft")
        self.file_menu.addSeparator()
        self.quit_action = self.file_menu.addAction("&Quit")
        self.edit_menu = self.menuBar().addMenu("&Edit")
        self.undo_count = 0
        undo = QAction("&Undo", self)
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        undo.triggered.connect(self._undo)
        self.addAction(undo)
        self.edit_menu.addAction(undo)

    def _undo(self) -> None:
        self.undo_count += 1

    def open_draft(self, draft_id: int, title: str, text: str) -> bool:
        self.draft_id = draft_id
        self.editor.setPlainText(text)
        return True

    def current_text(self) -> str:
        return self.editor.toPlainText()

    def draft_deleted(self, draft_id: int) -> None:
        if draft_id == self.draft_id:
            self.draft_id = None

    def adopt_draft(self, draft_id: int, title: str) -> None:
        self.draft_id = draft_id
        self.adopted = (draft_id, title)


def test_undo_of_the_open_draft_hands_it_back_to_the_window(qtbot, vault: Vault):
    session = FakeSession(vault)
    window = SessionWindow(session)
    qtbot.addWidget(window)
    widget = _installed(window).show_library()
    assert widget is not None
    draft_id = widget.new_draft("Hooks")
    assert draft_id is not None and window.draft_id == draft_id
    assert widget.delete_selected()
    assert window.draft_id is None and widget.gone_bar.isHidden()
    window.editor.setPlainText("typed while it was deleted")
    assert widget.undo_delete() == draft_id
    assert window.draft_id == draft_id and window.adopted == (draft_id, "Hooks")
    assert vault.draft(draft_id).text == "typed while it was deleted"
    session.close()


def test_menus_go_into_the_windows_file_and_edit_menus(qtbot, vault: Vault):
    session = FakeSession(vault)
    window = SessionWindow(session)
    qtbot.addWidget(window)
    _installed(window)
    names = [a.text().replace("&", "") for a in window.file_menu.actions()]
    assert names == ["New draft", "Library…", "Version history…", "", "Quit"]
    assert [a.text().replace("&", "") for a in window.edit_menu.actions()][-1] == "Settings…"
    assert not [a for a in window.menuBar().actions() if "Drafts" in a.text()]
    session.close()


def test_keys_on_the_list_win_over_the_windows_shortcuts(qtbot, vault: Vault):
    session = FakeSession(vault)
    window = SessionWindow(session)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    draft_id = vault.add_draft("Keys", "text")
    widget = _installed(window).show_library()
    assert widget is not None
    widget.select(draft_id)
    widget.tree.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.undo_count == 1  # the window's own Ctrl+Z is live

    qtbot.keyClick(widget.tree, Qt.Key.Key_Delete)
    assert vault.drafts() == []
    qtbot.keyClick(widget.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [d.id for d in vault.drafts()] == [draft_id]
    assert window.undo_count == 1

    def rename(dialog: QWidget) -> None:
        line = dialog.findChild(QLineEdit)
        assert line is not None
        line.setText("Renamed by keyboard")
        click(dialog, "OK")

    widget.select(draft_id)
    answer_modal(rename)
    qtbot.keyClick(widget.tree, Qt.Key.Key_F2)
    assert vault.draft(draft_id).title == "Renamed by keyboard"
    session.close()


def test_a_session_without_a_vault_yet_gets_the_one_the_library_opens(qtbot, vault_path: Path,
                                                                      monkeypatch):
    monkeypatch.setenv("AMENDS_DATA_DIR", str(vault_path.parent))
    session = FakeSession()
    window = SessionWindow(session)
    qtbot.addWidget(window)
    control = _installed(window)
    widget = control.show_library()
    assert widget is not None and isinstance(session.vault, Vault)
    draft_id = widget.new_draft("Through the session")
    assert window.draft_id == draft_id
    assert session.vault.draft(draft_id).title == "Through the session"
    session.close()
    widget.refresh()
    assert widget.status.text() == "The vault is closed."


def test_a_new_draft_the_window_declines_leaves_nothing_behind(qtbot, vault: Vault):
    class Declining(HostWindow):
        def open_draft(self, draft_id: int, title: str, text: str) -> bool:
            return False  # the person chose Cancel when asked about unsaved text

    window = Declining(vault)
    qtbot.addWidget(window)
    widget = _installed(window).show_library()
    assert widget is not None
    assert widget.new_draft("Not now") is None
    assert vault.drafts() == []
