"""Keyring and passphrase keys: unlocking, wrong passphrases, re-wrapping, a vanished key."""

from __future__ import annotations

import hashlib
import sqlite3

import keyring
import pytest

from desktop.vault import (
    KeyMissingError,
    KeyringUnavailableError,
    PassphraseError,
    PassphraseRequiredError,
    Vault,
    VaultError,
    WrongPassphraseError,
    keystore,
)
from desktop.vault.keys import PASSPHRASE_ENV


def fingerprint(folder) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def data_rows(path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return (conn.execute("SELECT * FROM drafts ORDER BY id").fetchall()
                + conn.execute("SELECT * FROM versions ORDER BY id").fetchall()
                + conn.execute("SELECT * FROM needs ORDER BY id").fetchall())
    finally:
        conn.close()


def key_row(path) -> tuple:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT vault_id, kind, wrapped, salt, kdf FROM keys").fetchone()
    finally:
        conn.close()


def test_keyring_vault_keeps_a_random_kek_in_the_secret_service(vault_path):
    with Vault.open(vault_path) as vault:
        vault.add_draft("t", "x")
        account = f"vault-{vault.vault_id}"
    stored = keyring.get_password("amends", account)
    assert stored is not None and len(keystore.load(account) or b"") == 32
    _, kind, _, salt, kdf = key_row(vault_path)
    assert kind == "keyring" and salt is None and kdf is None
    assert stored.encode() not in vault_path.read_bytes()
    assert keystore.describe().endswith("SecretService.Keyring")


def test_two_vaults_have_their_own_keyring_entries(data_dir):
    with Vault.open(data_dir / "a.sqlite3") as a, Vault.open(data_dir / "b.sqlite3") as b:
        assert a.vault_id != b.vault_id
        a.add_draft("a", "a")
        b.add_draft("b", "b")
    with Vault.open(data_dir / "a.sqlite3") as a:
        assert a.drafts()[0].title == "a"


def test_without_a_keyring_a_new_vault_needs_a_passphrase(vault_path, headless):
    assert not keystore.available()
    with pytest.raises(PassphraseRequiredError, match="no OS keyring"):
        Vault.open(vault_path)
    assert not vault_path.exists()
    with pytest.raises(PassphraseError):
        Vault.open(vault_path, passphrase="")
    assert not vault_path.exists()


def test_passphrase_vault_from_argument_prompt_or_environment(vault_path, headless, monkeypatch):
    asked: list[bool] = []

    def prompt(new: bool) -> str:
        asked.append(new)
        return "pass phrase"

    with Vault.open(vault_path, passphrase=prompt) as vault:
        assert vault.key_kind == "passphrase"
        vault.add_draft("t", "text")
    assert asked == [True]  # asked once when creating, not again to unlock
    with Vault.open(vault_path, passphrase=prompt) as vault:
        assert vault.drafts()[0].title == "t"
    assert asked == [True, False]
    monkeypatch.setenv(PASSPHRASE_ENV, "pass phrase")
    with Vault.open(vault_path) as vault:
        assert vault.drafts()[0].title == "t"
    assert asked == [True, False]
    monkeypatch.delenv(PASSPHRASE_ENV)
    with pytest.raises(PassphraseRequiredError, match="AMENDS_PASSPHRASE"):
        Vault.open(vault_path)
    _, kind, _, salt, kdf = key_row(vault_path)
    assert kind == "passphrase" and len(salt) == 16 and '"n": 65536' in kdf


def test_a_wrong_passphrase_changes_nothing(data_dir, vault_path, headless):
    with Vault.open(vault_path, passphrase="right") as vault:
        vault.add_draft("t", "text")
    before = fingerprint(data_dir)
    with pytest.raises(WrongPassphraseError) as caught:
        Vault.open(vault_path, passphrase="wrong")
    assert "nothing was changed" in str(caught.value)
    assert fingerprint(data_dir) == before


def test_passphrase_vault_opens_where_a_keyring_exists_too(vault_path):
    with Vault.create(vault_path, passphrase="pw") as vault:
        assert vault.key_kind == "passphrase"
    with pytest.raises(PassphraseRequiredError):
        Vault.open(vault_path)
    with Vault.open(vault_path, passphrase="pw") as vault:
        assert vault.key_kind == "passphrase"
    with pytest.raises(VaultError, match="already a vault"):
        Vault.create(vault_path)


def test_changing_the_passphrase_rewraps_the_key_only(vault_path, headless):
    with Vault.open(vault_path, passphrase="old") as vault:
        vault.add_draft("t", "text")
        vault.add_need("n")
        vault.backup()
        rows = data_rows(vault_path)
        old_key = key_row(vault_path)
        vault.change_passphrase("new")
        assert data_rows(vault_path) == rows
        new_key = key_row(vault_path)
        assert new_key[0] == old_key[0] and new_key[2:4] != old_key[2:4]
        assert old_key[2] not in vault_path.read_bytes()  # the old wrapping is wiped
        assert old_key[2] not in vault.backups()[0].read_bytes()
    with pytest.raises(WrongPassphraseError):
        Vault.open(vault_path, passphrase="old")
    with Vault.open(vault_path, passphrase="new") as vault:
        assert vault.draft(1).text == "text"
    moved = vault_path.with_name("copy.sqlite3")
    moved.write_bytes(vault.backups()[0].read_bytes())  # the copy made on close
    with Vault.open(moved, passphrase="new") as copy:  # backups follow the new passphrase
        assert copy.draft(1).text == "text"


def test_moving_between_keyring_and_passphrase(vault_path):
    with Vault.open(vault_path) as vault:
        vault.add_draft("t", "text")
        rows = data_rows(vault_path)
        account = f"vault-{vault.vault_id}"
        vault.use_passphrase("now a passphrase")
        assert vault.key_kind == "passphrase"
        assert keyring.get_password("amends", account) is None  # the keyring key is gone
    assert data_rows(vault_path) == rows
    with pytest.raises(PassphraseRequiredError):
        Vault.open(vault_path)
    with Vault.open(vault_path, passphrase="now a passphrase") as vault:
        vault.use_keyring()
        assert vault.key_kind == "keyring"
        with pytest.raises(VaultError, match="not a passphrase"):
            vault.change_passphrase("x")
    assert data_rows(vault_path) == rows
    with Vault.open(vault_path) as vault:  # no passphrase needed any more
        assert vault.draft(1).text == "text"


def test_a_keyring_entry_that_vanished(data_dir, vault_path):
    with Vault.open(vault_path) as vault:
        vault.add_draft("t", "text")
        account = f"vault-{vault.vault_id}"
    keyring.delete_password("amends", account)
    before = fingerprint(data_dir)
    with pytest.raises(KeyMissingError) as caught:
        Vault.open(vault_path)
    message = str(caught.value)
    assert account in message and "nothing was changed" in message and "\n" not in message
    assert fingerprint(data_dir) == before


def test_a_keyring_entry_that_holds_another_key(vault_path):
    with Vault.open(vault_path) as vault:
        account = f"vault-{vault.vault_id}"
    keyring.set_password("amends", account, "AAAA" * 11)
    with pytest.raises(KeyMissingError, match="does not open this vault"):
        Vault.open(vault_path)


def test_a_keyring_vault_on_a_machine_without_keyring(vault_path, real_keyring, monkeypatch):
    Vault.open(vault_path).close()
    from keyring.backends import SecretService

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    keyring.set_keyring(SecretService.Keyring())
    with pytest.raises(KeyringUnavailableError, match="No OS keyring"):
        Vault.open(vault_path)
