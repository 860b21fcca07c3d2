"""The Friday inspection through the services (DESIGN §1.5; seed 004 §三(一)4).

Template versions, the Friday schedule with a moved holiday Friday, drafts,
sign-off and its refusals (nothing half-saved), amendments, photos.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from sqlmodel import select

from desktop_app.db.models import AuditLog, RectificationItem
from desktop_app.db.services.inspection_photos import add_photo, remove_photo
from desktop_app.records.inspection_rows import FindingInput, InspectionHeader, ResultInput
from desktop_app.db.services.inspection_signoff import amend_inspection, sign_off
from desktop_app.db.services.inspections import (
    cancel_move,
    discard_draft,
    move_friday,
    save_draft,
    save_template,
    start_inspection,
)
from desktop_app.db.services.inspections_query import (
    friday_schedule,
    get_inspection,
    get_template,
    inspection_for_friday,
    list_template_versions,
    signed_inspections,
)
from desktop_app.db.services.rectifications_query import list_rectifications
from desktop_app.db.services.settings import update_settings
from desktop_app.domain.errors import PermissionDenied, ValidationError
from desktop_app.domain.inspections import ChecklistEntry, default_checklist
from tests.support.inspections import (
    FIRE_EXIT,
    FIRE_EXIT_NOTE,
    FRIDAY,
    HEADER,
    INSPECTED_AT,
    answers,
    departments,
    png_bytes,
    result_id,
    row_counts,
    signed,
    start,
    write_png,
)

SIGNED = "已签字确认的记录不能修改，请使用更正"


# --- template versions ------------------------------------------------------------------------


def test_the_default_template_is_stored_as_version_1_on_first_use(session, duty, now):
    before = get_template(session=session)
    assert (before.id, before.version, len(before.items)) == (None, 0, len(default_checklist()))
    detail = start(session, duty, now)
    assert detail.template_version == 1
    assert [(r.area, r.text) for r in detail.results] == [
        (e.area, e.text) for e in default_checklist()]
    stored = get_template(session=session)
    assert (stored.version, stored.active, stored.created_by) == (1, True, "赵某某")


def test_an_old_inspection_keeps_its_items_after_the_template_changes(session, duty, now):
    old = signed(session, duty, now)
    edited = [ChecklistEntry(i.area, i.text) for i in get_template(session=session).items]
    edited[0] = ChecklistEntry("卫生", "门诊大厅地面清洁，垃圾日产日清")
    del edited[5]  # drop 消防通道
    edited.append(ChecklistEntry("安全", "配电室门窗完好，有防鼠板"))
    v2 = save_template(session=session, actor=duty, items=edited, note="按上级要求调整", now=now)
    assert (v2.version, v2.active, v2.note, len(v2.items)) == (2, True, "按上级要求调整",
                                                               len(edited))

    again = get_inspection(session=session, inspection_id=old.id)
    assert again.template_version == 1
    assert [(r.area, r.text) for r in again.results] == [(r.area, r.text) for r in old.results]
    assert again.results[FIRE_EXIT - 1].text.startswith("消防通道")
    v1 = get_template(session=session, version=1)
    assert (v1.active, [(i.area, i.text) for i in v1.items]) == (
        False, [(e.area, e.text) for e in default_checklist()])
    assert [v.version for v in list_template_versions(session=session)] == [2, 1]

    # the next week's record uses version 2
    later = start_inspection(session=session, actor=duty, friday=date(2026, 11, 27), now=now)
    assert later.template_version == 2
    assert later.results[0].text == "门诊大厅地面清洁，垃圾日产日清"
    assert later.results[-1].text == "配电室门窗完好，有防鼠板"


def test_template_refusals_save_nothing(session, duty, member, now):
    start(session, duty, now)
    counts = row_counts(session)
    current = [ChecklistEntry(i.area, i.text) for i in get_template(session=session).items]
    with pytest.raises(ValidationError, match="没有变化"):
        save_template(session=session, actor=duty, items=current, now=now)
    with pytest.raises(ValidationError, match="检查类别") as caught:
        save_template(session=session, actor=duty,
                      items=current + [ChecklistEntry("绿化", "草坪修剪")], now=now)
    assert caught.value.field == f"item:{len(current) + 1}"
    with pytest.raises(PermissionDenied):
        save_template(session=session, actor=member, items=current[:3], now=now)
    assert row_counts(session) == counts


def test_get_template_of_a_missing_version(session):
    with pytest.raises(ValidationError, match="第 9 版不存在"):
        get_template(session=session, version=9)


# --- the Friday schedule ----------------------------------------------------------------------

SEP, OCT_END = date(2026, 9, 1), date(2026, 10, 23)
NATIONAL_DAY_FRIDAY = date(2026, 10, 2)


def _states(session, today):
    return {r.friday: r.state for r in
            friday_schedule(session=session, start=SEP, end=OCT_END, today=today)}


def test_missed_fridays_and_a_moved_national_day_friday(session, duty):
    done_at = datetime(2026, 9, 4, 15, 0)
    signed(session, duty, datetime(2026, 9, 4, 17, 0), friday=date(2026, 9, 4),
           header=replace(HEADER, inspected_at=done_at), failed={})
    start(session, duty, datetime(2026, 9, 18, 16, 0), friday=date(2026, 9, 18))  # a draft only
    row = move_friday(session=session, actor=duty, friday=NATIONAL_DAY_FRIDAY,
                      new_day=date(2026, 10, 8), note="国庆节放假，顺延至节后第一个工作日",
                      now=datetime(2026, 9, 29, 9, 0))
    assert (row.due_day, row.moved, row.move_note, row.on_holiday, row.state) == (
        date(2026, 10, 8), True, "国庆节放假，顺延至节后第一个工作日", True, "upcoming")

    rows = friday_schedule(session=session, start=SEP, end=OCT_END, today=date(2026, 10, 5))
    by_day = {r.friday: r for r in rows}
    assert [r.friday for r in rows] == [date(2026, 9, 4) + timedelta(days=7 * n) for n in range(8)]
    assert {d: r.state for d, r in by_day.items()} == {
        date(2026, 9, 4): "done",
        date(2026, 9, 11): "missed",
        date(2026, 9, 18): "draft",
        date(2026, 9, 25): "missed",  # Mid-Autumn holiday, not moved: still missed
        NATIONAL_DAY_FRIDAY: "this_week",  # moved to Thu 10-08, not yet past
        date(2026, 10, 9): "this_week",
        date(2026, 10, 16): "upcoming",
        date(2026, 10, 23): "upcoming",
    }
    assert by_day[date(2026, 9, 4)].inspected_on == date(2026, 9, 4)
    assert by_day[date(2026, 9, 4)].leader == "张某某"
    assert by_day[date(2026, 9, 18)].inspection_status == "draft"
    assert by_day[date(2026, 9, 25)].on_holiday and not by_day[date(2026, 9, 11)].on_holiday
    assert by_day[date(2026, 9, 11)].state_label == "已漏检"
    # once the new day is past without a record, the moved Friday is missed too
    assert _states(session, date(2026, 10, 9))[NATIONAL_DAY_FRIDAY] == "missed"
    # recorded on the new day: done
    signed(session, duty, datetime(2026, 10, 8, 17, 0), friday=NATIONAL_DAY_FRIDAY,
           header=replace(HEADER, inspected_at=datetime(2026, 10, 8, 15, 0)), failed={})
    row = next(r for r in friday_schedule(session=session, start=SEP, end=OCT_END,
                                          today=date(2026, 10, 9)) if r.friday == NATIONAL_DAY_FRIDAY)
    assert (row.state, row.inspected_on, row.due_day) == ("done", date(2026, 10, 8),
                                                          date(2026, 10, 8))


def test_moves_refused_and_cancelled(session, duty, member, now):
    counts = row_counts(session)
    for kwargs, field in [
        (dict(friday=date(2026, 10, 1), new_day=date(2026, 10, 8), note="国庆"), "friday"),
        (dict(friday=NATIONAL_DAY_FRIDAY, new_day=date(2026, 10, 9), note="国庆"), "new_day"),
        (dict(friday=NATIONAL_DAY_FRIDAY, new_day=date(2026, 10, 8), note=" "), "note"),
    ]:
        with pytest.raises(ValidationError) as caught:
            move_friday(session=session, actor=duty, now=now, **kwargs)
        assert caught.value.field == field
    with pytest.raises(PermissionDenied):
        move_friday(session=session, actor=member, friday=NATIONAL_DAY_FRIDAY,
                    new_day=date(2026, 10, 8), note="国庆", now=now)
    assert row_counts(session) == counts

    move_friday(session=session, actor=duty, friday=NATIONAL_DAY_FRIDAY, new_day=date(2026, 9, 30),
                note="国庆节放假，提前到节前", now=now)
    row = move_friday(session=session, actor=duty, friday=NATIONAL_DAY_FRIDAY,
                      new_day=date(2026, 10, 8), note="改为节后", now=now)
    assert (row.due_day, row.move_note) == (date(2026, 10, 8), "改为节后")
    row = cancel_move(session=session, actor=duty, friday=NATIONAL_DAY_FRIDAY, now=now)
    assert (row.due_day, row.moved, row.state) == (NATIONAL_DAY_FRIDAY, False, "missed")
    with pytest.raises(ValidationError, match="没有改期"):
        cancel_move(session=session, actor=duty, friday=NATIONAL_DAY_FRIDAY, now=now)

    signed(session, duty, now)
    with pytest.raises(ValidationError, match="已签字确认，不能改期"):
        move_friday(session=session, actor=duty, friday=FRIDAY, new_day=date(2026, 11, 19),
                    note="误操作", now=now)


# --- drafts -----------------------------------------------------------------------------------


def test_starting_a_draft_refusals(session, duty, member, now):
    start(session, duty, now)
    counts = row_counts(session)
    with pytest.raises(ValidationError, match="不是周五"):
        start_inspection(session=session, actor=duty, friday=date(2026, 11, 19), now=now)
    with pytest.raises(ValidationError, match="检查记录已存在"):
        start(session, duty, now)
    with pytest.raises(ValidationError, match="还未到该周的检查日"):
        start_inspection(session=session, actor=duty, friday=date(2026, 12, 4), now=now)
    with pytest.raises(PermissionDenied):
        start_inspection(session=session, actor=member, friday=date(2026, 11, 27), now=now)
    assert row_counts(session) == counts


def test_a_draft_saves_partial_results(session, duty, now):
    draft = start(session, duty, now)
    first, second = draft.results[0].id, draft.results[1].id
    saved = save_draft(session=session, actor=duty, inspection_id=draft.id,
                       header=InspectionHeader(None, "", union_chair="李某某"),
                       results=[ResultInput(first, "passed"),
                                ResultInput(second, "failed", "卫生间无洗手液")], now=now)
    assert saved.status == "draft" and not saved.signed
    assert (saved.header.leader, saved.header.union_chair, saved.header.inspected_at) == (
        "", "李某某", None)
    assert saved.counts == {"passed": 1, "failed": 1, "not_applicable": 0,
                            "": len(draft.results) - 2}
    assert [r.note for r in saved.failed] == ["卫生间无洗手液"]
    # a later save may change the header and leave results alone
    saved = save_draft(session=session, actor=duty, inspection_id=draft.id, header=HEADER, now=now)
    assert saved.header == HEADER and saved.counts["failed"] == 1
    assert inspection_for_friday(session=session, friday=FRIDAY).id == draft.id
    assert inspection_for_friday(session=session, friday=date(2026, 11, 13)) is None


@pytest.mark.parametrize(
    ("header", "result", "field", "message"),
    [
        (replace(HEADER, inspected_at=datetime(2026, 11, 23, 10, 0)), None, "inspected_at",
         "不能晚于当前时间"),
        (replace(HEADER, inspected_at=datetime(2026, 11, 10, 15, 0)), None, "inspected_at",
         "请先登记改期"),
        (replace(HEADER, leader="长" * 31), None, "leader", "不能超过30个字"),
        (HEADER, ("first", "good"), "result:", "请选择合格、不合格或不适用"),
        (HEADER, ("first", None, "长" * 501), "note:", "不能超过500个字"),
        (HEADER, (999999, "passed"), "result:999999", "不属于本次检查"),
    ],
)
def test_bad_draft_input_saves_nothing(session, duty, now, header, result, field, message):
    draft = start(session, duty, now)
    counts = row_counts(session)
    results = []
    if result is not None:
        rid = draft.results[0].id if result[0] == "first" else result[0]
        results = [ResultInput(rid, *result[1:])]
    with pytest.raises(ValidationError, match=message) as caught:
        save_draft(session=session, actor=duty, inspection_id=draft.id, header=header,
                   results=results, now=now)
    assert caught.value.field.startswith(field)
    assert row_counts(session) == counts
    assert get_inspection(session=session, inspection_id=draft.id).header.leader == ""


def test_discarding_a_draft(session, duty, now, tmp_path):
    draft = start(session, duty, now)
    add_photo(session=session, actor=duty, result_id=draft.results[0].id,
              file=write_png(tmp_path / "a.png"), now=now)
    discard_draft(session=session, actor=duty, inspection_id=draft.id, now=now)
    assert inspection_for_friday(session=session, friday=FRIDAY) is None
    assert start(session, duty, now).template_version == 1  # may start again


# --- sign-off ---------------------------------------------------------------------------------


def test_sign_off_makes_one_rectification_item_per_failed_item(session, duty, admin, now):
    dept = departments(session, admin, now)
    draft = start(session, duty, now)
    fire, hygiene = result_id(draft, FIRE_EXIT), result_id(draft, 1)
    results = answers(draft, {FIRE_EXIT: FIRE_EXIT_NOTE, 1: "候诊区地面有积水"})
    results[2] = ResultInput(results[2].result_id, "not_applicable", "本周无住院患者")
    detail = sign_off(
        session=session, actor=duty, inspection_id=draft.id, header=HEADER, results=results,
        findings=[FindingInput(fire, (dept["总务科"], dept["院办公室"]), "立即清理纸箱，设禁放标识",
                               date(2026, 11, 24))], now=now)
    assert (detail.status, detail.signed, detail.signed_by, detail.signed_at) == (
        "signed", True, "张某某", now)
    assert detail.counts == {"passed": len(results) - 3, "failed": 2, "not_applicable": 1, "": 0}
    items = {r.result_id: r for r in list_rectifications(session=session, today=now.date())}
    assert set(items) == {fire, hygiene}
    given, default = items[fire], items[hygiene]
    assert (given.source_kind, given.found_on, given.inspection_id, given.area, given.problem,
            given.measure, given.departments, given.deadline, given.status) == (
        "friday_inspection", FRIDAY, detail.id, "安全", FIRE_EXIT_NOTE, "立即清理纸箱，设禁放标识",
        "院办公室、总务科", date(2026, 11, 24), "pending")
    assert given.item_text.startswith("消防通道")
    assert given.source_text == "2026-11-20 周五行政总检查"
    # defaults: no department yet, a measure from the item, 5 working days after Fri 11-20
    assert (default.department_ids, default.deadline, default.status_label) == (
        (), date(2026, 11, 27), "待整改")
    assert default.measure.startswith("对照检查要求整改：门诊大厅")
    by_result = {r.id: r for r in detail.results}
    assert by_result[fire].rectification_id == given.id
    assert by_result[fire].rectification_status == "pending"
    sign_audit = session.exec(select(AuditLog).where(AuditLog.action == "sign")).one()
    assert json.loads(sign_audit.after)["status"] == "signed"
    assert [d.id for d in signed_inspections(session=session, start=FRIDAY, end=FRIDAY)] == [detail.id]


def test_the_rectification_workdays_setting_sets_the_default_deadline(session, duty, admin, now):
    update_settings(session=session, actor=admin, values={"rectification_workdays": 3}, now=now)
    detail = signed(session, duty, now)
    (item,) = list_rectifications(session=session, today=now.date())
    assert (item.inspection_id, item.deadline) == (detail.id, date(2026, 11, 25))


@pytest.mark.parametrize(
    ("case", "field", "message"),
    [
        ("no_leader", "leader", "请填写带队检查的分工院长"),
        ("no_time", "inspected_at", "请填写检查时间"),
        ("future", "inspected_at", "检查时间不能晚于当前时间"),
        ("unanswered", "result:", "还有 2 项未填写检查结果"),
        ("failed_without_note", "note:", "不合格，请填写存在的问题"),
        ("finding_for_passed", "measure:", "只有不合格项需要填写整改要求"),
        ("deadline_before", "deadline:", "整改时限不能早于检查日期（2026-11-20）"),
        ("no_such_department", "department_ids:", "责任科室不存在"),
    ],
)
def test_sign_off_refusals_save_nothing(session, duty, now, case, field, message):
    draft = start(session, duty, now)
    fire = result_id(draft, FIRE_EXIT)
    header, results, findings = HEADER, answers(draft, {FIRE_EXIT: FIRE_EXIT_NOTE}), []
    if case == "no_leader":
        header = replace(HEADER, leader="  ")
    elif case == "no_time":
        header = replace(HEADER, inspected_at=None)
    elif case == "future":
        header = replace(HEADER, inspected_at=datetime(2026, 11, 23, 9, 31))
    elif case == "unanswered":
        results = answers(draft, {FIRE_EXIT: FIRE_EXIT_NOTE}, skip=(3, 9))
    elif case == "failed_without_note":
        results = answers(draft, {FIRE_EXIT: ""})
    elif case == "finding_for_passed":
        findings = [FindingInput(result_id(draft, 1), measure="无")]
    elif case == "deadline_before":
        findings = [FindingInput(fire, deadline=date(2026, 11, 19))]
    elif case == "no_such_department":
        findings = [FindingInput(fire, department_ids=(424242,))]
    counts = row_counts(session)
    with pytest.raises(ValidationError, match=message) as caught:
        sign_off(session=session, actor=duty, inspection_id=draft.id, header=header,
                 results=results, findings=findings, now=now)
    assert caught.value.field.startswith(field)
    assert row_counts(session) == counts  # not even the draft's new values
    again = get_inspection(session=session, inspection_id=draft.id)
    assert again.status == "draft" and again.counts[""] == len(again.results)
    assert session.exec(select(RectificationItem)).all() == []


def test_a_signed_record_is_not_edited(session, duty, now, tmp_path):
    detail = signed(session, duty, now)
    counts = row_counts(session)
    photo = write_png(tmp_path / "p.png")
    for call in (
        lambda: save_draft(session=session, actor=duty, inspection_id=detail.id, header=HEADER,
                           now=now),
        lambda: sign_off(session=session, actor=duty, inspection_id=detail.id, header=HEADER,
                         now=now),
        lambda: add_photo(session=session, actor=duty, result_id=detail.results[0].id, file=photo,
                          now=now),
        lambda: discard_draft(session=session, actor=duty, inspection_id=detail.id, now=now),
    ):
        with pytest.raises(ValidationError) as caught:
            call()
        assert caught.value.message == SIGNED
    assert row_counts(session) == counts


# --- amendments -------------------------------------------------------------------------------


def test_an_amendment_is_kept_beside_the_original(session, duty, now):
    detail = signed(session, duty, now)
    first = result_id(detail, 1)
    later = datetime(2026, 11, 23, 11, 0)
    amended = amend_inspection(
        session=session, actor=duty, inspection_id=detail.id, reason="补记工会主席和一处问题",
        changes={"union_chair": "周某某", "inspected_at": datetime(2026, 11, 20, 14, 30),
                 f"result:{first}": "failed", f"note:{first}": "候诊区地面有积水"}, now=later)
    assert (amended.header.union_chair, amended.original_header.union_chair) == ("周某某", "李某某")
    assert amended.header.inspected_at == datetime(2026, 11, 20, 14, 30)
    assert amended.original_header.inspected_at == INSPECTED_AT
    row = amended.results[0]
    assert (row.result, row.note, row.original_result, row.original_note) == (
        "failed", "候诊区地面有积水", "passed", "")
    (amendment,) = amended.amendments
    assert (amendment.reason, amendment.recorded_by, amendment.at) == (
        "补记工会主席和一处问题", "赵某某", later)
    assert "工会主席：李某某 → 周某某" in amendment.described
    assert "检查时间：2026-11-20 15:00 → 2026-11-20 14:30" in amendment.described
    assert any(d.startswith("第 1 项“门诊大厅") and d.endswith("：合格 → 不合格")
               for d in amendment.described)
    # the item amended to 不合格 got its rectification item, due 5 working days after the amendment
    item = next(r for r in list_rectifications(session=session, today=later.date())
                if r.result_id == first)
    assert (row.rectification_id, item.problem, item.deadline) == (
        item.id, "候诊区地面有积水", date(2026, 11, 30))
    assert session.exec(select(AuditLog).where(AuditLog.action == "amend")).one().record_id == str(
        detail.id)


@pytest.mark.parametrize(
    ("changes", "reason", "field", "message"),
    [
        ({"union_chair": "周某某"}, " ", "reason", "请填写更正原因"),
        ({"union_chair": "李某某"}, "无", "reason", "没有修改任何内容"),
        ({"leader": ""}, "更正", "leader", "请填写分工院长"),
        ({"inspected_at": datetime(2026, 11, 24, 9, 0)}, "更正", "inspected_at", "不能晚于"),
        ({"fire": "passed"}, "误判", "result:", "已生成整改事项"),
        ({"first": "failed"}, "补记", "note:", "不合格，请填写存在的问题"),
        ({"first": "excellent"}, "补记", "result:", "请选择合格、不合格或不适用"),
        ({"status": "draft"}, "补记", "status", "该项不能更正"),
    ],
)
def test_amendment_refusals_save_nothing(session, duty, now, changes, reason, field, message):
    detail = signed(session, duty, now)
    keys = {"fire": f"result:{result_id(detail, FIRE_EXIT)}", "first": f"result:{result_id(detail, 1)}"}
    changes = {keys.get(k, k): v for k, v in changes.items()}
    counts = row_counts(session)
    with pytest.raises(ValidationError, match=message) as caught:
        amend_inspection(session=session, actor=duty, inspection_id=detail.id, changes=changes,
                         reason=reason, now=now)
    assert caught.value.field.startswith(field)
    assert row_counts(session) == counts


def test_a_draft_is_not_amended(session, duty, now):
    draft = start(session, duty, now)
    with pytest.raises(ValidationError, match="草稿可直接修改"):
        amend_inspection(session=session, actor=duty, inspection_id=draft.id,
                         changes={"leader": "张某某"}, reason="补记", now=now)


# --- photos -----------------------------------------------------------------------------------


def test_a_photo_is_copied_beside_the_database_named_by_its_hash(session, duty, now, tmp_path,
                                                                  db_path):
    draft = start(session, duty, now)
    source_dir = tmp_path / "camera"
    source_dir.mkdir()
    original = write_png(source_dir / "IMG_0001.PNG")
    photo = add_photo(session=session, actor=duty, result_id=draft.results[5].id, file=original,
                      now=now)
    assert photo.relative_path == f"photos/{photo.sha256}.png"
    assert photo.file_path == db_path.parent / "photos" / f"{photo.sha256}.png"
    assert (photo.original_name, photo.size, photo.added_by) == (
        "IMG_0001.PNG", len(png_bytes()), "赵某某")
    original.unlink()  # the original is not needed afterwards
    shown = get_inspection(session=session, inspection_id=draft.id).results[5].photos
    assert [p.id for p in shown] == [photo.id]
    assert shown[0].file_path.read_bytes() == png_bytes()


def test_the_same_photo_is_stored_once(session, duty, now, tmp_path, db_path):
    draft = start(session, duty, now)
    a = add_photo(session=session, actor=duty, result_id=draft.results[0].id,
                  file=write_png(tmp_path / "a.png"), now=now)
    b = add_photo(session=session, actor=duty, result_id=draft.results[1].id,
                  file=write_png(tmp_path / "copy of a.png"), now=now)
    c = add_photo(session=session, actor=duty, result_id=draft.results[1].id,
                  file=write_png(tmp_path / "c.png", red=0), now=now)
    assert a.sha256 == b.sha256 != c.sha256
    assert a.file_path == b.file_path
    assert sorted(p.name for p in (db_path.parent / "photos").iterdir()) == sorted(
        {f"{a.sha256}.png", f"{c.sha256}.png"})
    counts = row_counts(session)
    with pytest.raises(ValidationError, match="已添加到该项"):
        add_photo(session=session, actor=duty, result_id=draft.results[0].id,
                  file=write_png(tmp_path / "again.png"), now=now)
    assert row_counts(session) == counts
    remove_photo(session=session, actor=duty, photo_id=a.id, now=now)
    shown = get_inspection(session=session, inspection_id=draft.id).results
    assert (shown[0].photos, [p.id for p in shown[1].photos]) == ((), [b.id, c.id])
    assert b.file_path.exists()  # still used by the other item


def test_a_jpeg_is_accepted_by_its_header(session, duty, now, tmp_path):
    draft = start(session, duty, now)
    fake_name = tmp_path / "scan.dat"
    fake_name.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 64 + b"\xff\xd9")
    photo = add_photo(session=session, actor=duty, result_id=draft.results[0].id, file=fake_name,
                      now=now)
    assert photo.relative_path.endswith(".jpg")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("检查记录.png", "这不是图片".encode(), "只能添加图片文件（JPG、PNG）"),
        ("notes.txt", b"plain text", "只能添加图片文件（JPG、PNG）"),
        ("anim.gif", b"GIF89a\x01\x00\x01\x00", "只能添加图片文件（JPG、PNG）"),
        ("big.png", None, "照片不能超过 10 MB"),
        ("missing.png", "missing", "找不到照片文件"),
    ],
)
def test_a_bad_photo_is_refused(session, duty, now, tmp_path, db_path, name, content, message):
    draft = start(session, duty, now)
    path = tmp_path / name
    if content is None:
        with open(path, "wb") as fh:  # a sparse file just over 10 MB with a PNG header
            fh.write(png_bytes())
            fh.truncate(10 * 1024 * 1024 + 1)
    elif content != "missing":
        path.write_bytes(content)
    counts = row_counts(session)
    with pytest.raises(ValidationError, match=message) as caught:
        add_photo(session=session, actor=duty, result_id=draft.results[0].id, file=path, now=now)
    assert caught.value.field == "photo"
    assert row_counts(session) == counts
    assert not (db_path.parent / "photos").exists()


def test_photo_permissions(session, duty, member, now, tmp_path):
    draft = start(session, duty, now)
    with pytest.raises(PermissionDenied):
        add_photo(session=session, actor=member, result_id=draft.results[0].id,
                  file=write_png(tmp_path / "a.png"), now=now)
