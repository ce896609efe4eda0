"""Delete a draft so that Undo can put it back exactly: same id, versions, times and flags.

:func:`take` deletes a draft in one transaction and hands back its stored rows as they were
(still sealed: the memory holds ciphertext, never the clear text). :func:`put_back` inserts
those rows again under the same ids, so every ciphertext, still bound to its row, opens as
before; commitments that pointed at the draft point at it again. The draft ids use
AUTOINCREMENT, so SQLite never hands a deleted id to another draft.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop.vault.errors import NotFoundError, VaultError

if TYPE_CHECKING:
    from desktop.vault.store import Vault

log = logging.getLogger(__name__)

_DRAFT_COLUMNS = ("id", "uid", "created", "updated", "versions", "size", "title", "ready")
_VERSION_COLUMNS = ("id", "draft_id", "number", "saved", "size", "title", "body", "ready")


@dataclass(frozen=True)
class DeletedDraft:
    """A deleted draft's sealed rows, enough to restore it exactly; holds no clear text."""

    draft_id: int
    vault_id: str
    draft_row: tuple[Any, ...]
    version_rows: tuple[tuple[Any, ...], ...]
    commitment_ids: tuple[int, ...]

    @property
    def versions(self) -> int:
        return len(self.version_rows)


class AlreadyRestoredError(VaultError):
    """The draft is back already (restored elsewhere, or imported again)."""


def take(vault: Vault, draft_id: int) -> DeletedDraft:
    """Delete ``draft_id`` and return what :func:`put_back` needs to undo it."""
    with vault._write() as conn:
        row = conn.execute(f"SELECT {', '.join(_DRAFT_COLUMNS)} FROM drafts WHERE id = ?",
                           (draft_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"There is no draft {draft_id}; it may have been deleted in "
                                "another window.")
        versions = conn.execute(
            f"SELECT {', '.join(_VERSION_COLUMNS)} FROM versions WHERE draft_id = ? "
            "ORDER BY number", (draft_id,)).fetchall()
        linked = [r[0] for r in conn.execute(
            "SELECT id FROM commitments WHERE draft_id = ? ORDER BY id", (draft_id,))]
        conn.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))
    log.debug("Deleted draft %d (%d versions), kept for undo", draft_id, len(versions))
    return DeletedDraft(draft_id, vault.vault_id, tuple(row),
                        tuple(tuple(v) for v in versions), tuple(linked))


def put_back(vault: Vault, deleted: DeletedDraft) -> int:
    """Restore a draft removed by :func:`take`; returns its id (the same as before)."""
    if deleted.vault_id != vault.vault_id:
        raise VaultError("That deleted draft belongs to another vault; nothing was restored.")
    with vault._write() as conn:
        uid = deleted.draft_row[1]
        clash = conn.execute("SELECT id FROM drafts WHERE id = ? OR uid = ?",
                             (deleted.draft_id, uid)).fetchone()
        if clash is not None:
            raise AlreadyRestoredError(
                f"Draft {deleted.draft_id} is already back in the vault; nothing was changed.")
        conn.execute(f"INSERT INTO drafts ({', '.join(_DRAFT_COLUMNS)}) "
                     f"VALUES ({', '.join('?' * len(_DRAFT_COLUMNS))})", deleted.draft_row)
        conn.executemany(f"INSERT INTO versions ({', '.join(_VERSION_COLUMNS)}) "
                         f"VALUES ({', '.join('?' * len(_VERSION_COLUMNS))})",
                         deleted.version_rows)
        conn.executemany("UPDATE commitments SET draft_id = ? WHERE id = ? AND draft_id IS NULL",
                         [(deleted.draft_id, c) for c in deleted.commitment_ids])
    log.debug("Restored draft %d (%d versions)", deleted.draft_id, deleted.versions)
    return deleted.draft_id
