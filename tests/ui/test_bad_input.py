"""Bad input from the desktop issue: a huge paste, rich text, a draft deleted elsewhere, a
vault locked mid-session, a missing model folder. The window says what happened and loses
nothing typed."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


from PySide6.QtCore import QMimeData
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QApplication

from desktop.settings import Settings
from desktop.ui.main_window import MainWindow
from desktop.vault import Vault, keystore
from desktop.vault.keys import KeyRecord
from tests.ui import test_library as shared
from tests.ui.conftest import saved_draft, second_window, type_text
from tests.ui.test_library import answer_modal, click

ui_keyring_env = shared.ui_keyring_env
ui_keyring = shared.ui_keyring
vault_path = shared.vault_path

PASSPHRASE = "correct horse battery"
DASH = QTextCharFormat.UnderlineStyle.DashUnderline


def paste(win, mime: QMimeData) -> None:
    """Paste as Ctrl+V does: through the clipboard (emptied again afterwards, so the
    clipboard does not still own our data when the application ends)."""
    clipboard = QApplication.clipboard()
    clipboard.setMimeData(mime)
    win.editor.setFocus()
    win.editor.paste()
    clipboard.clear()


# ------------------------------------------------------------------ pasting


def test_a_two_megabyte_paste_is_kept_and_said_to_be_too_long(qtbot, window):
    line = "I lied to you about where I was on Thursday nights, and I am sorry.\n"
    big = line * (2_000_000 // len(line) + 1)
    mime = QMimeData()
    mime.setHtml("<p><b>" + big[:200] + "</b></p>")
    mime.setText(big)
    paste(window, mime)
    assert window.current_text() == big
    qtbot.waitUntil(lambda: window.banner.kind == "too_long", timeout=10_000)
    assert "characters" in window.banner.text() and "kept" in window.banner.text()
    assert window.controller.state == "ready"  # the engine was never handed the text
    type_text(qtbot, window, "x")  # editing still works
    assert window.current_text() == big + "x"
    window.send_action.trigger()
    qtbot.waitUntil(lambda: window.send_dialog is not None and window.send_dialog.isVisible())
    assert "too long" in window.send_dialog.informativeText()


def test_rich_text_from_a_browser_goes_in_as_plain_text(qtbot, window):
    mime = QMimeData()
    mime.setHtml('<meta charset="utf-8"><span style="color:red;font-weight:700">I lied'
                 '</span> <a href="https://example.com">to you</a>.')
    mime.setText("I lied to you.")
    paste(window, mime)
    assert window.current_text() == "I lied to you."
    cursor = window.editor.textCursor()
    cursor.setPosition(2)
    assert not cursor.charFormat().fontWeight() > 400
    assert not cursor.charFormat().isAnchor()

    only_html = QMimeData()
    only_html.setHtml("<p>First <i>line</i></p><p>Second line</p>")
    window.editor.clear()
    paste(window, only_html)
    assert window.current_text() == "First line\nSecond line"


# ------------------------------------------------------------------ the vault mid-session


def test_a_draft_deleted_in_a_second_window_is_kept_as_a_new_draft(qtbot, window, analyzer,
                                                                   data_dir, vault_path):
    first = saved_draft(qtbot, window, "I lied to you about the weekend.")
    other, widget = second_window(qtbot, analyzer)
    widget.select(first)
    assert widget.delete_selected()

    type_text(qtbot, window, " I am sorry.")
    window.save()
    qtbot.waitUntil(lambda: window.banner.kind == "gone", timeout=20_000)
    assert "deleted in another window" in window.banner.text()
    assert window.current_text() == "I lied to you about the weekend. I am sorry."
    assert window.banner.button.isVisible()

    window.banner.button.click()
    qtbot.waitUntil(lambda: window.draft_id not in (None, first), timeout=20_000)
    assert window.banner.isHidden()
    with Vault.open(vault_path, create=False) as check:
        assert check.draft(window.draft_id).text == window.current_text()
    other.vault_session.close()


def test_a_draft_deleted_through_the_vault_is_noticed_by_autosave(qtbot, window, data_dir,
                                                                  vault_path):
    first = saved_draft(qtbot, window, "I broke your trust.")
    with Vault.open(vault_path) as elsewhere:
        elsewhere.delete_draft(first)
    type_text(qtbot, window, " I see that.")
    window._autosave()  # what the autosave timer does two seconds after typing
    qtbot.waitUntil(lambda: window.banner.kind == "gone", timeout=20_000)
    assert window.current_text() == "I broke your trust. I see that."


def test_a_vault_locked_mid_session_says_so_and_unlocks_again(qtbot, window, data_dir,
                                                              vault_path):
    draft_id = saved_draft(qtbot, window, "I lied to you.")
    session = window.vault_session
    account = KeyRecord(session.vault.vault_id, "keyring", b"").account
    key = keystore.load(account)
    assert key is not None
    keystore.delete(account)  # the keyring entry disappears ...
    session.vault.close()  # ... and the vault is locked under the window
    type_text(qtbot, window, " I am sorry.")
    window.save()
    qtbot.waitUntil(lambda: window.banner.kind == "lost", timeout=20_000)
    assert "locked" in window.banner.text() and "nothing you typed is lost" in \
        window.banner.text()
    assert window.banner.button.text().replace("&", "") == "Unlock again"
    assert window.current_text() == "I lied to you. I am sorry."

    asked: list[str] = []

    def keyring_back(box) -> None:
        asked.append(box.windowTitle())
        keystore.store(account, key)
        click(box, "Try again")

    answer_modal(keyring_back)
    window.banner.button.click()
    assert asked == ["The system keyring is not available"]
    assert window.banner.isHidden()
    assert window.draft_id == draft_id
    assert not window.editor.document().isModified()
    with Vault.open(vault_path, create=False) as check:
        assert check.draft(draft_id).text == "I lied to you. I am sorry."


def test_a_passphrase_vault_left_locked_offers_to_unlock_later(qtbot, window, data_dir,
                                                                vault_path):
    Vault.create(vault_path, passphrase=PASSPHRASE).close()
    type_text(qtbot, window, "I missed your birthday.")
    answer_modal(lambda dialog: click(dialog, "Cancel"))
    window.save()  # asks for the passphrase; the person says not now
    qtbot.waitUntil(lambda: window.banner.kind == "lost", timeout=20_000)
    assert window.current_text() == "I missed your birthday."
    assert window.draft_id is None

    def unlock(dialog) -> None:
        assert "locked" in dialog.error.text()
        dialog.first.setText(PASSPHRASE)
        click(dialog, "Unlock")

    answer_modal(unlock)
    window.banner.button.click()
    assert window.banner.isHidden() and window.draft_id is not None
    with Vault.open(vault_path, passphrase=PASSPHRASE, create=False) as check:
        assert check.draft(window.draft_id).text == "I missed your birthday."


# ------------------------------------------------------------------ a missing model folder


def test_a_missing_model_folder_still_opens_the_window_with_grammar(qtbot, tmp_path):
    settings = Settings()
    settings.analysis.model_path = str(tmp_path / "no-such-model")
    settings.grammar.engine = "harper"
    win = MainWindow(settings=settings)
    win.confirm_unsaved = False
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.controller.state == "failed", timeout=30_000)
    assert "could not be loaded" in win.banner.text()
    assert "no-such-model" in win.banner.text() and "grammar marks still work" in \
        win.banner.text()
    type_text(qtbot, win, "I has went to teh store.")
    qtbot.waitUntil(lambda: any(s.format.underlineStyle() == DASH
                                for s in win.editor.extraSelections()), timeout=30_000)
    assert win.current_text() == "I has went to teh store."
    assert win.verdict is None  # no sentence was judged
