"""A form with several bad fields hears of every one at once, and nothing is saved (DESIGN §3).

Each service that checks a form gathers its independent field checks
(`gather_errors`): two bad fields give both (field, message) pairs in
`exc.problems`, the first one still `exc.field` / `str(exc)`, and no row
(nor audit row) is written.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlmodel import Session, func, select

from desktop_app.db.models import AuditLog, Department, Discharge, Matter, Staff, Survey, User
from desktop_app.db.models_inspections import RectificationItem
from desktop_app.db.services import departments, discharges, rectifications, surveys, users
from desktop_app.records.followup_rows import DischargeInput
from desktop_app.records.matter_rows import MatterInput
from desktop_app.db.services.matters import register_matter
from desktop_app.records.rectification_rows import PlanInput, RectificationInput
from desktop_app.records.survey_rows import SurveyInput
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.roles import Role


def _count(session: Session, model) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(model)).one()


def _refused(session: Session, model, call) -> ValidationError:
    """Run `call`, which must fail; no row of `model` and no audit row may have been written."""
    before = (_count(session, model), _count(session, AuditLog))
    with pytest.raises(ValidationError) as caught:
        call()
    assert (_count(session, model), _count(session, AuditLog)) == before
    return caught.value


def test_matter_registration(session, admin, now):
    data = MatterInput(
        received_at=now - timedelta(hours=1), channel="walk_in", request_type="complaint",
        complainant_name="", anonymous=False, phone="123", relation="本人",
        target_department_id=None, target_staff_id=None, target_text="挂号窗口",
        category="efficiency", content="挂号排队时间长", first_receiver_name="卫某某",
    )
    exc = _refused(session, Matter, lambda: register_matter(session=session, actor=admin, data=data,
                                                            now=now))
    assert exc.field == "complainant_name" and exc.problems[0] == (exc.field, str(exc))
    assert ("complainant_name", "请填写投诉人姓名，或勾选“匿名”") in exc.problems
    assert [f for f, _m in exc.problems] == ["complainant_name", "phone"]


def test_department_save(session, admin, now):
    exc = _refused(session, Department, lambda: departments.create_department(
        session=session, actor=admin, name="", is_clinical=True, phone="12", now=now))
    assert exc.problems[0] == ("name", "请填写科室名称")
    assert [f for f, _m in exc.problems] == ["name", "phone"]


def test_staff_save(session, admin, now):
    exc = _refused(session, Staff, lambda: departments.create_staff(
        session=session, actor=admin, name="", department_id=9999, now=now))
    assert exc.problems == (("name", "请填写姓名"), ("department_id", "所选科室不存在"))


def test_user_create(session, admin, now):
    exc = _refused(session, User, lambda: users.create_user(
        session=session, actor=admin, username="x", display_name="", role=Role.office_member,
        password="short", now=now))
    assert [f for f, _m in exc.problems] == ["display_name", "username", "password"]
    assert exc.problems[0] == ("display_name", "请填写姓名")


def test_user_edit(session, admin, now):
    before = session.get(User, admin.user_id).display_name
    with pytest.raises(ValidationError) as caught:
        users.update_user(session=session, actor=admin, user_id=admin.user_id, display_name="",
                          role=Role.office_member, active=True, now=now)
    assert caught.value.problems == (("display_name", "请填写姓名"),
                                     ("role", "至少要保留一个启用的办公室主任（管理员）账号"))
    session.expire_all()
    assert session.get(User, admin.user_id).display_name == before


def test_survey_record(session, admin, now):
    data = SurveyInput(kind="inpatient", day=None, department_id=None,
                       answers={"attitude": "satisfied"}, cards_given=99)
    exc = _refused(session, Survey, lambda: surveys.record_survey(
        session=session, actor=admin, data=data, today=now.date(), now=now))
    assert exc.problems == (("day", "请填写调查日期"), ("department_id", "请选择科室"),
                            ("cards_given", "发放连心卡数量须在 0 到 20 张之间"))


def test_rectification_add_and_plan(session, admin, now):
    data = RectificationInput(source_kind="satisfaction_survey", found_on=now.date(), problem="", measure="",
                              department_ids=(), deadline=None)
    exc = _refused(session, RectificationItem, lambda: rectifications.add_rectification(
        session=session, actor=admin, data=data, now=now))
    assert exc.problems[:2] == (("problem", "请填写存在问题"), ("measure", "请填写整改措施"))
    assert ("deadline", "请填写整改时限") in exc.problems

    dept = departments.create_department(session=session, actor=admin, name="内科",
                                         is_clinical=True, now=now).id
    item = rectifications.add_rectification(session=session, actor=admin, now=now, data=RectificationInput(
        source_kind="satisfaction_survey", found_on=now.date(), problem="候诊区座椅不足", measure="增加座椅",
        department_ids=(dept,), deadline=now.date() + timedelta(days=7)))
    exc = _refused(session, AuditLog, lambda: rectifications.update_rectification_plan(
        session=session, actor=admin, item_id=item.id, now=now,
        data=PlanInput("", "增加座椅", (dept,), date(2000, 1, 1))))
    assert [f for f, _m in exc.problems] == ["problem", "deadline"]


def test_discharge_registration(session, admin, now):
    data = DischargeInput(patient_name="", sex="female", age=200, phone="13900005678", address="",
                          department_id=None, doctor_name="孙某某", nurse_name="",
                          admitted_on=date(2026, 11, 9), discharged_on=date(2026, 11, 16))
    exc = _refused(session, Discharge, lambda: discharges.register_discharge(
        session=session, actor=admin, data=data, now=datetime(2026, 11, 23, 9, 0)))
    assert exc.problems == (("patient_name", "请填写患者姓名"), ("age", "年龄应在 0 到 130 岁之间"),
                            ("department_id", "请选择出院科室"))
