"""``amends drafts``: the encrypted drafts vault from the command line.

The vault key comes from the OS keyring; where there is none, from ``AMENDS_PASSPHRASE`` or
a prompt on the terminal. Export and import use ``AMENDS_EXPORT_PASSPHRASE`` (falling back
to ``AMENDS_PASSPHRASE``) or a prompt. Listing never loads the analysis model.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from desktop.cli.main import EXIT_OK, UsageError

MAX_CHARS = 1_000_000
EXPORT_ENV = "AMENDS_EXPORT_PASSPHRASE"
NEW_PASSPHRASE_ENV = "AMENDS_NEW_PASSPHRASE"


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "drafts", help="keep drafts in the encrypted vault",
        description="Drafts, with every saved version, in an encrypted vault in the data "
                    "folder (AMENDS_DATA_DIR). The key lives in the OS keyring; without one the "
                    "vault is locked by a passphrase (AMENDS_PASSPHRASE, or typed).")
    sub = parser.add_subparsers(dest="drafts_command", metavar="ACTION", required=True)

    add = sub.add_parser("add", help="store a new draft and print its id")
    add.add_argument("file", nargs="?", default="-", metavar="FILE",
                     help="text file (standard input when none, or -)")
    add.add_argument("--title", help="a title (default: the draft's first line)")
    add.add_argument("--no-check", action="store_true",
                     help="do not analyse the draft to record whether it is ready to send")
    add.set_defaults(run=run_add)

    save = sub.add_parser("save", help="save a new version of a draft")
    save.add_argument("id", type=int, metavar="ID")
    save.add_argument("file", nargs="?", default="-", metavar="FILE",
                      help="text file (standard input when none, or -)")
    save.add_argument("--title", help="a new title (default: keep the current one)")
    save.add_argument("--no-check", action="store_true",
                      help="do not analyse the version to record whether it is ready")
    save.set_defaults(run=run_save)

    from desktop.cli import sent

    sent.add_parser(sub)

    listing = sub.add_parser("list", help="id, updated time, ready or not, and title")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    listing.set_defaults(run=run_list)

    show = sub.add_parser("show", help="print the latest text of a draft")
    show.add_argument("id", type=int, metavar="ID")
    show.set_defaults(run=run_show)

    history = sub.add_parser("history", help="every saved version, oldest first")
    history.add_argument("id", type=int, metavar="ID")
    history.add_argument("--format", choices=("text", "json"), default="text")
    history.set_defaults(run=run_history)

    export = sub.add_parser("export", help="write an encrypted backup of the whole vault")
    export.add_argument("--out", required=True, metavar="FILE", help="the file to write")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.set_defaults(run=run_export)

    restore_export = sub.add_parser("import", help="add what an export file holds")
    restore_export.add_argument("file", metavar="FILE")
    restore_export.set_defaults(run=run_import)

    delete = sub.add_parser("delete", help="remove a draft and all its versions")
    delete.add_argument("id", type=int, metavar="ID")
    delete.set_defaults(run=run_delete)

    restore = sub.add_parser(
        "restore", help="put an automatic backup back in place of a damaged vault",
        description="Replace the vault with a backup from the data folder's backups/ (the "
                    "latest when none is named). The current file is kept aside, not deleted.")
    restore.add_argument("backup", nargs="?", metavar="BACKUP")
    restore.set_defaults(run=run_restore)

    lock = sub.add_parser(
        "passphrase", help="lock the vault with a (new) passphrase instead of the keyring",
        description=f"Re-wraps the vault key; no draft is re-encrypted. The new passphrase is "
                    f"read from {NEW_PASSPHRASE_ENV} or typed twice.")
    lock.set_defaults(run=run_passphrase)

    keep = sub.add_parser("keyring", help="keep the vault key in the OS keyring")
    keep.set_defaults(run=run_keyring)


# ---------------------------------------------------------------- passphrases


def _can_prompt() -> bool:
    if os.name == "nt":
        return sys.stdin.isatty()
    try:
        with open("/dev/tty", "rb"):  # noqa: PTH123 - probing the controlling terminal
            return True
    except OSError:
        return False


def _ask(label: str, new: bool, env: tuple[str, ...]) -> str:
    for name in env:
        if os.environ.get(name):
            return os.environ[name]
    from desktop.vault import PassphraseError, PassphraseRequiredError

    if not _can_prompt():
        raise PassphraseRequiredError(
            f"A {label} is needed and there is no terminal to ask for it; set {env[0]}.")
    first = getpass.getpass(f"{'New ' if new else ''}{label}: ")
    if new and getpass.getpass("Repeat it: ") != first:
        raise PassphraseError("The two passphrases differ; nothing was changed.")
    return first


def _vault_prompt(new: bool) -> str:
    return _ask("vault passphrase", new, ("AMENDS_PASSPHRASE",))


def _open(**options: Any) -> Any:
    from desktop.vault import Vault

    return Vault.open(passphrase=_vault_prompt, **options)


# ---------------------------------------------------------------- input and output


def _read_text(source: str) -> tuple[str, str]:
    """(name, text) from a file or standard input, refused in one line when unusable."""
    if source == "-":
        name, data = "standard input", sys.stdin.buffer.read(4 * MAX_CHARS + 1)
    else:
        name, path = source, Path(source)
        if path.is_dir():
            raise UsageError(f"{source} is a folder; give a text file.")
        try:
            with path.open("rb") as handle:
                data = handle.read(4 * MAX_CHARS + 1)
        except FileNotFoundError:
            raise UsageError(f"{source}: no such file.") from None
        except OSError as exc:
            raise UsageError(f"{source}: cannot read it ({exc.strerror or exc}).") from None
    if b"\x00" in data[:8192]:
        raise UsageError(f"{name} looks like a binary file, not text.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{name} is not valid UTF-8 text (bad byte at offset {exc.start}); "
                         "save it as UTF-8 and try again.") from None
    if len(text) > MAX_CHARS:
        raise UsageError(f"{name} has more than {MAX_CHARS:,} characters; a draft is one "
                         "message.")
    if not text.strip():
        raise UsageError(f"{name} is empty: there is nothing to store.")
    return name, text


def _default_title(text: str) -> str:
    line = next(line.strip() for line in text.splitlines() if line.strip())
    return line if len(line) <= 60 else line[:59].rstrip() + "…"


def _readiness(text: str, skip: bool) -> bool | None:
    """Whether the draft is ready to send, or None when not checked (never fatal)."""
    if skip:
        return None
    try:
        from desktop.analysis import Analyzer

        return bool(Analyzer(grammar="off").analyze(text).ready)
    except Exception as exc:  # readiness is optional: store the draft all the same
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"amends: warning: readiness not checked ({detail}); use --no-check to skip it",
              file=sys.stderr)
        return None


def _when(stamp: float) -> str:
    return dt.datetime.fromtimestamp(stamp).strftime("%Y-%m-%d %H:%M")


def _iso(stamp: float) -> str:
    return dt.datetime.fromtimestamp(stamp, dt.timezone.utc).astimezone().isoformat(
        timespec="seconds")


def _ready_word(ready: bool | None) -> str:
    return {True: "ready", False: "revise", None: "unchecked"}[ready]


def _json(payload: Any) -> None:
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


# ---------------------------------------------------------------- actions


def run_add(args: argparse.Namespace) -> int:
    _, text = _read_text(args.file)
    title = args.title if args.title is not None else _default_title(text)
    if not title.strip():
        raise UsageError("The title is empty; give one with --title.")
    with _open() as vault:
        ready = _readiness(text, args.no_check)
        draft_id = vault.add_draft(title, text, ready=ready)
    print(draft_id)
    return EXIT_OK


def run_save(args: argparse.Namespace) -> int:
    _, text = _read_text(args.file)
    with _open() as vault:
        vault.draft(args.id)  # a missing id fails before the slow analysis
        ready = _readiness(text, args.no_check)
        number = vault.save_version(args.id, text, title=args.title, ready=ready)
    print(f"draft {args.id} version {number}")
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    with _open() as vault:
        drafts = vault.drafts()
        damaged = [d.id for d in drafts if d.damaged]
        problem = vault.tampered_error(damaged) if damaged else None
    if args.format == "json":
        _json([{"id": d.id, "title": d.title, "created": _iso(d.created),
                "updated": _iso(d.updated), "ready": d.ready, "versions": d.versions,
                "size": d.size, "damaged": d.damaged} for d in drafts])
    else:
        for d in drafts:
            title = "(cannot be read)" if d.damaged else d.title
            print(f"{d.id:>4}  {_when(d.updated)}  {_ready_word(d.ready):<9}  {title}")
    if problem is not None:
        raise problem
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    with _open() as vault:
        text = vault.draft(args.id).text
    sys.stdout.write(text)
    if sys.stdout.isatty() and not text.endswith("\n"):
        sys.stdout.write("\n")
    return EXIT_OK


def run_history(args: argparse.Namespace) -> int:
    with _open() as vault:
        versions = vault.history(args.id)
    if args.format == "json":
        _json([{"number": v.number, "saved": _iso(v.saved), "title": v.title, "text": v.text,
                "ready": v.ready, "size": v.size} for v in versions])
        return EXIT_OK
    for v in versions:
        print(f"-- version {v.number} · {_when(v.saved)} · {_ready_word(v.ready)} · "
              f"{v.size:,} characters · {v.title}")
        print(v.text.rstrip("\n"))
        print()
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.is_dir():
        raise UsageError(f"{out} is a folder; give a file name for the export.")
    if out.exists() and not args.force:
        raise UsageError(f"{out} already exists; choose another name or add --force.")
    if not out.parent.is_dir():
        raise UsageError(f"The folder {out.parent} does not exist.")
    with _open() as vault:
        secret = _ask("export passphrase", True, (EXPORT_ENV, "AMENDS_PASSPHRASE"))
        count = vault.export(out, secret)
    print(f"exported {count} draft{'s' if count != 1 else ''} to {out}")
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    source = Path(args.file)
    if not source.is_file():
        raise UsageError(f"{source}: no such file." if not source.exists()
                         else f"{source} is not a file.")
    with _open() as vault:
        secret = _ask("export passphrase", False, (EXPORT_ENV, "AMENDS_PASSPHRASE"))
        added = vault.import_(source, secret)
    nouns = {"drafts": "draft", "needs": "need", "practice": "practice attempt",
             "commitments": "commitment"}
    parts = [f"{n} {nouns[k]}{'s' if n != 1 else ''}" for k, n in added.items()]
    print(f"imported {', '.join(parts)} from {source}")
    return EXIT_OK


def run_delete(args: argparse.Namespace) -> int:
    with _open() as vault:
        count = vault.delete_draft(args.id)
    print(f"deleted draft {args.id} and its {count} version{'s' if count != 1 else ''}")
    return EXIT_OK


def run_restore(args: argparse.Namespace) -> int:
    from desktop.vault import Vault, VaultError, backups, default_path

    path = default_path()
    chosen = Path(args.backup) if args.backup else backups.latest(path)
    if chosen is None:
        raise VaultError(f"There is no backup of {path} in {backups.backup_dir(path)}.")
    if not chosen.exists() and (backups.backup_dir(path) / chosen.name).exists():
        chosen = backups.backup_dir(path) / chosen.name
    if not chosen.is_file():
        raise UsageError(f"{chosen}: no such backup; they are in {backups.backup_dir(path)}.")
    aside = Vault.restore(path, chosen, passphrase=_vault_prompt)
    print(f"restored the vault from {chosen}; the file it replaced is kept as {aside}")
    return EXIT_OK


def run_passphrase(args: argparse.Namespace) -> int:
    with _open() as vault:
        secret = _ask("vault passphrase", True, (NEW_PASSPHRASE_ENV,))
        was = vault.key_kind
        vault.use_passphrase(secret)
    print("the vault is now locked by the new passphrase"
          + (" (its key was removed from the keyring)" if was == "keyring" else ""))
    return EXIT_OK


def run_keyring(args: argparse.Namespace) -> int:
    with _open() as vault:
        vault.use_keyring()
    print("the vault key is kept in the OS keyring; no passphrase is needed any more")
    return EXIT_OK

