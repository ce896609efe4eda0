"""The window's link to the drafts vault: opened off the GUI thread, written through one
VaultWriter, and told apart when it stops working.

Kept apart from the main window so the window only reacts to signals: a save landed, the
open draft was deleted elsewhere (``gone``), or the vault became unusable mid-session
(``lost``: locked, closed, or its keyring key missing), which the window answers with a
banner that offers to unlock again. Every result comes back as a queued signal, so slots
run on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Signal, Slot

from desktop.ui.worker import user_message

if TYPE_CHECKING:
    from concurrent.futures import Future

log = logging.getLogger(__name__)

LOCKED_TEXT = ("Your drafts vault is locked, or the system keyring no longer holds its key, "
               "so this draft was not saved. Your text is still here and nothing you typed "
               "is lost; unlock the vault again to save it.")
GONE_TEXT = ("This draft was deleted in another window, so it was not saved. Your text is "
             "still here and nothing was lost; keep it as a new draft to save it.")

SaveJob = tuple[int | None, str, str, bool | None]
"""(draft id or None for a new draft, title, text, ready) waiting for the vault to open."""


def _vault_errors() -> tuple[type[Exception], type[Exception], type[Exception]]:
    from desktop.vault.errors import NotFoundError, VaultError, VaultLockedError

    return NotFoundError, VaultLockedError, VaultError


def default_title(text: str) -> str:
    """A draft's first non-empty line, shortened: the title when the user gave none."""
    line = next((line.strip() for line in text.splitlines() if line.strip()), "Untitled")
    return line if len(line) <= 60 else line[:59].rstrip() + "…"


class VaultSession(QObject):
    """Opens the vault off the GUI thread and saves through one VaultWriter."""

    opened = Signal()
    failed = Signal(str)
    saved = Signal(int, int)
    """(draft id, version number) once a save is on disk."""
    save_failed = Signal(str)
    locked = Signal()
    """The vault needs a passphrase: the window asks for it with a dialog."""
    lost = Signal(object)
    """The vault stopped working (locked, closed, keyring key gone): the VaultError."""
    gone = Signal(int)
    """A save found its draft deleted (in another window or process): the draft id."""
    _opened_inner = Signal(object)
    _saved_inner = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.vault: Any = None
        self.writer: Any = None
        self.error = ""
        self.lost_reason: Exception | None = None
        self._path: Path | None = None
        self._opening = False
        self._waiting: list[SaveJob] = []
        self._opened_inner.connect(self._on_opened)
        self._saved_inner.connect(self._on_saved)

    @property
    def is_open(self) -> bool:
        return self.writer is not None

    @property
    def path(self) -> Path:
        """The vault file: the one opened last, else the default in the data folder."""
        if self._path is None:
            from desktop.vault.store import default_path

            return default_path()
        return self._path

    def open_async(self, passphrase: str | None = None) -> None:
        """Unlock the vault on a thread (keyring and passphrase work can take a while)."""
        if self._opening or self.is_open:
            return
        self._opening = True

        def run() -> None:
            try:
                from desktop.vault import Vault

                vault: Any = Vault.open(passphrase=passphrase)
            except Exception as exc:
                log.warning("The vault did not open: %s", type(exc).__name__)
                vault = exc
            self._opened_inner.emit(vault)

        threading.Thread(target=run, name="amends-vault-open", daemon=True).start()

    def use(self, vault: Any) -> None:
        """Take an already unlocked vault (the passphrase dialog opens one itself)."""
        self._opened_inner.emit(vault)

    @Slot(object)
    def _on_opened(self, result: Any) -> None:
        self._opening = False
        if isinstance(result, Exception):
            from desktop.vault.errors import PassphraseRequiredError

            if isinstance(result, PassphraseRequiredError) and self._waiting:
                self.locked.emit()
                return
            self.error = user_message(result)
            waiting, self._waiting = self._waiting, []
            self.failed.emit(self.error)
            if waiting:
                self._report_failure(result)
            return
        self.attach(result)
        waiting, self._waiting = self._waiting, []
        for job in waiting:
            self.save(*job)

    def take_waiting(self) -> list[SaveJob]:
        waiting, self._waiting = self._waiting, []
        return waiting

    def attach(self, vault: Any) -> None:
        from desktop.vault.writer import VaultWriter

        self.vault, self.writer, self.error = vault, VaultWriter(vault), ""
        self.lost_reason = None
        self._path = Path(vault.path) if getattr(vault, "path", None) else self._path
        self.opened.emit()

    def replace(self, vault: Any) -> None:
        """Use a vault opened again after it was lost; the old one is closed quietly."""
        try:
            self.close()
        except Exception as exc:
            log.info("The lost vault did not close cleanly: %s", type(exc).__name__)
            self.writer = self.vault = None
        self.attach(vault)

    def save_blocking(self, draft_id: int | None, title: str, text: str) -> int:
        """Save now and wait until it is on disk; returns the draft id. Raises on failure.

        Only for closing, when there is no event loop left to wait in."""
        if not self.is_open:
            from desktop.vault import Vault

            self.attach(Vault.open(passphrase=None))
        if draft_id is None:
            return int(self.writer.add_draft(title, text).result(timeout=30))
        self.writer.save_version(draft_id, text, title=title).result(timeout=30)
        return draft_id

    def save(self, draft_id: int | None, title: str, text: str, ready: bool | None) -> None:
        """Save a version (a new draft when ``draft_id`` is None); opens the vault first."""
        if not self.is_open:
            self._waiting = [(draft_id, title, text, ready)]
            self.open_async()
            return
        if draft_id is None:
            future: Future[int] = self.writer.add_draft(title, text, ready)
        else:
            future = self.writer.save_version(draft_id, text, title=title, ready=ready)
        future.add_done_callback(lambda f: self._saved_inner.emit(draft_id, f))

    def autosave(self, draft_id: int, text: str) -> None:
        if self.is_open:
            future = self.writer.autosave(draft_id, text)
            future.add_done_callback(lambda f: self._saved_inner.emit(draft_id, f))

    @Slot(object, object)
    def _on_saved(self, draft_id: int | None, future: Future[int]) -> None:
        if future.cancelled():
            return
        exc = future.exception()
        if exc is not None:
            self._report_failure(exc, draft_id)
        elif draft_id is None:
            self.saved.emit(future.result(), 1)
        else:
            self.saved.emit(draft_id, future.result())

    def _report_failure(self, exc: BaseException, draft_id: int | None = None) -> None:
        """Tell a deleted draft and a lost vault apart from any other failed save."""
        not_found, locked, vault_error = _vault_errors()
        if isinstance(exc, not_found) and draft_id is not None:
            self.gone.emit(draft_id)
        elif isinstance(exc, locked) or (isinstance(exc, vault_error) and self._closed()):
            self.lost_reason = exc if isinstance(exc, Exception) else None
            self.lost.emit(exc)
        else:
            self.save_failed.emit(user_message(exc))

    def _closed(self) -> bool:
        """Whether the vault under the writer was closed (locked) behind our back."""
        return bool(getattr(self.vault, "_closed", False))

    def needs(self) -> list[str]:
        """The partner's stated needs and boundaries, for checking drafts against."""
        try:
            return [need.text for need in self.vault.needs()] if self.vault else []
        except Exception as exc:
            log.warning("Could not read the partner's needs: %s", type(exc).__name__)
            return []

    def close(self) -> None:
        """Write everything waiting, then close; called when the window closes."""
        if self.writer is not None:
            try:
                self.writer.close(timeout=30)
            finally:
                self.vault.close()
                self.writer = self.vault = None


