"""The analysis engine: a draft in, a :class:`Report` out.

Nothing heavy happens at construction. The first analysis (or :meth:`Analyzer.warm_up`)
loads the model, the trained adapter and head, and the exemplar index. Every sentence's
result is cached by its text, so re-analysing after an edit only does the changed sentences.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from desktop import paths
from desktop.analysis.adapter import ADAPTER_FILE, LoraAdapter
from desktop.analysis.classifier import HEAD_FILE, Decision, Head, HeadError
from desktop.analysis.embedder import Embedder
from desktop.analysis.evidence import ExemplarIndex
from desktop.analysis.exemplars import load_library
from desktop.analysis.features import cue_matrix, decisive_clause
from desktop.analysis.phrases import hedges_apology, settle
from desktop.analysis.report import (
    Evidence,
    GrammarFinding,
    NeedReport,
    Report,
    SentenceReport,
    Suggestion,
)
from desktop.analysis.segmenter import Sentence, split_sentences
from desktop.analysis.taxonomy import (
    ACCOUNTABLE,
    APPROVAL,
    LABELS,
    NEUTRAL,
    PARTNER_FOCUS_LABELS,
)
from desktop.grammar import GrammarChecker, GrammarUnavailableError, create_checker
from desktop.settings import Settings, load_settings

log = logging.getLogger(__name__)

MAX_CHARS = 1_000_000
"""Longest draft analysed at once (about 170,000 words): far beyond any message."""
RESULT_CACHE_SIZE = 20_000
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))

Progress = Callable[[str], None]


class InputError(ValueError):
    """The text cannot be analysed as given (wrong type, too long)."""


@dataclass(frozen=True)
class _Judgement:
    decision: Decision
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class _Model:
    embedder: Embedder
    head: Head
    index: ExemplarIndex


@dataclass(frozen=True)
class _Rewriting:
    advisor: Any
    """desktop.rewrite.advisor.Advisor (imported lazily: rewrite builds on analysis)."""
    rule_problems: tuple[str, ...]


def model_text(sentence: str) -> str:
    """What the model reads: whitespace folded, invisible characters removed."""
    return " ".join(sentence.translate(_INVISIBLE).split())


class Analyzer:
    """Reads drafts sentence by sentence. Thread-safe; loads nothing heavy until first use."""

    def __init__(
        self,
        grammar: str | None = None,
        *,
        settings: Settings | None = None,
        model_path: str | None = None,
        trained_dir: Path | None = None,
    ) -> None:
        self.settings = settings or load_settings()
        self.grammar_engine = grammar or self.settings.grammar.engine
        self._grammar_required = grammar is not None
        """Asked for by name: a failing engine is then an error, not a note."""
        self._grammar_failure: str | None = None
        self._model_path = model_path if model_path is not None else (
            self.settings.analysis.model_path or None)
        self._trained_dir = trained_dir or paths.trained_model_dir()
        self._grammar: GrammarChecker | None = create_checker(
            self.grammar_engine, self.settings.grammar)
        self._model: _Model | None = None
        self._rewriting: _Rewriting | None = None
        self._lock = threading.Lock()
        self._results: OrderedDict[str, _Judgement] = OrderedDict()

    # -- loading -----------------------------------------------------------------------
    def warm_up(self, progress: Progress | None = None) -> None:
        """Load everything now (the app calls this on a worker while the window shows)."""
        if self._grammar is not None:
            self._grammar.start()
        self._loaded(progress)
        self._rewrites()

    @property
    def ready(self) -> bool:
        return self._model is not None

    def _loaded(self, progress: Progress | None = None) -> _Model:
        with self._lock:
            if self._model is None:
                self._model = self._load(progress)
            return self._model

    def _load(self, progress: Progress | None) -> _Model:
        library = load_library()
        adapter, head = self._trained_parts(progress)
        embedder = Embedder(self._model_path, adapter)
        if progress:
            progress("loading the language model")
        embedder.load()
        index = ExemplarIndex.build(library, embedder)
        return _Model(embedder, head, index)

    def _rewrites(self) -> _Rewriting:
        """Rules and rewrite pairs, loaded on the first flagged sentence: compiling some
        400 rule patterns takes about a second that a draft with nothing to rewrite (or a
        quick `amends check`) need not pay. The app loads them in warm_up()."""
        model = self._loaded()
        with self._lock:
            if self._rewriting is None:
                self._rewriting = self._load_rewrites(model.embedder)
            return self._rewriting

    def _load_rewrites(self, embedder: Embedder) -> _Rewriting:
        from desktop.analysis.evidence import cached_vectors
        from desktop.rewrite.advisor import Advisor
        from desktop.rewrite.fallbacks import load_fallbacks
        from desktop.rewrite.loader import load_principles, load_rules
        from desktop.rewrite.pairs import load_pairs
        from desktop.rewrite.suggest import Suggester

        folders = [paths.rewrite_rules_dir()]
        if self.settings.rewrite.user_rules_dir:
            folders.append(Path(self.settings.rewrite.user_rules_dir).expanduser())
        rules = load_rules(folders, self.settings.rewrite.disabled_rules)
        pairs = load_pairs()
        vectors = cached_vectors([p.before_plain for p in pairs], embedder, "pairs")
        fallbacks = load_fallbacks()
        _pin_fixed_rewrites(embedder, [p.rewrite_for({}) for p in pairs] + [
            text for fallback in fallbacks.values() for text, _ in fallback.rewrites])
        suggester = Suggester(rules, pairs, vectors, load_principles(), fallbacks)
        return _Rewriting(Advisor(suggester, self._still_flagged), rules.problems)

    def _still_flagged(self, sentences: Sequence[str]) -> list[bool]:
        """Judges candidate rewrites: only the decision counts, so no evidence is looked up
        and nothing enters the draft's results. A rewrite that hedges an apology with "but"
        never passes, whatever the model makes of the clause after it."""
        texts = [model_text(s) for s in sentences]
        known = {t: self._results[t].decision for t in texts if t in self._results}
        unknown = [t for t in dict.fromkeys(texts) if t not in known]
        if unknown:
            known.update(zip(unknown, self._decide(unknown)[1], strict=True))
        return [known[t].flagged or hedges_apology(t) for t in texts]

    @property
    def rule_problems(self) -> tuple[str, ...]:
        """Rule files that could not be used (the app lists them in settings)."""
        return self._rewrites().rule_problems

    def _trained_parts(self, progress: Progress | None) -> tuple[LoraAdapter | None, Head]:
        """The shipped adapter and head for the bundled model; for a model of the user's
        own, parts trained once on this machine and cached."""
        if not self._model_path:
            try:
                return (LoraAdapter.load(self._trained_dir / ADAPTER_FILE),
                        Head.load(self._trained_dir / HEAD_FILE))
            except FileNotFoundError as exc:
                raise HeadError(
                    f"The trained classifier is missing from {self._trained_dir}; reinstall "
                    "Amends or run `python -m desktop.analysis.train`."
                ) from exc
        from desktop.analysis.local_training import trained_for_model

        return trained_for_model(self._model_path, progress)

    # -- analysis ----------------------------------------------------------------------
    def analyze(self, text: str, *, needs: Sequence[str] | None = None, id: Any = None,
                now: datetime | None = None) -> Report:
        """Judge every sentence of ``text``; ``needs`` are the partner's stated needs and
        boundaries in their own words, and ``now`` is when the draft would be sent."""
        if not isinstance(text, str):
            raise InputError(f"Expected text, got {type(text).__name__}.")
        if len(text) > MAX_CHARS:
            raise InputError(
                f"The draft has {len(text):,} characters; Amends checks up to {MAX_CHARS:,} "
                "at a time. Split it into parts."
            )
        if self._grammar is not None:
            self._grammar.start()  # builds on its own thread while the model loads
        timings: dict[str, float] = {}
        clock = time.perf_counter()
        sentences = split_sentences(text)
        timings["segment"] = _ms_since(clock)
        judgements = self._judge([model_text(s.text) for s in sentences], timings)
        clock = time.perf_counter()
        grammar = self._check_grammar(text)
        timings["grammar"] = _ms_since(clock)
        clock = time.perf_counter()
        reports = [_sentence_report(s, j) for s, j in zip(sentences, judgements, strict=True)]
        reports, conflicts = self._advise(reports, needs or (), now)
        timings["suggest"] = _ms_since(clock)
        report = _assemble(reports, grammar, timings, id, conflicts)
        if self._grammar_failure:
            report.notes.append(self._grammar_failure)
        return report

    def _advise(self, reports: list[SentenceReport], needs: Sequence[str],
                now: datetime | None) -> tuple[list[SentenceReport], list[Any]]:
        """Add re-checked suggestions to flagged sentences, and mark what goes against
        the partner's stated needs."""
        from desktop.rewrite.advisor import need_suggestion
        from desktop.rewrite.needs import conflicts as find_conflicts

        flagged = [r for r in reports if r.flagged]
        conflicts = find_conflicts(needs, reports, now) if needs else []
        if not flagged and not conflicts:
            return reports, conflicts
        model = self._loaded()
        vectors = model.embedder.encode([model_text(r.text) for r in flagged])
        by_sentence: dict[int, list[Any]] = {}
        for conflict in conflicts:
            if conflict.sentence is not None:
                by_sentence.setdefault(conflict.sentence, []).append(conflict)
        advice = self._rewrites().advisor.suggestions_for(
            [(model_text(r.text), r.label, v) for r, v in zip(flagged, vectors, strict=True)])
        advice_of = {id(r): a for r, a in zip(flagged, advice, strict=True)}
        advised = []
        for index, sentence in enumerate(reports):
            mine = by_sentence.get(index, [])
            suggestions: tuple[Suggestion, ...] = ()
            if mine:
                suggestions += (need_suggestion(mine[0]),)
            if sentence.flagged:
                suggestions += advice_of[id(sentence)]
            advised.append(replace(
                sentence, suggestions=suggestions, flagged=sentence.flagged or bool(mine),
                needs=tuple(c.need for c in mine)))
        return advised, conflicts

    def _check_grammar(self, text: str) -> list[GrammarFinding]:
        """Grammar findings; an engine that fails is switched off for this session with a
        note, unless the user asked for it by name, when the failure is theirs to see."""
        if self._grammar is None or self._grammar_failure or not text.strip():
            return []
        try:
            return self._grammar.check(text)
        except GrammarUnavailableError as exc:
            if self._grammar_required:
                raise
            log.warning("Grammar engine %s failed: %s", self.grammar_engine, exc)
            self._grammar_failure = f"Grammar marks are off: {exc}"
            return []

    def _judge(self, texts: list[str], timings: dict[str, float]) -> list[_Judgement]:
        pending = list(dict.fromkeys(t for t in texts if t not in self._results))
        clock = time.perf_counter()
        timings["embed"] = 0.0
        if pending:
            vectors, decisions = self._decide(pending, timings)  # loads the model if need be
            for sentence, decision, evidence in zip(
                pending, decisions, self._loaded().index.nearest(vectors), strict=True
            ):
                self._remember(sentence, _Judgement(decision, evidence))
        judgements = [self._results[t] for t in texts]
        timings["classify"] = round(_ms_since(clock) - timings["embed"], 3)
        return judgements

    def _decide(self, texts: list[str], timings: dict[str, float] | None = None
                ) -> tuple[np.ndarray, list[Decision]]:
        """Each sentence's vector and decision: the whole sentence and its decisive clause
        ("…, but you …") are encoded in one batch and read together by the head, and a
        fixed phrase the embedding misreads has the last word."""
        clock = time.perf_counter()
        model = self._loaded()
        tails = [decisive_clause(t) for t in texts]
        vectors = model.embedder.encode(texts + [t for t in tails if t])
        if timings is not None:
            timings["embed"] = _ms_since(clock)
        full = vectors[: len(texts)]
        tail = full.copy()
        tail[[i for i, t in enumerate(tails) if t]] = vectors[len(texts):]
        probabilities = model.head.probabilities(
            model.head.features(full, tail, cue_matrix(texts)))
        return full, [settle(text, decision) for text, decision in
                      zip(texts, model.head.decide(probabilities), strict=True)]

    def _remember(self, sentence: str, judgement: _Judgement) -> None:
        self._results[sentence] = judgement
        self._results.move_to_end(sentence)
        while len(self._results) > RESULT_CACHE_SIZE:
            self._results.popitem(last=False)

    def forget_results(self) -> None:
        """Drop cached sentence results, vectors and suggestions (after a settings change, or
        to measure)."""
        self._results.clear()
        if self._model is not None:
            self._model.embedder.forget()
        if self._rewriting is not None:
            self._rewriting.advisor.forget()

    def close(self) -> None:
        if self._grammar is not None:
            self._grammar.close()


