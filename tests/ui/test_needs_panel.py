"""The partner's needs: kept sealed in a real vault, edited in one list view (500 entries
stay usable), and shown beside the draft after it is checked again by the real engine."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from desktop.analysis.report import NeedReport, Report, SentenceReport
from desktop.commitments.needs import AGAINST, CLEAR, SPEAKS_TO, needs_checklist
from desktop.ui.needs_panel import NeedsDialog, NeedsPanel
from desktop.ui.repair import VaultLink
from desktop.vault import Vault
from tests.ui.conftest import type_text, wait_for_report
from tests.ui.test_commitments_panel import assert_reachable, main_window, tools, vault
from tests.vault.conftest import data_dir, keyring_env, real_keyring, vault_path

__all__ = ["data_dir", "keyring_env", "main_window", "real_keyring", "vault", "vault_path"]


def panel_for(qtbot, vault: Vault) -> NeedsPanel:
    host = QWidget()
    qtbot.addWidget(host)
    panel = NeedsPanel(VaultLink(host, vault), host)
    panel.reload()
    host.show()
    return panel


def test_add_edit_switch_remove_and_undo(qtbot, vault, vault_path):
    panel = panel_for(qtbot, vault)
    assert "Nothing written down yet" in panel.status.text()
    changes = []
    panel.changed.connect(changes.append)
    panel.entry.setText("  I need the weekends to myself ")
    panel.add_button.click()
    assert panel.entry.text() == ""
    panel.entry.setText("Don't mention her name")
    panel.kind.setCurrentIndex(1)
    qtbot.keyClick(panel.entry, Qt.Key.Key_Return)
    assert [(n.text, n.kind) for n in vault.needs()] == [
        ("I need the weekends to myself", "need"), ("Don't mention her name", "boundary")]
    assert changes[-1] == ["I need the weekends to myself", "Don't mention her name"]

    panel.select_row(0)  # edit in place, through the model, as F2 does
    index = panel.view.currentIndex()
    assert panel.proxy.setData(index, "I need the weekends to myself, no texts")
    assert vault.need(vault.needs()[0].id).text == "I need the weekends to myself, no texts"
    assert not panel.proxy.setData(index, "   ")  # an empty edit keeps the old words
    assert "cannot be empty" in panel.status.text()
    panel.kind_button.click()
    assert vault.needs()[0].kind == "boundary"

    panel.select_row(1)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert [n.text for n in vault.needs()] == ["I need the weekends to myself, no texts"]
    panel.undo_button.click()
    assert [(n.text, n.kind) for n in vault.needs()][-1] == ("Don't mention her name",
                                                             "boundary")
    assert changes[-1] == ["I need the weekends to myself, no texts", "Don't mention her name"]
    vault.close()
    stored = vault_path.read_bytes()
    for words in (b"weekends to myself", b"mention her name"):
        assert words not in stored  # sealed, never plain text on disk


def test_empty_and_repeated_needs_are_refused_with_a_message(qtbot, vault):
    panel = panel_for(qtbot, vault)
    panel.entry.setText("   ")
    panel.add_button.click()
    assert "Write the need first" in panel.status.text() and vault.needs() == []
    panel.add("Answer my questions honestly")
    panel.entry.setText("answer my  questions HONESTLY")
    panel.add_button.click()
    assert "already in the list" in panel.status.text()
    assert panel.entry.text() == "answer my  questions HONESTLY"  # the typing is kept
    assert len(vault.needs()) == 1


def test_five_hundred_needs_stay_usable(qtbot, vault):
    for number in range(500):
        vault.add_need(f"Need number {number}: check in with me at {number % 12 + 1} o'clock",
                       "boundary" if number % 5 == 0 else "need")
    started = time.perf_counter()
    panel = panel_for(qtbot, vault)
    assert time.perf_counter() - started < 5
    assert panel.model.rowCount() == 500 and "500 entries" in panel.status.text()
    assert len(panel.findChildren(QWidget)) < 60  # one list view, not a widget per need
    panel.filter.setText("number 42:")
    assert panel.proxy.rowCount() == 1 and "1 of 500 entries shown" in panel.status.text()
    panel.view.setCurrentIndex(panel.proxy.index(0, 0))
    assert panel.proxy.setData(panel.view.currentIndex(), "Need 42, in new words")
    assert "Need 42, in new words" in [n.text for n in vault.needs()]
    panel.filter.clear()
    panel.select_row(499)
    panel.remove_button.click()
    assert panel.model.rowCount() == 499 and len(vault.needs()) == 499


def test_the_needs_dialog_is_keyboard_reachable(main_window, vault):
    vault.add_need("I need space this weekend")
    dialog = tools(main_window).show_needs()
    assert isinstance(dialog, NeedsDialog)
    assert_reachable(dialog)
    assert dialog.panel.entry.hasFocus() or dialog.focusWidget() is dialog.panel.entry
    assert isinstance(dialog.panel.entry, QLineEdit)
    assert dialog.panel.model.rowCount() == 1


def _sentence(index: int, text: str, label: str, family: str, flagged: bool = False,
              needs: tuple[str, ...] = ()) -> SentenceReport:
    return SentenceReport(index * 50, index * 50 + len(text), text, label, family, 0.9, 0.9,
                          "", flagged=flagged, needs=needs)


def test_the_checklist_orders_against_then_speaks_to_then_clear():
    report = Report(False, [], {}, [
        _sentence(0, "I'll give you all the space you asked for.", "partner_needs",
                  "accountable"),
        _sentence(1, "When can we put this behind us?", "forgiveness_pressure", "approval",
                  flagged=True, needs=("Please don't rush me",)),
    ], needs=[NeedReport("Please don't rush me", "it asks them to move faster than they "
                                                 "chose", 1)])
    statuses = needs_checklist(["No texts after 9pm", "I need space", "Please don't rush me",
                                "I need space", "  "], report)
    assert [(s.need, s.status) for s in statuses] == [
        ("Please don't rush me", AGAINST), ("I need space", SPEAKS_TO),
        ("No texts after 9pm", CLEAR)]
    assert statuses[0].detail == ("Sentence 2 works against it: it asks them to move faster "
                                  "than they chose.")
    assert "space you asked for" in statuses[1].detail and statuses[1].sentence == 0


def test_needs_edits_recheck_the_draft_and_fill_the_checklist(qtbot, window, vault):
    window.vault_session.use(vault)
    qtbot.waitUntil(lambda: window.vault_session.is_open, timeout=5000)
    found = tools(window)
    type_text(qtbot, window, "I lied to you and I am sorry. When can we put this behind us?")
    wait_for_report(qtbot, window)
    assert "No needs written down yet" in found.checklist.summary.text()
    dialog = found.show_needs()
    with qtbot.waitSignal(window.report_shown, timeout=30_000):
        dialog.panel.add("Please don't rush me")
    wait_for_report(qtbot, window)
    assert window.controller.needs == ["Please don't rush me"]
    assert [n.need for n in window.report.needs] == ["Please don't rush me"]
    checklist = found.checklist
    assert [(s.need, s.status) for s in checklist.statuses] == [("Please don't rush me",
                                                                 AGAINST)]
    assert checklist.view.isVisibleTo(window) and checklist.model.rowCount() == 1
    assert_reachable(checklist)
    item = checklist.model.item(0)
    assert item.text().startswith("✗")
    assert "works against it" in item.data(Qt.ItemDataRole.AccessibleTextRole)
    assert "works against 1" in checklist.summary.text()
    with qtbot.waitSignal(window.report_shown, timeout=30_000):
        dialog.panel.select_row(0)
        dialog.panel.remove_button.click()
    wait_for_report(qtbot, window)
    assert window.report.needs == [] and checklist.statuses == []
    dialog.close()
    QApplication.processEvents()