class Host(Protocol):
    """What :class:`VaultRecovery` needs from the main window."""

    draft_id: int | None
    draft_title: str
    vault_session: VaultSession

    def current_text(self) -> str: ...
    def adopt_draft(self, draft_id: int, title: str) -> None: ...
    def save(self) -> None: ...
    def show_banner(self, text: str, *, kind: str = "", action: str = "",
                    slot: Any = None) -> None: ...
    def hide_banner(self, kind: str | None = None) -> None: ...


class VaultRecovery(QObject):
    """Answers a lost vault or a vanished draft with a banner and one button, never by
    touching the editor's text: the person keeps writing and saves when it works again."""

    def __init__(self, window: Host, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        session = window.vault_session
        session.lost.connect(self.on_lost)
        session.gone.connect(self.on_gone)

    @Slot(object)
    def on_lost(self, reason: object = None) -> None:
        log.info("The vault stopped working: %s", type(reason).__name__)
        self.window.show_banner(LOCKED_TEXT, kind="lost", action="&Unlock again",
                                slot=self.unlock_again)

    @Slot(int)
    def on_gone(self, draft_id: int) -> None:
        if draft_id == self.window.draft_id:
            self.window.show_banner(GONE_TEXT, kind="gone", action="&Keep as a new draft",
                                    slot=self.keep_as_new)

    def keep_as_new(self) -> None:
        """Save the editor's text as a new draft (the saved signal gives it its id)."""
        self.window.draft_id = None
        self.window.save()

    def unlock_again(self) -> bool:
        """Open the vault again (asking for the keyring or passphrase as needed) and save
        the editor's text into it; False leaves the banner up to try later."""
        from desktop.ui.passphrase import reopen_vault
        from desktop.vault import Vault, VaultError, VaultLockedError

        window, session = self.window, self.window.vault_session
        text = window.current_text()
        title = window.draft_title or default_title(text)
        reason: VaultError | None = None
        if session.path.exists():
            try:
                Vault.open(session.path, create=False).close()
            except VaultLockedError as exc:
                reason = exc
            except VaultError as exc:
                window.show_banner(f"{user_message(exc)} Your text is still here.",
                                   kind="lost", action="&Unlock again", slot=self.unlock_again)
                return False
        reopened = reopen_vault(window if isinstance(window, QObject) else None,  # type: ignore[arg-type]
                                session.path, draft_id=window.draft_id, title=title,
                                text=text, reason=reason)
        if reopened is None:
            return False
        session.replace(reopened.vault)
        if reopened.draft_id is not None:
            window.adopt_draft(reopened.draft_id, title)
        window.hide_banner("lost")
        return True
