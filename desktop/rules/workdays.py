"""Working days (RULES.md §2): deadlines skip weekends and statutory holidays, count make-up days.

The State Council publishes each year's schedule late in the year before. The maintained
``chinesecalendar`` library carries the published years; administrators enter the rest. For a
year nobody knows yet the calculation falls back to weekends and fixed-date holidays and says so:
every result carries the years it had to guess (``unknown_years``), and callers must show it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import chinese_calendar

# The years the program works in: dates on the command line and entered calendars stay within them
# (date arithmetic far outside them overflows Python's date range).
FIRST_YEAR, LAST_YEAR = 2000, 2100
# No day a user types (a clue found, a visit, an application's step …) is earlier: 1900 or 0001 is a
# slip of the year (or a date edit's oldest day), refused naming the field, not kept.
EARLIEST_DAY = date(FIRST_YEAR, 1, 1)

# Fixed-date statutory days off used only for a year whose schedule is unknown: New Year's Day,
# Labour Day (1 and 2 May since 2025, 全国年节及纪念日放假办法) and National Day (1–3 October).
_FIXED_HOLIDAYS = ((1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3))


def is_fixed_holiday(day: date) -> bool:
    """A fixed-date statutory day off (New Year's Day, Labour Day 1–2 May, National Day 1–3 October): off
    every year by law, whatever the year's published arrangement moves around it."""
    return (day.month, day.day) in _FIXED_HOLIDAYS


def lone_weekend_days_off(days_off: Iterable[date]) -> list[date]:
    """Days off typed for a year that fall on a weekend and belong to no break with a weekday in it: a
    run of consecutive days off (the fixed holidays count as off) made of Saturdays and Sundays only.
    A weekend inside a break (2月6日(周六)至14日(周日)) belongs there; one on its own changes no
    deadline (a weekend is off anyway) and is most often a slip of the date, the weekday meant left out.
    Not always: before 2025 a festival on a Sunday had no weekday in lieu (2015-09-27), so callers warn,
    never refuse."""
    typed = set(days_off)
    if not typed:
        return []
    off = typed | {date(t.year, m, d) for t in typed for m, d in _FIXED_HOLIDAYS}
    lone: list[date] = []
    run: list[date] = []
    for day in sorted(off) + [date.max]:
        if run and day - run[-1] != timedelta(days=1):
            # a break running into the next year has its weekday there (2022-12-31 … 2023-01-02)
            if all(d.weekday() >= 5 for d in run) and (run[-1].month, run[-1].day) != (12, 31):
                lone.extend(run)
            run = []
        run.append(day)
    return sorted(d for d in lone if d in typed)


@lru_cache(maxsize=64)
def library_knows(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def library_schedule(year: int) -> tuple[tuple[date, ...], tuple[date, ...]]:
    """The library's published schedule of a year: its statutory days off (weekends inside a break
    included) and its make-up working days; both empty for a year the library does not know."""
    if not library_knows(year):
        return (), ()
    off = sorted(d for d in chinese_calendar.holidays if d.year == year)
    work = sorted(d for d in chinese_calendar.workdays if d.year == year)
    return tuple(off), tuple(work)


@lru_cache(maxsize=8192)
def _library_is_workday(day: date) -> bool:
    """The library's answer, memoised: its own lookup validates the date range on every call
    (about 0.1 ms), which made a list of a few thousand deadlines take seconds."""
    return bool(chinese_calendar.is_workday(day))


def years_text(years: Iterable[int]) -> str:
    """Years for a sentence, runs of consecutive years as one range: "2027、2029–2031". A deadline counted
    from 2026 to 2100 named all 74 unknown years one by one."""
    ys = sorted(set(years))
    runs: list[list[int]] = []
    for y in ys:
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return "、".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def unknown_years_warning(years: Iterable[int]) -> str:
    """The warning shown beside a deadline counted through years nobody has entered ("" if none)."""
    text = years_text(years)
    return f"{text}年的法定节假日安排尚未录入,此期限仅按周末和固定节日估算,请管理员录入后再核对" if text else ""


@dataclass(frozen=True)
class Deadline:
    due: date
    unknown_years: tuple[int, ...] = ()

    @property
    def certain(self) -> bool:
        return not self.unknown_years

    def warning(self) -> str:
        return unknown_years_warning(self.unknown_years)


@dataclass(frozen=True)
class WorkCalendar:
    """Working-day calendar: the library's published years plus administrator entries.

    ``overrides`` maps a date to True (a working day, e.g. a make-up day) or False (a day off);
    ``entered_years`` are years an administrator has entered completely.
    """

    overrides: Mapping[date, bool] = field(default_factory=dict)
    entered_years: frozenset[int] = frozenset()

    @classmethod
    def from_entries(cls, entries: Iterable[tuple[date, bool]], entered_years: Iterable[int] = ()) -> WorkCalendar:
        return cls(dict(entries), frozenset(entered_years))

    def knows(self, year: int) -> bool:
        return year in self.entered_years or library_knows(year)

    def is_workday(self, day: date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        if day.year not in self.entered_years and library_knows(day.year):
            return _library_is_workday(day)
        if is_fixed_holiday(day):
            return False
        return day.weekday() < 5

    def add_working_days(self, start: date, days: int) -> Deadline:
        """The date N working days after ``start`` (the start day itself is not counted)."""
        if days < 0:
            raise ValueError("days must be >= 0")
        unknown: set[int] = set()
        current = start
        remaining = days
        while remaining > 0:
            current += timedelta(days=1)
            if not self.knows(current.year):
                unknown.add(current.year)
            if self.is_workday(current):
                remaining -= 1
        return Deadline(current, tuple(sorted(unknown)))

    def add_calendar_days(self, start: date, days: int) -> Deadline:
        return Deadline(start + timedelta(days=days))

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative when end < start)."""
        if end == start:
            return 0
        sign = 1
        if end < start:
            start, end, sign = end, start, -1
        count = 0
        current = start
        while current < end:
            current += timedelta(days=1)
            if self.is_workday(current):
                count += 1
        return sign * count

    def working_days_left(self, as_of: date, due: date) -> int:
        """Working days left until ``due`` as seen on ``as_of``: 0 on the due day itself, negative once past
        it. A day off just after the due day (the weekend after a Friday) is past it with no working day
        gone by yet: -1, as on the next working day, never the due day's 0."""
        left = self.working_days_between(as_of, due)
        return min(left, -1) if as_of > due else left

    def unknown_years_between(self, start: date, end: date) -> tuple[int, ...]:
        lo, hi = sorted((start, end))
        return tuple(y for y in range(lo.year, hi.year + 1) if not self.knows(y))


DEFAULT_CALENDAR = WorkCalendar()
