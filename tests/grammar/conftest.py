"""Fixtures for the grammar tests: real Harper, a fake LanguageTool over real loopback HTTP,
and a stand-in `java` executable for the local-server start-up paths."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.grammar.harper import HarperChecker
from desktop.settings import GrammarSettings
from tests.grammar.fake_languagetool import FakeLanguageTool

FAKE_SERVER = Path(__file__).with_name("fake_languagetool.py")
TARGET = "i is sorry for what i done. Their was no excuse."


@pytest.fixture(scope="module")
def harper_checker() -> Iterator[HarperChecker]:
    """One American Harper linter for a module (building one takes about a second)."""
    checker = HarperChecker(GrammarSettings())
    checker.start()
    yield checker
    checker.close()


@pytest.fixture
def fake_lt() -> Iterator[FakeLanguageTool]:
    with FakeLanguageTool() as server:
        yield server


def make_java(folder: Path, mode: str = "serve", version: str = "17.0.9") -> Path:
    """A stand-in `java` (a shell script) in ``folder``/bin: answers -version like OpenJDK,
    then, run as LanguageTool's server, either serves the fake LanguageTool on the port it
    was given ("serve"), dies at once ("crash") or never becomes ready ("stuck"). Each run
    appends "pid args" to ``folder``/java.log."""
    bin_dir = folder / "bin"
    bin_dir.mkdir(parents=True, exist_ok=True)
    java = bin_dir / "java"
    log = folder / "java.log"
    actions = {
        "serve": f'for last; do :; done\nexec "{sys.executable}" "{FAKE_SERVER}" --port "$last"',
        "crash": 'echo "Error: Could not find or load main class '
                 'org.languagetool.server.HTTPServer" >&2\nexit 1',
        "stuck": "exec sleep 300",
    }
    java.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = "-version" ]; then\n'
        f'  echo \'openjdk version "{version}" 2023-10-17\' >&2\n  exit 0\nfi\n'
        f'echo "$$ $*" >> "{log}"\n'
        f"{actions[mode]}\n")
    java.chmod(java.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return java


def java_runs(folder: Path) -> list[tuple[int, list[str]]]:
    log = folder / "java.log"
    if not log.exists():
        return []
    runs = []
    for line in log.read_text().splitlines():
        pid, *args = line.split()
        runs.append((int(pid), args))
    return runs


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie still answers kill(0); it is gone for our purposes
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False
