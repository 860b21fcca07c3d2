"""Rectification items: statuses, steps, deadlines, overdue (DESIGN §1.5)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.rectification import (
    OPEN_RECTIFICATION_STATUSES,
    RECTIFICATION_SOURCE_LABELS,
    RECTIFICATION_STATUS_LABELS,
    RectificationSource,
    RectificationStatus,
    RectificationStep,
    allowed_steps,
    can_edit_plan,
    check_deadline,
    deadline_wording,
    default_deadline,
    is_overdue,
    next_status,
)
from desktop_app.domain.workdays import builtin_calendar

D = date
P, R, C = RectificationStatus.pending, RectificationStatus.rectified, RectificationStatus.closed


def test_labels() -> None:
    assert [RECTIFICATION_STATUS_LABELS[s] for s in RectificationStatus] == [
        "待整改", "已整改待复查", "已销号"]
    assert [RECTIFICATION_SOURCE_LABELS[s] for s in RectificationSource] == [
        "周五检查", "满意度调查", "上级检查", "其他"]
    assert OPEN_RECTIFICATION_STATUSES == {P, R}


@pytest.mark.parametrize(
    ("status", "step", "expected"),
    [
        (P, RectificationStep.rectify, R),
        (R, RectificationStep.recheck_pass, C),
        (R, RectificationStep.recheck_fail, P),
    ],
)
def test_allowed_transitions(status, step, expected) -> None:
    assert next_status(status, step) is expected
    assert step in allowed_steps(status)


@pytest.mark.parametrize(
    ("status", "step", "message"),
    [
        (P, RectificationStep.recheck_pass, "须先登记整改完成，才能复查销号"),  # no closing without re-check
        (P, RectificationStep.recheck_fail, "须先登记整改完成"),
        (R, RectificationStep.rectify, "只有“待整改”"),
        (C, RectificationStep.rectify, "当前状态：已销号"),
        (C, RectificationStep.recheck_pass, "当前状态：已销号"),
        (C, RectificationStep.recheck_fail, "当前状态：已销号"),
    ],
)
def test_steps_out_of_order_are_refused(status, step, message) -> None:
    with pytest.raises(ValidationError, match=message) as caught:
        next_status(status, step)
    assert caught.value.field == "status"


def test_closed_is_final_and_only_pending_plans_change() -> None:
    assert allowed_steps(C) == []
    assert allowed_steps(P) == [RectificationStep.rectify]
    assert [can_edit_plan(s) for s in (P, R, C)] == [True, False, False]


@pytest.mark.parametrize(
    ("found", "workdays", "expected"),
    [
        (D(2026, 11, 20), 5, D(2026, 11, 27)),  # Fri → next Fri
        (D(2026, 9, 30), 5, D(2026, 10, 13)),  # over National Day; Sat 10-10 is a make-up day
        (D(2026, 10, 8), 1, D(2026, 10, 9)),
    ],
)
def test_default_deadline_counts_working_days(found, workdays, expected) -> None:
    assert default_deadline(found, workdays, builtin_calendar()) == expected


def test_check_deadline() -> None:
    assert check_deadline(D(2026, 11, 20), D(2026, 11, 20)) == D(2026, 11, 20)
    with pytest.raises(ValidationError, match="请填写整改时限"):
        check_deadline(None, D(2026, 11, 20))
    with pytest.raises(ValidationError, match=r"整改时限不能早于检查日期（2026-11-20）") as caught:
        check_deadline(D(2026, 11, 19), D(2026, 11, 20))
    assert caught.value.field == "deadline"
    with pytest.raises(ValidationError, match="不能早于发现问题的日期"):
        check_deadline(D(2026, 11, 19), D(2026, 11, 20), found_label="发现问题的日期")


@pytest.mark.parametrize(
    ("status", "today", "overdue", "wording"),
    [
        (P, D(2026, 11, 25), False, "剩 2 天"),
        (P, D(2026, 11, 27), False, "今天到期"),
        (P, D(2026, 11, 30), True, "逾期 3 天"),
        (R, D(2026, 11, 30), False, "待复查"),
        (C, D(2026, 11, 30), False, "已销号"),
    ],
)
def test_overdue_and_wording(status, today, overdue, wording) -> None:
    deadline = D(2026, 11, 27)
    assert is_overdue(status, deadline, today) is overdue
    assert deadline_wording(status, deadline, today) == wording
