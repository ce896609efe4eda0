"""Practice: answering what a hurt partner might say, with the engine's feedback.

Prompts live in ``resources/practice/*.yml``; attempts are sealed in the vault. Nothing
here predicts how a partner would respond or scores forgiveness. Never imports Qt.
"""

from __future__ import annotations

from desktop.practice.progress import ProgressPoint, progress
from desktop.practice.prompts import (
    Library,
    Prompt,
    PromptError,
    ReflectionQuestion,
    Situation,
    load_library,
)
from desktop.practice.session import Feedback, PracticeError, practise

__all__ = [
    "Feedback",
    "Library",
    "PracticeError",
    "ProgressPoint",
    "Prompt",
    "PromptError",
    "ReflectionQuestion",
    "Situation",
    "load_library",
    "practise",
    "progress",
]
