"""Needs and boundaries, practice attempts and commitments: small sealed records.

Mixed into :class:`desktop.vault.store.Vault`, which supplies the transactions and the
field sealing; each record's text fields are sealed like drafts, bound to table, row id
and field.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import time
import uuid
from typing import TYPE_CHECKING, Any

from desktop.vault.crypto import DecryptionFailed
from desktop.vault.errors import NotFoundError, TamperedDataError
from desktop.vault.records import (
    COMMITMENT_STATUSES,
    NEED_KINDS,
    Commitment,
    Need,
    PracticeAttempt,
)


class _Keep:
    """Marks an optional argument that was not given, where None means "clear it"."""


KEEP: Any = _Keep()


def check_text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a string, not {type(value).__name__}")
    return value


class NotesMixin:
    """CRUD for the vault's small records (everything but drafts)."""

    if TYPE_CHECKING:
        def _read(self) -> contextlib.AbstractContextManager[sqlite3.Connection]: ...
        def _write(self) -> contextlib.AbstractContextManager[sqlite3.Connection]: ...
        def _seal(self, table: str, row_id: int, name: str, value: Any,
                  *bound: object) -> bytes: ...
        def _open(self, table: str, row_id: int, name: str, blob: bytes,
                  *bound: object) -> Any: ...
        def _tampered(self, what: str, drafts: tuple[int, ...] = ()) -> TamperedDataError: ...
        def _count(self, conn: sqlite3.Connection, draft_id: int) -> int: ...

    def _insert(self, table: str, clear: dict[str, Any], sealed: dict[str, Any]) -> int:
        now = time.time()
        clear = {"uid": uuid.uuid4().hex, "created": now, **clear}
        if table != "practice":
            clear.setdefault("updated", now)
        names = ", ".join(clear)
        with self._write() as conn:
            row_id = conn.execute(f"INSERT INTO {table} ({names}) VALUES "
                                  f"({', '.join('?' * len(clear))})", tuple(clear.values())
                                  ).lastrowid
            assert row_id is not None
            self._update_sealed(conn, table, row_id, sealed)
        return row_id

    def _update_sealed(self, conn: sqlite3.Connection, table: str, row_id: int,
                       sealed: dict[str, Any], clear: dict[str, Any] | None = None) -> None:
        values = {name: self._seal(table, row_id, name, value) for name, value in sealed.items()}
        values.update(clear or {})
        if values:
            assignments = ", ".join(f"{name} = ?" for name in values)
            conn.execute(f"UPDATE {table} SET {assignments} WHERE id = ?",
                         (*values.values(), row_id))

    def _rows(self, table: str, columns: str, row_id: int | None = None) -> list[Any]:
        with self._read() as conn:
            if row_id is None:
                return conn.execute(f"SELECT id, {columns} FROM {table} ORDER BY id").fetchall()
            return conn.execute(f"SELECT id, {columns} FROM {table} WHERE id = ?",
                                (row_id,)).fetchall()

    def _one(self, rows: list[Any], noun: str, row_id: int) -> Any:
        if not rows:
            raise NotFoundError(f"There is no {noun} {row_id}.")
        return rows[0]

    def _change(self, table: str, noun: str, row_id: int, sealed: dict[str, Any],
                clear: dict[str, Any] | None = None) -> None:
        with self._write() as conn:
            if conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone() is None:
                raise NotFoundError(f"There is no {noun} {row_id}.")
            stamp = {} if table == "practice" else {"updated": time.time()}
            self._update_sealed(conn, table, row_id, sealed, {**stamp, **(clear or {})})

    def _remove(self, table: str, noun: str, row_id: int) -> None:
        with self._write() as conn:
            if conn.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,)).rowcount == 0:
                raise NotFoundError(f"There is no {noun} {row_id}.")

    # needs and boundaries

    def add_need(self, text: str, kind: str = "need") -> int:
        """Record one of the partner's stated needs (or a boundary, with ``kind``)."""
        check_text(text, "text")
        if kind not in NEED_KINDS:
            raise ValueError(f"kind must be one of {NEED_KINDS}")
        return self._insert("needs", {"size": len(text)}, {"kind": kind, "body": text})

    def _need(self, row: Any) -> Need:
        row_id, created, updated, kind, body = row
        try:
            return Need(row_id, self._open("needs", row_id, "kind", kind),
                        self._open("needs", row_id, "body", body), created, updated)
        except DecryptionFailed:
            raise self._tampered(f"Need {row_id}") from None

    def needs(self, kind: str | None = None) -> list[Need]:
        items = [self._need(r) for r in self._rows("needs", "created, updated, kind, body")]
        return [n for n in items if kind is None or n.kind == kind]

    def need(self, need_id: int) -> Need:
        return self._need(self._one(self._rows("needs", "created, updated, kind, body", need_id),
                                    "need", need_id))

    def update_need(self, need_id: int, text: str | None = None, kind: str | None = None) -> None:
        sealed: dict[str, Any] = {}
        clear: dict[str, Any] = {}
        if text is not None:
            sealed["body"] = check_text(text, "text")
            clear["size"] = len(text)
        if kind is not None:
            if kind not in NEED_KINDS:
                raise ValueError(f"kind must be one of {NEED_KINDS}")
            sealed["kind"] = kind
        self._change("needs", "need", need_id, sealed, clear)

    def delete_need(self, need_id: int) -> None:
        self._remove("needs", "need", need_id)

    # practice attempts

    def add_practice(self, prompt_id: str, answer: str,
                     report: dict[str, Any] | None = None) -> int:
        """Record an answer to a practice prompt, with the report summary (JSON-able)."""
        check_text(prompt_id, "prompt_id")
        check_text(answer, "answer")
        return self._insert("practice", {"size": len(answer)},
                            {"prompt": prompt_id, "answer": answer, "report": report})

    def _attempt(self, row: Any) -> PracticeAttempt:
        row_id, created, prompt, answer, report = row
        try:
            return PracticeAttempt(row_id, self._open("practice", row_id, "prompt", prompt),
                                   self._open("practice", row_id, "answer", answer),
                                   self._open("practice", row_id, "report", report), created)
        except DecryptionFailed:
            raise self._tampered(f"Practice attempt {row_id}") from None

    def practice_attempts(self, prompt_id: str | None = None) -> list[PracticeAttempt]:
        items = [self._attempt(r) for r in self._rows("practice",
                                                      "created, prompt, answer, report")]
        return [a for a in items if prompt_id is None or a.prompt_id == prompt_id]

    def practice_attempt(self, attempt_id: int) -> PracticeAttempt:
        rows = self._rows("practice", "created, prompt, answer, report", attempt_id)
        return self._attempt(self._one(rows, "practice attempt", attempt_id))

    def delete_practice(self, attempt_id: int) -> None:
        self._remove("practice", "practice attempt", attempt_id)

    # commitments

    def add_commitment(self, text: str, due: dt.date | None = None,
                       draft_id: int | None = None, status: str = "open") -> int:
        """Something promised (e.g. in a draft), to be marked kept or missed later."""
        check_text(text, "text")
        if status not in COMMITMENT_STATUSES:
            raise ValueError(f"status must be one of {COMMITMENT_STATUSES}")
        clear = {"size": len(text), "due": due.isoformat() if due else None,
                 "draft_id": draft_id}
        if draft_id is not None:
            with self._read() as conn:
                self._count(conn, draft_id)
        return self._insert("commitments", clear, {"body": text, "status": status})

    _COMMITMENT_COLUMNS = "created, updated, due, draft_id, body, status"

    def _commitment(self, row: Any) -> Commitment:
        row_id, created, updated, due, draft_id, body, status = row
        try:
            return Commitment(row_id, self._open("commitments", row_id, "body", body),
                              self._open("commitments", row_id, "status", status),
                              dt.date.fromisoformat(due) if due else None, draft_id,
                              created, updated)
        except DecryptionFailed:
            raise self._tampered(f"Commitment {row_id}") from None

    def commitments(self, status: str | None = None) -> list[Commitment]:
        items = [self._commitment(r) for r in self._rows("commitments",
                                                         self._COMMITMENT_COLUMNS)]
        return [c for c in items if status is None or c.status == status]

    def commitment(self, commitment_id: int) -> Commitment:
        rows = self._rows("commitments", self._COMMITMENT_COLUMNS, commitment_id)
        return self._commitment(self._one(rows, "commitment", commitment_id))

    def update_commitment(self, commitment_id: int, *, text: str | None = None,
                          status: str | None = None, due: Any = KEEP,
                          draft_id: Any = KEEP) -> None:
        """Change what is given; ``due=None`` or ``draft_id=None`` clears that field."""
        sealed: dict[str, Any] = {}
        clear: dict[str, Any] = {}
        if text is not None:
            sealed["body"] = check_text(text, "text")
            clear["size"] = len(text)
        if status is not None:
            if status not in COMMITMENT_STATUSES:
                raise ValueError(f"status must be one of {COMMITMENT_STATUSES}")
            sealed["status"] = status
        if due is not KEEP:
            clear["due"] = due.isoformat() if due else None
        if draft_id is not KEEP:
            clear["draft_id"] = draft_id
        self._change("commitments", "commitment", commitment_id, sealed, clear)

    def delete_commitment(self, commitment_id: int) -> None:
        self._remove("commitments", "commitment", commitment_id)
