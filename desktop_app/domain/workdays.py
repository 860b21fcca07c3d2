"""Working days (工作日) and the holiday calendar (DESIGN §1.1, §2).

Rule: a working day is Monday–Friday, minus statutory holidays (法定节假日),
plus make-up working days (调休上班日, e.g. Sunday 2025-09-28, Saturday
2025-10-11). The calendar is data: holidays and make-up days per year,
seeded from the `chinesecalendar` package (2004–2026) and editable later.

For a year the calendar does not cover, working days come from weekends
alone; a deadline that depends on such a year is *provisional* (待核定).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

CalendarEntryKind = Literal["holiday", "makeup"]


@dataclass(frozen=True)
class CalendarEntry:
    """One row of the holiday table: a holiday or a make-up working day, with its name."""

    day: date
    kind: CalendarEntryKind
    name: str


class WorkCalendar:
    """Which days are working days, from holidays, make-up days and the years covered.

    Entries for a year not in `covered_years` are ignored: such a year is
    counted from weekends alone (DESIGN §1.1). A date may not be both a
    holiday and a make-up day (ValueError).
    """

    def __init__(
        self,
        holidays: Iterable[date],
        makeup_workdays: Iterable[date],
        covered_years: Iterable[int],
    ) -> None:
        self._holidays = frozenset(holidays)
        self._makeup = frozenset(makeup_workdays)
        self._covered = frozenset(covered_years)
        clash = self._holidays & self._makeup
        if clash:
            listed = ", ".join(d.isoformat() for d in sorted(clash))
            raise ValueError(f"dates both holiday and make-up working day: {listed}")

    @property
    def holidays(self) -> frozenset[date]:
        """The statutory holidays given to this calendar."""
        return self._holidays

    @property
    def makeup_workdays(self) -> frozenset[date]:
        """The make-up working days given to this calendar."""
        return self._makeup

    @property
    def covered_years(self) -> frozenset[int]:
        """The years whose holidays and make-up days are known."""
        return self._covered

    def covers(self, year: int) -> bool:
        """True if `year`'s holidays and make-up days have been entered."""
        return year in self._covered

    def is_workday(self, day: date) -> bool:
        """Mon–Fri minus holidays, plus make-up days; weekends alone for an uncovered year."""
        if not self.covers(day.year):
            return day.weekday() < 5
        if day in self._makeup:
            return True
        return day.weekday() < 5 and day not in self._holidays

    def add_workdays(self, start: date, n: int) -> date:
        """The `n`-th working day strictly after `start` (n >= 1).

        Counting starts the day after `start`, also when `start` itself is a
        holiday or a weekend (DESIGN §1.1: received Fri 2025-09-26, n=10 →
        Thu 2025-10-16).
        """
        if n < 1:
            raise ValueError(f"n must be >= 1, got {n}")
        day = start
        remaining = n
        while remaining:
            day += timedelta(days=1)
            if self.is_workday(day):
                remaining -= 1
        return day

    def next_workday(self, day: date) -> date:
        """The first working day strictly after `day`."""
        return self.add_workdays(day, 1)

    def workdays_between(self, start: date, end: date) -> int:
        """Number of working days in (start, end]; 0 if end <= start."""
        count = 0
        day = start + timedelta(days=1)
        while day <= end:
            if self.is_workday(day):
                count += 1
            day += timedelta(days=1)
        return count

    def uncovered_years(self, start: date, end: date) -> list[int]:
        """The years in start.year..end.year (either order) the calendar does not cover."""
        low, high = sorted((start.year, end.year))
        return [year for year in range(low, high + 1) if not self.covers(year)]

    def provisional_between(self, start: date, end: date) -> bool:
        """True if any year in start.year..end.year is not covered (result is 待核定)."""
        return bool(self.uncovered_years(start, end))

    def __repr__(self) -> str:
        years = sorted(self._covered)
        span = f"{years[0]}–{years[-1]}" if years else "none"
        return (
            f"WorkCalendar(holidays={len(self._holidays)}, "
            f"makeup={len(self._makeup)}, covered={span})"
        )


def calendar_from_entries(
    entries: Iterable[CalendarEntry], covered_years: Iterable[int]
) -> WorkCalendar:
    """Build a WorkCalendar from holiday-table rows (as the db layer stores them)."""
    holidays: list[date] = []
    makeup: list[date] = []
    for entry in entries:
        (holidays if entry.kind == "holiday" else makeup).append(entry.day)
    return WorkCalendar(holidays, makeup, covered_years)


# Nicer display names than the package's short Chinese names.
_NAME_FIXUPS: dict[str, str] = {
    "清明": "清明节",
    "端午": "端午节",
    "中秋": "中秋节",
    "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日": "抗战胜利70周年纪念日",
}


def _chinese_name(english: str) -> str:
    """Chinese name of a `chinese_calendar` holiday value, or the English one if unknown."""
    from chinese_calendar.constants import Holiday

    try:
        chinese = str(Holiday(english).chinese)
    except ValueError:
        return english
    return _NAME_FIXUPS.get(chinese, chinese)


def builtin_covered_years() -> list[int]:
    """The years the installed `chinesecalendar` package covers (2004–2026 for 1.11).

    Taken from the years present in its holiday and make-up tables, keeping
    only those the package itself accepts (it raises NotImplementedError
    for a year it does not know).
    """
    return list(_builtin_covered_years())


@lru_cache(maxsize=1)
def _builtin_covered_years() -> tuple[int, ...]:
    import chinese_calendar
    from chinese_calendar import constants

    candidates = {d.year for d in constants.holidays} | {d.year for d in constants.workdays}
    covered: list[int] = []
    for year in sorted(candidates):
        try:
            chinese_calendar.is_workday(date(year, 1, 1))
            chinese_calendar.is_workday(date(year, 12, 31))
        except NotImplementedError:
            continue
        covered.append(year)
    return tuple(covered)


def builtin_entries() -> list[CalendarEntry]:
    """Holiday-table seed rows from `chinesecalendar`, sorted by date (DESIGN §1.1).

    Holidays keep the package's dates (weekend days inside a holiday period
    included) with a Chinese name ("国庆节"); make-up days are the weekend
    dates the package lists as working days, named like "国庆节调休".
    Only covered years are returned.
    """
    return list(_builtin_entries())


@lru_cache(maxsize=1)
def _builtin_entries() -> tuple[CalendarEntry, ...]:
    from chinese_calendar import constants

    years = set(_builtin_covered_years())
    entries = [
        CalendarEntry(day, "holiday", _chinese_name(name))
        for day, name in constants.holidays.items()
        if day.year in years
    ]
    entries += [
        CalendarEntry(day, "makeup", f"{_chinese_name(name)}调休")
        for day, name in constants.workdays.items()
        if day.year in years and day.weekday() >= 5
    ]
    return tuple(sorted(entries, key=lambda e: (e.day, e.kind)))


@lru_cache(maxsize=1)
def builtin_calendar() -> WorkCalendar:
    """The calendar shipped with the program, from the `chinesecalendar` package."""
    return calendar_from_entries(_builtin_entries(), _builtin_covered_years())
