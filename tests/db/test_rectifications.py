"""Rectification through the services: finding → rectified → re-check → closed (DESIGN §1.5).

Each refusal on the way saves nothing; the ledger's filters; the notices per
department; items entered by hand; the rectification_workdays setting.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from desktop_app.db.services import settings
from desktop_app.db.services.inspections_query import get_inspection
from desktop_app.records.rectification_rows import (
    PlanInput,
    RecheckInput,
    RectificationFilter,
    RectificationInput,
)
from desktop_app.db.services.rectifications import (
    add_rectification,
    mark_rectified,
    recheck_rectification,
    update_rectification_plan,
)
from desktop_app.db.services.rectifications_query import (
    count_rectifications,
    get_rectification,
    list_rectifications,
    rectification_notices,
)
from desktop_app.domain.errors import PermissionDenied, ValidationError
from tests.support.inspections import (
    FIRE_EXIT,
    FIRE_EXIT_NOTE,
    departments,
    result_id,
    row_counts,
    signed,
    write_png,
)

DONE_AT = datetime(2026, 11, 24, 16, 0)
LATER = datetime(2026, 11, 25, 10, 0)

SURVEY = RectificationInput(
    source_kind="satisfaction_survey", found_on=date(2026, 11, 10),
    problem="关于费用的告知及收费合理性满意度最低，群众希望增加对收费标准的解释",
    measure="收费窗口公示收费标准，开展收费告知专项培训", department_ids=(), deadline=date(2026, 12, 31),
    source_text="2026年第三季度满意度调查",
)


@pytest.fixture
def dept(session, admin, now) -> dict[str, int]:
    return departments(session, admin, now)


@pytest.fixture
def item_id(session, duty, dept, now) -> int:
    """The rectification item of a signed inspection's 不合格 (消防通道), assigned to 总务科."""
    detail = signed(session, duty, now)  # sign-off defaults: no department yet
    (row,) = list_rectifications(session=session, today=now.date())
    assert row.result_id == result_id(detail, FIRE_EXIT)
    update_rectification_plan(session=session, actor=duty, item_id=row.id, now=now, data=PlanInput(
        problem=row.problem, measure="清理纸箱，张贴禁放标识", department_ids=(dept["总务科"],),
        deadline=row.deadline))
    return row.id


def _status(session, item_id, today=date(2026, 11, 25)) -> str:
    session.expire_all()
    return get_rectification(session=session, item_id=item_id, today=today).row.status


def test_finding_to_closed_through_a_failed_and_a_passed_recheck(session, duty, member, item_id,
                                                                 tmp_path):
    row = mark_rectified(session=session, actor=member, item_id=item_id, rectified_at=DONE_AT,
                         note="纸箱已清理", now=LATER)
    assert (row.status, row.status_label, row.deadline_text, row.rectified_by) == (
        "rectified", "已整改待复查", "待复查", "李某某")

    failed = recheck_rectification(
        session=session, actor=member, item_id=item_id, now=LATER,
        data=RecheckInput(by="张某某", on=date(2026, 11, 25), passed=False,
                          note="通道内仍有一辆推车"))
    assert (failed.row.status, failed.row.recheck_passed, failed.row.recheck_note) == (
        "pending", False, "通道内仍有一辆推车")
    assert failed.row.rectified_at is None and failed.row.closed_at is None

    mark_rectified(session=session, actor=member, item_id=item_id,
                   rectified_at=datetime(2026, 11, 25, 11, 0), note="推车已移走",
                   now=datetime(2026, 11, 25, 11, 30))
    closed_at = datetime(2026, 11, 26, 9, 0)
    closed = recheck_rectification(
        session=session, actor=member, item_id=item_id, now=closed_at,
        data=RecheckInput(by="张某某", on=date(2026, 11, 26), passed=True,
                          photo=write_png(tmp_path / "after.png")))
    assert (closed.row.status, closed.row.status_label, closed.row.closed_at) == (
        "closed", "已销号", closed_at)
    assert (closed.row.recheck_by, closed.row.recheck_on, closed.row.recheck_passed) == (
        "张某某", date(2026, 11, 26), True)
    assert closed.recheck_photo is not None and closed.recheck_photo.file_path.exists()
    assert [e.action for e in closed.events] == [
        "created", "plan", "rectify", "recheck_fail", "rectify", "recheck_pass"]
    assert "通道内仍有一辆推车" in closed.events[3].summary
    assert "纸箱已清理" in closed.events[3].summary  # the failed round stays in the history
    # the inspection shows the link and the closed state
    detail = get_inspection(session=session,
                            inspection_id=closed.row.inspection_id)
    assert detail.results[FIRE_EXIT - 1].rectification_status == "closed"
    # closed is final
    with pytest.raises(ValidationError, match="当前状态：已销号"):
        mark_rectified(session=session, actor=member, item_id=item_id, rectified_at=closed_at,
                       note="再次", now=closed_at)


