"""The practice library loads, is big and varied enough, and names every mistake."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.practice import PromptError, load_library
from desktop.practice.prompts import practice_dir
from tests.conftest import REPO

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]


def test_the_shipped_library():
    library = load_library()
    prompts = library.prompts
    assert len(prompts) >= 60
    assert 8 <= len(library.situations) <= 10
    assert len({p.id for p in prompts}) == len(prompts)
    for situation in library.situations:
        assert {p.difficulty for p in situation.prompts} == {1, 2, 3}, situation.id
        assert all(p.id.startswith(situation.id + "-") for p in situation.prompts)
    assert sum(p.note is not None for p in prompts) >= len(prompts) * 0.9
    assert len(library.reflection) >= 4
    assert library.prompt("space-01").situation == "space"
    with pytest.raises(KeyError):
        library.prompt("nope-99")


def test_the_library_ships_in_the_wheel():
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    force = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert force["resources"] == "desktop/resources"
    assert practice_dir() == REPO / "resources" / "practice"


@pytest.fixture
def folder(tmp_path) -> Path:
    copy = tmp_path / "practice"
    shutil.copytree(practice_dir(), copy)
    return copy


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(("file", "old", "new", "expected"), [
    ("space.yml", "difficulty: 1", "difficulty: 4", r"space.yml: prompts\[0\] \(space-01\): "
                                                    r"'difficulty' must be 1, 2 or 3"),
    ("space.yml", "    note: Agrees", "    hint: Agrees", r"space.yml: prompts\[0\]: unknown "
                                                          r"key 'hint'"),
    ("why.yml", "id: why-02", "id: why-01", r"why.yml: prompt id 'why-01' is already used"),
    ("why.yml", "id: why-03", "id: Why 3", r"why.yml: prompts\[2\]: 'id' 'Why 3' must be"),
    ("dates.yml", "situation: dates", "situation: holidays", r"dates.yml: 'situation' is "
                                                             r"'holidays' but the file"),
    ("future.yml", 'partner: "I don\'t know if I can stay."', 'partner: ""',
     r"future.yml: prompts\[0\] \(future-01\): 'partner' must be a non-empty text"),
    ("contact.yml", "prompts:", "prompts: [", r"contact.yml: is not valid YAML at line"),
    ("reflection.yml", "id: values-care", "id: values-honesty",
     r"reflection.yml: a question id is used twice"),
])
def test_mistakes_name_the_file_and_key(folder, file, old, new, expected):
    _edit(folder / file, old, new)
    with pytest.raises(PromptError, match=expected):
        load_library(folder)


def test_a_missing_folder_or_empty_library(tmp_path):
    with pytest.raises(PromptError, match="missing"):
        load_library(tmp_path / "nowhere")
    with pytest.raises(PromptError, match="no situation files"):
        load_library(tmp_path)
