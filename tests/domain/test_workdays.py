"""Working-day counting (DESIGN §1.1) with real 2025/2026 dates and a hand-built calendar."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.workdays import (
    CalendarEntry,
    WorkCalendar,
    builtin_calendar,
    builtin_covered_years,
    builtin_entries,
    calendar_from_entries,
)

D = date


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return builtin_calendar()


def hand_calendar() -> WorkCalendar:
    """A made-up calendar, independent of the package.

    Year 2030 is covered: Wed 2030-05-01 … Fri 2030-05-03 are holidays, Sat
    2030-05-04 is a make-up working day. 2031 is not covered.
    """
    holidays = [D(2030, 5, 1), D(2030, 5, 2), D(2030, 5, 3), D(2031, 1, 1)]
    return WorkCalendar(holidays, [D(2030, 5, 4)], covered_years=[2030])


# --- the hand-built calendar: core counting logic ---------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2030, 4, 29), True),  # Monday
        (D(2030, 5, 1), False),  # Wednesday, holiday
        (D(2030, 5, 3), False),  # Friday, holiday
        (D(2030, 5, 4), True),  # Saturday, make-up day
        (D(2030, 5, 5), False),  # Sunday
        (D(2031, 1, 1), True),  # Wednesday, holiday listed but 2031 not covered
        (D(2031, 1, 4), False),  # Saturday in an uncovered year
    ],
)
def test_hand_calendar_is_workday(day: date, expected: bool) -> None:
    assert hand_calendar().is_workday(day) is expected


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2030, 4, 29), 1, D(2030, 4, 30)),  # Mon → Tue
        (D(2030, 4, 30), 1, D(2030, 5, 4)),  # Tue → skip 3 holidays → Sat make-up
        (D(2030, 4, 30), 2, D(2030, 5, 6)),  # … → Mon
        (D(2030, 5, 1), 1, D(2030, 5, 4)),  # start on a holiday: counting starts next day
        (D(2030, 5, 4), 1, D(2030, 5, 6)),  # start on the make-up Saturday
        (D(2030, 5, 5), 5, D(2030, 5, 10)),  # start on Sunday → Mon..Fri
        (D(2030, 12, 30), 3, D(2031, 1, 2)),  # Mon → Tue 31, Wed 1 (uncovered), Thu 2
    ],
)
def test_hand_calendar_add_workdays(start: date, n: int, expected: date) -> None:
    assert hand_calendar().add_workdays(start, n) == expected


@pytest.mark.parametrize("n", [0, -1])
def test_add_workdays_needs_positive_n(n: int) -> None:
    with pytest.raises(ValueError):
        hand_calendar().add_workdays(D(2030, 1, 1), n)


def test_date_both_holiday_and_makeup_is_rejected() -> None:
    with pytest.raises(ValueError, match="2030-05-04"):
        WorkCalendar([D(2030, 5, 4)], [D(2030, 5, 4)], [2030])


def test_covers_and_provisional_between() -> None:
    cal = hand_calendar()
    assert cal.covers(2030) and not cal.covers(2031)
    assert not cal.provisional_between(D(2030, 1, 1), D(2030, 12, 31))
    assert cal.provisional_between(D(2030, 12, 30), D(2031, 1, 2))
    assert cal.provisional_between(D(2029, 12, 30), D(2030, 1, 2))
    assert cal.uncovered_years(D(2029, 6, 1), D(2031, 6, 1)) == [2029, 2031]


def test_calendar_from_entries_matches_constructor() -> None:
    entries = [
        CalendarEntry(D(2030, 5, 1), "holiday", "劳动节"),
        CalendarEntry(D(2030, 5, 4), "makeup", "劳动节调休"),
    ]
    cal = calendar_from_entries(entries, [2030])
    assert cal.holidays == {D(2030, 5, 1)}
    assert cal.makeup_workdays == {D(2030, 5, 4)}
    assert cal.covered_years == {2030}


# --- the built-in calendar: real 2025 / 2026 dates ----------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2025, 9, 28), True),  # Sunday, 国庆节调休
        (D(2025, 10, 11), True),  # Saturday, 国庆节调休
        (D(2025, 10, 1), False),  # Wednesday, 国庆节
        (D(2025, 10, 8), False),  # Wednesday, last day of the break
        (D(2025, 10, 9), True),  # Thursday
        (D(2025, 10, 12), False),  # plain Sunday
        (D(2026, 1, 4), True),  # Sunday, 元旦调休
        (D(2026, 2, 14), True),  # Saturday, 春节调休
        (D(2026, 2, 28), True),  # Saturday, 春节调休
        (D(2026, 2, 16), False),  # Monday, 春节
        (D(2026, 2, 23), False),  # Monday, 春节 (last day)
        (D(2026, 2, 24), True),  # Tuesday
        (D(2027, 1, 1), True),  # Friday in 2027: not covered → weekends alone
        (D(2027, 1, 2), False),  # Saturday in 2027
    ],
)
def test_builtin_is_workday(cal: WorkCalendar, day: date, expected: bool) -> None:
    assert cal.is_workday(day) is expected


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2025, 9, 26), 10, D(2025, 10, 16)),  # DESIGN §1.1 example
        (D(2025, 9, 26), 1, D(2025, 9, 28)),  # next workday after Fri is the make-up Sunday
        (D(2025, 9, 30), 1, D(2025, 10, 9)),  # over the National Day break
        (D(2025, 10, 10), 1, D(2025, 10, 11)),  # Fri → make-up Saturday
        (D(2026, 2, 13), 1, D(2026, 2, 14)),  # Fri → 春节调休 Saturday
        (D(2026, 2, 14), 1, D(2026, 2, 24)),  # over the Spring Festival break
        (D(2026, 12, 31), 1, D(2027, 1, 1)),  # into uncovered 2027, no exception
    ],
)
def test_builtin_add_workdays(cal: WorkCalendar, start: date, n: int, expected: date) -> None:
    assert cal.add_workdays(start, n) == expected


def test_builtin_covers_2004_to_2026_only(cal: WorkCalendar) -> None:
    years = builtin_covered_years()
    assert years[0] == 2004 and years[-1] >= 2026
    assert years == list(range(years[0], years[-1] + 1))
    assert cal.covers(2025) and cal.covers(2026)
    assert not cal.covers(2003)
    assert not cal.covers(years[-1] + 1)


@pytest.mark.parametrize(
    ("day", "kind", "name"),
    [
        (D(2025, 9, 28), "makeup", "国庆节调休"),
        (D(2025, 10, 11), "makeup", "国庆节调休"),
        (D(2025, 10, 1), "holiday", "国庆节"),
        (D(2025, 1, 1), "holiday", "元旦"),
        (D(2026, 1, 4), "makeup", "元旦调休"),
        (D(2026, 2, 14), "makeup", "春节调休"),
        (D(2026, 2, 28), "makeup", "春节调休"),
        (D(2026, 2, 17), "holiday", "春节"),
        (D(2026, 4, 5), "holiday", "清明节"),
    ],
)
def test_builtin_entries_names(day: date, kind: str, name: str) -> None:
    assert CalendarEntry(day, kind, name) in builtin_entries()  # type: ignore[arg-type]


def test_builtin_entries_are_consistent() -> None:
    entries = builtin_entries()
    assert entries == sorted(entries, key=lambda e: (e.day, e.kind))
    makeups = [e for e in entries if e.kind == "makeup"]
    holidays = {e.day for e in entries if e.kind == "holiday"}
    assert makeups and all(e.day.weekday() >= 5 for e in makeups)
    assert not holidays & {e.day for e in makeups}
    assert len({(e.day, e.kind) for e in entries}) == len(entries)
    assert all(e.name and not e.name.isascii() for e in entries)  # Chinese names


# --- properties ---------------------------------------------------------------------


def _count_workdays(cal: WorkCalendar, start: date, end: date) -> int:
    count, day = 0, start + timedelta(days=1)
    while day <= end:
        count += cal.is_workday(day)
        day += timedelta(days=1)
    return count


@settings(database=None, deadline=None, max_examples=300)
@given(
    start=st.dates(min_value=D(2003, 6, 1), max_value=D(2028, 6, 30)),
    n=st.integers(min_value=1, max_value=40),
    use_builtin=st.booleans(),
)
def test_add_workdays_properties(start: date, n: int, use_builtin: bool) -> None:
    cal = builtin_calendar() if use_builtin else hand_calendar()
    result = cal.add_workdays(start, n)
    assert result > start
    assert cal.is_workday(result)
    assert _count_workdays(cal, start, result) == n
    assert cal.workdays_between(start, result) == n
