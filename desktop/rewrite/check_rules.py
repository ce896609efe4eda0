"""Validate rule folders and run every rule's examples: ``python -m desktop.rewrite.check_rules``.

Prints one line per problem (file and key) and exits 1 when there is any, so rule authors
and CI see the same thing the app would skip at start-up.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from desktop import paths
from desktop.rewrite.loader import load_rules


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.rewrite.check_rules",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path,
                        help=f"rule folders (default: {paths.rewrite_rules_dir()})")
    args = parser.parse_args(argv)
    rules = load_rules(args.folders or None)
    for problem in rules.problems:
        print(problem)
    by_label = Counter(rule.label for rule in rules.rules)
    examples = sum(len(rule.examples) for rule in rules.rules)
    print(f"{len(rules.rules)} rules, {examples} examples passed, {len(rules.problems)} problems; "
          + ", ".join(f"{label} {n}" for label, n in sorted(by_label.items())))
    return 1 if rules.problems else 0


if __name__ == "__main__":
    sys.exit(main())
