"""AES-GCM sealing with associated data, and the scrypt passphrase KDF.

Every sealed blob is ``version byte || 12-byte random nonce || ciphertext+tag``. Callers
bind each blob to where it lives (table, row id, field) through the associated data, so a
ciphertext copied to another row or field no longer opens.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import asdict, dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16
BLOB_VERSION = b"\x01"


class DecryptionFailed(Exception):
    """Authentication failed: wrong key, or the blob or its associated data changed."""


def new_key() -> bytes:
    """A fresh random 256-bit key."""
    return os.urandom(KEY_BYTES)


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


class Cipher:
    """AES-256-GCM under one key."""

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError("AES-GCM keys here are 32 bytes")
        self._aead = AESGCM(key)

    def seal(self, plaintext: bytes, associated: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return BLOB_VERSION + nonce + self._aead.encrypt(nonce, plaintext, associated)

    def open(self, blob: bytes, associated: bytes) -> bytes:
        if len(blob) < 1 + NONCE_BYTES + 16 or blob[:1] != BLOB_VERSION:
            raise DecryptionFailed("not a sealed blob")
        nonce = blob[1:1 + NONCE_BYTES]
        try:
            return self._aead.decrypt(nonce, blob[1 + NONCE_BYTES:], associated)
        except InvalidTag:
            raise DecryptionFailed("authentication failed") from None


@dataclass(frozen=True)
class ScryptParams:
    """scrypt cost: n=2**16, r=8 takes about a quarter second and 64 MiB here."""

    n: int = 2**16
    r: int = 8
    p: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {"kdf": "scrypt", **asdict(self)}

    @classmethod
    def from_dict(cls, data: Any) -> ScryptParams:
        """Read stored parameters, refusing values that would be weak or exhaust memory."""
        if not isinstance(data, dict) or data.get("kdf") != "scrypt":
            raise ValueError("unknown key derivation")
        n, r, p = data.get("n"), data.get("r"), data.get("p")
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (n, r, p)):
            raise ValueError("bad scrypt parameters")
        if n < 2**14 or n > 2**22 or n & (n - 1) or not 1 <= r <= 32 or not 1 <= p <= 16:
            raise ValueError("scrypt parameters out of range")
        if 128 * n * r > 1 << 30:
            raise ValueError("scrypt parameters need too much memory")
        return cls(n=n, r=r, p=p)


def derive_key(passphrase: str, salt: bytes, params: ScryptParams) -> bytes:
    """The key-encryption key for a passphrase (NFC-normalised so every keyboard agrees)."""
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    kdf = Scrypt(salt=salt, length=KEY_BYTES, n=params.n, r=params.r, p=params.p)
    return kdf.derive(secret)
