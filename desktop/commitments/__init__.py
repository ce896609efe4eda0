"""Promises in sent messages, and the ledger of whether they were kept. Never imports Qt.

The ledger describes what the writer did; it never scores or predicts how the partner
feels or whether they will forgive.
"""

from __future__ import annotations

from desktop.commitments.dates import Recurrence
from desktop.commitments.extract import Promise, extract_promises
from desktop.commitments.history import RepeatWarning, repeat_warnings
from desktop.commitments.ledger import Entry, Ledger, LedgerError, WeekPoint

__all__ = [
    "Entry",
    "Ledger",
    "LedgerError",
    "Promise",
    "Recurrence",
    "RepeatWarning",
    "WeekPoint",
    "extract_promises",
    "repeat_warnings",
]
