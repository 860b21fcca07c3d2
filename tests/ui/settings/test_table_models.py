"""Every settings table model passes qtmodeltester, empty and filled."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from desktop_app.db.services.audit import AuditRow
from desktop_app.db.services.work_calendar import CalendarDayRow
from desktop_app.db.services.departments import DepartmentRow, StaffRole, StaffRow
from desktop_app.db.services.users import UserRow
from desktop_app.domain.roles import Role
from desktop_app.ui.settings.audit_model import AuditTableModel
from desktop_app.ui.settings.table_models import (
    CalendarDayTableModel, DepartmentTableModel, StaffTableModel, UserTableModel,
)

NOW = datetime(2026, 11, 23, 9, 30)

ROWS = {
    DepartmentTableModel: [
        DepartmentRow(1, "内科", True, "0538-1234501", True, 3),
        DepartmentRow(2, "总务科", False, "", False, 0),
    ],
    StaffTableModel: [
        StaffRow(1, "张某某", 1, "内科", (StaffRole.doctor, StaffRole.leader), "13812341234", True),
        StaffRow(2, "李某某", None, "", (), "", False),
    ],
    CalendarDayTableModel: [
        CalendarDayRow(date(2027, 10, 1), "holiday", "国庆节", "manual"),
        CalendarDayRow(date(2027, 10, 9), "makeup", "国庆节调休", "builtin"),
    ],
}


@pytest.mark.parametrize("model_cls", list(ROWS))
def test_row_models(qtmodeltester, model_cls):
    model = model_cls()
    qtmodeltester.check(model)
    model.set_rows(ROWS[model_cls])
    qtmodeltester.check(model)
    assert model.rowCount() == 2


def test_user_model(qtmodeltester):
    model = UserTableModel(now=NOW)
    qtmodeltester.check(model)
    model.set_rows([
        UserRow(1, "admin", "王某某", Role.admin, True, None),
        UserRow(2, "qiantai", "卫某某", Role.office_member, True, NOW + timedelta(minutes=3)),
        UserRow(3, "old", "钱某某", Role.duty_director, False, NOW - timedelta(days=1)),
    ], now=NOW)
    qtmodeltester.check(model)
    assert [model.data(model.index(r, 4)) for r in range(3)] == ["", "2026-11-23 09:33", ""]


def test_staff_model_masks_phones():
    model = StaffTableModel(rows=ROWS[StaffTableModel])
    assert model.data(model.index(0, 3)) == "138****1234"
    assert model.data(model.index(0, 2)) == "医生、院领导"
    assert model.data(model.index(1, 1)) == "（无科室）"


def test_audit_model_fetches_pages(qtmodeltester):
    rows = [AuditRow(i, NOW, "admin", "update", "department", str(i), '{"a": 1}', '{"a": 2}')
            for i in range(450, 0, -1)]
    model = AuditTableModel()
    qtmodeltester.check(model)
    model.reset(lambda offset, limit: rows[offset:offset + limit], len(rows))
    assert model.rowCount() == 200
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 450
    assert model.data(model.index(0, 5)) == "a=1"


def test_audit_model_stops_when_a_page_comes_back_empty():
    model = AuditTableModel()
    model.reset(lambda offset, limit: [], 10)
    assert model.rowCount() == 0
    assert not model.canFetchMore()
