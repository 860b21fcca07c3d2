"""The 满意度 tab: the day's list under the entry form (修改, 删除, 转为诉求登记…), the visits
correction from the form, stale pages reloaded when shown, and the main window's wiring."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.clock import Clock
from desktop_app.db.services.matters_query import get_matter
from desktop_app.db.services.surveys_query import list_surveys
from desktop_app.ui.complaints.register_dialog import RegisterDialog
from desktop_app.ui.main_window import tab_navigator
from desktop_app.ui.satisfaction import tab as tab_module
from desktop_app.ui.satisfaction.survey_list_model import SurveyListModel, cells
from desktop_app.ui.satisfaction.tab import SatisfactionTab
from desktop_app.ui.satisfaction.visits_dialog import VisitsDialog
from tests.support.clock import FIXED_NOW, FIXED_TODAY
from tests.support.surveys import answers

KEYS = {"1": Qt.Key.Key_1, "2": Qt.Key.Key_2, "3": Qt.Key.Key_3, "0": Qt.Key.Key_0}


def drive(monkeypatch, cls: type, work: Callable[[Any], None]) -> None:
    """`cls.ask` builds the real dialog, `work` fills it, OK is pressed."""
    def ask(klass, parent, *args, **kwargs):
        dialog = klass(parent, *args, **kwargs)
        work(dialog)
        dialog.accept()
        return dialog.result_value if dialog.result() else None
    monkeypatch.setattr(cls, "ask", classmethod(ask))


@pytest.fixture
def make_tab(qtbot, db, member, departments):
    def make() -> SatisfactionTab:
        clock = Clock.fixed(FIXED_NOW)
        tab = SatisfactionTab(db, member, clock=clock,
                              navigator=tab_navigator(db, member, clock.now))
        qtbot.addWidget(tab)
        tab.resize(1200, 760)
        tab.show()
        tab.activateWindow()
        qtbot.waitUntil(tab.isActiveWindow, timeout=3000)
        tab.entry_form.focus_first()
        return tab
    return make


def type_form(qtbot, tab: SatisfactionTab, keys: str, comment: str = "") -> None:
    form = tab.entry_form
    for key in keys:
        qtbot.keyClick(form.focusWidget(), KEYS[key])
    if comment:
        form.comment_edit.setText(comment)
    qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Return)


def test_list_model_over_every_kind(qtmodeltester, db, add_survey):
    add_survey(FIXED_TODAY, "内科", "1230111", comment="候诊时间太长，请回电13812345678")
    add_survey(FIXED_TODAY, "内科", "1111111", kind="inpatient", patient_name="张某某",
               bed_no="12", cards_given=1)
    add_survey(FIXED_TODAY, "公卫科", kind="public_health", respondent_name="李某某",
               phone="13900001234", reached=False)
    with db.session() as session:
        rows = list_surveys(session=session)
    model = SurveyListModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    phone, inpatient, outpatient = (cells(r) for r in rows)
    assert outpatient[4:12] == ("满意", "基本", "不满意", "—", "满意", "满意", "满意", "")
    # a phone number written in the comment is masked in the list, the cell and its tooltip
    assert outpatient[12] == "候诊时间太长，请回电138****5678"
    assert model.index(2, 12).data(Qt.ItemDataRole.ToolTipRole) == outpatient[12]
    assert model.index(2, 6).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert inpatient[1:4] == ("住院", "内科", "张某某（12床）")
    assert phone[3] == "李某某 139****1234" and phone[11] == "未接通" and phone[4] == ""


def test_saves_appear_in_the_days_list_and_a_correction_goes_back(qtbot, make_tab, db,
                                                                   departments):
    tab = make_tab()
    page, form = tab.entry_page, tab.entry_form
    form.set_department(departments["内科"])
    type_form(qtbot, tab, "1111111")
    type_form(qtbot, tab, "1121113", "挂号窗口排队太久")
    assert page.model.rowCount() == 2
    assert page.selected_survey().comment == "挂号窗口排队太久"  # the one just saved
    assert "共录入 2 份：门诊 2" in page.count_label.text()
    assert page.matter_button.isEnabled()
    first = page.model.survey_at(1)
    page.view.selectRow(1)
    assert page.edit_selected()
    assert form.editing is not None and not form.mode_label.isHidden()
    assert form.dimension_rows["efficiency"].value == "satisfied"
    assert not form.kind_buttons["inpatient"].isEnabled()
    for key in "3":
        qtbot.keyClick(form.focusWidget(), KEYS[key])
    qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Return)
    assert form.editing is None and form.mode_label.isHidden()
    with db.session() as session:
        rows = {r.id: r for r in list_surveys(session=session)}
    assert rows[first.id].answers == answers("3111111") and len(rows) == 2
    assert "已收 2 份" in form.quota_label.text()


def test_delete_asks_first(qtbot, make_tab, db, departments, monkeypatch):
    tab = make_tab()
    page = tab.entry_page
    tab.entry_form.set_department(departments["外科"])
    type_form(qtbot, tab, "1111111")
    monkeypatch.setattr(tab_module, "_confirm", lambda *a: False)
    assert not page.delete_selected()
    monkeypatch.setattr(tab_module, "_confirm", lambda *a: True)
    assert page.delete_selected()
    assert page.model.rowCount() == 0
    assert "已收 0 份" in tab.entry_form.quota_label.text()


def test_a_negative_comment_becomes_a_matter_in_one_step(qtbot, make_tab, db, departments,
                                                         monkeypatch):
    tab = make_tab()
    page = tab.entry_page
    tab.entry_form.set_department(departments["内科"])
    type_form(qtbot, tab, "1131111", "医生态度生硬，没有解释病情")

    def fill(dialog: RegisterDialog) -> None:
        assert dialog.channel == "outpatient_survey"
        assert dialog.content_edit.toPlainText() == "医生态度生硬，没有解释病情"
        dialog.category_combo.setCurrentIndex(max(1, dialog.category_combo.findData("attitude")))

    drive(monkeypatch, RegisterDialog, fill)
    with qtbot.waitSignal(tab.matter_registered) as registered:
        page.matter_button.click()
    (matter_id,) = registered.args
    row = page.selected_survey()
    assert row.matter_id == matter_id and row.matter_serial
    assert page.model.data(page.model.index(0, 13)) == row.matter_serial
    assert not page.matter_button.isEnabled() and not page.delete_button.isEnabled()
    with db.session() as session:
        detail = get_matter(session=session, matter_id=matter_id, today=FIXED_TODAY)
    assert detail.source_ref == f"survey:{row.id}"


def test_visits_corrected_from_the_form_and_stale_pages_reload(qtbot, make_tab, db, departments,
                                                                set_day_visits, monkeypatch):
    set_day_visits(FIXED_TODAY, "内科", 1)
    tab = make_tab()
    form = tab.entry_form
    form.set_department(departments["内科"])
    type_form(qtbot, tab, "1111111")
    type_form(qtbot, tab, "1111111")
    assert form.quota_tone() == "warn"
    drive(monkeypatch, VisitsDialog, lambda d: d.visits_spin.setValue(8))
    form.visits_button.click()
    assert "已收 2 份 / 门诊 8 人次 = 25.0%" in form.quota_label.text()
    assert form.focusWidget() is form.dimension_rows["efficiency"]
    tab.pages.setCurrentWidget(tab.quota_view)  # saved while hidden: reloaded when shown
    day_row = FIXED_TODAY.day - 1
    assert tab.quota_view.model.text(day_row, 0) == "2/8 25.0%"
    drive(monkeypatch, VisitsDialog, lambda d: d.visits_spin.setValue(6))
    tab.quota_view.enter_visits(FIXED_TODAY, departments["内科"])
    tab.pages.setCurrentWidget(tab.entry_page)
    assert "已收 2 份 / 门诊 6 人次 = 33.3%" in form.quota_label.text()
    reloaded = []
    monkeypatch.setattr(tab.results_panel, "refresh", lambda: reloaded.append(True))
    tab.pages.setCurrentWidget(tab.results_panel)
    assert reloaded == [True]


def test_main_window_hosts_the_tab_between_inspections_and_settings(qtbot, db, admin,
                                                                    departments, monkeypatch):
    from desktop_app.ui.main_window import MainWindow

    window = MainWindow(db, admin, clock=Clock.fixed(FIXED_NOW))
    qtbot.addWidget(window)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    index = titles.index("满意度")
    assert titles[index - 1] == "周五检查" and titles[index + 1] == "设置"
    refreshed = []
    monkeypatch.setattr(window.complaints_tab, "refresh", lambda *a: refreshed.append(True))
    window.satisfaction_tab.matter_registered.emit(1)
    assert refreshed == [True]


def test_correcting_a_phone_survey_shows_the_whole_number(qtbot, make_tab, db, add_survey):
    saved = add_survey(FIXED_TODAY, "公卫科", kind="public_health", respondent_name="李某某",
                       phone="13900001234", service_item="老年人健康管理", reached=True,
                       overall="satisfied")
    tab = make_tab()
    page, form = tab.entry_page, tab.entry_form
    page.view.selectRow(page.model.row_of(saved.survey.id))
    assert page.edit_selected()
    assert form.kind() == "public_health" and form.phone.phone_edit.text() == "13900001234"
    assert form.phone.reached_row.value == "yes" and form.phone.overall_row.value == "satisfied"
    form.phone.overall_row.setFocus()
    qtbot.keyClick(form.focusWidget(), Qt.Key.Key_3)
    form.comment_edit.setText("上门随访次数太少")
    qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Return)
    with db.session() as session:
        (row,) = list_surveys(session=session)
    assert (row.overall, row.comment, row.phone) == ("dissatisfied", "上门随访次数太少",
                                                     "139****1234")
    assert form.editing is None and form.kind() == "public_health"
