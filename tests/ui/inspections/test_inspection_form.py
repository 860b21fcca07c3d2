"""The Friday inspection form, driven through its own widgets (issue 5 §3, DESIGN §1.5).

The duty director 赵某某 records the inspection of Friday 2026-11-20 on Monday
2026-11-23 09:30 (the fixed clock): a draft, one 不合格 item whose note is
required at sign-off, photos, the sign-off step with department and measure,
then the signed record that only takes amendments.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

from desktop_app.db.database import Database
from desktop_app.records.inspection_rows import InspectionDetail
from desktop_app.db.services.inspections import start_inspection
from desktop_app.db.services.inspections_query import get_inspection, inspection_for_friday
from desktop_app.db.services.rectifications_query import list_rectifications
from desktop_app.db.tx import Actor
from desktop_app.ui.inspections import inspection_form, inspection_header, inspection_parts
from desktop_app.ui.inspections.friday_panel import FridayPanel
from desktop_app.ui.inspections.inspection_form import (
    AmendInspectionDialog, InspectionDialog, SignOffDialog,
)
from tests.support.inspections import FIRE_EXIT, FIRE_EXIT_NOTE, signed, write_png
from tests.support.clock import FIXED_NOW, FIXED_TODAY, FRIDAY


@pytest.fixture
def draft(db: Database, duty: Actor, departments) -> InspectionDetail:
    with db.session() as session:
        return start_inspection(session=session, actor=duty, friday=FRIDAY, now=FIXED_NOW)


@pytest.fixture
def open_form(qtbot, db: Database) -> Callable[..., InspectionDialog]:
    def make(actor: Actor, inspection_id: int) -> InspectionDialog:
        dialog = InspectionDialog(None, db, actor, inspection_id, lambda: FIXED_NOW)
        qtbot.addWidget(dialog)
        return dialog
    return make


def stored(db: Database, inspection_id: int) -> InspectionDetail:
    with db.session() as session:
        return get_inspection(session=session, inspection_id=inspection_id)


def all_passed(dialog: InspectionDialog) -> None:
    for row in dialog.checklist.rows.values():
        row.set_result("passed")


# --- recording ---------------------------------------------------------------------------------

def test_a_new_record_offers_the_friday_afternoon_and_the_union_chair(open_form, duty, draft):
    dialog = open_form(duty, draft.id)
    header = dialog.header_input()
    assert header.inspected_at == datetime(2026, 11, 20, 15, 0)
    assert (header.leader, header.union_chair) == ("", "钱某某")
    leaders = dialog.header_fields.leader_combo
    assert [leaders.itemText(i) for i in range(leaders.count())] == ["孙某某"]
    assert dialog.counter_label.text() == f"合格 0 / 不合格 0 / 不适用 0 / 未填 {len(draft.results)}"
    assert [dialog.checklist.area_labels[a].text().split("（")[0]
            for a in dialog.checklist.area_labels] == ["卫生", "安全", "设备", "设施", "工作秩序",
                                                      "疫情防控"]
    assert not dialog.print_button.isVisibleTo(dialog)
    assert dialog.sign_button.isVisibleTo(dialog) and not dialog.amend_button.isVisibleTo(dialog)


def test_a_partial_draft_is_saved_and_reopened(open_form, duty, draft, db):
    dialog = open_form(duty, draft.id)
    dialog.header_fields.leader_combo.setEditText("孙某某")
    dialog.item(1).set_result("passed")
    dialog.item(2).set_result("not_applicable")
    dialog.item(2).set_note("本周病区停用装修")
    assert dialog.is_dirty()
    assert dialog.save_draft()
    assert "草稿已保存" in dialog.status_label.text() and not dialog.is_dirty()
    saved = stored(db, draft.id)
    assert (saved.status, saved.header.leader, saved.counts["passed"],
            saved.counts["not_applicable"], saved.counts[""]) == (
        "draft", "孙某某", 1, 1, len(draft.results) - 2)

    again = open_form(duty, draft.id)
    assert again.item(2).result == "not_applicable" and again.item(2).note == "本周病区停用装修"
    assert again.header_input().leader == "孙某某"
    assert again.counter_label.text().startswith("合格 1 / 不合格 0 / 不适用 1 / 未填 ")


def test_closing_with_unsaved_changes_asks_and_saves(open_form, duty, draft, db, monkeypatch):
    asked: list[str] = []
    monkeypatch.setattr(inspection_form, "_ask_unsaved", lambda parent: asked.append("?") or "save")
    dialog = open_form(duty, draft.id)
    dialog.item(3).set_result("passed")
    dialog.reject()
    assert asked == ["?"] and dialog.saved_anything
    assert stored(db, draft.id).counts["passed"] == 1


def test_a_failed_item_needs_its_note_then_signs_off_with_department_and_measure(
        qtbot, db, duty, departments, driver, monkeypatch):
    """The whole Friday: from the calendar, one 不合格 item, sign-off, back in the calendar."""
    panel = FridayPanel(db, duty, now=lambda: FIXED_NOW)
    qtbot.addWidget(panel)
    assert panel.select_friday(FRIDAY)
    assert panel.selected_friday().state == "missed"
    attempts: list[SignOffDialog] = []
    seen: dict[str, object] = {}

    def first_try(step: SignOffDialog) -> None:  # department and measure typed, note forgotten
        attempts.append(step)
        (box,) = step.findings_fields.values()
        assert box.item.order == FIRE_EXIT and "未填写" in box.problem_label.text()
        box.departments.set_checked_ids([departments["总务科"]])
        box.measure_edit.setPlainText("立即清理纸箱，设禁放标识")

    def second_try(step: SignOffDialog) -> None:  # the values typed before are still there
        attempts.append(step)
        (box,) = step.findings_fields.values()
        seen["kept"] = (box.departments.checked_ids(), box.measure_edit.toPlainText())
        seen["default"] = box.default_day
        box.departments.set_checked_ids([departments["总务科"], departments["院办公室"]])

    driver.drive(SignOffDialog, first_try, second_try)

    def record(dialog: InspectionDialog) -> int:
        dialog.header_fields.leader_combo.setEditText("孙某某")
        all_passed(dialog)
        fire = dialog.item(FIRE_EXIT)
        fire.set_result("failed")
        assert "background: #fdecea" in fire.styleSheet()
        assert dialog.counter_label.text() == (
            f"合格 {len(dialog.checklist.rows) - 1} / 不合格 1 / 不适用 0 / 未填 0")
        assert not dialog.sign_off()
        assert fire.error_text == f"第 {FIRE_EXIT} 项“{fire.row.text}”不合格，请填写存在的问题"
        seen["draft_status"] = stored(db, dialog.inspection_id).status  # nothing half-saved
        fire.set_note(FIRE_EXIT_NOTE)
        assert dialog.sign_off()
        seen["signed"] = dialog.detail
        seen["editable_after"] = dialog.editable
        return 1

    monkeypatch.setattr(InspectionDialog, "exec", record)
    assert panel.record_selected()

    assert len(attempts) == 2 and seen["draft_status"] == "draft"
    assert seen["kept"] == ((departments["总务科"],), "立即清理纸箱，设禁放标识")
    assert seen["default"] == date(2026, 11, 27)  # 5 working days after Fri 11-20
    detail = seen["signed"]
    assert isinstance(detail, InspectionDetail)
    assert (detail.status, detail.signed_by, seen["editable_after"]) == ("signed", "孙某某", False)
    row = panel.selected_friday()
    assert (row.friday, row.state, row.state_label, row.failed_items,
            row.open_rectifications) == (FRIDAY, "done", "已检查", 1, 1)
    assert panel.model.data(panel.model.index(panel.model.row_of(FRIDAY), 1)) == "已检查"
    with db.session() as session:
        (item,) = list_rectifications(session=session, today=FIXED_TODAY)
    assert (item.problem, item.measure, item.departments, item.deadline) == (
        FIRE_EXIT_NOTE, "立即清理纸箱，设禁放标识", "院办公室、总务科", date(2026, 11, 27))


def test_sign_off_errors_go_to_the_header_field(open_form, duty, draft, driver, db):
    driver.drive(SignOffDialog, lambda step: None)
    dialog = open_form(duty, draft.id)
    all_passed(dialog)
    assert not dialog.sign_off()
    assert dialog.errors.text("leader") == "请填写带队检查的分工院长（签字确认人）"
    assert stored(db, draft.id).status == "draft"


def test_an_unanswered_item_is_shown_where_it_is(open_form, duty, draft, driver):
    driver.drive(SignOffDialog, lambda step: None)
    dialog = open_form(duty, draft.id)
    dialog.header_fields.leader_combo.setEditText("孙某某")
    all_passed(dialog)
    dialog.item(9).set_value(None, "")
    assert not dialog.sign_off()
    assert dialog.item(9).error_text.startswith("还有 1 项未填写检查结果（第 9 项")
    dialog.fill_unanswered()
    assert dialog.item(9).result == "passed"


def test_a_wrong_deadline_stays_in_the_sign_off_step(open_form, duty, draft, driver, db):
    def too_early(step: SignOffDialog) -> None:
        (box,) = step.findings_fields.values()
        box.deadline_edit.setDate(box.deadline_edit.date().addDays(-10))

    driver.drive(SignOffDialog, too_early)
    dialog = open_form(duty, draft.id)
    dialog.header_fields.leader_combo.setEditText("孙某某")
    all_passed(dialog)
    dialog.item(FIRE_EXIT).set_result("failed")
    dialog.item(FIRE_EXIT).set_note(FIRE_EXIT_NOTE)
    assert not dialog.sign_off()
    step = driver.last
    rid = dialog.item(FIRE_EXIT).result_id
    assert step.errors.text(f"deadline:{rid}") == "整改时限不能早于检查日期（2026-11-20）"
    assert stored(db, draft.id).status == "draft"


# --- photos ------------------------------------------------------------------------------------

def test_a_real_png_shows_a_thumbnail_and_a_text_file_is_refused(open_form, duty, draft, tmp_path,
                                                                   db):
    dialog = open_form(duty, draft.id)
    fire = dialog.item(FIRE_EXIT)
    assert dialog.add_photo_file(fire.result_id, write_png(tmp_path / "IMG_0001.PNG"))
    (thumb,) = fire.photo_strip.thumbs
    assert not thumb.pixmap.isNull() and not thumb.button.icon().isNull()
    assert thumb.photo.file_path.parent == tmp_path / "photos"
    assert dialog.saved_anything and "IMG_0001.PNG" in dialog.status_label.text()

    text_file = tmp_path / "记录.txt"
    text_file.write_text("不是图片", encoding="utf-8")
    assert not dialog.add_photo_file(fire.result_id, text_file)
    assert fire.error_text == "只能添加图片文件（JPG、PNG）"
    assert len(fire.photo_strip.thumbs) == 1
    assert [p.id for p in stored(db, draft.id).results[FIRE_EXIT - 1].photos] == [thumb.photo.id]

    # reopened, the thumbnail comes from the stored copy; 移除 takes it off the item
    again = open_form(duty, draft.id)
    (shown,) = again.item(FIRE_EXIT).photo_strip.thumbs
    assert not shown.pixmap.isNull()
    shown.remove_button.click()
    assert again.item(FIRE_EXIT).photo_strip.thumbs == []
    assert stored(db, draft.id).results[FIRE_EXIT - 1].photos == ()


def test_the_photo_button_adds_the_chosen_files(open_form, duty, draft, tmp_path, monkeypatch):
    chosen = [str(write_png(tmp_path / "a.png")), str(write_png(tmp_path / "b.png", red=0))]
    monkeypatch.setattr(inspection_parts, "choose_photos", lambda parent: chosen)
    dialog = open_form(duty, draft.id)
    dialog.item(2).add_photo_button.click()
    assert [t.photo.original_name for t in dialog.item(2).photo_strip.thumbs] == ["a.png", "b.png"]


# --- a signed record ---------------------------------------------------------------------------

@pytest.fixture
def signed_record(db: Database, duty: Actor, departments) -> InspectionDetail:
    with db.session() as session:
        return signed(session, duty, FIXED_NOW)


def test_a_signed_record_is_read_only(open_form, duty, signed_record, tmp_path, db):
    dialog = open_form(duty, signed_record.id)
    assert not dialog.editable and dialog.header_fields is None
    assert "已签字确认" in dialog.title_label.text()
    assert dialog.state_note.text().startswith("本记录已签字确认，不能再修改")
    for button in (dialog.save_button, dialog.sign_button, dialog.discard_button,
                   dialog.fill_button):
        assert not button.isVisibleTo(dialog)
    assert dialog.amend_button.isVisibleTo(dialog) and dialog.print_button.isVisibleTo(dialog)
    fire = dialog.item(FIRE_EXIT)
    assert fire.choice is None and fire.note_edit is None and fire.add_photo_button is None
    assert "不合格" in fire.result_label.text() and FIRE_EXIT_NOTE in fire.note_label.text()
    assert fire.rectification_label.text() == "整改事项：待整改（详见整改台账）"
    assert not dialog.save_draft() and not dialog.sign_off()
    assert not dialog.add_photo_file(fire.result_id, write_png(tmp_path / "late.png"))
    assert stored(db, signed_record.id).results[FIRE_EXIT - 1].photos == ()


def test_a_signed_record_takes_an_amendment_with_a_reason(open_form, duty, signed_record, driver,
                                                          db, message_boxes):
    first = signed_record.results[0].id

    def no_reason(amend: AmendInspectionDialog) -> None:
        amend.header_fields.chair_combo.setEditText("周某某")
        fire = amend.checklist.rows[signed_record.results[FIRE_EXIT - 1].id]
        assert not fire.choice.buttons["passed"].isEnabled()  # it has a rectification item
        assert fire.choice.buttons["failed"].isEnabled()

    def with_reason(amend: AmendInspectionDialog) -> None:
        amend.header_fields.chair_combo.setEditText("周某某")
        amend.checklist.rows[first].set_note("大厅东侧地面有水渍，已当场处理")
        assert set(amend.changes()) == {"union_chair", f"note:{first}"}
        amend.reason_edit.setPlainText("补记工会主席和一处情况")

    driver.drive(AmendInspectionDialog, no_reason, with_reason)
    dialog = open_form(duty, signed_record.id)
    assert not dialog.amend()
    assert driver.last.errors.text("reason") == "请填写更正原因"
    assert stored(db, signed_record.id).amendments == ()

    assert dialog.amend()
    assert dialog.status_label.text() == "已保存更正"
    detail = stored(db, signed_record.id)
    (amendment,) = detail.amendments
    assert (amendment.reason, detail.header.union_chair, detail.original_header.union_chair) == (
        "补记工会主席和一处情况", "周某某", "李某某")
    # shown beside the original: the header's signed value, the item's signed note, the reason
    assert "已更正，原为：李某某" in inspection_header.header_html(dialog.detail)
    assert "补记工会主席和一处情况" in dialog.amendments_label.text()
    assert "工会主席：李某某 → 周某某" in dialog.amendments_label.text()
    item = dialog.checklist.rows[first]
    assert "大厅东侧地面有水渍" in item.note_label.text()
    assert item.extra_label.text().startswith("已更正 — 原说明：（空）")
    assert message_boxes == []


def test_an_amendment_error_is_shown_at_the_item(open_form, duty, signed_record, driver, db):
    first = signed_record.results[0].id

    def failed_without_note(amend: AmendInspectionDialog) -> None:
        amend.checklist.rows[first].set_result("failed")
        amend.reason_edit.setPlainText("补记")

    driver.drive(AmendInspectionDialog, failed_without_note)
    dialog = open_form(duty, signed_record.id)
    assert not dialog.amend()
    assert driver.last.checklist.rows[first].error_text.endswith("不合格，请填写存在的问题")
    assert stored(db, signed_record.id).amendments == ()


def test_print_asks_the_caller(open_form, duty, signed_record, qtbot):
    dialog = open_form(duty, signed_record.id)
    with qtbot.waitSignal(dialog.print_requested) as caught:
        dialog.print_button.click()
    assert caught.args == [signed_record.id]


def test_a_front_desk_member_only_reads(open_form, member, draft):
    dialog = open_form(member, draft.id)
    assert not dialog.editable and dialog.header_fields is None
    assert "仅供查看" in dialog.state_note.text()
    assert not dialog.save_button.isVisibleTo(dialog)


def test_discarding_a_draft(open_form, duty, draft, db, monkeypatch):
    monkeypatch.setattr(inspection_form, "_confirm", lambda *args: True)
    dialog = open_form(duty, draft.id)
    assert dialog.discard()
    assert dialog.discarded and dialog.saved_anything
    with db.session() as session:
        assert inspection_for_friday(session=session, friday=FRIDAY) is None


def test_the_form_fits_a_1366_by_768_screen(open_form, duty, draft):
    dialog = open_form(duty, draft.id)
    assert dialog.width() <= 1366 and dialog.height() <= 728
    assert dialog.scroll.widgetResizable()
    assert inspection_form.PREFERRED_SIZE[0] <= 1346 and inspection_form.PREFERRED_SIZE[1] <= 708


def test_path_objects_and_strings_are_both_accepted(open_form, duty, draft, tmp_path: Path):
    dialog = open_form(duty, draft.id)
    assert dialog.add_photo_file(dialog.item(1).result_id, str(write_png(tmp_path / "s.png")))