@pytest.mark.parametrize("passed", [True, False])
def test_no_recheck_or_closing_before_the_item_is_rectified(session, member, item_id, passed):
    counts = row_counts(session)
    with pytest.raises(ValidationError, match="须先登记整改完成") as caught:
        recheck_rectification(session=session, actor=member, item_id=item_id, now=LATER,
                              data=RecheckInput(by="张某某", on=date(2026, 11, 25), passed=passed,
                                                note="未整改"))
    assert caught.value.field == "status"
    assert row_counts(session) == counts and _status(session, item_id) == "pending"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (RecheckInput(by=" ", on=date(2026, 11, 25), passed=True), "by", "请填写复查人"),
        (RecheckInput(by="张某某", on=None, passed=True), "on", "请填写复查日期"),
        (RecheckInput(by="张某某", on=date(2026, 11, 26), passed=True), "on", "不能晚于今天"),
        (RecheckInput(by="张某某", on=date(2026, 11, 23), passed=True), "on",
         "不能早于整改完成日期"),
        (RecheckInput(by="张某某", on=date(2026, 11, 25), passed=False), "note",
         "复查发现的问题"),
        (RecheckInput(by="张某某", on=date(2026, 11, 25), passed=True, photo="notes"), "photo",
         "只能添加图片文件"),
    ],
)
def test_recheck_refusals_save_nothing(session, member, item_id, tmp_path, data, field, message):
    mark_rectified(session=session, actor=member, item_id=item_id, rectified_at=DONE_AT,
                   note="纸箱已清理", now=LATER)
    if data.photo == "notes":
        (tmp_path / "notes.png").write_text("不是图片", encoding="utf-8")
        data = replace(data, photo=tmp_path / "notes.png")
    counts = row_counts(session)
    with pytest.raises(ValidationError, match=message) as caught:
        recheck_rectification(session=session, actor=member, item_id=item_id, data=data, now=LATER)
    assert caught.value.field == field
    assert row_counts(session) == counts and _status(session, item_id) == "rectified"


@pytest.mark.parametrize(
    ("at", "note", "field", "message"),
    [
        (None, "已清理", "rectified_at", "请填写整改完成时间"),
        (datetime(2026, 11, 25, 10, 1), "已清理", "rectified_at", "不能晚于当前时间"),
        (datetime(2026, 11, 19, 10, 0), "已清理", "rectified_at", "不能早于发现问题的日期"),
        (DONE_AT, "  ", "note", "请填写整改情况"),
    ],
)
def test_mark_rectified_refusals_save_nothing(session, member, item_id, at, note, field, message):
    counts = row_counts(session)
    with pytest.raises(ValidationError, match=message) as caught:
        mark_rectified(session=session, actor=member, item_id=item_id, rectified_at=at, note=note,
                       now=LATER)
    assert caught.value.field == field
    assert row_counts(session) == counts and _status(session, item_id) == "pending"


def test_marking_twice_and_editing_the_plan_after_rectification_are_refused(session, member,
                                                                             item_id, dept):
    row = mark_rectified(session=session, actor=member, item_id=item_id, rectified_at=DONE_AT,
                         note="纸箱已清理", now=LATER)
    with pytest.raises(ValidationError, match="只有“待整改”的事项可以登记整改完成"):
        mark_rectified(session=session, actor=member, item_id=item_id, rectified_at=DONE_AT,
                       note="再次", now=LATER)
    with pytest.raises(ValidationError, match="只有“待整改”的事项可以修改整改要求"):
        update_rectification_plan(session=session, actor=member, item_id=item_id, now=LATER,
                                  data=PlanInput(row.problem, "改", (dept["内科"],), row.deadline))


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"deadline": date(2026, 11, 19)}, "deadline", "整改时限不能早于检查日期（2026-11-20）"),
        ({"deadline": None}, "deadline", "请填写整改时限"),
        ({"department_ids": ()}, "department_ids", "请选择责任科室"),
        ({"measure": ""}, "measure", "请填写整改措施"),
        ({}, "measure", "没有修改任何内容"),
    ],
)
def test_plan_refusals_save_nothing(session, member, item_id, changes, field, message):
    row = get_rectification(session=session, item_id=item_id, today=LATER.date()).row
    plan = PlanInput(row.problem, row.measure, row.department_ids, row.deadline)
    counts = row_counts(session)
    with pytest.raises(ValidationError, match=message) as caught:
        update_rectification_plan(session=session, actor=member, item_id=item_id,
                                  data=replace(plan, **changes), now=LATER)
    assert caught.value.field == field
    assert row_counts(session) == counts


