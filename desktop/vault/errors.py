"""Typed vault errors; each message is one sentence that says what happened and what to do.

The CLI and the app turn any :class:`VaultError` into that sentence. Messages never contain
user text (titles, drafts, needs), only paths, ids and dates.
"""

from __future__ import annotations

from pathlib import Path


class VaultError(Exception):
    """Base class: a vault problem the user can act on."""


class VaultLockedError(VaultError):
    """The data key could not be unlocked; nothing was read or changed."""


class PassphraseRequiredError(VaultLockedError):
    """The vault needs a passphrase and none was given."""


class WrongPassphraseError(VaultLockedError):
    """The passphrase does not unwrap the data key."""


class KeyringUnavailableError(VaultLockedError):
    """The OS keyring cannot be reached (no backend, locked, or no D-Bus session)."""


class KeyMissingError(VaultLockedError):
    """The keyring is reachable but the vault's key is not in it (any more)."""


class PassphraseError(VaultError):
    """A new passphrase cannot be used (empty, or the two entries differ)."""


class VaultTooNewError(VaultError):
    """The vault was written by a newer Amends with a schema this one does not know."""


class VaultDamagedError(VaultError):
    """Stored data cannot be read; says which drafts where known, and the latest backup."""

    def __init__(self, message: str, *, drafts: tuple[int, ...] = (),
                 backup: Path | None = None) -> None:
        super().__init__(message)
        self.drafts = drafts
        self.backup = backup


class TamperedDataError(VaultDamagedError):
    """AES-GCM refused a ciphertext: it was changed, damaged, or moved from another row."""


class DiskFullError(VaultError):
    """A write failed for lack of space; the vault is as it was before the write."""


class NotFoundError(VaultError, LookupError):
    """No draft (or need, attempt, commitment) with that id."""


class ArchiveError(VaultError):
    """An export file cannot be written or read (wrong passphrase, damaged, not an export)."""
