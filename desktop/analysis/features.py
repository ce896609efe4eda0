"""What the classifier sees of a sentence besides its embedding.

Sentence embeddings blur stance: "sorry I hurt you" and "sorry if I hurt you" sit close
together. Two cheap additions carry what the taxonomy says decides a label:
the clause after a contrast ("..., but it's been a year") is embedded on its own, and a few
fixed phrases of apology and request are marked explicitly.
"""

from __future__ import annotations

import re

import numpy as np

_LEADING_CONCESSION = re.compile(
    r"^\s*(?:even though|although|though|while|whilst|despite)\b[^,;]{3,}[,;]\s*(?P<main>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
_CONTRAST = re.compile(
    r"(?:(?:[,;]\s*|\s)(?:but|although|however|except that)|[,;]\s*(?:though|yet))\b[,\s]*",
    re.IGNORECASE,
)
_MIN_TAIL_WORDS = 2

_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("apology_if", r"\b(?:sorry|apologi[sz]e|apologies)\b[^.?!]{0,40}?\bif\b"),
        ("apology_for_their_feeling",
         r"\b(?:sorry|apologi[sz]e|regret)\b (?:that )?(?:you|u|ur|you're|youre) "
         r"(?:feel|felt|were|are|got|took|had|found|see|saw|think|thought|'re)"),
        ("apology_but", r"\b(?:sorry|apologi[sz]e|apologies)\b[^.?!]{0,40}?\bbut\b"),
        ("any_harm_caused",
         r"\b(?:any|whatever|anything)\b[^.?!]{0,40}\b(?:pain|hurt|upset|distress|harm|"
         r"offen[cs]e|trouble)\b[^.?!]{0,25}\b(?:caused|may|might)\b"),
        ("passive_wrongdoing",
         r"\b(?:mistakes|things|lines|trust|promises|boundaries|vows)\b (?:were|was|got|have been"
         r"|had been) (?:made|crossed|broken|said|done|betrayed)\b"),
        ("negated_request",
         r"\b(?:not|n't|never|no|dont|don't|won't|wont)\b[^.?!]{0,25}\b(?:ask(?:ing)?|expect"
         r"(?:ing)?|need you to|have to|rush(?:ing)?|pressur(?:e|ing)|owe)\b"),
        ("credit_claim",
         r"\b(?:so|which means) (?:you|u) (?:should|can|could|have to|need to|must)\b|"
         r"\bearned\b|\bafter (?:all|everything) (?:i|I)\b|\bwhat more do you want\b"),
        ("question", r"\?\s*\W*$"),
    )
)
CUE_NAMES: tuple[str, ...] = tuple(name for name, _ in _CUES)


def decisive_clause(sentence: str) -> str | None:
    """The clause that decides a contrast sentence's stance, or None when there is none.

    "Take your time, but it's been a year" → "it's been a year"; "Although I miss us, what
    matters is what you need" → "what matters is what you need".
    """
    concession = _LEADING_CONCESSION.match(sentence)
    if concession and len(concession.group("main").split()) >= _MIN_TAIL_WORDS:
        return concession.group("main").strip()
    tail = None
    for match in _CONTRAST.finditer(sentence):
        rest = sentence[match.end():].strip()
        if len(rest.split()) >= _MIN_TAIL_WORDS and match.start() > 0:
            tail = rest
    return tail


def cue_vector(sentence: str) -> np.ndarray:
    return np.array([1.0 if p.search(sentence) else 0.0 for _, p in _CUES], dtype=np.float32)


def cue_matrix(sentences: list[str]) -> np.ndarray:
    if not sentences:
        return np.zeros((0, len(_CUES)), np.float32)
    return np.stack([cue_vector(s) for s in sentences])
