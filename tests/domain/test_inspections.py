"""Friday inspection days (DESIGN §1.5)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.domain.inspections import INSPECTION_AREAS, inspection_days

D = date


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2025, 10, 1), D(2025, 10, 31), [D(2025, 10, 3), D(2025, 10, 10), D(2025, 10, 17),
                                           D(2025, 10, 24), D(2025, 10, 31)]),
        (D(2025, 10, 3), D(2025, 10, 3), [D(2025, 10, 3)]),  # a single Friday
        (D(2025, 10, 4), D(2025, 10, 9), []),  # Sat..Thu
        (D(2025, 10, 10), D(2025, 10, 3), []),  # end before start
        (D(2026, 2, 1), D(2026, 2, 28), [D(2026, 2, 6), D(2026, 2, 13), D(2026, 2, 20),
                                         D(2026, 2, 27)]),  # Feb 20 is in Spring Festival: kept
        (D(2025, 12, 27), D(2026, 1, 10), [D(2026, 1, 2), D(2026, 1, 9)]),
    ],
)
def test_inspection_days(start: date, end: date, expected: list[date]) -> None:
    days = inspection_days(start, end)
    assert days == expected
    assert all(d.weekday() == 4 for d in days)


def test_areas() -> None:
    assert INSPECTION_AREAS == ("卫生", "安全", "设备", "设施", "工作秩序", "疫情防控")
