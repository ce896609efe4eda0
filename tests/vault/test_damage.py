"""Bad files and bad days: corrupt, truncated or newer vaults, restore, and a full disk."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess

import pytest

from desktop.vault import (
    DiskFullError,
    Vault,
    VaultDamagedError,
    VaultError,
    VaultTooNewError,
)
from desktop.vault import backups as backup_files
from tests.vault.test_keys import fingerprint


def _vault_with_drafts(path, count: int = 30) -> list[int]:
    with Vault.open(path) as vault:
        ids = [vault.add_draft(f"Draft {i}", f"Paragraph {i}. " * 400) for i in range(count)]
        vault.backup()
    return ids


def test_garbage_over_the_header_is_reported_with_the_backup(data_dir, vault_path):
    _vault_with_drafts(vault_path, 3)
    with vault_path.open("r+b") as handle:
        handle.write(os.urandom(100))
    before = fingerprint(data_dir)
    with pytest.raises(VaultDamagedError) as caught:
        Vault.open(vault_path)
    message = str(caught.value)
    assert "damaged" in message and "left as it is" in message and "\n" not in message
    assert caught.value.backup == backup_files.latest(vault_path)
    assert str(caught.value.backup) in message and "amends drafts restore" in message
    assert fingerprint(data_dir) == before


def test_damaged_pages_name_the_drafts_that_cannot_be_read(data_dir, vault_path):
    _vault_with_drafts(vault_path)
    size = vault_path.stat().st_size
    with vault_path.open("r+b") as handle:
        handle.seek(size // 2)
        handle.write(b"\xff" * 8192)
    before = fingerprint(data_dir)
    with Vault.open(vault_path, backup_spacing=1e9) as vault, \
            pytest.raises(VaultDamagedError) as caught:
        for summary in vault.drafts():
            vault.draft(summary.id)
        vault.check()
    assert caught.value.drafts, "the damaged drafts are named"
    message = str(caught.value)  # a hit on the b-tree or inside a ciphertext: both are named
    assert "cannot be read" in message or "cannot be decrypted" in message
    assert "backup" in message and caught.value.backup is not None
    assert fingerprint(data_dir) == before


@pytest.mark.parametrize("keep", [0, 50, 0.5])
def test_a_truncated_vault_is_reported_and_left_alone(data_dir, vault_path, keep):
    _vault_with_drafts(vault_path)
    size = vault_path.stat().st_size
    with vault_path.open("r+b") as handle:
        handle.truncate(int(size * keep) if keep < 1 else keep)
    before = fingerprint(data_dir)
    with pytest.raises(VaultDamagedError, match=r"truncated|damaged"):
        Vault.open(vault_path)
    assert fingerprint(data_dir) == before


def test_restore_puts_the_latest_backup_back_and_keeps_the_damaged_file(data_dir, vault_path):
    ids = _vault_with_drafts(vault_path, 5)
    damaged = b"this is not a database" * 100
    vault_path.write_bytes(damaged)
    aside = Vault.restore(vault_path)
    assert aside.read_bytes() == damaged
    with Vault.open(vault_path) as vault:
        assert sorted(d.id for d in vault.drafts()) == ids


def test_restore_refuses_a_damaged_backup_and_changes_nothing(data_dir, vault_path):
    _vault_with_drafts(vault_path, 2)
    backup = backup_files.latest(vault_path)
    backup.write_bytes(b"\0" * 4096)
    vault_path.write_bytes(b"broken")
    before = fingerprint(data_dir)
    with pytest.raises(VaultDamagedError):
        Vault.restore(vault_path)
    assert fingerprint(data_dir) == before


def test_restore_without_any_backup(vault_path):
    vault_path.write_bytes(b"broken")
    with pytest.raises(VaultError, match="no backup"):
        Vault.restore(vault_path)


def test_a_vault_from_a_newer_schema_is_refused_untouched(data_dir, vault_path):
    _vault_with_drafts(vault_path, 1)
    conn = sqlite3.connect(vault_path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = fingerprint(data_dir)
    with pytest.raises(VaultTooNewError, match=r"schema 99.*update Amends"):
        Vault.open(vault_path)
    assert fingerprint(data_dir) == before


def test_backups_follow_changes_and_rotate(vault_path):
    with Vault.open(vault_path) as vault:
        vault.add_draft("first", "x")
    copies = backup_files.list_backups(vault_path)
    assert len(copies) == 1  # the copy of the empty vault was replaced by a recent one
    with Vault.open(copies[0]) as copy:
        assert [d.title for d in copy.drafts()] == ["first"]
    names = [p.name for p in backup_files.list_backups(vault_path)]
    with Vault.open(vault_path) as vault:
        vault.drafts()
    assert [p.name for p in backup_files.list_backups(vault_path)] == names  # nothing changed
    for i in range(backup_files.KEEP + 3):
        with Vault.open(vault_path, backup_spacing=0) as vault:
            vault.add_draft(f"draft {i}", "x")
    copies = backup_files.list_backups(vault_path)
    assert len(copies) == backup_files.KEEP
    for copy in copies:
        backup_files.check_file(copy)
        assert copy.read_bytes()[:16] == b"SQLite format 3\0"
    with Vault.open(copies[0]) as copy:
        assert copy.drafts()[0].title == f"draft {backup_files.KEEP + 2}"


@pytest.fixture
def small_disk(tmp_path):
    """A real 3 MB file system (tmpfs), so the disk can really fill up."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m,mode=0700", "tmpfs",
                             str(mount_point)], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({result.stderr.strip()})")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def _fill(folder) -> None:
    with (folder / "filler").open("wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC


def test_a_full_disk_keeps_the_vault_as_it_was(small_disk):
    path = small_disk / "vault.sqlite3"
    with Vault.open(path, backup_spacing=1e9) as vault:
        first = vault.add_draft("kept", "Saved before the disk filled.")
        _fill(small_disk)
        with pytest.raises(DiskFullError, match=r"full.*as it was") as caught:
            vault.add_draft("lost", "x" * 400_000)
        assert "\n" not in str(caught.value)
        with pytest.raises(DiskFullError):
            vault.save_version(first, "y" * 400_000)
        assert [d.title for d in vault.drafts()] == ["kept"]
    (small_disk / "filler").unlink()
    with Vault.open(path, backup_spacing=1e9) as vault:
        assert vault.check() == []
        assert [d.title for d in vault.drafts()] == ["kept"]
        assert vault.draft(first).text == "Saved before the disk filled."
        vault.save_version(first, "After space was freed.")
        assert vault.draft(first).versions == 2


def test_a_full_disk_when_exporting(small_disk, vault_path):
    with Vault.open(vault_path) as vault:
        vault.add_draft("t", os.urandom(600_000).hex())
        _fill(small_disk)
        with pytest.raises(DiskFullError, match="no export was written"):
            vault.export(small_disk / "backup.amends", "pw")
    assert [p.name for p in small_disk.iterdir()] == ["filler"]
