"""Rule files: the bundled ones all load and pass their examples; broken ones are named."""

from __future__ import annotations

from collections import Counter

import pytest

from desktop import paths
from desktop.analysis.taxonomy import APPROVAL_LABELS
from desktop.rewrite.loader import load_rules
from desktop.rewrite.rules import tidy

BUNDLED = load_rules()
GOOD_RULE = """\
extends: substitution
label: conditional_apology
message: "'%s' puts a condition on the apology."
level: warning
link: principle/accountability
swap:
  "sorry if you were hurt": "sorry I hurt you"
examples:
  - before: "I'm sorry if you were hurt."
    after: "I'm sorry I hurt you."
  - unchanged: "I'm sorry I hurt you."
"""


def test_bundled_rules_all_load():
    assert BUNDLED.problems == ()
    assert len(BUNDLED.rules) >= 80


def test_every_approval_label_has_rules():
    counts = Counter(rule.label for rule in BUNDLED.rules)
    assert set(counts) >= APPROVAL_LABELS, APPROVAL_LABELS - set(counts)


@pytest.mark.parametrize("rule", BUNDLED.rules, ids=lambda r: r.id)
def test_every_example_of_every_rule(rule):
    assert any(e.after is not None for e in rule.examples)
    assert any(e.after is None for e in rule.examples), "each rule shows a near miss too"
    for example in rule.examples:
        result = rule.apply(example.before)
        assert (None if result is None else result.replacement) == example.after
    assert rule.id == f"{rule.path.parent.name}.{rule.path.stem}"


def _folder_with(tmp_path, name: str, body: str | bytes):
    style = tmp_path / "Mine"
    style.mkdir(exist_ok=True)
    path = style / name
    path.write_bytes(body if isinstance(body, bytes) else body.encode())
    return tmp_path


@pytest.mark.parametrize("body, fragment", [
    ("extends: substitution\nlabel: [unclosed\n", "not valid YAML at line"),
    (GOOD_RULE.replace('"sorry if you were hurt"', '"sorry (if"'), "key 'swap': bad regular"),
    (GOOD_RULE.replace("extends: substitution", "extends: spelling"), "key 'extends'"),
    (GOOD_RULE.replace("label: conditional_apology", "label: rudeness"), "key 'label'"),
    (GOOD_RULE.replace("level: warning", "level: fatal"), "key 'level'"),
    (GOOD_RULE.replace("principle/accountability", "principle/nothing"), "key 'link'"),
    (GOOD_RULE.replace('"sorry I hurt you"', '"sorry if you were hurt, truly"'),
     "swap would loop"),
    (GOOD_RULE.replace("after: \"I'm sorry I hurt you.\"", 'after: "Something else."'),
     "key 'examples'"),
    (GOOD_RULE + "colour: red\n", "key 'colour'"),
    (b"\xff\xfe not utf-8", "not UTF-8"),
    ("- just\n- a list\n", "must be a mapping"),
])
def test_broken_rules_are_named_and_the_rest_still_load(tmp_path, body, fragment):
    folder = _folder_with(tmp_path, "Broken.yml", body)
    _folder_with(tmp_path, "Good.yml", GOOD_RULE)
    rules = load_rules([folder])
    assert [r.id for r in rules.rules] == ["Mine.Good"]
    assert len(rules.problems) == 1
    assert "Broken.yml" in rules.problems[0] and fragment in rules.problems[0]


def test_catastrophic_patterns_are_bounded(tmp_path):
    slow = GOOD_RULE.replace('"sorry if you were hurt": "sorry I hurt you"',
                             '"(x+x+)+y": "z"').replace(
        "  - before: \"I'm sorry if you were hurt.\"\n    after: \"I'm sorry I hurt you.\"\n",
        "  - before: \"xxy\"\n    after: \"z\"\n")
    rules = load_rules([_folder_with(tmp_path, "Slow.yml", slow)])
    assert rules.problems == ()
    # Without the match timeout this input backtracks for hours; with it the rule gives up.
    assert rules.rewrites("x" * 5000) == []


def test_disabled_rules_and_user_rules_override(tmp_path):
    folder = _folder_with(tmp_path, "Good.yml", GOOD_RULE)
    assert load_rules([folder], disabled={"Mine.Good"}).rules == ()
    assert load_rules([tmp_path / "missing"]).problems[0].endswith("does not exist")


def test_tidy_keeps_the_writers_casing():
    assert tidy("sorry I hurt you , Sam .", like="sorry if u were hurt") == "sorry I hurt you, Sam."
    assert tidy("it was messages.", like="It was just messages.") == "It was messages."
    assert tidy(", I lied.", like="But I lied.") == "I lied."


def test_bundled_rules_folder_is_where_paths_says():
    assert paths.rewrite_rules_dir().is_dir()
