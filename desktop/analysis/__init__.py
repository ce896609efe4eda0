"""The analysis engine: segmenter, embedder, classifier and report. Never imports Qt.

Importing this package is cheap; the model loads on first use.
"""

from __future__ import annotations

from desktop.analysis.engine import Analyzer, InputError
from desktop.analysis.report import Report

__all__ = ["Analyzer", "InputError", "Report"]
