"""Plain records the vault hands out; they hold decrypted text, so never log them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

NEED_KINDS = ("need", "boundary")
COMMITMENT_STATUSES = ("open", "kept", "missed")


@dataclass(frozen=True)
class DraftSummary:
    """One line of the drafts list; ``damaged`` when the title or flag cannot be decrypted."""

    id: int
    title: str | None
    created: float
    updated: float
    versions: int
    size: int
    ready: bool | None
    damaged: bool = False


@dataclass(frozen=True)
class Draft:
    id: int
    title: str
    text: str
    created: float
    updated: float
    versions: int
    ready: bool | None


@dataclass(frozen=True)
class Version:
    draft_id: int
    number: int
    saved: float
    title: str
    text: str
    size: int
    ready: bool | None


@dataclass(frozen=True)
class Need:
    """Something the partner asked for (a need) or ruled out (a boundary)."""

    id: int
    kind: str
    text: str
    created: float
    updated: float


@dataclass(frozen=True)
class PracticeAttempt:
    id: int
    prompt_id: str
    answer: str
    report: dict[str, Any] | None
    created: float


@dataclass(frozen=True)
class Commitment:
    id: int
    text: str
    status: str
    due: dt.date | None
    draft_id: int | None
    created: float
    updated: float

