"""Grammar and spelling checkers behind one small protocol.

Harper (in-process, offline) is the default. The report only needs findings with exact
code-point offsets; which engine produced them is a setting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from desktop.analysis.report import GrammarFinding
    from desktop.settings import GrammarSettings

ENGINES = ("harper", "languagetool", "off")


class GrammarUnavailableError(Exception):
    """The chosen grammar engine cannot run here (not installed, unreachable, timed out)."""


class GrammarChecker(Protocol):
    name: str

    def start(self) -> None:
        """Begin any slow set-up in the background; checking waits for it."""

    def check(self, text: str) -> list[GrammarFinding]:
        """Findings for ``text`` with offsets into it, in order."""

    def close(self) -> None:
        """Release processes and threads."""


def create_checker(engine: str, settings: GrammarSettings) -> GrammarChecker | None:
    """The checker for ``engine``, or None for 'off'."""
    if engine == "off":
        return None
    if engine == "harper":
        from desktop.grammar.harper import HarperChecker

        return HarperChecker(settings)
    if engine == "languagetool":
        from desktop.grammar.languagetool import LanguageToolChecker

        return LanguageToolChecker(settings)
    raise GrammarUnavailableError(
        f"Unknown grammar engine {engine!r}; choose one of {', '.join(ENGINES)}."
    )