def _pin_fixed_rewrites(embedder: Embedder, rewrites: list[str]) -> None:
    """Every flagged sentence has its rewrites judged before they are shown; most are the
    same few hundred fixed sentences, so their vectors (and their decisive clauses') are
    computed once per model, kept on disk, and never encoded again."""
    from desktop.analysis.evidence import cached_vectors
    from desktop.rewrite.specifics import ordinary_case, slots_in

    fixed = [r for r in rewrites if not slots_in(r)]
    # a lower-case rewrite is offered in ordinary case to a writer who uses capitals
    texts = [model_text(r) for r in dict.fromkeys(fixed + [ordinary_case(r) for r in fixed])]
    texts += [tail for tail in map(decisive_clause, texts) if tail]
    texts = list(dict.fromkeys(texts))
    embedder.pin(texts, cached_vectors(texts, embedder, "fixed rewrites"))


def _ms_since(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 3)


def _sentence_report(sentence: Sentence, judgement: _Judgement) -> SentenceReport:
    decision = judgement.decision
    return SentenceReport(
        start=sentence.start, end=sentence.end, text=sentence.text,
        label=decision.label, family=decision.family,
        confidence=round(decision.confidence, 3),
        family_confidence=round(decision.family_confidence, 3),
        explanation=LABELS[decision.label].summary,
        evidence=judgement.evidence, flagged=decision.flagged,
    )


