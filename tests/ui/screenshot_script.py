"""Opens the window under a real X server with the sample letter and saves a PNG.

Usage: screenshot_script.py OUT.png REPO
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, sys.argv[2])

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.analysis import Analyzer
from desktop.ui.main_window import MainWindow

app = QApplication([])
window = MainWindow(analyzer=Analyzer(grammar="off"))
window.confirm_unsaved = False
window.resize(1200, 760)
window.show()
window.editor.setPlainText(
    (Path(sys.argv[2]) / "resources" / "samples" / "letter.txt").read_text(encoding="utf-8"))


def shot() -> None:
    cursor = window.editor.textCursor()
    cursor.setPosition(330)  # inside a flagged sentence, so suggestions show
    window.editor.setTextCursor(cursor)
    QTimer.singleShot(300, lambda: (window.grab().save(sys.argv[1]), app.quit()))


window.report_shown.connect(shot)
QTimer.singleShot(120_000, app.quit)
sys.exit(app.exec())
