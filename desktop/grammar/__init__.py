"""Grammar and spelling checkers behind one small protocol.

Harper (in-process, offline) is the default; LanguageTool (local Java server, or a server the
user names) is the alternative. The report only needs findings with exact code-point offsets;
which engine produced them is a setting. Ignored rules, ignored findings and the personal
dictionary are applied in one place, :mod:`desktop.grammar.preferences`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from desktop.analysis.report import GrammarFinding
    from desktop.settings import GrammarSettings

ENGINES = ("harper", "languagetool", "off")
DIALECTS = ("american", "british", "canadian", "australian")


class GrammarUnavailableError(Exception):
    """The chosen grammar engine cannot run here (not installed, unreachable, timed out)."""


class GrammarChecker(Protocol):
    name: str

    def start(self) -> None:
        """Begin any slow set-up in the background; never raises, never blocks."""

    def check(self, text: str) -> list[GrammarFinding]:
        """Findings for ``text`` with offsets into it, in order.

        Raises GrammarUnavailableError on any failure, within the configured time limit.
        """

    def close(self) -> None:
        """Release processes and threads."""


class UnavailableChecker:
    """Stands in for an engine that cannot be set up, so the failure surfaces on check()
    (where the caller decides between an error and a note) instead of at construction."""

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason

    def start(self) -> None:
        """Nothing to start."""

    def check(self, text: str) -> list[GrammarFinding]:
        raise GrammarUnavailableError(self.reason)

    def close(self) -> None:
        """Nothing to release."""


def create_checker(engine: str, settings: GrammarSettings) -> GrammarChecker | None:
    """The checker for ``engine``, or None for 'off'. Never raises: a checker that cannot
    work reports why when it is first used."""
    if engine == "off":
        return None
    if engine == "harper":
        from desktop.grammar.harper import HarperChecker

        return HarperChecker(settings)
    if engine == "languagetool":
        from desktop.grammar.languagetool import LanguageToolChecker

        return LanguageToolChecker(settings)
    return UnavailableChecker(str(engine), (
        f"Unknown grammar engine {engine!r}; set grammar.engine to one of {', '.join(ENGINES)}."
    ))
