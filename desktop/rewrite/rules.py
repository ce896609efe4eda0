"""Rewrite rules: one YAML file a rule, modelled on Vale's styles.

A rule's id is ``Folder.File``. ``extends`` picks what it does to a sentence:

- ``substitution``: ``swap`` maps patterns to replacements, applied in order;
- ``existence``: ``tokens`` are removed from the sentence (e.g. a minimizing "just");
- ``sentence``: ``pattern`` must match, and ``replacement`` is a whole new sentence (it may
  use ``\\g<name>`` groups to keep the writer's specifics; ``""`` means delete the sentence).

Patterns use the ``regex`` module so every match is bounded in time: a pattern that
backtracks catastrophically times out and counts as no match instead of freezing the app.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from desktop.rewrite.screen import may_match

log = logging.getLogger(__name__)

MATCH_TIMEOUT = 0.05
"""Seconds one pattern may spend on one sentence."""
KINDS = ("existence", "substitution", "sentence")
LEVELS = ("suggestion", "warning", "error")


class RuleError(Exception):
    """A rule file is malformed; the message names the file and the key."""


@dataclass(frozen=True)
class Example:
    before: str
    after: str | None
    """None means the rule must leave ``before`` unchanged."""


@dataclass(frozen=True)
class Rewrite:
    rule: Rule
    replacement: str
    matched: str

    @property
    def explanation(self) -> str:
        return self.rule.explain(self.matched)


@dataclass(frozen=True)
class Rule:
    id: str
    path: Path
    extends: str
    label: str
    message: str
    level: str
    link: str
    swaps: tuple[tuple[regex.Pattern[str], str], ...] = ()
    tokens: tuple[regex.Pattern[str], ...] = ()
    pattern: regex.Pattern[str] | None = None
    replacement: str | None = None
    examples: tuple[Example, ...] = field(default=(), compare=False)

    def explain(self, matched: str) -> str:
        return self.message.replace("%s", " ".join(matched.split())) if matched else self.message

    def apply(self, sentence: str) -> Rewrite | None:
        """The rewritten sentence, or None when the rule does not speak to this sentence."""
        try:
            if self.extends == "sentence":
                return self._whole_sentence(sentence)
            if self.extends == "substitution":
                return self._substitute(sentence)
            return self._remove_tokens(sentence)
        except TimeoutError:
            log.warning("Rewrite rule %s timed out on a sentence and was skipped", self.id)
            return None

    def _whole_sentence(self, sentence: str) -> Rewrite | None:
        assert self.pattern is not None and self.replacement is not None
        match = _search(self.pattern, sentence)
        if match is None:
            return None
        replacement = match.expand(self.replacement) if self.replacement else ""
        return Rewrite(self, tidy(replacement, like=sentence) if replacement else "",
                       match.group(0))

    def _substitute(self, sentence: str) -> Rewrite | None:
        result, matched = sentence, ""
        for pattern, replacement in self.swaps:
            match = _search(pattern, result)
            if match is None:
                continue
            matched = matched or match.group(0)
            result = pattern.sub(replacement, result, timeout=MATCH_TIMEOUT)
        if not matched:
            return None
        return Rewrite(self, tidy(result, like=sentence), matched)

    def _remove_tokens(self, sentence: str) -> Rewrite | None:
        result, matched = sentence, ""
        for token in self.tokens:
            match = _search(token, result)
            if match is None:
                continue
            matched = matched or match.group(0)
            result = token.sub("", result, timeout=MATCH_TIMEOUT)
        if not matched:
            return None
        return Rewrite(self, tidy(result, like=sentence), matched)


def _search(pattern: regex.Pattern[str], text: str) -> regex.Match[str] | None:
    """A bounded search, skipped when the screen shows the pattern cannot match."""
    if not may_match(pattern, text.casefold()):
        return None
    return pattern.search(text, timeout=MATCH_TIMEOUT)


_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?…])")
_DOUBLE_COMMA = re.compile(r",\s*,")
_LEADING_PUNCT = re.compile(r"^[\s,;:]+")


def tidy(sentence: str, like: str) -> str:
    """Clean the seams a rewrite leaves, and keep the writer's casing of the first letter."""
    result = " ".join(sentence.split())
    result = _DOUBLE_COMMA.sub(",", _SPACE_BEFORE_PUNCT.sub(r"\1", result))
    result = _LEADING_PUNCT.sub("", result)
    first_original = next((c for c in like if c.isalpha()), "")
    for i, char in enumerate(result):
        if char.isalpha():
            cased = char.upper() if first_original.isupper() else (
                char.lower() if first_original.islower() and char != "I" else char)
            result = result[:i] + cased + result[i + 1:]
            break
    return result


# -- loading ------------------------------------------------------------------------------
_COMMON_KEYS = {"extends", "label", "message", "level", "link", "ignorecase", "examples",
                "description"}
_KIND_KEYS = {"substitution": {"swap"}, "existence": {"tokens"},
              "sentence": {"pattern", "replacement"}}


