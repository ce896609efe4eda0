"""Ledger tests use the real vault (real SQLite, real Secret Service keyring)."""

from __future__ import annotations

from tests.vault.conftest import data_dir, keyring_env, real_keyring, vault_path

__all__ = ["data_dir", "keyring_env", "real_keyring", "vault_path"]
