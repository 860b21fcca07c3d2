"""The one Month type: parsing, its days, neighbours, order."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.months import BAD_MONTH, Month

months = st.builds(Month, st.integers(1921, 2978), st.integers(1, 12))  # 20 years from either end


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-03", Month(2026, 3)), ("2026-3", Month(2026, 3)), (" 2026-12 ", Month(2026, 12)),
    (Month(2025, 1), Month(2025, 1)),
])
def test_parse_accepts_both_spellings_and_a_month(text, expected):
    assert Month.parse(text) == expected


@pytest.mark.parametrize("bad", [
    "2026-13", "2026-00", "2026/10", "202610", "2026-10-01", "11-2026", "", "  ", None, "abcd-ef",
    "26-03", "2026-003",
])
def test_parse_refuses_anything_else_on_the_named_field(bad):
    with pytest.raises(ValidationError) as caught:
        Month.parse(bad, field="period")
    assert caught.value.field == "period"
    assert str(caught.value) == BAD_MONTH == "月份格式应为 YYYY-MM，例如 2026-03"


def test_days_neighbours_and_text():
    feb = Month(2024, 2)
    assert (feb.first_day, feb.last_day) == (date(2024, 2, 1), date(2024, 2, 29))
    assert Month(2025, 2).last_day == date(2025, 2, 28)
    assert len(feb.days()) == 29 and feb.days()[0] == feb.first_day
    assert Month(2026, 1).previous() == Month(2025, 12)
    assert Month(2025, 12).next() == Month(2026, 1)
    assert str(Month(2026, 3)) == "2026-03"
    assert Month.of(date(2026, 3, 31)) == Month.of(datetime(2026, 3, 1, 8)) == Month(2026, 3)
    assert date(2026, 3, 5) in Month(2026, 3) and date(2026, 4, 1) not in Month(2026, 3)
    assert Month(2025, 12) < Month(2026, 1) < Month(2026, 2)
    assert sorted([Month(2026, 2), Month(2025, 11)]) == [Month(2025, 11), Month(2026, 2)]


@given(months)
def test_text_round_trips(month):
    assert Month.parse(str(month)) == month
    assert Month.parse(f"{month.year}-{month.month}") == month


@given(months)
def test_neighbours_touch(month):
    assert month.next().first_day == month.last_day + timedelta(days=1)
    assert month.next().previous() == month
    assert month.previous() < month < month.next()


@given(st.dates(date(1901, 1, 1), date(2999, 12, 31)))
def test_every_day_lies_in_its_month(day):
    month = Month.of(day)
    assert month.first_day <= day <= month.last_day and day in month


@given(months, st.integers(-240, 240))
def test_shift_counts_months(month, n):
    moved = month.shift(n)
    assert (moved.year * 12 + moved.month) - (month.year * 12 + month.month) == n
