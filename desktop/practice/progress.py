"""Practice progress: per situation, the share of approval-seeking sentences per attempt.

These are the series for a chart. They describe the writer's own answers over time, so
they can see a habit change; they say nothing about how a partner would respond.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from desktop.practice.prompts import Library
    from desktop.vault import PracticeAttempt

OTHER = "other"
"""Situation of attempts whose prompt is no longer in the library and was not recorded."""


@dataclass(frozen=True)
class ProgressPoint:
    attempt_id: int
    prompt_id: str
    created: dt.datetime
    approval_share: float


def situation_of(attempt: PracticeAttempt, library: Library | None) -> str:
    report = attempt.report or {}
    if isinstance(report.get("situation"), str):
        return report["situation"]
    if library is not None:
        try:
            return library.prompt(attempt.prompt_id).situation
        except KeyError:
            pass
    return OTHER


def progress(attempts: Iterable[PracticeAttempt],
             library: Library | None = None) -> dict[str, list[ProgressPoint]]:
    """Situation id → points in the order the attempts were made.

    Attempts saved without feedback (none was possible) have no share and are left out, and
    so are answers that repeat themselves (pasted many times): they are not new attempts.
    """
    series: dict[str, list[ProgressPoint]] = {}
    for attempt in sorted(attempts, key=lambda a: (a.created, a.id)):
        report = attempt.report or {}
        share = report.get("approval_share")
        if not isinstance(share, (int, float)) or isinstance(share, bool) or _repeated(report):
            continue
        point = ProgressPoint(attempt.id, attempt.prompt_id,
                              dt.datetime.fromtimestamp(attempt.created), float(share))
        series.setdefault(situation_of(attempt, library), []).append(point)
    return series


def _repeated(report: dict[str, object]) -> bool:
    copies = report.get("repeated", 1)
    return isinstance(copies, int) and not isinstance(copies, bool) and copies > 1
