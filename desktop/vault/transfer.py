"""The vault as plain data for an export, and back: dump, validate, load.

Records carry their random uid, so importing the same export twice adds nothing the second
time; ids are given anew by the receiving vault. An import is one transaction: all of it
lands, or none.

Payload format 2 added each commitment's schedule (``repeat``) and its kept/missed marks;
format 1 files (without them) still import. The number went up so that an older Amends
refuses a newer file instead of importing it and silently dropping the marks.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.vault.errors import ArchiveError, TamperedDataError
from desktop.vault.notes import MARK_STATUSES
from desktop.vault.records import COMMITMENT_STATUSES, NEED_KINDS

if TYPE_CHECKING:
    from desktop.vault.store import Vault

log = logging.getLogger(__name__)

PAYLOAD_FORMAT = 2
READABLE_FORMATS = (1, 2)
MAX_REPEAT = 64
"""Longest schedule name accepted on import ("weekly:mon+tue+…" is far shorter)."""
SECTIONS = ("drafts", "needs", "practice", "commitments")


def dump(vault: Vault) -> dict[str, Any]:
    """Everything in the vault, decrypted; refuses when any draft cannot be read."""
    with vault._read() as conn:
        drafts, bad = [], []
        for draft_id, uid, created, updated in conn.execute(
                "SELECT id, uid, created, updated FROM drafts ORDER BY id").fetchall():
            try:
                versions = vault._load_versions(conn, draft_id)
            except TamperedDataError:
                bad.append(draft_id)
                continue
            drafts.append({
                "uid": uid, "created": created, "updated": updated,
                "versions": [{"number": v.number, "saved": v.saved, "title": v.title,
                              "text": v.text, "ready": v.ready} for v in versions]})
        if bad:
            raise vault._tampered(
                f"{'Draft' if len(bad) == 1 else 'Drafts'} {', '.join(map(str, bad))} "
                "(so nothing was exported)", tuple(bad))
        uids = dict(conn.execute("SELECT id, uid FROM drafts").fetchall())
        needs = [(uid, vault._need(row)) for uid, *row in conn.execute(
            "SELECT uid, id, created, updated, kind, body FROM needs ORDER BY id")]
        practice = [(uid, vault._attempt(row)) for uid, *row in conn.execute(
            "SELECT uid, id, created, prompt, answer, report FROM practice ORDER BY id")]
        commitments = [(uid, vault._commitment(row), _schedule(vault, conn, row[0]))
                       for uid, *row in conn.execute(
                           "SELECT uid, id, created, updated, due, draft_id, body, status "
                           "FROM commitments ORDER BY id")]
    return {
        "format": PAYLOAD_FORMAT,
        "vault_id": vault.vault_id,
        "drafts": drafts,
        "needs": [{"uid": uid, "kind": n.kind, "text": n.text, "created": n.created,
                   "updated": n.updated} for uid, n in needs],
        "practice": [{"uid": uid, "prompt_id": a.prompt_id, "answer": a.answer,
                      "report": a.report, "created": a.created} for uid, a in practice],
        "commitments": [{"uid": uid, "text": c.text, "status": c.status,
                         "due": c.due.isoformat() if c.due else None,
                         "draft_uid": uids.get(c.draft_id), "created": c.created,
                         "updated": c.updated, **schedule}
                        for uid, c, schedule in commitments],
    }


def _schedule(vault: Vault, conn: Any, commitment_id: int) -> dict[str, Any]:
    """A commitment's repeat and marks, as export data (the status is exported already)."""
    state = vault._state_in(conn, commitment_id)
    return {"repeat": state.get("repeat"),
            "marks": [{"status": m["status"], "on": m.get("on"),
                       "marked": float(m.get("marked", 0.0))} for m in state.get("marks", ())]}


class _Bad(Exception):
    pass


def _field(record: Any, name: str, where: str, kinds: tuple[type, ...],
           optional: bool = False) -> Any:
    if not isinstance(record, dict):
        raise _Bad(f"{where} is not an object")
    value = record.get(name)
    if value is None and optional:
        return None
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        raise _Bad(f"{where}.{name} is missing or of the wrong type")
    if isinstance(value, float) and not math.isfinite(value):
        raise _Bad(f"{where}.{name} is not a finite number")
    if name == "uid" and not 0 < len(value) <= 64:
        raise _Bad(f"{where}.uid is not a valid id")
    return value


def _one_of(record: Any, name: str, where: str, allowed: tuple[str, ...]) -> str:
    value = _field(record, name, where, (str,))
    if value not in allowed:
        raise _Bad(f"{where}.{name} is not one of {allowed}")
    return str(value)


def _optional_date(record: Any, name: str, where: str) -> None:
    value = _field(record, name, where, (str,), optional=True)
    if value is not None:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise _Bad(f"{where}.{name} is not a date") from None


def _section(payload: dict[str, Any], name: str) -> list[Any]:
    value = payload.get(name, [])
    if not isinstance(value, list):
        raise _Bad(f"{name} is not a list")
    return value


