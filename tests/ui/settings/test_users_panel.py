"""用户: only for the office director; add, edit, reset password."""

from __future__ import annotations

from datetime import datetime

from desktop_app.db.services import users
from desktop_app.domain.roles import Role
from desktop_app.ui.settings.user_dialogs import (
    MISMATCH_MESSAGE, EditUserDialog, PasswordDialog, UserDialog,
)

T0 = datetime(2026, 11, 23, 9, 30)  # the fixed time of these tests


def _fill_new(username, name, role, password, confirm=None):
    def fill(dialog: UserDialog) -> None:
        dialog.username_edit.setText(username)
        dialog.display_name_edit.setText(name)
        dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(role))
        dialog.password_edit.setText(password)
        dialog.confirm_edit.setText(password if confirm is None else confirm)
    return fill


def test_users_and_audit_panels_are_hidden_from_office_members(make_tab, member):
    tab = make_tab(member)
    assert tab.panel_names() == ["institution", "departments", "staff", "calendar"]
    assert tab.show_panel("users") is False
    assert tab.show_panel("audit") is False
    assert [tab.nav.item(i).text() for i in range(tab.nav.count())] == [
        "机构信息", "科室", "人员", "节假日日历"]


def test_admin_sees_every_panel(make_tab, admin):
    tab = make_tab(admin)
    assert tab.panel_names() == [
        "institution", "departments", "staff", "users", "calendar", "audit"]
    assert tab.show_panel("users") is True
    assert tab.current_panel() == "users"


def test_admin_adds_a_user_who_can_log_in(make_tab, admin, db, dialogs, qtbot):
    tab = make_tab(admin)
    panel = tab.panel("users")
    dialogs.drive(UserDialog, _fill_new("zhiban", "冯某某", Role.duty_director, "Zhiban2026"))
    with qtbot.waitSignal(tab.data_changed, timeout=1000):
        panel.add_button.click()

    texts = [panel.model.data(panel.model.index(1, c)) for c in range(5)]
    assert texts == ["zhiban", "冯某某", "值班院长", "启用", ""]
    with db.session() as session:
        actor = users.authenticate(session=session, username="zhiban", password="Zhiban2026", now=T0)
    assert actor.role == Role.duty_director


def test_password_mismatch_is_shown_under_the_confirmation(make_tab, admin, db, dialogs):
    panel = make_tab(admin).panel("users")
    dialogs.drive(UserDialog, _fill_new("zhiban", "冯某某", Role.duty_director, "Zhiban2026",
                                        confirm="Zhiban2025"))
    assert panel.add_user() is None
    assert dialogs.last.errors.text("password_confirm") == MISMATCH_MESSAGE
    assert panel.model.rowCount() == 1


def test_weak_password_and_taken_username(make_tab, admin, dialogs):
    panel = make_tab(admin).panel("users")
    dialogs.drive(UserDialog, _fill_new("zhiban", "冯某某", Role.duty_director, "short"))
    panel.add_user()
    assert "至少8位" in dialogs.last.errors.text("password")
    dialogs.drive(UserDialog, _fill_new("admin", "冯某某", Role.duty_director, "Zhiban2026"))
    panel.add_user()
    assert "已被使用" in dialogs.last.errors.text("username")


def test_edit_and_reset_password(make_tab, admin, member, db, dialogs):
    panel = make_tab(admin).panel("users")
    panel.view.selectRow(panel.model.find(lambda u: u.username == "qiantai"))

    def edit(dialog: EditUserDialog) -> None:
        dialog.display_name_edit.setText("蒋某某")
        dialog.active_check.setChecked(False)

    dialogs.drive(EditUserDialog, edit)
    panel.edit_button.click()
    row = panel.model.row_at(panel.model.find(lambda u: u.username == "qiantai"))
    assert (row.display_name, row.active) == ("蒋某某", False)

    def reset(dialog: PasswordDialog) -> None:
        dialog.password_edit.setText("Neue2026pw")
        dialog.confirm_edit.setText("Neue2026pw")

    dialogs.drive(PasswordDialog, reset)
    assert panel.reset_password() is True


def test_last_admin_cannot_be_demoted(make_tab, admin, dialogs):
    panel = make_tab(admin).panel("users")
    panel.view.selectRow(0)

    def demote(dialog: EditUserDialog) -> None:
        dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(Role.office_member))

    dialogs.drive(EditUserDialog, demote)
    assert panel.edit_selected() is None
    assert "至少要保留一个" in dialogs.last.errors.text("role")
