"""Background analysis: the model loads and drafts are analysed off the GUI thread.

The editor hands plain data (a revision number and the text) to a job on a one-thread
QThreadPool; the job calls the pure engine and emits the report through a signal, which Qt
queues back to the GUI thread. A report whose revision is no longer the editor's is
dropped. No job touches a widget. Typing is debounced by a single-shot QTimer, and while a
job runs at most one more is kept waiting (the newest text), so fast typing never piles up
work.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from desktop.analysis.report import Report

if TYPE_CHECKING:
    from desktop.analysis.engine import Analyzer

log = logging.getLogger(__name__)

DEBOUNCE_MS = 150
"""Pause after the last keystroke before checking: short enough that marks appear within
300 ms of it (tests/benchmarks/test_ui_speed.py), long enough not to check every key."""


MODEL_MISSING = "The language model is not available, so sentences were not judged."


def engine() -> ModuleType:
    """The engine module, imported on first use: it brings numpy and friends, which the
    window does not need before it is on screen (the model itself runs in a child process,
    :mod:`desktop.ui.engine_process`)."""
    from desktop.analysis import engine as module

    return module


def preload_engine() -> None:
    """Import the engine module and the rule loader on a thread once the window shows, so
    neither the first keystroke nor the first marks wait for them."""
    def load() -> None:
        engine()
        import desktop.rewrite.loader  # noqa: F401

    threading.Thread(target=load, name="amends-import", daemon=True).start()


def user_message(exc: BaseException) -> str:
    """The first line of an engine error, which is written for the user."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class _Signals(QObject):
    """Lives on the GUI thread; jobs emit through it, so delivery is queued there."""

    finished = Signal(int, str, object)
    failed = Signal(int, str)
    progress = Signal(str)
    loaded = Signal()
    load_failed = Signal(str)


class AnalysisJob(QRunnable):
    """Analyses one revision of the draft; holds only plain data."""

    def __init__(self, analyzer: Analyzer, revision: int, text: str, needs: Sequence[str],
                 signals: _Signals) -> None:
        super().__init__()
        self._analyzer = analyzer
        self._revision = revision
        self._text = text
        self._needs = list(needs)
        self._signals = signals

    def run(self) -> None:
        try:
            report = self._analyzer.analyze(self._text, needs=self._needs)
        except Exception as exc:  # reported to the window, never raised into Qt
            log.warning("Analysis failed: %s", type(exc).__name__)
            self._signals.failed.emit(self._revision, user_message(exc))
        else:
            self._signals.finished.emit(self._revision, self._text, report)


class GrammarJob(QRunnable):
    """Grammar only, for when the language model cannot load: spelling and grammar marks
    keep working, and the report simply has no judged sentences."""

    def __init__(self, checker: Any, revision: int, text: str, signals: _Signals) -> None:
        super().__init__()
        self._checker = checker
        self._revision = revision
        self._text = text
        self._signals = signals

    def run(self) -> None:
        try:
            self._checker.start()
            findings = self._checker.check(self._text) if self._text.strip() else []
        except Exception as exc:
            log.warning("Grammar check failed: %s", type(exc).__name__)
            self._signals.failed.emit(self._revision, user_message(exc))
            return
        report = Report(ready=False, reasons=[MODEL_MISSING], scores={}, sentences=[],
                        grammar=list(findings))
        self._signals.finished.emit(self._revision, self._text, report)


