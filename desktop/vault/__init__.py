"""The encrypted drafts vault: SQLite store, AES-GCM fields, keyring or passphrase keys.

Importing this package is cheap and never touches the keyring or the disk; nothing is
read until :meth:`Vault.open`. Never imports Qt.
"""

from __future__ import annotations

from desktop.vault import backups, keystore
from desktop.vault.errors import (
    ArchiveError,
    DiskFullError,
    KeyMissingError,
    KeyringUnavailableError,
    NotFoundError,
    PassphraseError,
    PassphraseRequiredError,
    TamperedDataError,
    VaultDamagedError,
    VaultError,
    VaultLockedError,
    VaultTooNewError,
    WrongPassphraseError,
)
from desktop.vault.records import (
    Commitment,
    Draft,
    DraftSummary,
    Need,
    PracticeAttempt,
    Version,
)
from desktop.vault.store import Vault, default_path
from desktop.vault.writer import VaultWriter

__all__ = [
    "ArchiveError",
    "Commitment",
    "DiskFullError",
    "Draft",
    "DraftSummary",
    "KeyMissingError",
    "KeyringUnavailableError",
    "Need",
    "NotFoundError",
    "PassphraseError",
    "PassphraseRequiredError",
    "PracticeAttempt",
    "TamperedDataError",
    "Vault",
    "VaultDamagedError",
    "VaultError",
    "VaultLockedError",
    "VaultTooNewError",
    "VaultWriter",
    "Version",
    "WrongPassphraseError",
    "backups",
    "default_path",
    "keystore",
]
