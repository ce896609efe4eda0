"""One practice attempt: an answer to a prompt, the engine's feedback, and its safe keeping.

The answer is always kept whole. Feedback reads at most :data:`MAX_ANALYSED` characters (a
practice answer is a few paragraphs; an answer pasted fifty times would otherwise bury the
feedback in repeats); the writer is told plainly when that happens.

An answer that is the same sentences over and over (pasted many times) is still saved
exactly as written, because nothing typed is ever thrown away, and gets feedback on one
pass. It is marked ``repeated`` and left out of the progress chart: the chart shows how
answers change from one attempt to the next, and a paste (often by accident, or of an
earlier answer) is not a new attempt; counting it would flatten the very trend the writer
is watching. They are told all of this in one note.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from desktop.analysis.segmenter import split_sentences
from desktop.analysis.taxonomy import APPROVAL
from desktop.practice.prompts import Prompt, ReflectionQuestion

if TYPE_CHECKING:
    from collections.abc import Sequence

    from desktop.analysis import Analyzer, Report
    from desktop.vault import Vault

log = logging.getLogger(__name__)

MAX_ANALYSED = 6_000
"""Characters of an answer that get feedback (about 1,000 words)."""
SUMMARY_VERSION = 1


class PracticeError(ValueError):
    """The answer cannot be practised with as given; the message says what to do."""


@dataclass
class Feedback:
    prompt: Prompt
    answer: str
    """Everything the writer typed, unchanged."""
    report: Report
    """The engine's report on the analysed part: sentences, labels, rewrites."""
    analysed: str
    """The part of the answer that was analysed (all of it, unless it was very long)."""
    approval_share: float
    """Share of the analysed sentences that take a stance and seek approval (as in the
    report's balance line); describes the answer, never the partner."""
    notes: list[str] = field(default_factory=list)
    attempt_id: int | None = None
    repeated: int = 1
    """About how many times the answer repeats itself; above 1 it is not counted as progress."""

    @property
    def counted(self) -> bool:
        """Whether this attempt is a point on the progress chart."""
        return self.repeated <= 1

    def summary(self, reflection: dict[str, str] | None = None) -> dict[str, Any]:
        """What is sealed with the attempt: labels and counts, never sentence text."""
        sentences = self.report.sentences
        return {
            "version": SUMMARY_VERSION,
            "situation": self.prompt.situation,
            "difficulty": self.prompt.difficulty,
            "approval_share": self.approval_share,
            "sentences": len(sentences),
            "approval_sentences": sum(s.family == APPROVAL for s in sentences),
            "labels": [s.label for s in sentences],
            "ready": self.report.ready,
            "analysed_chars": len(self.analysed),
            "repeated": self.repeated,
            "reflection": reflection,
        }


def _cut(answer: str, limit: int) -> str:
    """The answer up to the last whole sentence that fits in ``limit`` characters."""
    if len(answer) <= limit:
        return answer
    ends = [s.end for s in split_sentences(answer[:limit]) if s.end < limit]
    return answer[: ends[-1]] if ends else answer[:limit]


def _repeats(answer: str) -> tuple[int, int]:
    """(how many times the sentences repeat on average, where the first full pass ends)."""
    sentences = split_sentences(answer)
    folded = [" ".join(s.text.split()) for s in sentences]
    distinct = set(folded)
    if len(folded) < 6 or len(folded) < 2 * len(distinct):
        return 1, len(answer)
    seen: set[str] = set()
    for sentence, text in zip(sentences, folded, strict=True):
        seen.add(text)
        if seen == distinct:
            return round(len(folded) / len(distinct)), sentence.end
    return 1, len(answer)


def practise(analyzer: Analyzer, prompt: Prompt, answer: str, *,
             vault: Vault | None = None, needs: Sequence[str] | None = None,
             reflection: tuple[ReflectionQuestion, str] | None = None) -> Feedback:
    """Analyse ``answer`` to ``prompt``; with ``vault``, keep it (sealed) as an attempt.

    ``reflection`` is an optional value-affirmation question and what the writer wrote
    before answering; it is kept with the attempt. An empty answer is refused and nothing
    is stored.
    """
    if not isinstance(answer, str):
        raise TypeError(f"answer must be a string, not {type(answer).__name__}")
    if not answer.strip():
        raise PracticeError("Your answer is empty, so there is nothing to give feedback on; "
                            "nothing was saved.")
    notes: list[str] = []
    copies, first_pass = _repeats(answer)
    analysed = _cut(answer[:first_pass], MAX_ANALYSED)
    if copies > 1:
        saved = (" All of it is saved as you wrote it, but it is not counted in your progress "
                 "chart, since a repeat is not a new attempt.") if vault is not None else ""
        notes.append(f"Your answer seems to repeat the same sentences about {copies} times; "
                     f"the feedback looks at each sentence once.{saved}")
    if len(analysed) < first_pass:
        kept = " All of it was saved as you wrote it." if vault is not None else ""
        notes.append(f"Your answer has {len(answer):,} characters; feedback covers the first "
                     f"{len(analysed):,} (practice answers work best as a few short "
                     f"paragraphs).{kept}")
    kept = {"id": reflection[0].id, "text": reflection[1]} if reflection else None
    try:
        report = analyzer.analyze(analysed, needs=needs)
    except Exception as exc:
        if vault is None:
            raise
        attempt_id = vault.add_practice(prompt.id, answer, {
            "version": SUMMARY_VERSION, "situation": prompt.situation,
            "difficulty": prompt.difficulty, "reflection": kept})
        log.warning("Feedback failed (%s); the answer was kept as attempt %d",
                    type(exc).__name__, attempt_id)
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise PracticeError(f"Feedback could not be given ({detail}); your answer was saved "
                            f"as practice attempt {attempt_id}.") from exc
    feedback = Feedback(prompt, answer, report, analysed, report.scores["approval"], notes,
                        repeated=copies)
    if vault is not None:
        feedback.attempt_id = vault.add_practice(prompt.id, answer, feedback.summary(kept))
        log.info("Saved practice attempt %d", feedback.attempt_id)
    return feedback
