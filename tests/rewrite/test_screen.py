"""The screen that skips rule patterns which cannot match: never wrong, and it pays."""

from __future__ import annotations

import pytest
import regex

from desktop.analysis.exemplars import load_library
from desktop.analysis.taxonomy import APPROVAL_LABELS
from desktop.rewrite import rules
from desktop.rewrite.loader import load_rules
from desktop.rewrite.screen import may_match, needed_words


def needs(source: str) -> list[set[str]]:
    return [set(words) for words in needed_words(regex.compile(source, regex.IGNORECASE))]


def test_words_a_match_must_contain():
    assert needs(r"\bsorry\s+if\b") == [{"sorry"}, {"if"}]
    assert needs(r"\b(?:forgive|trust)\s+me") == [{"forgive", "trust"}, {"me"}]
    assert needs(r"(?=.*\bearned\b)I've") == [{"earned"}, {"i've"}]  # a lookahead must hold


def test_what_a_match_may_leave_out_is_not_needed():
    assert needs(r"(?:just\s+)?move on") == [{"move on"}]
    assert needs(r"(?!.*\bsorry\b)please") == [{"please"}]  # a negative lookahead asserts absence
    assert needs(r"(?:sorry|\w+ly)") == [{"sorry", "ly"}]
    assert needs(r"(?:sorry|\w+)") == []  # one branch needs no fixed word
    assert needs(r"[a-z]+") == []


def test_syntax_only_the_regex_module_knows_is_always_run():
    pattern = regex.compile(r"\p{Lu}orry")
    assert needed_words(pattern) == ()
    assert may_match(pattern, "anything")


def test_words_are_casefolded_and_text_outside_ascii_is_not_trusted():
    assert needs(r"SORRY") == [{"sorry"}]
    assert needs(r"café|sorry") == []  # case folding outside ASCII is not simple


@pytest.mark.slow
def test_screened_rules_rewrite_exactly_as_unscreened(monkeypatch):
    """Every bundled rule, on every approval exemplar and every rule example: the screen
    changes only how long it takes."""
    ruleset = load_rules()
    texts = [e.text for e in load_library().exemplars if e.label in APPROVAL_LABELS]
    texts += [example.before for rule in ruleset.rules for example in rule.examples]

    def rewrites() -> list[list[tuple[str, str]]]:
        return [[(w.rule.id, w.replacement) for w in ruleset.rewrites(t)] for t in texts]

    screened = rewrites()
    monkeypatch.setattr(rules, "may_match", lambda pattern, text: True)
    assert screened == rewrites()
    assert sum(map(len, screened)) > len(texts) // 4  # the texts do exercise the rules


def test_a_later_swap_is_screened_against_the_text_as_rewritten(tmp_path):
    """A swap can make the text that a later swap of the same rule rewrites."""
    folder = tmp_path / "rules" / "Mine"
    folder.mkdir(parents=True)
    (folder / "Chain.yml").write_text(
        "extends: substitution\nlabel: minimizing\nmessage: m\nlevel: warning\n"
        "link: principle/accountability\n"
        'swap:\n  "bit of a mess": "total mess"\n  "total mess": "mess I caused you"\n'
        'examples:\n  - before: "I made a bit of a mess."\n'
        '    after: "I made a mess I caused you."\n', encoding="utf-8")
    ruleset = load_rules([tmp_path / "rules"])
    assert ruleset.problems == ()  # its example passed, through both swaps
