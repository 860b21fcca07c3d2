"""Table models of the settings tab: each over a tuple of frozen row dataclasses.

The models never touch the database; panels load rows through the services and
hand them over with `set_rows`. The paged audit model is in `audit_model.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from desktop_app.db.services.work_calendar import KIND_LABELS, CalendarDayRow
from desktop_app.db.services.departments import STAFF_ROLE_LABELS, DepartmentRow, StaffRow
from desktop_app.db.services.users import UserRow
from desktop_app.domain.roles import ROLE_LABELS
from desktop_app.domain.validation import mask_phone

Index = QModelIndex | QPersistentModelIndex
INACTIVE_COLOR = QColor("#9e9e9e")
CENTER = Qt.AlignmentFlag.AlignCenter
WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
SOURCE_LABELS = {"builtin": "内置", "manual": "手工"}



class Column(NamedTuple):
    header: str
    value: Callable[[Any], str]
    align: Qt.AlignmentFlag | None = None


def active_label(active: bool) -> str:
    return "启用" if active else "停用"


class RowTableModel(QAbstractTableModel):
    """A read-only table over frozen rows; subclasses declare `columns`."""

    columns: tuple[Column, ...] = ()

    def __init__(self, rows: Sequence[Any] = (), parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = list(rows)

    # Qt overrides ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.value(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align is not None:
            return column.align
        if role == Qt.ItemDataRole.ForegroundRole and not getattr(row, "active", True):
            return INACTIVE_COLOR
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.columns)):
            return self.columns[section].header
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # our API --------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> tuple[Any, ...]:
        return tuple(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def find(self, predicate: Callable[[Any], bool]) -> int:
        """The first row number whose row matches, or -1."""
        return next((i for i, r in enumerate(self._rows) if predicate(r)), -1)


class DepartmentTableModel(RowTableModel):
    columns = (
        Column("科室名称", lambda d: d.name),
        Column("类别", lambda d: "临床科室" if d.is_clinical else "非临床科室"),
        Column("电话", lambda d: d.phone),
        Column("人员数", lambda d: str(d.staff_count), CENTER),
        Column("状态", lambda d: active_label(d.active), CENTER),
    )

    def row_at(self, row: int) -> DepartmentRow:
        return self._rows[row]


def staff_roles_text(roles: Sequence[Any]) -> str:
    order = list(STAFF_ROLE_LABELS)
    return "、".join(STAFF_ROLE_LABELS[r] for r in sorted(roles, key=order.index))


class StaffTableModel(RowTableModel):
    columns = (
        Column("姓名", lambda s: s.name),
        Column("科室", lambda s: s.department_name or "（无科室）"),
        Column("岗位", lambda s: staff_roles_text(s.roles)),
        Column("电话", lambda s: mask_phone(s.phone)),
        Column("状态", lambda s: active_label(s.active), CENTER),
    )

    def row_at(self, row: int) -> StaffRow:
        return self._rows[row]


class UserTableModel(RowTableModel):
    def __init__(self, rows: Sequence[UserRow] = (), parent=None,
                 now: datetime | None = None) -> None:
        super().__init__(rows, parent)
        self.now = now  # given with the rows; None: nobody is shown as locked
        self.columns = (
            Column("用户名", lambda u: u.username),
            Column("姓名", lambda u: u.display_name),
            Column("角色", lambda u: ROLE_LABELS[u.role]),
            Column("状态", lambda u: active_label(u.active), CENTER),
            Column("锁定至", self._locked_text, CENTER),
        )

    def _locked_text(self, user: UserRow) -> str:
        if user.locked_until is None or self.now is None or user.locked_until <= self.now:
            return ""
        return f"{user.locked_until:%Y-%m-%d %H:%M}"

    def set_rows(self, rows: Sequence[Any], now: datetime | None = None) -> None:
        self.now = now
        super().set_rows(rows)

    def row_at(self, row: int) -> UserRow:
        return self._rows[row]


class CalendarDayTableModel(RowTableModel):
    columns = (
        Column("日期", lambda c: f"{c.day:%Y-%m-%d}", CENTER),
        Column("星期", lambda c: WEEKDAYS[c.day.weekday()], CENTER),
        Column("类别", lambda c: KIND_LABELS.get(c.kind, c.kind)),
        Column("名称", lambda c: c.name),
        Column("来源", lambda c: SOURCE_LABELS.get(c.source, c.source), CENTER),
    )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() == 2:
            row = self._rows[index.row()]
            return QColor("#c62828") if row.kind == "holiday" else QColor("#1565c0")
        return super().data(index, role)

    def row_at(self, row: int) -> CalendarDayRow:
        return self._rows[row]
