"""The only place that talks to the OS keyring (through ``keyring``).

Only backends that keep secrets encrypted by the OS are accepted: Secret Service (GNOME
Keyring, KWallet's bridge, KeePassXC), KWallet, macOS Keychain and Windows Credential
Locker. A plaintext or "null" backend counts as no keyring at all, so the vault falls back
to a passphrase, never to a key stored in clear.
"""

from __future__ import annotations

import base64
import binascii
import logging
from typing import Any

from desktop.vault.errors import KeyringUnavailableError

log = logging.getLogger(__name__)

SERVICE = "amends"
SECURE_BACKENDS = (
    "keyring.backends.SecretService",
    "keyring.backends.libsecret",
    "keyring.backends.kwallet",
    "keyring.backends.macOS",
    "keyring.backends.Windows",
)


def _candidates(chosen: Any) -> list[Any]:
    from keyring.backends.chainer import ChainerBackend

    return list(chosen.backends) if isinstance(chosen, ChainerBackend) else [chosen]


def _backend() -> Any | None:
    """The secure backend keyring would use here, or None where there is none."""
    try:
        import keyring

        chosen = keyring.get_keyring()
        for candidate in _candidates(chosen):
            module = type(candidate).__module__
            if module.startswith(SECURE_BACKENDS) and candidate.priority > 0:
                return candidate
    except Exception as exc:  # a broken D-Bus or a bad PYTHON_KEYRING_BACKEND: no keyring
        log.info("No usable keyring backend (%s)", type(exc).__name__)
    return None


def available() -> bool:
    return _backend() is not None


def describe() -> str:
    backend = _backend()
    if backend is None:
        return "none (the vault is locked by a passphrase)"
    return f"{type(backend).__module__}.{type(backend).__name__}"


def _require() -> Any:
    backend = _backend()
    if backend is None:
        raise KeyringUnavailableError(
            "No OS keyring is reachable (no Secret Service, Keychain or Credential Locker); "
            "unlock your desktop session's keyring, or use a passphrase instead.")
    return backend


def _failed(action: str, exc: Exception) -> KeyringUnavailableError:
    log.info("Keyring %s failed: %s", action, type(exc).__name__)
    return KeyringUnavailableError(
        f"The OS keyring refused to {action} the vault key ({type(exc).__name__}); "
        "make sure it is unlocked and try again.")


def store(account: str, secret: bytes) -> None:
    """Keep ``secret`` under (amends, account), then read it back to be sure it is there."""
    backend = _require()
    encoded = base64.b64encode(secret).decode("ascii")
    try:
        backend.set_password(SERVICE, account, encoded)
        stored = backend.get_password(SERVICE, account)
    except Exception as exc:
        raise _failed("store", exc) from exc
    if stored != encoded:
        raise KeyringUnavailableError(
            "The OS keyring did not keep the vault key; check that it is unlocked and "
            "writable, or use a passphrase instead.")


def load(account: str) -> bytes | None:
    """The stored secret, or None when the keyring has no such entry."""
    backend = _require()
    try:
        encoded = backend.get_password(SERVICE, account)
    except Exception as exc:
        raise _failed("give", exc) from exc
    if encoded is None:
        return None
    try:
        return base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        return b""


def delete(account: str) -> None:
    """Remove the entry; a missing entry is not an error."""
    backend = _require()
    try:
        import keyring.errors

        backend.delete_password(SERVICE, account)
    except keyring.errors.PasswordDeleteError:
        pass
    except Exception as exc:
        raise _failed("delete", exc) from exc
