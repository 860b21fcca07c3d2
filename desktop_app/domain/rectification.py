"""Rectification items (整改事项) and their life (DESIGN §1.5; seed 004 §三(一)4 "及时整改提高").

Every 不合格 of a Friday inspection becomes a rectification item; problems
found elsewhere (a satisfaction survey, a superior's inspection) are entered
by hand the way the seeds' rectification plans write them: 问题, 整改措施,
整改时限, 责任科室. Made exact:

- 待整改 → 已整改待复查 (the department reports it done, with what it did)
  → 已销号 (closed) only after a re-check by a named person that passes; a
  failing re-check sends the item back to 待整改 with the re-checker's note.
  已销号 is final.
- The deadline (整改时限) is never before the day the problem was found; the
  default is `DEFAULT_RECTIFICATION_WORKDAYS` working days (a setting) after
  the inspection, counted with the working-day calendar.
- Overdue (逾期) as of `today`: still 待整改 and the deadline is past. An item
  reported done in time is not overdue while it waits for its re-check.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.workdays import WorkCalendar


class RectificationStatus(StrEnum):
    """Where a rectification item stands."""

    pending = "pending"
    rectified = "rectified"
    closed = "closed"


RECTIFICATION_STATUS_LABELS: dict[RectificationStatus, str] = {
    RectificationStatus.pending: "待整改",
    RectificationStatus.rectified: "已整改待复查",
    RectificationStatus.closed: "已销号",
}

OPEN_RECTIFICATION_STATUSES = frozenset(
    {RectificationStatus.pending, RectificationStatus.rectified})
"""The statuses of items not yet closed (销号)."""


class RectificationSource(StrEnum):
    """Where a problem was found."""

    friday_inspection = "friday_inspection"
    satisfaction_survey = "satisfaction_survey"
    superior_inspection = "superior_inspection"
    other = "other"


RECTIFICATION_SOURCE_LABELS: dict[RectificationSource, str] = {
    RectificationSource.friday_inspection: "周五检查",
    RectificationSource.satisfaction_survey: "满意度调查",
    RectificationSource.superior_inspection: "上级检查",
    RectificationSource.other: "其他",
}


class RectificationStep(StrEnum):
    """A step that moves an item: report done, re-check passed, re-check failed."""

    rectify = "rectify"
    recheck_pass = "recheck_pass"
    recheck_fail = "recheck_fail"


RECTIFICATION_STEP_LABELS: dict[RectificationStep, str] = {
    RectificationStep.rectify: "登记整改完成",
    RectificationStep.recheck_pass: "复查合格销号",
    RectificationStep.recheck_fail: "复查不合格退回",
}

TRANSITIONS: dict[RectificationStep, tuple[RectificationStatus, RectificationStatus]] = {
    RectificationStep.rectify: (RectificationStatus.pending, RectificationStatus.rectified),
    RectificationStep.recheck_pass: (RectificationStatus.rectified, RectificationStatus.closed),
    RectificationStep.recheck_fail: (RectificationStatus.rectified, RectificationStatus.pending),
}
"""step → (the status it needs, the status it leads to)."""

_WHY_NOT: dict[RectificationStep, str] = {
    RectificationStep.rectify: "只有“待整改”的事项可以登记整改完成",
    RectificationStep.recheck_pass: "须先登记整改完成，才能复查销号",
    RectificationStep.recheck_fail: "须先登记整改完成，才能复查",
}


def allowed_steps(status: RectificationStatus | str) -> list[RectificationStep]:
    """The steps the ledger may offer for an item in `status`."""
    current = RectificationStatus(status)
    return [step for step, (need, _to) in TRANSITIONS.items() if current == need]


def next_status(status: RectificationStatus | str, step: RectificationStep) -> RectificationStatus:
    """The status after `step`, or ValidationError("status") when the step is out of order.

    Closing (销号) is reachable only through a passing re-check of a
    rectified item, so an item cannot be closed without a re-check.
    """
    current = RectificationStatus(status)
    need, to = TRANSITIONS[step]
    if current != need:
        raise ValidationError(
            "status", f"{_WHY_NOT[step]}（当前状态：{RECTIFICATION_STATUS_LABELS[current]}）")
    return to


def can_edit_plan(status: RectificationStatus | str) -> bool:
    """Problem, measure, departments and deadline may change only while 待整改."""
    return RectificationStatus(status) == RectificationStatus.pending


def default_deadline(found_on: date, workdays: int, calendar: WorkCalendar) -> date:
    """The default 整改时限: the `workdays`-th working day after the day it was found."""
    return calendar.add_workdays(found_on, workdays)


def check_deadline(deadline: date | None, found_on: date, *, found_label: str = "检查日期") -> date:
    """A deadline not before the day the problem was found, or ValidationError("deadline")."""
    if deadline is None:
        raise ValidationError("deadline", "请填写整改时限")
    if deadline < found_on:
        raise ValidationError("deadline", f"整改时限不能早于{found_label}（{found_on:%Y-%m-%d}）")
    return deadline


def is_overdue(status: RectificationStatus | str, deadline: date, today: date) -> bool:
    """逾期: still 待整改 after the deadline day."""
    return RectificationStatus(status) == RectificationStatus.pending and today > deadline


def deadline_wording(status: RectificationStatus | str, deadline: date, today: date) -> str:
    """The ledger's 时限 column: 剩 N 天 / 今天到期 / 逾期 N 天 / 待复查 / 已销号."""
    current = RectificationStatus(status)
    if current != RectificationStatus.pending:
        return "待复查" if current == RectificationStatus.rectified else "已销号"
    left = (deadline - today).days
    if left > 0:
        return f"剩 {left} 天"
    return "今天到期" if left == 0 else f"逾期 {-left} 天"
