"""人员: add/edit through StaffDialog, phones masked in the list, department filter."""

from __future__ import annotations

from datetime import datetime

from desktop_app.db.services.departments import StaffRole, create_department, list_staff
from desktop_app.ui.settings.dialogs import StaffDialog

T0 = datetime(2026, 11, 23, 9, 30)  # the fixed time of these tests


def _department(db, admin, name):
    with db.session() as session:
        return create_department(session=session, actor=admin, name=name, is_clinical=True, now=T0)


def _cells(model, row):
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


def _fill(name, department_name, roles, phone):
    def fill(dialog: StaffDialog) -> None:
        dialog.name_edit.setText(name)
        dialog.department_combo.setCurrentIndex(dialog.department_combo.findText(department_name))
        for role in roles:
            dialog.role_checks[role].setChecked(True)
        dialog.phone_edit.setText(phone)
    return fill


def test_admin_adds_staff_and_the_list_masks_the_phone(make_tab, admin, db, dialogs, qtbot):
    _department(db, admin, "内科")
    tab = make_tab(admin)
    tab.show_panel("staff")
    panel = tab.panel("staff")
    dialogs.drive(StaffDialog, _fill("张某某", "内科", [StaffRole.doctor, StaffRole.duty_director],
                                     "13812341234"))
    with qtbot.waitSignal(tab.data_changed, timeout=1000):
        panel.add_button.click()

    assert _cells(panel.model, 0) == ["张某某", "内科", "医生、值班院长", "138****1234", "启用"]
    with db.session() as session:
        (person,) = list_staff(session=session)
    assert person.phone == "13812341234"
    assert set(person.roles) == {StaffRole.doctor, StaffRole.duty_director}


def test_edit_dialog_shows_the_whole_phone(make_tab, admin, db, dialogs):
    _department(db, admin, "内科")
    panel = make_tab(admin).panel("staff")
    dialogs.drive(StaffDialog, _fill("李某某", "内科", [StaffRole.nurse], "13812341234"))
    panel.add_button.click()
    panel.view.selectRow(0)
    seen = {}

    def fill(dialog):
        seen["phone"] = dialog.phone_edit.text()
        seen["roles"] = dialog.roles
        dialog.active_check.setChecked(False)

    dialogs.drive(StaffDialog, fill)
    panel.edit_button.click()
    assert seen == {"phone": "13812341234", "roles": (StaffRole.nurse,)}
    assert _cells(panel.model, 0)[4] == "停用"


def test_missing_name_is_shown_under_the_name(make_tab, admin, db, dialogs):
    panel = make_tab(admin).panel("staff")
    dialogs.drive(StaffDialog, _fill("", "（无科室）", [], ""))
    assert panel.add_staff() is None
    assert dialogs.last.errors.text("name") == "请填写姓名"


def test_department_filter(make_tab, admin, db, dialogs):
    _department(db, admin, "内科")
    _department(db, admin, "外科")
    panel = make_tab(admin).panel("staff")
    dialogs.drive(StaffDialog, _fill("张某某", "内科", [StaffRole.doctor], ""))
    panel.add_button.click()
    dialogs.drive(StaffDialog, _fill("赵某某", "外科", [StaffRole.doctor], ""))
    panel.add_button.click()
    assert panel.model.rowCount() == 2

    panel.department_filter.setCurrentIndex(panel.department_filter.findText("外科"))
    assert [r.name for r in panel.model.rows()] == ["赵某某"]
    panel.department_filter.setCurrentIndex(0)
    assert panel.department_filter.currentText() == "全部科室"
    assert panel.model.rowCount() == 2


def test_office_member_cannot_change_staff(make_tab, member):
    panel = make_tab(member).panel("staff")
    assert not panel.add_button.isEnabled()
    assert not panel.read_only_note.isHidden()
