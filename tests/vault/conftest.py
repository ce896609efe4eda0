"""Vault tests run against a real Secret Service on a private D-Bus session bus."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.vault.secret_service import NO_BUS, secret_service, use_in_process


@pytest.fixture(scope="session")
def keyring_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    with secret_service(tmp_path_factory.mktemp("secret-service")) as env:
        yield env


@pytest.fixture(autouse=True)
def real_keyring(keyring_env: dict[str, str]) -> Iterator[dict[str, str]]:
    """Every vault test sees the private keyring, and nothing else, unless it asks."""
    saved = os.environ.pop("AMENDS_PASSPHRASE", None)
    with use_in_process(keyring_env):
        yield keyring_env
    if saved is not None:
        os.environ["AMENDS_PASSPHRASE"] = saved


@pytest.fixture
def headless(real_keyring: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """This process now behaves as on a machine without a keyring: no session bus."""
    import keyring
    from keyring.backends import SecretService

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", NO_BUS)
    keyring.set_keyring(SecretService.Keyring())


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def vault_path(data_dir: Path) -> Path:
    return data_dir / "vault.sqlite3"
