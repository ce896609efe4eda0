"""``python -m desktop.commitments.evaluate``: precision and recall of the promise extractor.

A found promise matches an expected one when their spans overlap by at least half of the
shorter one (clause edges are a matter of taste; which promise it is, is not). Matching is
one to one, so one span covering two promises counts one and misses the other. Dates and
schedules are scored separately, over matched pairs.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop.commitments.dataset import Expected, Message, load_set, set_path
from desktop.commitments.extract import Promise, extract_promises

log = logging.getLogger(__name__)

MIN_OVERLAP = 0.5


@dataclass
class Score:
    expected: int = 0
    found: int = 0
    matched: int = 0
    dates_right: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)
    false: list[tuple[str, str]] = field(default_factory=list)
    wrong_dates: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def date_accuracy(self) -> float:
        return self.dates_right / self.matched if self.matched else 1.0


def overlaps(found: Promise, expected: Expected) -> bool:
    shared = min(found.end, expected.end) - max(found.start, expected.start)
    shorter = min(found.end - found.start, expected.end - expected.start)
    return shorter > 0 and shared / shorter >= MIN_OVERLAP


def _when(due: object, repeat: object) -> str:
    return f"due={due} repeat={repeat}"


def score(messages: Sequence[Message]) -> Score:
    total = Score()
    for message in messages:
        found = extract_promises(message.text, message.now)
        total.expected += len(message.promises)
        total.found += len(found)
        unused = list(found)
        for expected in message.promises:
            match = next((f for f in unused if overlaps(f, expected)), None)
            if match is None:
                total.misses.append((message.id, expected.text))
                continue
            unused.remove(match)
            total.matched += 1
            if (match.due, match.repeat) == (expected.due, expected.repeat):
                total.dates_right += 1
            else:
                total.wrong_dates.append((message.id, expected.text,
                                          _when(expected.due, expected.repeat),
                                          _when(match.due, match.repeat)))
        total.false += [(message.id, f.text) for f in unused]
    return total


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.commitments.evaluate",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("dev", "test"), default="dev")
    parser.add_argument("--show", action="store_true",
                        help="list every miss, false promise and wrong date (dev set only)")
    args = parser.parse_args(argv)
    if args.show and args.set == "test":
        print("The test set is held out: only its totals are shown.", file=sys.stderr)
        return 2
    messages = load_set(set_path(args.set))
    result = score(messages)
    print(f"{args.set}: {len(messages)} messages, {result.expected} promises expected, "
          f"{result.found} found, {result.matched} matched")
    print(f"  precision {result.precision:.3f}  recall {result.recall:.3f}  "
          f"dates and schedules right {result.date_accuracy:.3f} (of matched)")
    if args.show:
        for message_id, text in result.misses:
            print(f"  missed  {message_id}: {text}")
        for message_id, text in result.false:
            print(f"  false   {message_id}: {text}")
        for message_id, text, want, got in result.wrong_dates:
            print(f"  date    {message_id}: {text} -- want {want}, got {got}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
