"""Deadlines of requests (DESIGN §1.1), checked by hand against the 2025/2026 calendar.

2025 National Day break: Wed Oct 1 – Wed Oct 8 off; Sun Sep 28 and Sat Oct 11 worked.
2026 Spring Festival: Sun Feb 15 – Mon Feb 23 off; Sat Feb 14 and Sat Feb 28 worked.
2026 New Year: Thu Jan 1 – Sat Jan 3 off; Sun Jan 4 worked.
"""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.domain.defaults import DEFAULT_LIMITS, Limit
from desktop_app.domain.deadlines import (
    REQUEST_TYPE_LABELS,
    Deadline,
    RequestType,
    deadline,
    due_date,
    effective_deadline,
    is_due_soon,
    is_overdue,
    limit_for,
)
from desktop_app.domain.workdays import WorkCalendar, builtin_calendar

D = date
RT = RequestType


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return builtin_calendar()


@pytest.mark.parametrize(
    ("rtype", "received", "due", "provisional"),
    [
        # DESIGN example: Fri → Sep 28(1) 29 30 | Oct 9 10 11(6) 13 14 15 16(10)
        (RT.complaint, D(2025, 9, 26), D(2025, 10, 16), False),
        # received on a holiday: Oct 9(1) 10 11 13 14 15 16 17 20 21(10)
        (RT.complaint, D(2025, 10, 1), D(2025, 10, 21), False),
        # the day before the break gives the same deadline
        (RT.suggestion, D(2025, 9, 30), D(2025, 10, 21), False),
        # Fri before the make-up Saturday: Oct 11(1) 13..17(6) 20 21 22 23(10)
        (RT.criticism, D(2025, 10, 10), D(2025, 10, 23), False),
        # received on a weekend: Mon Nov 17(1) … Fri Nov 28(10)
        (RT.report, D(2025, 11, 15), D(2025, 11, 28), False),
        (RT.complaint, D(2025, 11, 16), D(2025, 11, 28), False),
        # Spring Festival 2026: Feb 14(1) | Feb 24 25 26 27 28(6) Mar 2 3 4 5(10)
        (RT.report, D(2026, 2, 13), D(2026, 3, 5), False),
        # New Year 2026: Jan 4(1) 5 6 7 8 9 12 13 14 15(10)
        (RT.criticism, D(2025, 12, 31), D(2026, 1, 15), False),
        # wholly inside covered 2026: Dec 11(1) 14..18(6) 21 22 23 24(10)
        (RT.complaint, D(2026, 12, 10), D(2026, 12, 24), False),
        # runs into 2027 (not covered): Dec 25 28 29 30 31 | Jan 1(6, weekday) 4 5 6 7(10)
        (RT.complaint, D(2026, 12, 24), D(2027, 1, 7), True),
        (RT.suggestion, D(2026, 12, 31), D(2027, 1, 14), True),
        (RT.complaint, D(2027, 3, 1), D(2027, 3, 15), True),
        # calendar-day limit: + 2 days, holidays and weekends count, never provisional
        (RT.consultation, D(2025, 9, 30), D(2025, 10, 2), False),
        (RT.help, D(2025, 11, 14), D(2025, 11, 16), False),
        (RT.help, D(2025, 12, 31), D(2026, 1, 2), False),
        (RT.consultation, D(2026, 12, 31), D(2027, 1, 2), False),
    ],
)
def test_deadline(
    cal: WorkCalendar, rtype: RequestType, received: date, due: date, provisional: bool
) -> None:
    assert deadline(rtype, received, cal) == Deadline(due, provisional)
    assert due_date(rtype, received, cal) == due


def test_string_codes_are_accepted(cal: WorkCalendar) -> None:
    assert due_date("complaint", D(2025, 9, 26), cal) == D(2025, 10, 16)


def test_unknown_type_is_rejected(cal: WorkCalendar) -> None:
    with pytest.raises(ValueError):
        due_date("praise", D(2025, 9, 26), cal)


