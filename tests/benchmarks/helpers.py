"""Timing and memory helpers shared by the benchmarks."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence

import yaml

from tests.conftest import REPO


def best_of(runs: int, action: Callable[[], object], before: Callable[[], object] = lambda: None
            ) -> float:
    """The fastest of ``runs`` timings, in seconds (the least disturbed by other work)."""
    times = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def run_process(command: Sequence[str], env: dict[str, str] | None = None
                ) -> tuple[float, float, int]:
    """Wall seconds, peak resident MB and exit status of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, **(env or {})}, cwd=REPO)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, process.returncode


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def letter_of(words: int) -> str:
    """A long, realistic letter made from the dev drafts (used for speed only)."""
    drafts = yaml.safe_load((REPO / "tests/data/dev/drafts.yml").read_text(encoding="utf-8"))
    parts, count = [], 0
    for draft in drafts:
        if count >= words:
            break
        parts.append(draft["text"])
        count += len(draft["text"].split())
    return "\n\n".join(parts)
