"""The side panel: the verdict with its reasons, the balance of the draft, the checklist.

Everything here describes the draft as written. Nothing predicts how the partner will
respond, and there is no score to push up.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QGroupBox, QLabel, QSizePolicy, QVBoxLayout, QWidget

from desktop.analysis.report import Report
from desktop.analysis.taxonomy import ACCOUNTABLE, APPROVAL
from desktop.ui import theme
from desktop.ui.highlighter import Dismissals, Verdict

log = logging.getLogger(__name__)

CHECKLIST = (
    ("owns_what_happened", "Owns what happened"),
    ("names_the_impact", "Names the impact on your partner"),
    ("centres_partner_needs", "Centres your partner's needs"),
    ("shows_concrete_step", "Shows a concrete step"),
    ("asks_for_nothing_back", "Asks for nothing back"),
)
DISCLAIMER = ("This describes your draft as it is written. It cannot tell how your partner "
              "will feel or respond.")


class BalanceBar(QWidget):
    """Accountable against approval-seeking sentences, drawn as two parts of one bar.

    The approval part is hatched as well as coloured, so the two parts differ without colour.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.accountable = 0
        self.approval = 0
        self.setMinimumHeight(14)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Balance of the draft")

    def sizeHint(self) -> QSize:
        return QSize(200, 14)

    def set_counts(self, accountable: int, approval: int) -> None:
        self.accountable, self.approval = accountable, approval
        self.setAccessibleDescription(
            f"{accountable} accountable, {approval} asking for approval")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        styles = theme.mark_styles(self)
        painter.setPen(QPen(self.palette().mid().color(), 1))
        painter.setBrush(self.palette().base())
        painter.drawRoundedRect(rect, 4, 4)
        total = self.accountable + self.approval
        if total:
            split = rect.width() * self.accountable / total
            left = QRectF(rect.left(), rect.top(), split, rect.height())
            right = QRectF(rect.left() + split, rect.top(), rect.width() - split, rect.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(styles[ACCOUNTABLE].colour))
            painter.drawRect(left)
            painter.setBrush(QColor(styles[APPROVAL].colour))
            painter.drawRect(right)
            painter.setBrush(QBrush(self.palette().base().color(), Qt.BrushStyle.BDiagPattern))
            painter.drawRect(right)
        painter.end()


class SidePanel(QWidget):
    """Shows what the latest check found; updated only from the GUI thread."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidePanel")
        self.setAccessibleName("Check results")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        self.verdict_box = QGroupBox("Verdict")
        box = QVBoxLayout(self.verdict_box)
        self.verdict_label = QLabel("Not checked yet")
        self.verdict_label.setObjectName("verdict")
        self.verdict_label.setAccessibleName("Verdict")
        font = self.verdict_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.verdict_label.setFont(font)
        self.reasons_label = QLabel("")
        self.reasons_label.setWordWrap(True)
        self.reasons_label.setAccessibleName("Reasons")
        self.reasons_label.setTextFormat(Qt.TextFormat.PlainText)
        box.addWidget(self.verdict_label)
        box.addWidget(self.reasons_label)
        layout.addWidget(self.verdict_box)

        self.balance_box = QGroupBox("Balance")
        box = QVBoxLayout(self.balance_box)
        self.balance_label = QLabel("")
        self.balance_label.setAccessibleName("Balance")
        self.balance_label.setWordWrap(True)
        self.balance_bar = BalanceBar()
        box.addWidget(self.balance_label)
        box.addWidget(self.balance_bar)
        layout.addWidget(self.balance_box)

        self.checklist_box = QGroupBox("Repair checklist")
        box = QVBoxLayout(self.checklist_box)
        self.checklist_labels: dict[str, QLabel] = {}
        for key, text in CHECKLIST:
            label = QLabel(f"○  {text}")
            label.setAccessibleName(text)
            self.checklist_labels[key] = label
            box.addWidget(label)
        layout.addWidget(self.checklist_box)

        self.disclaimer = QLabel(DISCLAIMER)
        self.disclaimer.setWordWrap(True)
        self.disclaimer.setAccessibleName("About these results")
        self.disclaimer.setEnabled(False)
        layout.addWidget(self.disclaimer)
        self.show_state("Not checked yet", "")

    # ---------------------------------------------------------------- states

    def show_state(self, headline: str, detail: str) -> None:
        """A state without a report: loading, paused, failed, too long."""
        self.verdict_label.setText(headline)
        self.reasons_label.setText(detail)
        self.balance_label.setText("Nothing checked yet.")
        self.balance_bar.set_counts(0, 0)
        for key, text in CHECKLIST:
            self._tick(key, text, None)

    def show_report(self, report: Report, verdict: Verdict, dismissals: Dismissals) -> None:
        self.verdict_label.setText("Ready to send" if verdict.ready else "Needs revision")
        self.verdict_label.setAccessibleDescription(
            "ready to send" if verdict.ready else "needs revision")
        reasons = [f"• {reason}" for reason in verdict.reasons]
        if verdict.set_aside:
            n = verdict.set_aside
            reasons.append(f"({n} flagged sentence{'s' if n > 1 else ''} you set aside "
                           f"{'are' if n > 1 else 'is'} not counted.)")
        reasons += [f"Note: {note}" for note in report.notes]
        self.reasons_label.setText("\n".join(reasons))
        accountable = sum(s.family == ACCOUNTABLE and not s.flagged for s in report.sentences)
        approval = sum(s.flagged and dismissals.keeps(s) for s in report.sentences)
        self.balance_label.setText(
            f"{accountable} accountable · {approval} asking for approval")
        self.balance_bar.set_counts(accountable, approval)
        for key, text in CHECKLIST:
            done = report.checklist.get(key)
            if key == "asks_for_nothing_back" and report.sentences:
                done = approval == 0 and verdict.ready
            self._tick(key, text, done)

    def _tick(self, key: str, text: str, done: bool | None) -> None:
        label = self.checklist_labels[key]
        mark = {True: "✓", False: "○", None: "·"}[done]
        label.setText(f"{mark}  {text}")
        label.setAccessibleDescription({True: "present", False: "not yet",
                                        None: "not checked"}[done])
