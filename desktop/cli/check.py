"""``amends check``: analyse drafts and print reports as text, JSON or JSON Lines."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from desktop.cli.inputs import Draft, decode, read_draft, read_needs
from desktop.cli.main import EXIT_OK, EXIT_REVISE, UsageError
from desktop.grammar import ENGINES


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "check", help="analyse drafts and print a report",
        description="Analyse each FILE (standard input when none, or -). Exit status: 0 when "
                    "every draft is ready to send, 1 when any needs revision, 2 on bad input.")
    parser.add_argument("files", nargs="*", metavar="FILE", help="text files to check")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--format", choices=("text", "json"), default="text",
                        help="text for people (default) or one JSON report per input")
    output.add_argument("--jsonl", action="store_true",
                        help='batch mode: read {"id": ..., "text": ...} lines on standard input '
                             "and write one report per line")
    parser.add_argument("--grammar", choices=ENGINES, default=None,
                        help="grammar engine (default from settings: harper)")
    parser.add_argument("--needs", metavar="FILE", default=None,
                        help="your partner's stated needs and boundaries, one a line; drafts "
                             "are checked against them")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.jsonl:
        if args.files:
            raise UsageError("--jsonl reads standard input; do not name files.")
        return _run_batch(args)
    needs = read_needs(args.needs) if args.needs else []
    drafts = [read_draft(source) for source in (args.files or ["-"])]
    analyzer = _analyzer(args)
    reports = [analyzer.analyze(draft.text, needs=needs) for draft in drafts]
    if args.format == "json":
        payload: Any = [_json_report(r, d) for r, d in zip(reports, drafts, strict=True)]
        json.dump(payload if len(payload) > 1 else payload[0], sys.stdout, ensure_ascii=False,
                  indent=2)
        sys.stdout.write("\n")
    else:
        from desktop.cli.render import render_report

        for draft, report in zip(drafts, reports, strict=True):
            sys.stdout.write(render_report(report, draft.name, draft.text))
    return EXIT_OK if all(r.ready for r in reports) else EXIT_REVISE


def _analyzer(args: argparse.Namespace) -> Any:
    from desktop.analysis import Analyzer

    return Analyzer(grammar=args.grammar)


def _json_report(report: Any, draft: Draft) -> dict[str, Any]:
    data = report.to_dict()
    return {"file": draft.name, **data}


def _run_batch(args: argparse.Namespace) -> int:
    """One report per input line; a bad line gets an error object and the batch goes on."""
    analyzer = None
    needs = read_needs(args.needs) if args.needs else []
    for number, raw in enumerate(sys.stdin.buffer, start=1):
        if not raw.strip():
            continue
        record_id: Any = None
        try:
            record = json.loads(decode(raw, f"line {number}"))
            if not isinstance(record, dict):
                raise UsageError(f"line {number} is not a JSON object")
            record_id = record.get("id")
            text = record.get("text")
            if not isinstance(text, str):
                raise UsageError(f'line {number} has no "text" string')
            if not text.strip():
                raise UsageError(f'line {number} has an empty "text"')
            analyzer = analyzer or _analyzer(args)
            result = analyzer.analyze(text, needs=needs, id=record_id).to_dict()
            if record_id is None:
                result = {"id": None, **result}
        except (UsageError, ValueError) as exc:
            message = str(exc)
            if isinstance(exc, json.JSONDecodeError):
                message = f"line {number} is not valid JSON ({exc.msg})"
            result = {"id": record_id, "error": message}
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return EXIT_OK

