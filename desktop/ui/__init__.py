"""The desktop app: every PySide6 import of Amends lives in this package."""

from __future__ import annotations
