"""The main window: the editor, the check results and the suggestions, wired together.

Seams for the drafts library (another module): :meth:`MainWindow.open_draft`,
:meth:`MainWindow.current_text`, the File and View menus (``file_menu``, ``view_menu``) and
``vault_session``. If ``desktop.ui.library`` exists, its ``install(window)`` adds its actions.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.analysis.report import Report, Suggestion
from desktop.analysis.taxonomy import APPROVAL_LABELS, LABELS
from desktop.rewrite.apply import apply_replacement
from desktop.settings import Settings, SettingsError, load_settings
from desktop.ui import theme
from desktop.ui.banner import Banner
from desktop.ui.editor import DraftEditor
from desktop.ui.engine_process import EngineProcess
from desktop.ui.highlighter import Dismissals, Mark, Verdict, build_marks, verdict
from desktop.ui.offsets import OffsetMap
from desktop.ui.send_check import SendCheckDialog, copy_to_clipboard
from desktop.ui.side_panel import SidePanel
from desktop.ui.suggestions import SuggestionsPanel
from desktop.ui.vault_session import VaultRecovery, VaultSession, default_title
from desktop.ui.worker import AnalysisController, engine, preload_engine, user_message

if TYPE_CHECKING:
    from desktop.analysis.engine import Analyzer

log = logging.getLogger(__name__)

APP_NAME = "Amends"
VAULT_KINDS = ("lost", "gone")
"""Banner kinds about the vault: each offers a button that saves the editor's text."""
LOADING_TEXT = ("Loading the language model… You can start writing; marks appear as soon "
                "as it is ready.")


