"""The encrypted drafts vault: one SQLite file (WAL, foreign keys, numbered migrations).

Every piece of user text is sealed with AES-GCM under the data key, bound to its table, row
id and field (versions also to their draft and number), so a ciphertext moved to another
row does not open. Each public write is one ``BEGIN IMMEDIATE … COMMIT`` transaction with
``synchronous=FULL``: when a method returns, the change is on disk.

A :class:`Vault` may be shared between threads (calls are serialised by a lock); the app
sends its writes through :class:`desktop.vault.writer.VaultWriter` so the GUI never waits.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import sqlite3
import struct
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from desktop import paths
from desktop.vault import backups, keys, keystore, schema
from desktop.vault.crypto import Cipher, DecryptionFailed, new_key
from desktop.vault.errors import (
    DiskFullError,
    KeyringUnavailableError,
    NotFoundError,
    PassphraseRequiredError,
    TamperedDataError,
    VaultDamagedError,
    VaultError,
    VaultTooNewError,
)
from desktop.vault.keys import KEYRING, PASSPHRASE, KeyRecord, Passphrase
from desktop.vault.notes import NotesMixin, check_text
from desktop.vault.records import Draft, DraftSummary, Version

log = logging.getLogger(__name__)

DB_NAME = "vault.sqlite3"
BUSY_TIMEOUT_S = 10.0
_SQLITE_CODES = {5: "busy", 6: "busy", 8: "readonly", 10: "io", 11: "corrupt", 13: "full",
                 14: "cantopen", 26: "corrupt"}


def default_path() -> Path:
    return paths.data_dir() / DB_NAME


def _associated(table: str, row_id: int, name: str, *bound: object) -> bytes:
    parts = ["amends/v1", table, str(row_id), name, *(str(b) for b in bound)]
    return "/".join(parts).encode()


def _ids(numbers: tuple[int, ...] | list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:20])
    return shown + (f" and {len(numbers) - 20} more" if len(numbers) > 20 else "")


def _truncated(path: Path) -> bool:
    """True when the file is shorter than its own header says (and no WAL could hold the rest)."""
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return False
    with path.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100:
        return True
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    counter, pages = struct.unpack(">II", header[24:32])
    (valid_for,) = struct.unpack(">I", header[92:96])
    return counter == valid_for and pages > 0 and path.stat().st_size < pages * page_size


def _connect(path: Path) -> sqlite3.Connection:
    """Open an existing file only (mode=rw never creates one), shareable between threads."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, isolation_level=None,
                           check_same_thread=False, timeout=BUSY_TIMEOUT_S)


