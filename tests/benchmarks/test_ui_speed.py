"""Speed targets of the desktop issue, measured in one run on this machine.

- start-up: process start to the main window on screen, as a ratio to a bare PySide6
  QMainWindow (each in a fresh process, median of 3; target ≤ 2.0);
- responsiveness: the longest gap of a 10 ms QTimer while the model loads and while a
  ~1,000-word draft is analysed (target < 100 ms);
- keystroke to marks: from the last key of a typed sentence to its marks on screen, with
  the model loaded (median of 5; target ≤ 300 ms, the debounce included).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.benchmarks.helpers import letter_of, median
from tests.conftest import REPO
from tests.ui.conftest import qt_settings_elsewhere  # noqa: F401  (window geometry to a temp folder)

EXPOSED = textwrap.dedent("""
    import sys, time
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    class SayWhenExposed(QObject):
        \"""On a window's own first Expose: print the wall-clock time, then quit. It watches
        that one window only; an application-wide filter would tax every event.\"""
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Expose and not getattr(self, "said", False):
                self.said = True
                print(time.time(), flush=True)
                QTimer.singleShot(0, QApplication.quit)
            return False

    def watch(window):
        window.winId()
        window.windowHandle().installEventFilter(SAY)

    app = QApplication(sys.argv[:1])
    SAY = SayWhenExposed()
""")

BARE_WINDOW = EXPOSED + textwrap.dedent("""
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    window.setWindowTitle("Bare")
    window.resize(1100, 700)
    watch(window)
    window.show()
    app.exec()
""")

AMENDS_WINDOW = EXPOSED + textwrap.dedent("""
    import desktop.ui.app
    from desktop.cli.main import main

    class Watched(desktop.ui.app.MainWindow):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            watch(self)

    desktop.ui.app.MainWindow = Watched
    sys.argv = sys.argv[:1]
    sys.exit(main([]))  # exactly what the amends command runs
""")


def seconds_to_window(script: Path, env: dict[str, str]) -> float:
    """From starting a fresh process to its window being exposed, in seconds."""
    started = time.time()
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=120, cwd=REPO, env={**os.environ, **env})
    assert done.returncode == 0, done.stderr[-2000:]
    return float(done.stdout.split()[0]) - started


STALL_SCRIPT = textwrap.dedent("""
    import json, sys, time
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from desktop.ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    window = MainWindow()  # as the app starts it: the engine in its own process
    window.confirm_unsaved = False
    window.show()
    letter = open(sys.argv[1], encoding="utf-8").read()
    gaps = {"load": 0.0, "analyse": 0.0}
    state = {"phase": "", "last": 0.0, "start": 0.0, "took": {}}

    def tick():
        now = time.perf_counter()
        if state["phase"]:
            gaps[state["phase"]] = max(gaps[state["phase"]], now - state["last"])
        state["last"] = now

    def begin(phase):
        state["phase"], state["last"] = phase, time.perf_counter()
        state["start"] = state["last"]

    def end():
        state["took"][state["phase"]] = time.perf_counter() - state["start"]
        state["phase"] = ""

    def loaded():
        end()
        QTimer.singleShot(100, analyse)

    def analyse():
        begin("analyse")
        window.editor.setPlainText(letter)
        window.controller.check_now()

    def shown():
        if state["phase"] == "analyse" and window.report_text == window.current_text():
            end()
            QTimer.singleShot(0, app.quit)

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    window.controller.loaded.connect(loaded)
    window.report_shown.connect(shown)
    QTimer.singleShot(0, lambda: begin("load"))  # just after the window starts the load
    QTimer.singleShot(180_000, app.quit)
    app.exec()
    print(json.dumps({"gaps_ms": {k: v * 1000 for k, v in gaps.items()},
                      "took_ms": {k: v * 1000 for k, v in state["took"].items()},
                      "ready": window.controller.state}))
    window.close()
""")


@pytest.fixture(scope="module")
def child_env(tmp_path_factory: pytest.TempPathFactory, amends_dirs: dict[str, str]
              ) -> dict[str, str]:
    """For child processes: offscreen Qt, throw-away folders, this checkout first, and
    bytecode cached (in a temporary folder) as an installed app has it, even where
    PYTHONDONTWRITEBYTECODE is set for the tests."""
    return {"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO),
            "XDG_CONFIG_HOME": str(tmp_path_factory.mktemp("xdg")),
            "PYTHONDONTWRITEBYTECODE": "",
            "PYTHONPYCACHEPREFIX": str(tmp_path_factory.mktemp("pycache")), **amends_dirs}


