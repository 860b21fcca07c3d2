"""Entering questionnaires (issue 6 §2, §4; DESIGN §1.7): the three kinds of form, every
refusal at its field, audit rows, correcting and deleting, listing with phones masked, and
turning a form's comment into a registered matter."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from sqlmodel import func, select

from desktop_app.db.models import Survey
from desktop_app.db.services.departments import update_department
from desktop_app.db.services.matters_register import register_matter
from desktop_app.db.services.surveys import (
    delete_survey,
    get_survey,
    list_surveys,
    record_survey,
    survey_for_matter,
    survey_matter_prefill,
    survey_source_ref,
    update_survey,
)
from desktop_app.domain import roles
from desktop_app.domain.errors import PermissionDenied, ValidationError
from desktop_app.domain.roles import Permission, Role
from tests.support.db import audit_count, audit_rows
from tests.support.surveys import (
    ALL_SATISFIED, DAY, INPATIENT, OUTPATIENT, PHONE, make_departments, survey, visits,
)


@pytest.fixture
def deps(session, admin, now) -> dict[str, int]:
    return make_departments(session, admin, now)


def _count(session) -> int:
    return session.exec(select(func.count(Survey.id))).one()


def test_an_outpatient_form_is_saved_with_the_days_quota(session, member, deps, today):
    visits(session, member, today, DAY, deps["内科"], 10)
    saved = survey(session, member, today, OUTPATIENT, deps["内科"],
                   answers={"attitude": "dissatisfied", "fees": "basic"}, comment="  排队太久  ")
    row = saved.survey
    assert row.kind == "outpatient" and row.day == DAY and row.department_name == "内科"
    assert row.answers["attitude"] == "dissatisfied" and row.answers["fees"] == "basic"
    assert row.answers["skill"] == "unanswered"  # a dimension left out is 未答
    assert row.overall == "unanswered" and row.comment == "排队太久"
    assert row.entered_by == "李某某" and row.matter_serial is None
    assert (saved.quota.visits, saved.quota.surveys, saved.quota.ratio) == (10, 1, 0.3)
    again = survey(session, member, today, OUTPATIENT, deps["内科"])
    assert again.quota.surveys == 2


def test_an_inpatient_form_and_a_phone_survey(session, duty, deps, today):
    inpatient = survey(session, duty, today, INPATIENT, deps["外科"], cards_given=2)
    assert inpatient.quota is None  # the quota counts outpatient forms only
    row = inpatient.survey
    assert (row.patient_name, row.bed_no, row.cards_given) == ("钱某某", "12", 2)
    phone = survey(session, duty, today, PHONE, deps["内科"], phone="139 0000 1234",
                   answers=ALL_SATISFIED, patient_name="不存", cards_given=3)
    row = phone.survey
    assert (row.respondent_name, row.phone, row.service_item, row.reached, row.overall) == (
        "张某某", "13900001234", "老年人健康管理", True, "satisfied")
    # fields of the other kinds are not stored
    assert set(row.answers.values()) == {"unanswered"}
    assert (row.patient_name, row.cards_given) == ("", 0)
    not_reached = survey(session, duty, today, PHONE, deps["内科"], reached=False,
                         overall="unanswered", phone="")
    assert not_reached.survey.reached is False and not_reached.survey.phone == ""


@pytest.mark.parametrize(("base", "changes", "field", "message"), [
    (OUTPATIENT, {"kind": "email"}, "kind", "请选择调查类别"),
    (OUTPATIENT, {"day": None}, "day", "请填写调查日期"),
    (OUTPATIENT, {"day": date(2026, 11, 24)}, "day", "调查日期不能晚于今天"),
    (OUTPATIENT, {"department_id": None}, "department_id", "请选择科室"),
    (OUTPATIENT, {"department_id": 999}, "department_id", "科室不存在或已停用"),
    (OUTPATIENT, {"answers": {"attitude": "good"}}, "answers", "服务态度的答案“good”无效"),
    (OUTPATIENT, {"answers": {"speed": "satisfied"}}, "answers", "问卷中没有“speed”"),
    (OUTPATIENT, {"answers": {}}, "answers", "问卷未填写任何项目"),
    (OUTPATIENT, {"answers": {"skill": "unanswered"}, "comment": "   "}, "answers",
     "问卷未填写任何项目"),
    (OUTPATIENT, {"comment": "很" * 1001}, "comment", "意见建议不能超过1000个字"),
    (INPATIENT, {"cards_given": 21}, "cards_given", "0 到 20"),
    (INPATIENT, {"cards_given": -1}, "cards_given", "0 到 20"),
    (INPATIENT, {"bed_no": "12345678901"}, "bed_no", "床号不能超过10个字"),
    (PHONE, {"respondent_name": " "}, "respondent_name", "请填写被调查人"),
    (PHONE, {"phone": "12345"}, "phone", "电话"),
    (PHONE, {"reached": None}, "reached", "请选择是否接通"),
    (PHONE, {"reached": False}, "overall", "电话未接通，不能填写满意度"),
    (PHONE, {"overall": "ok"}, "overall", "总体满意度的答案“ok”无效"),
    (PHONE, {"overall": "unanswered"}, "overall", "问卷未填写任何项目"),
])
def test_bad_input_is_refused_at_its_field(session, member, deps, today, base, changes, field,
                                          message, now):
    audits = audit_count(session)
    changes = {"department_id": deps["内科"]} | changes
    with pytest.raises(ValidationError, match=message) as caught:
        record_survey(session=session, actor=member, today=today, data=replace(base, **changes), now=now)
    assert caught.value.field == field
    assert _count(session) == 0 and audit_count(session) == audits


def test_a_comment_alone_is_a_form(session, member, deps, today):
    saved = survey(session, member, today, OUTPATIENT, deps["内科"], answers={}, comment="厕所没纸")
    assert saved.survey.comment == "厕所没纸"


def test_a_deactivated_department_is_refused_but_kept_on_correction(session, admin, member, deps,
                                                                    today, now):
    saved = survey(session, member, today, OUTPATIENT, deps["外科"])
    update_department(session=session, actor=admin, department_id=deps["外科"], name="外科",
                      is_clinical=True, active=False, now=now)
    with pytest.raises(ValidationError, match="科室不存在或已停用"):
        survey(session, member, today, OUTPATIENT, deps["外科"])
    corrected = update_survey(session=session, actor=member, survey_id=saved.survey.id,
                              data=replace(OUTPATIENT, department_id=deps["外科"], comment="补"),
                              today=today, now=now)
    assert corrected.survey.comment == "补" and corrected.survey.department_name == "外科"


def test_audit_rows_for_create_update_delete(session, member, deps, today, now):
    saved = survey(session, member, today, OUTPATIENT, deps["内科"])
    survey_id = saved.survey.id
    updated = update_survey(session=session, actor=member, survey_id=survey_id, today=today,
                            data=replace(OUTPATIENT, department_id=deps["外科"],
                                         answers={"attitude": "basic"}), now=now)
    assert updated.survey.department_name == "外科"
    assert updated.survey.answers["attitude"] == "basic"
    assert updated.survey.answers["efficiency"] == "unanswered"
    assert updated.survey.entered_by == "李某某"
    delete_survey(session=session, actor=member, survey_id=survey_id, now=now)
    assert _count(session) == 0
    rows = [r for r in audit_rows(session) if r.table_name == "survey"]
    assert [r.action for r in rows] == ["create", "update", "delete"]
    assert json.loads(rows[1].before)["attitude"] == "satisfied"
    assert json.loads(rows[1].after)["attitude"] == "basic"
    assert rows[2].after is None and rows[2].record_id == str(survey_id)
    with pytest.raises(ValidationError, match="该问卷不存在"):
        get_survey(session=session, survey_id=survey_id)


def test_saving_a_form_unchanged_changes_nothing(session, member, deps, today, now):
    saved = survey(session, member, today, PHONE, deps["内科"], comment="随访医生很耐心")
    audits = audit_count(session)
    again = update_survey(session=session, actor=member, survey_id=saved.survey.id, today=today,
                          data=replace(PHONE, department_id=deps["内科"],
                                       comment="  随访医生很耐心 "), now=now)
    assert audit_count(session) == audits
    assert again.survey == saved.survey
    changed = update_survey(session=session, actor=member, survey_id=saved.survey.id,
                            today=today, now=now,
                            data=replace(PHONE, department_id=deps["内科"], overall="basic",
                                         comment="随访医生很耐心"))
    assert changed.survey.overall == "basic" and audit_count(session) == audits + 1
    (row,) = [r for r in audit_rows(session) if r.action == "update"]
    assert (json.loads(row.before)["overall"], json.loads(row.after)["overall"]) == (
        "satisfied", "basic")


def test_writing_needs_the_permission(session, member, deps, today, monkeypatch, now):
    saved = survey(session, member, today, OUTPATIENT, deps["内科"])
    grants = dict(roles._GRANTS)
    grants[Role.office_member] = grants[Role.office_member] - {Permission.record_survey}
    monkeypatch.setattr(roles, "_GRANTS", grants)
    with pytest.raises(PermissionDenied, match="无权录入满意度调查"):
        survey(session, member, today, OUTPATIENT, deps["内科"])
    with pytest.raises(PermissionDenied):
        delete_survey(session=session, actor=member, survey_id=saved.survey.id, now=now)
    assert _count(session) == 1


def test_get_shows_the_phone_whole_and_the_list_masks_it(session, member, deps, today):
    first = survey(session, member, today, PHONE, deps["内科"], comment="随访医生很耐心")
    survey(session, member, today, OUTPATIENT, deps["外科"], day=DAY - timedelta(days=1),
           comment="挂号排队久")
    last = survey(session, member, today, INPATIENT, deps["外科"], comment="病房热水不足")
    assert get_survey(session=session, survey_id=first.survey.id).phone == "13900001234"
    rows = list_surveys(session=session)
    assert [r.id for r in rows] == [last.survey.id, first.survey.id, rows[2].id]  # newest first
    assert rows[1].phone == "139****1234"
    assert [r.kind for r in list_surveys(session=session, kind="inpatient")] == ["inpatient"]
    assert len(list_surveys(session=session, day_from=DAY, day_to=DAY)) == 2
    assert len(list_surveys(session=session, department_id=deps["外科"])) == 2
    assert [r.comment for r in list_surveys(session=session, text="热水")] == ["病房热水不足"]
    assert [r.comment for r in list_surveys(session=session, text="张某某")] == ["随访医生很耐心"]
    assert len(list_surveys(session=session, limit=1)) == 1


def test_phones_in_a_comment_are_masked_in_the_list_only(session, member, deps, today):
    comment = "请回电13812345678或座机0538-5991234，张某某"
    saved = survey(session, member, today, OUTPATIENT, deps["内科"], comment=comment)
    assert saved.survey.comment == comment  # the form just typed in shows what was typed
    assert get_survey(session=session, survey_id=saved.survey.id).comment == comment
    (row,) = list_surveys(session=session)
    assert row.comment == "请回电138****5678或座机0538-***1234，张某某"
    # still found by the whole number typed in the search box
    assert [r.id for r in list_surveys(session=session, text="13812345678")] == [row.id]
    assert survey_matter_prefill(session=session, survey_id=row.id).content == comment


def test_a_negative_comment_becomes_a_matter(session, member, deps, today, now):
    saved = survey(session, member, today, OUTPATIENT, deps["内科"], comment="医生态度生硬",
                   answers=ALL_SATISFIED | {"attitude": "dissatisfied"})
    survey_id = saved.survey.id
    prefill = survey_matter_prefill(session=session, survey_id=survey_id)
    assert prefill.channel == "outpatient_survey" and prefill.request_type == "complaint"
    assert prefill.target_department_id == deps["内科"] and prefill.content == "医生态度生硬"
    assert prefill.anonymous and prefill.complainant_name == ""
    assert prefill.category == "attitude"  # the one item answered 不满意
    assert prefill.source_ref == survey_source_ref(survey_id) == f"survey:{survey_id}"
    assert prefill.received_at.date() == DAY and prefill.first_receiver_name == "李某某"
    matter = register_matter(session=session, actor=member, now=now, data=prefill)
    assert survey_for_matter(session=session, source_ref=matter_source(session, matter.id)) == \
        survey_id
    row = get_survey(session=session, survey_id=survey_id)
    assert (row.matter_id, row.matter_serial) == (matter.id, matter.serial)
    assert list_surveys(session=session)[0].matter_serial == matter.serial
    with pytest.raises(ValidationError, match=f"已登记为诉求（{matter.serial}），不能删除"):
        delete_survey(session=session, actor=member, survey_id=survey_id, now=now)
    with pytest.raises(ValidationError, match="已登记为诉求"):
        survey_matter_prefill(session=session, survey_id=survey_id)
    assert _count(session) == 1


def matter_source(session, matter_id: int) -> str:
    from desktop_app.db.models import Matter

    return session.get(Matter, matter_id).source_ref


def test_prefill_by_kind(session, member, deps, today):
    inpatient = survey(session, member, today, INPATIENT, deps["外科"], comment="希望增加陪护椅")
    prefill = survey_matter_prefill(session=session, survey_id=inpatient.survey.id)
    assert (prefill.channel, prefill.request_type, prefill.complainant_name, prefill.relation,
            prefill.anonymous) == ("inpatient_form", "suggestion", "钱某某", "本人", False)
    phone = survey(session, member, today, PHONE, deps["内科"], overall="dissatisfied")
    prefill = survey_matter_prefill(session=session, survey_id=phone.survey.id)
    assert (prefill.channel, prefill.request_type, prefill.complainant_name, prefill.phone) == (
        "public_health_phone", "complaint", "张某某", "13900001234")
    assert prefill.content == "基本公卫电话调查中总体满意度为“不满意”"
    assert prefill.category is None
    two = survey(session, member, today, OUTPATIENT, deps["内科"], answers={
        "skill": "dissatisfied", "fees": "dissatisfied"})
    prefill = survey_matter_prefill(session=session, survey_id=two.survey.id)
    assert prefill.category is None and prefill.request_type == "complaint"
    assert prefill.content == "门诊满意度问卷中业务技术、费用告知及收费合理性为“不满意”"
    one = survey(session, member, today, INPATIENT, deps["内科"], answers={"skill": "dissatisfied"})
    assert survey_matter_prefill(session=session, survey_id=one.survey.id).category == "technique"


@pytest.mark.parametrize("ref", ["", "duty_log:1", "survey:x", "survey:999"])
def test_survey_for_matter_without_a_form(session, ref):
    assert survey_for_matter(session=session, source_ref=ref) is None


def test_entered_at_is_kept_and_an_old_day_is_accepted(session, member, deps, today):
    saved = record_survey(session=session, actor=member, today=today,
                          data=replace(OUTPATIENT, department_id=deps["内科"],
                                       day=date(2025, 1, 2)),
                          now=datetime(2026, 11, 23, 8, 15))
    assert saved.survey.entered_at == datetime(2026, 11, 23, 8, 15)
    assert saved.quota.visits is None and saved.quota.quota.met is None
