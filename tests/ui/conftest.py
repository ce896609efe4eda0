"""UI tests: real widgets on the offscreen platform, and the real engine (grammar off)."""

from __future__ import annotations

import contextlib
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture(scope="session", autouse=True)
def qt_settings_elsewhere(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Window geometry (QSettings) goes to a temporary folder, never the user's."""
    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


@pytest.fixture
def window(qtbot, analyzer) -> Iterator:
    """A shown main window whose (already loaded) engine is ready."""
    from desktop.ui.main_window import MainWindow

    win = MainWindow(analyzer=analyzer)
    win.confirm_unsaved = False
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.controller.state == "ready", timeout=10_000)
    yield win
    win.editor.document().setModified(False)  # closing must not stop to ask about saving
    if win.send_dialog is not None:
        with contextlib.suppress(RuntimeError):  # already deleted
            win.send_dialog.close()


def type_text(qtbot, win, text: str) -> None:
    """Type like a person: one key at a time into the focused editor."""
    win.editor.setFocus()
    qtbot.keyClicks(win.editor, text)


def wait_for_report(qtbot, win, timeout: int = 15_000) -> None:
    """Wait until the report on screen is for the text now in the editor."""
    qtbot.waitUntil(lambda: win.report is not None and not win.controller.pending()
                    and win.report_revision == win.controller.revision
                    and win.report_text == win.current_text(), timeout=timeout)


REPO = Path(__file__).resolve().parents[2]


def docs_image(name: str, tmp_path: Path) -> Path:
    """Where a test draws a README image: docs/ with AMENDS_UPDATE_DOCS=1, else a temporary
    folder, so a plain test run leaves the checkout as it was."""
    if os.environ.get("AMENDS_UPDATE_DOCS") == "1":
        return REPO / "docs" / name
    return tmp_path / name


@pytest.fixture
def data_dir(vault_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The window's vault lives in this test's own data folder (``vault_path`` comes from
    the keyring fixtures of tests/ui/test_library.py, which the vault tests import)."""
    monkeypatch.setenv("AMENDS_DATA_DIR", str(vault_path.parent))
    return vault_path.parent


def saved_draft(qtbot, win, text: str) -> int:
    """Type ``text`` and save it; returns the new draft's id once it is on disk."""
    type_text(qtbot, win, text)
    win.save()
    qtbot.waitUntil(lambda: win.draft_id is not None, timeout=20_000)
    assert win.draft_id is not None
    return win.draft_id


def second_window(qtbot, analyzer):
    """Another main window on the same vault, its drafts library showing: (window, list)."""
    from desktop.ui import library
    from desktop.ui.main_window import MainWindow

    other = MainWindow(analyzer=analyzer, start_loading=False)
    other.confirm_unsaved = False
    qtbot.addWidget(other)
    control = library.controller(other)
    assert control is not None
    widget = control.show_library()
    assert widget is not None
    return other, widget
