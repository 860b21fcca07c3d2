"""The follow-up work list: a table model over frozen `TaskRow`s.

Rows come already filtered by the service (state, tier, department, person,
text); the model only shows and sorts them. Overdue rows are red, rows with
at most two days left yellow; special patients carry ★.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QBrush, QColor

from desktop_app.records.followup_rows import TaskRow
from desktop_app.domain.followup import FOLLOWUP_TIER_LABELS, FollowUpTier
from desktop_app.domain.followup_records import SEX_LABELS, WORK_STATE_LABELS, Sex, WorkState
from desktop_app.ui.widgets.tables import RowTableModel

OVERDUE_BRUSH = QBrush(QColor("#f8d7da"))
DUE_SOON_BRUSH = QBrush(QColor("#fff3cd"))
HEADERS = ("级别", "患者", "性别/年龄", "电话", "出院科室", "出院日期", "回访期限", "剩余",
           "负责人", "联系", "状态")
CENTERED = frozenset({0, 2, 3, 5, 6, 7, 9, 10})


def _sex(code: str) -> str:
    try:
        return SEX_LABELS[Sex(code)]
    except ValueError:
        return code


def attempts_text(row: TaskRow) -> str:
    """"3 次（未接通 2）", or "" before the first attempt."""
    if not row.attempts:
        return ""
    failed = f"（未接通 {row.failed_attempts}）" if row.failed_attempts else ""
    return f"{row.attempts} 次{failed}"


def cells(row: TaskRow) -> tuple[str, ...]:
    star = "★ " if row.special else ""
    return (
        FOLLOWUP_TIER_LABELS[FollowUpTier(row.tier)],
        star + row.patient_name,
        f"{_sex(row.sex)} {row.age}岁",
        row.phone_masked,
        row.department_name,
        f"{row.discharged_on:%Y-%m-%d}",
        f"{row.window_start:%m-%d} 至 {row.window_end:%m-%d}",
        row.window_text,
        row.assignee,
        attempts_text(row),
        WORK_STATE_LABELS[WorkState(row.state)],
    )


def sort_key(row: TaskRow, column: int) -> Any:
    keys = (row.tier, row.patient_name, row.age, row.phone_masked, row.department_name,
            row.discharged_on, row.window_end, row.window_end, row.assignee, row.attempts,
            row.state)
    return keys[column]


class TaskTableModel(RowTableModel[TaskRow]):
    """Read-only rows of the work list; `task_at(row)` gives the TaskRow."""

    HEADERS = HEADERS
    CENTERED = CENTERED

    def task_at(self, row: int) -> TaskRow:
        return self.row_at(row)

    def cells(self, row: TaskRow) -> tuple[str, ...]:
        return cells(row)

    def sort_key(self, row: TaskRow, column: int) -> Any:
        return sort_key(row, column)

    def background(self, row: TaskRow) -> QBrush | None:
        if row.state == WorkState.overdue:
            return OVERDUE_BRUSH
        return DUE_SOON_BRUSH if row.soon else None

    def tooltip(self, row: TaskRow, column: int) -> str | None:
        if column == 1 and row.special:
            return "特殊患者：安排院领导三级回访"
        return row.assignee if column == 8 else None
