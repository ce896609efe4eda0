"""Plain-text reports for the terminal: the verdict first, then each sentence with its why."""

from __future__ import annotations

import textwrap

from desktop.analysis.report import Report, SentenceReport
from desktop.analysis.taxonomy import ACCOUNTABLE, APPROVAL, NEUTRAL
from desktop.rewrite.needs import quote_need

_CHECKLIST_NAMES = {
    "owns_what_happened": "owns what happened",
    "names_the_impact": "names the impact on your partner",
    "centres_partner_needs": "centres your partner's needs",
    "shows_concrete_step": "shows a concrete step",
    "asks_for_nothing_back": "asks for nothing back",
}
_MARKS = {APPROVAL: "✗", ACCOUNTABLE: "✓", NEUTRAL: "·"}
_WIDTH = 88
NEEDS_PER_SENTENCE = 3
"""Needs quoted under one sentence; the rest are counted (``--format json`` lists all)."""


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _quote(sentence: str, limit: int = 140) -> str:
    flat = " ".join(sentence.split())
    return f'"{flat}"' if len(flat) <= limit else f'"{flat[:limit - 1]}…"'


def _sentence_lines(sentence: SentenceReport, text: str) -> list[str]:
    line, col = _line_col(text, sentence.start)
    mark = "✗" if sentence.flagged else _MARKS[sentence.family]
    lines = [f"  {mark} {line}:{col} {sentence.label} ({sentence.confidence:.2f})  "
             f"{_quote(sentence.text)}"]
    if sentence.family == NEUTRAL and not sentence.flagged:
        return lines
    indent = " " * 6
    lines += textwrap.wrap(sentence.explanation, _WIDTH, initial_indent=indent,
                           subsequent_indent=indent)
    for need in sentence.needs[:NEEDS_PER_SENTENCE]:
        lines.append(f"{indent}goes against what your partner asked: {quote_need(need)}")
    if len(sentence.needs) > NEEDS_PER_SENTENCE:  # a long needs list; JSON has them all
        lines.append(f"{indent}…and {len(sentence.needs) - NEEDS_PER_SENTENCE:,} more of "
                     "their stated needs")
    if sentence.flagged and sentence.evidence:
        nearest = sentence.evidence[0]
        lines.append(f"{indent}reads like: {_quote(nearest.exemplar, 90)} ({nearest.label})")
    for suggestion in sentence.suggestions[:2]:
        after = _quote(suggestion.replacement) if suggestion.replacement else "(delete it)"
        lines.append(f"{indent}→ {after}")
        lines += textwrap.wrap(suggestion.explanation, _WIDTH, initial_indent=indent + "  ",
                               subsequent_indent=indent + "  ")
    return lines


def render_report(report: Report, name: str, text: str) -> str:
    verdict = "ready to send" if report.ready else "needs revision"
    out = [f"{name}: {verdict}"]
    out += [f"  - {reason}" for reason in report.reasons]
    out += [f"  note: {note}" for note in report.notes]
    out.append("")
    for sentence in report.sentences:
        out += _sentence_lines(sentence, text)
    if report.grammar:
        out += ["", "  grammar and spelling:"]
        for finding in report.grammar:
            line, col = _line_col(text, finding.start)
            fix = f" → {finding.replacements[0]!r}" if finding.replacements else ""
            out.append(f"    {line}:{col} {text[finding.start:finding.end]!r}{fix}: "
                       f"{finding.message}")
    scores = report.scores
    out += [
        "",
        f"  balance: accountable {scores['accountable']:.0%} · approval-seeking "
        f"{scores['approval']:.0%} · about your partner {scores['partner_focus']:.0%} "
        "(of sentences that take a stance)",
        "  repair checklist: " + " · ".join(
            f"[{'x' if done else ' '}] {_CHECKLIST_NAMES[key]}"
            for key, done in report.checklist.items()),
        "",
    ]
    return "\n".join(out) + "\n"
