"""A past participle used as the past tense ("what i done", "we seen it"): Harper has no rule.

Apologies are full of "what I done" and "I seen her once more", and a reader can take that
for carelessness. LanguageTool catches it; Harper (0.2) does not, so Harper's findings are
topped up with this one narrow check. It stays quiet after an auxiliary or a form of "be"
("have you seen", "were you seen", "was I done"), where the participle is correct.
"""

from __future__ import annotations

import re

from desktop.analysis.report import GrammarFinding

RULE = "Amends.PastParticipleAsPast"
PARTICIPLES = {"done": "did", "seen": "saw", "gone": "went", "begun": "began",
               "written": "wrote", "taken": "took", "given": "gave", "spoken": "spoke"}
"""Participle → simple past, for participles that are never the past tense themselves."""
SUBJECTS = {"i": "have", "you": "have", "we": "have", "they": "have", "he": "has", "she": "has"}
AUXILIARIES = frozenset({"have", "has", "had", "having", "am", "is", "are", "was", "were",
                         "be", "being", "been"})
"""Words that make the participle correct just before the subject, as in a question
("have you seen", "weren't they seen")."""
PATTERN = re.compile(
    r"(?<![\w'’])(?:(?P<before>[A-Za-z]+(?:n['’]t)?)\s+)?(?P<subject>I|i|[Yy]ou|[Ww]e|[Tt]hey|[Hh]e|[Ss]he)"
    r"\s+(?P<verb>been|" + "|".join(PARTICIPLES) + r")\b")


def find(text: str) -> list[GrammarFinding]:
    """Findings for every subject + bare participle in ``text``, offsets in code points."""
    findings = []
    for match in PATTERN.finditer(text):
        before = (match.group("before") or "").lower().replace("’", "'").removesuffix("n't")
        if before in AUXILIARIES:
            continue
        verb = match.group("verb")
        helped = f"{SUBJECTS[match.group('subject').lower()]} {verb}"
        replacements = (PARTICIPLES[verb], helped) if verb in PARTICIPLES else (helped,)
        findings.append(GrammarFinding(
            start=match.start("verb"), end=match.end("verb"),
            message=f"“{verb}” needs a helper verb here: “{'” or “'.join(replacements)}”.",
            rule=RULE, replacements=replacements, changes_meaning=False))
    return findings
