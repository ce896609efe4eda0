"""Command-line tests run ``amends`` in fresh processes against a private Secret Service."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.vault.secret_service import secret_service


@pytest.fixture(scope="module")
def keyring_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    with secret_service(tmp_path_factory.mktemp("secret-service")) as env:
        yield env


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"
