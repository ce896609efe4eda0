"""Starting the desktop app: ``amends`` with no subcommand, or ``python -m desktop``.

Qt is imported here and below only, so the command line never pays for it.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

from PySide6.QtWidgets import QApplication

from desktop.settings import SettingsError, load_settings
from desktop.ui.main_window import APP_NAME, MainWindow
from desktop.ui.theme import apply_theme

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    """Show the window at once; the model loads behind it. Returns the exit status."""
    args = list(argv) if argv is not None else sys.argv[:1]
    app = QApplication.instance() or QApplication(args or [APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    try:
        settings = load_settings()
    except SettingsError:
        settings = None  # the window says what is wrong and uses the defaults
    apply_theme(app, settings.app.theme if settings else "system")  # type: ignore[arg-type]
    window = MainWindow(settings=settings)
    window.show()
    window.editor.setFocus()
    return int(app.exec())


def run() -> int:
    return main()
