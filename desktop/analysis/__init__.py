"""The analysis engine: segmenter, embedder, classifier and report. Never imports Qt.

Importing this package is cheap (the engine module, and numpy with it, is imported on first
use of ``Analyzer`` or ``InputError``, PEP 562); the model loads on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.analysis.report import Report

if TYPE_CHECKING:
    from desktop.analysis.engine import Analyzer, InputError

__all__ = ["Analyzer", "InputError", "Report"]


def __getattr__(name: str) -> Any:
    if name in ("Analyzer", "InputError"):
        from desktop.analysis import engine

        return getattr(engine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
