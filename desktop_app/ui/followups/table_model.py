"""The follow-up work list: a table model over frozen `TaskRow`s.

Rows come already filtered by the service (state, tier, department, person,
text); the model only shows and sorts them. Overdue rows are red, rows with
at most two days left yellow; special patients carry ★.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.records.followup_rows import TaskRow
from desktop_app.domain.followup import FOLLOWUP_TIER_LABELS, FollowUpTier
from desktop_app.domain.followup_records import SEX_LABELS, WORK_STATE_LABELS, Sex, WorkState

Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole
OVERDUE_BRUSH = QBrush(QColor("#f8d7da"))
DUE_SOON_BRUSH = QBrush(QColor("#fff3cd"))
HEADERS = ("级别", "患者", "性别/年龄", "电话", "出院科室", "出院日期", "回访期限", "剩余",
           "负责人", "联系", "状态")
CENTERED = frozenset({0, 2, 3, 5, 6, 7, 9, 10})
CENTER = Qt.AlignmentFlag.AlignCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


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


class TaskTableModel(QAbstractTableModel):
    """Read-only rows of the work list; `task_at(row)` gives the TaskRow."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[TaskRow] = []
        self._cells: list[tuple[str, ...]] = []

    def set_rows(self, rows: Sequence[TaskRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._cells = [cells(r) for r in self._rows]
        self.endResetModel()

    def task_at(self, row: int) -> TaskRow:
        return self._rows[row]

    def row_of(self, task_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == task_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(HEADERS)):
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[index.row()][column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return CENTER if column in CENTERED else LEFT
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.state == WorkState.overdue:
                return OVERDUE_BRUSH
            if row.soon:
                return DUE_SOON_BRUSH
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 1 and row.special:
                return "特殊患者：安排院领导三级回访"
            if column == 8:
                return row.assignee
            return None
        if role == SORT_ROLE:
            return sort_key(row, column)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(HEADERS):
            return
        rows = self._rows
        order_ = sorted(range(len(rows)), key=lambda i: (sort_key(rows[i], column), rows[i].id),
                        reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutAboutToBeChanged.emit()
        new_row = [0] * len(rows)
        for new, old in enumerate(order_):
            new_row[old] = new
        self._rows = [rows[i] for i in order_]
        self._cells = [self._cells[i] for i in order_]
        old_indexes = self.persistentIndexList()
        self.changePersistentIndexList(
            old_indexes, [self.index(new_row[i.row()], i.column()) for i in old_indexes])
        self.layoutChanged.emit()
