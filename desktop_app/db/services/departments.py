"""Departments and staff (issue 2 §3).

Department names are unique; a department in use is deactivated (停用), not
deleted, so old records keep their department. Staff carry one or more
roles (DESIGN: doctor, nurse, leader, union chair, office member, duty
director) used by later tabs to pick people.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlmodel import Session, func, select

from desktop_app.db.models import Department, Staff
from desktop_app.db.tx import Actor, require, snapshot, transactional, write_audit
from desktop_app.domain.errors import ValidationError, gather_errors
from desktop_app.domain.roles import Permission
from desktop_app.domain.validation import clean_phone, clean_text


class StaffRole(StrEnum):
    doctor = "doctor"
    nurse = "nurse"
    leader = "leader"
    union_chair = "union_chair"
    office_member = "office_member"
    duty_director = "duty_director"


STAFF_ROLE_LABELS: dict[StaffRole, str] = {
    StaffRole.doctor: "医生",
    StaffRole.nurse: "护士",
    StaffRole.leader: "院领导",
    StaffRole.union_chair: "工会主席",
    StaffRole.office_member: "办公室成员",
    StaffRole.duty_director: "值班院长",
}


@dataclass(frozen=True)
class DepartmentRow:
    id: int
    name: str
    is_clinical: bool
    phone: str
    active: bool
    staff_count: int = 0


@dataclass(frozen=True)
class StaffRow:
    id: int
    name: str
    department_id: int | None
    department_name: str
    roles: tuple[StaffRole, ...]
    phone: str
    active: bool


def list_departments(*, session: Session, include_inactive: bool = True) -> list[DepartmentRow]:
    """Departments in display order, with how many active staff each has."""
    counts = dict(
        session.exec(
            select(Staff.department_id, func.count(Staff.id))
            .where(Staff.active == True)  # noqa: E712
            .group_by(Staff.department_id)
        ).all()
    )
    stmt = select(Department).order_by(Department.sort_order, Department.id)
    if not include_inactive:
        stmt = stmt.where(Department.active == True)  # noqa: E712
    return [
        DepartmentRow(d.id, d.name, d.is_clinical, d.phone, d.active, counts.get(d.id, 0))
        for d in session.exec(stmt).all()
    ]


def _clean_department(session: Session, name: str, phone: str, exclude_id: int | None) -> tuple[str, str]:
    """The name (unique) and phone, every field's problem at once."""

    def unique_name() -> str:
        cleaned = clean_text(name, field="name", label="科室名称", max_len=30)
        clash = session.exec(select(Department).where(Department.name == cleaned)).first()
        if clash is not None and clash.id != exclude_id:
            raise ValidationError("name", f"科室“{cleaned}”已存在")
        return cleaned

    return gather_errors(unique_name, lambda: clean_phone(phone, field="phone", label="科室电话"))


@transactional
def create_department(
    *, session: Session, actor: Actor, name: str, is_clinical: bool, phone: str = "",
    now: datetime,
) -> DepartmentRow:
    """Add a department (office director only)."""
    require(actor, Permission.manage_departments)
    name, phone = _clean_department(session, name, phone, None)
    order = session.exec(select(func.max(Department.sort_order))).one() or 0
    dept = Department(name=name, is_clinical=is_clinical, phone=phone, sort_order=order + 1)
    session.add(dept)
    session.flush()
    write_audit(session, actor, "create", "department", dept.id, None, snapshot(dept), now)
    return DepartmentRow(dept.id, dept.name, dept.is_clinical, dept.phone, dept.active)


def _get(session: Session, model, record_id: int, what: str):
    obj = session.get(model, record_id)
    if obj is None:
        raise ValidationError("id", f"{what}不存在或已被删除")
    return obj


