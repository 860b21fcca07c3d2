"""The 值班日志 page: open the day's log, add entries, bad input at its field, turn an entry
into a matter through the registration form (then it shows the serial and is no longer edited),
and the matter's detail leads back to the entry."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.db.services.duty_log import add_duty_entry, get_duty_log, open_duty_log
from desktop_app.records.inspection_rows import DutyEntryInput
from desktop_app.ui.widgets.inputs import to_qdatetime
from desktop_app.ui.complaints.detail_view import MatterDetailDialog
from desktop_app.ui.complaints.register_dialog import RegisterDialog
from desktop_app.ui.inspections import duty_log_panel as dlp
from desktop_app.ui.main_window import tab_navigator
from desktop_app.ui.inspections.duty_log_panel import (
    DutyEntryDialog, DutyEntryTableModel, DutyLogDaysModel, DutyLogDialog, DutyLogPanel,
)
from tests.support.inspections import row_counts
from tests.support.clock import FIXED_NOW, FIXED_TODAY

SUNDAY = date(2026, 11, 22)


@pytest.fixture
def clock() -> dict[str, datetime]:
    return {"now": FIXED_NOW}


@pytest.fixture
def make_panel(qtbot, db, clock):
    def make(actor) -> DutyLogPanel:
        now = lambda: clock["now"]  # noqa: E731
        panel = DutyLogPanel(db, actor, now=now, navigator=tab_navigator(db, actor, now))
        qtbot.addWidget(panel)
        panel.resize(1300, 600)
        return panel
    return make


def drive(monkeypatch, cls: type, work: Callable[[Any], None], opened: list | None = None,
          *, accept: bool = True) -> None:
    """`cls.ask` builds the real dialog, `work` fills it, OK is pressed."""
    def ask(klass, parent, *args, **kwargs):
        dialog = klass(parent, *args, **kwargs)
        if opened is not None:
            opened.append(dialog)
        work(dialog)
        if accept:
            dialog.accept()
        return dialog.result_value if dialog.result() else None
    monkeypatch.setattr(cls, "ask", classmethod(ask))


def entry(at: datetime, kind: str, content: str,
          result: str = "") -> Callable[[DutyEntryDialog], None]:
    def work(dialog: DutyEntryDialog) -> None:
        dialog.at_edit.setDateTime(to_qdatetime(at))
        dialog.kind_choice.set_value(kind)
        dialog.content_edit.setPlainText(content)
        dialog.result_edit.setPlainText(result)
    return work


def counts(db) -> tuple[int, ...]:
    with db.session() as session:
        return row_counts(session)


def a_log(db, duty, day: date = SUNDAY, director: str = "张某某") -> int:
    with db.session() as session:
        log = open_duty_log(session=session, actor=duty, day=day, director=director, now=FIXED_NOW)
        add_duty_entry(session=session, actor=duty, log_id=log.id, now=FIXED_NOW,
                       data=DutyEntryInput(at=datetime.combine(day, datetime.min.time()).replace(
                           hour=10, minute=20), kind="complaint",
                           content="患者家属反映输液室等候时间长", result="已协调加派护士"))
        return log.id


def test_open_the_day_and_add_entries(qtbot, make_panel, db, duty, monkeypatch):
    panel = make_panel(duty)
    assert panel.day() == FIXED_TODAY and panel.log is None
    assert panel.note.isVisibleTo(panel) and not panel.add_button.isEnabled()
    assert panel.director_combo.currentText() == "赵某某"  # the logged-in duty director
    assert panel.state_label.text() == "2026-11-23 周一：未建立日志"
    panel.director_combo.setCurrentText("张某某")
    with qtbot.waitSignal(panel.changed):
        panel.open_button.click()
    assert (panel.log.day, panel.log.director) == (FIXED_TODAY, "张某某")
    assert panel.open_button.text() == "更正值班院长" and not panel.note.isVisibleTo(panel)
    assert panel.add_button.isEnabled() and panel.print_button.isEnabled()
    assert panel.days_model.cells(panel.days_model.row_at(0)) == ("2026-11-23 周一", "张某某", "0", "")

    opened: list[DutyEntryDialog] = []
    drive(monkeypatch, DutyEntryDialog, entry(datetime(2026, 11, 23, 9, 5), "consultation",
                                              "咨询新农合住院报销比例", "当场解答"), opened)
    panel.add_button.click()
    assert opened[0].at_edit.dateTime() == to_qdatetime(datetime(2026, 11, 23, 9, 5))
    drive(monkeypatch, DutyEntryDialog, entry(datetime(2026, 11, 23, 8, 40), "supervision",
                                              "督查门诊各科室到岗情况", "均已到岗"))
    panel.add_button.click()
    assert [panel.model.cells(e) for e in panel.entries()] == [
        ("08:40", "科室督导", "督查门诊各科室到岗情况", "均已到岗", ""),
        ("09:05", "咨询", "咨询新农合住院报销比例", "当场解答", ""),
    ]
    assert panel.selected_entry().content == "督查门诊各科室到岗情况"  # the new one
    assert panel.state_label.text() == "2026-11-23 周一　共 2 条记录"
    assert panel.days_model.cells(panel.days_model.row_at(0))[2] == "2"

    # correct an entry; the director's name too
    drive(monkeypatch, DutyEntryDialog, lambda d: d.result_edit.setPlainText("均已到岗，无脱岗"))
    panel.edit_button.click()
    assert panel.selected_entry().result == "均已到岗，无脱岗"
    panel.director_combo.setCurrentText("王某某")
    panel.open_button.click()
    assert panel.log.director == "王某某"
    with qtbot.waitSignal(panel.print_duty_log_requested) as printed:
        panel.print_button.click()
    assert printed.args == [FIXED_TODAY]


def test_bad_input_is_shown_at_its_field_and_nothing_is_saved(make_panel, db, duty, monkeypatch):
    panel = make_panel(duty)
    panel.director_combo.setCurrentText("  ")
    assert panel.open_log() is None
    assert panel.errors.text("director") == "请填写值班院长"
    panel.director_combo.setCurrentText("张某某")
    panel.open_log()
    assert panel.errors.text("director") == ""
    before = counts(db)
    seen: list[tuple[str, str]] = []

    def attempts(dialog: DutyEntryDialog) -> None:
        def press(field: str) -> None:
            dialog.accept()
            seen.append((field, dialog.errors.text(field)))
        dialog.content_edit.setPlainText("咨询体检时间")
        press("kind")                                           # no kind
        dialog.kind_choice.set_value("consultation")
        dialog.content_edit.setPlainText("")
        press("content")                                        # nothing recorded
        dialog.content_edit.setPlainText("咨询体检时间")
        dialog.at_edit.setDateTime(to_qdatetime(datetime(2026, 11, 23, 11, 0)))
        press("at")                                             # later than now (09:30)
        dialog.at_edit.setDateTime(to_qdatetime(datetime(2026, 11, 21, 23, 0)))
        press("at")                                             # not the duty day
        dialog.reject()

    drive(monkeypatch, DutyEntryDialog, attempts, accept=False)
    assert panel.add_entry() is None
    assert seen == [
        ("kind", "请选择类别（咨询、接待、投诉处理、科室督导、后勤保障、其他）"),
        ("content", "请填写事项内容"),
        ("at", "时间不能晚于当前时间"),
        ("at", "时间须在值班当天（2026-11-23）或次日凌晨"),
    ]
    assert counts(db) == before and panel.entries() == []


def test_an_entry_becomes_a_matter_and_the_matter_links_back(qtbot, make_panel, db, duty,
                                                              departments, monkeypatch):
    a_log(db, duty)
    panel = make_panel(duty)
    panel.show_day(SUNDAY)
    assert panel.log.director == "张某某"
    [complaint] = panel.entries()
    panel.select_entry(complaint.id)
    assert panel.register_button.isEnabled() and not panel.matter_button.isEnabled()

    forms: list[RegisterDialog] = []

    def fill(dialog: RegisterDialog) -> None:
        # prefilled from the entry: channel, time, type, content, the duty director as receiver
        assert dialog.channel == "duty_director"
        assert dialog.request_type == "complaint"
        assert dialog.content_edit.toPlainText() == "患者家属反映输液室等候时间长"
        assert dialog.receiver_combo.currentText() == "张某某"
        dialog.name_edit.setText("李某某")
        dialog.relation_combo.setCurrentText("家属")
        dialog.department_combo.setCurrentIndex(dialog.department_combo.findText("内科"))
        dialog.category_combo.setCurrentIndex(dialog.category_combo.findData("efficiency"))
    drive(monkeypatch, RegisterDialog, fill, forms)
    with qtbot.waitSignal(panel.matter_registered) as registered:
        panel.register_button.click()
    [linked] = panel.entries()
    assert linked.linked and registered.args == [linked.matter_id]
    assert panel.model.cells(linked)[4] == linked.matter_serial and linked.matter_serial
    assert panel.selected_entry() == linked
    assert panel.model.data(panel.model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert not panel.edit_button.isEnabled() and not panel.delete_button.isEnabled()
    assert not panel.register_button.isEnabled() and panel.matter_button.isEnabled()
    assert panel.state_label.text() == "2026-11-22 周日　共 1 条记录，1 条已转诉求"

    # no way to edit it any more
    drive(monkeypatch, DutyEntryDialog, lambda d: pytest.fail("should not open"))
    assert panel.edit_entry() is None and panel.delete_entry() is False

    # the matter's detail leads back to this entry of that day's log
    detail = panel.open_matter()
    assert detail is not None and detail.detail.source_ref == f"duty_log:{linked.id}"
    assert detail.source_button.text() == "2026-11-22 值班日志 10:20 投诉处理"
    panel.show_day(FIXED_TODAY)
    assert panel.entries() == []
    detail.source_button.click()
    assert panel.day() == SUNDAY and panel.selected_entry().id == linked.id
    detail.close()

    # a detail opened elsewhere (the complaints tab) shows the log in a window of its own
    shown: list[tuple] = []
    monkeypatch.setattr(DutyLogDialog, "open", classmethod(
        lambda cls, parent, db_, actor, day, entry_id, now=None, navigator=None:
        shown.append((day, entry_id))))
    elsewhere = MatterDetailDialog(db, duty, linked.matter_id, now=lambda: FIXED_NOW,
                                   navigator=tab_navigator(db, duty, lambda: FIXED_NOW))
    qtbot.addWidget(elsewhere)
    elsewhere.source_button.click()
    assert shown == [(SUNDAY, linked.id)]


def test_the_duty_log_window_opens_at_the_entry(qtbot, db, duty):
    a_log(db, duty)
    with db.session() as session:
        [entry_row] = get_duty_log(session=session, day=SUNDAY).entries
    dialog = DutyLogDialog(None, db, duty, SUNDAY, entry_row.id, now=lambda: FIXED_NOW)
    qtbot.addWidget(dialog)
    assert dialog.panel.day() == SUNDAY
    assert dialog.panel.selected_entry().id == entry_row.id


def test_delete_an_entry_after_asking(make_panel, db, duty, monkeypatch):
    a_log(db, duty)
    panel = make_panel(duty)
    panel.show_day(SUNDAY)
    panel.select_entry(panel.entries()[0].id)
    monkeypatch.setattr(dlp, "_confirm", lambda parent, title, text: False)
    assert panel.delete_entry() is False and len(panel.entries()) == 1
    asked: list[str] = []
    monkeypatch.setattr(dlp, "_confirm", lambda parent, title, text: asked.append(text) or True)
    panel.delete_button.click()
    assert asked == ["删除 10:20 的这条投诉处理记录？"]
    assert panel.entries() == []


def test_recent_days_jump_to_their_log(make_panel, db, duty):
    a_log(db, duty, date(2026, 11, 21), "孙某某")
    a_log(db, duty, SUNDAY, "张某某")
    panel = make_panel(duty)
    assert [panel.days_model.cells(r)[:2] for r in panel.days_model.rows()] == [
        ("2026-11-22 周日", "张某某"), ("2026-11-21 周六", "孙某某")]
    tip = panel.days_model.data(panel.days_model.index(0, 2), Qt.ItemDataRole.ToolTipRole)
    assert tip == "投诉处理 1"
    panel._day_clicked(panel.days_model.index(1, 0))
    assert panel.day() == date(2026, 11, 21) and panel.log.director == "孙某某"
    panel.next_button.click()
    assert panel.day() == SUNDAY
    panel.today_button.click()
    assert panel.day() == FIXED_TODAY and panel.log is None
    assert not panel.next_button.isEnabled()
    panel.show_day(date(2026, 11, 30))  # never after today
    assert panel.day() == FIXED_TODAY


def test_other_users_only_read_the_log(make_panel, db, duty, member):
    a_log(db, duty)
    panel = make_panel(member)
    panel.show_day(SUNDAY)
    panel.select_entry(panel.entries()[0].id)
    assert not panel.can_write
    assert not any(b.isEnabled() for b in (panel.open_button, panel.add_button,
                                           panel.edit_button, panel.delete_button))
    assert panel.register_button.isEnabled()  # the front desk may still register the matter
    assert panel.print_button.isEnabled()


def test_the_duty_log_models_pass_the_model_tester(qtmodeltester, db, duty):
    a_log(db, duty, date(2026, 11, 21))
    a_log(db, duty, SUNDAY)
    with db.session() as session:
        log = get_duty_log(session=session, day=SUNDAY)
        add_duty_entry(session=session, actor=duty, log_id=log.id, now=FIXED_NOW,
                       data=DutyEntryInput(at=datetime(2026, 11, 23, 1, 10), kind="logistics",
                                           content="住院部停电，协调总务科抢修"))
        log = get_duty_log(session=session, day=SUNDAY)
    entries = DutyEntryTableModel()
    entries.set_day(SUNDAY, log.entries)
    qtmodeltester.check(entries)
    assert entries.data(entries.index(1, 0)) == "次日 01:10"
    entries.sort(0, Qt.SortOrder.DescendingOrder)
    assert entries.row_at(0).kind == "logistics"
    days = DutyLogDaysModel()
    from desktop_app.db.services.duty_log import list_duty_logs
    with db.session() as session:
        days.set_rows(list_duty_logs(session=session, start=date(2026, 11, 1), end=FIXED_TODAY))
    qtmodeltester.check(days)
    days.sort(0, Qt.SortOrder.DescendingOrder)
    assert days.row_at(0).day == SUNDAY
