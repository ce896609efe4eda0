"""Drafts with history, needs, practice attempts and commitments in a real SQLite vault."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from desktop.vault import NotFoundError, Vault
from desktop.vault.schema import SCHEMA_VERSION


def test_a_new_vault_uses_the_keyring_and_wal_with_foreign_keys(vault_path):
    with Vault.open(vault_path) as vault:
        assert vault.key_kind == "keyring"
        assert vault._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert vault._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert vault._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    conn = sqlite3.connect(vault_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert oct(vault_path.stat().st_mode & 0o777) == "0o600"


def test_drafts_keep_every_version_oldest_first(vault_path):
    with Vault.open(vault_path) as vault:
        draft_id = vault.add_draft("To Sam", "First try.")
        assert vault.save_version(draft_id, "Second try.") == 2
        assert vault.save_version(draft_id, "Third try.", title="To Sam, again", ready=True) == 3
    with Vault.open(vault_path) as vault:
        history = vault.history(draft_id)
        assert [(v.number, v.text, v.title, v.ready) for v in history] == [
            (1, "First try.", "To Sam", None),
            (2, "Second try.", "To Sam", None),
            (3, "Third try.", "To Sam, again", True),
        ]
        assert history[0].saved <= history[1].saved <= history[2].saved
        draft = vault.draft(draft_id)
        assert (draft.title, draft.text, draft.versions, draft.ready) == (
            "To Sam, again", "Third try.", 3, True)


def test_saving_the_same_text_adds_no_version_but_can_record_readiness(vault_path):
    with Vault.open(vault_path) as vault:
        draft_id = vault.add_draft("t", "Same words.")
        assert vault.save_version(draft_id, "Same words.") == 1
        assert vault.save_version(draft_id, "Same words.", ready=False) == 1
        assert vault.drafts()[0].ready is False
        assert len(vault.history(draft_id)) == 1


def test_mark_ready_sets_the_flag_of_a_version_after_analysis(vault_path):
    with Vault.open(vault_path) as vault:
        draft_id = vault.add_draft("t", "one")
        vault.save_version(draft_id, "two")
        vault.mark_ready(draft_id, True, number=1)
        assert vault.drafts()[0].ready is None
        vault.mark_ready(draft_id, False)
        assert vault.drafts()[0].ready is False
        assert [v.ready for v in vault.history(draft_id)] == [True, False]
        with pytest.raises(NotFoundError):
            vault.mark_ready(draft_id, True, number=7)


def test_listing_is_newest_first_with_sizes_and_counts(vault_path):
    with Vault.open(vault_path) as vault:
        first = vault.add_draft("first", "a" * 10)
        second = vault.add_draft("second", "b" * 20, ready=True)
        vault.save_version(first, "c" * 30)
        listed = vault.drafts()
    assert [d.id for d in listed] == [first, second]
    assert [(d.title, d.size, d.versions, d.ready) for d in listed] == [
        ("first", 30, 2, None), ("second", 20, 1, True)]
    assert not any(d.damaged for d in listed)


def test_unicode_and_large_texts_round_trip(vault_path):
    text = "Je suis désolé 🙏 — I broke your trust.\n" * 20_000
    with Vault.open(vault_path) as vault:
        draft_id = vault.add_draft("Zoë 💬", text)
    with Vault.open(vault_path) as vault:
        assert vault.draft(draft_id).text == text
        assert vault.draft(draft_id).title == "Zoë 💬"


def test_delete_removes_the_draft_and_all_versions_but_keeps_commitments(vault_path):
    with Vault.open(vault_path) as vault:
        keep = vault.add_draft("keep", "stay")
        gone = vault.add_draft("gone", "v1")
        vault.save_version(gone, "v2")
        promise = vault.add_commitment("Call before 6", draft_id=gone)
        assert vault.delete_draft(gone) == 2
        assert [d.id for d in vault.drafts()] == [keep]
        assert vault._conn.execute("SELECT COUNT(*) FROM versions WHERE draft_id = ?",
                                   (gone,)).fetchone()[0] == 0
        assert vault.commitment(promise).draft_id is None
        for call in (vault.draft, vault.history, vault.delete_draft):
            with pytest.raises(NotFoundError, match=f"no draft {gone}"):
                call(gone)
        with pytest.raises(NotFoundError):
            vault.save_version(gone, "again")
        assert vault.add_draft("new", "x") > gone  # ids are never reused


def test_needs_and_boundaries(vault_path):
    with Vault.open(vault_path) as vault:
        need = vault.add_need("Tell me where you are when plans change.")
        boundary = vault.add_need("No contact with her, at all.", kind="boundary")
        assert [n.kind for n in vault.needs()] == ["need", "boundary"]
        assert [n.id for n in vault.needs(kind="boundary")] == [boundary]
        vault.update_need(need, text="Text me when plans change.")
        assert vault.need(need).text == "Text me when plans change."
        vault.update_need(need, kind="boundary")
        assert len(vault.needs(kind="boundary")) == 2
        vault.delete_need(need)
        assert [n.id for n in vault.needs()] == [boundary]
        with pytest.raises(NotFoundError):
            vault.need(need)
        with pytest.raises(ValueError):
            vault.add_need("x", kind="wish")


def test_practice_attempts(vault_path):
    with Vault.open(vault_path) as vault:
        first = vault.add_practice("repair/01", "I lied about Tuesday.",
                                   {"ready": False, "labels": ["conditional_apology"]})
        vault.add_practice("repair/02", "I am sorry I hurt you.")
        attempts = vault.practice_attempts()
        assert [a.prompt_id for a in attempts] == ["repair/01", "repair/02"]
        assert attempts[0].report == {"ready": False, "labels": ["conditional_apology"]}
        assert attempts[1].report is None
        assert [a.id for a in vault.practice_attempts("repair/01")] == [first]
        assert vault.practice_attempt(first).answer == "I lied about Tuesday."
        vault.delete_practice(first)
        assert len(vault.practice_attempts()) == 1


def test_commitments(vault_path):
    with Vault.open(vault_path) as vault:
        draft_id = vault.add_draft("t", "I will be home by six.")
        home = vault.add_commitment("Home by six", due=dt.date(2025, 3, 1), draft_id=draft_id)
        phone = vault.add_commitment("Phone stays on the table")
        assert vault.commitment(home).status == "open"
        vault.update_commitment(home, status="kept")
        vault.update_commitment(phone, status="missed", due=dt.date(2025, 2, 1))
        assert [c.id for c in vault.commitments(status="kept")] == [home]
        assert vault.commitment(phone).due == dt.date(2025, 2, 1)
        vault.update_commitment(phone, due=None, text="Phone face up")
        changed = vault.commitment(phone)
        assert (changed.due, changed.text, changed.status) == (None, "Phone face up", "missed")
        assert vault.commitment(home).draft_id == draft_id
        with pytest.raises(NotFoundError):
            vault.add_commitment("x", draft_id=999)
        with pytest.raises(ValueError):
            vault.update_commitment(home, status="maybe")
        vault.delete_commitment(home)
        with pytest.raises(NotFoundError):
            vault.delete_commitment(home)


def test_closed_vault_refuses_work(vault_path):
    vault = Vault.open(vault_path)
    vault.close()
    vault.close()
    with pytest.raises(Exception, match="closed"):
        vault.drafts()


def test_open_without_create_on_a_missing_vault(vault_path):
    with pytest.raises(NotFoundError):
        Vault.open(vault_path, create=False)
    assert not vault_path.exists()
