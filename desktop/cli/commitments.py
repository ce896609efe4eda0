"""``amends commitments``: the promises kept from sent drafts, marked kept or missed.

Reads the same encrypted vault as ``amends drafts`` (keyring, or ``AMENDS_PASSPHRASE``).
The timeline counts what the writer did, week by week; it never scores or predicts how the
partner feels. Promises get here with ``amends drafts sent ID``.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, Any

from desktop.cli.main import EXIT_OK, UsageError

if TYPE_CHECKING:
    from desktop.commitments.ledger import Entry

STATUSES = ("open", "kept", "missed")
MAX_WEEKS = 104
BAR_LIMIT = 40
"""Marks drawn for one week; the numbers beside the bar are always whole."""
CLOSING = ("This counts what you did; it does not measure how your partner feels or what "
           "they will decide.")


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "commitments", help="promises from sent drafts: mark them kept or missed, see the weeks",
        description="Promises confirmed with `amends drafts sent ID`, kept encrypted in the "
                    "vault. Mark each time one is kept or missed; the timeline shows your "
                    "consistency week by week.")
    sub = parser.add_subparsers(dest="commitments_command", metavar="ACTION", required=True)

    listing = sub.add_parser("list", help="every promise: id, status, when it is for, marks")
    listing.add_argument("--status", choices=STATUSES, help="only promises with this status")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    listing.set_defaults(run=run_list)

    for status in ("kept", "missed"):
        mark = sub.add_parser(status, help=f"mark a promise {status} (today, unless --on)")
        mark.add_argument("id", type=int, metavar="ID")
        when = mark.add_mutually_exclusive_group()
        when.add_argument("--on", metavar="DATE",
                          help="the day, as YYYY-MM-DD, today or yesterday (default: today)")
        when.add_argument("--no-date", action="store_true",
                          help="record it without a day (shown as 'no date given')")
        mark.set_defaults(run=run_mark, status=status)

    timeline = sub.add_parser("timeline", help="kept and missed, week by week")
    timeline.add_argument("--weeks", type=int, default=8, metavar="N",
                          help=f"how many weeks, ending with this one (1 to {MAX_WEEKS})")
    timeline.add_argument("--format", choices=("text", "json"), default="text")
    timeline.set_defaults(run=run_timeline)


def _open() -> Any:
    from desktop.cli.drafts import _open as open_vault

    return open_vault()


def parse_day(value: str, today: dt.date | None = None) -> dt.date:
    """YYYY-MM-DD, "today" or "yesterday"; anything else is one clear line."""
    today = today or dt.date.today()
    word = value.strip().lower()
    if word in ("today", "yesterday"):
        return today - dt.timedelta(days=word == "yesterday")
    try:
        return dt.date.fromisoformat(word)
    except ValueError:
        raise UsageError(f"{value!r} is not a date; give it as YYYY-MM-DD (or today, "
                         "yesterday).") from None


def _ledger_call(function: Any, *args: Any) -> Any:
    """Run a ledger method, turning its refusals into one-line usage errors."""
    from desktop.commitments import LedgerError

    try:
        return function(*args)
    except LedgerError as exc:
        raise UsageError(str(exc)) from None


def _marks_text(entry: Entry) -> str:
    kept, missed = len(entry.kept), len(entry.missed)
    return f"kept {kept}, missed {missed}" if kept or missed else "not marked yet"


def _entry_json(entry: Entry) -> dict[str, Any]:
    return {"id": entry.id, "text": entry.text, "status": entry.status,
            "made": entry.created.isoformat(),
            "due": entry.due.isoformat() if entry.due else None,
            "repeat": str(entry.repeat) if entry.repeat else None,
            "draft_id": entry.draft_id,
            "marks": [{"status": m.status, "on": m.on.isoformat() if m.on else None,
                       "marked": m.marked.isoformat()} for m in entry.marks]}


def run_list(args: argparse.Namespace) -> int:
    from desktop.cli.drafts import _json
    from desktop.commitments import Ledger
    from desktop.commitments.wording import day_text, schedule_text

    with _open() as vault:
        entries = Ledger(vault).entries(args.status)
    if args.format == "json":
        _json([_entry_json(e) for e in entries])
        return EXIT_OK
    if not entries:
        print("No promises yet; `amends drafts sent ID` finds them in a sent draft."
              if args.status is None else f"No promises are {args.status}.")
        return EXIT_OK
    today = dt.date.today()
    for entry in entries:
        print(f"{entry.id:>4}  {entry.status:<6}  {entry.text}")
        print(f"      made {day_text(entry.created, today)} · "
              f"{schedule_text(entry.due, entry.repeat, today)} · {_marks_text(entry)}")
    return EXIT_OK


def run_mark(args: argparse.Namespace) -> int:
    from desktop.commitments import Ledger
    from desktop.commitments.wording import day_text

    day = None if args.no_date else parse_day(args.on or "today")
    with _open() as vault:
        ledger = Ledger(vault)
        _ledger_call(ledger.mark, args.id, args.status, day)
        text = vault.commitment(args.id).text
    print(f"marked commitment {args.id} {args.status} ({day_text(day)}): {text}")
    return EXIT_OK


def run_timeline(args: argparse.Namespace) -> int:
    from desktop.cli.drafts import _json
    from desktop.commitments import Ledger

    if not 1 <= args.weeks <= MAX_WEEKS:
        raise UsageError(f"--weeks takes 1 to {MAX_WEEKS}, not {args.weeks}.")
    with _open() as vault:
        points = _ledger_call(Ledger(vault).weekly, args.weeks)
    if args.format == "json":
        _json([{"week": p.start.isoformat(), "kept": p.kept, "missed": p.missed,
                "undated": p.undated} for p in points])
        return EXIT_OK
    print(f"{'week of':<15}  {'kept':>4}  {'missed':>6}")
    for point in points:
        bar = ("●" * point.kept + "○" * point.missed)[:BAR_LIMIT]
        line = f"{point.start:%a %d %b %Y}  {point.kept:>4}  {point.missed:>6}  {bar}".rstrip()
        if point.undated:
            line += f"  ({point.undated} with no date given, counted when marked)"
        print(line)
    print(f"\n● kept  ○ missed. {CLOSING}")
    return EXIT_OK
