"""The report of one analysed draft: plain dataclasses with the JSON of INTERFACES.md."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Evidence:
    exemplar: str
    label: str
    similarity: float


@dataclass(frozen=True)
class Suggestion:
    replacement: str
    """A whole sentence to put in place of the flagged one; empty means delete it."""
    rule: str
    explanation: str
    source: str
    """'rule' or 'exemplar'."""


@dataclass(frozen=True)
class SentenceReport:
    start: int
    end: int
    text: str
    label: str
    family: str
    confidence: float
    """Probability of ``label``."""
    family_confidence: float
    """Probability of ``family``; the ready verdict compares this with the threshold."""
    explanation: str
    evidence: tuple[Evidence, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    flagged: bool = False
    """True when the sentence counts against the ready verdict."""
    needs: tuple[str, ...] = ()
    """The partner's stated needs this sentence goes against, in their words."""


@dataclass(frozen=True)
class GrammarFinding:
    start: int
    end: int
    message: str
    rule: str
    replacements: tuple[str, ...] = ()
    changes_meaning: bool = False


@dataclass(frozen=True)
class NeedReport:
    need: str
    reason: str
    sentence: int | None
    """Index into ``sentences``, or None when the whole draft (its timing) goes against it."""


@dataclass
class Report:
    ready: bool
    reasons: list[str]
    scores: dict[str, float]
    sentences: list[SentenceReport]
    grammar: list[GrammarFinding] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    id: Any = None
    checklist: dict[str, bool] = field(default_factory=dict)
    """The article's repair moves, each marked present or not; never a score of forgiveness."""
    needs: list[NeedReport] = field(default_factory=list)
    """Where the draft goes against the partner's stated needs."""
    notes: list[str] = field(default_factory=list)
    """Things the writer should know about the check itself (e.g. grammar unavailable)."""

    @property
    def flagged(self) -> list[SentenceReport]:
        return [s for s in self.sentences if s.flagged]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if self.id is None:
            del data["id"]
        else:  # the id leads, as in INTERFACES.md
            data = {"id": self.id, **{k: v for k, v in data.items() if k != "id"}}
        for sentence in data["sentences"]:
            sentence["evidence"] = list(sentence["evidence"])
            sentence["suggestions"] = list(sentence["suggestions"])
            sentence["needs"] = list(sentence["needs"])
        for finding in data["grammar"]:
            finding["replacements"] = list(finding["replacements"])
        return data
