"""The passphrase dialog, used only where there is no OS keyring to keep the vault key.

Two modes: *create* asks twice, insists on a minimum length and says plainly that a lost
passphrase cannot be recovered; *unlock* asks once and, after a wrong passphrase, shows one
line and asks again. Unlocking only reads, so a wrong passphrase changes nothing.

:func:`open_vault` wraps :meth:`Vault.open` with that dialog. :func:`reopen_vault` is for a
vault that became unusable mid-session (locked, or its keyring gone): it asks again and
then saves the text the editor still holds, so nothing typed is lost.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.vault import (
    KeyMissingError,
    KeyringUnavailableError,
    NotFoundError,
    Vault,
    VaultError,
    VaultLockedError,
    WrongPassphraseError,
)
from desktop.vault.keys import PASSPHRASE_ENV

log = logging.getLogger(__name__)

MIN_LENGTH = 8
WRONG = "That passphrase does not open your drafts. Please try again."

Ask = Callable[[QWidget | None, bool, str], "str | None"]
"""(parent, new, error line) -> the passphrase, or None when the person cancels."""


class UnlockCancelled(VaultLockedError):
    """The person closed the passphrase dialog; nothing was read or changed."""


def problem_with(first: str, second: str) -> str:
    """Why a new passphrase cannot be used yet, in one line; '' when it is fine."""
    if len(first) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters."
    if first != second:
        return "The two entries are different. Type the same passphrase twice."
    return ""


class PassphraseDialog(QDialog):
    """Asks for the vault passphrase: a new one (twice) or the existing one."""

    def __init__(self, parent: QWidget | None = None, *, new: bool, error: str = "") -> None:
        super().__init__(parent)
        self.new = new
        self.setWindowTitle("Choose a passphrase" if new else "Unlock your drafts")
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)

        if new:
            paragraphs = (
                "There is no system keyring on this computer, so your drafts are locked with "
                "a passphrase instead. You will type it each time Amends starts.",
                f"Use at least {MIN_LENGTH} characters; a few unrelated words are easy to "
                "remember and hard to guess.",
                "If you lose this passphrase, your drafts cannot be recovered by anyone. "
                "Keep it somewhere safe.")
        else:
            paragraphs = ("Your drafts are locked. Type your passphrase to open them.",)
        self.intro = QLabel("\n\n".join(paragraphs))
        self.intro.setVisible(False)  # the whole text, for tests and screen readers
        for paragraph in paragraphs:
            label = QLabel(paragraph)
            label.setWordWrap(True)
            label.setMinimumWidth(440)
            if "cannot be recovered" in paragraph:
                label.setStyleSheet("font-weight: bold")
            layout.addWidget(label)

        self.first = self._field("Passphrase", layout)
        self.second = self._field("Type it again", layout) if new else None

        self.show_box = QCheckBox("&Show what I type")
        self.show_box.setAccessibleName("Show passphrase")
        self.show_box.toggled.connect(self._show)
        layout.addWidget(self.show_box)

        self.error = QLabel(error)
        self.error.setWordWrap(True)
        self.error.setAccessibleName("Problem")
        self.error.setStyleSheet("font-weight: bold")
        self.error.setVisible(bool(error))
        layout.addWidget(self.error)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Create" if new else "Unlock")
        self.ok_button.setAccessibleName(self.ok_button.text())
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.first.setFocus()
        self.adjustSize()

    def _field(self, label: str, layout: QVBoxLayout) -> QLineEdit:
        caption = QLabel(f"&{label}:")
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setAccessibleName(label)
        caption.setBuddy(field)
        layout.addWidget(caption)
        layout.addWidget(field)
        return field

    def _show(self, visible: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password
        for field in (self.first, self.second):
            if field is not None:
                field.setEchoMode(mode)

    def passphrase(self) -> str:
        return self.first.text()

    def show_error(self, line: str) -> None:
        self.error.setText(line)
        self.error.setVisible(bool(line))
        self.adjustSize()  # wrapped labels need the height for their width

    def accept(self) -> None:
        """Close only with a usable passphrase; otherwise say why in one line."""
        if self.new:
            assert self.second is not None
            line = problem_with(self.first.text(), self.second.text())
        else:
            line = "" if self.first.text() else "Type your passphrase."
        if line:
            self.show_error(line)
            self.first.setFocus()
            return
        super().accept()


def ask_with_dialog(parent: QWidget | None, new: bool, error: str) -> str | None:
    """The default :data:`Ask`: a modal :class:`PassphraseDialog`."""
    dialog = PassphraseDialog(parent, new=new, error=error)
    try:
        return dialog.passphrase() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def open_vault(parent: QWidget | None, path: Path | str | None = None, *,
               ask: Ask = ask_with_dialog, error: str = "", create: bool = True) -> Vault | None:
    """Open (or create) the vault, asking for the passphrase only if one is needed.

    Returns None when the person cancels or the vault cannot be opened (after saying why).
    A wrong passphrase is asked again with one line of explanation; nothing is changed.
    """
    line = error
    while True:
        def prompt(new: bool, shown: str = line) -> str:
            answer = ask(parent, new, shown)
            if answer is None:
                raise UnlockCancelled("The passphrase was not given; nothing was opened.")
            return answer

        try:
            return Vault.open(path, passphrase=prompt, create=create)
        except UnlockCancelled:
            log.info("Unlocking the vault was cancelled")
            return None
        except WrongPassphraseError as exc:
            if os.environ.get(PASSPHRASE_ENV):
                _tell(parent, "Cannot open your drafts",
                      f"{PASSPHRASE_ENV} is set to a passphrase that does not open your drafts; "
                      "correct it or unset it, then start Amends again.")
                log.info("Wrong passphrase from the environment: %s", type(exc).__name__)
                return None
            line = WRONG
        except VaultError as exc:
            _tell(parent, "Cannot open your drafts", str(exc))
            return None


def _tell(parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                      parent)
    box.setAccessibleName(title)
    box.exec()
    box.deleteLater()


@dataclass(frozen=True)
class Reopened:
    """The vault opened again, and the draft that now holds the editor's text."""

    vault: Vault
    draft_id: int | None