class MainWindow(QMainWindow):
    """One draft at a time: write, see the marks, revise, check before sending."""

    report_shown = Signal()
    """Emitted after a report has been drawn (tests and the benchmark wait for it)."""

    def __init__(self, analyzer: Analyzer | None = None, settings: Settings | None = None,
                 *, start_loading: bool = True, extras: bool = True) -> None:
        """``start_loading`` and ``extras`` False leave the model and the library and repair
        tools to :meth:`finish_start`, which the app calls once the window is on screen."""
        super().__init__()
        problems: list[str] = []
        if settings is None:
            try:
                settings = load_settings()
            except SettingsError as exc:
                problems.append(f"{exc} Using the default settings for now.")
                settings = Settings()
        self.settings = settings
        self.analyzer: Any = analyzer or EngineProcess(settings)
        """The engine: by default in a child process, so loading it never stalls the window."""
        self.setWindowTitle(APP_NAME)
        self.setObjectName("mainWindow")
        self.setAccessibleName(APP_NAME)

        self.report: Report | None = None
        self.report_text = ""
        self.report_revision = -1
        self.verdict: Verdict | None = None
        self.dismissals = Dismissals()
        self.draft_id: int | None = None
        self.draft_title = ""
        self._paused: set[int | None] = set()
        self._send_waiting = False
        self._problem = ""
        self._saving_text = ""
        self.send_dialog: SendCheckDialog | None = None
        self.confirm_unsaved = True
        """Ask before unsaved text is replaced or the window closes (tests turn it off)."""

        self._build_widgets()
        self.controller = AnalysisController(self.analyzer, self.editor.toPlainText, self)
        self.vault_session = VaultSession(self)
        self.vault_recovery = VaultRecovery(self, self)
        self._build_actions()
        self._connect()
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setSingleShot(True)
        self._autosave_timer.setInterval(2000)
        self._autosave_timer.timeout.connect(self._autosave)
        self._restore_geometry()
        self._extras_installed = False
        if extras:
            self.install_extras()
        for problem in problems:
            self.show_banner(problem)
        if start_loading:
            QTimer.singleShot(0, self.controller.start_loading)

    # ---------------------------------------------------------------- building

    def _build_widgets(self) -> None:
        self.editor = DraftEditor()
        self.banner = Banner()
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.banner)
        column.addWidget(self.editor, 1)

        self.side_panel = SidePanel()
        self.suggestions = SuggestionsPanel()
        right = QWidget()
        right.setObjectName("rightColumn")
        stack = QVBoxLayout(right)
        stack.setContentsMargins(6, 0, 6, 0)
        stack.addWidget(self.side_panel)
        stack.addWidget(self.suggestions)
        stack.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(right)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setMinimumWidth(280)
        scroll.setAccessibleName("Check results and suggestions")
        self.right_column = scroll

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)
        self.resize(1100, 700)

        self.state_label = QLabel("")
        self.state_label.setAccessibleName("Checking state")
        legend = " · ".join(theme.LEGEND.values())
        self.legend_label = QLabel(legend[:1].upper() + legend[1:])
        self.legend_label.setAccessibleName("Legend")
        self.statusBar().addWidget(self.state_label, 1)
        self.statusBar().addPermanentWidget(self.legend_label)

    def _action(self, text: str, slot: Any, shortcut: QKeySequence | str | None = None,
                *, checkable: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(checkable)
        (action.toggled if checkable else action.triggered).connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.new_action = self._action("&New draft", self.new_draft, QKeySequence.StandardKey.New)
        self.save_action = self._action("&Save", self.save, QKeySequence.StandardKey.Save)
        self.send_action = self._action("Check before &sending…", self.check_before_sending,
                                        "Ctrl+Return")
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        for action in (self.new_action, self.save_action, self.send_action):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.edit_menu = bar.addMenu("&Edit")
        self.undo_action = self._action("&Undo", self.editor.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = self._action("&Redo", self.editor.redo, QKeySequence.StandardKey.Redo)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.editor.undoAvailable.connect(self.undo_action.setEnabled)
        self.editor.redoAvailable.connect(self.redo_action.setEnabled)
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)

        self.check_menu = bar.addMenu("&Check")
        self.check_action = self._action("Check &now", self.check_now, "F7")
        self.next_action = self._action("&Next mark", lambda: self.jump(True), "F8")
        self.previous_action = self._action("&Previous mark", lambda: self.jump(False),
                                            "Shift+F8")
        self.apply_action = self._action("&Apply the first suggestion",
                                         self.apply_first_suggestion, "Alt+Return")
        self.ignore_action = self._action("&Ignore this sentence", self.ignore_current,
                                          "Ctrl+Shift+I")
        for action in (self.check_action, self.next_action, self.previous_action,
                       self.apply_action, self.ignore_action):
            self.check_menu.addAction(action)

        self.view_menu = bar.addMenu("&View")
        self.pause_action = self._action("&Pause checking for this draft", self.set_paused,
                                         "Ctrl+Shift+P", checkable=True)
        self.view_menu.addAction(self.pause_action)
        self.kinds_menu = self.view_menu.addMenu("&Flag these kinds")
        self.kind_actions: dict[str, QAction] = {}
        for name, label in LABELS.items():
            if name not in APPROVAL_LABELS:
                continue
            action = QAction(label.summary, self, checkable=True)
            action.setChecked(True)
            action.toggled.connect(lambda on, name=name: self.set_kind_flagged(name, on))
            self.kinds_menu.addAction(action)
            self.kind_actions[name] = action
        self.restore_action = self._action("&Show everything again", self.show_everything)
        self.view_menu.addAction(self.restore_action)
        self.view_menu.addSeparator()
        self.panel_action = self._action("Show the &results panel", self.right_column.setVisible,
                                         "Ctrl+Shift+R", checkable=True)
        self.panel_action.setChecked(True)
        self.view_menu.addAction(self.panel_action)

    def _connect(self) -> None:
        self.editor.textChanged.connect(self._on_text_changed)
        self.editor.cursorPositionChanged.connect(self._update_suggestions)
        c = self.controller
        c.report_ready.connect(self._on_report)
        c.analysis_failed.connect(self._on_analysis_failed)
        c.too_long.connect(self._on_too_long)
        c.loading.connect(self._on_loading)
        c.loaded.connect(self._on_loaded)
        c.load_failed.connect(self._on_load_failed)
        c.busy.connect(self._on_busy)
        self.suggestions.apply_requested.connect(self.apply_suggestion)
        self.suggestions.ignore_requested.connect(self.ignore_current)
        self.suggestions.hide_kind_requested.connect(
            lambda name: self.kind_actions[name].setChecked(False))
        s = self.vault_session
        s.saved.connect(self._on_saved)
        s.save_failed.connect(self._on_save_failed)
        s.opened.connect(self._on_vault_opened)
        s.locked.connect(self._unlock_and_save)

    def finish_start(self) -> None:
        """Everything not needed to show the window: menus and panels of the library and
        the repair tools, the model (in its own process), the engine module."""
        self.install_extras()
        self.controller.start_loading()
        preload_engine()

    def install_extras(self) -> None:
        """Let the drafts library and the repair tools add their actions, once."""
        if self._extras_installed:
            return
        self._extras_installed = True
        self._install_library()
        try:
            from desktop.ui.repair import install as install_repair

            install_repair(self)
        except Exception:  # the editor must work even if a panel cannot be added
            log.exception("The repair tools could not be added")

    def _install_library(self) -> None:
        """Let the drafts library add its actions, if that module is present."""
        try:
            library = importlib.import_module("desktop.ui.library")
        except ModuleNotFoundError as exc:
            if exc.name != "desktop.ui.library":
                log.exception("The drafts library could not be loaded")
            return
        except Exception:
            log.exception("The drafts library could not be loaded")
            return
        try:
            library.install(self)
        except Exception:
            log.exception("The drafts library could not add its actions")

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    # ---------------------------------------------------------------- seams

    def current_text(self) -> str:
        return self.editor.toPlainText()

    def current_draft_id(self) -> int | None:
        return self.draft_id

    def vault(self) -> Any:
        """The open vault, unlocking it now (with the passphrase dialog if needed)."""
        return self.ensure_vault()

    def writer(self) -> Any:
        return self.vault_session.writer

    def draft_deleted(self, draft_id: int) -> None:
        """The library deleted the open draft: keep its text as a new, unsaved draft."""
        if draft_id == self.draft_id:
            self.draft_id = None
            self.editor.document().setModified(True)
            self._update_title()

    def draft_renamed(self, draft_id: int, title: str) -> None:
        if draft_id == self.draft_id:
            self.draft_title = title
            self._update_title()

    def adopt_draft(self, draft_id: int, title: str) -> None:
        """The editor's text is now saved as the newest version of ``draft_id``: carry on
        editing it without reloading the text (so nothing asks about unsaved changes)."""
        if self.draft_id in self._paused:  # a paused draft stays paused under its new id
            self._paused.discard(self.draft_id)
            self._paused.add(draft_id)
        self.draft_id, self.draft_title = draft_id, title
        self._autosave_timer.stop()
        self.editor.document().setModified(False)
        self.hide_banner("gone")
        self._update_title()

    def show_restored(self, draft_id: int, title: str, text: str) -> None:
        """A version from the history was saved again as the newest: show it as one undo
        step (Ctrl+Z brings the text before the restore back) and carry on with it."""
        cursor = QTextCursor(self.editor.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()
        self.adopt_draft(draft_id, title)
        self.statusBar().showMessage("Restored. Ctrl+Z brings back the text from before.", 8000)

    def apply_settings(self, settings: Settings) -> None:
        """New settings from the settings dialog: the theme at once, and a fresh engine
        (loaded in the background) only when something the engine reads has changed."""
        before, self.settings = self.settings, settings
        app = QApplication.instance()
        if isinstance(app, QApplication) and settings.app.theme != before.app.theme:
            theme.apply_theme(app, settings.app.theme)  # the editor redraws its marks
        if (settings.analysis, settings.grammar, settings.rewrite) != (
                before.analysis, before.grammar, before.rewrite):
            self._close_engine()
            self.analyzer = self.controller.analyzer = EngineProcess(settings)
            self.controller.reload()

    def _close_engine(self) -> None:
        """End the engine's child process (an engine handed in by a caller stays theirs)."""
        if isinstance(self.analyzer, EngineProcess):
            self.analyzer.close()

    def ensure_vault(self) -> Any:
        """Open the vault on the GUI thread (an explicit unlock); None if it did not open."""
        session = self.vault_session
        if session.is_open:
            return session.vault
        try:
            from desktop.ui.passphrase import open_vault
        except ImportError:
            open_vault = None
        try:
            if open_vault is not None:
                vault = open_vault(self)
            else:
                from desktop.vault import Vault

                vault = Vault.open(passphrase=None)
        except Exception as exc:
            self._on_save_failed(user_message(exc))
            return None
        if vault is not None:
            session.attach(vault)
        return session.vault

    def open_draft(self, draft_id: int | None, title: str, text: str) -> bool:
        """Show a draft from the vault; False when the user kept the current one."""
        if not self.keep_current_text():
            return False
        self._load_text(draft_id, title, text)
        return True

    def _load_text(self, draft_id: int | None, title: str, text: str) -> None:
        self.draft_id, self.draft_title = draft_id, title
        self.hide_banner("gone")
        self.report = self.verdict = None
        self.editor.clear_marks()
        self.editor.setPlainText(text)  # one edit: undo starts afresh for this draft
        self.editor.document().setModified(False)
        paused = draft_id in self._paused
        self.pause_action.blockSignals(True)
        self.pause_action.setChecked(paused)
        self.pause_action.blockSignals(False)
        self.controller.set_paused(paused)
        self._update_title()
        self._show_idle_state()

    def new_draft(self) -> None:
        if self.keep_current_text():
            self._load_text(None, "", "")

    def keep_current_text(self) -> bool:
        """Before the text is replaced: offer to save unsaved changes. False means cancel."""
        document = self.editor.document()
        if not self.confirm_unsaved or not document.isModified() or not self.current_text().strip():
            return True
        box = QMessageBox(QMessageBox.Icon.Question, APP_NAME,
                          "Save this draft to the vault first?",
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        box.setInformativeText("If you don't, the changes since your last save are gone.")
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Save:
            return self._save_now()
        return True

    # ---------------------------------------------------------------- analysis results

    def _on_text_changed(self) -> None:
        self.controller.text_changed()
        if self.draft_id is not None:
            self._autosave_timer.start()
        if self._problem == "too_long" and len(self.current_text()) <= engine().MAX_CHARS:
            self._problem = ""
            self.hide_banner("too_long")

    @Slot(int, str, object)
    def _on_report(self, revision: int, text: str, report: Report) -> None:
        self.report, self.report_text, self.report_revision = report, text, revision
        self._render()
        self.state_label.setText("Checked." if self.controller.state == "ready" else
                                 "Grammar checked; sentences are not judged without the model.")
        if self._send_waiting:
            self._send_waiting = False
            self._open_send_dialog()

    def _render(self) -> None:
        """Draw the current report with the user's dismissals."""
        if self.report is None or self.controller.paused:
            return
        if self.report_revision != self.controller.revision:
            self.controller.check_now()  # the text moved on; a fresh report is coming
            return
        marks = build_marks(self.editor.document(), self.report_text, self.report,
                            self.dismissals)
        self.editor.set_marks(marks)
        if self.controller.state == "failed":  # grammar only: there is no verdict to show
            self.report_shown.emit()
            return
        self.verdict = verdict(self.report, self.dismissals)
        self.side_panel.show_report(self.report, self.verdict, self.dismissals)
        self.suggestions.show_sentence(None)
        self._update_suggestions()
        self.report_shown.emit()

    def _on_analysis_failed(self, message: str) -> None:
        self.state_label.setText("The check failed.")
        self.show_banner(f"This check did not work: {message} Your text is kept as it is.",
                         kind="check")

    def _on_too_long(self, length: int) -> None:
        self._problem = "too_long"
        self.editor.clear_marks()
        self.report = self.verdict = None
        self.side_panel.show_state("Not checked", "The draft is too long to check at once.")
        self.show_banner(
            f"This draft has {length:,} characters; Amends checks up to "
            f"{engine().MAX_CHARS:,} at a "
            "time. Your text is kept as it is; split it into parts to check it.",
            kind="too_long")
        self._fail_waiting_send("The draft is too long to check at once.")

    def _on_loading(self, message: str) -> None:
        self.show_banner(LOADING_TEXT if message.startswith("Loading the language")
                         else message, kind="loading")
        self.state_label.setText(message)
        self.side_panel.show_state("Getting ready", "Loading the language model…")

    def _on_loaded(self) -> None:
        if self._problem == "model":
            self._problem = ""
        self.hide_banner("loading")
        self.hide_banner("model")
        self.state_label.setText("Ready.")
        self._show_idle_state()

    def _on_load_failed(self, message: str) -> None:
        self._problem = "model"
        self.show_banner(
            f"The language model could not be loaded: {message} Your text is safe here: you "
            "can keep writing and save it, and grammar marks still work, but sentences are "
            "not judged until this is fixed (Settings ▸ Model, or `amends doctor`).",
            kind="model")
        self.state_label.setText("Not judging sentences: the model is missing.")
        self.side_panel.show_state("Not checked", "The language model is not available.")
        self._fail_waiting_send("The language model is not available, so Amends could not "
                                "check this draft.")

    def _on_busy(self, busy: bool) -> None:
        if busy:
            self.state_label.setText("Checking…")

    def _show_idle_state(self) -> None:
        if self.controller.paused:
            self.side_panel.show_state(
                "Checking is paused",
                "Marks are off for this draft. Turn checking back on with View ▸ Pause "
                "checking (Ctrl+Shift+P).")
        elif self.controller.state == "ready" and not self.current_text().strip():
            self.side_panel.show_state("Nothing to check yet", "Start writing on the left.")

    # ---------------------------------------------------------------- suggestions

    def current_flag(self) -> Mark | None:
        return self.editor.flag_at(self.editor.textCursor().position())

    def _update_suggestions(self) -> None:
        mark = self.current_flag()
        self.suggestions.show_sentence(mark.sentence if mark else None)

    def apply_first_suggestion(self) -> bool:
        first = self.suggestions.first
        return first is not None and self.apply_suggestion(first)

    @Slot(object)
    def apply_suggestion(self, suggestion: Suggestion) -> bool:
        """Put ``suggestion`` in place of the flagged sentence under the cursor: one undo step."""
        mark = self.current_flag()
        if mark is None or mark.sentence is None:
            self.statusBar().showMessage("Put the cursor in a marked sentence first.", 5000)
            return False
        text = self.current_text()
        offsets = OffsetMap(text)
        start, end = offsets.to_code_point(mark.start), offsets.to_code_point(mark.end)
        if text[start:end] != mark.sentence.text:
            self.statusBar().showMessage(
                "That sentence changed since it was checked; try again in a moment.", 5000)
            self.controller.check_now()
            return False
        edit = apply_replacement(text, start, end, suggestion.replacement)
        cursor = self.editor.select_span(offsets.to_utf16(edit.removed_start),
                                         offsets.to_utf16(edit.removed_end))
        cursor.beginEditBlock()
        cursor.insertText(suggestion.replacement)
        cursor.endEditBlock()
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()
        self.statusBar().showMessage("Applied. Ctrl+Z puts the sentence back.", 5000)
        self.controller.check_now()
        return True

    def ignore_current(self) -> None:
        mark = self.current_flag()
        if mark is None or mark.sentence is None:
            return
        self.dismissals.ignored_sentences.add(engine().model_text(mark.sentence.text))
        self.statusBar().showMessage(
            "This sentence won't be marked in this session (View ▸ Show everything again "
            "brings it back).", 8000)
        self._render()

    def set_kind_flagged(self, label: str, flagged: bool) -> None:
        """Turn flagging of one kind of sentence off or back on for this session."""
        if flagged:
            self.dismissals.hidden_labels.discard(label)
        else:
            self.dismissals.hidden_labels.add(label)
            self.statusBar().showMessage(
                f"Sentences that {LABELS[label].reason} won't be flagged in this session. "
                "View ▸ Flag these kinds turns it back on.", 8000)
        self._render()

    def show_everything(self) -> None:
        self.dismissals.ignored_sentences.clear()
        for action in self.kind_actions.values():
            action.blockSignals(True)
            action.setChecked(True)
            action.blockSignals(False)
        self.dismissals.hidden_labels.clear()
        self._render()

    def jump(self, forward: bool) -> None:
        if self.editor.jump(forward) is None:
            self.statusBar().showMessage("Nothing is marked.", 3000)
        self.editor.setFocus()

    def check_now(self) -> None:
        if self.controller.paused:
            self.pause_action.setChecked(False)
        elif self.controller.state == "ready":
            self.controller.check_now()
        else:
            self.statusBar().showMessage("The language model is not ready yet.", 5000)

    def set_paused(self, paused: bool) -> None:
        """Pause checking for this draft: marks and suggestions go away until it is back on."""
        if paused:
            self._paused.add(self.draft_id)
        else:
            self._paused.discard(self.draft_id)
        self.controller.set_paused(paused)
        if paused:
            self.editor.clear_marks()
            self.report = self.verdict = None
            self.suggestions.show_sentence(None)
            self._show_idle_state()
            self.state_label.setText("Checking is paused for this draft.")
        else:
            self.state_label.setText("Checking…")
            self.side_panel.show_state("Checking…", "")

    # ---------------------------------------------------------------- sending

    def check_before_sending(self) -> None:
        """Show the verdict for the current text; copy only if ready or confirmed."""
        if self.controller.paused or self.controller.state == "failed":
            why = ("Checking is paused for this draft." if self.controller.paused else
                   "The language model is not available, so Amends could not check it.")
            self._open_send_dialog(problem=why)
        elif self._problem == "too_long":
            self._open_send_dialog(problem="The draft is too long to check at once.")
        elif (self.report is None or self.report_revision != self.controller.revision
              or self.controller.state != "ready"):
            self._send_waiting = True
            self.state_label.setText("Checking the draft before sending…")
            if self.controller.state == "ready":
                self.controller.check_now()
        else:
            self._open_send_dialog()

    def _fail_waiting_send(self, problem: str) -> None:
        if self._send_waiting:
            self._send_waiting = False
            self._open_send_dialog(problem=problem)

    def _open_send_dialog(self, problem: str = "") -> None:
        text = self.current_text()
        dialog = SendCheckDialog(self, None if problem else self.verdict, problem)
        dialog.copy_confirmed.connect(lambda: self._copy(text))
        dialog.finished.connect(dialog.deleteLater)
        self.send_dialog = dialog
        dialog.open()

    def _copy(self, text: str) -> None:
        copy_to_clipboard(text)
        self.statusBar().showMessage(
            "Copied. Paste it into your message app when you are ready.", 8000)

    # ---------------------------------------------------------------- saving

    def save(self) -> None:
        """Save a version to the vault (opening it first if needed); the text stays here."""
        text = self.current_text()
        if not text.strip():
            self.statusBar().showMessage("There is nothing to save yet.", 4000)
            return
        title = self.draft_title or default_title(text)
        ready = self.verdict.ready if self.verdict and not self.controller.pending() else None
        self.state_label.setText("Saving…")
        self._saving_text = text
        self.vault_session.save(self.draft_id, title, text, ready)

    def _save_now(self) -> bool:
        """Save and wait for the disk (only when closing or replacing the text)."""
        text = self.current_text()
        title = self.draft_title or default_title(text)
        try:
            draft_id = self.vault_session.save_blocking(self.draft_id, title, text)
        except Exception as exc:
            QMessageBox.warning(self, APP_NAME, f"The draft could not be saved: "
                                f"{user_message(exc)} It is still in the window.")
            return False
        self.draft_id, self.draft_title = draft_id, title
        self.editor.document().setModified(False)
        return True

    def _unlock_and_save(self) -> None:
        waiting = self.vault_session.take_waiting()
        if self.ensure_vault() is None:
            self.state_label.setText("Not saved.")
            self.vault_recovery.on_lost()
            return
        for job in waiting:
            self.vault_session.save(*job)

    def _autosave(self) -> None:
        if self.draft_id is not None and self.vault_session.is_open:
            self._saving_text = self.current_text()
            self.vault_session.autosave(self.draft_id, self._saving_text)

    def _on_vault_opened(self) -> None:
        needs = self.vault_session.needs()
        if needs != self.controller.needs:
            self.controller.needs = needs
            self.controller.text_changed()

    def _on_saved(self, draft_id: int, version: int) -> None:
        if self.draft_id is None:
            self.draft_id = draft_id
            if None in self._paused:
                self._paused.discard(None)
                self._paused.add(draft_id)
            self.hide_banner("gone")
        if draft_id == self.draft_id:
            self.draft_title = self.draft_title or default_title(self.current_text())
            if self.current_text() == self._saving_text:  # nothing typed since the save
                self.editor.document().setModified(False)
            self._update_title()
        self.hide_banner("lost")
        self.state_label.setText(f"Saved (version {version}).")

    def _on_save_failed(self, message: str) -> None:
        self.state_label.setText("Not saved.")
        self.show_banner(f"The draft could not be saved: {message} Your text is still here; "
                         "nothing was lost.", kind="save")

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.draft_title} — {APP_NAME}" if self.draft_title
                            else APP_NAME)

    # ---------------------------------------------------------------- banner and closing

    def show_banner(self, text: str, *, kind: str = "", action: str = "",
                    slot: Any = None) -> None:
        """Say a problem above the editor; ``action``/``slot`` add one button to fix it.

        A vault problem (its button saves the person's text) is never pushed aside by a
        message about checking; that one goes to the status bar instead."""
        if (self.banner.kind in VAULT_KINDS and kind not in VAULT_KINDS
                and not self.banner.isHidden()):
            self.statusBar().showMessage(text, 10_000)
            return
        self.banner.say(text, kind=kind, action=action, slot=slot)

    def hide_banner(self, kind: str | None = None) -> None:
        self.banner.clear(kind)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.keep_current_text():
            event.ignore()
            return
        QSettings().setValue("window/geometry", self.saveGeometry())
        self.controller.shutdown()
        self._close_engine()
        if self._autosave_timer.isActive():  # the last seconds of typing go in too
            self._autosave_timer.stop()
            self._autosave()
        try:
            self.vault_session.close()
        except Exception as exc:
            log.warning("Closing the vault failed: %s", type(exc).__name__)
        event.accept()
