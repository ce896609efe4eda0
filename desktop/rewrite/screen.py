"""A cheap test that tells when a rule pattern cannot match, so the regex need not run.

Every flagged sentence is tried against some 400 rule patterns, and a regex search costs
microseconds where a substring test costs nanoseconds. Most patterns can only match where
certain words occur ("sorry if" needs "sorry"), so each pattern's parse tree is read once
for the words any match must contain. A sentence holding none of them is skipped.

The screen only ever says "cannot match" when that is certain: it reads the standard
library's parse of the pattern, and a pattern it cannot parse (syntax only the ``regex``
module knows) is always run.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import regex

try:  # Python 3.11+
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

MOST_TELLING = 3
"""Needs kept per pattern: more rule out little more and cost a test each."""

Needs = tuple[frozenset[str], ...]
"""Every set must have one of its strings in the text (a conjunction of alternatives)."""

_LITERAL = sre_constants.LITERAL
_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT,
            getattr(sre_constants, "POSSESSIVE_REPEAT", sre_constants.MAX_REPEAT)}
_GROUPS = {sre_constants.SUBPATTERN, getattr(sre_constants, "ATOMIC_GROUP",
                                             sre_constants.SUBPATTERN)}


def may_match(pattern: regex.Pattern[str], folded_text: str) -> bool:
    """False only when ``pattern`` certainly finds nothing in the text whose
    ``str.casefold()`` is ``folded_text``."""
    for alternatives in needed_words(pattern):
        if not any(word in folded_text for word in alternatives):
            return False
    return True


@lru_cache(maxsize=4096)  # rule sets are reloaded when settings change
def needed_words(pattern: regex.Pattern[str]) -> Needs:
    """What any match of ``pattern`` must contain, casefolded, most telling first (a few
    suffice to rule out most sentences); () when nothing is known."""
    try:
        tree = sre_parse.parse(pattern.pattern, pattern.flags & regex.VERBOSE)
    except Exception:  # syntax only the regex module knows: no screen
        return ()
    return tuple(sorted(set(_sequence(tree)), key=_telling, reverse=True)[:MOST_TELLING])


def _sequence(items: Iterable[tuple[Any, Any]]) -> list[frozenset[str]]:
    needs: list[frozenset[str]] = []
    run: list[str] = []

    def end_run() -> None:
        word = "".join(run).casefold()
        run.clear()
        if word.strip() and word.isascii():  # case folding outside ASCII has surprises
            needs.append(frozenset({word}))

    for op, value in items:
        if op is _LITERAL:
            run.append(chr(value))
            continue
        end_run()
        if op in _GROUPS:
            needs += _sequence(value if op is not sre_constants.SUBPATTERN else value[-1])
        elif op in _REPEATS and value[0] >= 1:
            needs += _sequence(value[2])
        elif op is sre_constants.ASSERT:  # a lookaround that must hold is needed text too
            needs += _sequence(value[1])
        elif op is sre_constants.BRANCH:
            choices = [_most_telling(_sequence(branch)) for branch in value[1]]
            if all(choices):
                needs.append(frozenset().union(*choices))
    end_run()
    return needs


def _telling(words: frozenset[str]) -> tuple[int, int]:
    """Longer words are rarer in text, and fewer alternatives are easier to rule out."""
    return min(map(len, words)), -len(words)


def _most_telling(needs: list[frozenset[str]]) -> frozenset[str]:
    return max(needs, key=_telling, default=frozenset())