def reopen_vault(parent: QWidget | None, path: Path | str, *, draft_id: int | None,
                 title: str, text: str, reason: VaultError | None = None,
                 ask: Ask = ask_with_dialog) -> Reopened | None:
    """After the vault stopped working mid-session: unlock it again and save ``text``.

    The editor keeps its text whatever happens; this never touches it. When the vault opens,
    ``text`` is saved as a new version of ``draft_id`` (or as a new draft if that draft is
    gone) so nothing typed is lost. Returns None if the person chose to keep writing for now.
    """
    if isinstance(reason, (KeyringUnavailableError, KeyMissingError)):
        vault = _reopen_with_keyring(parent, path, reason)
    else:
        vault = open_vault(parent, path, ask=ask, error="Your drafts were locked. Your text "
                           "is still in the editor; unlock them to save it.")
    if vault is None:
        return None
    try:
        saved_id = _save_kept_text(vault, draft_id, title, text)
    except VaultError as exc:
        _tell(parent, "Your text is not saved yet",
              f"{exc} Your text is still in the editor.")
        return Reopened(vault, draft_id)
    return Reopened(vault, saved_id)


def _reopen_with_keyring(parent: QWidget | None, path: Path | str,
                         reason: VaultError) -> Vault | None:
    """Ask the person to bring the keyring back, and try again until it works or they stop."""
    while _retry_keyring(parent, reason):
        try:
            return Vault.open(path, create=False)
        except VaultError as exc:
            log.info("The vault is still locked: %s", type(exc).__name__)
            reason = exc
    return None


def _retry_keyring(parent: QWidget | None, reason: VaultError) -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, "The system keyring is not available",
                      "Amends cannot reach the system keyring that holds the key to your "
                      "drafts. Your text is still in the editor and nothing was lost.\n\n"
                      "Unlock your keyring (or sign in to your desktop again), then choose "
                      "Try again. You can also keep writing and try later.", parent=parent)
    box.setAccessibleName(box.windowTitle())
    box.setDetailedText(str(reason))
    retry = box.addButton("&Try again", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("&Keep writing", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(retry)
    box.exec()
    chosen = box.clickedButton() is retry
    box.deleteLater()
    return chosen


def _save_kept_text(vault: Vault, draft_id: int | None, title: str, text: str) -> int:
    if draft_id is not None:
        try:
            vault.save_version(draft_id, text)
            return draft_id
        except NotFoundError:
            log.info("Draft %d is gone; keeping the editor text as a new draft", draft_id)
    return vault.add_draft(title or "Recovered draft", text)
