"""The engine in its own process: the same reports as in-process, and clean failures."""

from __future__ import annotations

import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.analysis import Report
from desktop.settings import Settings
from desktop.ui.engine_process import EngineProcess, EngineProcessError


def test_the_child_loads_analyses_and_ends_with_the_app(amends_dirs):
    settings = Settings()
    settings.grammar.engine = "off"
    engine = EngineProcess(settings)
    steps: list[str] = []
    engine.warm_up(steps.append)
    assert engine.ready and steps
    report = engine.analyze("I'm sorry if you were hurt. I lied to you.", needs=[])
    assert isinstance(report, Report)
    assert [s.flagged for s in report.sentences] == [True, False]
    child = engine._child
    assert child is not None
    engine.close()
    assert child.poll() is not None and not engine.ready


def test_a_failure_in_the_child_is_one_line_for_the_user(amends_dirs, tmp_path: Path):
    settings = Settings()
    settings.grammar.engine = "off"
    settings.analysis.model_path = str(tmp_path / "no-such-model")
    engine = EngineProcess(settings)
    with pytest.raises(EngineProcessError, match="no-such-model") as caught:
        engine.warm_up()
    assert "\n" not in str(caught.value) and not engine.ready
    engine.close()


def test_the_child_ends_quietly_when_the_app_quits_mid_load(amends_dirs):
    """Closing the app while the model loads breaks the child's pipe: no traceback."""
    child = subprocess.Popen([sys.executable, "-m", "desktop.ui.engine_process"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    assert child.stdin is not None and child.stdout is not None and child.stderr is not None
    pickle.dump(("settings", Settings()), child.stdin)
    pickle.dump(("warm_up",), child.stdin)
    child.stdin.flush()
    child.stdout.close()  # the app is gone before the first progress message
    time.sleep(0.5)
    child.stdin.close()
    errors = child.stderr.read().decode()
    assert child.wait(60) == 0, errors
    assert "Traceback" not in errors
