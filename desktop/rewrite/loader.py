"""Loading rule folders: every file validated, every problem named, nothing fatal.

A rules folder holds style folders (``Repair/``) of rule files (``ConditionalApology.yml``),
giving ids like ``Repair.ConditionalApology``. The bundled ``rewrite_rules/`` loads first,
then the user's folder from settings, whose rules replace bundled ones of the same id.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from desktop import paths
from desktop.analysis.taxonomy import LABELS
from desktop.rewrite.rules import Rewrite, Rule, RuleError, parse_rule

log = logging.getLogger(__name__)

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Loader = yaml.SafeLoader


@dataclass(frozen=True)
class Principle:
    id: str
    title: str
    text: str


@cache
def load_principles() -> dict[str, Principle]:
    raw = yaml.load((paths.resources_dir() / "principles.yml").read_text(encoding="utf-8"),
                    Loader=_Loader)
    return {key: Principle(key, value["title"], " ".join(value["text"].split()))
            for key, value in raw.items()}


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    problems: tuple[str, ...] = ()
    """One line per file that could not be used (shown to the user, never fatal)."""

    def rewrites(self, sentence: str) -> list[Rewrite]:
        found = []
        for rule in self.rules:
            rewrite = rule.apply(sentence)
            if rewrite is not None and rewrite.replacement != sentence:
                found.append(rewrite)
        return found

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def load_rules(folders: Sequence[Path] | None = None,
               disabled: Collection[str] = ()) -> RuleSet:
    folders = list(folders) if folders is not None else [paths.rewrite_rules_dir()]
    principles = frozenset(load_principles())
    labels = frozenset(LABELS)
    rules: dict[str, Rule] = {}
    problems: list[str] = []
    for folder in folders:
        if not folder.is_dir():
            problems.append(f"{folder}: the rules folder does not exist")
            continue
        for path in sorted(folder.glob("*/*.yml")):
            rule_id = f"{path.parent.name}.{path.stem}"
            try:
                data = _read(path)
                rules[rule_id] = parse_rule(path, data, rule_id, labels, principles)
            except RuleError as exc:
                problems.append(str(exc))
    for problem in problems:
        log.warning("Skipped a rewrite rule: %s", problem)
    enabled = tuple(rule for rule_id, rule in rules.items() if rule_id not in set(disabled))
    return RuleSet(enabled, tuple(problems))


def _read(path: Path) -> object:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except UnicodeDecodeError:
        raise RuleError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise RuleError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise RuleError(f"{path}: not valid YAML{where}") from None
