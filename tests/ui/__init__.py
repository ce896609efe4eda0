"""Tests of the desktop app (PySide6, offscreen)."""
