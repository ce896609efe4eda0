"""The ``amends`` command: the desktop app by default, and subcommands for scripts.

Every user-facing failure is one line on standard error and exit status 2; the Python
traceback is shown only with ``AMENDS_DEBUG=1``.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from desktop import __version__

EXIT_OK, EXIT_REVISE, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """Bad input from the user: reported in one line with exit status 2."""


def build_parser() -> argparse.ArgumentParser:
    from desktop.cli import check, commitments, doctor, drafts, practice

    parser = argparse.ArgumentParser(
        prog="amends",
        description="A private writing assistant: accountability over approval-seeking.",
    )
    parser.add_argument("--version", action="version", version=f"amends {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check.add_parser(commands)
    doctor.add_parser(commands)
    drafts.add_parser(commands)
    practice.add_parser(commands)
    commitments.add_parser(commands)
    return parser


def _known_errors() -> tuple[type[BaseException], ...]:
    from desktop.analysis.adapter import AdapterError
    from desktop.analysis.classifier import HeadError
    from desktop.analysis.embedder import ModelUnavailableError
    from desktop.analysis.engine import InputError
    from desktop.analysis.exemplars import ExemplarError
    from desktop.grammar import GrammarUnavailableError
    from desktop.settings import SettingsError
    from desktop.vault.errors import VaultError

    return (UsageError, AdapterError, HeadError, ModelUnavailableError, InputError,
            ExemplarError, GrammarUnavailableError, SettingsError, VaultError)


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="amends: %(levelname)s: %(message)s")
    if not (sys.argv[1:] if argv is None else list(argv)):
        return _start_app()  # the window; building every subcommand's parser would delay it
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        return _start_app()
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `amends check | head`); nothing more to say.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        if os.environ.get("AMENDS_DEBUG"):
            raise
        known = isinstance(exc, _known_errors())
        prefix = "error" if known else f"internal error ({type(exc).__name__})"
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"amends: {prefix}: {message}", file=sys.stderr)
        return EXIT_ERROR


def _start_app() -> int:
    """The desktop window; Qt is imported only now, never for a subcommand."""
    try:
        from desktop.ui.app import main as app_main
    except ImportError as exc:
        print(f"amends: error: the desktop window needs PySide6 ({exc}); check a draft "
              "with: amends check FILE", file=sys.stderr)
        return EXIT_ERROR
    return int(app_main(sys.argv[:1]))
