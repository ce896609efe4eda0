"""The settings dialog: grammar engine and dialect, model folder, rewrite rules (and the
user's own rules folder), personal words (and a word list file), theme.

It edits a copy of the loaded :class:`Settings` and writes it with :func:`save_settings`
only on Save, so Cancel leaves the file as it was. Choosing a LanguageTool server that is not
this computer means drafts leave the machine, so that needs an explicit yes first. The rule
list is read (every rule compiled and checked) on a worker thread, so the dialog opens at once.
"""

from __future__ import annotations

import contextlib
import copy
import logging
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import paths
from desktop.grammar import GrammarUnavailableError
from desktop.grammar.languagetool_http import server_for_url
from desktop.grammar.preferences import add_word, read_dictionary
from desktop.rewrite.loader import RuleSet, load_rules
from desktop.settings import Settings, SettingsError, load_settings, save_settings

log = logging.getLogger(__name__)

HARPER, LT_LOCAL, LT_SERVER, OFF = "harper", "languagetool-local", "languagetool-server", "off"
ENGINE_CHOICES = (
    (HARPER, "Harper, on this computer (recommended)"),
    (LT_LOCAL, "LanguageTool, on this computer"),
    (LT_SERVER, "LanguageTool server"),
    (OFF, "Off: no grammar or spelling marks"),
)
THEMES = (("system", "Same as the system"), ("light", "Light"), ("dark", "Dark"))
DIALECTS = (("american", "American English"), ("british", "British English"),
            ("canadian", "Canadian English"), ("australian", "Australian English"))
SERVER_NOTE = ("A server checks your drafts by receiving their text. Use one on this "
               "computer (http://localhost:…) unless you run the server yourself or trust "
               "whoever does.")


def model_folder_problem(folder: str) -> str:
    """Why ``folder`` cannot be the model folder, in one line; '' when it looks right."""
    if not folder.strip():
        return ""
    path = Path(folder.strip()).expanduser()
    if not path.exists():
        return f"The folder {path} does not exist. Choose another, or leave this empty."
    if not path.is_dir():
        return f"{path} is a file, not a folder. Choose the folder that holds the model."
    if not (path / "modules.json").is_file() and not (path / "config.json").is_file():
        return (f"{path} does not hold a sentence-transformers model (there is no "
                "modules.json or config.json in it).")
    return ""


def rules_folder_problem(folder: str) -> str:
    """Why ``folder`` cannot hold the user's rewrite rules, in one line; '' when it can."""
    if not folder.strip():
        return ""
    path = Path(folder.strip()).expanduser()
    if not path.is_dir():
        return (f"The rules folder {path} does not exist or is not a folder. Choose another, "
                "or leave this empty.")
    return ""


def dictionary_file_problem(file: str) -> str:
    """Why ``file`` cannot be the personal dictionary, in one line; '' when it can."""
    if not file.strip():
        return ""
    try:
        read_dictionary(Path(file.strip()).expanduser())
    except GrammarUnavailableError as exc:
        return str(exc)
    return ""


class _RulesSignals(QObject):
    loaded = Signal(object)


class _RulesJob(QRunnable):
    """Reads the rule files off the GUI thread: compiling and checking them takes a second."""

    def __init__(self, folders: list[Path], signals: _RulesSignals) -> None:
        super().__init__()
        self.folders, self.signals = folders, signals

    def run(self) -> None:
        try:
            rule_set: RuleSet | None = load_rules(self.folders)
        except Exception as exc:  # a broken rules folder must not break the settings
            log.warning("Could not read the rewrite rules: %s", type(exc).__name__)
            rule_set = None
        with contextlib.suppress(RuntimeError):  # the dialog closed while they were read
            self.signals.loaded.emit(rule_set)


def _engine_of(settings: Settings) -> str:
    grammar = settings.grammar
    if grammar.engine == "languagetool":
        return LT_SERVER if grammar.languagetool_url.strip() else LT_LOCAL
    return grammar.engine if grammar.engine in (HARPER, OFF) else HARPER


