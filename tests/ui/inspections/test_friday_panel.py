"""The Friday calendar (issue 5 §2, DESIGN §1.5) against a fixed today.

On Monday 2026-11-23 the Friday before (11-20) with no record is 已漏检 (red)
and Friday 11-27 is 本周待检查 (yellow). The National Day Friday 2026-10-02 is
a holiday and is moved to Thursday 10-08 with a note.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from desktop_app.db.database import Database
from desktop_app.db.services.inspections_query import friday_row, inspection_for_friday
from desktop_app.db.tx import Actor
from desktop_app.ui.inspections import friday_panel
from desktop_app.ui.inspections.friday_panel import (
    MISSED_BRUSH, THIS_WEEK_BRUSH, FridayPanel, FridayTableModel, MoveDialog, default_period,
)
from desktop_app.ui.inspections.inspection_form import InspectionDialog
from tests.support.inspections import signed
from tests.support.clock import FIXED_NOW, FIXED_TODAY, FRIDAY

NEXT_FRIDAY = date(2026, 11, 27)
NATIONAL_DAY_FRIDAY = date(2026, 10, 2)
BEFORE_NATIONAL_DAY = datetime(2026, 9, 28, 9, 0)


@pytest.fixture
def make_panel(qtbot, db: Database):
    def make(actor: Actor, now: datetime = FIXED_NOW) -> FridayPanel:
        panel = FridayPanel(db, actor, now=lambda: now)
        qtbot.addWidget(panel)
        return panel
    return make


def cell(panel: FridayPanel, friday: date, column: int, role=Qt.ItemDataRole.DisplayRole):
    return panel.model.data(panel.model.index(panel.model.row_of(friday), column), role)


def test_the_calendar_shows_a_missed_friday_and_this_weeks_friday(make_panel, duty):
    panel = make_panel(duty)
    assert panel.period() == (date(2026, 8, 23), date(2026, 12, 21))
    rows = {r.friday: r for r in panel.rows()}
    assert min(rows) == date(2026, 8, 28) and max(rows) == date(2026, 12, 18)
    assert (rows[FRIDAY].state_label, rows[NEXT_FRIDAY].state_label,
            rows[date(2026, 12, 4)].state_label) == ("已漏检", "本周待检查", "未到")
    assert cell(panel, FRIDAY, 1) == "已漏检"
    assert cell(panel, FRIDAY, 0, Qt.ItemDataRole.BackgroundRole) == MISSED_BRUSH
    assert cell(panel, NEXT_FRIDAY, 0, Qt.ItemDataRole.BackgroundRole) == THIS_WEEK_BRUSH
    assert cell(panel, date(2026, 12, 4), 0, Qt.ItemDataRole.BackgroundRole) is None
    assert panel.selected_friday().friday == NEXT_FRIDAY  # this week's Friday is selected
    assert panel.summary_label.text().startswith("共 17 个周五：已检查 0，记录未完成 0，已漏检 13")
    assert panel.record_button.isEnabled() and not panel.view_button.isEnabled()


def test_a_signed_week_shows_its_leader_and_open_rectifications(make_panel, duty, db):
    with db.session() as session:
        signed(session, duty, FIXED_NOW)
    panel = make_panel(duty)
    panel.select_friday(FRIDAY)
    row = panel.selected_friday()
    assert (row.state_label, row.leader, row.failed_items, row.open_rectifications) == (
        "已检查", "张某某", 1, 1)
    assert [cell(panel, FRIDAY, c) for c in range(5)] == [
        "2026-11-20（周五）", "已检查", "张某某", "1", "1"]
    assert not panel.record_button.isEnabled() and not panel.move_button.isEnabled()
    assert panel.view_button.isEnabled()
    assert "未销号整改 1 项" in panel.summary_label.text()


def test_moving_a_holiday_friday_with_a_note(make_panel, duty, db, driver, monkeypatch):
    panel = make_panel(duty, BEFORE_NATIONAL_DAY)
    assert panel.select_friday(NATIONAL_DAY_FRIDAY)
    row = panel.selected_friday()
    assert row.on_holiday and cell(panel, NATIONAL_DAY_FRIDAY, 5) == "法定节假日，可调整检查日期"
    assert not panel.unmove_button.isEnabled()
    suggested: list[date] = []

    def without_note(dialog: MoveDialog) -> None:
        suggested.append(dialog.new_day)  # the first working day after the holiday

    def with_note(dialog: MoveDialog) -> None:
        dialog.note_edit.setPlainText("国庆节放假，顺延至节后第一个工作日")

    driver.drive(MoveDialog, without_note, with_note)
    assert panel.move_selected() is None
    assert driver.last.errors.text("note") == "请填写改期原因（如：国庆节放假）"
    assert suggested == [date(2026, 10, 8)]

    moved = panel.move_selected()
    assert moved is not None and (moved.due_day, moved.moved) == (date(2026, 10, 8), True)
    assert panel.selected_friday().friday == NATIONAL_DAY_FRIDAY
    assert cell(panel, NATIONAL_DAY_FRIDAY, 0) == "2026-10-08（周四）  改期"
    assert cell(panel, NATIONAL_DAY_FRIDAY, 5) == (
        "原定 10-02（周五）改期：国庆节放假，顺延至节后第一个工作日")
    assert cell(panel, NATIONAL_DAY_FRIDAY, 1) == "未到"
    assert panel.unmove_button.isEnabled()

    questions: list[str] = []
    monkeypatch.setattr(friday_panel, "_confirm",
                        lambda parent, title, text: questions.append(text) or True)
    assert panel.cancel_move_selected()
    assert "现改在 2026-10-08（周四）" in questions[0]
    with db.session() as session:
        row = friday_row(session=session, friday=NATIONAL_DAY_FRIDAY, today=BEFORE_NATIONAL_DAY.date())
    assert (row.moved, row.due_day) == (False, NATIONAL_DAY_FRIDAY)
    assert cell(panel, NATIONAL_DAY_FRIDAY, 0) == "2026-10-02（周五）"


def test_a_move_outside_the_week_is_refused_at_the_date(make_panel, duty, driver):
    panel = make_panel(duty, BEFORE_NATIONAL_DAY)
    panel.select_friday(NATIONAL_DAY_FRIDAY)

    def same_day(dialog: MoveDialog) -> None:
        dialog.day_edit.setDate(friday_panel.to_qdate(NATIONAL_DAY_FRIDAY))  # the Friday itself
        dialog.note_edit.setPlainText("国庆")

    driver.drive(MoveDialog, same_day)
    assert panel.move_selected() is None
    assert driver.last.errors.text("new_day") == "改期后的日期与原日期相同"


def test_an_untouched_new_record_is_not_kept(make_panel, duty, db, monkeypatch):
    panel = make_panel(duty)
    panel.select_friday(FRIDAY)
    opened: list[int] = []
    monkeypatch.setattr(InspectionDialog, "exec", lambda dialog: opened.append(dialog.inspection_id)
                        or 0)
    assert not panel.record_selected()
    assert len(opened) == 1
    with db.session() as session:
        assert inspection_for_friday(session=session, friday=FRIDAY) is None
    assert panel.selected_friday().state == "missed"


def test_a_saved_draft_shows_as_unfinished(make_panel, duty, db, monkeypatch, qtbot):
    panel = make_panel(duty)
    panel.select_friday(FRIDAY)

    def save_a_little(dialog: InspectionDialog) -> int:
        dialog.item(1).set_result("passed")
        assert dialog.save_draft()
        return 0

    monkeypatch.setattr(InspectionDialog, "exec", save_a_little)
    with qtbot.waitSignal(panel.changed):
        assert panel.record_selected()
    row = panel.selected_friday()
    assert (row.state_label, row.inspection_status) == ("记录未完成", "draft")
    assert cell(panel, FRIDAY, 5) == "草稿未签字"
    assert panel.view_button.isEnabled() and panel.record_button.isEnabled()


def test_print_from_the_record_reaches_the_panel_signal(make_panel, duty, db, monkeypatch, qtbot):
    with db.session() as session:
        detail = signed(session, duty, FIXED_NOW)
    panel = make_panel(duty)
    panel.select_friday(FRIDAY)
    monkeypatch.setattr(InspectionDialog, "exec",
                        lambda dialog: dialog.print_button.click() or 0)
    with qtbot.waitSignal(panel.print_inspection_requested) as caught:
        panel.view_selected()
    assert caught.args == [detail.id]


def test_a_front_desk_member_cannot_record_or_move(make_panel, member):
    panel = make_panel(member)
    panel.select_friday(NEXT_FRIDAY)
    assert not panel.record_button.isEnabled() and not panel.move_button.isEnabled()
    assert panel.template_button.isEnabled()
    assert not panel.record_selected() and panel.move_selected() is None


def test_the_period_picker(make_panel, duty):
    panel = make_panel(duty)
    panel.set_period(date(2026, 11, 1), date(2026, 11, 30))
    assert [r.friday for r in panel.rows()] == [date(2026, 11, d) for d in (6, 13, 20, 27)]
    panel.reset_period()
    assert panel.period() == default_period(FIXED_TODAY)
    assert default_period(date(2026, 5, 31)) == (date(2026, 2, 28), date(2026, 6, 28))


def test_the_friday_model_passes_the_model_tester(qtmodeltester, make_panel, duty, db):
    with db.session() as session:
        signed(session, duty, FIXED_NOW)
    panel = make_panel(duty)
    model = FridayTableModel()
    model.set_rows(panel.rows())
    qtmodeltester.check(model)
    empty = FridayTableModel()
    qtmodeltester.check(empty)
