"""The weekly reflection (Repair ▸ This week…): promises kept, practice, the partner's needs.

The words come from ``desktop.commitments.reflection``: calm, addressed to the writer, and
never a score of how forgiven they are. Beside them, the weeks of promises and the practice
chart, drawn from the same records.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.commitments import Ledger
from desktop.commitments.reflection import reflection_for, week_bounds
from desktop.practice import PromptError, load_library, progress
from desktop.ui.progress_chart import ConsistencyTimeline, PracticeChart
from desktop.ui.repair import close_buttons, push_button, text_label
from desktop.ui.worker import user_message

if TYPE_CHECKING:
    from desktop.practice import Library
    from desktop.ui.repair import VaultLink

log = logging.getLogger(__name__)

WEEKS_SHOWN = 12
HEADINGS = ("Promises", "Practice", "What your partner has asked for")


def reflection_html(text: str) -> str:
    """The reflection's plain text as simple HTML: the section names as headings."""
    parts = []
    for block in text.strip().split("\n\n"):
        lines = block.splitlines()
        if lines and lines[0] in HEADINGS:
            parts.append(f"<h3>{html.escape(lines[0])}</h3>")
            lines = lines[1:]
        elif lines and lines[0].startswith("Your week:"):
            parts.append(f"<h2>{html.escape(lines[0])}</h2>")
            lines = lines[1:]
        if lines:
            parts.append("<p>" + "<br>".join(html.escape(line.strip()) for line in lines)
                         + "</p>")
    return "\n".join(parts)


class ReflectionDialog(QDialog):
    """One week at a time; Previous and Next move by a week."""

    def __init__(self, link: VaultLink, parent: QWidget | None = None,
                 library: Library | None = None) -> None:
        super().__init__(parent)
        self.link = link
        self.setWindowTitle("Your week")
        self.setAccessibleName("Weekly reflection")
        try:
            self.library: Library | None = library or load_library()
        except PromptError as exc:
            log.warning("The practice prompts could not be read: %s", exc)
            self.library = None
        self.week_of = dt.date.today()
        self.text = ""
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("This week's reflection")
        self.browser.setOpenLinks(False)
        self.timeline = ConsistencyTimeline()
        self.chart = PracticeChart()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Reflection views")
        self.tabs.addTab(self.browser, "&Reflection")
        self.tabs.addTab(self.timeline, "Promises by &week")
        self.tabs.addTab(self.chart, "Pr&actice")
        week = dt.timedelta(weeks=1)
        self.previous_button = push_button("&Previous week", "Previous week",
                                           lambda: self.show_week(self.week_of - week))
        self.this_button = push_button("T&his week", "This week", lambda: self.show_week())
        self.next_button = push_button("&Next week", "Next week",
                                       lambda: self.show_week(self.week_of + week))
        self.status = text_label("Reflection status")
        row = QHBoxLayout()
        for button in (self.previous_button, self.this_button, self.next_button):
            row.addWidget(button)
        row.addStretch(1)
        close = close_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.resize(720, 600)

    def show_week(self, week_of: dt.date | None = None) -> str:
        """Show the week holding ``week_of`` (default today); returns the text shown."""
        self.week_of = week_of or dt.date.today()
        this_monday, _ = week_bounds(dt.date.today())
        self.next_button.setEnabled(week_bounds(self.week_of)[0] < this_monday)
        vault = self.link.vault(ask=False)
        if vault is None:
            self.status.setText("Your vault is not open yet.")
            return ""
        try:
            self.text = reflection_for(vault, self.week_of, self.library)
            _, sunday = week_bounds(self.week_of)
            self.timeline.set_weeks(Ledger(vault).weekly(WEEKS_SHOWN, sunday))
            titles = {s.id: s.title for s in self.library.situations} if self.library else {}
            self.chart.set_series(progress(vault.practice_attempts(), self.library), titles)
        except Exception as exc:
            self.status.setText(f"This week could not be read: {user_message(exc)}")
            return ""
        self.browser.setHtml(reflection_html(self.text))
        self.status.setText("")
        return self.text
