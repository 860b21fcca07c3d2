"""Table models of the 整改台账 (rectification ledger): the ledger's lines and an item's
history, on the kit's `widgets.tables.RowTableModel`.

Rows come already filtered by the service; the models only show and sort
them. Overdue (逾期) lines are red, lines due today yellow, closed (已销号)
lines grey.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QBrush, QColor

from desktop_app.records.rectification_rows import RectificationEventRow, RectificationRow
from desktop_app.domain.rectification import RECTIFICATION_STEP_LABELS, RectificationStatus
from desktop_app.ui.widgets.tables import RowTableModel

OVERDUE_BRUSH = QBrush(QColor("#f8d7da"))
DUE_TODAY_BRUSH = QBrush(QColor("#fff3cd"))
CLOSED_BRUSH = QBrush(QColor("#757575"))
UNASSIGNED = "（未指定）"


# --- the ledger -----------------------------------------------------------------------------

LEDGER_HEADERS = ("来源", "发现日期", "存在问题", "整改措施", "责任科室", "整改期限", "状态")
PROBLEM_COLUMN = 2
MEASURE_COLUMN = 3


def problem_text(row: RectificationRow) -> str:
    """"安全：二楼东侧消防通道堆放纸箱" for an inspection item, else the problem as entered."""
    return f"{row.area}：{row.problem}" if row.area else row.problem


def deadline_cell(row: RectificationRow) -> str:
    """"2026-11-27　剩 4 天" while 待整改; just the day once reported done or closed."""
    if row.status == RectificationStatus.pending:
        return f"{row.deadline:%Y-%m-%d}　{row.deadline_text}"
    return f"{row.deadline:%Y-%m-%d}"


def ledger_cells(row: RectificationRow) -> tuple[str, ...]:
    return (
        row.source_label,
        f"{row.found_on:%Y-%m-%d}",
        problem_text(row),
        row.measure,
        row.departments or UNASSIGNED,
        deadline_cell(row),
        row.status_label,
    )


def ledger_tooltip(row: RectificationRow, column: int) -> str | None:
    if column == 0:
        return row.source_text or row.source_label
    if column == PROBLEM_COLUMN:
        lines = []
        if row.item_text:
            lines.append(f"检查项目：{row.item_text}")
        lines.append(f"存在问题：{row.problem}")
        return "\n".join(lines)
    if column == MEASURE_COLUMN:
        return row.measure
    if column == 4:
        return row.departments or "尚未指定责任科室：请用“修改计划…”指定"
    if column == 5 and row.overdue:
        return f"已过整改期限（{row.deadline_text}）"
    if column == 6 and row.status == RectificationStatus.rectified:
        done = f"{row.rectified_at:%Y-%m-%d %H:%M}" if row.rectified_at else ""
        return f"整改完成：{done} {row.rectified_by}\n{row.rectified_note}".strip()
    if column == 6 and row.status == RectificationStatus.closed and row.recheck_on:
        return f"复查合格销号：{row.recheck_by}，{row.recheck_on:%Y-%m-%d}"
    return None


_STATUS_ORDER = {RectificationStatus.pending.value: 0, RectificationStatus.rectified.value: 1,
                 RectificationStatus.closed.value: 2}


class RectificationTableModel(RowTableModel[RectificationRow]):
    """The ledger's lines; `row_at(n)` gives the RectificationRow."""

    HEADERS = LEDGER_HEADERS
    CENTERED = frozenset({0, 1, 5, 6})

    def cells(self, row: RectificationRow) -> tuple[str, ...]:
        return ledger_cells(row)

    def sort_key(self, row: RectificationRow, column: int) -> Any:
        keys = (row.source_kind, row.found_on, problem_text(row), row.measure, row.departments,
                row.deadline, (_STATUS_ORDER.get(row.status, 9), not row.overdue))
        return keys[column]

    def background(self, row: RectificationRow) -> QBrush | None:
        if row.overdue:
            return OVERDUE_BRUSH
        if row.status == RectificationStatus.pending and row.deadline_text == "今天到期":
            return DUE_TODAY_BRUSH
        return None

    def foreground(self, row: RectificationRow, column: int) -> QBrush | None:
        return CLOSED_BRUSH if row.status == RectificationStatus.closed else None

    def tooltip(self, row: RectificationRow, column: int) -> str | None:
        return ledger_tooltip(row, column)


# --- an item's history ----------------------------------------------------------------------

ACTION_LABELS: dict[str, str] = {
    "created": "登记",
    "plan": "修改整改要求",
    **{step.value: label for step, label in RECTIFICATION_STEP_LABELS.items()},
}


class RectificationHistoryModel(RowTableModel[RectificationEventRow]):
    """An item's history, oldest first: when, who, what."""

    HEADERS = ("时间", "操作人", "事项", "经过")
    CENTERED = frozenset({0, 1, 2})

    def cells(self, row: RectificationEventRow) -> tuple[str, ...]:
        return (f"{row.at:%Y-%m-%d %H:%M}", row.actor, ACTION_LABELS.get(row.action, row.action),
                row.summary)

    def sort_key(self, row: RectificationEventRow, column: int) -> Any:
        return (row.at, row.actor, row.action, row.summary)[column]

    def tooltip(self, row: RectificationEventRow, column: int) -> str | None:
        return row.summary if column == 3 else None
