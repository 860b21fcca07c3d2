"""节假日日历: a year's days, adding and removing, marking the year complete."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate

from desktop_app.db.services.work_calendar import covered_years, list_calendar_days
from desktop_app.ui.settings.calendar_panel import COMPLETE_TEXT, MISSING_TEXT


def _days(db, year):
    with db.session() as session:
        return list_calendar_days(session=session, year=year)


def _add(panel, day: date, kind: str, name: str):
    panel.day_edit.setDate(QDate(day.year, day.month, day.day))
    panel.kind_combo.setCurrentIndex(panel.kind_combo.findData(kind))
    panel.name_edit.setText(name)
    panel.add_button.click()


def test_defaults_to_this_year_with_the_builtin_days(make_tab, admin, today):
    tab = make_tab(admin)
    tab.show_panel("calendar")
    panel = tab.panel("calendar")
    assert panel.year == today.year == 2026
    assert panel.status_label.text() == COMPLETE_TEXT
    assert panel.complete_check.isChecked()
    first = [panel.model.data(panel.model.index(0, c)) for c in range(5)]
    assert first == ["2026-01-01", "星期四", "法定节假日", first[3], "内置"]


def test_add_a_holiday_for_2027(make_tab, admin, db, qtbot):
    tab = make_tab(admin)
    tab.show_calendar_year(2027)
    panel = tab.panel("calendar")
    assert tab.current_panel() == "calendar"
    assert panel.year == 2027
    assert panel.status_label.text() == MISSING_TEXT
    assert panel.model.rowCount() == 0

    with qtbot.waitSignal(tab.data_changed, timeout=1000):
        _add(panel, date(2027, 10, 1), "holiday", "国庆节")
    texts = [panel.model.data(panel.model.index(0, c)) for c in range(5)]
    assert texts == ["2027-10-01", "星期五", "法定节假日", "国庆节", "手工"]
    assert [d.day for d in _days(db, 2027)] == [date(2027, 10, 1)]


def test_a_holiday_cannot_also_be_a_makeup_day(make_tab, admin, db, message_boxes):
    panel = make_tab(admin).panel("calendar")
    panel.show_year(2027)
    _add(panel, date(2027, 10, 2), "holiday", "国庆节")
    _add(panel, date(2027, 10, 2), "makeup", "国庆节调休")
    assert "不能同时" in panel.errors.text("day")
    assert message_boxes == []
    assert [(d.day, d.kind) for d in _days(db, 2027)] == [(date(2027, 10, 2), "holiday")]
    assert panel.model.rowCount() == 1


def test_makeup_day_on_a_weekday_and_missing_name(make_tab, admin, db):
    panel = make_tab(admin).panel("calendar")
    panel.show_year(2027)
    _add(panel, date(2027, 10, 8), "makeup", "调休")  # a Friday
    assert "周六或周日" in panel.errors.text("day")
    _add(panel, date(2027, 10, 9), "makeup", "")
    assert panel.errors.text("name") == "请填写名称"
    assert panel.errors.text("day") == ""
    assert _days(db, 2027) == []


def test_mark_complete_and_remove(make_tab, admin, db, confirm_yes):
    panel = make_tab(admin).panel("calendar")
    panel.show_year(2027)
    _add(panel, date(2027, 1, 1), "holiday", "元旦")
    panel.complete_check.click()
    assert panel.status_label.text() == COMPLETE_TEXT
    with db.session() as session:
        assert 2027 in covered_years(session=session)

    panel.view.selectRow(0)
    panel.remove_button.click()
    assert confirm_yes and "2027-01-01" in confirm_yes[0]
    assert _days(db, 2027) == []
    panel.complete_check.click()
    assert panel.status_label.text() == MISSING_TEXT


def test_office_member_reads_only(make_tab, member):
    panel = make_tab(member).panel("calendar")
    assert panel.model.rowCount() > 0
    assert not panel.add_button.isEnabled()
    assert not panel.complete_check.isEnabled()
    panel.view.selectRow(0)
    assert not panel.remove_button.isEnabled()
    assert not panel.read_only_note.isHidden()
