"""科室: add and edit through DepartmentDialog, errors under the name, read-only for members."""

from __future__ import annotations

from desktop_app.db.services.departments import list_departments
from desktop_app.ui.settings.dialogs import DepartmentDialog
from desktop_app.ui.widgets.print_dialog import PrintPreviewDialog


def _names(db):
    with db.session() as session:
        return [d.name for d in list_departments(session=session)]


def _fill(name, phone="", clinical=True, active=None):
    def fill(dialog: DepartmentDialog) -> None:
        dialog.name_edit.setText(name)
        dialog.phone_edit.setText(phone)
        dialog.kind_combo.setCurrentIndex(0 if clinical else 1)
        if active is not None:
            dialog.active_check.setChecked(active)
    return fill


def _cell(model, row, column):
    return model.data(model.index(row, column))


def test_admin_adds_a_department(make_tab, admin, db, dialogs, qtbot):
    tab = make_tab(admin)
    tab.show_panel("departments")
    panel = tab.panel("departments")
    dialogs.drive(DepartmentDialog, _fill("内科", "0538-1234501"))
    with qtbot.waitSignal(tab.data_changed, timeout=1000):
        panel.add_button.click()

    assert _names(db) == ["内科"]
    assert [_cell(panel.model, 0, c) for c in range(5)] == [
        "内科", "临床科室", "0538-1234501", "0", "启用"]
    assert dialogs.last.result() == DepartmentDialog.DialogCode.Accepted


def test_duplicate_name_stays_open_with_the_message_under_the_name(make_tab, admin, db, dialogs):
    panel = make_tab(admin).panel("departments")
    dialogs.drive(DepartmentDialog, _fill("内科"))
    panel.add_button.click()
    dialogs.drive(DepartmentDialog, _fill("内科", "0538-1234599", clinical=False))
    assert panel.add_department() is None

    dialog = dialogs.last
    assert "已存在" in dialog.errors.text("name")
    assert dialog.errors.text("phone") == ""
    assert dialog.result() != DepartmentDialog.DialogCode.Accepted
    assert _names(db) == ["内科"]
    assert panel.model.rowCount() == 1


def test_bad_phone_is_shown_under_the_phone(make_tab, admin, db, dialogs):
    panel = make_tab(admin).panel("departments")
    dialogs.drive(DepartmentDialog, _fill("外科", "abc"))
    assert panel.add_department() is None
    assert "电话格式不正确" in dialogs.last.errors.text("phone")
    assert _names(db) == []


def test_admin_edits_and_deactivates_a_department(make_tab, admin, db, dialogs):
    panel = make_tab(admin).panel("departments")
    dialogs.drive(DepartmentDialog, _fill("内科"))
    panel.add_button.click()
    panel.view.selectRow(0)
    assert panel.edit_button.isEnabled()

    def fill(dialog):
        assert dialog.name_edit.text() == "内科"
        assert dialog.active_check.isEnabled()
        dialog.name_edit.setText("内一科")
        dialog.active_check.setChecked(False)

    dialogs.drive(DepartmentDialog, fill)
    panel.edit_button.click()
    assert _cell(panel.model, 0, 0) == "内一科"
    assert _cell(panel.model, 0, 4) == "停用"


def test_print_button_asks_for_liaison_cards(make_tab, admin, qtbot, monkeypatch):
    shown: list[str] = []  # the tab prints them through its own `printing`
    monkeypatch.setattr(PrintPreviewDialog, "show_pdf", classmethod(
        lambda cls, parent, pdf, title, name: shown.append(name)))
    tab = make_tab(admin)
    with qtbot.waitSignal(tab.print_liaison_cards_requested, timeout=1000):
        tab.panel("departments").print_button.click()
    assert shown == ["医患连心卡.pdf"]


def test_office_member_cannot_add_or_edit(make_tab, admin, member, db, dialogs):
    make_tab(admin)  # nothing to prepare; the member's view of an empty list
    panel = make_tab(member).panel("departments")
    assert not panel.add_button.isEnabled()
    assert not panel.edit_button.isEnabled()
    assert panel.print_button.isEnabled()
    assert not panel.read_only_note.isHidden()
