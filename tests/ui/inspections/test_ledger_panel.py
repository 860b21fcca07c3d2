"""The 整改台账 page: items from every source in one table, overdue ones red on the fixed
today, 待整改 → 已整改待复查 → (复查不合格 → 待整改) → 复查合格 → 已销号 through the buttons,
closing only through a re-check, bad input at its field with nothing saved."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from desktop_app.records.rectification_rows import RectificationInput
from desktop_app.db.services.rectifications import add_rectification
from desktop_app.db.services.rectifications_query import get_rectification
from desktop_app.ui.widgets.inputs import to_qdate, to_qdatetime
from desktop_app.ui.inspections.ledger_model import (
    DUE_TODAY_BRUSH, OVERDUE_BRUSH, RectificationHistoryModel, RectificationTableModel,
)
from desktop_app.ui.inspections.ledger_panel import LedgerPanel
from desktop_app.ui.inspections.rectification_dialogs import (
    PlanDialog, RecheckDialog, RectificationDialog, RectifiedDialog,
)
from tests.support.inspections import row_counts, signed, write_png
from tests.support.clock import FIXED_NOW, FIXED_TODAY

BG = Qt.ItemDataRole.BackgroundRole
FG = Qt.ItemDataRole.ForegroundRole


@pytest.fixture
def clock() -> dict[str, datetime]:
    return {"now": FIXED_NOW}


@pytest.fixture
def make_panel(qtbot, db, clock):
    def make(actor) -> LedgerPanel:
        panel = LedgerPanel(db, actor, now=lambda: clock["now"])
        qtbot.addWidget(panel)
        panel.resize(1300, 600)
        return panel
    return make


def add_item(db, actor, departments: dict[str, int], *, deadline: date,
             found_on: date = date(2026, 11, 16), problem: str = "收费窗口未公示收费标准",
             dept: str = "总务科", source: str = "satisfaction_survey") -> int:
    with db.session() as session:
        data = RectificationInput(
            source_kind=source, found_on=found_on, problem=problem,
            measure="公示收费标准，开展收费告知培训", department_ids=(departments[dept],),
            deadline=deadline, source_text="2026年第三季度满意度调查")
        return add_rectification(session=session, actor=actor, now=FIXED_NOW, data=data).id


def counts(db) -> tuple[int, ...]:
    with db.session() as session:
        return row_counts(session)


def status_of(db, item_id: int) -> str:
    with db.session() as session:
        return get_rectification(session=session, item_id=item_id, today=FIXED_TODAY).row.status


def fill_new_item(dialog: RectificationDialog, departments: dict[str, int]) -> None:
    dialog.source_choice.set_value("superior_inspection")
    dialog.source_text_edit.setText("县卫健局专项督查")
    dialog.found_edit.setDate(to_qdate(date(2026, 11, 18)))
    dialog.problem_edit.setPlainText("门诊楼无障碍通道被电动车占用")
    dialog.measure_edit.setPlainText("设置电动车停放区，安排保安每日巡查")
    dialog.department_checks.set_ids([departments["总务科"], departments["院办公室"]])
    dialog.deadline_edit.setDate(to_qdate(date(2026, 12, 31)))


# --- tests ----------------------------------------------------------------------------------


def test_a_manual_item_appears_in_the_ledger(qtbot, make_panel, duty, departments, dialogs):
    panel = make_panel(duty)
    assert panel.model.rowCount() == 0
    dialogs.drive(RectificationDialog, lambda d: fill_new_item(d, departments))
    with qtbot.waitSignal(panel.changed):
        panel.add_button.click()
    form = dialogs.last
    assert [b.text() for b in form.source_choice.buttons.values()] == ["满意度调查", "上级检查", "其他"]
    [row] = panel.visible_rows()
    assert panel.model.cells(row) == (
        "上级检查", "2026-11-18", "门诊楼无障碍通道被电动车占用", "设置电动车停放区，安排保安每日巡查",
        "院办公室、总务科", "2026-12-31　剩 38 天", "待整改")
    assert row.source_text == "县卫健局专项督查"
    assert panel.selected_item() == row
    assert panel.model.data(panel.model.index(0, 0), Qt.ItemDataRole.ToolTipRole) == "县卫健局专项督查"
    assert panel.count_label.text() == "待整改 1 项（逾期 0）· 待复查 0 项 · 本表 1 项"
    assert panel.plan_button.isEnabled() and panel.rectified_button.isEnabled()
    assert not panel.recheck_button.isEnabled()


def test_the_new_item_form_defaults_the_deadline_by_working_days(make_panel, duty, departments,
                                                                 dialogs):
    panel = make_panel(duty)
    dialogs.drive(RectificationDialog, lambda d: None, accept=False)
    assert panel.add_item() is None
    form = dialogs.last
    # Mon 2026-11-23 + the default number of working days (a setting)
    assert form.deadline_edit.date() > to_qdate(FIXED_TODAY)
    assert form.deadline_edit.date().dayOfWeek() <= 5
    assert form.found_edit.date() == to_qdate(FIXED_TODAY)


def test_bad_input_is_shown_at_its_field_and_nothing_is_saved(make_panel, db, duty, departments,
                                                             dialogs):
    panel = make_panel(duty)
    before = counts(db)
    seen: list[tuple[str, str]] = []

    def attempts(dialog: RectificationDialog) -> None:
        def press(field: str) -> None:
            dialog.accept()
            seen.append((field, dialog.errors.text(field)))

        dialog.problem_edit.setPlainText("门诊楼无障碍通道被电动车占用")
        press("source_kind")                         # no source chosen
        fill_new_item(dialog, departments)
        dialog.problem_edit.setPlainText("   ")
        press("problem")                             # empty problem
        fill_new_item(dialog, departments)
        dialog.department_checks.set_ids([])
        press("department_ids")                      # no department
        fill_new_item(dialog, departments)
        dialog.deadline_edit.setDate(to_qdate(date(2026, 11, 17)))
        press("deadline")                            # deadline before the day found
        fill_new_item(dialog, departments)
        dialog.found_edit.setDate(to_qdate(date(2026, 11, 24)))
        press("found_on")                            # found tomorrow
        dialog.reject()

    dialogs.drive(RectificationDialog, attempts, accept=False)
    assert panel.add_item() is None
    assert seen == [
        ("source_kind", "请选择问题来源"),
        ("problem", "请填写存在问题"),
        ("department_ids", "请选择责任科室"),
        ("deadline", "整改时限不能早于发现问题的日期（2026-11-18）"),
        ("found_on", "发现问题的日期不能晚于今天"),
    ]
    assert counts(db) == before
    assert panel.model.rowCount() == 0


def test_overdue_items_are_red_on_the_fixed_today(make_panel, db, duty, departments):
    late = add_item(db, duty, departments, deadline=date(2026, 11, 20), problem="候诊区座椅破损")
    due = add_item(db, duty, departments, deadline=FIXED_TODAY, problem="输液室呼叫器失灵",
                   dept="内科")
    later = add_item(db, duty, departments, deadline=date(2026, 11, 30), problem="走廊灯不亮")
    panel = make_panel(duty)
    rows = {r.id: i for i, r in enumerate(panel.visible_rows())}
    model = panel.model
    assert model.data(model.index(rows[late], 5)) == "2026-11-20　逾期 3 天"
    assert model.data(model.index(rows[late], 2), BG) == OVERDUE_BRUSH
    assert model.data(model.index(rows[due], 5)) == "2026-11-23　今天到期"
    assert model.data(model.index(rows[due], 0), BG) == DUE_TODAY_BRUSH
    assert model.data(model.index(rows[later], 0), BG) is None
    assert model.data(model.index(rows[late], 5), Qt.ItemDataRole.ToolTipRole) == "已过整改期限（逾期 3 天）"
    assert panel.count_label.text() == "待整改 3 项（逾期 1）· 待复查 0 项 · 本表 3 项"

    panel.overdue_check.setChecked(True)
    assert [r.id for r in panel.visible_rows()] == [late]
    assert panel.current_filter().overdue_only
    panel.overdue_check.setChecked(False)
    panel.department_combo.setCurrentIndex(panel.department_combo.findText("内科"))
    assert [r.id for r in panel.visible_rows()] == [due]


def test_filters_by_status_source_and_period(make_panel, db, duty, departments):
    survey = add_item(db, duty, departments, deadline=date(2026, 12, 10),
                      found_on=date(2026, 10, 12))
    superior = add_item(db, duty, departments, deadline=date(2026, 12, 10),
                        source="superior_inspection", problem="病历书写不规范")
    panel = make_panel(duty)
    panel.source_combo.setCurrentIndex(panel.source_combo.findText("上级检查"))
    assert [r.id for r in panel.visible_rows()] == [superior]
    panel.source_combo.setCurrentIndex(0)
    panel.period_combo.setCurrentIndex(panel.period_combo.findData("month"))
    assert [r.id for r in panel.visible_rows()] == [superior]
    assert (panel.current_filter().start, panel.current_filter().end) == (
        date(2026, 11, 1), FIXED_TODAY)
    panel.period_combo.setCurrentIndex(panel.period_combo.findData("last_month"))
    assert [r.id for r in panel.visible_rows()] == [survey]
    panel.period_combo.setCurrentIndex(panel.period_combo.findData("custom"))
    assert panel.start_edit.isVisibleTo(panel)
    panel.start_edit.setDate(to_qdate(date(2026, 10, 1)))
    panel.end_edit.setDate(to_qdate(date(2026, 10, 31)))
    assert [r.id for r in panel.visible_rows()] == [survey]
    panel.period_combo.setCurrentIndex(0)
    assert not panel.start_edit.isVisibleTo(panel)
    panel.set_status_filter("closed")
    assert panel.visible_rows() == []
    panel.set_status_filter("open")
    assert panel.current_filter().open_only and panel.current_filter().status is None
    assert len(panel.visible_rows()) == 2


def test_rectified_failed_recheck_back_to_pending_then_passed_recheck_closes(
        qtbot, make_panel, db, duty, member, departments, dialogs, clock, tmp_path):
    item_id = add_item(db, duty, departments, deadline=date(2026, 11, 27))
    panel = make_panel(member)
    assert panel.select_item(item_id)

    def rectified(note: str) -> Callable[[RectifiedDialog], None]:
        def work(dialog: RectifiedDialog) -> None:
            dialog.rectified_edit.setDateTime(to_qdatetime(clock["now"]))
            dialog.note_edit.setPlainText(note)
        return work

    clock["now"] = datetime(2026, 11, 23, 10, 0)
    dialogs.drive(RectifiedDialog, rectified("已张贴收费标准公示牌"))
    with qtbot.waitSignal(panel.changed):
        panel.rectified_button.click()
    row = panel.selected_item()
    assert (row.id, row.status_label, row.rectified_note) == (item_id, "已整改待复查", "已张贴收费标准公示牌")
    assert panel.model.cells(row)[5] == "2026-11-27"
    assert panel.recheck_button.isEnabled()
    assert not panel.plan_button.isEnabled() and not panel.rectified_button.isEnabled()
    assert panel.count_label.text() == "待整改 0 项（逾期 0）· 待复查 1 项 · 本表 1 项"

    # The re-check fails: back to 待整改, with what is still wrong.
    def failed(dialog: RecheckDialog) -> None:
        assert dialog.by_combo.currentText() == "卫某某"  # the logged-in user, can be changed
        dialog.by_combo.setCurrentText("孙某某")
        dialog.set_passed(False)
        dialog.note_edit.setPlainText("公示牌未标明检查项目价格")
    clock["now"] = datetime(2026, 11, 23, 11, 0)
    dialogs.drive(RecheckDialog, failed)
    panel.recheck_button.click()
    row = panel.selected_item()
    assert (row.status_label, row.recheck_by, row.recheck_passed, row.rectified_note) == (
        "待整改", "孙某某", False, "")
    assert panel.rectified_button.isEnabled() and not panel.recheck_button.isEnabled()

    # Done again; this time the re-check passes, with a photo: 已销号.
    clock["now"] = datetime(2026, 11, 23, 14, 0)
    dialogs.drive(RectifiedDialog, rectified("公示牌补充检查项目价格"))
    panel.rectified_button.click()

    def passed(dialog: RecheckDialog) -> None:
        dialog.by_combo.setCurrentText("孙某某")
        dialog.set_passed(True)
        dialog.photo_picker.set_path(write_png(tmp_path / "gongshi.png"))
    clock["now"] = datetime(2026, 11, 23, 15, 0)
    dialogs.drive(RecheckDialog, passed)
    panel.recheck_button.click()
    row = panel.selected_item()
    assert (row.status_label, row.recheck_passed, row.closed_at) == (
        "已销号", True, datetime(2026, 11, 23, 15, 0))
    assert panel.model.data(panel.model.index(0, 2), FG) is not None  # grey
    assert panel.model.data(panel.model.index(0, 2), BG) is None
    assert not any(b.isEnabled() for b in (panel.plan_button, panel.rectified_button,
                                           panel.recheck_button))
    panel.set_status_filter("open")
    assert panel.visible_rows() == []
    panel.set_status_filter(None)

    # 详情: the whole history, and the re-check photo.
    shown = []
    from desktop_app.ui.inspections import rectification_dialogs as rd
    dialogs.monkeypatch.setattr(rd.RectificationDetailDialog, "exec",
                                lambda self: shown.append(self))
    panel.select_item(item_id)
    panel.detail_button.click()
    [detail] = shown
    model = detail.history_model
    assert [model.data(model.index(i, 2)) for i in range(model.rowCount())] == [
        "登记", "登记整改完成", "复查不合格退回", "登记整改完成", "复查合格销号"]
    assert "公示牌未标明检查项目价格" in detail.history_lines()[2]
    assert detail.photo_label.pixmap() is not None and not detail.photo_label.pixmap().isNull()


def test_closing_without_a_recheck_is_not_offered_and_refused(make_panel, db, duty, departments,
                                                              dialogs, message_boxes):
    item_id = add_item(db, duty, departments, deadline=date(2026, 11, 27))
    panel = make_panel(duty)
    panel.select_item(item_id)
    buttons = [panel.add_button, panel.plan_button, panel.rectified_button, panel.recheck_button,
               panel.detail_button]
    assert not any("销号" in b.text() for b in buttons)
    assert not panel.recheck_button.isEnabled()
    dialogs.forbid(RecheckDialog)
    before = counts(db)
    assert panel.recheck() is None
    assert message_boxes[-1].text.startswith("须先登记整改完成，才能复查销号")
    assert counts(db) == before and status_of(db, item_id) == "pending"


def test_a_recheck_needs_a_name_a_verdict_and_for_a_fail_a_note(make_panel, db, duty, departments,
                                                                dialogs, tmp_path):
    item_id = add_item(db, duty, departments, deadline=date(2026, 11, 27))
    panel = make_panel(duty)
    panel.select_item(item_id)
    dialogs.drive(RectifiedDialog, lambda d: d.note_edit.setPlainText("已整改"))
    panel.rectified_button.click()
    before = counts(db)
    seen: list[tuple[str, str]] = []

    def attempts(dialog: RecheckDialog) -> None:
        def press(field: str) -> None:
            dialog.accept()
            seen.append((field, dialog.errors.text(field)))
        dialog.by_combo.setCurrentText("孙某某")
        press("passed")                                   # no verdict
        dialog.by_combo.setCurrentText(" ")
        dialog.set_passed(True)
        press("by")                                       # no re-checker
        dialog.by_combo.setCurrentText("孙某某")
        dialog.set_passed(False)
        press("note")                                     # a fail without what is wrong
        dialog.note_edit.setPlainText("仍未整改")
        dialog.on_edit.setDate(to_qdate(date(2026, 11, 24)))
        press("on")                                       # after today
        dialog.on_edit.setDate(to_qdate(FIXED_TODAY))
        dialog.photo_picker.set_path((tmp_path / "x.txt"))
        (tmp_path / "x.txt").write_text("不是图片")
        press("photo")                                    # not an image
        dialog.reject()

    dialogs.drive(RecheckDialog, attempts, accept=False)
    assert panel.recheck() is None
    assert seen[0] == ("passed", "请选择复查结论：合格销号或不合格退回整改")
    assert seen[1] == ("by", "请填写复查人（销号须经复查）")
    assert seen[2] == ("note", "请填写复查发现的问题（复查不合格时必填）")
    assert seen[3] == ("on", "复查日期不能晚于今天")
    assert seen[4][0] == "photo" and seen[4][1]
    assert counts(db) == before and status_of(db, item_id) == "rectified"


def test_the_plan_changes_only_while_pending(make_panel, db, duty, departments, dialogs,
                                             message_boxes):
    item_id = add_item(db, duty, departments, deadline=date(2026, 11, 20))
    panel = make_panel(duty)
    panel.select_item(item_id)
    assert panel.selected_item().overdue

    def later(dialog: PlanDialog) -> None:
        assert dialog.department_checks.ids == (departments["总务科"],)
        dialog.deadline_edit.setDate(to_qdate(date(2026, 12, 4)))
        dialog.department_checks.set_ids([departments["总务科"], departments["内科"]])
    dialogs.drive(PlanDialog, later)
    panel.plan_button.click()
    row = panel.selected_item()
    assert (row.deadline, row.departments, row.overdue) == (date(2026, 12, 4), "总务科、内科", False)
    assert panel.count_label.text().startswith("待整改 1 项（逾期 0）")

    dialogs.drive(RectifiedDialog, lambda d: d.note_edit.setPlainText("已整改"))
    panel.rectified_button.click()
    assert not panel.plan_button.isEnabled()
    dialogs.forbid(PlanDialog)
    assert panel.edit_plan() is None
    assert message_boxes[-1].text == "只有“待整改”的事项可以修改整改计划"


def test_an_inspection_finding_is_in_the_ledger_without_a_department(make_panel, db, duty,
                                                                     departments):
    with db.session() as session:
        signed(session, duty, FIXED_NOW)
    panel = make_panel(duty)
    [row] = panel.visible_rows()
    cells = panel.model.cells(row)
    assert cells[0] == "周五检查" and cells[1] == "2026-11-20"
    assert cells[2] == "安全：二楼东侧消防通道堆放纸箱"
    assert cells[4] == "（未指定）"
    tip = panel.model.data(panel.model.index(0, 2), Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("检查项目：") and tip.endswith("存在问题：二楼东侧消防通道堆放纸箱")


def test_print_buttons_ask_the_main_window(qtbot, make_panel, duty):
    panel = make_panel(duty)
    with qtbot.waitSignal(panel.print_ledger_requested):
        panel.print_button.click()
    with qtbot.waitSignal(panel.print_notices_requested):
        panel.notices_button.click()


def test_the_ledger_models_pass_the_model_tester(qtmodeltester, make_panel, db, duty,
                                                 departments, dialogs):
    add_item(db, duty, departments, deadline=date(2026, 11, 20))
    add_item(db, duty, departments, deadline=date(2026, 12, 20), source="other", dept="内科")
    panel = make_panel(duty)
    model = RectificationTableModel()
    model.set_rows(panel.visible_rows())
    qtmodeltester.check(model)
    model.sort(5, Qt.SortOrder.DescendingOrder)
    assert model.row_at(0).deadline == date(2026, 12, 20)
    model.sort(6)
    qtmodeltester.check(model)
    detail = panel.load_detail(panel.visible_rows()[0].id)
    history = RectificationHistoryModel()
    history.set_rows(detail.events)
    qtmodeltester.check(history)
    assert history.data(history.index(0, 2)) == "登记"
