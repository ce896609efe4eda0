"""Commitments in the app: Mark as sent, the ledger and its weeks, and promises missed twice.

Real widgets (offscreen), a real vault kept by a real (private) Secret Service; no model is
needed here, so the window is built without loading one.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextBrowser,
    QWidget,
)

from desktop.commitments import Ledger
from desktop.ui import repair
from desktop.ui.commitments_panel import LedgerDialog, MarkSentDialog
from desktop.vault import Vault
from tests.vault.conftest import data_dir, keyring_env, real_keyring, vault_path

__all__ = ["data_dir", "keyring_env", "real_keyring", "vault_path"]

SENT = ("I'm sorry I lied about where I was.\n"
        "I'll call you every Tuesday at lunch. I will send you my phone bill by Friday.\n"
        "From now on I'll tell you when she contacts me.")

# ------------------------------------------------------------------ helpers shared by the
# repair-tool tests (practice and needs import them from here)


def assert_reachable(root: QWidget) -> None:
    """Every visible control has a name a screen reader can say and is reached by Tab."""
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QPlainTextEdit,
             QTextBrowser, QTabWidget, QDateEdit)
    chain, widget = [], root.nextInFocusChain()
    while widget is not None and widget is not root and widget not in chain:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, kinds) or isinstance(widget, QHeaderView) \
                or type(widget).__name__ == "QToolButton":
            continue  # headers; tool buttons are the scroll arrows of tab bars
        if isinstance(widget.parentWidget(), kinds) or not widget.isVisibleTo(root):
            continue  # the line edit inside a date edit is part of it
        name = widget.accessibleName()
        assert name, f"{type(widget).__name__} {getattr(widget, 'text', lambda: '')()!r}"
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus, f"{name} takes no Tab focus"
        assert widget in chain, f"{name} is not reached by Tab"


@pytest.fixture
def vault(vault_path: Path) -> Iterator[Vault]:
    opened = Vault.open(vault_path)
    yield opened
    opened.close()


@pytest.fixture
def main_window(qtbot, vault: Vault):
    """The real main window (its engine not loaded: nothing here needs it), vault open."""
    from desktop.analysis import Analyzer
    from desktop.ui.main_window import MainWindow

    window = MainWindow(analyzer=Analyzer(grammar="off"), start_loading=False)
    window.confirm_unsaved = False
    qtbot.addWidget(window)
    window.vault_session.use(vault)
    qtbot.waitUntil(lambda: window.vault_session.is_open, timeout=5000)
    window.show()
    yield window
    tools = repair.tools_of(window)
    if tools is not None:
        tools.history_box.shutdown()
    window.vault_session.close()  # pytest-qt has closed the window already; this is a no-op


def tools(window) -> repair.RepairTools:
    found = repair.tools_of(window)
    assert found is not None
    return found


# ------------------------------------------------------------------ tests


def test_the_repair_menu_and_its_shortcuts(main_window):
    found = tools(main_window)
    texts = {a.text().replace("&", ""): a.shortcut() for a in found.menu.actions()
             if not a.isSeparator()}
    assert texts == {
        "Practise…": QKeySequence("Ctrl+Shift+A"),
        "Partner's needs…": QKeySequence("Ctrl+Shift+N"),
        "Mark as sent…": QKeySequence("Ctrl+Shift+M"),
        "Commitments…": QKeySequence("Ctrl+Shift+L"),
        "This week…": QKeySequence("Ctrl+Shift+W"),
    }
    shortcuts = [a.shortcut() for a in main_window.findChildren(type(found.practise_action))
                 if not a.shortcut().isEmpty()]
    assert len(shortcuts) == len(set(shortcuts)), "a shortcut is used twice"
    assert repair.install(main_window) is found  # once only
    column = main_window.right_column.widget()
    assert found.checklist.parent() is column and found.history_box.parent() is column


def test_mark_as_sent_confirms_edits_and_keeps_with_dates(qtbot, main_window, vault):
    main_window.editor.setPlainText(SENT)
    dialog = tools(main_window).mark_as_sent()
    assert isinstance(dialog, MarkSentDialog)
    assert_reachable(dialog)
    items = dialog.items()
    assert [i.text(0) for i in items] == [
        "I'll call you every Tuesday at lunch", "I will send you my phone bill by Friday",
        "From now on I'll tell you when she contacts me"]
    assert items[0].text(1) == "every Tuesday" and items[1].text(1).startswith("by Fri")
    assert items[2].text(1) == "no date given"
    items[1].setCheckState(0, Qt.CheckState.Unchecked)  # not meant: untick
    items[2].setText(0, "I'll tell you the same day when she contacts me")  # edited wording
    dialog.entry.setText("I'll go to counselling on Thursdays")
    dialog.add_button.click()
    with qtbot.waitSignal(dialog.kept, timeout=5000) as kept:
        dialog.keep_button.click()
    assert len(kept.args[0]) == 3
    entries = Ledger(vault).entries()
    assert [e.text for e in entries] == ["I'll call you every Tuesday at lunch",
                                         "I'll tell you the same day when she contacts me",
                                         "I'll go to counselling on Thursdays"]
    assert str(entries[0].repeat) == "weekly:tue" and entries[1].due is None
    assert str(entries[2].repeat) == "weekly:thu"
    assert all(e.created == dt.date.today() for e in entries)
    assert "Kept 3 promises" in main_window.statusBar().currentMessage()


def test_an_empty_ticked_promise_keeps_nothing_and_says_so(main_window, vault):
    main_window.editor.setPlainText("I'll call you tonight.")
    dialog = tools(main_window).mark_as_sent()
    dialog.items()[0].setText(0, "   ")
    dialog.keep_button.click()
    assert "empty" in dialog.status.text() and dialog.isVisible()
    assert vault.commitments() == []


def test_mark_as_sent_without_a_draft_or_without_promises(main_window):
    assert tools(main_window).mark_as_sent() is None
    assert "no draft" in main_window.statusBar().currentMessage()
    main_window.editor.setPlainText("I'm sorry. I hurt you.")
    dialog = tools(main_window).mark_as_sent()
    assert dialog.items() == []
    assert dialog.focusWidget() is dialog.entry
    assert "No promises were found" in dialog.findChildren(QLabel)[0].text()


def test_the_ledger_marks_kept_and_missed_and_draws_the_weeks(qtbot, main_window, vault):
    ledger = Ledger(vault)
    first = ledger.add("I'll call you every Tuesday at lunch")
    ledger.add("I'll send you my phone bill", due=None)
    ledger.mark(first, "kept", dt.date.today() - dt.timedelta(weeks=3))
    dialog = tools(main_window).show_ledger()
    assert isinstance(dialog, LedgerDialog)
    assert_reachable(dialog)
    assert dialog.tree.topLevelItemCount() == 2
    assert dialog.tree.topLevelItem(1).text(1) == "no date given"
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))
    dialog.day.setDate(QDate.currentDate().addDays(-1))
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        dialog.missed_button.click()
    dialog.day.setDate(QDate.currentDate())
    dialog.kept_button.click()
    row = dialog.tree.topLevelItem(0)
    assert (row.text(2), row.text(3)) == ("2", "1")
    assert row.text(4).startswith("kept ")
    weeks = dialog.timeline.weeks
    assert len(weeks) == 12 and sum(w.kept for w in weeks) == 2
    assert sum(w.missed for w in weeks) == 1
    assert "2 kept and 1 missed" in dialog.timeline.accessibleDescription()
    image = dialog.timeline.image()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 4)
               for y in range(0, image.height(), 4)}
    assert "#27ae60" in colours  # the kept bars are drawn


def test_a_future_mark_is_refused_with_a_clear_message(main_window, vault):
    ledger = Ledger(vault)
    ledger.add("I'll call you tonight")
    dialog = tools(main_window).show_ledger()
    dialog.day.setMaximumDate(QDate.currentDate().addDays(30))
    dialog.day.setDate(QDate.currentDate().addDays(10))
    dialog.kept_button.click()
    assert "future" in dialog.status.text()
    assert ledger.entries()[0].marks == ()


def test_a_promise_missed_twice_is_flagged_beside_the_draft(qtbot, main_window, vault):
    ledger = Ledger(vault)
    first = ledger.add("I'll be home by 7 every weeknight")
    again = ledger.add("I will be home by seven on weeknights")
    ledger.mark(first, "missed", dt.date(2026, 11, 3))
    ledger.mark(again, "missed", dt.date(2026, 11, 17))
    box = tools(main_window).history_box
    box.reload()
    main_window.editor.setPlainText("I know I let you down. From now on I'll be home by 7 "
                                    "on weeknights.")
    qtbot.waitUntil(lambda: bool(box.warnings) and not box.pending(), timeout=5000)
    assert box.isVisibleTo(main_window)
    assert box.label.focusPolicy() & Qt.FocusPolicy.TabFocus  # read out with the keyboard
    text = box.label.text()
    assert "twice before and both times it was missed (3 Nov, 17 Nov)" in text
    assert "home by 7" in text
    main_window.editor.setPlainText("I know I let you down.")
    qtbot.waitUntil(lambda: not box.warnings and not box.pending(), timeout=5000)
    assert not box.isVisibleTo(main_window)


def test_the_weekly_reflection_is_calm_and_never_a_score(main_window, vault):
    ledger = Ledger(vault)
    kept = ledger.add("I'll call you every Tuesday at lunch")
    ledger.mark(kept, "kept", dt.date.today())
    vault.add_need("I need the weekends to myself")
    vault.add_practice("why-01", "an answer", {"approval_share": 0.5, "situation": "why"})
    dialog = tools(main_window).show_reflection()
    assert_reachable(dialog)
    text = dialog.browser.toPlainText()
    assert "You kept 1 and missed 0 this week." in text
    assert "I need the weekends to myself" in text
    assert "You answered 1 practice prompt this week." in text
    assert "does not measure how your partner feels" in text
    for word in ("score", "forgiven ", "%  forgiv", "points"):
        assert word not in text.lower().replace("forgiven they are", "")
    assert not dialog.next_button.isEnabled()  # no weeks ahead
    dialog.previous_button.click()
    assert "You marked no promises kept or missed this week." in dialog.browser.toPlainText()
    assert dialog.next_button.isEnabled()
    assert dialog.chart.series == {"why": dialog.chart.series["why"]}