def test_start_up_against_a_bare_pyside6_window(tmp_path: Path, child_env: dict[str, str]):
    bare, amends = tmp_path / "bare_window.py", tmp_path / "amends_window.py"
    bare.write_text(BARE_WINDOW, encoding="utf-8")
    amends.write_text(AMENDS_WINDOW, encoding="utf-8")
    amends_env = child_env
    seconds_to_window(bare, child_env)  # warm the disk cache for both, as any second start is
    seconds_to_window(amends, amends_env)
    bare_runs, amends_runs = [], []
    for _ in range(3):
        bare_runs.append(seconds_to_window(bare, child_env))
        amends_runs.append(seconds_to_window(amends, amends_env))
    bare_s, amends_s = median(bare_runs), median(amends_runs)
    print(f"\nstart-up to a visible window: amends {amends_s:.2f} s vs bare PySide6 "
          f"{bare_s:.2f} s (ratio {amends_s / bare_s:.2f}, target ≤ 2.0)")
    assert amends_s / bare_s <= 2.0


def test_no_event_loop_stall_while_loading_and_analysing(tmp_path: Path,
                                                        child_env: dict[str, str]):
    letter = letter_of(1000)
    assert 1000 <= len(letter.split()) < 1200
    draft = tmp_path / "letter.txt"
    draft.write_text(letter, encoding="utf-8")
    script = tmp_path / "stall.py"
    script.write_text(STALL_SCRIPT, encoding="utf-8")
    def run() -> dict:
        done = subprocess.run([sys.executable, str(script), str(draft)], capture_output=True,
                              text=True, timeout=240, cwd=REPO, env={**os.environ, **child_env})
        assert done.returncode == 0, done.stderr[-2000:]
        return json.loads(done.stdout.strip().splitlines()[-1])

    run()  # the first run fills the exemplar cache, as the first start after install does
    result = run()
    assert result["ready"] == "ready"
    gaps, took = result["gaps_ms"], result["took_ms"]
    print(f"\nlongest event-loop gap: {gaps['load']:.0f} ms while the model loads "
          f"({took['load']:.0f} ms), {gaps['analyse']:.0f} ms while "
          f"{len(letter.split())} words are analysed and drawn ({took['analyse']:.0f} ms); "
          "target < 100 ms")
    assert gaps["load"] < 100
    assert gaps["analyse"] < 100


SENTENCES = [
    "I'm sorry if you were hurt by what I said.",
    "When can we put this behind us?",
    "I lied to you about where I was on Friday.",
    "You know I would never mean to upset you.",
    "I will tell you before I make plans from now on.",
]


@pytest.fixture(scope="module")
def loaded_window(qapp) -> Iterator:
    """The window as the app makes it (the engine in its own process), model loaded."""
    from desktop.ui.main_window import MainWindow

    window = MainWindow()
    window.confirm_unsaved = False
    window.show()
    yield window
    window.editor.document().setModified(False)
    window.close()


def test_marks_follow_the_last_keystroke_quickly(qtbot, loaded_window):
    window = loaded_window
    qtbot.waitUntil(lambda: window.controller.state == "ready", timeout=180_000)
    for warm in ("I am sorry I lied. I'm sorry if you were hurt.",  # every code path once
                 "It was only texting. When can we move on? I will call you tonight."):
        window.editor.setPlainText(warm)
        qtbot.waitUntil(lambda: window.report_text == window.current_text(), timeout=60_000)
    shown_at: list[float] = []

    def shown() -> None:
        if window.report_text == window.current_text():
            shown_at.append(time.perf_counter())

    window.report_shown.connect(shown)
    latencies = []
    for sentence in SENTENCES:
        window.editor.clear()
        qtbot.waitUntil(lambda: not window.controller.pending(), timeout=10_000)
        qtbot.wait(50)
        shown_at.clear()
        window.editor.setFocus()
        qtbot.keyClicks(window.editor, sentence)
        last_key = time.perf_counter()
        qtbot.waitUntil(lambda: bool(shown_at), timeout=10_000)
        assert window.editor.extraSelections(), sentence
        latencies.append((shown_at[0] - last_key) * 1000)
    window.report_shown.disconnect(shown)
    from desktop.ui.worker import DEBOUNCE_MS

    typical = median(latencies)
    print(f"\nlast keystroke to marks: median {typical:.0f} ms (debounce {DEBOUNCE_MS} ms; "
          f"runs {', '.join(f'{x:.0f}' for x in latencies)}); target ≤ 300 ms")
    assert typical <= 300