def test_a_new_deadline_and_departments_for_an_item(session, member, item_id, dept):
    row = get_rectification(session=session, item_id=item_id, today=LATER.date()).row
    updated = update_rectification_plan(
        session=session, actor=member, item_id=item_id, now=LATER,
        data=PlanInput(row.problem, row.measure, (dept["院办公室"], dept["总务科"]),
                       date(2026, 12, 4)))
    assert (updated.deadline, updated.departments) == (date(2026, 12, 4), "院办公室、总务科")
    events = get_rectification(session=session, item_id=item_id, today=LATER.date()).events
    assert events[-1].summary == "整改时限 2026-11-27 → 2026-12-04；调整责任科室"


# --- items entered by hand --------------------------------------------------------------------


def test_an_item_from_a_satisfaction_survey_entered_by_hand(session, member, dept, now):
    row = add_rectification(session=session, actor=member, now=now,
                            data=replace(SURVEY, department_ids=(dept["院办公室"], dept["总务科"])))
    assert (row.source_kind, row.source_label, row.source_text, row.found_on, row.result_id,
            row.inspection_id, row.departments, row.status, row.created_by) == (
        "satisfaction_survey", "满意度调查", "2026年第三季度满意度调查", date(2026, 11, 10), None,
        None, "院办公室、总务科", "pending", "李某某")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"source_kind": None}, "source_kind", "请选择问题来源"),
        ({"found_on": None}, "found_on", "请填写发现问题的日期"),
        ({"found_on": date(2026, 11, 24)}, "found_on", "不能晚于今天"),
        ({"problem": " "}, "problem", "请填写存在问题"),
        ({"measure": ""}, "measure", "请填写整改措施"),
        ({"department_ids": ()}, "department_ids", "请选择责任科室"),
        ({"department_ids": (424242,)}, "department_ids", "不存在或已停用"),
        ({"deadline": date(2026, 11, 9)}, "deadline", "整改时限不能早于发现问题的日期"),
        ({"deadline": None}, "deadline", "请填写整改时限"),
    ],
)
def test_manual_item_refusals_save_nothing(session, member, dept, now, changes, field, message):
    data = replace(SURVEY, **({"department_ids": (dept["内科"],)} | changes))
    counts = row_counts(session)
    with pytest.raises(ValidationError, match=message) as caught:
        add_rectification(session=session, actor=member, data=data, now=now)
    assert caught.value.field == field
    assert row_counts(session) == counts


# --- the ledger -------------------------------------------------------------------------------


@pytest.fixture
def ledger(session, duty, member, dept, now) -> dict[str, int]:
    """Four items: two from an inspection (one rectified), a survey item, a superior's item."""
    detail = signed(session, duty, now, failed={FIRE_EXIT: FIRE_EXIT_NOTE, 1: "候诊区地面有积水"})
    rows = {r.result_id: r.id for r in list_rectifications(session=session, today=now.date())}
    fire, floor = rows[result_id(detail, FIRE_EXIT)], rows[result_id(detail, 1)]
    update_rectification_plan(session=session, actor=member, item_id=fire, now=now, data=PlanInput(
        FIRE_EXIT_NOTE, "清理", (dept["总务科"],), date(2026, 11, 27)))
    mark_rectified(session=session, actor=member, item_id=floor, rectified_at=now, note="已拖干",
                   now=now)
    survey = add_rectification(session=session, actor=member, now=now,
                               data=replace(SURVEY, department_ids=(dept["院办公室"],))).id
    superior = add_rectification(session=session, actor=member, now=now, data=RectificationInput(
        source_kind="superior_inspection", found_on=date(2026, 10, 15), problem="院感登记本填写不全",
        measure="补全登记并每周自查", department_ids=(dept["内科"], dept["总务科"]),
        deadline=date(2026, 11, 20), source_text="县卫健局院感督导")).id
    return {"fire": fire, "floor": floor, "survey": survey, "superior": superior,
            "inspection": detail.id}