class AnalysisController(QObject):
    """Owns the debounce timer, the revision counter and the background jobs."""

    report_ready = Signal(int, str, object)
    """(revision, analysed text, Report) for the editor's current revision only."""
    analysis_failed = Signal(str)
    too_long = Signal(int)
    """The draft has this many characters, more than the engine checks at once."""
    loading = Signal(str)
    loaded = Signal()
    load_failed = Signal(str)
    busy = Signal(bool)

    def __init__(self, analyzer: Analyzer, text: Callable[[], str],
                 parent: QObject | None = None, delay_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.analyzer = analyzer
        self._text = text
        self.needs: list[str] = []
        self.revision = 0
        self.dropped = 0
        """Reports thrown away because the draft changed while they were made."""
        self.paused = False
        self._running = False
        self._again = False
        self._state = "idle"
        self._grammar: Any = None
        """The checker used on its own while the model is missing (made on first use)."""
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._submit)
        self._signals = _Signals(self)
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)
        self._signals.progress.connect(self._on_progress)
        self._signals.loaded.connect(self._on_loaded)
        self._signals.load_failed.connect(self._on_load_failed)

    # ---------------------------------------------------------------- the model

    @property
    def state(self) -> str:
        """'idle' (not started), 'loading', 'ready' or 'failed'."""
        return self._state

    def start_loading(self) -> None:
        """Load the model on a background thread; the window is already showing."""
        if self._state in ("loading", "ready"):
            return
        if self.analyzer.ready:
            self._state = "loading"
            QTimer.singleShot(0, self._on_loaded)
            return
        self._state = "loading"
        self.loading.emit("Loading the language model…")
        signals = self._signals
        analyzer = self.analyzer

        def load() -> None:
            try:
                analyzer.warm_up(lambda step: signals.progress.emit(step))
            except Exception as exc:
                log.warning("The model did not load: %s", type(exc).__name__)
                signals.load_failed.emit(user_message(exc))
            else:
                signals.loaded.emit()

        # A daemon thread, not the pool: quitting during a load must not wait for it.
        threading.Thread(target=load, name="amends-model-load", daemon=True).start()

    def reload(self) -> None:
        """Load a new analyzer (after a settings change) and check the draft again."""
        self._state = "idle"
        self._grammar = None
        self.revision += 1
        self.start_loading()

    @Slot(str)
    def _on_progress(self, step: str) -> None:
        self.loading.emit(f"{step[:1].upper()}{step[1:]}…")

    @Slot()
    def _on_loaded(self) -> None:
        self._state = "ready"
        self.loaded.emit()
        self._submit()

    @Slot(str)
    def _on_load_failed(self, message: str) -> None:
        self._state = "failed"
        self.load_failed.emit(message)
        self._submit()  # grammar marks still come

    # ---------------------------------------------------------------- analysis

    def text_changed(self) -> None:
        """The draft changed: any report in flight is stale; analyse after a pause."""
        self.revision += 1
        if not self.paused:
            self._timer.start()

    def check_now(self) -> None:
        """Analyse the current text without waiting for the debounce."""
        self._timer.stop()
        self._submit()

    def set_paused(self, paused: bool) -> None:
        self.paused = paused
        self.revision += 1  # whatever is in flight no longer applies
        if paused:
            self._timer.stop()
        else:
            self._submit()

    def pending(self) -> bool:
        """Whether a report for the current text is still to come."""
        return self._timer.isActive() or self._running

    @Slot()
    def _submit(self) -> None:
        if self.paused or self._state not in ("ready", "failed"):
            return
        if self._running:
            self._again = True
            return
        text = self._text()
        if len(text) > engine().MAX_CHARS:
            self.too_long.emit(len(text))
            return
        job: QRunnable
        if self._state == "ready":
            job = AnalysisJob(self.analyzer, self.revision, text, self.needs, self._signals)
        else:
            if self._grammar is None:
                from desktop.grammar import create_checker

                self._grammar = create_checker(self.analyzer.grammar_engine,
                                               self.analyzer.settings.grammar) or False
            if not self._grammar:
                return  # grammar is off too: there is nothing to check with
            job = GrammarJob(self._grammar, self.revision, text, self._signals)
        self._running = True
        self.busy.emit(True)
        self._pool.start(job)

    def _done(self) -> None:
        self._running = False
        if self._again:
            self._again = False
            self._submit()
        if not self._running:
            self.busy.emit(False)

    @Slot(int, str, object)
    def _on_finished(self, revision: int, text: str, report: Any) -> None:
        self._done()
        self.accept(revision, text, report)

    def accept(self, revision: int, text: str, report: Any) -> bool:
        """Pass a report on only if it is for the current revision (the timer or a queued
        job already covers the newer text); True when it was passed on."""
        if revision != self.revision:
            self.dropped += 1
            log.debug("Dropped a stale report (revision %d, now %d)", revision, self.revision)
            return False
        self.report_ready.emit(revision, text, report)
        return True

    @Slot(int, str)
    def _on_failed(self, revision: int, message: str) -> None:
        self._done()
        if revision == self.revision:
            self.analysis_failed.emit(message)

    def shutdown(self) -> None:
        """Stop the timer and wait for a running analysis (a fraction of a second)."""
        self._timer.stop()
        self.paused = True
        self._pool.clear()
        self._pool.waitForDone(5000)
