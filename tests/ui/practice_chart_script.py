"""Draws the practice progress chart from a realistic set of attempts and saves a PNG.

Usage: practice_chart_script.py OUT.png REPO   (offscreen, or under Xvfb with xcb)

The attempts are what a writer's first weeks of practice might look like: approval-seeking
sentences fall unevenly, with bad days, across four situations. They go through
``desktop.practice.progress`` exactly as the vault's attempts do.
"""

from __future__ import annotations

import datetime as dt
import os
import sys

sys.path.insert(0, sys.argv[2] if len(sys.argv) > 2 else ".")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from desktop.practice import load_library, progress
from desktop.ui.progress_chart import PracticeChart
from desktop.vault import PracticeAttempt

# (situation, a prompt in it, approval-seeking sentences / sentences taking a stance)
ANSWERS = {
    "why": ("why-01", [(4, 6), (3, 6), (3, 7), (2, 6), (1, 5), (2, 7), (1, 6), (0, 5)]),
    "reassurance": ("reassurance-01", [(5, 6), (4, 6), (4, 5), (3, 6), (3, 7), (2, 6)]),
    "space": ("space-01", [(3, 5), (2, 5), (2, 6), (1, 6), (0, 4)]),
    "new-lie": ("new-lie-01", [(5, 7), (5, 6), (3, 6), (4, 7), (2, 6), (2, 7), (1, 6)]),
}


def attempts() -> list[PracticeAttempt]:
    start = dt.datetime(2026, 10, 5, 20, 0)
    made = []
    for number, (situation, (prompt_id, counts)) in enumerate(ANSWERS.items()):
        for index, (approval, stance) in enumerate(counts):
            when = start + dt.timedelta(days=3 * index, hours=number)
            made.append(PracticeAttempt(len(made) + 1, prompt_id, "(answer)", {
                "situation": situation, "approval_share": approval / stance,
                "approval_sentences": approval}, when.timestamp()))
    return made


def main(target: str) -> int:
    app = QApplication.instance() or QApplication([])
    library = load_library()
    titles = {s.id: s.title for s in library.situations}
    chart = PracticeChart()
    chart.set_series(progress(attempts(), library), titles,
                     "Approval-seeking sentences per practice answer")
    ok = chart.save_png(target, QSize(900, 360), scale=2.0)
    del app
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
