"""The tab: overdue rows red and counted, due-soon amber, filters narrow the rows, reminders,
print requests; qtmodeltester on the tab's own proxy."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from desktop_app.ui.complaints.table_model import DUE_SOON_COLOR, OVERDUE_COLOR
from desktop_app.ui.widgets.period_dialogs import DayDialog, MonthDialog


@pytest.fixture
def four(register, departments) -> dict[str, int]:
    """As of Mon 2026-11-23: A overdue, B due tomorrow, C not due, D (October, 外科) overdue."""
    a = register(received_at=datetime(2026, 11, 2, 10, 0), content="门诊药价比药店高")
    b = register(received_at=datetime(2026, 11, 22, 8, 0), request_type="consultation",
                 content="咨询医保报销比例", complainant_name="李某某")
    c = register(received_at=datetime(2026, 11, 20, 10, 0))
    d = register(received_at=datetime(2026, 10, 20, 15, 0), request_type="suggestion",
                 category="efficiency", target_department_id=departments["外科"],
                 content="建议增加周末门诊")
    return {"A": a.id, "B": b.id, "C": c.id, "D": d.id}


def ids(tab) -> set[int]:
    return {r.id for r in tab.visible_rows()}


def background(tab, matter_id: int):
    row = tab.proxy.proxy_row_of(matter_id)
    brush = tab.proxy.index(row, 0).data(Qt.ItemDataRole.BackgroundRole)
    return brush.color() if brush is not None else None


def test_overdue_red_due_soon_amber_and_the_count(make_tab, member, four, qtbot) -> None:
    tab = make_tab(member)
    assert ids(tab) == set(four.values())
    assert background(tab, four["A"]) == OVERDUE_COLOR
    assert background(tab, four["D"]) == OVERDUE_COLOR
    assert background(tab, four["B"]) == DUE_SOON_COLOR
    assert background(tab, four["C"]) is None
    assert tab.overdue_count == 2
    with qtbot.waitSignal(tab.overdue_count_changed) as blocker:
        tab.refresh()
    assert blocker.args == [2]
    # newest first by received time
    assert [r.id for r in tab.visible_rows()] == [four["B"], four["C"], four["A"], four["D"]]


def choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_filters_narrow_the_rows(make_tab, member, four, departments) -> None:
    tab = make_tab(member)
    choose(tab.type_combo, "consultation")
    assert ids(tab) == {four["B"]}
    tab.type_combo.setCurrentIndex(0)
    choose(tab.status_combo, "closed")
    assert ids(tab) == set()
    choose(tab.status_combo, "registered")
    assert ids(tab) == set(four.values())
    tab.status_combo.setCurrentIndex(0)
    choose(tab.department_combo, departments["外科"])
    assert ids(tab) == {four["D"]}
    tab.department_combo.setCurrentIndex(0)
    choose(tab.category_combo, "efficiency")
    assert ids(tab) == {four["D"]}
    tab.category_combo.setCurrentIndex(0)
    assert [tab.month_combo.itemText(i) for i in range(tab.month_combo.count())] == [
        "全部", "2026-11", "2026-10"]
    choose(tab.month_combo, "2026-10")
    assert ids(tab) == {four["D"]}
    tab.month_combo.setCurrentIndex(0)
    tab.overdue_check.setChecked(True)
    assert ids(tab) == {four["A"], four["D"]}
    tab.overdue_check.setChecked(False)
    assert tab.count_label.text() == "共 4 件"


def test_text_search_over_content_complainant_and_serial(make_tab, member, four) -> None:
    tab = make_tab(member)
    tab.search_edit.setText("药价")
    assert ids(tab) == {four["A"]}
    assert tab.count_label.text() == "共 4 件，显示 1 件"
    tab.search_edit.setText("李某某")
    assert ids(tab) == {four["B"]}
    tab.search_edit.setText("2026-0003")
    assert ids(tab) == {four["C"]}
    tab.search_edit.setText("")
    assert len(ids(tab)) == 4


def test_sorting_by_deadline(make_tab, member, four) -> None:
    tab = make_tab(member)
    tab.view.sortByColumn(8, Qt.SortOrder.AscendingOrder)
    assert [r.id for r in tab.visible_rows()] == [four["D"], four["A"], four["B"], four["C"]]


def test_tab_proxy_passes_qtmodeltester(make_tab, member, four, qtmodeltester) -> None:
    tab = make_tab(member)
    qtmodeltester.check(tab.proxy)


def test_details_button_and_double_click(make_tab, member, four) -> None:
    tab = make_tab(member)
    assert not tab.detail_button.isEnabled()
    tab.view.selectRow(0)
    assert tab.detail_button.isEnabled()
    tab.detail_button.click()
    assert tab.selected_matter().id in tab._details
    tab._double_clicked(tab.proxy.index(2, 3))
    assert tab.proxy.matter_at(2).id in tab._details


def test_reminders_list_overdue_and_due_soon(make_tab, member, four, qtbot) -> None:
    tab = make_tab(member)
    tab.reminders_button.click()
    dialog = tab.reminders_dialog
    assert dialog is not None and dialog.isVisible() and dialog.has_items()
    assert {r.id for r in dialog.overdue_model.rows()} == {four["A"], four["D"]}
    assert {r.id for r in dialog.due_soon_model.rows()} == {four["B"]}
    assert dialog.overdue_title.text() == "已超期（2 件）"
    with qtbot.waitSignal(dialog.open_requested) as blocker:
        dialog._double_clicked(dialog.due_soon_model.index(0, 2))
    assert blocker.args == [four["B"]]
    assert four["B"] in tab._details  # the tab opened it
    assert tab.show_reminders() is dialog
    dialog.close()


def test_reminders_empty(make_tab, member, departments) -> None:
    tab = make_tab(member)
    dialog = tab.show_reminders()
    assert not dialog.has_items()
    assert not dialog.empty_label.isHidden()
    dialog.close()


def test_print_buttons_emit(make_tab, member, departments, qtbot, monkeypatch) -> None:
    asked: list[str] = []  # the tab's printing asks for the day / month (cancelled here)
    for dialog in (DayDialog, MonthDialog):
        monkeypatch.setattr(dialog, "ask", classmethod(
            lambda cls, parent, title, today: asked.append(title)))
    tab = make_tab(member)
    with qtbot.waitSignal(tab.print_daily_requested):
        tab.daily_button.click()
    with qtbot.waitSignal(tab.print_monthly_requested):
        tab.monthly_button.click()
    assert asked == ["每日汇总", "每月通报"]
