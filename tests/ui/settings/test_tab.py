"""The settings tab: navigation, show_panel, data_changed."""

from __future__ import annotations

from datetime import datetime

T0 = datetime(2026, 11, 23, 9, 30)  # the fixed time of these tests


def test_navigation_switches_panels(make_tab, admin):
    tab = make_tab(admin)
    assert tab.current_panel() == "institution"
    tab.nav.setCurrentRow(4)
    assert tab.current_panel() == "calendar"
    assert tab.stack.currentWidget() is tab.panel("calendar")
    assert tab.show_panel("nothing") is False


def test_panels_see_each_others_changes(make_tab, admin, db):
    from desktop_app.db.services.departments import create_department

    tab = make_tab(admin)
    tab.show_panel("staff")
    with db.session() as session:
        create_department(session=session, actor=admin, name="中医科", is_clinical=True, now=T0)
    tab.show_panel("departments")
    assert tab.panel("departments").model.rowCount() == 1
    tab.show_panel("staff")
    assert tab.panel("staff").department_filter.findText("中医科") > 0


def test_data_changed_is_emitted_after_a_save(make_tab, admin, qtbot):
    tab = make_tab(admin)
    panel = tab.panel("calendar")
    panel.show_year(2027)
    with qtbot.waitSignal(tab.data_changed, timeout=1000):
        panel.complete_check.click()


def test_refused_save_does_not_emit(make_tab, admin, qtbot):
    tab = make_tab(admin)
    panel = tab.panel("institution")
    panel.inputs["name"].setText("示例镇卫生院")
    panel.inputs["email"].setText("not-an-email")
    with qtbot.assertNotEmitted(tab.data_changed):
        panel.save_button.click()
    assert "邮箱格式不正确" in panel.errors.text("email")