class Vault(NotesMixin):
    """An unlocked vault. Open one with :meth:`Vault.open`; close it (or use ``with``)."""

    def __init__(self, conn: sqlite3.Connection, path: Path, record: KeyRecord,
                 data_key: bytes) -> None:
        self._conn = conn
        self.path = path
        self._record = record
        self._data_key = data_key
        self._cipher = Cipher(data_key)
        self._lock = threading.RLock()
        self._closed = False
        self._dirty = False
        self._backup_spacing = backups.EVERY_SECONDS

    # ---------------------------------------------------------------- opening and closing

    @classmethod
    def open(cls, path: Path | str | None = None, passphrase: Passphrase = None, *,
             create: bool = True, backup_spacing: float = backups.EVERY_SECONDS) -> Vault:
        """Unlock the vault at ``path`` (default: the data folder), creating it when missing.

        A new vault is kept by the OS keyring where there is one, else by a passphrase.
        ``passphrase`` is a string, or a prompt called only when one is needed; without
        either, ``AMENDS_PASSPHRASE`` is used. The vault is backed up on open and on close when
        it changed since the last backup (see :mod:`desktop.vault.backups`; older backups are
        kept ``backup_spacing`` seconds apart).
        """
        path = Path(path) if path is not None else default_path()
        known: bytes | None = None
        if not path.exists():
            if not create:
                raise NotFoundError(f"There is no drafts vault at {path} yet.")
            known = cls._create_file(path, passphrase, kind=None)
        return cls._unlock(path, passphrase, known, backup_spacing)

    @classmethod
    def create(cls, path: Path | str | None = None, passphrase: Passphrase = None) -> Vault:
        """A new vault: locked by ``passphrase`` when given, else kept by the OS keyring."""
        path = Path(path) if path is not None else default_path()
        if path.exists():
            raise VaultError(f"There is already a vault at {path}.")
        kind = KEYRING if passphrase is None else PASSPHRASE
        known = cls._create_file(path, passphrase, kind=kind)
        return cls._unlock(path, passphrase, known, backups.EVERY_SECONDS)

    @classmethod
    def _create_file(cls, path: Path, passphrase: Passphrase, kind: str | None) -> bytes | None:
        """Build the new vault beside ``path`` and link it into place; None if we lost a race."""
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise VaultError(f"Cannot create the folder {path.parent} "
                             f"({exc.strerror or exc}).") from exc
        vault_id = uuid.uuid4().hex
        data_key = new_key()
        record = cls._new_record(vault_id, data_key, passphrase, kind)
        tmp = path.with_name(f".{path.name}.new-{vault_id}")
        try:
            conn = sqlite3.connect(tmp, isolation_level=None)
            try:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = FULL")
                schema.migrate(conn)
                conn.execute("BEGIN IMMEDIATE")
                keys.write_record(conn, record)
                conn.execute("COMMIT")
            finally:
                conn.close()
            tmp.chmod(0o600)
            try:
                os.link(tmp, path)
            except FileExistsError:
                log.info("Another process created the vault first; using theirs")
                if record.kind == KEYRING:
                    keystore.delete(record.account)
                return None
            except OSError as exc:
                if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV):
                    raise
                tmp.replace(path)  # file systems without hard links
            return data_key
        except (OSError, sqlite3.Error) as exc:
            if record.kind == KEYRING and not path.exists():
                with contextlib.suppress(VaultError):
                    keystore.delete(record.account)
            if (isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)) or (
                    isinstance(exc, sqlite3.Error) and _code(exc) == "full"):
                raise DiskFullError(f"The disk holding {path.parent} is full; no vault was "
                                    "created. Free some space and try again.") from exc
            raise VaultError(f"Cannot create the vault at {path} ({exc}).") from exc
        finally:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{tmp}{suffix}").unlink(missing_ok=True)

    @staticmethod
    def _new_record(vault_id: str, data_key: bytes, passphrase: Passphrase,
                    kind: str | None) -> KeyRecord:
        if kind == PASSPHRASE:
            secret = keys.resolve_passphrase(passphrase, new=True)
            return keys.wrap_with_passphrase(vault_id, data_key, secret)
        if kind is None and not keystore.available():
            try:
                secret = keys.resolve_passphrase(passphrase, new=True)
            except PassphraseRequiredError:
                raise PassphraseRequiredError(
                    "There is no OS keyring here, so the new vault needs a passphrase; set "
                    "AMENDS_PASSPHRASE or run Amends in a terminal to choose one.") from None
            return keys.wrap_with_passphrase(vault_id, data_key, secret)
        try:
            return keys.wrap_with_keyring(vault_id, data_key)
        except KeyringUnavailableError:
            if kind == KEYRING or (passphrase is None and not os.environ.get(keys.PASSPHRASE_ENV)):
                raise
            log.warning("The OS keyring refused the key; locking the vault with a passphrase")
            secret = keys.resolve_passphrase(passphrase, new=True)
            return keys.wrap_with_passphrase(vault_id, data_key, secret)

    @classmethod
    def _unlock(cls, path: Path, passphrase: Passphrase, known: bytes | None,
                backup_spacing: float) -> Vault:
        try:
            conn = _connect(path)
        except sqlite3.Error as exc:
            raise VaultError(f"Cannot open the vault at {path} ({exc}).") from exc
        try:
            try:
                version = schema.version(conn)
                if version > schema.SCHEMA_VERSION:
                    raise VaultTooNewError(
                        f"The vault at {path} was written by a newer Amends (schema {version}; "
                        f"this one reads up to {schema.SCHEMA_VERSION}); update Amends. "
                        "Nothing was changed.")
                if version == 0 or _truncated(path):
                    raise VaultDamagedError(
                        f"The vault at {path} is damaged (truncated or not a vault) and was left "
                        f"as it is; {backups.offer(path)}", backup=backups.latest(path))
                record = keys.read_record(conn, str(path))
            except sqlite3.Error as exc:
                raise VaultDamagedError(
                    f"The vault at {path} is damaged ({exc}) and was left as it is; "
                    f"{backups.offer(path)}", backup=backups.latest(path)) from exc
            data_key = known if known is not None else keys.unlock(record, passphrase)
            vault = cls(conn, path, record, data_key)
            vault._prepare(version, backup_spacing)
            return vault
        except BaseException:
            conn.close()
            raise

    def _prepare(self, version: int, backup_spacing: float) -> None:
        """Runs only once the key is known good: pragmas, migrations and the backup on open."""
        with self._guard():
            conn = self._conn
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA secure_delete = ON")
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
        self._backup_spacing = backup_spacing
        if version < schema.SCHEMA_VERSION:
            self.backup()
            with self._guard():
                schema.migrate(self._conn)
        self._refresh_backup()

    def _refresh_backup(self) -> None:
        """Back up if anything changed since the newest backup; a failure only warns."""
        try:
            with self._guard() as conn:
                changes = conn.execute("SELECT changes FROM state WHERE id = 1").fetchone()[0]
                backups.refresh(conn, self.path, changes, self._backup_spacing)
        except VaultError as exc:
            log.warning("No backup was made: %s", exc)

    def close(self) -> None:
        """Back up what this session changed, then close the database."""
        with self._lock:
            if not self._closed:
                if self._dirty:
                    self._refresh_backup()
                self._closed = True
                self._conn.close()

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def key_kind(self) -> str:
        """``"keyring"`` or ``"passphrase"``: what wraps the data key now."""
        return self._record.kind

    @property
    def vault_id(self) -> str:
        return self._record.vault_id

    # ---------------------------------------------------------------- transactions, errors

    def _translate(self, exc: sqlite3.Error) -> VaultError:
        kind = _code(exc)
        if kind == "full":
            return DiskFullError(f"The disk holding {self.path} is full; the last change was "
                                 "not saved and the vault is as it was. Free some space and "
                                 "try again.")
        if kind == "corrupt":
            return self._damaged(str(exc))
        if kind == "busy":
            return VaultError("The vault is busy in another Amends window or command; "
                              "try again in a moment.")
        if kind == "readonly":
            return VaultError(f"The vault at {self.path} is read-only; check the folder's "
                              "permissions.")
        return VaultError(f"The vault at {self.path} could not be used ({exc}); the last "
                          "change was not saved.")

    def _damaged(self, why: str) -> VaultDamagedError:
        bad, known = self._unreadable_drafts()
        which = (f"drafts {_ids(bad)} cannot be read" if bad else "no draft is affected") \
            if known else "which drafts are affected cannot be told"
        return VaultDamagedError(
            f"The vault at {self.path} is damaged ({why}): {which}; the file was left as it "
            f"is, and {backups.offer(self.path)}", drafts=tuple(bad),
            backup=backups.latest(self.path))

    @contextlib.contextmanager
    def _guard(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._closed:
                raise VaultError("The vault is closed.")
            try:
                yield self._conn
            except sqlite3.Error as exc:
                raise self._translate(exc) from exc
            except OSError as exc:
                if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                    raise DiskFullError(f"The disk holding {self.path} is full; free some "
                                        "space and try again.") from exc
                raise

    @contextlib.contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """A consistent snapshot for reads spanning several statements."""
        with self._guard() as conn:
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                if conn.in_transaction:
                    conn.execute("COMMIT")

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One atomic, durable transaction; on any error nothing of it is kept."""
        with self._guard() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("UPDATE state SET changes = changes + 1 WHERE id = 1")
                conn.execute("COMMIT")
                self._dirty = True
            except BaseException:
                if conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                raise

    # ---------------------------------------------------------------- field encryption

    def _seal(self, table: str, row_id: int, name: str, value: Any, *bound: object) -> bytes:
        data = json.dumps(value, ensure_ascii=False).encode("utf-8")
        return self._cipher.seal(data, _associated(table, row_id, name, *bound))

    def _open(self, table: str, row_id: int, name: str, blob: bytes, *bound: object) -> Any:
        data = self._cipher.open(blob, _associated(table, row_id, name, *bound))
        return json.loads(data.decode("utf-8"))

    def _tampered(self, what: str, drafts: tuple[int, ...] = ()) -> TamperedDataError:
        backup = self._good_backup(drafts) if drafts else backups.latest(self.path)
        return TamperedDataError(
            f"{what} cannot be decrypted: its stored data was changed or damaged, and was left "
            f"as it is; {backups.offer(self.path, backup, for_drafts=bool(drafts))}",
            drafts=drafts, backup=backup)

    def tampered_error(self, draft_ids: list[int] | tuple[int, ...]) -> TamperedDataError:
        """The error to report drafts that :meth:`drafts` marked as damaged."""
        ids = tuple(draft_ids)
        what = f"Draft {ids[0]}" if len(ids) == 1 else f"Drafts {_ids(ids)}"
        return self._tampered(what, ids)

    def _readable(self, conn: sqlite3.Connection, draft_id: int) -> bool:
        """Whether every stored field of the draft reads and decrypts, with no version lost."""
        try:
            row = conn.execute("SELECT title, ready, versions FROM drafts WHERE id = ?",
                               (draft_id,)).fetchone()
            if row is None:
                return False
            self._open("drafts", draft_id, "title", row[0])
            self._open("drafts", draft_id, "ready", row[1])
            numbers = [self._decode_version(draft_id, r).number
                       for r in self._version_rows(conn, draft_id)]
            return numbers == list(range(1, row[2] + 1))
        except (sqlite3.Error, DecryptionFailed, ValueError):
            return False

    def _unreadable_drafts(self) -> tuple[list[int], bool]:
        """Which drafts fail to read or decrypt; (ids, whether the list could be made)."""
        try:
            ids = [row[0] for row in self._conn.execute("SELECT id FROM drafts ORDER BY id")]
        except sqlite3.Error:
            return [], False
        return [i for i in ids if not self._readable(self._conn, i)], True

    def _good_backup(self, draft_ids: tuple[int, ...]) -> Path | None:
        """The newest backup in which all these drafts read correctly (same data key)."""
        for backup in backups.list_backups(self.path):
            try:
                conn = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
            except sqlite3.Error:
                continue
            try:
                if all(self._readable(conn, draft_id) for draft_id in draft_ids):
                    return backup
            finally:
                conn.close()
        return None

    # ---------------------------------------------------------------- drafts

    def add_draft(self, title: str, text: str, ready: bool | None = None) -> int:
        """Store a new draft with its first version; returns its id."""
        check_text(title, "title")
        check_text(text, "text")
        now = time.time()
        with self._write() as conn:
            draft_id = conn.execute("INSERT INTO drafts (uid, created, updated) VALUES (?, ?, ?)",
                                    (uuid.uuid4().hex, now, now)).lastrowid
            assert draft_id is not None
            self._append_version(conn, draft_id, 1, now, title, text, ready)
        log.debug("Added draft %d", draft_id)
        return draft_id

    def _append_version(self, conn: sqlite3.Connection, draft_id: int, number: int,
                        saved: float, title: str, text: str, ready: bool | None) -> None:
        version_id = conn.execute(
            "INSERT INTO versions (draft_id, number, saved, size) VALUES (?, ?, ?, ?)",
            (draft_id, number, saved, len(text))).lastrowid
        assert version_id is not None
        bound = (draft_id, number)
        conn.execute(
            "UPDATE versions SET title = ?, body = ?, ready = ? WHERE id = ?",
            (self._seal("versions", version_id, "title", title, *bound),
             self._seal("versions", version_id, "body", text, *bound),
             self._seal("versions", version_id, "ready", ready, *bound), version_id))
        conn.execute(
            "UPDATE drafts SET updated = ?, versions = ?, size = ?, title = ?, ready = ? "
            "WHERE id = ?",
            (saved, number, len(text), self._seal("drafts", draft_id, "title", title),
             self._seal("drafts", draft_id, "ready", ready), draft_id))

    def save_version(self, draft_id: int, text: str, title: str | None = None,
                     ready: bool | None = None) -> int:
        """Append a version (``title`` None keeps the current one); returns its number.

        Saving exactly the latest text and title again adds nothing and returns its number,
        so autosave after a pause without edits costs no history.
        """
        check_text(text, "text")
        if title is not None:
            check_text(title, "title")
        with self._write() as conn:
            latest = self._latest(conn, draft_id)
            new_title = latest.title if title is None else title
            if latest.text == text and latest.title == new_title:
                if ready is not None and ready != latest.ready:
                    self._set_ready(conn, draft_id, latest.number, ready, latest=True)
                return latest.number
            number = latest.number + 1
            self._append_version(conn, draft_id, number, time.time(), new_title, text, ready)
        return number

    def mark_ready(self, draft_id: int, ready: bool | None, number: int | None = None) -> None:
        """Record the ready verdict of a version (default the latest) once analysis is done."""
        with self._write() as conn:
            latest = self._count(conn, draft_id)
            number = latest if number is None else number
            self._set_ready(conn, draft_id, number, ready, latest=number == latest)

    def _set_ready(self, conn: sqlite3.Connection, draft_id: int, number: int,
                   ready: bool | None, *, latest: bool) -> None:
        row = conn.execute("SELECT id FROM versions WHERE draft_id = ? AND number = ?",
                           (draft_id, number)).fetchone()
        if row is None:
            raise NotFoundError(f"Draft {draft_id} has no version {number}.")
        conn.execute("UPDATE versions SET ready = ? WHERE id = ?",
                     (self._seal("versions", row[0], "ready", ready, draft_id, number), row[0]))
        if latest:
            conn.execute("UPDATE drafts SET ready = ? WHERE id = ?",
                         (self._seal("drafts", draft_id, "ready", ready), draft_id))

    def _count(self, conn: sqlite3.Connection, draft_id: int) -> int:
        row = conn.execute("SELECT versions FROM drafts WHERE id = ?", (draft_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"There is no draft {draft_id}; `amends drafts list` shows "
                                "the ids.")
        return int(row[0])

    def _latest(self, conn: sqlite3.Connection, draft_id: int) -> Version:
        number = self._count(conn, draft_id)
        rows = self._version_rows(conn, draft_id, number)
        if not rows:
            raise self._damaged(f"draft {draft_id} has lost its versions")
        return self._decrypt_version(draft_id, rows[0])

    @staticmethod
    def _version_rows(conn: sqlite3.Connection, draft_id: int,
                      number: int | None = None) -> list[tuple[Any, ...]]:
        query = ("SELECT id, number, saved, size, title, body, ready FROM versions "
                 "WHERE draft_id = ?")
        if number is not None:
            return conn.execute(query + " AND number = ?", (draft_id, number)).fetchall()
        return conn.execute(query + " ORDER BY number", (draft_id,)).fetchall()

    def _decode_version(self, draft_id: int, row: tuple[Any, ...]) -> Version:
        version_id, number, saved, size, title, body, ready = row
        bound = (draft_id, number)
        return Version(draft_id, number, saved,
                       self._open("versions", version_id, "title", title, *bound),
                       self._open("versions", version_id, "body", body, *bound), size,
                       self._open("versions", version_id, "ready", ready, *bound))

    def _decrypt_version(self, draft_id: int, row: tuple[Any, ...]) -> Version:
        try:
            return self._decode_version(draft_id, row)
        except DecryptionFailed:
            raise self._tampered(f"Version {row[1]} of draft {draft_id}", (draft_id,)) from None

    def _load_versions(self, conn: sqlite3.Connection, draft_id: int) -> list[Version]:
        versions, bad = [], []
        for row in self._version_rows(conn, draft_id):
            try:
                versions.append(self._decode_version(draft_id, row))
            except DecryptionFailed:
                bad.append(row[1])
        if bad:
            raise self._tampered(
                f"{'Version' if len(bad) == 1 else 'Versions'} {_ids(bad)} of draft {draft_id}",
                (draft_id,))
        return versions

    def drafts(self) -> list[DraftSummary]:
        """Every draft, most recently updated first; decrypts titles and flags only."""
        with self._read() as conn:
            rows = conn.execute("SELECT id, created, updated, versions, size, title, ready "
                                "FROM drafts ORDER BY updated DESC, id DESC").fetchall()
        result = []
        for draft_id, created, updated, versions, size, title, ready in rows:
            try:
                result.append(DraftSummary(
                    draft_id, self._open("drafts", draft_id, "title", title), created, updated,
                    versions, size, self._open("drafts", draft_id, "ready", ready)))
            except (DecryptionFailed, ValueError):
                result.append(DraftSummary(draft_id, None, created, updated, versions, size,
                                           None, damaged=True))
        return result

    def draft(self, draft_id: int) -> Draft:
        """The draft with its latest text."""
        with self._read() as conn:
            row = conn.execute("SELECT created, updated, versions, title FROM drafts "
                               "WHERE id = ?", (draft_id,)).fetchone()
            if row is None:
                raise NotFoundError(f"There is no draft {draft_id}; `amends drafts list` shows "
                                    "the ids.")
            latest = self._latest(conn, draft_id)
        created, updated, versions, _title = row
        return Draft(draft_id, latest.title, latest.text, created, updated, versions,
                     latest.ready)

    def history(self, draft_id: int) -> list[Version]:
        """Every saved version of a draft, oldest first."""
        with self._read() as conn:
            self._count(conn, draft_id)
            return self._load_versions(conn, draft_id)

    def delete_draft(self, draft_id: int) -> int:
        """Remove a draft and all its versions; returns how many versions went."""
        with self._write() as conn:
            count = self._count(conn, draft_id)
            conn.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))
        return count

    # ---------------------------------------------------------------- keys

    def change_passphrase(self, new: str) -> None:
        """Re-wrap the data key under a new passphrase; no draft is re-encrypted."""
        if self.key_kind != PASSPHRASE:
            raise VaultError("This vault is kept by the OS keyring, not a passphrase; "
                             "switch it to a passphrase instead.")
        self.use_passphrase(new)

    def use_passphrase(self, passphrase: str) -> None:
        """Lock the vault (and its backups) with ``passphrase``; forget any keyring key."""
        secret = keys.resolve_passphrase(passphrase, new=True)
        previous = self._record
        self._replace_record(keys.wrap_with_passphrase(self.vault_id, self._data_key, secret))
        if previous.kind == KEYRING:
            try:
                keystore.delete(previous.account)
            except VaultError as exc:
                log.warning("The old key stayed in the keyring: %s", exc)

    def use_keyring(self) -> None:
        """Keep the vault's key in the OS keyring; the passphrase stops working."""
        if self.key_kind == KEYRING:
            return
        self._replace_record(keys.wrap_with_keyring(self.vault_id, self._data_key))

    def _replace_record(self, record: KeyRecord) -> None:
        with self._write() as conn:
            keys.write_record(conn, record)
        with self._guard() as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # no old wrapped key left in the WAL
        backups.rewrap(self.path, self.vault_id, lambda c: keys.write_record(c, record))
        self._record = record

    # ---------------------------------------------------------------- backups, checks

    def backup(self) -> Path:
        """A consistent encrypted copy in backups/ (the oldest beyond a week's worth go)."""
        with self._guard() as conn:
            return backups.make_backup(conn, self.path)

    def backups(self) -> list[Path]:
        return backups.list_backups(self.path)

    @classmethod
    def restore(cls, path: Path | str | None = None, backup: Path | str | None = None,
                passphrase: Passphrase = None) -> Path:
        """Put a backup (default the latest) in place; returns where the old file went.

        The backup must pass SQLite's integrity check and open with the current keyring key or
        passphrase before anything is moved.
        """
        path = Path(path) if path is not None else default_path()
        chosen = Path(backup) if backup is not None else backups.latest(path)
        if chosen is None:
            raise VaultError(f"There is no backup of {path} in {backups.backup_dir(path)}.")
        backups.check_file(chosen)
        conn = sqlite3.connect(f"{chosen.resolve().as_uri()}?mode=ro", uri=True)
        try:
            record = keys.read_record(conn, str(chosen))
        finally:
            conn.close()
        keys.unlock(record, passphrase)
        return backups.restore(path, chosen)

    def check(self) -> list[int]:
        """Run SQLite's integrity check and decrypt everything; returns unreadable draft ids."""
        with self._guard() as conn:
            result = conn.execute("PRAGMA integrity_check").fetchall()
            bad, _ = self._unreadable_drafts()
        if result != [("ok",)] and not bad:
            raise self._damaged(str(result[0][0]))
        return bad

    # ---------------------------------------------------------------- export and import

    def export(self, path: Path | str, passphrase: str) -> int:
        """Write the whole vault to one passphrase-protected file; returns the drafts count."""
        from desktop.vault import archive, transfer

        secret = keys.resolve_passphrase(passphrase, new=True)
        with self._lock:
            payload = transfer.dump(self)
        archive.write_archive(Path(path), payload, secret)
        return len(payload["drafts"])

    def import_(self, path: Path | str, passphrase: str) -> dict[str, int]:
        """Add what an export holds; records already here (same uid) are skipped."""
        from desktop.vault import archive, transfer

        secret = keys.resolve_passphrase(passphrase, new=False)
        payload = archive.read_archive(Path(path), secret)
        return transfer.load(self, payload, Path(path))


def _code(exc: sqlite3.Error) -> str:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return _SQLITE_CODES.get(code & 0xFF, "other")
    text = str(exc).lower()
    if "full" in text:
        return "full"
    if "malformed" in text or "not a database" in text:
        return "corrupt"
    return "other"
