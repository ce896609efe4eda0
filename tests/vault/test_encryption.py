"""Nothing readable at rest, and AES-GCM catches every change or swap of a ciphertext."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.vault import TamperedDataError, Vault, VaultDamagedError
from desktop.vault.crypto import Cipher, DecryptionFailed, ScryptParams, new_key

SECRETS = {
    "title": "Zanzibar-Title-7Q",
    "draft": "Quetzalcoatl-Draft-Body-91",
    "version": "Xylophone-Second-Version-44",
    "need": "Marmalade-Need-55",
    "boundary": "Obsidian-Boundary-12",
    "answer": "Pelican-Practice-Answer-88",
    "report": "Gazebo-Report-Note-31",
    "commitment": "Kumquat-Commitment-63",
    "prompt": "Harpsichord-Prompt-Id-27",
}


def _variants(secret: str) -> list[bytes]:
    """The secret as UTF-8 or UTF-16 (both byte orders); the scan ignores letter case."""
    return [secret.encode("utf-8"), secret.encode("utf-16-le"), secret.encode("utf-16-be"),
            secret.lower().encode()]


def _scan(folder) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert files
    for path in files:
        data = path.read_bytes().lower()
        for name, secret in SECRETS.items():
            if any(v.lower() in data for v in _variants(secret)):
                found.setdefault(name, []).append(path.name)
    return found


def _fill(vault: Vault) -> int:
    draft_id = vault.add_draft(SECRETS["title"], f"Dear you, {SECRETS['draft']}.")
    vault.save_version(draft_id, f"Second: {SECRETS['version']}", ready=True)
    vault.add_need(SECRETS["need"])
    vault.add_need(SECRETS["boundary"], kind="boundary")
    vault.add_practice(SECRETS["prompt"], SECRETS["answer"], {"note": SECRETS["report"]})
    vault.add_commitment(SECRETS["commitment"], draft_id=draft_id)
    return draft_id


def test_no_user_text_in_any_byte_of_the_data_folder(data_dir, vault_path):
    vault = Vault.open(vault_path)
    _fill(vault)
    vault.backup()
    wal = vault_path.with_name(vault_path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the WAL is scanned while it holds data
    assert vault_path.with_name(vault_path.name + "-shm").exists()
    assert _scan(data_dir) == {}
    vault.export(data_dir / "backup.amends", "export passphrase")
    assert _scan(data_dir) == {}
    vault.close()
    assert _scan(data_dir) == {}
    with Vault.open(vault_path) as vault:  # and it is all still there
        assert vault.drafts()[0].title == SECRETS["title"]


def test_passphrase_vault_is_as_opaque(data_dir, vault_path, headless):
    with Vault.open(vault_path, passphrase="correct horse") as vault:
        assert vault.key_kind == "passphrase"
        _fill(vault)
        assert _scan(data_dir) == {}
    assert _scan(data_dir) == {}


def _blob(path, sql: str, *args: object) -> bytes:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, args).fetchone()[0]
    finally:
        conn.close()


def _write(path, sql: str, *args: object) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(sql, args)
    conn.close()


def test_a_changed_byte_is_detected_and_names_the_draft(vault_path):
    with Vault.open(vault_path) as vault:
        draft_id = vault.add_draft("t", "The real text.")
        other = vault.add_draft("other", "Fine.")
        vault.backup()
    body = bytearray(_blob(vault_path, "SELECT body FROM versions WHERE draft_id = ?", draft_id))
    body[20] ^= 0x01
    _write(vault_path, "UPDATE versions SET body = ? WHERE draft_id = ?", bytes(body), draft_id)
    with Vault.open(vault_path) as vault:
        with pytest.raises(TamperedDataError) as caught:
            vault.draft(draft_id)
        assert caught.value.drafts == (draft_id,)
        assert caught.value.backup is not None and caught.value.backup.exists()
        message = str(caught.value)
        assert f"draft {draft_id}" in message and "backup" in message and "\n" not in message
        assert vault.draft(other).text == "Fine."
        assert vault.check() == [draft_id]
        with pytest.raises(TamperedDataError):
            vault.history(draft_id)
        with pytest.raises(TamperedDataError, match="nothing was exported"):
            vault.export(vault_path.parent / "x.amends", "pw")
    assert not (vault_path.parent / "x.amends").exists()
    # the damaged ciphertext was left as it was, for a later rescue
    assert _blob(vault_path, "SELECT body FROM versions WHERE draft_id = ?", draft_id) == body


def test_ciphertexts_swapped_between_rows_do_not_open(vault_path):
    with Vault.open(vault_path) as vault:
        a = vault.add_draft("Title A", "Text A")
        b = vault.add_draft("Title B", "Text B")
    title_a = _blob(vault_path, "SELECT title FROM drafts WHERE id = ?", a)
    _write(vault_path, "UPDATE drafts SET title = ? WHERE id = ?", title_a, b)
    body_a = _blob(vault_path, "SELECT body FROM versions WHERE draft_id = ?", a)
    _write(vault_path, "UPDATE versions SET body = ? WHERE draft_id = ?", body_a, b)
    with Vault.open(vault_path) as vault:
        listed = {d.id: d for d in vault.drafts()}
        assert listed[a].title == "Title A" and not listed[a].damaged
        assert listed[b].damaged and listed[b].title is None
        with pytest.raises(TamperedDataError):
            vault.draft(b)


def test_a_field_copied_into_another_field_of_the_same_row_does_not_open(vault_path):
    with Vault.open(vault_path) as vault:
        draft_id = vault.add_draft("Title", "Body")
    title = _blob(vault_path, "SELECT title FROM versions WHERE draft_id = ?", draft_id)
    _write(vault_path, "UPDATE versions SET body = ? WHERE draft_id = ?", title, draft_id)
    with Vault.open(vault_path) as vault, pytest.raises(TamperedDataError):
        vault.draft(draft_id)


def test_a_version_moved_to_another_draft_does_not_open(vault_path):
    with Vault.open(vault_path) as vault:
        a = vault.add_draft("A", "Text A")
        b = vault.add_draft("B", "Text B")
        vault.save_version(b, "Text B2")
    _write(vault_path, "DELETE FROM versions WHERE draft_id = ? AND number = 2", b)
    _write(vault_path, "UPDATE versions SET draft_id = ?, number = 2 WHERE draft_id = ?", b, a)
    with Vault.open(vault_path) as vault:
        with pytest.raises(TamperedDataError, match=f"draft {b}"):
            vault.draft(b)
        assert a in vault.check()  # a has lost its only version


def test_cipher_binds_associated_data_and_rejects_garbage():
    cipher = Cipher(new_key())
    blob = cipher.seal(b"secret", b"drafts/1/title")
    assert cipher.open(blob, b"drafts/1/title") == b"secret"
    assert blob != cipher.seal(b"secret", b"drafts/1/title")  # fresh nonce every time
    for bad_ad in (b"drafts/2/title", b"drafts/1/body"):
        with pytest.raises(DecryptionFailed):
            cipher.open(blob, bad_ad)
    for garbage in (b"", b"\x01" * 10, b"\x02" + blob[1:]):
        with pytest.raises(DecryptionFailed):
            cipher.open(garbage, b"drafts/1/title")
    with pytest.raises(DecryptionFailed):
        Cipher(new_key()).open(blob, b"drafts/1/title")


@pytest.mark.parametrize("params", [
    {"kdf": "scrypt", "n": 2**10, "r": 8, "p": 1},
    {"kdf": "scrypt", "n": 3 * 2**14, "r": 8, "p": 1},
    {"kdf": "scrypt", "n": 2**22, "r": 32, "p": 1},
    {"kdf": "argon2", "n": 2**16, "r": 8, "p": 1},
    {"kdf": "scrypt", "n": True, "r": 8, "p": 1},
])
def test_weak_or_huge_kdf_parameters_are_refused(params):
    with pytest.raises(ValueError):
        ScryptParams.from_dict(params)


def test_a_damaged_key_row_is_reported(vault_path):
    Vault.open(vault_path).close()
    _write(vault_path, "UPDATE keys SET kind = 'passphrase', kdf = 'not json'")
    with pytest.raises(VaultDamagedError, match="key record"):
        Vault.open(vault_path)


def test_the_backup_offered_is_the_newest_that_still_reads_the_draft(vault_path):
    with Vault.open(vault_path, backup_spacing=0) as vault:
        draft_id = vault.add_draft("t", "Good text.")
    good = vault.backups()[0]
    body = bytearray(_blob(vault_path, "SELECT body FROM versions WHERE draft_id = ?", draft_id))
    body[-3] ^= 0x10
    _write(vault_path, "UPDATE versions SET body = ? WHERE draft_id = ?", bytes(body), draft_id)
    with Vault.open(vault_path, backup_spacing=0) as vault:
        vault.add_draft("later", "A later draft.")  # its backup also copies the damage
    assert vault.backups()[0] != good
    with Vault.open(vault_path) as vault, pytest.raises(TamperedDataError) as caught:
        vault.draft(draft_id)
    assert caught.value.backup == good
    assert "newest backup that reads it" in str(caught.value) and good.name in str(caught.value)
    Vault.restore(vault_path, good)
    with Vault.open(vault_path) as vault:
        assert vault.draft(draft_id).text == "Good text."
