"""Roles are enforced in the service functions, not only by hiding buttons (DESIGN §3)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop_app.db.services import audit, calendar, departments, settings, users, work_calendar
from desktop_app.db.services.departments import StaffRole
from desktop_app.domain.errors import PermissionDenied, ValidationError
from desktop_app.domain.roles import Role
from tests.support.db import MEMBER_PASSWORD, audit_count

NOW = datetime(2026, 11, 23, 9, 30)  # the attempts' clock (module level: no fixture)

ADMIN_ONLY = {
    "update_settings": lambda s, a, ctx: settings.update_settings(
        session=s, actor=a, values={"name": "冒名卫生院"}, now=NOW),
    "create_department": lambda s, a, ctx: departments.create_department(
        session=s, actor=a, name="新科室", is_clinical=False, now=NOW),
    "update_department": lambda s, a, ctx: departments.update_department(
        session=s, actor=a, department_id=ctx["dept"], name="改名科", is_clinical=True, now=NOW),
    "create_staff": lambda s, a, ctx: departments.create_staff(
        session=s, actor=a, name="钱某某", department_id=ctx["dept"], now=NOW),
    "update_staff": lambda s, a, ctx: departments.update_staff(
        session=s, actor=a, staff_id=ctx["staff"], name="改名", department_id=None, now=NOW),
    "create_user": lambda s, a, ctx: users.create_user(
        session=s, actor=a, username="sneaky", display_name="某某", role=Role.admin,
        password="Sneaky2026", now=NOW),
    "update_user": lambda s, a, ctx: users.update_user(
        session=s, actor=a, user_id=a.user_id, display_name="自封", role=Role.admin, active=True, now=NOW),
    "list_users": lambda s, a, ctx: users.list_users(session=s, actor=a),
    "add_calendar_day": lambda s, a, ctx: calendar.add_calendar_day(
        session=s, actor=a, day=date(2027, 1, 1), kind="holiday", name="元旦", now=NOW),
    "remove_calendar_day": lambda s, a, ctx: calendar.remove_calendar_day(
        session=s, actor=a, day=date(2025, 10, 1), now=NOW),
    "set_year_complete": lambda s, a, ctx: calendar.set_year_complete(
        session=s, actor=a, year=2027, complete=True, now=NOW),
    "list_audit": lambda s, a, ctx: audit.list_audit(session=s, actor=a),
    "count_audit": lambda s, a, ctx: audit.count_audit(session=s, actor=a),
}


@pytest.fixture
def ctx(session, admin, now) -> dict[str, int]:
    dept = departments.create_department(session=session, actor=admin, name="内科",
                                         is_clinical=True, now=now)
    person = departments.create_staff(session=session, actor=admin, name="张某某",
                                      department_id=dept.id, roles=[StaffRole.doctor], now=now)
    return {"dept": dept.id, "staff": person.id}


def _state(session) -> tuple:
    """Everything an admin-only call could change, to check that a refusal changed nothing."""
    return (
        settings.get_settings(session=session),
        departments.list_departments(session=session),
        departments.list_staff(session=session),
        work_calendar.list_calendar_days(session=session, year=2025),
        work_calendar.list_calendar_days(session=session, year=2027),
        work_calendar.covered_years(session=session),
        audit_count(session),
    )


@pytest.mark.parametrize("role_fixture", ["member", "duty"])
@pytest.mark.parametrize("action", sorted(ADMIN_ONLY))
def test_non_admin_roles_are_refused(request, session, ctx, role_fixture, action):
    actor = request.getfixturevalue(role_fixture)
    before = _state(session)
    with pytest.raises(PermissionDenied) as info:
        ADMIN_ONLY[action](session, actor, ctx)
    assert "无权" in info.value.message
    assert "办公室主任" in info.value.message
    session.expire_all()
    assert _state(session) == before


@pytest.mark.parametrize("action", sorted(ADMIN_ONLY))
def test_admin_is_allowed(session, admin, ctx, action):
    ADMIN_ONLY[action](session, admin, ctx)


def test_member_can_change_own_password(session, member, now):
    users.set_password(session=session, actor=member, user_id=member.user_id,
                       new_password="Ziji2026new", now=now)
    actor = users.authenticate(session=session, username="qiantai", password="Ziji2026new", now=now)
    assert actor.user_id == member.user_id


@pytest.mark.parametrize("target", ["admin", "duty"])
def test_member_cannot_change_someone_elses_password(request, session, member, target, now):
    victim = request.getfixturevalue(target)
    with pytest.raises(PermissionDenied):
        users.set_password(session=session, actor=member, user_id=victim.user_id,
                           new_password="Hijack2026", now=now)
    with pytest.raises(Exception):
        users.authenticate(session=session, username=victim.username, password="Hijack2026", now=now)


def test_member_cannot_promote_themselves(session, member, now):
    with pytest.raises(PermissionDenied):
        users.update_user(session=session, actor=member, user_id=member.user_id,
                          display_name="李某某", role=Role.admin, active=True, now=now)
    again = users.authenticate(session=session, username="qiantai", password=MEMBER_PASSWORD, now=now)
    assert again.role == Role.office_member


@pytest.mark.parametrize("role, active", [(Role.office_member, True), (Role.duty_director, True),
                                          (Role.admin, False)])
def test_last_active_admin_cannot_be_demoted_or_deactivated(session, admin, member, role, active, now):
    with pytest.raises(ValidationError) as info:
        users.update_user(session=session, actor=admin, user_id=admin.user_id,
                          display_name="王主任", role=role, active=active, now=now)
    assert info.value.field == "role"
    row = next(u for u in users.list_users(session=session, actor=admin) if u.id == admin.user_id)
    assert (row.role, row.active) == (Role.admin, True)


def test_an_admin_can_step_down_once_another_admin_exists(session, admin, member, now):
    users.update_user(session=session, actor=admin, user_id=member.user_id, display_name="李某某",
                      role=Role.admin, active=True, now=now)
    users.update_user(session=session, actor=admin, user_id=admin.user_id, display_name="王主任",
                      role=Role.office_member, active=True, now=now)
    new_admin = users.authenticate(session=session, username="qiantai", password=MEMBER_PASSWORD,
                                   now=now)
    roles = {u.username: u.role for u in users.list_users(session=session, actor=new_admin)}
    assert roles == {"zhuren": Role.office_member, "qiantai": Role.admin}
    with pytest.raises(ValidationError):  # now qiantai is the last one
        users.update_user(session=session, actor=new_admin, user_id=member.user_id,
                          display_name="李某某", role=Role.admin, active=False, now=now)


def test_a_demoted_user_loses_rights_without_logging_out(session, admin, now) -> None:
    """Roles are checked against the account as it is now, not as it was at login."""
    second = users.create_user(session=session, actor=admin, username="zhuren2",
                                  display_name="副主任", role=Role.admin, password="abc12345x", now=now)
    actor2 = users.authenticate(session=session, username="zhuren2", password="abc12345x", now=now)
    departments.create_department(session=session, actor=actor2, name="放射科", is_clinical=True, now=now)
    users.update_user(session=session, actor=admin, user_id=second.id, display_name="副主任",
                         role=Role.office_member, active=True, now=now)
    with pytest.raises(PermissionDenied):
        departments.create_department(session=session, actor=actor2, name="超声科", is_clinical=True,
                                      now=now)
    assert "超声科" not in [d.name for d in departments.list_departments(session=session)]
