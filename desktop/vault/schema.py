"""The vault's tables and numbered migrations (``PRAGMA user_version`` is the number).

Only ids, timestamps, sizes and counts are clear columns (``state.changes`` counts write
transactions, so a backup can tell whether the vault changed since); every BLOB column holds an
AES-GCM ciphertext bound to its table, row id and field.
"""

from __future__ import annotations

import logging
import sqlite3

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1

MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        """CREATE TABLE keys (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            vault_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('keyring', 'passphrase')),
            wrapped BLOB NOT NULL,
            salt BLOB,
            kdf TEXT,
            changed REAL NOT NULL)""",
        """CREATE TABLE drafts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid TEXT NOT NULL UNIQUE,
            created REAL NOT NULL,
            updated REAL NOT NULL,
            versions INTEGER NOT NULL DEFAULT 0,
            size INTEGER NOT NULL DEFAULT 0,
            title BLOB NOT NULL DEFAULT x'',
            ready BLOB NOT NULL DEFAULT x'')""",
        """CREATE TABLE versions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            saved REAL NOT NULL,
            size INTEGER NOT NULL,
            title BLOB NOT NULL DEFAULT x'',
            body BLOB NOT NULL DEFAULT x'',
            ready BLOB NOT NULL DEFAULT x'',
            UNIQUE (draft_id, number))""",
        """CREATE TABLE needs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid TEXT NOT NULL UNIQUE,
            created REAL NOT NULL,
            updated REAL NOT NULL,
            size INTEGER NOT NULL DEFAULT 0,
            kind BLOB NOT NULL DEFAULT x'',
            body BLOB NOT NULL DEFAULT x'')""",
        """CREATE TABLE practice (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid TEXT NOT NULL UNIQUE,
            created REAL NOT NULL,
            size INTEGER NOT NULL DEFAULT 0,
            prompt BLOB NOT NULL DEFAULT x'',
            answer BLOB NOT NULL DEFAULT x'',
            report BLOB NOT NULL DEFAULT x'')""",
        """CREATE TABLE commitments (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid TEXT NOT NULL UNIQUE,
            created REAL NOT NULL,
            updated REAL NOT NULL,
            due TEXT,
            draft_id INTEGER REFERENCES drafts(id) ON DELETE SET NULL,
            size INTEGER NOT NULL DEFAULT 0,
            body BLOB NOT NULL DEFAULT x'',
            status BLOB NOT NULL DEFAULT x'')""",
        """CREATE TABLE state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            changes INTEGER NOT NULL)""",
        "INSERT INTO state (id, changes) VALUES (1, 0)",
        "CREATE INDEX versions_by_draft ON versions (draft_id, number)",
        "CREATE INDEX commitments_by_draft ON commitments (draft_id)",
    ),
}


def version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to :data:`SCHEMA_VERSION`, one transaction per step."""
    current = version(conn)
    for target in range(current + 1, SCHEMA_VERSION + 1):
        log.info("Migrating the vault schema to version %d", target)
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS[target]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {target}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return SCHEMA_VERSION
