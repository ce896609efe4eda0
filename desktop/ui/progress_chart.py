"""Charts drawn with QPainter from Qt-free data: practice progress and weekly consistency.

:class:`PracticeChart` draws, per situation, the share of approval-seeking sentences in each
practice answer (``desktop.practice.progress``). :class:`ConsistencyTimeline` draws the
promises marked kept and missed each week (``desktop.commitments.Ledger.weekly``). Both
describe the writer's own record; neither is a score of how forgiven anyone is. Lines and
bars differ by shape and pattern as well as colour, and each chart carries a text summary
for screen readers.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.commitments.ledger import WeekPoint
from desktop.practice.progress import ProgressPoint

log = logging.getLogger(__name__)

COLOURS = ("#1b6ca8", "#c0392b", "#27ae60", "#8e44ad", "#d35400", "#16a085", "#7f8c8d",
           "#2c3e50", "#b7950b", "#a93226")
DASHES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine,
          Qt.PenStyle.DashDotLine)
SHAPES = ("circle", "square", "triangle", "diamond")
KEPT_COLOUR = "#27ae60"
MISSED_COLOUR = "#c0392b"
INK = "#333333"
GRID = "#dddddd"


def _marker(painter: QPainter, shape: str, at: QPointF, size: float = 4.0) -> None:
    if shape == "square":
        painter.drawRect(QRectF(at.x() - size, at.y() - size, 2 * size, 2 * size))
    elif shape == "triangle":
        painter.drawPolygon(QPolygonF([QPointF(at.x(), at.y() - size - 1),
                                       QPointF(at.x() + size + 1, at.y() + size),
                                       QPointF(at.x() - size - 1, at.y() + size)]))
    elif shape == "diamond":
        painter.drawPolygon(QPolygonF([QPointF(at.x(), at.y() - size - 1),
                                       QPointF(at.x() + size + 1, at.y()),
                                       QPointF(at.x(), at.y() + size + 1),
                                       QPointF(at.x() - size - 1, at.y())]))
    else:
        painter.drawEllipse(at, size, size)


def _elide(metrics: QFontMetricsF, text: str, width: float) -> str:
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)


def _axes(painter: QPainter, plot: QRectF, ticks: Sequence[tuple[float, str]]) -> None:
    """Horizontal grid lines at the fractions in ``ticks`` (0 at the bottom), labelled."""
    metrics = QFontMetricsF(painter.font())
    for fraction, label in ticks:
        y = plot.bottom() - plot.height() * fraction
        painter.setPen(QPen(QColor(GRID), 1))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(QColor(INK))
        width = metrics.horizontalAdvance(label)
        painter.drawText(QPointF(plot.left() - width - 6, y + metrics.ascent() / 2 - 1), label)


def _centred(painter: QPainter, rect: QRectF, text: str) -> None:
    painter.setPen(QColor(INK))
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), text)


# ------------------------------------------------------------------ practice progress


def practice_summary(series: Mapping[str, Sequence[ProgressPoint]],
                     titles: Mapping[str, str]) -> str:
    """The chart in words, for screen readers and the status line."""
    if not any(series.values()):
        return "No practice answers with feedback yet."
    parts = []
    for situation, points in sorted(series.items()):
        if not points:
            continue
        name = titles.get(situation, situation)
        shares = ", ".join(f"{p.approval_share:.0%}" for p in points[-6:])
        parts.append(f"{name}: {len(points)} answer{'s' if len(points) != 1 else ''}, "
                     f"approval-seeking {shares}")
    return "; ".join(parts) + "."


def paint_practice(painter: QPainter, rect: QRectF,
                   series: Mapping[str, Sequence[ProgressPoint]],
                   titles: Mapping[str, str], title: str = "") -> None:
    """One line per situation: 0–100 % approval-seeking sentences, attempt by attempt."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(rect, QColor("white"))
    metrics = QFontMetricsF(painter.font())
    line = metrics.height()
    named = [(s, p) for s, p in sorted(series.items()) if p]
    legend_w = min(300.0, max(120.0, rect.width() * 0.34)) if named else 0.0
    top = rect.top() + (line * 2.4 if title else line * 0.8)
    plot = QRectF(rect.left() + metrics.horizontalAdvance("100%") + 14, top,
                  rect.width() - metrics.horizontalAdvance("100%") - 28 - legend_w,
                  rect.bottom() - top - line * 2.4)
    if title:
        bold = QFont(painter.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(QColor(INK))
        painter.drawText(QPointF(rect.left() + 8, rect.top() + line * 1.1), title)
        painter.setFont(QFont(painter.font().family(), painter.font().pointSize()))
    _axes(painter, plot, [(p / 100, f"{p}%") for p in (0, 25, 50, 75, 100)])
    painter.setPen(QColor(INK))
    painter.drawText(QRectF(plot.left(), plot.bottom() + line * 0.9, plot.width(), line * 1.2),
                     int(Qt.AlignmentFlag.AlignCenter),
                     "answer, oldest to newest → (share of sentences asking for approval)")
    if not named:
        _centred(painter, plot, "No practice answers with feedback yet.\n"
                                "Your progress shows here after your first answer.")
        painter.restore()
        return
    longest = max(len(points) for _, points in named)
    pad = 14.0
    step = (plot.width() - 2 * pad) / max(longest - 1, 1)
    for index in range(longest):
        x = plot.left() + pad + index * step if longest > 1 else plot.center().x()
        label = str(index + 1)
        if longest <= 12 or index % max(1, longest // 10) == 0:
            painter.drawText(QPointF(x - metrics.horizontalAdvance(label) / 2,
                                     plot.bottom() + line * 0.85), label)
    for number, (situation, points) in enumerate(named):
        colour = QColor(COLOURS[number % len(COLOURS)])
        shape = SHAPES[number % len(SHAPES)]
        xs = ([plot.left() + pad + i * step for i in range(len(points))] if longest > 1
              else [plot.center().x()])
        coords = [QPointF(x, plot.bottom() - plot.height() * max(0.0, min(1.0, p.approval_share)))
                  for x, p in zip(xs, points, strict=False)]
        pen = QPen(colour, 2.2, DASHES[number % len(DASHES)])
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if len(coords) > 1:
            painter.drawPolyline(QPolygonF(coords))
        painter.setPen(QPen(colour, 1.5))
        painter.setBrush(QBrush(colour))
        for point in coords:
            _marker(painter, shape, point)
        y = plot.top() + number * line * 1.4 + line * 0.5
        x = plot.right() + 18
        painter.setPen(QPen(colour, 2.2, DASHES[number % len(DASHES)]))
        painter.drawLine(QPointF(x, y), QPointF(x + 22, y))
        painter.setPen(QPen(colour, 1.5))
        _marker(painter, shape, QPointF(x + 11, y), 3.5)
        painter.setPen(QColor(INK))
        name = _elide(metrics, titles.get(situation, situation), legend_w - 36)
        painter.drawText(QPointF(x + 28, y + metrics.ascent() / 2 - 1), name)
    painter.restore()


class _Chart(QWidget):
    """A chart widget that can take focus (so its summary is read) and render to an image."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setMinimumSize(320, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(640, 320)

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        raise NotImplementedError

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.paint(painter, QRectF(self.rect()))
        if self.hasFocus():
            painter.setPen(QPen(self.palette().highlight().color(), 2))
            painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        painter.end()

    def image(self, size: QSize | None = None, scale: float = 1.0) -> QImage:
        """The chart drawn on a white image (for saving as PNG)."""
        size = size or self.sizeHint()
        image = QImage(int(size.width() * scale), int(size.height() * scale),
                       QImage.Format.Format_ARGB32)
        image.setDevicePixelRatio(scale)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setFont(self.font())
        self.paint(painter, QRectF(0, 0, size.width(), size.height()))
        painter.end()
        return image

    def save_png(self, path: Path | str, size: QSize | None = None, scale: float = 1.0) -> bool:
        return self.image(size, scale).save(str(path), "PNG")


class PracticeChart(_Chart):
    """Per situation, the share of approval-seeking sentences across practice answers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Practice progress chart", parent)
        self.series: dict[str, list[ProgressPoint]] = {}
        self.titles: dict[str, str] = {}
        self.title = ""
        self.set_series({}, {})

    def set_series(self, series: Mapping[str, Sequence[ProgressPoint]],
                   titles: Mapping[str, str], title: str = "") -> None:
        self.series = {key: list(points) for key, points in series.items()}
        self.titles, self.title = dict(titles), title
        self.setAccessibleDescription(practice_summary(self.series, self.titles))
        self.update()

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        paint_practice(painter, rect, self.series, self.titles, self.title)


# ------------------------------------------------------------------ weekly consistency


def timeline_summary(weeks: Sequence[WeekPoint]) -> str:
    marked = [w for w in weeks if w.kept or w.missed]
    if not marked:
        return "No promises marked kept or missed in these weeks yet."
    kept = sum(w.kept for w in weeks)
    missed = sum(w.missed for w in weeks)
    recent = ", ".join(f"week of {w.start.day} {w.start:%b}: {w.kept} kept, {w.missed} missed"
                       for w in marked[-4:])
    return (f"Over {len(weeks)} weeks, {kept} kept and {missed} missed. Latest marked weeks: "
            f"{recent}.")


def paint_timeline(painter: QPainter, rect: QRectF, weeks: Sequence[WeekPoint]) -> None:
    """One bar per week: kept (solid) below missed (hatched), counts of marks."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(rect, QColor("white"))
    metrics = QFontMetricsF(painter.font())
    line = metrics.height()
    highest = max((w.kept + w.missed for w in weeks), default=0)
    top_value = max(highest, 1)
    label_w = metrics.horizontalAdvance(str(top_value)) + 14
    plot = QRectF(rect.left() + label_w + 4, rect.top() + line * 1.8,
                  rect.width() - label_w - 16, rect.height() - line * 4.2)
    ticks = sorted({0, top_value, *(round(top_value * f) for f in (0.5,))})
    _axes(painter, plot, [(t / top_value, str(t)) for t in ticks])
    # legend
    x = plot.left()
    for text, colour, pattern in (("kept", KEPT_COLOUR, Qt.BrushStyle.SolidPattern),
                                  ("missed", MISSED_COLOUR, Qt.BrushStyle.BDiagPattern)):
        box = QRectF(x, rect.top() + line * 0.35, line * 0.8, line * 0.8)
        painter.setPen(QPen(QColor(colour), 1))
        painter.setBrush(QBrush(QColor(colour), pattern))
        painter.drawRect(box)
        painter.setPen(QColor(INK))
        painter.drawText(QPointF(box.right() + 5, box.bottom() - 1), text)
        x = box.right() + metrics.horizontalAdvance(text) + 20
    if not weeks or not highest:
        _centred(painter, plot, "No promises marked kept or missed yet.\n"
                                "Each week's marks show here.")
        painter.restore()
        return
    slot = plot.width() / len(weeks)
    bar_w = max(4.0, min(36.0, slot * 0.6))
    every = max(1, int(len(weeks) / max(1, plot.width() / (metrics.horizontalAdvance("30 Nov")
                                                          + 8))) + 1)
    for index, week in enumerate(weeks):
        centre = plot.left() + slot * (index + 0.5)
        kept_h = plot.height() * week.kept / top_value
        missed_h = plot.height() * week.missed / top_value
        kept_rect = QRectF(centre - bar_w / 2, plot.bottom() - kept_h, bar_w, kept_h)
        missed_rect = QRectF(centre - bar_w / 2, kept_rect.top() - missed_h, bar_w, missed_h)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(KEPT_COLOUR))
        painter.drawRect(kept_rect)
        painter.setPen(QPen(QColor(MISSED_COLOUR), 1))
        painter.setBrush(QBrush(QColor(MISSED_COLOUR), Qt.BrushStyle.BDiagPattern))
        if missed_h:
            painter.drawRect(missed_rect)
        painter.setPen(QColor(INK))
        if (len(weeks) - 1 - index) % every == 0:  # counted back from this week
            label = f"{week.start.day} {week.start:%b}"
            painter.drawText(QPointF(centre - metrics.horizontalAdvance(label) / 2,
                                     plot.bottom() + line * 1.0), label)
    painter.drawText(QRectF(plot.left(), plot.bottom() + line * 1.3, plot.width(), line * 1.2),
                     int(Qt.AlignmentFlag.AlignCenter), "week beginning (Monday)")
    painter.restore()


class ConsistencyTimeline(_Chart):
    """Promises marked kept and missed, week by week."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Consistency over the weeks", parent)
        self.weeks: list[WeekPoint] = []
        self.set_weeks([])

    def sizeHint(self) -> QSize:
        return QSize(560, 220)

    def set_weeks(self, weeks: Sequence[WeekPoint]) -> None:
        self.weeks = list(weeks)
        self.setAccessibleDescription(timeline_summary(self.weeks))
        self.update()

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        paint_timeline(painter, rect, self.weeks)
