"""操作日志: the rows the settings actions wrote, paging, the table filter, the detail box."""

from __future__ import annotations

import json
from datetime import datetime

from PySide6.QtCore import QDate

from desktop_app.db.services.audit import AuditRow
from desktop_app.db.tx import write_audit
from desktop_app.ui.settings.audit_model import audit_changes, audit_detail
from desktop_app.ui.settings.dialogs import DepartmentDialog

T0 = datetime(2026, 11, 23, 9, 30)  # the fixed time of these tests


def _column(model, column):
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_lists_what_the_panels_wrote(make_tab, admin, db, dialogs):
    tab = make_tab(admin)
    institution = tab.panel("institution")
    institution.inputs["name"].setText("示例镇卫生院")
    institution.save_button.click()

    def fill(dialog):
        dialog.name_edit.setText("内科")

    dialogs.drive(DepartmentDialog, fill)
    tab.panel("departments").add_button.click()
    calendar = tab.panel("calendar")
    calendar.show_year(2027)
    calendar.day_edit.setDate(QDate(2027, 10, 1))
    calendar.name_edit.setText("国庆节")
    calendar.add_button.click()

    tab.show_panel("audit")  # switching reloads
    panel = tab.panel("audit")
    model = panel.model
    assert _column(model, 3)[:3] == ["节假日日历", "科室", "机构设置"]
    assert _column(model, 2)[:3] == ["新增", "新增", "修改"]
    assert _column(model, 1)[:3] == ["admin"] * 3
    assert _column(model, 4)[:2] == ["2027-10-01", "1"]
    assert "name=示例镇卫生院" in _column(model, 6)[2]   # only the changed fields
    assert "limit_" not in _column(model, 6)[2]
    assert panel.count_label.text() == f"共 {model.total} 条"

    panel.table_filter.setCurrentIndex(panel.table_filter.findText("科室"))
    assert _column(model, 3) == ["科室"]
    panel.view.selectRow(0)
    detail = panel.detail.toPlainText()
    assert "修改前：\n（无）" in detail
    assert '"name": "内科"' in detail


def test_pages_of_200(make_tab, admin, db):
    with db.session() as session:
        for i in range(450):
            write_audit(session, admin, "update", "staff", i, {"phone": ""}, {"phone": str(i)}, T0)
        session.commit()
    panel = make_tab(admin).panel("audit")
    model = panel.model
    panel.table_filter.setCurrentIndex(panel.table_filter.findData("staff"))
    assert model.total == 450
    assert model.rowCount() == 200
    assert model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 450
    assert not model.canFetchMore()
    assert model.data(model.index(0, 4)) == "449"  # newest first
    assert json.loads(model.row_at(449).after) == {"phone": "0"}


def test_long_values_are_shortened_in_the_table(make_tab, admin, db):
    with db.session() as session:
        write_audit(session, admin, "create", "staff", 1, None, {"note": "很长的内容" * 40}, T0)
        session.commit()
    panel = make_tab(admin).panel("audit")
    text = panel.model.data(panel.model.index(0, 6))
    assert len(text) == 80 and text.endswith("…")
    panel.view.selectRow(0)
    assert "很长的内容" * 40 in panel.detail.toPlainText()


def test_the_audit_list_masks_personal_phone_numbers() -> None:
    row = AuditRow(1, datetime(2026, 11, 23, 9, 0), "admin", "update", "staff", "3",
               '{"name": "张某某", "phone": "13800000001"}', '{"name": "张某某", "phone": "13800000002"}')
    before, after = audit_changes(row)
    assert before == "phone=138****0001" and after == "phone=138****0002"
    assert "13800000002" in audit_detail(row)  # the detail view shows the record whole
