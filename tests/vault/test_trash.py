"""Deleting a draft with Undo: the restored draft is exactly the one deleted."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.vault import NotFoundError, Vault
from desktop.vault.trash import AlreadyRestoredError, put_back, take


def _rows(path: Path, draft_id: int) -> tuple[list, list]:
    conn = sqlite3.connect(path)
    try:
        draft = conn.execute("SELECT * FROM drafts WHERE id = ?", (draft_id,)).fetchall()
        versions = conn.execute("SELECT * FROM versions WHERE draft_id = ? ORDER BY number",
                                (draft_id,)).fetchall()
        return draft, versions
    finally:
        conn.close()


def test_take_then_put_back_restores_every_version_byte_for_byte(vault_path: Path):
    with Vault.open(vault_path) as vault:
        keep = vault.add_draft("Other", "Another draft.")
        draft_id = vault.add_draft("Letter", "I lied to you.")
        vault.save_version(draft_id, "I lied to you for months.", ready=False)
        vault.save_version(draft_id, "I lied to you for months, and I hid it.", ready=True)
        commitment = vault.add_commitment("Share my phone", draft_id=draft_id)
        before = _rows(vault_path, draft_id)
        history = vault.history(draft_id)

        deleted = take(vault, draft_id)
        assert deleted.versions == 3
        assert [d.id for d in vault.drafts()] == [keep]
        with pytest.raises(NotFoundError):
            vault.draft(draft_id)
        assert vault.commitments()[0].draft_id is None

        assert put_back(vault, deleted) == draft_id
        assert _rows(vault_path, draft_id) == before
        assert vault.history(draft_id) == history
        assert vault.draft(draft_id).ready is True
        assert next(c for c in vault.commitments() if c.id == commitment).draft_id == draft_id
        with pytest.raises(AlreadyRestoredError):
            put_back(vault, deleted)


def test_take_a_missing_draft_says_so(vault_path: Path):
    with Vault.open(vault_path) as vault, pytest.raises(NotFoundError):
        take(vault, 99)


def test_deleted_rows_hold_no_clear_text(vault_path: Path):
    with Vault.open(vault_path) as vault:
        draft_id = vault.add_draft("Secret title", "A secret body.")
        deleted = take(vault, draft_id)
    flat = repr(deleted).encode()
    assert b"secret" not in flat.lower()
