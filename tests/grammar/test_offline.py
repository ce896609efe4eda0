"""The default check never touches the network: Harper opens no socket in-process, and
`amends check --grammar harper` works in a network namespace with no network at all."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.grammar.conftest import TARGET

AUDITED = """
import json, sys
events = []
def hook(event, args):
    if event in ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
                 "socket.sendto", "socket.sendmsg"):
        events.append([event, repr(args)[:200]])
sys.addaudithook(hook)
from desktop.grammar import create_checker
from desktop.settings import load_settings
settings = load_settings().grammar
checker = create_checker(settings.engine, settings)
checker.start()
findings = checker.check(sys.stdin.read())
checker.close()
print(json.dumps({"engine": checker.name, "events": events,
                  "findings": [[f.start, f.end, f.rule] for f in findings]}))
"""


def run_python(args: list[str], stdin: str = "", prefix: tuple[str, ...] = (),
               timeout: float = 600) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([*prefix, sys.executable, *args], input=stdin, text=True,
                          capture_output=True, env=env, cwd=REPO, timeout=timeout)


def test_default_engine_opens_no_socket_in_process():
    result = run_python(["-c", AUDITED], stdin=TARGET, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["engine"] == "harper"
    assert report["events"] == []
    assert report["findings"] == [[0, 1, "CapitalizePersonalPronouns"],
                                  [2, 4, "PronounVerbAgreement"],
                                  [20, 21, "CapitalizePersonalPronouns"],
                                  [22, 26, "Amends.PastParticipleAsPast"],
                                  [28, 33, "TheirToThere"]]


def _no_network_prefix() -> tuple[str, ...]:
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("unshare (util-linux) is not installed, so the no-network run was skipped")
    probe = subprocess.run([unshare, "-n", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"cannot make a network namespace here ({probe.stderr.strip()}), so the "
                    "no-network run was skipped")
    return (unshare, "-n")


@pytest.mark.slow
def test_cli_check_with_harper_runs_with_no_network(tmp_path: Path):
    """One real `python -m desktop check` (it loads the sentence model) with no network."""
    prefix = _no_network_prefix()
    draft = tmp_path / "draft.txt"
    draft.write_text(TARGET + "\n", encoding="utf-8")
    result = run_python(["-m", "desktop", "check", "--grammar", "harper", "--format", "json",
                         str(draft)], prefix=prefix)
    assert result.returncode in (0, 1), result.stderr
    assert "Grammar marks are off" not in result.stdout
    report = json.loads(result.stdout)
    assert [(g["start"], g["end"], g["rule"]) for g in report["grammar"]] == [
        (0, 1, "CapitalizePersonalPronouns"), (2, 4, "PronounVerbAgreement"),
        (20, 21, "CapitalizePersonalPronouns"), (22, 26, "Amends.PastParticipleAsPast"),
        (28, 33, "TheirToThere")]
    assert report["ready"] is False  # two of them change what the sentence says
    assert report["timings_ms"]["grammar"] >= 0
