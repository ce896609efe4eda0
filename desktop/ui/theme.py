"""Colours and underline styles for the marks, and the light or dark palette.

Each kind of mark differs in underline *style* as well as hue, so the marks stay apart for
colour-blind readers and in greyscale: approval-seeking sentences get a wavy underline,
accountable ones a quiet dotted one, grammar issues a dashed one. The hues come from the
Okabe-Ito palette, which stays distinguishable under the common colour-vision deficiencies.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette, QTextCharFormat
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

log = logging.getLogger(__name__)

APPROVAL, ACCOUNTABLE, GRAMMAR = "approval", "accountable", "grammar"


@dataclass(frozen=True)
class MarkStyle:
    colour: str
    underline: QTextCharFormat.UnderlineStyle
    tint: str
    """A faint background so the mark can be found at a glance ('' for none)."""


_LIGHT = {
    APPROVAL: MarkStyle("#c34f00", QTextCharFormat.UnderlineStyle.WaveUnderline, "#fbe7d9"),
    ACCOUNTABLE: MarkStyle("#00805d", QTextCharFormat.UnderlineStyle.DotLine, ""),
    GRAMMAR: MarkStyle("#0072b2", QTextCharFormat.UnderlineStyle.DashUnderline, ""),
}
_DARK = {
    APPROVAL: MarkStyle("#ff9a52", QTextCharFormat.UnderlineStyle.WaveUnderline, "#4a3020"),
    ACCOUNTABLE: MarkStyle("#3fd0a4", QTextCharFormat.UnderlineStyle.DotLine, ""),
    GRAMMAR: MarkStyle("#6cc4f5", QTextCharFormat.UnderlineStyle.DashUnderline, ""),
}

LEGEND = {
    APPROVAL: "wavy underline: asks for approval",
    ACCOUNTABLE: "dotted underline: accountable",
    GRAMMAR: "dashed underline: grammar",
}


def is_dark(widget: QWidget | None = None) -> bool:
    """Whether text is drawn light on dark (so marks need their light variants)."""
    palette = widget.palette() if widget is not None else QApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def mark_styles(widget: QWidget | None = None) -> dict[str, MarkStyle]:
    return _DARK if is_dark(widget) else _LIGHT


def mark_format(kind: str, widget: QWidget | None = None) -> QTextCharFormat:
    """The character format of one kind of mark."""
    style = mark_styles(widget)[kind]
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(style.underline)
    fmt.setUnderlineColor(QColor(style.colour))
    if style.tint:
        fmt.setBackground(QColor(style.tint))
    fmt.setProperty(QTextCharFormat.Property.UserProperty, kind)
    return fmt


def apply_theme(app: QApplication, theme: str) -> None:
    """'system' keeps the platform's look; 'light' and 'dark' force a Fusion palette."""
    if theme not in ("light", "dark"):
        return
    style = QStyleFactory.create("Fusion")
    if style is not None:
        app.setStyle(style)
    if theme == "light":
        app.setPalette(style.standardPalette() if style is not None else QPalette())
        return
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#202124", QPalette.ColorRole.WindowText: "#e8e6e3",
        QPalette.ColorRole.Base: "#17181a", QPalette.ColorRole.AlternateBase: "#26282b",
        QPalette.ColorRole.Text: "#e8e6e3", QPalette.ColorRole.Button: "#2b2d30",
        QPalette.ColorRole.ButtonText: "#e8e6e3", QPalette.ColorRole.Highlight: "#3d6fa8",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#2b2d30",
        QPalette.ColorRole.ToolTipText: "#e8e6e3", QPalette.ColorRole.PlaceholderText: "#9a9a9a",
        QPalette.ColorRole.Link: "#8ab4f8",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    app.setPalette(palette)
