"""Version history, the passphrase dialog and the settings dialog, driven as a person would."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import hashlib
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import SecretService
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.settings import Settings, load_settings, save_settings
from desktop.ui import library
from desktop.ui.diffing import DELETE_STYLE, INSERT_STYLE, segments_html
from desktop.ui.history import HistoryDialog
from desktop.ui.passphrase import (
    WRONG,
    PassphraseDialog,
    open_vault,
    problem_with,
    reopen_vault,
)
from desktop.ui.settings_dialog import LT_LOCAL, LT_SERVER, OFF, SettingsDialog
from desktop.vault import KeyringUnavailableError, Vault
from desktop.vault.diff import word_diff
from tests.ui import test_library as shared
from tests.ui.test_library import HostWindow, answer_modal, assert_accessible, click
from tests.vault.secret_service import NO_BUS

# The same private keyring and vault fixtures as the library tests.
ui_keyring_env = shared.ui_keyring_env
ui_keyring = shared.ui_keyring
vault_path = shared.vault_path
vault = shared.vault

PASSPHRASE = "correct horse battery"


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """As on a computer without any OS keyring: no session bus at all."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", NO_BUS)
    keyring.set_keyring(SecretService.Keyring())
    yield


def _folder_state(folder: Path) -> dict[str, str]:
    """Every file's hash, leaving out SQLite's -wal/-shm of a connection open right now."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.endswith(("-wal", "-shm"))}


# ------------------------------------------------------------------ version history


@pytest.fixture
def three_versions(vault: Vault) -> int:
    draft_id = vault.add_draft("Letter", "I am sorry if you were hurt.")
    vault.save_version(draft_id, "I am sorry I hurt you.", ready=False)
    vault.save_version(draft_id, "I am sorry I hurt you. I lied for months.", ready=True)
    return draft_id


def test_history_lists_versions_and_shows_word_changes(qtbot, vault: Vault, three_versions):
    dialog = HistoryDialog(vault, three_versions, current_text="I hurt you. I lied.")
    qtbot.addWidget(dialog)
    rows = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert len(rows) == 3
    assert rows[0].startswith("Version 3, ready to send\n")
    assert rows[1].startswith("Version 2, needs revision")
    assert rows[2].startswith("Version 1, not checked yet")

    html = dialog.view.toHtml()
    assert "I lied for months." in dialog.view.toPlainText()
    assert "underline" in html  # the inserted words
    assert "4 words added, 0 removed" in dialog.summary.text()

    dialog.list.setCurrentRow(1)  # version 2 against version 1
    html = dialog.view.toHtml()
    assert "line-through" in html and "underline" in html
    assert "were hurt" in dialog.view.toPlainText() and "I hurt" in dialog.view.toPlainText()
    assert "from version 1" in dialog.summary.text()

    dialog.list.setCurrentRow(2)
    assert "first version" in dialog.summary.text()

    dialog.with_current.setChecked(True)  # version 1 against the editor's text
    assert "to the text in the editor now" in dialog.summary.text()
    assert dialog.view.toPlainText().endswith("hurt you. I lied.")
    assert_accessible(dialog)


def test_changes_are_marked_by_more_than_colour():
    html = segments_html(word_diff("one <two> three", "one four three"))
    assert f'<span style="{DELETE_STYLE}">&lt;two&gt;</span> ' in html
    assert f'<span style="{INSERT_STYLE}">four</span>' in html
    assert "line-through" in DELETE_STYLE and "underline" in INSERT_STYLE
    assert "¶" in segments_html(word_diff("a\nb", "a b"))


def test_restore_saves_a_new_version_and_keeps_the_later_ones(qtbot, vault: Vault,
                                                             three_versions):
    vault.mark_ready(three_versions, True)
    dialog = HistoryDialog(vault, three_versions, current_text="typed, not yet saved")
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(2)  # version 1
    with qtbot.waitSignal(dialog.restored) as signal:
        click(dialog, "Restore this version")
    assert signal.args == [three_versions, "Letter", "I am sorry if you were hurt."]
    texts = [v.text for v in vault.history(three_versions)]
    assert texts == ["I am sorry if you were hurt.", "I am sorry I hurt you.",
                     "I am sorry I hurt you. I lied for months.", "typed, not yet saved",
                     "I am sorry if you were hurt."]
    assert dialog.list.count() == 5
    assert "every other version is still here" in dialog.status.text()


def test_history_from_the_menu_reloads_the_editor_after_restore(qtbot, vault: Vault,
                                                                three_versions):
    window = HostWindow(vault)
    qtbot.addWidget(window)
    library.install(window)
    control = library.controller(window)
    assert control is not None
    widget = control.show_library()
    assert widget is not None and widget.open(three_versions)
    dialog = control.show_history(modal=False)
    assert isinstance(dialog, HistoryDialog)
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(1)
    dialog.restore()
    assert window.opened[-1] == (three_versions, "Letter", "I am sorry I hurt you.")
    assert window.current_text() == "I am sorry I hurt you."


# ------------------------------------------------------------------ passphrase


def test_a_new_passphrase_needs_length_and_two_matching_entries(qtbot):
    assert problem_with("short", "short").startswith("Use at least")
    assert "different" in problem_with(PASSPHRASE, PASSPHRASE + "x")
    assert problem_with(PASSPHRASE, PASSPHRASE) == ""

    dialog = PassphraseDialog(new=True)
    qtbot.addWidget(dialog)
    assert "cannot be recovered" in dialog.intro.text()
    dialog.first.setText(PASSPHRASE)
    assert dialog.second is not None
    dialog.second.setText("something else")
    dialog.accept()
    assert dialog.result() == 0 and "different" in dialog.error.text()
    dialog.second.setText(PASSPHRASE)
    dialog.accept()
    assert dialog.result() == PassphraseDialog.DialogCode.Accepted
    assert dialog.passphrase() == PASSPHRASE
    assert_accessible(dialog)


def test_wrong_passphrase_says_one_line_touches_nothing_and_asks_again(vault_path: Path):
    Vault.create(vault_path, passphrase=PASSPHRASE).close()
    state = _folder_state(vault_path.parent)
    answers = iter(["not the passphrase", PASSPHRASE])
    seen: list[tuple[bool, str, dict[str, str]]] = []

    def ask(_parent: QWidget | None, new: bool, error: str) -> str | None:
        seen.append((new, error, _folder_state(vault_path.parent)))
        return next(answers)

    opened = open_vault(None, vault_path, ask=ask)
    assert opened is not None
    opened.close()
    assert [(new, error) for new, error, _ in seen] == [(False, ""), (False, WRONG)]
    assert seen[1][2] == state  # the wrong try changed nothing on disk
    assert "\n" not in WRONG


def test_the_real_dialog_unlocks_after_a_wrong_try(qtbot, vault_path: Path):
    Vault.create(vault_path, passphrase=PASSPHRASE).close()
    shown: list[str] = []

    def type_into(widget: QWidget, text: str, then: object = None) -> None:
        assert isinstance(widget, PassphraseDialog) and not widget.new
        shown.append(widget.error.text() if not widget.error.isHidden() else "")
        widget.first.setText(text)
        click(widget, "Unlock")
        if then is not None:
            answer_modal(lambda w: type_into(w, PASSPHRASE))

    answer_modal(lambda w: type_into(w, "wrong passphrase", then=True))
    opened = open_vault(None, vault_path)
    assert opened is not None and opened.key_kind == "passphrase"
    opened.close()
    assert shown == ["", WRONG]


def test_without_a_keyring_a_new_vault_asks_for_a_passphrase_twice(qtbot, vault_path: Path,
                                                                   no_keyring):
    def choose(widget: QWidget) -> None:
        assert isinstance(widget, PassphraseDialog) and widget.new and widget.second
        widget.first.setText(PASSPHRASE)
        widget.second.setText(PASSPHRASE)
        click(widget, "Create")

    answer_modal(choose)
    created = open_vault(None, vault_path)
    assert created is not None and created.key_kind == "passphrase"
    created.close()
    with Vault.open(vault_path, PASSPHRASE, create=False) as again:
        assert again.drafts() == []


def test_cancel_opens_nothing_and_creates_nothing(vault_path: Path, no_keyring):
    assert open_vault(None, vault_path, ask=lambda *_: None) is None
    assert not vault_path.exists()


def test_relocked_vault_asks_again_and_saves_the_editor_text(vault_path: Path):
    with Vault.create(vault_path, passphrase=PASSPHRASE) as first:
        draft_id = first.add_draft("Letter", "saved")
    reopened = reopen_vault(None, vault_path, draft_id=draft_id, title="Letter",
                            text="saved and typed after the lock",
                            ask=lambda *_: PASSPHRASE)
    assert reopened is not None and reopened.draft_id == draft_id
    assert reopened.vault.draft(draft_id).text == "saved and typed after the lock"
    missing = reopen_vault(None, vault_path, draft_id=999, title="Gone", text="kept anyway",
                           ask=lambda *_: PASSPHRASE)
    assert missing is not None and missing.draft_id not in (None, 999)
    assert missing.vault.draft(missing.draft_id).text == "kept anyway"
    reopened.vault.close()
    missing.vault.close()
    assert reopen_vault(None, vault_path, draft_id=draft_id, title="Letter", text="x",
                        ask=lambda *_: None) is None


def test_keyring_gone_mid_session_retries_when_asked(qtbot, vault: Vault, vault_path: Path):
    draft_id = vault.add_draft("Letter", "saved")
    answer_modal(lambda box: click(box, "Try again"))
    reopened = reopen_vault(None, vault_path, draft_id=draft_id, title="Letter",
                            text="typed while the keyring was away",
                            reason=KeyringUnavailableError("gone"))
    assert reopened is not None
    assert reopened.vault.draft(draft_id).text == "typed while the keyring was away"
    reopened.vault.close()

    answer_modal(lambda box: click(box, "Keep writing"))
    assert reopen_vault(None, vault_path, draft_id=draft_id, title="Letter", text="x",
                        reason=KeyringUnavailableError("gone")) is None
    assert vault.draft(draft_id).text == "typed while the keyring was away"


# ------------------------------------------------------------------ settings


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.toml"


@pytest.fixture
def model_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "my-model"
    folder.mkdir()
    (folder / "modules.json").write_text("[]", encoding="utf-8")
    return folder


def _dialog(qtbot, path: Path, *, wait_for_rules: bool = True) -> SettingsDialog:
    dialog = SettingsDialog(path=path)
    qtbot.addWidget(dialog)
    if wait_for_rules:
        qtbot.waitUntil(lambda: dialog.rule_ids is not None, timeout=30_000)
    return dialog


def test_settings_round_trip(qtbot, settings_path: Path, model_dir: Path):
    before = Settings()
    before.grammar.dictionary = ["Okonkwo", "Lagos"]
    before.grammar.ignored_rules = ["SpellCheck"]
    save_settings(before, settings_path)

    dialog = _dialog(qtbot, settings_path)
    assert_accessible(dialog)
    dialog.engine.setCurrentIndex(dialog.engine.findData(LT_LOCAL))
    dialog.model_path.setText(str(model_dir))
    assert "holds a model" in dialog.model_status.text()
    first = dialog.rules.item(0)
    rule_id = first.data(Qt.ItemDataRole.UserRole)
    first.setCheckState(Qt.CheckState.Unchecked)
    dialog.new_word.setText("Adaeze")
    dialog.add_word()
    dialog.new_word.setText("two words")
    dialog.add_word()
    assert "one word" in dialog.word_status.text()
    dialog.words.setCurrentRow(0)
    dialog.remove_word()
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    with qtbot.waitSignal(dialog.saved):
        click(dialog, "Save")

    after = load_settings(settings_path)
    assert after.grammar.engine == "languagetool" and after.grammar.languagetool_url == ""
    assert after.analysis.model_path == str(model_dir)
    assert after.rewrite.disabled_rules == [rule_id]
    assert after.grammar.dictionary == ["Lagos", "Adaeze"]
    assert after.grammar.ignored_rules == ["SpellCheck"]  # untouched fields survive
    assert after.app.theme == "dark"

    again = _dialog(qtbot, settings_path)
    assert again.engine.currentData() == LT_LOCAL
    assert again.rules.item(0).checkState() == Qt.CheckState.Unchecked


def test_saving_while_the_rules_are_read_keeps_the_switched_off_rules(
        qtbot, settings_path: Path):
    before = Settings()
    before.rewrite.disabled_rules = ["Accountability.SorryIf"]
    save_settings(before, settings_path)
    dialog = _dialog(qtbot, settings_path, wait_for_rules=False)
    assert dialog.rule_ids is None and not dialog.rules.isEnabled()  # still reading
    with qtbot.waitSignal(dialog.saved):
        click(dialog, "Save")
    assert load_settings(settings_path).rewrite.disabled_rules == ["Accountability.SorryIf"]
    qtbot.waitUntil(lambda: dialog.rule_ids is not None, timeout=30_000)  # then it fills in
    assert dialog.rules.isEnabled() and dialog.rules.count() == len(dialog.rule_ids) > 80


def test_a_broken_rule_in_the_users_folder_is_named_in_the_list(qtbot, settings_path: Path,
                                                                tmp_path: Path):
    mine = tmp_path / "my-rules" / "Mine"
    mine.mkdir(parents=True)
    (mine / "Broken.yml").write_text("extends: existence\nlabel: nonsense\n", encoding="utf-8")
    before = Settings()
    before.rewrite.user_rules_dir = str(tmp_path / "my-rules")
    save_settings(before, settings_path)
    dialog = _dialog(qtbot, settings_path)
    assert "Broken.yml" in dialog.rules_status.text()
    assert dialog.rules.count() > 80  # the other rules still load


def test_dialect_rules_folder_and_word_list_round_trip(qtbot, settings_path: Path,
                                                      tmp_path: Path):
    rules = tmp_path / "my-rules"
    rules.mkdir()
    words = tmp_path / "words.txt"
    words.write_text("# names\nOkonkwo\nTaiwo\n", encoding="utf-8")
    dialog = _dialog(qtbot, settings_path)
    assert dialog.dialect.currentData() == "american"
    assert [dialog.dialect.itemData(i) for i in range(dialog.dialect.count())] == [
        "american", "british", "canadian", "australian"]
    dialog.dialect.setCurrentIndex(dialog.dialect.findData("british"))
    dialog.rules_dir.setText(str(rules))
    dialog.dictionary_file.setText(str(words))
    with qtbot.waitSignal(dialog.saved) as signal:
        click(dialog, "Save")
    saved = signal.args[0]
    assert (saved.grammar.dialect, saved.rewrite.user_rules_dir,
            saved.grammar.dictionary_path) == ("british", str(rules), str(words))
    after = load_settings(settings_path)
    assert after.grammar.dialect == "british"
    assert after.rewrite.user_rules_dir == str(rules)
    assert after.grammar.dictionary_path == str(words)

    again = _dialog(qtbot, settings_path)
    assert again.dialect.currentData() == "british"
    assert again.rules_dir.text() == str(rules)
    assert again.dictionary_file.text() == str(words)
    assert_accessible(again)


def test_a_missing_rules_folder_or_word_list_is_refused(qtbot, settings_path: Path,
                                                       tmp_path: Path):
    dialog = _dialog(qtbot, settings_path)
    dialog.rules_dir.setText(str(tmp_path / "no-rules"))
    dialog.accept()
    assert dialog.result() == 0 and "does not exist" in dialog.problem.text()
    assert dialog.tabs.currentIndex() == 2
    dialog.rules_dir.clear()
    dialog.dictionary_file.setText(str(tmp_path / "no-words.txt"))
    dialog.accept()
    assert dialog.result() == 0 and "does not exist" in dialog.problem.text()
    assert dialog.tabs.currentIndex() == 3
    assert not settings_path.exists()


def test_a_missing_model_folder_is_refused_clearly(qtbot, settings_path: Path, tmp_path: Path):
    dialog = _dialog(qtbot, settings_path)
    dialog.model_path.setText(str(tmp_path / "nowhere"))
    assert "does not exist" in dialog.model_status.text()
    dialog.accept()
    assert dialog.result() == 0
    assert "does not exist" in dialog.problem.text()
    assert not settings_path.exists()


def test_a_remote_server_needs_an_explicit_yes(qtbot, settings_path: Path):
    dialog = _dialog(qtbot, settings_path)
    dialog.engine.setCurrentIndex(dialog.engine.findData(LT_SERVER))
    assert not dialog.server_note.isHidden()
    dialog.server_url.setText("https://lt.example.org")
    warnings: list[str] = []

    def refuse(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        warnings.append(box.text())
        click(box, "Keep drafts here")

    answer_modal(refuse)
    dialog.accept()
    assert dialog.result() == 0 and not settings_path.exists()
    assert "lt.example.org" in warnings[0] and "could read it" in warnings[0]
    assert "not saved" in dialog.problem.text()

    answer_modal(lambda box: click(box, "Send drafts to this server"))
    dialog.accept()
    saved = load_settings(settings_path)
    assert saved.grammar.languagetool_url == "https://lt.example.org"
    assert saved.grammar.allow_remote_server is True

    again = _dialog(qtbot, settings_path)  # already agreed to this server: no second warning
    again.accept()
    assert again.result() == SettingsDialog.DialogCode.Accepted


def test_a_local_server_needs_no_warning_and_switching_away_forgets_consent(qtbot,
                                                                             settings_path):
    dialog = _dialog(qtbot, settings_path)
    dialog.engine.setCurrentIndex(dialog.engine.findData(LT_SERVER))
    dialog.server_url.setText("http://localhost:8081")
    dialog.accept()
    saved = load_settings(settings_path)
    assert saved.grammar.languagetool_url == "http://localhost:8081"
    assert saved.grammar.allow_remote_server is False

    off = _dialog(qtbot, settings_path)
    off.engine.setCurrentIndex(off.engine.findData(OFF))
    off.accept()
    saved = load_settings(settings_path)
    assert (saved.grammar.engine, saved.grammar.languagetool_url) == ("off", "")


def test_a_bad_server_address_is_refused(qtbot, settings_path: Path):
    dialog = _dialog(qtbot, settings_path)
    dialog.engine.setCurrentIndex(dialog.engine.findData(LT_SERVER))
    dialog.accept()
    assert "address" in dialog.problem.text() and not settings_path.exists()
    dialog.server_url.setText("ftp://example.org")
    dialog.accept()
    assert "not an http(s) URL" in dialog.problem.text() and not settings_path.exists()


def test_a_wrong_passphrase_in_the_environment_is_said_once(qtbot, vault_path: Path,
                                                            monkeypatch):
    Vault.create(vault_path, passphrase=PASSPHRASE).close()
    monkeypatch.setenv("AMENDS_PASSPHRASE", "not it at all")
    said: list[str] = []

    def read_and_close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        said.append(box.text())
        click(box, "OK")

    answer_modal(read_and_close)
    assert open_vault(None, vault_path, ask=lambda *_: pytest.fail("asked")) is None
    assert len(said) == 1 and "AMENDS_PASSPHRASE" in said[0]


def test_settings_from_the_menu_reach_the_window(qtbot, vault: Vault, tmp_path: Path,
                                                monkeypatch):
    monkeypatch.setenv("AMENDS_CONFIG_DIR", str(tmp_path / "config"))
    applied: list[Settings] = []

    class SettingsWindow(HostWindow):
        def apply_settings(self, settings: Settings) -> None:
            applied.append(settings)

    window = SettingsWindow(vault)
    qtbot.addWidget(window)
    library.install(window)
    control = library.controller(window)
    assert control is not None
    dialog = control.show_settings(modal=False)
    qtbot.addWidget(dialog)
    dialog.theme.setCurrentIndex(dialog.theme.findData("light"))
    dialog.accept()
    assert [s.app.theme for s in applied] == ["light"]
    assert load_settings().app.theme == "light"


def test_draft_text_never_reaches_the_log(qtbot, vault: Vault, caplog):
    caplog.set_level("DEBUG")
    window = HostWindow(vault)
    qtbot.addWidget(window)
    library.install(window)
    control = library.controller(window)
    assert control is not None
    widget = control.show_library()
    assert widget is not None
    draft_id = widget.new_draft("Private title")
    window.editor.setPlainText("A private sentence.")
    widget.rename_selected("Private renamed")
    dialog = widget.show_history(draft_id, modal=False)
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(1)
    dialog.restore()
    widget.delete_selected()
    widget.undo_delete()
    assert caplog.records
    assert "private" not in caplog.text.lower()


def test_restore_is_not_overwritten_by_a_waiting_autosave(qtbot, vault: Vault, three_versions):
    from desktop.vault import VaultWriter

    with VaultWriter(vault, autosave_delay=60) as writer:
        window = HostWindow(vault, writer)
        qtbot.addWidget(window)
        library.install(window)
        control = library.controller(window)
        assert control is not None
        widget = control.show_library()
        assert widget is not None and widget.open(three_versions)
        window.editor.setPlainText("typed just now")
        writer.autosave(three_versions, "typed just now")
        dialog = control.show_history(modal=False)
        assert isinstance(dialog, HistoryDialog)
        qtbot.addWidget(dialog)
        dialog.list.setCurrentRow(2)  # version 1; the autosave is still waiting
        dialog.restore()
        writer.flush()
    texts = [v.text for v in vault.history(three_versions)]
    assert texts[-2:] == ["typed just now", "I am sorry if you were hurt."]
    assert vault.draft(three_versions).text == "I am sorry if you were hurt."


def test_restoring_a_draft_deleted_elsewhere_says_so(qtbot, vault: Vault, vault_path: Path,
                                                     three_versions):
    dialog = HistoryDialog(vault, three_versions, current_text="kept in the editor")
    qtbot.addWidget(dialog)
    with Vault.open(vault_path) as elsewhere:
        elsewhere.delete_draft(three_versions)
    dialog.restore()
    assert "deleted in another window" in dialog.status.text()
    assert vault.drafts() == []
