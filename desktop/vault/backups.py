"""Rotating copies of the vault database in the data folder's ``backups/``.

A backup is a consistent single-file copy made with SQLite's online backup API, so it is
exactly as encrypted as the vault: the same ciphertexts and the same wrapped data key.
When the key is re-wrapped (new passphrase, keyring ↔ passphrase) the backups' key rows
are re-wrapped too, so every backup opens with whatever opens the vault.

Policy (:func:`refresh`, run when the vault is opened and closed): when the vault changed
since the newest backup, a new copy is made and checked; if the newest backup is younger
than :data:`EVERY_SECONDS` the new copy replaces it, else it joins the rotation. So the
latest backup is always recent, the older ones are at least an hour apart, and at most
:data:`KEEP` are kept.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from desktop.vault.errors import DiskFullError, VaultDamagedError, VaultError

log = logging.getLogger(__name__)

BACKUP_DIR = "backups"
KEEP = 10
EVERY_SECONDS = 3600.0
"""A newer backup replaces the newest one while that is younger than this."""


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / BACKUP_DIR


def list_backups(db_path: Path) -> list[Path]:
    """This vault's backups, newest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    found = folder.glob(f"{db_path.stem}-*Z.sqlite3")
    return sorted((p for p in found if p.is_file()), key=lambda p: p.name, reverse=True)


def latest(db_path: Path) -> Path | None:
    backups = list_backups(db_path)
    return backups[0] if backups else None


def when(backup: Path) -> str:
    """The local time a backup was made, for messages."""
    stamp = backup.name.rsplit("-", 1)[-1].removesuffix(".sqlite3")
    try:
        moment = dt.datetime.strptime(stamp, "%Y%m%dT%H%M%S.%fZ").replace(tzinfo=dt.timezone.utc)
    except ValueError:
        return "an unknown time"
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def offer(db_path: Path, backup: Path | None = None, *, for_drafts: bool = False) -> str:
    """The sentence that points at a backup: the latest, or the newest that reads the drafts."""
    if not for_drafts:
        backup = latest(db_path)
    if backup is None:
        if for_drafts and latest(db_path) is not None:
            return ("no backup holds a readable copy of it; restore your last export with "
                    "`amends drafts import`.")
        return "there is no backup yet; restore your last export with `amends drafts import`."
    which = "the newest backup that reads it" if for_drafts else "the latest backup"
    return (f"{which}, from {when(backup)}, is {backup} (`amends drafts restore "
            f"{backup.name}` puts it back and keeps the current file aside).")


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _full(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT)
    return isinstance(exc, sqlite3.Error) and getattr(exc, "sqlite_errorcode", 0) & 0xFF == 13


def _changes(path: Path) -> int | None:
    """The write counter stored in a vault or backup file (None when unreadable)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT changes FROM state WHERE id = 1").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return int(row[0]) if row else None


def refresh(conn: sqlite3.Connection, db_path: Path, changes: int,
            every: float = EVERY_SECONDS, keep: int = KEEP) -> Path | None:
    """Back up when the vault changed since the newest backup; returns the new copy."""
    newest = latest(db_path)
    if newest is not None and _changes(newest) == changes:
        return None
    made = make_backup(conn, db_path, keep=keep + 1)
    if newest is not None and time.time() - newest.stat().st_mtime < every:
        newest.unlink(missing_ok=True)
    for old in list_backups(db_path)[keep:]:
        old.unlink(missing_ok=True)
    return made


def make_backup(conn: sqlite3.Connection, db_path: Path, keep: int = KEEP) -> Path:
    """Copy the open database into backups/ atomically, then drop the oldest copies."""
    folder = backup_dir(db_path)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")
    final = folder / f"{db_path.stem}-{stamp}.sqlite3"
    tmp = folder / f".{final.name}.tmp"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        target = sqlite3.connect(tmp)
        try:
            conn.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
            target.commit()
            if target.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                raise VaultDamagedError(f"The vault at {db_path} failed its check, so it was "
                                        "not backed up over a good copy.")
        finally:
            target.close()
        tmp.chmod(0o600)
        with tmp.open("rb+") as handle:
            os.fsync(handle.fileno())
        tmp.replace(final)
        _fsync_dir(folder)
    except VaultDamagedError:
        tmp.unlink(missing_ok=True)
        raise
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        if _full(exc):
            raise DiskFullError(
                f"The disk holding {folder} is full, so no backup was made; the vault is "
                "unchanged. Free some space and try again.") from exc
        raise VaultError(f"Cannot write a backup in {folder} ({exc}); the vault is "
                         "unchanged.") from exc
    for old in list_backups(db_path)[keep:]:
        old.unlink(missing_ok=True)
    log.info("Backed up the vault to %s", final)
    return final


def check_file(path: Path) -> None:
    """Raise :class:`VaultDamagedError` unless ``path`` passes SQLite's integrity check."""
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise VaultDamagedError(f"{path} is damaged ({exc}).", backup=None) from None
    if result != [("ok",)]:
        raise VaultDamagedError(f"{path} is damaged ({result[0][0]}).")


def restore(db_path: Path, backup: Path) -> Path:
    """Put ``backup`` in place of the vault; the current files are moved aside, not deleted."""
    check_file(backup)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    aside = db_path.with_name(f"{db_path.name}.replaced-{stamp}")
    tmp = db_path.with_name(f".{db_path.name}.restoring")
    try:
        tmp.write_bytes(backup.read_bytes())
        tmp.chmod(0o600)
        with tmp.open("rb+") as handle:
            os.fsync(handle.fileno())
        for suffix in ("", "-wal", "-shm"):
            current = Path(f"{db_path}{suffix}")
            if current.exists():
                current.replace(Path(f"{aside}{suffix}"))
        tmp.replace(db_path)
        _fsync_dir(db_path.parent)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if _full(exc):
            raise DiskFullError(f"The disk holding {db_path} is full; nothing was restored. "
                                "Free some space and try again.") from exc
        raise VaultError(f"Cannot restore {backup} ({exc.strerror or exc}).") from exc
    return aside


def rewrap(db_path: Path, vault_id: str, write: Callable[[sqlite3.Connection], None]) -> None:
    """Apply ``write(conn)`` (which replaces the key row) to every backup of this vault."""
    for backup in list_backups(db_path):
        try:
            conn = sqlite3.connect(backup, isolation_level=None)
            try:
                conn.execute("PRAGMA secure_delete = ON")
                conn.execute("BEGIN IMMEDIATE")
                row = conn.execute("SELECT vault_id FROM keys WHERE id = 1").fetchone()
                if row is not None and row[0] == vault_id:
                    write(conn)
                conn.execute("COMMIT")
            finally:
                conn.close()
        except sqlite3.Error as exc:
            log.warning("Could not re-wrap the key in backup %s (%s)", backup.name, exc)
