"""Table models of the settings tab: each over a tuple of frozen row dataclasses.

The models never touch the database; panels load rows through the services and
hand them over with `set_rows`. The paged audit model is in `audit_model.py`; the
base is the kit's `widgets.tables.RowTableModel`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtGui import QColor

from desktop_app.db.services.work_calendar import KIND_LABELS, CalendarDayRow
from desktop_app.db.services.departments import STAFF_ROLE_LABELS, DepartmentRow, StaffRow
from desktop_app.db.services.users import UserRow
from desktop_app.domain.roles import ROLE_LABELS
from desktop_app.domain.validation import mask_phone
from desktop_app.ui.widgets.tables import CENTER, Column, RowTableModel

INACTIVE_COLOR = QColor("#9e9e9e")
WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
SOURCE_LABELS = {"builtin": "内置", "manual": "手工"}


def active_label(active: bool) -> str:
    return "启用" if active else "停用"


class SettingsRowModel(RowTableModel):
    """The settings lists' look on the kit's model: every cell's text is its tooltip,
    inactive (停用) rows are grey."""

    def tooltip(self, row: Any, column: int) -> str | None:
        return self.cells(row)[column]

    def foreground(self, row: Any, column: int) -> QColor | None:
        return INACTIVE_COLOR if not getattr(row, "active", True) else None


class DepartmentTableModel(SettingsRowModel):
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


class StaffTableModel(SettingsRowModel):
    columns = (
        Column("姓名", lambda s: s.name),
        Column("科室", lambda s: s.department_name or "（无科室）"),
        Column("岗位", lambda s: staff_roles_text(s.roles)),
        Column("电话", lambda s: mask_phone(s.phone)),
        Column("状态", lambda s: active_label(s.active), CENTER),
    )

    def row_at(self, row: int) -> StaffRow:
        return self._rows[row]


class UserTableModel(SettingsRowModel):
    def __init__(self, parent=None, *, rows: Sequence[UserRow] = (),
                 now: datetime | None = None) -> None:
        super().__init__(parent, rows=rows)
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


class CalendarDayTableModel(SettingsRowModel):
    columns = (
        Column("日期", lambda c: f"{c.day:%Y-%m-%d}", CENTER),
        Column("星期", lambda c: WEEKDAYS[c.day.weekday()], CENTER),
        Column("类别", lambda c: KIND_LABELS.get(c.kind, c.kind)),
        Column("名称", lambda c: c.name),
        Column("来源", lambda c: SOURCE_LABELS.get(c.source, c.source), CENTER),
    )

    def foreground(self, row: CalendarDayRow, column: int) -> QColor | None:
        if column == 2:
            return QColor("#c62828") if row.kind == "holiday" else QColor("#1565c0")
        return super().foreground(row, column)

    def row_at(self, row: int) -> CalendarDayRow:
        return self._rows[row]