@pytest.mark.parametrize(
    ("rtype", "limits", "received", "due"),
    [
        # 15 working days: …Oct 16(10) 17 20 21 22 23(15)
        (RT.complaint, {"complaint": Limit("workdays", 15)}, D(2025, 9, 26), D(2025, 10, 23)),
        (RT.consultation, {"consultation": Limit("calendar", 0)}, D(2025, 10, 1), D(2025, 10, 1)),
        (RT.help, {RT.help: Limit("calendar", 1)}, D(2025, 10, 1), D(2025, 10, 2)),
        # a type missing from the override keeps its default
        (RT.report, {"complaint": Limit("workdays", 15)}, D(2025, 9, 26), D(2025, 10, 16)),
        # a county hospital could count 咨询 in working days
        (RT.consultation, {"consultation": Limit("workdays", 2)}, D(2025, 9, 30), D(2025, 10, 10)),
    ],
)
def test_limits_override_defaults(
    cal: WorkCalendar, rtype: RequestType, limits: dict, received: date, due: date
) -> None:
    assert due_date(rtype, received, cal, limits) == due


def test_default_limits_match_design() -> None:
    assert limit_for(RT.consultation) == limit_for(RT.help) == Limit("calendar", 2)
    for rtype in (RT.suggestion, RT.criticism, RT.complaint, RT.report):
        assert limit_for(rtype) == Limit("workdays", 10)
    assert set(DEFAULT_LIMITS) == set(RequestType)


@pytest.mark.parametrize(("kind", "days"), [("workdays", 0), ("calendar", -1), ("hours", 3)])
def test_bad_limit_is_rejected(kind: str, days: int) -> None:
    with pytest.raises(ValueError):
        Limit(kind, days)  # type: ignore[arg-type]


def test_labels() -> None:
    assert [REQUEST_TYPE_LABELS[t] for t in RequestType] == [
        "咨询", "求助", "建议", "批评", "投诉", "举报",
    ]


@pytest.mark.parametrize(
    ("local", "upstream", "expected"),
    [
        (D(2025, 10, 16), None, D(2025, 10, 16)),
        (D(2025, 10, 16), D(2025, 10, 10), D(2025, 10, 10)),
        (D(2025, 10, 16), D(2025, 10, 20), D(2025, 10, 16)),
        (D(2025, 10, 16), D(2025, 10, 16), D(2025, 10, 16)),
    ],
)
def test_effective_deadline(local: date, upstream: date | None, expected: date) -> None:
    assert effective_deadline(local, upstream) == expected


@pytest.mark.parametrize(
    ("due", "closed_on", "today", "expected"),
    [
        (D(2025, 10, 16), None, D(2025, 10, 15), False),
        (D(2025, 10, 16), None, D(2025, 10, 16), False),  # due at the end of the day
        (D(2025, 10, 16), None, D(2025, 10, 17), True),
        (D(2025, 10, 16), D(2025, 10, 16), D(2025, 12, 1), False),  # closed on the due day
        (D(2025, 10, 16), D(2025, 10, 17), D(2025, 12, 1), True),  # closed late
        (D(2025, 10, 16), D(2025, 10, 10), D(2025, 10, 20), False),
    ],
)
def test_is_overdue(due: date, closed_on: date | None, today: date, expected: bool) -> None:
    assert is_overdue(due, closed_on, today) is expected


@pytest.mark.parametrize(
    ("due", "today", "expected"),
    [
        # Fri 2025-11-14: the next working day is Mon 11-17
        (D(2025, 11, 13), D(2025, 11, 14), False),  # already overdue
        (D(2025, 11, 14), D(2025, 11, 14), True),
        (D(2025, 11, 15), D(2025, 11, 14), True),
        (D(2025, 11, 17), D(2025, 11, 14), True),
        (D(2025, 11, 18), D(2025, 11, 14), False),
        # Fri 2025-09-26: the next working day is the make-up Sunday 09-28
        (D(2025, 9, 28), D(2025, 9, 26), True),
        (D(2025, 9, 29), D(2025, 9, 26), False),
        # Tue 2025-09-30: the next working day is Thu 10-09, after the break
        (D(2025, 10, 9), D(2025, 9, 30), True),
        (D(2025, 10, 10), D(2025, 9, 30), False),
    ],
)
def test_is_due_soon(cal: WorkCalendar, due: date, today: date, expected: bool) -> None:
    assert is_due_soon(due, today, cal) is expected
