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
from dataclasses import dataclass
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

MARK_STATUSES = ("kept", "missed")


@dataclass(frozen=True)
class CommitmentMark:
    """One time a commitment was kept or missed; ``on`` is None when no date was given."""

    status: str
    on: dt.date | None
    marked: float
    """When the mark was recorded (seconds since the epoch)."""


@dataclass(frozen=True)
class CommitmentState:
    """What the ledger keeps beside a commitment's text: its schedule and its marks."""

    repeat: str | None
    marks: tuple[CommitmentMark, ...]


def _state(value: Any) -> dict[str, Any]:
    """The sealed status field: a plain status string (older records) or a mapping."""
    if isinstance(value, dict):
        return value
    return {"status": value}


def _commitment_state(state: dict[str, Any]) -> CommitmentState:
    marks = tuple(CommitmentMark(m["status"], dt.date.fromisoformat(m["on"]) if m.get("on")
                                 else None, float(m.get("marked", 0.0)))
                  for m in state.get("marks", ()))
    return CommitmentState(state.get("repeat"), marks)


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
                       draft_id: int | None = None, status: str = "open", *,
                       repeat: str | None = None) -> int:
        """Something promised (e.g. in a draft), to be marked kept or missed later.

        ``repeat`` names a schedule ("weekly:tue", "daily"); it is sealed with the status.
        """
        check_text(text, "text")
        if status not in COMMITMENT_STATUSES:
            raise ValueError(f"status must be one of {COMMITMENT_STATUSES}")
        if repeat is not None:
            check_text(repeat, "repeat")
        clear = {"size": len(text), "due": due.isoformat() if due else None,
                 "draft_id": draft_id}
        if draft_id is not None:
            with self._read() as conn:
                self._count(conn, draft_id)
        sealed_status: Any = status if repeat is None else {"status": status, "repeat": repeat}
        return self._insert("commitments", clear, {"body": text, "status": sealed_status})

    _COMMITMENT_COLUMNS = "created, updated, due, draft_id, body, status"

    def _commitment(self, row: Any) -> Commitment:
        row_id, created, updated, due, draft_id, body, status = row
        try:
            return Commitment(row_id, self._open("commitments", row_id, "body", body),
                              _state(self._open("commitments", row_id, "status",
                                                status))["status"],
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
        if status is not None and status not in COMMITMENT_STATUSES:
            raise ValueError(f"status must be one of {COMMITMENT_STATUSES}")
        if due is not KEEP:
            clear["due"] = due.isoformat() if due else None
        if draft_id is not KEEP:
            clear["draft_id"] = draft_id
        if status is None:
            self._change("commitments", "commitment", commitment_id, sealed, clear)
            return
        with self._write() as conn:  # the status shares its field with the marks: keep them
            state = self._state_in(conn, commitment_id)
            state["status"] = status
            sealed["status"] = state if len(state) > 1 else status
            self._update_sealed(conn, "commitments", commitment_id, sealed,
                                {"updated": time.time(), **clear})

    def _state_in(self, conn: sqlite3.Connection, commitment_id: int) -> dict[str, Any]:
        row = conn.execute("SELECT status FROM commitments WHERE id = ?",
                           (commitment_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"There is no commitment {commitment_id}.")
        try:
            return dict(_state(self._open("commitments", commitment_id, "status", row[0])))
        except DecryptionFailed:
            raise self._tampered(f"Commitment {commitment_id}") from None

    def mark_commitment(self, commitment_id: int, status: str,
                        on: dt.date | None = None) -> None:
        """Record that a commitment was kept or missed (on ``on``, or undated).

        Marks add up, so a repeating promise ("every Tuesday") can be kept one week and
        missed the next; the commitment's status becomes the latest mark.
        """
        if status not in MARK_STATUSES:
            raise ValueError(f"status must be one of {MARK_STATUSES}")
        if on is not None and not isinstance(on, dt.date):
            raise TypeError(f"on must be a date, not {type(on).__name__}")
        with self._write() as conn:
            state = self._state_in(conn, commitment_id)
            marks = list(state.get("marks", []))
            marks.append({"status": status, "on": on.isoformat() if on else None,
                          "marked": time.time()})
            state.update(status=status, marks=marks)
            self._update_sealed(conn, "commitments", commitment_id, {"status": state},
                                {"updated": time.time()})

    def commitment_state(self, commitment_id: int) -> CommitmentState:
        """The schedule and every kept/missed mark of one commitment."""
        with self._read() as conn:
            return _commitment_state(self._state_in(conn, commitment_id))

    def commitment_states(self) -> dict[int, CommitmentState]:
        """Schedules and marks of every commitment, by id (one pass for the ledger)."""
        with self._read() as conn:
            ids = [r[0] for r in conn.execute("SELECT id FROM commitments ORDER BY id")]
            return {i: _commitment_state(self._state_in(conn, i)) for i in ids}

    def delete_commitment(self, commitment_id: int) -> None:
        self._remove("commitments", "commitment", commitment_id)
