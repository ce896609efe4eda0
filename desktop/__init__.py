"""Amends: a private writing assistant that favours accountability over approval-seeking."""

from __future__ import annotations

__version__ = "0.1.0"
