"""``amends practice``: answer what a hurt partner might say, and see how the answer reads.

Text only. The answer is read from standard input and ends at a line holding only "." (or
two empty lines in a row, or the end of input); one empty line is a paragraph break. With
``--reflect`` a value-affirmation question comes first, and its answer is read the same way
before the practice answer. Attempts are sealed in the vault unless ``--no-save`` is given;
nothing about them is ever sent anywhere.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import random
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from desktop.cli.main import EXIT_OK, UsageError

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from desktop.practice.prompts import Library, Prompt


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "practice", help="practise answering what your partner might say",
        description="Shows something a hurt partner might say, reads your answer from "
                    "standard input (end it with a line holding only '.', or Ctrl-D) and gives "
                    "sentence-by-sentence feedback. Attempts are kept, encrypted, in the "
                    "vault.")
    parser.add_argument("--list", action="store_true",
                        help="list the situations (or, with --situation, its prompts)")
    parser.add_argument("--situation", metavar="NAME", help="pick a prompt from this situation")
    parser.add_argument("--difficulty", type=int, choices=(1, 2, 3),
                        help="only prompts of this difficulty (1 gentle … 3 hard)")
    parser.add_argument("--prompt", metavar="ID", help="answer this prompt")
    parser.add_argument("--reflect", action="store_true",
                        help="first write a few lines about a value you hold")
    parser.add_argument("--no-save", action="store_true",
                        help="give feedback but do not keep the attempt")
    parser.add_argument("--progress", action="store_true",
                        help="show, per situation, how approval-seeking your answers were")
    parser.add_argument("--chart", metavar="FILE",
                        help="with --progress, also write the chart as an SVG file")
    parser.add_argument("--week", action="store_true",
                        help="print this week's reflection: promises, practice and needs")
    parser.set_defaults(run=run)


def _library() -> Library:
    from desktop.practice.prompts import PromptError, load_library

    try:
        return load_library()
    except PromptError as exc:
        raise UsageError(f"The practice prompts cannot be read: {exc}") from None


def _open_vault() -> Any:
    from desktop.cli.drafts import _open

    return _open()


def read_block(stream: TextIO) -> str:
    """Lines as typed, up to a line holding only "." or two empty lines in a row (or the end
    of input). One empty line stays: an answer may have paragraphs."""
    lines: list[str] = []
    for line in stream:
        line = line.rstrip("\r\n")
        if line.strip() == "." or (not line.strip() and lines and not lines[-1].strip()):
            break
        lines.append(line)
    return "\n".join(lines).strip("\n")


def _print_list(library: Library, situation: str | None) -> None:
    if situation:
        chosen = _situation(library, situation)
        print(f"{chosen.title} ({chosen.id})")
        for prompt in chosen.prompts:
            print(f"  {prompt.id:<18} {'●' * prompt.difficulty:<3} “{prompt.partner}”")
        return
    for item in library.situations:
        levels = sorted({p.difficulty for p in item.prompts})
        print(f"{item.id:<14} {len(item.prompts):>2} prompts (difficulty "
              f"{'–'.join(map(str, (levels[0], levels[-1])))})  {item.title}")
    print("\nAnswer one with: amends practice --situation NAME  (or --prompt ID)")


def _situation(library: Library, name: str) -> Any:
    try:
        return library.situation(name)
    except KeyError:
        names = ", ".join(s.id for s in library.situations)
        raise UsageError(f"There is no situation {name!r}; choose one of: {names}.") from None


def _choose(library: Library, args: argparse.Namespace) -> Prompt:
    if args.prompt:
        try:
            return library.prompt(args.prompt)
        except KeyError:
            raise UsageError(f"There is no practice prompt {args.prompt!r}; `amends practice "
                             "--list --situation NAME` shows the ids.") from None
    pool = list(_situation(library, args.situation).prompts if args.situation
                else library.prompts)
    if args.difficulty:
        pool = [p for p in pool if p.difficulty == args.difficulty]
    if not pool:
        raise UsageError(f"No prompt there has difficulty {args.difficulty}; try another.")
    return random.choice(pool)


def _show_progress(library: Library, chart: str | None) -> None:
    from desktop.practice.chart import render_svg
    from desktop.practice.progress import progress

    with _open_vault() as vault:
        attempts = vault.practice_attempts()
    series = progress(attempts, library)
    titles = {s.id: s.title for s in library.situations}
    if not series:
        which = ("Your saved answer cannot" if len(attempts) == 1
                 else f"None of your {len(attempts)} saved answers can")
        print("No practice answers with feedback yet." if not attempts else
              f"{which} be charted yet (answers that repeat themselves, or that got no "
              "feedback, are kept but not counted).")
    for situation, points in sorted(series.items()):
        shares = " → ".join(f"{p.approval_share:.0%}" for p in points[-8:])
        more = "… " if len(points) > 8 else ""
        print(f"{titles.get(situation, situation)}: {more}{shares} "
              f"({len(points)} attempt{'s' if len(points) != 1 else ''})")
    print("\nThe share of sentences that take a stance and ask for approval, per answer; "
          "it describes your answers, not your partner.")
    if chart:
        try:
            Path(chart).write_text(render_svg(series, titles), encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"Cannot write {chart} ({exc.strerror or exc}).") from None
        print(f"Chart written to {chart}.")


def _show_week(library: Library) -> None:
    from desktop.commitments.reflection import reflection_for

    with _open_vault() as vault:
        print(reflection_for(vault, dt.date.today(), library), end="")


def _ask(prompt: Prompt, library: Library, reflect: bool) -> tuple[Any, str]:
    situation = library.situation(prompt.situation)
    print(f"{situation.title} — {prompt.id} (difficulty {prompt.difficulty})\n")
    reflection = None
    if reflect and library.reflection:
        question = random.choice(library.reflection)
        print(f"Before you answer: {question.question}")
        print("(End with a line holding only a full stop: .)\n", flush=True)
        written = read_block(sys.stdin)
        reflection = (question, written) if written.strip() else None
        print()
    print(f"Your partner says: “{prompt.partner}”\n")
    print("Write your answer; an empty line starts a new paragraph. End it with a line "
          "holding only a full stop (.) or with Ctrl-D.\n", flush=True)
    return reflection, read_block(sys.stdin)


def run(args: argparse.Namespace) -> int:
    library = _library()
    if args.chart and not args.progress:
        raise UsageError("--chart goes with --progress.")
    if args.list:
        _print_list(library, args.situation)
        return EXIT_OK
    if args.progress:
        _show_progress(library, args.chart)
        return EXIT_OK
    if args.week:
        _show_week(library)
        return EXIT_OK
    prompt = _choose(library, args)
    if args.no_save:
        _session(prompt, library, args.reflect, None)
    else:  # unlocked first, so a locked vault never costs a typed answer
        with _open_vault() as vault:
            _session(prompt, library, args.reflect, vault)
    return EXIT_OK


def _session(prompt: Prompt, library: Library, reflect: bool, vault: Any) -> None:
    reflection, answer = _ask(prompt, library, reflect)
    if not answer.strip():
        raise UsageError("Your answer is empty, so there is nothing to give feedback on; "
                         "nothing was saved.")
    _feedback(prompt, answer, reflection, vault)


def _feedback(prompt: Prompt, answer: str, reflection: Any, vault: Any) -> None:
    from desktop.analysis import Analyzer
    from desktop.cli.render import render_report
    from desktop.practice.session import PracticeError, practise

    needs = [n.text for n in vault.needs()] if vault is not None else None
    try:
        feedback = practise(Analyzer(grammar="off"), prompt, answer, vault=vault,
                            needs=needs, reflection=reflection)
    except PracticeError as exc:
        raise UsageError(str(exc)) from None
    print()
    for note in feedback.notes:
        print(f"note: {note}")
    print(render_report(feedback.report, "your answer", feedback.analysed), end="")
    if prompt.note:
        print(f"What a repairing answer does here: {prompt.note}")
    if feedback.attempt_id is not None:
        print(f"\nSaved as practice attempt {feedback.attempt_id} (encrypted).")
    else:
        print("\nNot saved (--no-save).")
