"""The weekly reflection: a calm, plain account of the writer's own week.

It draws on the ledger (promises kept and missed), practice (how the writer's answers
read) and the partner's stated needs, and speaks to the writer. It never scores or
predicts how forgiven they are; it says so at the end, every time.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from desktop.commitments.ledger import Entry, Ledger
from desktop.practice.progress import progress

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from desktop.practice.prompts import Library
    from desktop.vault import Need, PracticeAttempt, Vault

NEEDS_SHOWN = 10
CLOSING = ("This is a record of what you did this week. It does not measure how your "
           "partner feels or what they will decide; that stays with them.")


def _day(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def _quote(text: str, limit: int = 90) -> str:
    flat = " ".join(text.split())
    return f"“{flat}”" if len(flat) <= limit else f"“{flat[:limit - 1]}…”"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def week_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def _promises(entries: Sequence[Entry], start: dt.date, end: dt.date) -> list[str]:
    kept, missed, undated = [], [], 0
    for entry in entries:
        for mark in entry.marks:
            if start <= mark.day <= end:
                (kept if mark.status == "kept" else missed).append((entry, mark))
                undated += mark.on is None
    lines = ["Promises"]
    if not kept and not missed:
        lines.append("  You marked no promises kept or missed this week. If you made some, "
                     "marking them honestly, either way, is part of the work.")
    else:
        lines.append(f"  You kept {len(kept)} and missed {len(missed)} this week.")
        lines += [f"  Missed: {_quote(e.text)} ({_day(m.day)})." for e, m in missed]
        if undated:
            lines.append(f"  {_plural(undated, 'mark')} had no date, so "
                         f"{'it is' if undated == 1 else 'they are'} counted in the week "
                         "you made the mark.")
    due = [e for e in entries if e.status == "open" and e.due and start <= e.due <= end]
    lines += [f"  Still open, due {_day(e.due)}: {_quote(e.text)}." for e in due if e.due]
    if missed:
        lines.append("  A missed promise is worth naming to your partner plainly, with what "
                     "you will do differently, rather than promising it again in the same "
                     "words.")
    return lines


def _practice(attempts: Sequence[PracticeAttempt], library: Library | None,
              start: dt.date, end: dt.date) -> list[str]:
    this_week = [a for a in attempts
                 if start <= dt.datetime.fromtimestamp(a.created).date() <= end]
    lines = ["Practice"]
    if not this_week:
        lines.append("  No practice this week.")
        return lines
    lines.append(f"  You answered {_plural(len(this_week), 'practice prompt')} this week.")
    titles = {s.id: s.title for s in library.situations} if library else {}
    for situation, points in sorted(progress(attempts, library).items()):
        recent = [p for p in points if start <= p.created.date() <= end]
        if not recent:
            continue
        name = titles.get(situation, situation)
        first, latest = points[0].approval_share, points[-1].approval_share
        if len(points) == 1:
            lines.append(f"  {name}: in your answer, {first:.0%} of the sentences that take "
                         "a stance asked for approval.")
        else:
            lines.append(f"  {name}: approval-seeking sentences went from {first:.0%} in "
                         f"your first answer to {latest:.0%} in your latest.")
    return lines


def _needs(needs: Sequence[Need]) -> list[str]:
    lines = ["What your partner has asked for"]
    if not needs:
        lines.append("  You have not written down your partner's needs yet. Asking them, "
                     "and keeping their answer in their own words, could be a next step.")
        return lines
    newest = sorted(needs, key=lambda n: (n.updated, n.id), reverse=True)
    for need in newest[:NEEDS_SHOWN]:
        kind = " (a boundary)" if need.kind == "boundary" else ""
        lines.append(f"  - {_quote(need.text, 120)}{kind}")
    if len(needs) > NEEDS_SHOWN:
        lines.append(f"  … and {len(needs) - NEEDS_SHOWN:,} more in your needs list; the "
                     "newest are shown here.")
    return lines


def weekly_reflection(entries: Sequence[Entry], attempts: Sequence[PracticeAttempt],
                      needs: Sequence[Need], week_of: dt.date,
                      library: Library | None = None) -> str:
    """Plain text for the week (Monday to Sunday) holding ``week_of``."""
    start, end = week_bounds(week_of)
    header = f"Your week: {start:%A} {start.day} {start:%B} – {end:%A} {end.day} {end:%B %Y}"
    parts = [[header], _promises(entries, start, end), _practice(attempts, library, start, end),
             _needs(needs), [CLOSING]]
    return "\n\n".join("\n".join(part) for part in parts) + "\n"


def reflection_for(vault: Vault, week_of: dt.date | None = None,
                   library: Library | None = None) -> str:
    """The weekly reflection from what the vault holds."""
    return weekly_reflection(Ledger(vault).entries(), vault.practice_attempts(), vault.needs(),
                             week_of or dt.date.today(), library)
