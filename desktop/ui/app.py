"""Starting the desktop app: ``amends`` with no subcommand, or ``python -m desktop``.

Qt is imported here and below only, so the command line never pays for it.

``AMENDS_QUIT_WHEN_SHOWN=1`` makes the app quit (status 0) as soon as its window is on
screen and its start-up work has run: the smoke test of the ``amends`` command uses it.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from desktop.settings import SettingsError, load_settings
from desktop.ui.main_window import APP_NAME, MainWindow
from desktop.ui.theme import apply_theme

log = logging.getLogger(__name__)

QUIT_WHEN_SHOWN = "AMENDS_QUIT_WHEN_SHOWN"


class _OnFirstExpose(QObject):
    """Runs ``then`` once, just after the window is first on screen."""

    def __init__(self, then: Callable[[], object], parent: QObject) -> None:
        super().__init__(parent)
        self._then: Callable[[], object] | None = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Expose and self._then is not None:
            QTimer.singleShot(0, self._then)
            self._then = None
        return False


def main(argv: Sequence[str] | None = None) -> int:
    """Show the window at once; the library, the repair tools and the model follow as soon
    as it is on screen. Returns the exit status."""
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
    window = MainWindow(settings=settings, start_loading=False, extras=False)
    quit_when_shown = bool(os.environ.get(QUIT_WHEN_SHOWN))
    window.confirm_unsaved = not quit_when_shown
    window.winId()  # makes the native window, so the filter sees its first Expose
    handle = window.windowHandle()
    handle.installEventFilter(_OnFirstExpose(
        lambda: (window.finish_start(), quit_when_shown and QApplication.quit()), handle))
    window.show()
    window.editor.setFocus()
    status = int(app.exec())
    if window.isVisible():  # quit without closing the window (the hook above, a signal)
        window.close()  # saves geometry, stops the workers, closes the vault
    return status


def run() -> int:
    return main()