@transactional
def update_department(
    *, session: Session, actor: Actor, department_id: int, name: str, is_clinical: bool,
    phone: str = "", active: bool = True, now: datetime,
) -> DepartmentRow:
    """Rename, re-flag, change the phone of, or (de)activate a department."""
    require(actor, Permission.manage_departments)
    dept = _get(session, Department, department_id, "科室")
    name, phone = _clean_department(session, name, phone, department_id)
    before = snapshot(dept)
    dept.name, dept.is_clinical, dept.phone, dept.active = name, is_clinical, phone, active
    session.add(dept)
    write_audit(session, actor, "update", "department", dept.id, before, snapshot(dept), now)
    return DepartmentRow(dept.id, dept.name, dept.is_clinical, dept.phone, dept.active)


def _staff_row(s: Staff, dept_names: dict[int, str]) -> StaffRow:
    roles = tuple(StaffRole(r) for r in s.roles.split(",") if r)
    return StaffRow(s.id, s.name, s.department_id, dept_names.get(s.department_id, ""), roles, s.phone, s.active)


def list_staff(
    *, session: Session, department_id: int | None = None, role: StaffRole | None = None,
    include_inactive: bool = True,
) -> list[StaffRow]:
    """Staff, optionally of one department or having one role."""
    names = {d.id: d.name for d in session.exec(select(Department)).all()}
    stmt = select(Staff).order_by(Staff.department_id, Staff.id)
    if department_id is not None:
        stmt = stmt.where(Staff.department_id == department_id)
    if not include_inactive:
        stmt = stmt.where(Staff.active == True)  # noqa: E712
    rows = [_staff_row(s, names) for s in session.exec(stmt).all()]
    if role is not None:
        rows = [r for r in rows if role in r.roles]
    return rows


def _clean_staff(session: Session, name: str, department_id: int | None, roles, phone: str):
    """The name, phone, department and roles ("a,b"), every field's problem at once."""

    def department() -> None:
        if department_id is not None and session.get(Department, department_id) is None:
            raise ValidationError("department_id", "所选科室不存在")

    def role_codes() -> str:
        try:
            return ",".join(sorted({StaffRole(r).value for r in roles}))
        except ValueError:
            raise ValidationError("roles", "岗位角色不正确") from None

    name, phone, _dept, codes = gather_errors(
        lambda: clean_text(name, field="name", label="姓名", max_len=30),
        lambda: clean_phone(phone, field="phone", label="联系电话"),
        department, role_codes,
    )
    return name, phone, codes


@transactional
def create_staff(
    *, session: Session, actor: Actor, name: str, department_id: int | None,
    roles: list[StaffRole] | tuple[StaffRole, ...] = (), phone: str = "", now: datetime,
) -> StaffRow:
    """Add a staff member (office director only)."""
    require(actor, Permission.manage_staff)
    name, phone, codes = _clean_staff(session, name, department_id, roles, phone)
    person = Staff(name=name, department_id=department_id, roles=codes, phone=phone)
    session.add(person)
    session.flush()
    write_audit(session, actor, "create", "staff", person.id, None, snapshot(person), now)
    names = {d.id: d.name for d in session.exec(select(Department)).all()}
    return _staff_row(person, names)


@transactional
def update_staff(
    *, session: Session, actor: Actor, staff_id: int, name: str, department_id: int | None,
    roles: list[StaffRole] | tuple[StaffRole, ...] = (), phone: str = "", active: bool = True,
    now: datetime,
) -> StaffRow:
    """Change a staff member's details, roles or active flag."""
    require(actor, Permission.manage_staff)
    person = _get(session, Staff, staff_id, "人员")
    name, phone, codes = _clean_staff(session, name, department_id, roles, phone)
    before = snapshot(person)
    person.name, person.department_id, person.roles, person.phone, person.active = (
        name, department_id, codes, phone, active,
    )
    session.add(person)
    write_audit(session, actor, "update", "staff", person.id, before, snapshot(person), now)
    names = {d.id: d.name for d in session.exec(select(Department)).all()}
    return _staff_row(person, names)
