"""Marks from a report: which spans of the draft to underline, how, and what to say.

A mark keeps a QTextCursor selection rather than numbers, so it moves with the text while
the user types and the next report is on its way. Report offsets are code points; the
conversion to Qt's UTF-16 positions happens here, once per report.
"""

from __future__ import annotations

import html
import logging
from collections import Counter
from dataclasses import dataclass, field

from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit, QWidget

from desktop.analysis.report import GrammarFinding, Report, SentenceReport
from desktop.analysis.taxonomy import ACCOUNTABLE, APPROVAL, LABELS
from desktop.ui import theme
from desktop.ui.offsets import OffsetMap

log = logging.getLogger(__name__)

_PRINCIPLE_OF = {
    "ownership": "accountability", "remorse": "accountability", "impact": "accountability",
    "minimizing": "accountability", "blame_shifting": "accountability",
    "conditional_apology": "accountability", "darvo": "accountability",
    "partner_needs": "partner-needs", "transparency": "partner-needs",
    "forgiveness_pressure": "partner-needs", "validation_seeking": "partner-needs",
    "self_pity": "partner-needs",
    "change": "consistent-change", "scorekeeping": "consistent-change",
    "grand_gesture": "consistent-change",
}
"""The repair principle each label's explanation cites (as the rewrite suggester does)."""


@dataclass
class Mark:
    kind: str
    """theme.APPROVAL, theme.ACCOUNTABLE or theme.GRAMMAR."""
    cursor: QTextCursor
    tip: str
    sentence: SentenceReport | None = None
    finding: GrammarFinding | None = None

    @property
    def start(self) -> int:
        return self.cursor.selectionStart()

    @property
    def end(self) -> int:
        return self.cursor.selectionEnd()

    def covers(self, position: int) -> bool:
        return self.start <= position <= self.end and self.start < self.end


@dataclass
class Dismissals:
    """What the user chose not to be told again in this session."""

    hidden_labels: set[str] = field(default_factory=set)
    ignored_sentences: set[str] = field(default_factory=set)
    """Sentence texts (as the model reads them) the user chose to leave as they are."""

    def keeps(self, sentence: SentenceReport) -> bool:
        """Whether a flagged sentence still counts."""
        from desktop.analysis.engine import model_text  # numpy comes with it: not at start-up

        if model_text(sentence.text) in self.ignored_sentences:
            return False
        return bool(sentence.needs) or sentence.label not in self.hidden_labels


@dataclass(frozen=True)
class Verdict:
    ready: bool
    reasons: list[str]
    set_aside: int = 0
    """Flagged sentences the user chose not to count."""


def principle_for(label: str) -> tuple[str, str]:
    """(title, one-sentence text) of the principle an explanation for ``label`` cites."""
    from desktop.rewrite.loader import load_principles  # yaml and regex: not at start-up

    principle = load_principles().get(_PRINCIPLE_OF.get(label, "not-approval"))
    if principle is None:
        return "", ""
    return principle.title, principle.text


def sentence_tip(sentence: SentenceReport) -> str:
    """One-sentence explanation plus the repair principle it rests on (rich text)."""
    title, text = principle_for(sentence.label)
    lines = [html.escape(sentence.explanation)]
    for need in sentence.needs:
        lines.append(f"Goes against what your partner asked: “{html.escape(need)}”.")
    if title:
        lines.append(f"<i>{html.escape(title)}:</i> {html.escape(text)}")
    return "<p>" + "<br>".join(lines) + "</p>"


def grammar_tip(finding: GrammarFinding) -> str:
    tip = html.escape(finding.message)
    if finding.replacements:
        tip += f"<br><i>Perhaps:</i> {html.escape(finding.replacements[0])}"
    return f"<p>{tip}</p>"


def build_marks(document: QTextDocument, text: str, report: Report,
                dismissals: Dismissals) -> list[Mark]:
    """Marks for ``report``, which was made for ``text`` (the document's current text)."""
    offsets = OffsetMap(text)
    marks: list[Mark] = []

    def span(start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(document)
        cursor.setPosition(offsets.to_utf16(start))
        cursor.setPosition(offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    for sentence in report.sentences:
        if sentence.flagged:
            if dismissals.keeps(sentence):
                marks.append(Mark(theme.APPROVAL, span(sentence.start, sentence.end),
                                  sentence_tip(sentence), sentence=sentence))
        elif sentence.family == ACCOUNTABLE:
            marks.append(Mark(theme.ACCOUNTABLE, span(sentence.start, sentence.end),
                              sentence_tip(sentence), sentence=sentence))
    for finding in report.grammar:
        marks.append(Mark(theme.GRAMMAR, span(finding.start, finding.end),
                          grammar_tip(finding), finding=finding))
    marks.sort(key=lambda m: (m.start, m.kind != theme.GRAMMAR))
    return marks


def selections(marks: list[Mark], widget: QWidget | None = None) -> list[QTextEdit.ExtraSelection]:
    """Extra selections for the editor; grammar last so it draws over sentence marks."""
    formats = {kind: theme.mark_format(kind, widget)
               for kind in (theme.APPROVAL, theme.ACCOUNTABLE, theme.GRAMMAR)}
    result = []
    for mark in sorted(marks, key=lambda m: m.kind == theme.GRAMMAR):
        selection = QTextEdit.ExtraSelection()
        selection.cursor = mark.cursor
        selection.format = formats[mark.kind]
        result.append(selection)
    return result


def verdict(report: Report, dismissals: Dismissals) -> Verdict:
    """The report's verdict, not counting sentences the user set aside.

    Reasons that are not about a kind of sentence (the partner's stated needs, grammar that
    changes meaning) always stay.
    """
    flagged = [s for s in report.sentences if s.flagged]
    kept = [s for s in flagged if dismissals.keeps(s)]
    if report.ready or len(kept) == len(flagged):
        return Verdict(report.ready, list(report.reasons))
    def phrases(sentences: list[SentenceReport]) -> list[str]:
        counts = Counter(s.label for s in sentences if s.family == APPROVAL)
        return [LABELS[label].count_phrase(n) for label, n in counts.most_common()]
    everything = set(phrases(flagged))
    reasons = phrases(kept) + [r for r in report.reasons if r not in everything]
    set_aside = len(flagged) - len(kept)
    if not reasons:
        return Verdict(True, ["No sentence you kept flagged asks your partner for approval."],
                       set_aside)
    return Verdict(False, reasons, set_aside)