def _ids(session, today=date(2026, 11, 30), **filters) -> set[int]:
    return {r.id for r in list_rectifications(session=session, today=today,
                                              filters=RectificationFilter(**filters))}


def test_ledger_filters(session, ledger, dept):
    ids = ledger
    assert _ids(session) == {ids["fire"], ids["floor"], ids["survey"], ids["superior"]}
    assert _ids(session, status="rectified") == {ids["floor"]}
    assert _ids(session, department_id=dept["总务科"]) == {ids["fire"], ids["superior"]}
    assert _ids(session, source_kind="friday_inspection") == {ids["fire"], ids["floor"]}
    assert _ids(session, inspection_id=ids["inspection"]) == {ids["fire"], ids["floor"]}
    assert _ids(session, start=date(2026, 11, 1), end=date(2026, 11, 15)) == {ids["survey"]}
    # overdue as of the list's day: still 待整改 after the deadline
    assert _ids(session, today=date(2026, 11, 23), overdue_only=True) == {ids["superior"]}
    assert _ids(session, today=date(2026, 11, 30), overdue_only=True) == {ids["fire"],
                                                                            ids["superior"]}
    rows = {r.id: r for r in list_rectifications(session=session, today=date(2026, 11, 30))}
    assert (rows[ids["fire"]].overdue, rows[ids["fire"]].deadline_text) == (True, "逾期 3 天")
    assert rows[ids["floor"]].overdue is False  # done in time, waiting for its re-check
    assert count_rectifications(session=session, today=date(2026, 11, 30)) == {
        "pending": 3, "rectified": 1, "overdue": 2}


def test_open_only_leaves_closed_items_out(session, member, ledger):
    recheck_rectification(session=session, actor=member, item_id=ledger["floor"], now=LATER,
                          data=RecheckInput(by="张某某", on=date(2026, 11, 24), passed=True))
    assert ledger["floor"] in _ids(session)
    assert ledger["floor"] not in _ids(session, open_only=True)


def test_notices_per_responsible_department(session, ledger, dept):
    notices = rectification_notices(session=session, today=date(2026, 11, 30))
    assert [(n.department_name, sorted(i.id for i in n.items)) for n in notices] == [
        ("院办公室", [ledger["survey"]]),
        ("总务科", sorted([ledger["fire"], ledger["superior"]])),
        ("内科", [ledger["superior"]]),
        ("未指定科室", [ledger["floor"]]),
    ]
    assert notices[0].department_id == dept["院办公室"] and notices[-1].department_id is None
    only = rectification_notices(session=session, today=date(2026, 11, 30),
                                 filters=RectificationFilter(inspection_id=ledger["inspection"]))
    assert [n.department_name for n in only] == ["总务科", "未指定科室"]


def test_an_unknown_item(session, member, item_id):
    with pytest.raises(ValidationError, match="该整改事项不存在"):
        get_rectification(session=session, item_id=424242, today=LATER.date())
    with pytest.raises(ValidationError, match="该整改事项不存在"):
        mark_rectified(session=session, actor=member, item_id=424242, rectified_at=DONE_AT,
                       note="x", now=LATER)


# --- the setting ------------------------------------------------------------------------------


def test_rectification_workdays_setting(session, admin, member, now):
    assert settings.get_settings(session=session).rectification_workdays == 5
    assert "rectification_workdays" in settings.SETTING_FIELDS  # on the 机构信息 form
    assert "rectification_workdays" in settings.ALL_SETTING_FIELDS
    saved = settings.update_settings(session=session, actor=admin,
                                     values={"rectification_workdays": 60}, now=now)
    assert saved.rectification_workdays == 60
    for bad in (0, 61, "5", True):
        with pytest.raises(ValidationError, match="整改时限（工作日）") as caught:
            settings.update_settings(session=session, actor=admin,
                                     values={"rectification_workdays": bad}, now=now)
        assert caught.value.field == "rectification_workdays"
    with pytest.raises(PermissionDenied):
        settings.update_settings(session=session, actor=member,
                                 values={"rectification_workdays": 3}, now=now)
    assert settings.get_settings(session=session).rectification_workdays == 60
