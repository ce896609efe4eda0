"""Apply with one undo, stale reports dropped, pause, check before sending."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from tests.ui.conftest import type_text, wait_for_report


def put_cursor(win, position):
    cursor = win.editor.textCursor()
    cursor.setPosition(position)
    win.editor.setTextCursor(cursor)


def test_apply_is_one_undo_step_and_the_draft_is_checked_again(qtbot, window):
    draft = "I lied to you about where I was. I'm sorry if you were hurt."
    type_text(qtbot, window, draft)
    wait_for_report(qtbot, window)
    assert window.verdict is not None and not window.verdict.ready
    put_cursor(window, 40)
    assert window.suggestions.rows, "the flagged sentence offers rewrites"
    first = window.suggestions.rows[0]
    first.apply_button.click()
    assert window.current_text() != draft
    wait_for_report(qtbot, window)
    assert window.verdict.ready
    assert window.side_panel.verdict_label.text() == "Ready to send"
    window.editor.undo()
    assert window.current_text() == draft


def test_a_report_for_an_older_revision_is_dropped(qtbot, window, analyzer):
    type_text(qtbot, window, "I lied to you about where I was.")
    wait_for_report(qtbot, window)
    old = analyzer.analyze("It was only texting.")
    dropped = window.controller.dropped
    assert not window.controller.accept(window.controller.revision - 1,
                                        "It was only texting.", old)
    assert window.controller.dropped == dropped + 1
    assert window.report_text == "I lied to you about where I was."


def test_pause_removes_marks_and_stops_checking_until_turned_back_on(qtbot, window):
    type_text(qtbot, window, "It was only texting.")
    wait_for_report(qtbot, window)
    assert window.editor.extraSelections()
    window.pause_action.trigger()
    assert window.editor.extraSelections() == []
    assert window.side_panel.verdict_label.text() == "Checking is paused"
    type_text(qtbot, window, " When can we move on?")
    qtbot.wait(600)
    assert window.editor.extraSelections() == []
    window.pause_action.trigger()
    wait_for_report(qtbot, window)
    assert window.editor.extraSelections()


def test_hiding_a_kind_is_undone_from_the_view_menu(qtbot, window):
    type_text(qtbot, window, "It was only texting.")
    wait_for_report(qtbot, window)
    put_cursor(window, 3)
    label = window.suggestions.sentence.label
    window.suggestions.hide_button.click()
    assert window.editor.extraSelections() == []
    assert window.verdict.set_aside == 1
    window.kind_actions[label].setChecked(True)
    assert window.editor.extraSelections()


def test_send_check_copies_only_after_confirmation(qtbot, window):
    QGuiApplication.clipboard().setText("nothing yet")
    type_text(qtbot, window, "It was only texting.")
    wait_for_report(qtbot, window)
    window.send_action.trigger()
    qtbot.waitUntil(lambda: window.send_dialog is not None and window.send_dialog.isVisible())
    assert window.send_dialog.text() == "Needs revision"
    assert QGuiApplication.clipboard().text() == "nothing yet"
    window.send_dialog.keep_button.click()
    assert QGuiApplication.clipboard().text() == "nothing yet"
    window.send_action.trigger()
    qtbot.waitUntil(lambda: window.send_dialog is not None and window.send_dialog.isVisible())
    window.send_dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == "It was only texting."


def test_a_missing_model_is_said_in_the_window_and_the_text_stays(qtbot, tmp_path):
    from desktop.analysis import Analyzer
    from desktop.ui.main_window import MainWindow

    win = MainWindow(analyzer=Analyzer(grammar="off", trained_dir=tmp_path))
    win.confirm_unsaved = False
    qtbot.addWidget(win)
    win.show()
    win.editor.setPlainText("I lied to you.")
    qtbot.waitUntil(lambda: win.controller.state == "failed", timeout=20_000)
    assert "could not be loaded" in win.banner.text()
    assert win.current_text() == "I lied to you."
