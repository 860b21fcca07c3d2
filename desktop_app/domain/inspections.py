"""Friday administrative inspection (DESIGN §1.5, seed 004 每周五行政总检查).

The inspection happens every Friday afternoon and covers six areas; a week
with no inspection recorded shows as missed, so the program needs the list
of Fridays in a period.
"""

from __future__ import annotations

from datetime import date, timedelta

INSPECTION_AREAS: tuple[str, ...] = ("卫生", "安全", "设备", "设施", "工作秩序", "疫情防控")
"""The inspected areas, in the order of seed 004."""

_FRIDAY = 4


def inspection_days(start: date, end: date) -> list[date]:
    """The Fridays in [start, end], both inclusive; empty if end < start."""
    first = start + timedelta(days=(_FRIDAY - start.weekday()) % 7)
    days: list[date] = []
    day = first
    while day <= end:
        days.append(day)
        day += timedelta(days=7)
    return days