class SettingsDialog(QDialog):
    """Edits settings.toml; emits :attr:`saved` with the new settings after writing them."""

    saved = Signal(object)
    rules_shown = Signal()

    def __init__(self, parent: QWidget | None = None, *, path: Path | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.load_problem = ""
        try:
            loaded = load_settings(path)
        except SettingsError as exc:
            self.load_problem = f"{exc} Saving here will replace it with these settings."
            loaded = Settings()
        self.original = loaded
        self.settings = copy.deepcopy(loaded)
        self.setWindowTitle("Settings")
        self.setAccessibleName("Settings")
        self.resize(640, 520)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Settings sections")
        self.tabs.addTab(self._grammar_tab(), "&Grammar")
        self.tabs.addTab(self._model_tab(), "&Model")
        self.tabs.addTab(self._rules_tab(), "&Rewrite rules")
        self.tabs.addTab(self._dictionary_tab(), "&Personal words")
        self.tabs.addTab(self._theme_tab(), "&Appearance")

        self.problem = QLabel(self.load_problem)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Problem")
        self.problem.setStyleSheet("font-weight: bold")
        self.problem.setVisible(bool(self.load_problem))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName("Save settings")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    # ---------------------------------------------------------------- tabs

    def _grammar_tab(self) -> QWidget:
        grammar = self.settings.grammar
        page = QWidget()
        form = QFormLayout(page)
        self.engine = QComboBox()
        self.engine.setAccessibleName("Grammar engine")
        for key, label in ENGINE_CHOICES:
            self.engine.addItem(label, key)
        self.engine.setCurrentIndex(self.engine.findData(_engine_of(self.settings)))
        form.addRow(self._caption("Grammar &engine:", self.engine), self.engine)

        self.dialect = QComboBox()
        self.dialect.setAccessibleName("English dialect")
        for key, label in DIALECTS:
            self.dialect.addItem(label, key)
        self.dialect.setCurrentIndex(max(self.dialect.findData(grammar.dialect), 0))
        form.addRow(self._caption("&Dialect:", self.dialect), self.dialect)

        self.lt_path = QLineEdit(grammar.languagetool_path)
        self.lt_path.setAccessibleName("LanguageTool folder")
        self.lt_path.setPlaceholderText("Empty: the LanguageTool that was downloaded for Amends")
        form.addRow(self._caption("LanguageTool &folder:", self.lt_path), self.lt_path)

        self.server_url = QLineEdit(grammar.languagetool_url)
        self.server_url.setAccessibleName("LanguageTool server address")
        self.server_url.setPlaceholderText("http://localhost:8081")
        form.addRow(self._caption("Server &address:", self.server_url), self.server_url)
        self.server_note = QLabel(SERVER_NOTE)
        self.server_note.setWordWrap(True)
        self.server_note.setAccessibleName("Privacy note")
        form.addRow(self.server_note)
        self.engine.currentIndexChanged.connect(self._engine_changed)
        self._engine_changed()
        return page

    def _engine_changed(self) -> None:
        choice = self.engine.currentData()
        self.lt_path.setEnabled(choice == LT_LOCAL)
        self.server_url.setEnabled(choice == LT_SERVER)
        self.server_note.setVisible(choice == LT_SERVER)

    def _model_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        explain = QLabel("Amends reads your sentences with a small language model on this "
                         "computer. Leave this empty to use the one built in, or choose a "
                         "folder holding another sentence-transformers model.")
        explain.setWordWrap(True)
        self.model_path, row = self._path_row(
            "Model &folder:", "Model folder", self.settings.analysis.model_path,
            "Empty: the built-in model", "Choose the model folder", folder=True)
        self.model_path.textChanged.connect(self._check_model)
        self.model_status = QLabel()
        self.model_status.setWordWrap(True)
        self.model_status.setAccessibleName("Model folder status")
        layout.addWidget(explain)
        layout.addLayout(row)
        layout.addWidget(self.model_status)
        layout.addStretch(1)
        self._check_model()
        return page

    def _path_row(self, caption: str, name: str, value: str, placeholder: str,
                  title: str, *, folder: bool) -> tuple[QLineEdit, QHBoxLayout]:
        """A captioned path field with a Browse… button (a folder or a file chooser)."""
        field = QLineEdit(value)
        field.setAccessibleName(name)
        field.setPlaceholderText(placeholder)
        browse = QPushButton("&Browse…")
        browse.setAccessibleName(title)

        def pick() -> None:
            chosen = (QFileDialog.getExistingDirectory(self, title, field.text()) if folder
                      else QFileDialog.getOpenFileName(self, title, field.text())[0])
            if chosen:
                field.setText(chosen)

        browse.clicked.connect(pick)
        row = QHBoxLayout()
        row.addWidget(self._caption(caption, field))
        row.addWidget(field, 1)
        row.addWidget(browse)
        return field, row

    def _check_model(self) -> None:
        problem = model_folder_problem(self.model_path.text())
        if problem:
            self.model_status.setText(problem)
        elif self.model_path.text().strip():
            self.model_status.setText("This folder holds a model. Amends will use it after "
                                      "a restart.")
        else:
            self.model_status.setText("Using the built-in model.")

    def _rules_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        explain = QLabel("Each rule suggests a rewrite for one kind of sentence. Untick a "
                         "rule to stop its suggestions.")
        explain.setWordWrap(True)
        self.rule_filter = QLineEdit()
        self.rule_filter.setAccessibleName("Filter rules")
        self.rule_filter.setPlaceholderText("Filter rules")
        self.rule_filter.textChanged.connect(self._filter_rules)
        self.rules = QListWidget()
        self.rules.setAccessibleName("Rewrite rules; ticked rules are on")
        self.rules.setEnabled(False)
        self.rules_status = QLabel("Reading the rules…")
        self.rules_status.setAccessibleName("Rules status")
        self.rule_ids: set[str] | None = None
        """None until the rules are read; until then Save keeps the switched-off rules."""
        folders = [paths.rewrite_rules_dir()]
        user_dir = self.settings.rewrite.user_rules_dir.strip()
        if user_dir:
            folders.append(Path(user_dir).expanduser())
        self._rule_signals = _RulesSignals(self)
        self._rule_signals.loaded.connect(self._show_rules)
        self._rule_pool = QThreadPool(self)
        self._rule_pool.start(_RulesJob(folders, self._rule_signals))
        self.rules_dir, folder_row = self._path_row(
            "Your rules f&older:", "Your rules folder", self.settings.rewrite.user_rules_dir,
            "Empty: only the rules that come with Amends", "Choose your rules folder",
            folder=True)
        row = QHBoxLayout()
        all_on = QPushButton("Turn all &on")
        all_on.setAccessibleName("Turn all rules on")
        all_on.clicked.connect(lambda: self._set_all_rules(True))
        row.addWidget(all_on)
        row.addStretch(1)
        layout.addWidget(explain)
        layout.addWidget(self.rule_filter)
        layout.addWidget(self.rules, 1)
        layout.addWidget(self.rules_status)
        layout.addLayout(row)
        layout.addLayout(folder_row)
        return page

    def _show_rules(self, rule_set: RuleSet | None) -> None:
        if rule_set is None:
            self.rules_status.setText("The rules could not be read; your choices are kept.")
            return
        disabled = set(self.settings.rewrite.disabled_rules)
        for rule in sorted(rule_set.rules, key=lambda r: r.id):
            first = rule.explain("…").split(". ")[0].rstrip(".")
            item = QListWidgetItem(f"{rule.id} — {first}")
            item.setData(Qt.ItemDataRole.UserRole, rule.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if rule.id in disabled
                               else Qt.CheckState.Checked)
            item.setToolTip(rule.explain("…"))
            self.rules.addItem(item)
        self.rule_ids = {rule.id for rule in rule_set.rules}
        self.rules.setEnabled(True)
        problems = "".join(f"\n{line}" for line in rule_set.problems)
        self.rules_status.setText(f"{len(self.rule_ids)} rules.{problems}")
        self.rules_status.setWordWrap(True)
        self._filter_rules(self.rule_filter.text())
        self.rules_shown.emit()

    def _filter_rules(self, text: str) -> None:
        needle = text.casefold().strip()
        for row in range(self.rules.count()):
            item = self.rules.item(row)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def _set_all_rules(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for row in range(self.rules.count()):
            self.rules.item(row).setCheckState(state)

    def _dictionary_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        explain = QLabel("Names and other words that are never spelling mistakes.")
        explain.setWordWrap(True)
        self.words = QListWidget()
        self.words.setAccessibleName("Personal words")
        self.words.addItems(self.settings.grammar.dictionary)
        row = QHBoxLayout()
        self.new_word = QLineEdit()
        self.new_word.setAccessibleName("New word")
        self.new_word.setPlaceholderText("A name or word")
        self.new_word.returnPressed.connect(self.add_word)
        add = QPushButton("A&dd")
        add.setAccessibleName("Add word")
        add.clicked.connect(self.add_word)
        remove = QPushButton("Re&move")
        remove.setAccessibleName("Remove selected word")
        remove.clicked.connect(self.remove_word)
        row.addWidget(self._caption("&Word:", self.new_word))
        row.addWidget(self.new_word, 1)
        row.addWidget(add)
        row.addWidget(remove)
        self.word_status = QLabel()
        self.word_status.setAccessibleName("Personal words status")
        self.dictionary_file, file_row = self._path_row(
            "Word &list file:", "Personal word list file", self.settings.grammar.dictionary_path,
            "Empty: only the words above (or a text file, one word a line)",
            "Choose a word list file", folder=False)
        layout.addWidget(explain)
        layout.addWidget(self.words, 1)
        layout.addLayout(row)
        layout.addWidget(self.word_status)
        layout.addLayout(file_row)
        return page

    def add_word(self) -> None:
        word = self.new_word.text().strip()
        try:
            add_word(self.settings.grammar, word)
        except ValueError as exc:
            self.word_status.setText(str(exc))
            return
        if not self.words.findItems(word, Qt.MatchFlag.MatchExactly):
            self.words.addItem(word)
        self.new_word.clear()
        self.word_status.setText(f"Added “{word}”.")

    def remove_word(self) -> None:
        item = self.words.currentItem()
        if item is None:
            self.word_status.setText("Select a word to remove.")
            return
        word = item.text()
        self.words.takeItem(self.words.row(item))
        self.settings.grammar.dictionary = [w for w in self.settings.grammar.dictionary
                                            if w != word]
        self.word_status.setText(f"Removed “{word}”.")

    def _theme_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.theme = QComboBox()
        self.theme.setAccessibleName("Theme")
        for key, label in THEMES:
            self.theme.addItem(label, key)
        index = self.theme.findData(self.settings.app.theme)
        self.theme.setCurrentIndex(max(index, 0))
        form.addRow(self._caption("&Theme:", self.theme), self.theme)
        return page

    @staticmethod
    def _caption(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    # ---------------------------------------------------------------- saving

    def _say(self, line: str) -> None:
        self.problem.setText(line)
        self.problem.setVisible(bool(line))

    def collect(self) -> Settings | None:
        """The edited settings, or None after saying (and focusing) what needs fixing."""
        result = copy.deepcopy(self.settings)
        grammar = result.grammar
        choice = self.engine.currentData()
        grammar.engine = "languagetool" if choice in (LT_LOCAL, LT_SERVER) else choice
        grammar.languagetool_path = self.lt_path.text().strip()
        grammar.dialect = self.dialect.currentData()
        if choice == LT_SERVER:
            url = self.server_url.text().strip()
            if not url:
                return self._refuse(0, self.server_url, "Type the server's address, for "
                                    "example http://localhost:8081.")
            try:
                server = server_for_url(url, allow_remote=True)
            except GrammarUnavailableError as exc:
                return self._refuse(0, self.server_url, str(exc))
            if server.loopback:
                grammar.allow_remote_server = False
            elif not self._remote_already_allowed(url) and not self.confirm_remote(server.shown):
                return self._refuse(0, self.server_url, "The server was not saved. Choose a "
                                    "server on this computer, or another engine.")
            else:
                grammar.allow_remote_server = True
            grammar.languagetool_url = url
        else:
            grammar.languagetool_url = ""
            grammar.allow_remote_server = False

        problem = model_folder_problem(self.model_path.text())
        if problem:
            return self._refuse(1, self.model_path, problem)
        result.analysis.model_path = self.model_path.text().strip()
        problem = rules_folder_problem(self.rules_dir.text())
        if problem:
            return self._refuse(2, self.rules_dir, problem)
        result.rewrite.user_rules_dir = self.rules_dir.text().strip()
        problem = dictionary_file_problem(self.dictionary_file.text())
        if problem:
            return self._refuse(3, self.dictionary_file, problem)
        grammar.dictionary_path = self.dictionary_file.text().strip()

        if self.rule_ids is not None:  # else the list is still loading: keep what was saved
            unticked = {self.rules.item(r).data(Qt.ItemDataRole.UserRole)
                        for r in range(self.rules.count())
                        if self.rules.item(r).checkState() != Qt.CheckState.Checked}
            unknown = [r for r in result.rewrite.disabled_rules if r not in self.rule_ids]
            result.rewrite.disabled_rules = sorted(unticked) + unknown
        result.grammar.dictionary = [self.words.item(r).text()
                                     for r in range(self.words.count())]
        result.app.theme = self.theme.currentData()
        return result

    def _remote_already_allowed(self, url: str) -> bool:
        before = self.original.grammar
        return (before.allow_remote_server and before.engine == "languagetool"
                and before.languagetool_url.strip() == url)

    def _refuse(self, tab: int, field: QWidget, line: str) -> None:
        self.tabs.setCurrentIndex(tab)
        field.setFocus()
        self._say(line)
        return None

    def confirm_remote(self, shown: str) -> bool:
        """Ask before drafts may go to a server off this computer; No is the default."""
        box = QMessageBox(QMessageBox.Icon.Warning, "Send drafts to another computer?",
                          f"{shown} is not this computer. Every draft Amends checks would be "
                          "sent there, and whoever runs that server could read it.\n\n"
                          "Only continue if you run this server yourself or fully trust "
                          "whoever does.", parent=self)
        box.setObjectName("remote-server-warning")
        box.setAccessibleName(box.windowTitle())
        send = box.addButton("&Send drafts to this server", QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton("&Keep drafts here", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        chosen = box.clickedButton() is send
        box.deleteLater()
        log.info("Remote grammar server %s", "allowed" if chosen else "refused")
        return chosen

    def accept(self) -> None:
        result = self.collect()
        if result is None:
            return
        try:
            save_settings(result, self.path)
        except OSError as exc:
            self._say(f"The settings could not be saved ({exc.strerror or exc}); check that "
                      "the settings folder is writable.")
            return
        self.settings = result
        log.info("Settings saved")
        self.saved.emit(result)
        super().accept()
