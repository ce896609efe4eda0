"""The practice library: situations, each with prompts in the partner's words.

One YAML file per situation (``resources/practice/<situation>.yml``) plus
``reflection.yml`` with optional value-affirmation questions. The loader checks every
file at start-up and names the file and key of the first mistake, so a broken edit to a
prompt never shows up as a strange session later.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from desktop import paths

log = logging.getLogger(__name__)

REFLECTION_FILE = "reflection.yml"
DIFFICULTIES = (1, 2, 3)
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SITUATION_KEYS = {"situation", "title", "about", "prompts"}
_PROMPT_KEYS = {"id", "difficulty", "partner", "note"}


class PromptError(ValueError):
    """A practice file does not follow the format; the message names file and key."""


@dataclass(frozen=True)
class Prompt:
    id: str
    """Stable: attempts in the vault refer to it."""
    situation: str
    difficulty: int
    partner: str
    """What the partner says, in their words."""
    note: str | None = None
    """What a repairing answer does (shown after answering, if at all)."""


@dataclass(frozen=True)
class Situation:
    id: str
    title: str
    about: str
    prompts: tuple[Prompt, ...]


@dataclass(frozen=True)
class ReflectionQuestion:
    id: str
    question: str


@dataclass(frozen=True)
class Library:
    situations: tuple[Situation, ...]
    reflection: tuple[ReflectionQuestion, ...]

    @property
    def prompts(self) -> tuple[Prompt, ...]:
        return tuple(p for s in self.situations for p in s.prompts)

    def prompt(self, prompt_id: str) -> Prompt:
        for prompt in self.prompts:
            if prompt.id == prompt_id:
                return prompt
        raise KeyError(prompt_id)

    def situation(self, situation_id: str) -> Situation:
        for situation in self.situations:
            if situation.id == situation_id:
                return situation
        raise KeyError(situation_id)


def practice_dir() -> Path:
    return paths.resources_dir() / "practice"


def _text(data: dict[str, Any], key: str, where: str, *, optional: bool = False) -> str | None:
    value = data.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise PromptError(f"{where}: '{key}' must be a non-empty text")
    return " ".join(value.split())


def _identifier(data: dict[str, Any], key: str, where: str) -> str:
    value = _text(data, key, where)
    assert value is not None
    if not _ID.match(value):
        raise PromptError(f"{where}: '{key}' {value!r} must be lower-case words joined by '-'")
    return value


def _unknown(data: dict[str, Any], allowed: set[str], where: str) -> None:
    extra = sorted(set(data) - allowed)
    if extra:
        raise PromptError(f"{where}: unknown key '{extra[0]}' (allowed: "
                          f"{', '.join(sorted(allowed))})")


def _prompt(item: Any, situation: str, where: str) -> Prompt:
    if not isinstance(item, dict):
        raise PromptError(f"{where}: each prompt must be a mapping")
    _unknown(item, _PROMPT_KEYS, where)
    prompt_id = _identifier(item, "id", where)
    where = f"{where} ({prompt_id})"
    difficulty = item.get("difficulty")
    if difficulty not in DIFFICULTIES or isinstance(difficulty, bool):
        raise PromptError(f"{where}: 'difficulty' must be 1, 2 or 3, not {difficulty!r}")
    partner = _text(item, "partner", where)
    assert partner is not None
    return Prompt(prompt_id, situation, int(difficulty), partner,
                  _text(item, "note", where, optional=True))


def _read(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PromptError(f"{path.name}: cannot read it ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise PromptError(f"{path.name}: is not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        raise PromptError(f"{path.name}: is not valid YAML{at}") from None


def load_situation(path: Path) -> Situation:
    data = _read(path)
    name = path.name
    if not isinstance(data, dict):
        raise PromptError(f"{name}: expected a mapping with situation, title and prompts")
    _unknown(data, _SITUATION_KEYS, name)
    situation = _identifier(data, "situation", name)
    if situation != path.stem:
        raise PromptError(f"{name}: 'situation' is {situation!r} but the file is named "
                          f"{path.stem!r}; they must match")
    title = _text(data, "title", name)
    about = _text(data, "about", name, optional=True) or ""
    items = data.get("prompts")
    if not isinstance(items, list) or not items:
        raise PromptError(f"{name}: 'prompts' must be a non-empty list")
    prompts = tuple(_prompt(item, situation, f"{name}: prompts[{i}]")
                    for i, item in enumerate(items))
    assert title is not None
    return Situation(situation, title, about, prompts)


def load_reflection(path: Path) -> tuple[ReflectionQuestion, ...]:
    data = _read(path)
    name = path.name
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        raise PromptError(f"{name}: 'questions' must be a list")
    _unknown(data, {"questions"}, name)
    questions = []
    for index, item in enumerate(data["questions"]):
        where = f"{name}: questions[{index}]"
        if not isinstance(item, dict):
            raise PromptError(f"{where}: each question must be a mapping")
        _unknown(item, {"id", "question"}, where)
        text = _text(item, "question", where)
        assert text is not None
        questions.append(ReflectionQuestion(_identifier(item, "id", where), text))
    return tuple(questions)


def load_library(folder: Path | None = None) -> Library:
    """Every situation and reflection question; raises :class:`PromptError` on a mistake."""
    folder = folder or practice_dir()
    if not folder.is_dir():
        raise PromptError(f"The practice prompts are missing ({folder}); reinstall Amends.")
    situations = [load_situation(p) for p in sorted(folder.glob("*.yml"))
                  if p.name != REFLECTION_FILE]
    if not situations:
        raise PromptError(f"{folder}: no situation files (*.yml) were found")
    seen: dict[str, str] = {}
    for situation in situations:
        for prompt in situation.prompts:
            if prompt.id in seen:
                raise PromptError(f"{situation.id}.yml: prompt id {prompt.id!r} is already "
                                  f"used in {seen[prompt.id]}.yml")
            seen[prompt.id] = situation.id
    reflection_path = folder / REFLECTION_FILE
    reflection = load_reflection(reflection_path) if reflection_path.exists() else ()
    ids = [q.id for q in reflection]
    if len(set(ids)) != len(ids):
        raise PromptError(f"{REFLECTION_FILE}: a question id is used twice")
    log.debug("Loaded %d practice prompts in %d situations", len(seen), len(situations))
    return Library(tuple(situations), reflection)
