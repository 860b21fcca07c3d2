"""Roles and what each may do (DESIGN: the people who use it; §3 roles enforced in services).

- 前台/办公室成员 (office_member): registers and works matters, follow-ups, surveys.
- 值班院长 (duty_director): duty log, Friday inspection, tier-3 visits.
- 办公室主任 (admin): everything, and alone may change settings, users,
  the calendar, grant extensions, and read the audit log.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """A login account's role; decides what its service calls may do."""

    office_member = "office_member"
    duty_director = "duty_director"
    admin = "admin"


ROLE_LABELS: dict[Role, str] = {
    Role.office_member: "前台/办公室成员",
    Role.duty_director: "值班院长",
    Role.admin: "办公室主任（管理员）",
}


class Permission(StrEnum):
    """An action that only some roles may take (checked in db service functions)."""

    edit_settings = "edit_settings"
    manage_departments = "manage_departments"
    manage_staff = "manage_staff"
    manage_users = "manage_users"
    edit_calendar = "edit_calendar"
    view_audit = "view_audit"
    grant_extension = "grant_extension"
    register_matter = "register_matter"
    record_inspection = "record_inspection"
    record_followup = "record_followup"
    record_survey = "record_survey"
    set_finding = "set_finding"


_ALL = frozenset(Permission)
_GRANTS: dict[Role, frozenset[Permission]] = {
    Role.admin: _ALL,
    Role.office_member: frozenset(
        {Permission.register_matter, Permission.record_followup, Permission.record_survey}
    ),
    Role.duty_director: frozenset(
        {Permission.register_matter, Permission.record_inspection, Permission.record_followup,
         Permission.record_survey}
    ),
}

PERMISSION_LABELS: dict[Permission, str] = {
    Permission.edit_settings: "修改机构设置",
    Permission.manage_departments: "管理科室",
    Permission.manage_staff: "管理人员",
    Permission.manage_users: "管理用户",
    Permission.edit_calendar: "修改节假日日历",
    Permission.view_audit: "查看操作日志",
    Permission.grant_extension: "批准延期",
    Permission.register_matter: "登记诉求",
    Permission.record_inspection: "记录周五检查",
    Permission.record_followup: "登记出院患者和回访",
    Permission.record_survey: "录入满意度调查",
    Permission.set_finding: "认定投诉核实结论",
}


def allows(role: Role | str, permission: Permission) -> bool:
    """True if `role` may do `permission`."""
    return permission in _GRANTS.get(Role(role), frozenset())
