"""``amends doctor``: what Amends is using on this machine, and what is missing."""

from __future__ import annotations

import argparse
import platform
import sys
from collections.abc import Callable

from desktop import __version__, paths
from desktop.cli.main import EXIT_ERROR, EXIT_OK

Check = Callable[[], str]


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "doctor", help="say which model, grammar engine, keyring and folders are in use",
        description="Check the installation: model, trained classifier, grammar engine, "
                    "keyring backend and folders. Exit status 2 when something needed is broken.")
    parser.set_defaults(run=run)


def _model() -> str:
    from desktop.analysis import Analyzer

    analyzer = Analyzer(grammar="off")
    analyzer.warm_up()
    model = analyzer._loaded()
    meta = model.head.meta
    return (f"{model.embedder.model_path} with the trained adapter and head "
            f"(exemplars {meta.get('exemplars', '?')}, flag threshold "
            f"{model.head.flag_threshold}); offline (HF_HUB_OFFLINE=1)")


def _exemplars() -> str:
    from desktop.analysis.exemplars import load_library

    library = load_library()
    return (f"{len(library.exemplars)} in {paths.exemplars_dir()} "
            f"(fingerprint {library.fingerprint})")


def _grammar() -> str:
    """Which grammar engine is in use and why; for LanguageTool, whether Java, LanguageTool
    or the server is there (a real check is run, within the configured time limits)."""
    from desktop.grammar import GrammarUnavailableError, create_checker
    from desktop.settings import load_settings, settings_path

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised only on Python 3.10
        import tomli as tomllib

    settings = load_settings()
    engine = settings.grammar.engine
    try:
        chosen = "engine" in tomllib.loads(settings_path().read_text(encoding="utf-8")).get(
            "grammar", {})
    except (OSError, tomllib.TOMLDecodeError):
        chosen = False
    why = f"set in {settings_path()}" if chosen else "the default"
    checker = create_checker(engine, settings.grammar)
    if checker is None:
        return f"off ({why}); no grammar or spelling marks"
    try:
        checker.start()
        checker.check("This is a test.")
        describe = getattr(checker, "describe", None)
        detail = describe() if describe else ""
    except GrammarUnavailableError as exc:
        raise GrammarUnavailableError(f"{engine} ({why}) cannot run: {exc}") from exc
    finally:
        checker.close()
    return f"{engine} ({why}); {detail}"


def _keyring() -> str:
    from desktop.vault import keystore

    return keystore.describe()


def _folders() -> str:
    from desktop.settings import settings_path

    settings = settings_path()
    state = "present" if settings.is_file() else "not written yet; defaults in use"
    return (f"data {paths.data_dir()} · config {paths.config_dir()} (settings.toml {state}) · "
            f"cache {paths.cache_dir()}")


CHECKS: tuple[tuple[str, Check, bool], ...] = (
    ("folders", _folders, True),
    ("exemplars", _exemplars, True),
    ("model", _model, True),
    ("grammar", _grammar, False),
    ("keyring", _keyring, False),
)
"""(name, check, whether Amends cannot work without it)."""


def run(args: argparse.Namespace) -> int:
    print(f"amends {__version__} · Python {platform.python_version()} · {sys.platform}")
    broken = False
    for name, check, essential in CHECKS:
        try:
            print(f"  ok       {name:<10} {check()}")
        except Exception as exc:  # doctor reports every failure instead of stopping
            broken |= essential
            status = "MISSING" if essential else "warning"
            detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            print(f"  {status:<8} {name:<10} {detail}")
    return EXIT_ERROR if broken else EXIT_OK
