"""The 出院回访 tab: register a discharge on the form, find its tasks in the right list on the
right day, filter, edit; the discharge form's messages; the work-list model."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from desktop_app.clock import Clock
from desktop_app.db.models import Discharge
from desktop_app.db.services.departments import list_departments, list_staff
from desktop_app.db.services.discharges import windows_setting
from desktop_app.records.followup_rows import TaskFilter
from desktop_app.db.services.followups_query import list_tasks
from desktop_app.ui.widgets.inputs import to_qdate
from desktop_app.ui.followups.discharge_dialog import DischargeDialog
from desktop_app.ui.followups.tab import FollowUpsTab
from desktop_app.ui.followups.table_model import TaskTableModel
from tests.support.clock import FIXED_NOW, FIXED_TODAY


@pytest.fixture
def tab(qtbot, db, member, departments):
    widget = FollowUpsTab(db, member, clock=Clock.fixed(FIXED_NOW))
    qtbot.addWidget(widget)
    return widget


def _form(qtbot, db, actor, initial=None) -> DischargeDialog:
    with db.session() as s:
        lists = (list_departments(session=s, include_inactive=False), list_staff(session=s),
                 windows_setting(s))
    dialog = DischargeDialog(None, db, actor, *lists, lambda: FIXED_NOW, initial)
    qtbot.addWidget(dialog)
    return dialog


def _fill(dialog: DischargeDialog, discharged: date = date(2026, 11, 22)) -> None:
    dialog.name_edit.setText("吴某某")
    dialog.sex_choice.set_value("male")
    dialog.age_spin.setValue(74)
    dialog.phone_edit.setText("139 0000 4321")
    dialog.department_combo.setCurrentIndex(dialog.department_combo.findText("内科"))
    dialog.doctor_combo.setCurrentText("孙某某")
    dialog.nurse_combo.setCurrentText("周某某")
    dialog.admitted_edit.setDate(to_qdate(date(2026, 11, 12)))
    dialog.discharged_edit.setDate(to_qdate(discharged))


def test_a_discharge_entered_on_the_form_shows_its_tier_1_task_from_the_next_day(
    qtbot, db, member, departments, tab
):
    dialog = _form(qtbot, db, member)
    assert [dialog.doctor_combo.itemText(i) for i in range(dialog.doctor_combo.count())] == [""]
    _fill(dialog)
    assert dialog.doctor_combo.findText("孙某某") > 0  # the department's doctors are offered
    assert dialog.plan_text().splitlines() == [
        "一级回访　11-23 至 11-29　孙某某、周某某", "二级回访　11-30 至 12-06　服务群众管理办公室"]
    dialog.accept()
    assert dialog.result() == DischargeDialog.DialogCode.Accepted
    tab.refresh()
    assert [(r.patient_name, r.tier, r.window_text) for r in tab.visible_rows()] == [
        ("吴某某", 1, "剩 6 天")]
    assert tab.list_buttons["due"].text() == "今日待访（1）"
    assert tab.model.data(tab.model.index(0, 3)) == "139****4321"
    tab.day_edit.setDate(to_qdate(date(2026, 11, 22)))  # the day of discharge: nothing yet
    assert tab.visible_rows() == []
    tab.show_list("upcoming")
    assert [r.tier for r in tab.visible_rows()] == [1, 2]
    tab.today_button.click()
    assert tab.day() == FIXED_TODAY


def test_a_special_patient_shows_the_leadership_visit_in_the_plan(qtbot, db, member, departments):
    dialog = _form(qtbot, db, member)
    _fill(dialog)
    assert not dialog.reason_combo.isEnabled()
    dialog.special_check.setChecked(True)
    assert dialog.reason_combo.isEnabled()
    assert dialog.plan_text().splitlines()[-1] == "三级回访　11-23 至 12-22　院领导"
    dialog.accept()
    assert dialog.errors.text("special_reason") == "请选择特殊患者的原因"
    dialog.reason_combo.setCurrentIndex(dialog.reason_combo.findText("高龄独居"))
    dialog.accept()
    assert dialog.result_value.special_reason == "elderly_alone"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (lambda d: d.discharged_edit.setDate(to_qdate(date(2026, 11, 24))), "discharged_on",
         "出院日期不能晚于今天"),
        (lambda d: d.admitted_edit.setDate(to_qdate(date(2026, 11, 23))), "discharged_on",
         "出院日期不能早于入院日期"),
        (lambda d: d.age_spin.setValue(-1), "age", "请填写年龄"),
        (lambda d: d.phone_edit.setText("12345"), "phone", None),
        (lambda d: d.department_combo.setCurrentIndex(0), "department_id", "请选择出院科室"),
    ],
)
def test_bad_input_is_shown_at_its_field_and_nothing_is_saved(
    qtbot, db, member, departments, change, field, message
):
    dialog = _form(qtbot, db, member)
    _fill(dialog)
    change(dialog)
    dialog.accept()
    shown = dialog.errors.text(field)
    assert shown and (message is None or shown == message)
    assert dialog.result() != DischargeDialog.DialogCode.Accepted
    with db.session() as s:
        assert s.exec(select(Discharge)).all() == []


def test_correcting_the_discharge_date_moves_the_open_tasks(
    qtbot, db, member, departments, discharge, tab
):
    discharge()  # 2026-11-16: tier 1 due today (last day)
    assert [r.window_text for r in tab.visible_rows()] == []
    tab.refresh()
    [row] = tab.visible_rows()
    assert row.window_text == "今天截止" and row.soon
    with db.session() as s:
        from desktop_app.db.services.discharges import get_discharge

        current = get_discharge(session=s, discharge_id=row.discharge_id)
    dialog = _form(qtbot, db, member, current)
    assert dialog.name_edit.text() == "钱某某"
    dialog.discharged_edit.setDate(to_qdate(date(2026, 11, 18)))
    dialog.accept()
    tab.refresh()
    assert [(r.tier, r.window_text) for r in tab.visible_rows()] == [(1, "剩 2 天")]


def test_lists_filters_and_counts(qtbot, db, member, departments, discharge, tab):
    discharge()
    discharge(patient_name="郑某某", phone="13900007777", department="外科", doctor_name="赵某某",
              nurse_name="", admitted_on=date(2026, 11, 1), discharged_on=date(2026, 11, 10))
    tab.refresh()
    assert tab.counts == {"due": 2, "soon": 2, "overdue": 1}
    assert tab.list_buttons["overdue"].text() == "已逾期（1）"
    tab.show_list("overdue")
    assert [(r.patient_name, r.tier) for r in tab.visible_rows()] == [("郑某某", 1)]
    tab.show_list("")
    assert len(tab.visible_rows()) == 4
    tab.department_combo.setCurrentIndex(tab.department_combo.findText("外科"))
    assert {r.patient_name for r in tab.visible_rows()} == {"郑某某"}
    tab.department_combo.setCurrentIndex(0)
    tab.assignee_combo.setCurrentIndex(tab.assignee_combo.findText("服务群众管理办公室"))
    assert [r.tier for r in tab.visible_rows()] == [2, 2]
    tab.assignee_combo.setCurrentIndex(0)
    tab.tier_combo.setCurrentIndex(tab.tier_combo.findText("一级回访"))
    tab.search_edit.setText("7777")
    assert [(r.patient_name, r.tier) for r in tab.visible_rows()] == [("郑某某", 1)]
    assert not tab.record_button.isEnabled()
    tab.view.selectRow(0)
    assert tab.record_button.isEnabled() and tab.edit_button.isEnabled()


def test_the_work_list_model_passes_the_model_tester(qtmodeltester, db, discharge):
    discharge()
    discharge(patient_name="郑某某", phone="13900007777", special=True,
              special_reason="critical")
    with db.session() as s:
        rows = list_tasks(session=s, filters=TaskFilter(state=None), today=FIXED_TODAY)
    model = TaskTableModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    model.sort(1)
    assert model.data(model.index(0, 1)) == "★ 郑某某"
    assert model.data(model.index(0, 1), 3) == "特殊患者：安排院领导三级回访"


def test_a_list_longer_than_the_limit_says_to_narrow_it(qtbot, db, departments, discharge, tab,
                                                        monkeypatch):
    from desktop_app.ui.followups import tab as tab_module

    discharge()
    monkeypatch.setattr(tab_module, "LIST_LIMIT", 1)
    tab.show_list("")
    assert len(tab.visible_rows()) == 1
    assert tab.count_label.text() == "仅显示前 1 项，请按月份或姓名缩小范围"
