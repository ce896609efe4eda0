"""The whole window as a person meets it: real key presses, saving to a real vault and
reopening, Undo and Restore that never ask about unsaved text, every control named and
reachable by Tab, the dark theme, and the ``amends`` command itself."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
import subprocess
import sys
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from desktop.settings import Settings
from desktop.ui import library, theme
from desktop.ui.history import HistoryDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.passphrase import PassphraseDialog
from desktop.ui.send_check import SendCheckDialog
from desktop.ui.settings_dialog import SettingsDialog
from desktop.vault import Vault
from tests.ui import test_library as shared
from tests.ui.conftest import (
    REPO,
    saved_draft,
    second_window,
    type_text,
    wait_for_report,
)

ui_keyring_env = shared.ui_keyring_env
ui_keyring = shared.ui_keyring
vault_path = shared.vault_path

WAVE = QTextCharFormat.UnderlineStyle.WaveUnderline
CONTROLS = (QAbstractButton, QLineEdit, QTextEdit, QPlainTextEdit, QComboBox,
            QAbstractItemView)
"""Buttons and check boxes, text fields, combo boxes, and list, tree and table views."""


def never_asked(win: MainWindow, monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Record any "save your changes?" question instead of showing it (the test then
    asserts there was none); closing the window at the end is not counted."""
    asked: list[bool] = []
    monkeypatch.setattr(win, "keep_current_text",
                        lambda: asked.append(win.isVisible()) or True)
    return asked


# ------------------------------------------------------------------ typing and saving


def test_real_key_presses_until_the_marks_appear(qtbot, window):
    window.editor.setFocus()
    qtbot.keyClicks(window.editor, "I'm sorry if you were hurtt")
    qtbot.keyClick(window.editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(window.editor, ".")
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(window.editor, "I lied to you about where I was.")
    qtbot.waitUntil(lambda: any(s.format.underlineStyle() == WAVE
                                for s in window.editor.extraSelections()), timeout=15_000)
    wait_for_report(qtbot, window)
    assert window.current_text() == ("I'm sorry if you were hurt.\n"
                                     "I lied to you about where I was.")
    assert window.side_panel.verdict_label.text() == "Needs revision"


def test_ctrl_s_saves_to_the_vault_and_a_new_window_reopens_it(qtbot, window, analyzer,
                                                               data_dir, vault_path):
    text = "I lied to you about the weekend. I will tell you the truth from now on."
    type_text(qtbot, window, text)
    qtbot.keyClick(window.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.draft_id is not None, timeout=20_000)
    draft_id = window.draft_id
    assert window.windowTitle().startswith("I lied to you about the weekend.")
    window.close()  # writes everything waiting and closes the vault
    with Vault.open(vault_path, create=False) as check:
        assert check.draft(draft_id).text == text

    again, widget = second_window(qtbot, analyzer)
    assert widget.tree.topLevelItem(0).text(0).startswith("I lied to you about the weekend.")
    assert widget.open(draft_id)
    assert again.current_text() == text and again.draft_id == draft_id


def test_undo_of_a_delete_hands_the_draft_back_without_a_question(qtbot, window, data_dir,
                                                                   vault_path, monkeypatch):
    draft_id = saved_draft(qtbot, window, "I broke my promise.")
    widget = library.controller(window).show_library()  # type: ignore[union-attr]
    assert widget is not None
    widget.select(draft_id)
    assert widget.delete_selected()
    assert window.draft_id is None and window.editor.document().isModified()
    type_text(qtbot, window, " I will keep the next one.")
    asked = never_asked(window, monkeypatch)
    assert widget.undo_delete() == draft_id
    assert window.draft_id == draft_id
    assert not window.editor.document().isModified()
    assert window.current_text() == "I broke my promise. I will keep the next one."
    assert True not in asked
    with Vault.open(vault_path, create=False) as check:
        assert check.draft(draft_id).text == window.current_text()


def test_restoring_a_version_is_one_undo_step_and_asks_nothing(qtbot, window, data_dir,
                                                               vault_path, monkeypatch):
    with Vault.open(vault_path) as vault:
        draft_id = vault.add_draft("Letter", "I am sorry if you were hurt.")
        vault.save_version(draft_id, "I am sorry I hurt you.")
    control = library.controller(window)
    assert control is not None
    widget = control.show_library()
    assert widget is not None and widget.open(draft_id)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(qtbot, window, " Typed, not saved.")
    asked = never_asked(window, monkeypatch)
    dialog = control.show_history(modal=False)
    assert isinstance(dialog, HistoryDialog)
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(1)  # version 1
    dialog.restore()
    assert window.current_text() == "I am sorry if you were hurt."
    assert window.draft_id == draft_id and not window.editor.document().isModified()
    assert True not in asked
    window.editor.undo()
    assert window.current_text() == "I am sorry I hurt you. Typed, not saved."
    with Vault.open(vault_path, create=False) as check:
        texts = [v.text for v in check.history(draft_id)]
    assert texts[-2:] == ["I am sorry I hurt you. Typed, not saved.",
                          "I am sorry if you were hurt."]


# ------------------------------------------------------------------ accessibility


def tab_order(root: QWidget) -> list[QWidget]:
    """Every widget Tab visits from ``root``, in order."""
    found, widget = [], root.nextInFocusChain()
    while widget is not None and widget is not root and widget not in found:
        found.append(widget)
        widget = widget.nextInFocusChain()
    return found


def assert_named_and_tab_reachable(root: QWidget) -> int:
    """Every visible control under ``root`` has a name for screen readers (or visible text)
    and is reached by Tab; returns how many were checked."""
    chain = tab_order(root)
    checked = 0
    for widget in root.findChildren(QWidget):
        if (not isinstance(widget, CONTROLS) or isinstance(widget, QHeaderView)
                or not widget.isVisibleTo(root)):
            continue  # a header is part of its tree view, which is the control
        if isinstance(widget.parent(), QTabBar) or widget.objectName().startswith(
                ("qt_dockwidget_", "qt_toolbar_ext_button")):
            continue  # Qt's own title-bar and scroll-arrow buttons, mouse-only by design
        text = widget.text().replace("&", "") if isinstance(widget, QAbstractButton) else ""
        what = f"{type(widget).__name__} {widget.objectName()!r} {text!r}"
        assert widget.accessibleName().strip() or text.strip(), f"{what} has no name"
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus, f"{what} takes no Tab focus"
        assert widget in chain, f"{what} is not reached by Tab"
        checked += 1
    return checked


def test_every_control_is_named_and_reached_by_tab(qtbot, window, data_dir):
    type_text(qtbot, window, "I lied to you. I'm sorry if you were hurt.")
    wait_for_report(qtbot, window)
    cursor = window.editor.textCursor()
    cursor.setPosition(20)
    window.editor.setTextCursor(cursor)
    assert window.suggestions.rows
    window.show_banner("A problem.", kind="lost", action="&Unlock again", slot=lambda: None)
    library.controller(window).show_library()  # type: ignore[union-attr]
    assert assert_named_and_tab_reachable(window) >= 8

    settings = SettingsDialog(window)
    qtbot.addWidget(settings)
    settings.show()
    for index in range(settings.tabs.count()):
        settings.tabs.setCurrentIndex(index)
        assert_named_and_tab_reachable(settings)

    for new in (True, False):
        passphrase = PassphraseDialog(window, new=new)
        qtbot.addWidget(passphrase)
        passphrase.show()
        assert assert_named_and_tab_reachable(passphrase) >= 3

    with Vault.open() as vault:
        draft_id = vault.add_draft("Letter", "One.")
        vault.save_version(draft_id, "Two.")
        history = HistoryDialog(vault, draft_id, current_text="Three.", parent=window)
        qtbot.addWidget(history)
        history.show()
        assert assert_named_and_tab_reachable(history) >= 4
        history.close()

    send = SendCheckDialog(window, window.verdict)
    qtbot.addWidget(send)
    send.show()
    assert assert_named_and_tab_reachable(send) >= 2
    send.close()
    window.hide_banner()


# ------------------------------------------------------------------ dark theme


def contrast(one: str, two: str) -> float:
    """The WCAG contrast ratio of two colours."""
    def luminance(name: str) -> float:
        colour = QColor(name)
        parts = []
        for value in (colour.redF(), colour.greenF(), colour.blueF()):
            parts.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
        return 0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2]

    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture
def app_look() -> Iterator[None]:
    """Put the application's style and palette back after a theme test."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style, palette = app.style().name(), app.palette()
    yield
    app.setStyle(style)
    app.setPalette(palette)


def test_switching_to_the_dark_theme_keeps_every_mark_readable(qtbot, window, app_look):
    type_text(qtbot, window, "I'm sorry if you were hurt. I lied to you.")
    wait_for_report(qtbot, window)
    dark = Settings()
    dark.app.theme = "dark"
    window.apply_settings(dark)
    qtbot.waitUntil(lambda: theme.is_dark(window.editor))  # the palette reaches it queued
    background = window.editor.palette().color(window.editor.backgroundRole()).name()
    styles = theme.mark_styles(window.editor)
    for kind, style in styles.items():
        assert contrast(style.colour, background) >= 3.0, kind
        if style.tint:
            text = window.editor.palette().color(window.editor.foregroundRole()).name()
            assert contrast(text, style.tint) >= 4.5, f"{kind} text on its tint"
    colours = {s.format.underlineColor().name() for s in window.editor.extraSelections()}
    assert colours and colours <= {s.colour for s in styles.values()}
    assert window.controller.state == "ready"  # a theme change does not reload the model


# ------------------------------------------------------------------ the amends command


def test_the_amends_command_opens_the_window_and_quits(tmp_path, amends_dirs):
    script = shutil.which("amends")
    command = [script] if script else [sys.executable, "-m", "desktop"]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "AMENDS_QUIT_WHEN_SHOWN": "1",
           "XDG_CONFIG_HOME": str(tmp_path / "xdg"), "PYTHONPATH": str(REPO)}
    result = subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
