"""Running ``amends`` as a user does: a fresh process, a real keyring, no terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO
from tests.vault.secret_service import headless_env

KEPT = ("AMENDS_CONFIG_DIR", "AMENDS_CACHE_DIR")


def run_amends(keyring_env: dict[str, str], data: Path, *args: str,
               stdin: bytes | None = b"", keyring: bool = True,
               **extra: str) -> subprocess.CompletedProcess:
    """``amends ARGS`` with the data folder ``data``; ``keyring=False`` is a headless machine.

    Only the test's own AMENDS_* folders are passed on, so a passphrase set in the outer
    environment never unlocks anything by accident.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("AMENDS_") or k in KEPT}
    env.update(keyring_env)
    if not keyring:
        env = headless_env(env)
    env.update({"PYTHONPATH": str(REPO), "AMENDS_DATA_DIR": str(data), **extra})
    return subprocess.run([sys.executable, "-m", "desktop", *args], input=stdin,
                          capture_output=True, env=env, timeout=300, cwd=REPO,
                          start_new_session=True)
