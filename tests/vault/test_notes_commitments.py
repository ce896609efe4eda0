"""Commitment marks and schedules: sealed beside the status, kept across every change."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from desktop.vault import NotFoundError, TamperedDataError, Vault


def test_marks_add_up_and_the_status_follows_the_latest(vault_path):
    with Vault.open(vault_path) as vault:
        weekly = vault.add_commitment("Counsellor on Tuesdays", repeat="weekly:tue")
        vault.mark_commitment(weekly, "kept", dt.date(2026, 11, 3))
        vault.mark_commitment(weekly, "missed", dt.date(2026, 11, 10))
        vault.mark_commitment(weekly, "kept")  # undated
        state = vault.commitment_state(weekly)
        assert state.repeat == "weekly:tue"
        assert [(m.status, m.on) for m in state.marks] == [
            ("kept", dt.date(2026, 11, 3)), ("missed", dt.date(2026, 11, 10)), ("kept", None)]
        assert all(m.marked > 0 for m in state.marks)
        assert vault.commitment(weekly).status == "kept"
    with Vault.open(vault_path) as vault:  # and it is all on disk
        assert len(vault.commitment_state(weekly).marks) == 3


def test_other_changes_keep_the_marks(vault_path):
    with Vault.open(vault_path) as vault:
        promise = vault.add_commitment("Phone on the table")
        vault.mark_commitment(promise, "missed", dt.date(2026, 11, 4))
        vault.update_commitment(promise, text="Phone face up on the table", status="open")
        vault.update_commitment(promise, due=dt.date(2026, 11, 20))
        assert vault.commitment(promise).status == "open"
        assert vault.commitment(promise).text == "Phone face up on the table"
        assert [m.status for m in vault.commitment_state(promise).marks] == ["missed"]
        assert vault.commitment_states() == {promise: vault.commitment_state(promise)}


def test_older_records_without_marks_still_read(vault_path):
    with Vault.open(vault_path) as vault:
        plain = vault.add_commitment("Home by six")
        vault.update_commitment(plain, status="kept")
        assert vault.commitment(plain).status == "kept"
        assert vault.commitment_state(plain).marks == ()
        assert vault.commitment_state(plain).repeat is None


def test_bad_marks_are_refused_and_change_nothing(vault_path):
    with Vault.open(vault_path) as vault:
        promise = vault.add_commitment("Call at lunch")
        with pytest.raises(ValueError, match="kept"):
            vault.mark_commitment(promise, "open")
        with pytest.raises(TypeError):
            vault.mark_commitment(promise, "kept", "2026-11-02")  # type: ignore[arg-type]
        with pytest.raises(NotFoundError):
            vault.mark_commitment(999, "kept")
        with pytest.raises(NotFoundError):
            vault.commitment_state(999)
        with pytest.raises(TypeError):
            vault.add_commitment("x", repeat=3)  # type: ignore[arg-type]
        assert vault.commitment_state(promise).marks == ()


def test_a_swapped_status_field_is_caught(vault_path):
    with Vault.open(vault_path) as vault:
        first = vault.add_commitment("First", repeat="daily")
        second = vault.add_commitment("Second")
        vault.mark_commitment(first, "kept", dt.date(2026, 11, 2))
    conn = sqlite3.connect(vault_path)
    blob = conn.execute("SELECT status FROM commitments WHERE id = ?", (first,)).fetchone()[0]
    conn.execute("UPDATE commitments SET status = ? WHERE id = ?", (blob, second))
    conn.commit()
    conn.close()
    with Vault.open(vault_path) as vault, pytest.raises(TamperedDataError):
        vault.commitment_state(second)