def validate(payload: dict[str, Any]) -> None:
    """Raise ``_Bad`` naming the first field that does not fit."""
    number = (int, float)
    fmt = payload.get("format")
    if fmt not in READABLE_FORMATS or isinstance(fmt, bool):
        raise _Bad("unknown payload format")
    for i, draft in enumerate(_section(payload, "drafts")):
        where = f"drafts[{i}]"
        _field(draft, "uid", where, (str,))
        _field(draft, "created", where, number)
        _field(draft, "updated", where, number)
        versions = _field(draft, "versions", where, (list,))
        if not versions:
            raise _Bad(f"{where} has no versions")
        for j, version in enumerate(versions):
            at = f"{where}.versions[{j}]"
            _field(version, "number", at, (int,))
            _field(version, "saved", at, number)
            _field(version, "title", at, (str,))
            _field(version, "text", at, (str,))
            _field(version, "ready", at, (bool,), optional=True)
    for i, need in enumerate(_section(payload, "needs")):
        where = f"needs[{i}]"
        for name in ("uid", "text"):
            _field(need, name, where, (str,))
        _one_of(need, "kind", where, NEED_KINDS)
        _field(need, "created", where, number)
        _field(need, "updated", where, number)
    for i, attempt in enumerate(_section(payload, "practice")):
        where = f"practice[{i}]"
        for name in ("uid", "prompt_id", "answer"):
            _field(attempt, name, where, (str,))
        _field(attempt, "report", where, (dict,), optional=True)
        _field(attempt, "created", where, number)
    for i, item in enumerate(_section(payload, "commitments")):
        where = f"commitments[{i}]"
        _field(item, "uid", where, (str,))
        _field(item, "text", where, (str,))
        _one_of(item, "status", where, COMMITMENT_STATUSES)
        _optional_date(item, "due", where)
        _field(item, "draft_uid", where, (str,), optional=True)
        _field(item, "created", where, number)
        _field(item, "updated", where, number)
        _check_schedule(item, where)


def _check_schedule(item: dict[str, Any], where: str) -> None:
    """The optional repeat and marks of a commitment (absent from format 1 files)."""
    repeat = _field(item, "repeat", where, (str,), optional=True)
    if repeat is not None and not 0 < len(repeat) <= MAX_REPEAT:
        raise _Bad(f"{where}.repeat is not a schedule")
    marks = _field(item, "marks", where, (list,), optional=True) or []
    for j, mark in enumerate(marks):
        at = f"{where}.marks[{j}]"
        _one_of(mark, "status", at, MARK_STATUSES)
        _optional_date(mark, "on", at)
        _field(mark, "marked", at, (int, float), optional=True)


def _sealed_state(item: dict[str, Any]) -> Any:
    """The sealed status field as the vault writes it: the plain status when there is no
    schedule and no mark (as older records are), else a mapping holding all three."""
    repeat, marks = item.get("repeat"), item.get("marks") or []
    if repeat is None and not marks:
        return item["status"]
    state: dict[str, Any] = {"status": item["status"]}
    if repeat is not None:
        state["repeat"] = repeat
    if marks:
        state["marks"] = [{"status": m["status"], "on": m.get("on"),
                           "marked": float(m.get("marked") or 0.0)} for m in marks]
    return state


def load(vault: Vault, payload: dict[str, Any], path: Path) -> dict[str, int]:
    """Add the records of ``payload`` that the vault lacks; returns counts added per section."""
    fmt = payload.get("format")
    if isinstance(fmt, int) and not isinstance(fmt, bool) and fmt > PAYLOAD_FORMAT:
        raise ArchiveError(f"{path} was written by a newer Amends (payload format {fmt}); "
                           "update Amends to import it. Nothing was imported.")
    try:
        validate(payload)
    except _Bad as exc:
        raise ArchiveError(f"{path} is not a valid Amends export ({exc}); nothing was "
                           "imported.") from None
    added = dict.fromkeys(SECTIONS, 0)
    with vault._write() as conn:
        draft_ids: dict[str, int] = dict(conn.execute("SELECT uid, id FROM drafts").fetchall())
        for draft in payload.get("drafts", []):
            if draft["uid"] in draft_ids:
                continue
            draft_id = conn.execute("INSERT INTO drafts (uid, created, updated) VALUES (?, ?, ?)",
                                    (draft["uid"], draft["created"], draft["updated"])).lastrowid
            assert draft_id is not None
            ordered = sorted(draft["versions"], key=lambda v: v["number"])
            for number, version in enumerate(ordered, start=1):
                vault._append_version(conn, draft_id, number, version["saved"],
                                      version["title"], version["text"], version["ready"])
            conn.execute("UPDATE drafts SET updated = ? WHERE id = ?",
                         (draft["updated"], draft_id))
            draft_ids[draft["uid"]] = draft_id
            added["drafts"] += 1
        added["needs"] = _load_rows(vault, conn, "needs", payload, lambda r: (
            {"created": r["created"], "updated": r["updated"], "size": len(r["text"])},
            {"kind": r["kind"], "body": r["text"]}))
        added["practice"] = _load_rows(vault, conn, "practice", payload, lambda r: (
            {"created": r["created"], "size": len(r["answer"])},
            {"prompt": r["prompt_id"], "answer": r["answer"], "report": r.get("report")}))
        added["commitments"] = _load_rows(vault, conn, "commitments", payload, lambda r: (
            {"created": r["created"], "updated": r["updated"], "size": len(r["text"]),
             "due": r.get("due"), "draft_id": draft_ids.get(r.get("draft_uid") or "")},
            {"body": r["text"], "status": _sealed_state(r)}))
    log.info("Imported %s", added)
    return added


def _load_rows(vault: Vault, conn: Any, table: str, payload: dict[str, Any],
               split: Any) -> int:
    present = {row[0] for row in conn.execute(f"SELECT uid FROM {table}")}
    count = 0
    for record in payload.get(table, []):
        if record["uid"] in present:
            continue
        clear, sealed = split(record)
        clear = {"uid": record["uid"], **clear}
        row_id = conn.execute(f"INSERT INTO {table} ({', '.join(clear)}) VALUES "
                              f"({', '.join('?' * len(clear))})", tuple(clear.values())).lastrowid
        vault._update_sealed(conn, table, row_id, sealed)
        present.add(record["uid"])
        count += 1
    return count
