"""The export file: the whole vault in one passphrase-protected file.

Layout: ``MAGIC || 4-byte header length || header JSON || sealed payload``. The clear header
holds only the format number, the scrypt salt and parameters, and a key check value (so a
wrong passphrase and a damaged file get different messages). The payload is compressed
JSON sealed with AES-GCM under scrypt(passphrase), with magic and header as associated
data so neither can be changed unnoticed.
"""

from __future__ import annotations

import base64
import errno
import hashlib
import hmac
import json
import logging
import os
import struct
import zlib
from pathlib import Path
from typing import Any

from desktop.vault.crypto import Cipher, DecryptionFailed, ScryptParams, derive_key, new_salt
from desktop.vault.errors import ArchiveError, DiskFullError

log = logging.getLogger(__name__)

MAGIC = b"AMENDS-VAULT-EXPORT\n"
FORMAT = 1
MAX_HEADER = 4096


def _check_value(kek: bytes) -> str:
    return hmac.new(kek, b"amends/export/key-check", hashlib.sha256).hexdigest()[:16]


def write_archive(path: Path, payload: dict[str, Any], passphrase: str,
                  params: ScryptParams | None = None) -> int:
    """Seal ``payload`` into ``path`` atomically; returns the file size."""
    params = params or ScryptParams()
    salt = new_salt()
    kek = derive_key(passphrase, salt, params)
    header = json.dumps({"format": FORMAT, **params.to_dict(),
                         "salt": base64.b64encode(salt).decode("ascii"),
                         "check": _check_value(kek)}, sort_keys=True).encode()
    prefix = MAGIC + struct.pack(">I", len(header)) + header
    body = zlib.compress(json.dumps(payload, ensure_ascii=False).encode("utf-8"), 6)
    data = prefix + Cipher(kek).seal(body, prefix)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with tmp.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.chmod(0o600)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DiskFullError(f"The disk holding {path} is full; no export was written. "
                                "Free some space and try again.") from exc
        raise ArchiveError(f"Cannot write {path} ({exc.strerror or exc}).") from exc
    return len(data)


def read_archive(path: Path, passphrase: str) -> dict[str, Any]:
    """Open an export file; every failure is an :class:`ArchiveError` naming the file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ArchiveError(f"{path}: no such file.") from None
    except IsADirectoryError:
        raise ArchiveError(f"{path} is a folder; give an export file.") from None
    except OSError as exc:
        raise ArchiveError(f"{path}: cannot read it ({exc.strerror or exc}).") from None
    if not data.startswith(MAGIC):
        raise ArchiveError(f"{path} is not an Amends vault export.")
    try:
        (length,) = struct.unpack(">I", data[len(MAGIC):len(MAGIC) + 4])
        if length > MAX_HEADER:
            raise ValueError("header too long")
        prefix_end = len(MAGIC) + 4 + length
        header = json.loads(data[len(MAGIC) + 4:prefix_end])
        if not isinstance(header, dict):
            raise ValueError("header is not an object")
        fmt = header.get("format")
        if isinstance(fmt, int) and fmt > FORMAT:
            raise ArchiveError(f"{path} was written by a newer Amends (export format {fmt}); "
                               "update Amends to import it.")
        if fmt != FORMAT:
            raise ValueError("unknown format")
        params = ScryptParams.from_dict(header)
        salt = base64.b64decode(header["salt"], validate=True)
        check = header["check"]
    except ArchiveError:
        raise
    except (ValueError, KeyError, TypeError, struct.error):
        raise ArchiveError(f"{path} is damaged: its header cannot be read.") from None
    kek = derive_key(passphrase, salt, params)
    if not hmac.compare_digest(_check_value(kek), str(check)):
        raise ArchiveError(f"Wrong passphrase for {path}; nothing was imported.")
    try:
        body = Cipher(kek).open(data[prefix_end:], data[:prefix_end])
        payload = json.loads(zlib.decompress(body).decode("utf-8"))
    except (DecryptionFailed, zlib.error, ValueError):
        raise ArchiveError(f"{path} is damaged or was changed after it was written; "
                           "nothing was imported.") from None
    if not isinstance(payload, dict):
        raise ArchiveError(f"{path} does not hold a vault; nothing was imported.")
    return payload
