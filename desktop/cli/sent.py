"""``amends drafts sent ID``: the draft went out; keep the promises it makes.

The promises found are shown, each with when it is for, and kept only once the writer
confirms them: one y/n answer each on standard input, or ``--yes`` to keep them all (for
scripts). A false promise in the ledger would ask the writer to account for something they
never said, so nothing is kept on a missing or unclear answer. A promise with no date is
kept with today's date (the day it was sent) and shown as "no date given".
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import TYPE_CHECKING, Any, TextIO

from desktop.cli.main import EXIT_OK, UsageError

if TYPE_CHECKING:
    from desktop.commitments import Promise

_YES, _NO = ("y", "yes"), ("n", "no")


def add_parser(actions: argparse._SubParsersAction) -> None:
    """Registered under ``amends drafts``, beside add, save, show and the rest."""
    sent = actions.add_parser(
        "sent", help="mark a draft sent and keep the promises it makes",
        description="Finds the promises in the draft (\"I'll …\", \"from now on …\", "
                    "\"every Tuesday …\"), asks you to confirm each (y or n on standard "
                    "input) and keeps the confirmed ones, encrypted, for `amends "
                    "commitments`.")
    sent.add_argument("id", type=int, metavar="ID")
    sent.add_argument("--yes", action="store_true",
                      help="keep every promise found without asking (for scripts)")
    sent.set_defaults(run=run_sent)


def _ask(number: int, total: int, stream: TextIO) -> bool:
    print(f"Keep promise {number}? [y/n] ", end="", flush=True)
    answer = stream.readline()
    if not answer:
        print()
        raise UsageError(f"No answer for promise {number} of {total}; nothing was kept. "
                         "Answer each with y or n, or add --yes to keep them all.")
    if not stream.isatty():  # piped answers: show them, so the transcript reads well
        print(answer.strip())
    word = answer.strip().lower()
    if word not in _YES + _NO:
        raise UsageError(f"{answer.strip()!r} is not y or n (promise {number} of {total}); "
                         "nothing was kept.")
    return word in _YES


def _new_promises(text: str, today: dt.date, kept: list[Any]) -> list[Promise]:
    """Promises in ``text``, less those already kept from this draft (sent twice)."""
    from desktop.commitments import extract_promises
    from desktop.commitments.history import normalise

    try:
        found = extract_promises(text, today)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    already = {normalise(e.text) for e in kept}
    return [p for p in found if normalise(p.text) not in already]


def run_sent(args: argparse.Namespace) -> int:
    from desktop.cli.drafts import _open
    from desktop.commitments import Ledger, repeat_warnings
    from desktop.commitments.wording import schedule_text

    today = dt.date.today()
    with _open() as vault:
        text = vault.draft(args.id).text
        ledger = Ledger(vault)
        entries = ledger.entries()
        promises = _new_promises(text, today, [e for e in entries if e.draft_id == args.id])
        if not promises:
            print(f"No new promises found in draft {args.id}; nothing was added.")
            return EXIT_OK
        history = {(w.start, w.end): w.message for w in repeat_warnings(text, entries, today)}
        print(f"Draft {args.id} makes {len(promises)} promise{'s' if len(promises) != 1 else ''}:")
        chosen = []
        for number, promise in enumerate(promises, start=1):
            print(f"  {number}. “{promise.text}” — {schedule_text(promise.due, promise.repeat)}")
            if (promise.start, promise.end) in history:
                print(f"     note: {history[promise.start, promise.end]}")
            if args.yes or _ask(number, len(promises), sys.stdin):
                chosen.append(promise)
        ids = ledger.confirm_all(chosen, args.id)
    if not ids:
        print("No promises kept.")
        return EXIT_OK
    print(f"kept {len(ids)} promise{'s' if len(ids) != 1 else ''} from draft {args.id} "
          f"(commitment{'s' if len(ids) != 1 else ''} {', '.join(map(str, ids))}); mark "
          "each with `amends commitments kept ID` or `missed ID`")
    return EXIT_OK
