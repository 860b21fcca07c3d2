"""Every change writes one audit row: who, when, what, before/after (DESIGN §3)."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from desktop_app.db.services import audit, calendar, departments, settings, users, work_calendar
from desktop_app.db.services.departments import StaffRole
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.roles import Role
from tests.support.db import ADMIN_PASSWORD, MEMBER_PASSWORD, audit_count, audit_rows


NOW = datetime(2026, 11, 23, 9, 30)  # the refused writes' clock (module level: no fixture)


def _one_new_row(session, before_count: int):
    rows = audit_rows(session)
    assert len(rows) == before_count + 1, [(r.action, r.table_name) for r in rows[before_count:]]
    return rows[-1]


def _load(text: str | None):
    return None if text is None else json.loads(text)


@pytest.fixture
def dept(session, admin, now):
    return departments.create_department(session=session, actor=admin, name="内科",
                                         is_clinical=True, phone="0538-5991234", now=now)


def test_create_department(session, admin, now):
    n = audit_count(session)
    row = departments.create_department(session=session, actor=admin, name="外科",
                                        is_clinical=True, now=now)
    a = _one_new_row(session, n)
    assert (a.username, a.user_id, a.action, a.table_name, a.record_id) == (
        "zhuren", admin.user_id, "create", "department", str(row.id))
    assert a.at == now
    assert a.before is None
    assert _load(a.after)["name"] == "外科"


def test_update_department_keeps_before_and_after(session, admin, dept, now):
    n = audit_count(session)
    departments.update_department(session=session, actor=admin, department_id=dept.id,
                                  name="内一科", is_clinical=True, phone="0538-5991234", now=now)
    a = _one_new_row(session, n)
    assert (a.action, a.table_name, a.record_id) == ("update", "department", str(dept.id))
    assert _load(a.before)["name"] == "内科"
    assert _load(a.after)["name"] == "内一科"


def test_create_staff(session, admin, dept, now):
    n = audit_count(session)
    person = departments.create_staff(session=session, actor=admin, name="张某某",
                                      department_id=dept.id, roles=[StaffRole.doctor], now=now)
    a = _one_new_row(session, n)
    assert (a.username, a.action, a.table_name, a.record_id) == (
        "zhuren", "create", "staff", str(person.id))
    assert a.before is None
    assert _load(a.after)["roles"] == "doctor"
    assert _load(a.after)["department_id"] == dept.id


def test_update_settings(session, admin, now):
    n = audit_count(session)
    settings.update_settings(session=session, actor=admin,
                             values={"name": "示例镇卫生院", "limit_complaint_workdays": 12}, now=now)
    a = _one_new_row(session, n)
    assert (a.action, a.table_name, a.record_id) == ("update", "institution_settings", "1")
    assert _load(a.before)["limit_complaint_workdays"] == 10
    assert _load(a.after)["limit_complaint_workdays"] == 12
    assert _load(a.after)["name"] == "示例镇卫生院"


def test_create_user_never_logs_the_password_hash(session, admin, now):
    n = audit_count(session)
    row = users.create_user(session=session, actor=admin, username="qiantai", display_name="李某某",
                            role=Role.office_member, password=MEMBER_PASSWORD, now=now)
    a = _one_new_row(session, n)
    assert (a.username, a.action, a.table_name, a.record_id) == (
        "zhuren", "create", "app_user", str(row.id))
    assert a.before is None
    after = _load(a.after)
    assert after["username"] == "qiantai"
    assert "password_hash" not in after


def test_set_password(session, admin, member, now):
    n = audit_count(session)
    users.set_password(session=session, actor=admin, user_id=member.user_id,
                       new_password="Xinmima2026", now=now)
    a = _one_new_row(session, n)
    assert (a.username, a.table_name, a.record_id) == ("zhuren", "app_user", str(member.user_id))
    assert "Xinmima2026" not in (a.after or "")


def test_add_and_remove_calendar_day(session, admin, now):
    n = audit_count(session)
    calendar.add_calendar_day(session=session, actor=admin, day=date(2027, 1, 1),
                              kind="holiday", name="元旦", now=now)
    a = _one_new_row(session, n)
    assert (a.username, a.action, a.table_name, a.record_id) == (
        "zhuren", "create", "calendar_day", "2027-01-01")
    assert a.before is None and _load(a.after)["kind"] == "holiday"
    calendar.remove_calendar_day(session=session, actor=admin, day=date(2027, 1, 1), now=now)
    a = _one_new_row(session, n + 1)
    assert (a.action, a.table_name, a.record_id) == ("delete", "calendar_day", "2027-01-01")
    assert _load(a.before)["name"] == "元旦"
    assert a.after is None


def test_set_year_complete_and_back(session, admin, now):
    n = audit_count(session)
    calendar.set_year_complete(session=session, actor=admin, year=2027, complete=True, now=now)
    a = _one_new_row(session, n)
    assert (a.username, a.action, a.table_name, a.record_id) == (
        "zhuren", "create", "calendar_year", "2027")
    assert a.before is None and _load(a.after)["year"] == 2027
    calendar.set_year_complete(session=session, actor=admin, year=2027, complete=False, now=now)
    a = _one_new_row(session, n + 1)
    assert (a.action, a.record_id, a.after) == ("delete", "2027", None)
    assert _load(a.before)["year"] == 2027


def test_no_audit_row_ever_holds_a_password_or_its_hash(session, admin, member, now):
    users.set_password(session=session, actor=member, user_id=member.user_id,
                       new_password="Ziji2026new", now=now)
    users.update_user(session=session, actor=admin, user_id=member.user_id, display_name="李某",
                      role=Role.office_member, active=True, now=now)
    with pytest.raises(Exception):
        users.authenticate(session=session, username="qiantai", password="Wrong2026x", now=now)
    rows = audit_rows(session)
    assert {r.action for r in rows} >= {"create", "login", "login_failed", "password", "update"}
    for r in rows:
        text = f"{r.before} {r.after}"
        assert "$argon2" not in text and "password_hash" not in text
        for secret in (ADMIN_PASSWORD, MEMBER_PASSWORD, "Ziji2026new", "Wrong2026x"):
            assert secret not in text


def test_audit_list_is_newest_first_and_counts_by_table(session, admin, dept, now):
    departments.create_department(session=session, actor=admin, name="外科", is_clinical=True,
                                  now=now)
    rows = audit.list_audit(session=session, actor=admin, table="department")
    assert [_load(r.after)["name"] for r in rows] == ["外科", "内科"]
    assert audit.count_audit(session=session, actor=admin, table="department") == 2


FAILING_WRITES = {
    "create_department": lambda s, a, ctx: departments.create_department(
        session=s, actor=a, name="内科", is_clinical=False, now=NOW),  # duplicate
    "update_department": lambda s, a, ctx: departments.update_department(
        session=s, actor=a, department_id=ctx.id, name="内一科", is_clinical=True, phone="12345", now=NOW),
    "create_staff": lambda s, a, ctx: departments.create_staff(
        session=s, actor=a, name="张某某", department_id=ctx.id, phone="call me", now=NOW),
    "update_settings": lambda s, a, ctx: settings.update_settings(
        session=s, actor=a, values={"name": "新名字", "limit_complaint_workdays": 0}, now=NOW),
    "create_user": lambda s, a, ctx: users.create_user(
        session=s, actor=a, username="newone", display_name="某某", role=Role.office_member,
        password="weak", now=NOW),
    "set_password": lambda s, a, ctx: users.set_password(
        session=s, actor=a, user_id=a.user_id, new_password="weak", now=NOW),
    "add_calendar_day": lambda s, a, ctx: calendar.add_calendar_day(
        session=s, actor=a, day=date(2025, 10, 1), kind="makeup", name="调休", now=NOW),
    "remove_calendar_day": lambda s, a, ctx: calendar.remove_calendar_day(
        session=s, actor=a, day=date(2025, 10, 13), now=NOW),  # an ordinary Monday
    "set_year_complete": lambda s, a, ctx: calendar.set_year_complete(
        session=s, actor=a, year=1999, complete=True, now=NOW),
}


def _everything(session, admin):
    return (
        [(r.id, r.action, r.before, r.after) for r in audit_rows(session)],
        settings.get_settings(session=session),
        departments.list_departments(session=session),
        departments.list_staff(session=session),
        users.list_users(session=session, actor=admin),
        work_calendar.list_calendar_days(session=session, year=2025),
        work_calendar.covered_years(session=session),
    )


@pytest.mark.parametrize("write", sorted(FAILING_WRITES))
def test_a_refused_write_adds_no_audit_row_and_changes_nothing(session, admin, dept, write, now):
    before = _everything(session, admin)
    with pytest.raises(ValidationError):
        FAILING_WRITES[write](session, admin, dept)
    session.expire_all()
    assert _everything(session, admin) == before
    # the admin's password is still the old one (set_password saved nothing)
    users.authenticate(session=session, username="zhuren", password=ADMIN_PASSWORD, now=now)


@pytest.mark.parametrize("bad", [None, "2026-11-23 09:30", date(2026, 11, 23)])
def test_a_write_without_a_proper_now_is_refused_before_anything_is_written(session, admin, bad):
    """Issue 12: services are given `now`; a None or a wrong type is the program's mistake,
    refused as a ValidationError on `now`, with no audit row and no change."""
    before = _everything(session, admin)
    with pytest.raises(ValidationError) as caught:
        departments.create_department(session=session, actor=admin, name="外科", is_clinical=True,
                                      now=bad)
    assert caught.value.field == "now"
    session.expire_all()
    assert _everything(session, admin) == before


@pytest.mark.parametrize("bad", [None, NOW])  # a datetime is not a day
def test_a_service_given_a_wrong_today_is_refused(session, admin, bad):
    from desktop_app.db.services import surveys
    from desktop_app.records.survey_rows import VisitsInput

    with pytest.raises(ValidationError) as caught:
        surveys.set_visits(session=session, actor=admin, today=bad, now=NOW,
                           data=VisitsInput(day=date(2026, 11, 23), department_id=None, visits=1))
    assert caught.value.field == "today"


def test_the_audit_row_takes_the_callers_time_only(session, admin):
    from desktop_app.db.tx import write_audit

    with pytest.raises(ValidationError):
        write_audit(session, admin, "create", "department", 1, None, {}, None)  # type: ignore[arg-type]
