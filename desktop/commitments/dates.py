"""Due dates and schedules stated in a promise, read relative to when it was sent.

Only what is written is read: "by Friday", "tomorrow", "on the 14th", "every Tuesday",
"on weekends". A bare clock time ("home by 6") gives no date, because the same words are
used for one evening and for every evening; anything not understood gives None rather
than a guess.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_NAMES = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thur": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "couple of": 2, "few": 3}

_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_DAYS = r"(?:mon|tues|wednes|thurs|fri|satur|sun)days"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*"
_ORD = r"(?P<dom>[0-3]?\d)(?:st|nd|rd|th)?"


@dataclass(frozen=True)
class Recurrence:
    """How often a promise repeats: every day, every week (on some weekdays), every month."""

    frequency: str
    """'daily', 'weekly' or 'monthly'."""
    weekdays: tuple[int, ...] = ()
    """For weekly ones, Monday = 0; empty when no day was named."""

    def __str__(self) -> str:
        if self.frequency != "weekly" or not self.weekdays:
            return self.frequency
        if self.weekdays == (0, 1, 2, 3, 4):
            return "weekdays"
        if self.weekdays == (5, 6):
            return "weekends"
        return "weekly:" + "+".join(WEEKDAYS[d] for d in self.weekdays)

    @classmethod
    def parse(cls, value: str) -> Recurrence:
        """The inverse of ``str()``; raises ValueError naming what it could not read."""
        value = value.strip().lower()
        if value in ("daily", "weekly", "monthly"):
            return cls(value)
        if value == "weekdays":
            return cls("weekly", (0, 1, 2, 3, 4))
        if value == "weekends":
            return cls("weekly", (5, 6))
        if value.startswith("weekly:"):
            days = value.split(":", 1)[1].split("+")
            if days and all(d in WEEKDAYS for d in days):
                return cls("weekly", tuple(sorted({WEEKDAYS.index(d) for d in days})))
        raise ValueError(f"not a schedule: {value!r} (use daily, weekly, monthly, weekdays, "
                         "weekends or weekly:mon+thu)")

    def occurs_on(self, day: dt.date) -> bool:
        if self.frequency == "daily":
            return True
        if self.frequency == "weekly":
            return not self.weekdays or day.weekday() in self.weekdays
        return True


_REPEAT_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:every|each|on)\s+(?:week\s?nights?|week\s?days?)\b", re.I), "weekdays"),
    (re.compile(r"\bweeknights\b|\bevery weekday\b", re.I), "weekdays"),
    (re.compile(r"\b(?:every|each|on)\s+weekends?\b|\bweekends\b", re.I), "weekends"),
    (re.compile(r"\b(?:every|each)\s+(?:single\s+)?(?:day|night|morning|evening|afternoon|"
                r"lunchtime|bedtime)\b|\bdaily\b|\bnightly\b|\bevery (?:day|night)\b", re.I),
     "daily"),
    (re.compile(r"\b(?:every|each)\s+(?:month|payday)\b|\bmonthly\b|\bon payday\b|"
                r"\bof (?:each|every) month\b|\bonce a month\b", re.I), "monthly"),
    (re.compile(r"\b(?:every|each)\s+week\b|\bweekly\b|\bonce a week\b", re.I), "weekly"),
)
_EVERY_DAY = re.compile(rf"\b(?:every|each)\s+(?P<days>{_DAY}(?:\s*(?:,|and|&)\s*{_DAY})*)\b",
                        re.I)
_ON_DAYS = re.compile(rf"\b(?P<days>{_DAYS}(?:\s*(?:,|and|&)\s*{_DAYS})*)\b", re.I)
_DAY_WORD = re.compile(_DAY, re.I)


def _weekday_numbers(words: str) -> tuple[int, ...]:
    found = set()
    for match in _DAY_WORD.finditer(words):
        name = match.group(0).lower().rstrip("s")
        for key, number in _DAY_NAMES.items():
            if name.startswith(key[:3]):
                found.add(number)
                break
    return tuple(sorted(found))


def find_repeat(text: str) -> Recurrence | None:
    """The schedule stated in ``text``, if any ("every Tuesday", "on Sundays", "nightly")."""
    match = _EVERY_DAY.search(text) or _ON_DAYS.search(text)
    if match:
        days = _weekday_numbers(match.group("days"))
        if days:
            return Recurrence("weekly", days)
    for pattern, name in _REPEAT_PATTERNS:
        if pattern.search(text):
            return Recurrence.parse(name)
    return None


def _next_weekday(now: dt.date, weekday: int, *, following_week: bool = False) -> dt.date:
    """The next such day strictly after today, or that day in the following week."""
    if following_week:
        monday = now + dt.timedelta(days=7 - now.weekday())
        return monday + dt.timedelta(days=weekday)
    ahead = (weekday - now.weekday()) % 7 or 7
    return now + dt.timedelta(days=ahead)


def _next_day_of_month(now: dt.date, day: int) -> dt.date | None:
    year, month = now.year, now.month
    for _ in range(13):
        if day <= calendar.monthrange(year, month)[1]:
            candidate = dt.date(year, month, day)
            if candidate > now:
                return candidate
        month = month % 12 + 1
        year += month == 1
    return None


def _month_day(now: dt.date, month: int, day: int) -> dt.date | None:
    for year in (now.year, now.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        if candidate >= now:
            return candidate
    return None


def _end_of_month(now: dt.date) -> dt.date:
    return now.replace(day=calendar.monthrange(now.year, now.month)[1])


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS.get(word.lower(), 0)


_Rule = Callable[[re.Match[str], dt.date], "dt.date | None"]

_DUE_RULES: list[tuple[re.Pattern[str], _Rule]] = [
    (re.compile(r"\bday after tomorrow\b", re.I), lambda m, d: d + dt.timedelta(days=2)),
    (re.compile(r"\btomorrow\b|\btmrw?\b|\btmw\b", re.I), lambda m, d: d + dt.timedelta(days=1)),
    (re.compile(r"\b(?:tonight|today|tonite|this (?:evening|afternoon|morning))\b", re.I),
     lambda m, d: d),
    (re.compile(r"\bin (?:(?P<n>\d+|an?|a few|a couple of|few)\s*(?:min(?:ute)?s?|"
                r"hours?|hrs?)\b|(?P<bare>\d{1,2})(?![\d:])(?!\s*(?:days?|weeks?|months?)))",
                re.I), lambda m, d: d),
    (re.compile(r"\bin (?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|"
                r"a couple of|a few) (?P<unit>days?|weeks?|months?)\b", re.I),
     lambda m, d: _in_units(d, _number(m.group("n")), m.group("unit"))),
    (re.compile(r"\bin a fortnight\b", re.I), lambda m, d: d + dt.timedelta(days=14)),
    (re.compile(r"\bchristmas eve\b", re.I), lambda m, d: _month_day(d, 12, 24)),
    (re.compile(r"\bchristmas\b|\bxmas\b", re.I), lambda m, d: _month_day(d, 12, 25)),
    (re.compile(r"\bnew year'?s eve\b", re.I), lambda m, d: _month_day(d, 12, 31)),
    (re.compile(r"\bnew year'?s(?: day)?\b", re.I), lambda m, d: _month_day(d, 1, 1)),
    (re.compile(rf"\b(?:the\s+)?{_ORD}\s+(?:of\s+)?(?P<month>{_MONTH})\b", re.I),
     lambda m, d: _named_month(d, m)),
    (re.compile(rf"\b(?P<month>{_MONTH})\s+(?:the\s+)?{_ORD}\b", re.I),
     lambda m, d: _named_month(d, m)),
    (re.compile(r"\b(?:end of (?:the|this) month|month'?s end)\b", re.I),
     lambda m, d: _end_of_month(d)),
    (re.compile(r"\bnext month\b", re.I),
     lambda m, d: (_end_of_month(d) + dt.timedelta(days=1))),
    (re.compile(r"\b(?:the\s+)?(?:this\s+)?weekend\b", re.I),
     lambda m, d: d if d.weekday() == 5 else _next_weekday(d, 5)),
    (re.compile(r"\bnext week\b", re.I), lambda m, d: _next_weekday(d, 0)),
    (re.compile(r"\b(?:this week|end of (?:the|this) week|week'?s end)\b", re.I),
     lambda m, d: d + dt.timedelta(days=6 - d.weekday())),
    (re.compile(rf"\bnext (?P<day>{_DAY})\b", re.I),
     lambda m, d: _next_weekday(d, _weekday_numbers(m.group("day"))[0], following_week=True)),
    (re.compile(rf"\b(?:this )?(?P<day>{_DAY})\b(?!s)", re.I),
     lambda m, d: _next_weekday(d, _weekday_numbers(m.group("day"))[0])),
    (re.compile(r"\bthe\s+(?P<dom>[0-3]?\d)(?:st|nd|rd|th)\b"
                r"(?!\s*(?:time|floor|century|anniversary|birthday))", re.I),
     lambda m, d: _next_day_of_month(d, int(m.group("dom")))),
]


def _in_units(now: dt.date, count: int, unit: str) -> dt.date | None:
    if count <= 0:
        return None
    if unit.startswith("day"):
        return now + dt.timedelta(days=count)
    if unit.startswith("week"):
        return now + dt.timedelta(weeks=count)
    month = now.month - 1 + count
    year = now.year + month // 12
    month = month % 12 + 1
    return dt.date(year, month, min(now.day, calendar.monthrange(year, month)[1]))


def _named_month(now: dt.date, match: re.Match[str]) -> dt.date | None:
    name = match.group("month").lower()
    month = next((number for key, number in _MONTHS.items() if name.startswith(key[:3])
                  and key[:3] == name[:3]), None)
    day = int(match.group("dom"))
    if month is None or not 1 <= day <= 31:
        return None
    return _month_day(now, month, day)


def find_due(text: str, now: dt.date) -> dt.date | None:
    """The first date ``text`` states, relative to ``now``; None when it states none."""
    best: tuple[int, dt.date] | None = None
    for pattern, rule in _DUE_RULES:
        match = pattern.search(text)
        if match is None:
            continue
        value = rule(match, now)
        if isinstance(value, dt.date) and (best is None or match.start() < best[0]):
            best = (match.start(), value)
    return best[1] if best else None
