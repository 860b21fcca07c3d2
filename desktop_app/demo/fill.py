"""Fictional demo data (示例镇卫生院): never real names, phones or e-mail addresses.

Institution, departments, staff, users, (`demo_matters`) about 120
matters of the last four months in every state, (`demo_followups`)
about 65 discharges of the last six weeks with follow-ups in every state,
and (`demo_inspections`) ten weeks of Friday inspections with their
rectification items at every stage and three weeks of duty logs.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session

from desktop_app.demo.followups import fill_followups
from desktop_app.demo.inspections import fill_inspections
from desktop_app.demo.matters import DemoPeople, fill_demo_matters
from desktop_app.demo.surveys import fill_surveys

from desktop_app.db.services import departments as dept_svc
from desktop_app.db.services import settings as settings_svc
from desktop_app.db.services import users as user_svc
from desktop_app.db.services.departments import StaffRole
from desktop_app.db.tx import Actor
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.roles import Role

DEMO_PASSWORD = "demo2026"

INSTITUTION = {
    "name": "示例镇卫生院",
    "office_location": "门诊楼一楼便民服务站",
    "complaint_phone": "0538-1234500",
    "email": "fuwu@example.org",
    "mailbox_location": "门诊大厅东侧",
    "wechat_account": "示例镇卫生院服务号",
}

# (name, clinical, phone)
DEPARTMENTS = [
    ("内科", True, "0538-1234501"),
    ("外科", True, "0538-1234502"),
    ("妇产科", True, "0538-1234503"),
    ("儿科", True, "0538-1234504"),
    ("中医科", True, "0538-1234505"),
    ("口腔科", True, "0538-1234506"),
    ("康复科", True, "0538-1234507"),
    ("急诊科", True, "0538-1234508"),
    ("院办公室", False, "0538-1234510"),
    ("总务科", False, "0538-1234511"),
    ("政工科", False, "0538-1234512"),
    ("公共卫生科", False, "0538-1234513"),
    ("药剂科", False, "0538-1234514"),
    ("检验科", False, "0538-1234515"),
    ("服务群众管理办公室", False, "0538-1234500"),
]

# (name, department, roles, phone)
STAFF = [
    ("张某某", "内科", [StaffRole.doctor], "13800000001"),
    ("李某某", "内科", [StaffRole.nurse], "13800000002"),
    ("赵某某", "外科", [StaffRole.doctor], "13800000003"),
    ("钱某某", "外科", [StaffRole.nurse], "13800000004"),
    ("孙某某", "妇产科", [StaffRole.doctor], "13800000005"),
    ("周某某", "儿科", [StaffRole.doctor], "13800000006"),
    ("吴某某", "中医科", [StaffRole.doctor], "13800000007"),
    ("郑某某", "康复科", [StaffRole.nurse], "13800000008"),
    ("冯某某", "院办公室", [StaffRole.leader, StaffRole.duty_director], "13800000009"),
    ("陈某某", "政工科", [StaffRole.union_chair], "13800000010"),
    ("褚某某", "院办公室", [StaffRole.leader, StaffRole.duty_director], "13800000011"),
    ("卫某某", "服务群众管理办公室", [StaffRole.office_member], "13800000012"),
    ("蒋某某", "服务群众管理办公室", [StaffRole.office_member], "13800000013"),
    ("王某某", "服务群众管理办公室", [StaffRole.office_member, StaffRole.leader], "13800000014"),
]

# (username, display name, role)
USERS = [
    ("qiantai", "卫某某", Role.office_member),
    ("zhiban", "冯某某", Role.duty_director),
]


def fill_demo(
    *, session: Session, now: datetime, today: date,
    with_matters: bool = True, with_followups: bool | None = None,
    with_inspections: bool | None = None, with_surveys: bool | None = None,
) -> Actor:
    """Fill an empty database with the fictional 示例镇卫生院; returns the admin.

    The demo matters are dated in the four months before `today` (both `now`
    and `today` are the caller's clock), the demo discharges in the six weeks
    before it, the demo inspections in the ten weeks before it; no step of
    any is dated after `now`. `with_followups` and `with_inspections`
    default to `with_matters` (a bare institution stays bare). Refuses
    (ValidationError) a database that already has users.
    """
    if user_svc.has_users(session=session):
        raise ValidationError("db", "该数据库已有数据；演示数据只能写入新的数据库文件。")
    admin = user_svc.create_first_admin(
        session=session, display_name="王某某", username="admin", password=DEMO_PASSWORD, now=now
    )
    settings_svc.update_settings(session=session, actor=admin, values=INSTITUTION, now=now)
    ids: dict[str, int] = {}
    for name, clinical, phone in DEPARTMENTS:
        row = dept_svc.create_department(
            session=session, actor=admin, name=name, is_clinical=clinical, phone=phone, now=now
        )
        ids[name] = row.id
    staff: dict[str, tuple[int, str]] = {}
    for name, dept, roles, phone in STAFF:
        person = dept_svc.create_staff(
            session=session, actor=admin, name=name, department_id=ids[dept], roles=roles,
            phone=phone, now=now,
        )
        staff[name] = (person.id, dept)
    actors: dict[Role, Actor] = {}
    for username, display, role in USERS:
        user = user_svc.create_user(
            session=session, actor=admin, username=username, display_name=display, role=role,
            password=DEMO_PASSWORD, now=now,
        )
        actors[role] = Actor(user.id, user.username, user.display_name, user.role)
    people = DemoPeople(admin, actors[Role.office_member], actors[Role.duty_director], ids, staff)
    if with_matters:
        fill_demo_matters(session=session, people=people, today=today)
    if with_matters if with_followups is None else with_followups:
        fill_followups(session=session, people=people, now=now, today=today)
    if with_matters if with_inspections is None else with_inspections:
        fill_inspections(session=session, people=people, now=now, today=today)
    if with_matters if with_surveys is None else with_surveys:
        fill_surveys(session=session, people=people, now=now, today=today)
    return admin
