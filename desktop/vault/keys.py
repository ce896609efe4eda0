"""The data key and how it is wrapped: by a keyring-held key, or by a passphrase.

All user data is sealed under one random 256-bit data key that never changes for the life of
a vault. That key is stored only wrapped (AES-GCM) under a key-encryption key (KEK):
either a random KEK kept in the OS keyring, or one derived from a passphrase with scrypt.
Changing the passphrase or moving between keyring and passphrase re-wraps the data key and
touches no data. The ``keys`` table row is clear: it holds only the wrapped key, its kind,
the salt and the KDF parameters.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from desktop.vault import keystore
from desktop.vault.crypto import (
    Cipher,
    DecryptionFailed,
    ScryptParams,
    derive_key,
    new_key,
    new_salt,
)
from desktop.vault.errors import (
    KeyMissingError,
    PassphraseError,
    PassphraseRequiredError,
    VaultDamagedError,
    WrongPassphraseError,
)

log = logging.getLogger(__name__)

KEYRING, PASSPHRASE = "keyring", "passphrase"
PASSPHRASE_ENV = "AMENDS_PASSPHRASE"

PassphrasePrompt = Callable[[bool], str]
"""Asked only when a passphrase is needed; the argument is True when choosing a new one."""

Passphrase = str | PassphrasePrompt | None


@dataclass(frozen=True)
class KeyRecord:
    vault_id: str
    kind: str
    wrapped: bytes
    salt: bytes | None = None
    kdf: ScryptParams | None = None
    changed: float = 0.0

    @property
    def account(self) -> str:
        """The keyring entry name: one per vault, so several vaults never collide."""
        return f"vault-{self.vault_id}"


def _associated(vault_id: str, kind: str) -> bytes:
    return f"amends/data-key/v1/{vault_id}/{kind}".encode()


def resolve_passphrase(source: Passphrase, *, new: bool) -> str:
    """An explicit passphrase, else ``AMENDS_PASSPHRASE``, else the prompt, else an error."""
    if isinstance(source, str):
        value = source
    elif os.environ.get(PASSPHRASE_ENV):
        value = os.environ[PASSPHRASE_ENV]
    elif callable(source):
        value = source(new)
    else:
        raise PassphraseRequiredError(
            "The vault is locked by a passphrase; set AMENDS_PASSPHRASE or run Amends "
            "in a terminal to type it.")
    if not value:
        raise PassphraseError("The passphrase is empty; choose one with some characters.")
    return value


def wrap_with_keyring(vault_id: str, data_key: bytes) -> KeyRecord:
    """Store a fresh KEK in the OS keyring and wrap the data key with it."""
    kek = new_key()
    record = KeyRecord(vault_id, KEYRING, b"", changed=time.time())
    keystore.store(record.account, kek)
    wrapped = Cipher(kek).seal(data_key, _associated(vault_id, KEYRING))
    return replace(record, wrapped=wrapped)


def wrap_with_passphrase(vault_id: str, data_key: bytes, passphrase: str,
                         params: ScryptParams | None = None) -> KeyRecord:
    params = params or ScryptParams()
    salt = new_salt()
    kek = derive_key(passphrase, salt, params)
    wrapped = Cipher(kek).seal(data_key, _associated(vault_id, PASSPHRASE))
    return KeyRecord(vault_id, PASSPHRASE, wrapped, salt, params, time.time())


def unlock(record: KeyRecord, passphrase: Passphrase) -> bytes:
    """The data key, or a typed error; reads only, so a failure changes nothing."""
    associated = _associated(record.vault_id, record.kind)
    if record.kind == KEYRING:
        kek = keystore.load(record.account)
        if kek is None:
            raise KeyMissingError(
                f"The vault key is no longer in the OS keyring (service {keystore.SERVICE}, "
                f"entry {record.account}), so the vault cannot be opened; nothing was changed. "
                "Restore the keyring, or move the vault aside and import your last export.")
        try:
            return Cipher(kek).open(record.wrapped, associated)
        except (DecryptionFailed, ValueError):
            raise KeyMissingError(
                f"The key in the OS keyring (entry {record.account}) does not open this vault; "
                "nothing was changed. Restore the right keyring, or import your last export."
            ) from None
    assert record.salt is not None and record.kdf is not None
    secret = resolve_passphrase(passphrase, new=False)
    try:
        return Cipher(derive_key(secret, record.salt, record.kdf)).open(record.wrapped,
                                                                        associated)
    except DecryptionFailed:
        raise WrongPassphraseError(
            "Wrong passphrase for the drafts vault; nothing was changed.") from None


def read_record(conn: sqlite3.Connection, where: str) -> KeyRecord:
    row = conn.execute(
        "SELECT vault_id, kind, wrapped, salt, kdf, changed FROM keys WHERE id = 1").fetchone()
    if row is None:
        raise VaultDamagedError(f"{where} has no key record; it is damaged or not a vault.")
    vault_id, kind, wrapped, salt, kdf, changed = row
    try:
        params = ScryptParams.from_dict(json.loads(kdf)) if kind == PASSPHRASE else None
        if kind == PASSPHRASE and not (isinstance(salt, bytes) and salt):
            raise ValueError("no salt")
        if kind not in (KEYRING, PASSPHRASE) or not isinstance(wrapped, bytes):
            raise ValueError("bad key record")
    except (ValueError, TypeError) as exc:
        raise VaultDamagedError(f"The key record of {where} is damaged ({exc}).") from None
    return KeyRecord(vault_id, kind, wrapped, salt, params, changed)


def write_record(conn: sqlite3.Connection, record: KeyRecord) -> None:
    """Insert or replace the single key row (the caller owns the transaction)."""
    kdf = json.dumps(record.kdf.to_dict()) if record.kdf else None
    conn.execute(
        "INSERT OR REPLACE INTO keys (id, vault_id, kind, wrapped, salt, kdf, changed) "
        "VALUES (1, ?, ?, ?, ?, ?, ?)",
        (record.vault_id, record.kind, record.wrapped, record.salt, kdf, record.changed))
