"""抽样完成情况: the month grid (cells, colours, totals), the short days, the visits dialog."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from desktop_app.db.services.surveys_query import quota_month
from desktop_app.ui.satisfaction import quota_view as qv
from desktop_app.ui.satisfaction.quota_model import SHORT_BRUSH, QuotaMonthModel
from desktop_app.ui.satisfaction.quota_view import QuotaView
from desktop_app.ui.satisfaction.visits_dialog import VisitsDialog
from tests.support.clock import FIXED_NOW, FIXED_TODAY

NOV_2 = date(2026, 11, 2)
NOV_3 = date(2026, 11, 3)


@pytest.fixture
def november(departments, set_day_visits, add_survey):
    """11-02: 内科 10 visits, 3 forms (met); 外科 20 visits, 2 forms (6 needed: short).
    11-03: 内科 1 visit, 2 forms (more forms than visits); 外科 3 forms, no visits."""
    set_day_visits(NOV_2, "内科", 10)
    set_day_visits(NOV_2, "外科", 20)
    set_day_visits(NOV_3, "内科", 1)
    for department, day, count in (("内科", NOV_2, 3), ("外科", NOV_2, 2), ("内科", NOV_3, 2),
                                   ("外科", NOV_3, 3)):
        for _ in range(count):
            add_survey(day, department)
    return departments


@pytest.fixture
def make_view(qtbot, db, member):
    def make() -> QuotaView:
        view = QuotaView(db, member, now=lambda: FIXED_NOW)
        qtbot.addWidget(view)
        view.resize(1000, 700)
        view.refresh()
        return view
    return make


def test_month_model_cells_colours_and_totals(qtmodeltester, db, november):
    with db.session() as session:
        month = quota_month(session=session, month="2026-11")
    model = QuotaMonthModel()
    model.set_month(month)
    qtmodeltester.check(model)
    columns = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert columns[:2] == ["内科", "外科"] and columns[-1] == "全院"
    assert model.rowCount() == 31  # 30 days and 合计
    assert model.headerData(1, Qt.Orientation.Vertical) == "11-02 周一"
    assert model.headerData(30, Qt.Orientation.Vertical) == "合计"
    inner, outer = columns.index("内科"), columns.index("外科")
    assert model.text(1, inner) == "3/10 30.0%"
    assert model.index(1, inner).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.text(1, outer) == "2/20 10.0%"
    assert model.index(1, outer).data(Qt.ItemDataRole.BackgroundRole) == SHORT_BRUSH
    assert "还差 4 份" in model.index(1, outer).data(Qt.ItemDataRole.ToolTipRole)
    assert model.text(2, inner) == "2/1 200.0%"  # more forms than visits: amber, a warning
    assert "请核对" in model.index(2, inner).data(Qt.ItemDataRole.ToolTipRole)
    assert model.text(2, outer) == "3/—"  # visits not entered
    assert model.text(0, inner) == ""
    assert model.text(30, inner) == "5/11 45.5%"  # the month per department
    # 外科's 3 forms of 11-03 have no visits: set apart, not counted in the share (not 5/20)
    assert model.text(30, outer) == "2/20 10.0% 另3"
    assert model.index(30, outer).data(Qt.ItemDataRole.BackgroundRole) == SHORT_BRUSH
    assert "另有 3 份问卷所在日期或科室未录门诊人次，未计入抽样比例" in model.index(
        30, outer).data(Qt.ItemDataRole.ToolTipRole)
    hospital = columns.index("全院")
    assert model.text(2, hospital) == "2/1 200.0% 另3"  # 11-03: 内科 2/1, 外科 3 apart
    assert model.text(30, hospital) == "7/31 22.6% 另3"  # the month: 5 + 2 forms of 11 + 20


def test_month_model_total_without_any_visits(qtmodeltester, db, departments, add_survey):
    for department in ("内科", "外科"):
        add_survey(NOV_2, department)
    with db.session() as session:
        month = quota_month(session=session, month="2026-11")
    model = QuotaMonthModel()
    model.set_month(month)
    qtmodeltester.check(model)
    hospital = model.columnCount() - 1
    assert model.text(1, hospital) == "2/—" and model.text(30, hospital) == "2/—"
    assert "门诊人次未录入，已收问卷 2 份" in model.index(1, hospital).data(
        Qt.ItemDataRole.ToolTipRole)
    assert qv.unmatched_text(month) == "另有 2 份门诊问卷所在日期或科室未录门诊人次，未计入抽样比例。"


def test_view_lists_short_days_and_a_double_click_enters_visits(qtbot, make_view, november,
                                                              monkeypatch):
    view = make_view()
    assert view.current_month() == "2026-11"
    text = view.short_label.text()
    assert "共 1 天：11月 2 日" in text and "外科 1 天" in text
    assert "另有 3 份门诊问卷所在日期或科室未录门诊人次，未计入抽样比例。" in text
    asked = []

    def ask(parent, db, actor, departments, today, now, day=None, department_id=None):
        dialog = VisitsDialog(parent, db, actor, departments, today, now, day, department_id)
        asked.append((dialog.visits(), dialog.state_text()))
        dialog.visits_spin.setValue(6)
        dialog.accept()
        return dialog.result_value

    monkeypatch.setattr(VisitsDialog, "ask", staticmethod(ask))
    changed = []
    view.visits_changed.connect(lambda: changed.append(True))
    outer = 1
    view._double_clicked(view.model.index(1, outer))
    assert asked == [(20, "已录门诊人次：20 人次；已收门诊问卷 2 份（要求 30%）")]
    assert changed == [True]
    assert view.model.text(1, outer) == "2/6 33.3%"
    assert "均达到抽样比例" in view.short_label.text()
    view._double_clicked(view.model.index(30, outer))  # the totals are not typed
    assert len(asked) == 1


def test_month_picker_shows_another_month(make_view, november, set_day_visits, add_survey):
    set_day_visits(date(2026, 10, 15), "内科", 30)
    view = make_view()
    view.show_month("2026-10")
    assert view.model.rowCount() == 32
    assert view.model.text(14, 0) == "0/30 0.0%"
    assert "10月 15 日" in view.short_label.text()


def test_visits_dialog_warns_below_the_forms_and_refuses_a_future_day(qtbot, db, member,
                                                                    november):
    from desktop_app.db.services.departments import list_departments

    with db.session() as session:
        departments = list_departments(session=session)
    dialog = VisitsDialog(None, db, member, departments, FIXED_TODAY, lambda: FIXED_NOW,
                          NOV_3, november["内科"])
    qtbot.addWidget(dialog)
    assert dialog.visits() == 1
    assert "门诊人次少于已收问卷份数" in dialog.state_text()
    dialog.visits_spin.setValue(40)
    assert "少于" not in dialog.state_text()
    dialog.day_edit.setDate(dialog.day_edit.date().addDays(30))
    assert dialog.visits() is None  # nothing stored for that day
    dialog.visits_spin.setValue(5)
    dialog.accept()
    assert dialog.errors.text("day") == "日期不能晚于今天"
    dialog.day_edit.setDate(dialog.day_edit.date().addDays(-30))
    dialog.visits_spin.setValue(0)
    dialog.accept()
    assert dialog.result_value.visits == 0 and dialog.result_value.surveys == 2


def test_import_button_opens_the_visits_import(make_view, monkeypatch, set_day_visits):
    from desktop_app.ui.satisfaction.visits_import_dialog import VisitsImportDialog

    view = make_view()
    calls = []

    def ask(parent, db, actor, now):
        calls.append(now.date())
        set_day_visits(FIXED_TODAY - timedelta(days=1), "内科", 50)
        return object()

    monkeypatch.setattr(VisitsImportDialog, "ask", staticmethod(ask))
    view.import_button.click()
    assert calls == [FIXED_TODAY]
    assert view.model.text(21, 0) == "0/50 0.0%"
    assert qv.percent(0.3) == "30%"
