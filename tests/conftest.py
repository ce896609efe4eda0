"""Shared fixtures: every test runs against throw-away data, config and cache folders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def amends_dirs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Point every Amends folder at a temporary place for the whole session.

    The cache folder is shared by the session so the exemplar vectors are encoded once.
    """
    base = tmp_path_factory.mktemp("amends-home")
    env = {
        "AMENDS_DATA_DIR": str(base / "data"),
        "AMENDS_CONFIG_DIR": str(base / "config"),
        "AMENDS_CACHE_DIR": str(base / "cache"),
    }
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    yield env
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def analyzer(amends_dirs: dict[str, str]):
    """One loaded engine (real model, grammar off) shared by the session."""
    from desktop.analysis import Analyzer

    engine = Analyzer(grammar="off")
    engine.warm_up()
    return engine