def _fail(path: Path, key: str, problem: str) -> RuleError:
    return RuleError(f"{path}: key '{key}': {problem}")


def _compile(path: Path, key: str, source: Any, ignorecase: bool) -> regex.Pattern[str]:
    if not isinstance(source, str) or not source:
        raise _fail(path, key, "must be a non-empty pattern")
    try:
        return regex.compile(source, regex.IGNORECASE if ignorecase else 0)
    except regex.error as exc:
        raise _fail(path, key, f"bad regular expression {source!r} ({exc})") from None


def _text(path: Path, data: dict[str, Any], key: str, choices: tuple[str, ...] | None = None,
          allow_empty: bool = False) -> str:
    value = data.get(key)
    if not isinstance(value, str) or (not value and not allow_empty):
        raise _fail(path, key, "is missing or not text")
    if choices and value not in choices:
        raise _fail(path, key, f"{value!r} is not one of {', '.join(choices)}")
    return value


def parse_rule(path: Path, data: Any, rule_id: str, labels: frozenset[str],
               principles: frozenset[str]) -> Rule:
    """Validate one rule file's data and build the rule (its examples are checked too)."""
    if not isinstance(data, dict):
        raise RuleError(f"{path}: a rule file must be a mapping of keys")
    extends = _text(path, data, "extends", KINDS)
    unknown = set(data) - _COMMON_KEYS - _KIND_KEYS[extends]
    if unknown:
        raise _fail(path, sorted(unknown)[0], f"is not a key of an '{extends}' rule")
    label = _text(path, data, "label")
    if label not in labels:
        raise _fail(path, "label", f"{label!r} is not a label of the taxonomy")
    link = _text(path, data, "link")
    if not link.startswith("principle/") or link.removeprefix("principle/") not in principles:
        raise _fail(path, "link", f"{link!r} is not one of principle/"
                    + ", principle/".join(sorted(principles)))
    ignorecase = data.get("ignorecase", True)
    if not isinstance(ignorecase, bool):
        raise _fail(path, "ignorecase", "must be true or false")
    fields: dict[str, Any] = {}
    if extends == "substitution":
        swap = data.get("swap")
        if not isinstance(swap, dict) or not swap:
            raise _fail(path, "swap", "must map patterns to replacements")
        swaps = []
        for source, replacement in swap.items():
            if not isinstance(replacement, str):
                raise _fail(path, "swap", f"the replacement for {source!r} must be text")
            pattern = _compile(path, "swap", source, ignorecase)
            if replacement and pattern.search(replacement, timeout=MATCH_TIMEOUT):
                raise _fail(path, "swap", f"{source!r} matches its own replacement, so the "
                            "swap would loop")
            swaps.append((pattern, replacement))
        fields["swaps"] = tuple(swaps)
    elif extends == "existence":
        tokens = data.get("tokens")
        if not isinstance(tokens, list) or not tokens:
            raise _fail(path, "tokens", "must be a list of patterns")
        fields["tokens"] = tuple(_compile(path, "tokens", t, ignorecase) for t in tokens)
    else:
        fields["pattern"] = _compile(path, "pattern", data.get("pattern"), ignorecase)
        replacement = _text(path, data, "replacement", allow_empty=True)
        if replacement and fields["pattern"].search(replacement, timeout=MATCH_TIMEOUT):
            raise _fail(path, "replacement", "matches the rule's own pattern, so the rewrite "
                        "would be flagged again")
        fields["replacement"] = replacement
    rule = Rule(id=rule_id, path=path, extends=extends, label=label,
                message=_text(path, data, "message"),
                level=_text(path, data, "level", LEVELS), link=link,
                examples=_examples(path, data.get("examples")), **fields)
    _check_examples(rule)
    return rule


def _examples(path: Path, raw: Any) -> tuple[Example, ...]:
    if not isinstance(raw, list) or not raw:
        raise _fail(path, "examples", "must list at least one example")
    examples = []
    for item in raw:
        if isinstance(item, dict) and set(item) == {"before", "after"} and all(
                isinstance(v, str) for v in item.values()):
            examples.append(Example(item["before"], item["after"]))
        elif isinstance(item, dict) and set(item) == {"unchanged"} and isinstance(
                item["unchanged"], str):
            examples.append(Example(item["unchanged"], None))
        else:
            raise _fail(path, "examples", "each example is {before, after} or {unchanged}")
    if all(e.after is None for e in examples):
        raise _fail(path, "examples", "needs at least one before/after example")
    return tuple(examples)


def _check_examples(rule: Rule) -> None:
    for example in rule.examples:
        result = rule.apply(example.before)
        got = None if result is None else result.replacement
        if got != example.after:
            expected = "no change" if example.after is None else repr(example.after)
            raise _fail(rule.path, "examples", f"{example.before!r} gives "
                        f"{'no change' if got is None else repr(got)}, expected {expected}")