def _assemble(sentences: list[SentenceReport], grammar: list[GrammarFinding],
              timings: dict[str, float], report_id: Any, conflicts: list[Any]) -> Report:
    counts = Counter(s.label for s in sentences if s.flagged and s.family == APPROVAL)
    reasons = [LABELS[label].count_phrase(n) for label, n in counts.most_common()]
    if conflicts:  # a few quoted, the rest counted; all of them stay in report.needs
        from desktop.rewrite.needs import reason_lines

        reasons += reason_lines(conflicts)
    meaning_errors = sum(f.changes_meaning for f in grammar)
    if meaning_errors:
        reasons.append(f"{meaning_errors} grammar error{'s' if meaning_errors > 1 else ''} "
                       "may change what you mean")
    if not sentences:
        reasons.append("There is nothing to check yet.")
    ready = bool(sentences) and not reasons
    if ready:
        reasons.append("No sentence asks your partner for approval.")
    return Report(ready=ready, reasons=reasons, scores=_scores(sentences), sentences=sentences,
                  grammar=grammar, timings_ms=timings, id=report_id,
                  checklist=_checklist(sentences),
                  needs=[NeedReport(c.need, c.reason, c.sentence) for c in conflicts])


def _scores(sentences: list[SentenceReport]) -> dict[str, float]:
    """Shares of the sentences that take a stance; these describe the draft, nothing more."""
    stance = [s for s in sentences if s.family != NEUTRAL]
    if not stance:
        return {"accountable": 0.0, "approval": 0.0, "partner_focus": 0.0}
    share = lambda hits: round(sum(hits) / len(stance), 3)  # noqa: E731
    return {
        "accountable": share(s.family == ACCOUNTABLE for s in stance),
        "approval": share(s.family == APPROVAL for s in stance),
        "partner_focus": share(s.label in PARTNER_FOCUS_LABELS for s in stance),
    }


def _checklist(sentences: list[SentenceReport]) -> dict[str, bool]:
    """The repair moves of the source article, as plain yes/no marks for the writer."""
    labels = {s.label for s in sentences}
    return {
        "owns_what_happened": "ownership" in labels,
        "names_the_impact": "impact" in labels,
        "centres_partner_needs": "partner_needs" in labels,
        "shows_concrete_step": "change" in labels,
        "asks_for_nothing_back": bool(sentences) and not any(s.flagged for s in sentences),
    }

