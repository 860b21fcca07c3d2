"""Follow-up tab fixtures: a fresh temp-file database with an office director, a front-desk
user, two clinical departments, a fixed clock (2026-11-23 09:30), and a discharge helper."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from desktop_app.db.database import Database
from desktop_app.db.services import departments as dept_svc
from desktop_app.db.services import users
from desktop_app.db.services.departments import StaffRole
from desktop_app.db.services.discharges import register_discharge
from desktop_app.records.followup_rows import DischargeInput, DischargeRow
from desktop_app.db.tx import Actor
from desktop_app.domain.roles import Role

FIXED_NOW = datetime(2026, 11, 23, 9, 30)
FIXED_TODAY = date(2026, 11, 23)

BASE_DISCHARGE = DischargeInput(
    patient_name="钱某某", sex="female", age=68, phone="13900005678", address="示例镇东村 3 组",
    department_id=None, doctor_name="孙某某", nurse_name="周某某",
    admitted_on=date(2026, 11, 9), discharged_on=date(2026, 11, 16), diagnosis="社区获得性肺炎",
)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "t.sqlite3", create=True, now=FIXED_NOW)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def admin(db: Database) -> Actor:
    with db.session() as session:
        return users.create_first_admin(session=session, display_name="王某某",
                                        username="admin", password="Zhuren2026", now=FIXED_NOW)


@pytest.fixture
def member(db: Database, admin: Actor) -> Actor:
    with db.session() as session:
        row = users.create_user(session=session, actor=admin, username="qiantai",
                                display_name="卫某某", role=Role.office_member,
                                password="Qiantai2026", now=FIXED_NOW)
    return Actor(row.id, row.username, row.display_name, row.role)


@pytest.fixture
def departments(db: Database, admin: Actor) -> dict[str, int]:
    """内科 (doctor 孙某某, nurse 周某某) and 外科 (doctor 赵某某)."""
    ids: dict[str, int] = {}
    with db.session() as session:
        for name, people in (("内科", (("孙某某", StaffRole.doctor), ("周某某", StaffRole.nurse))),
                             ("外科", (("赵某某", StaffRole.doctor),))):
            dept = dept_svc.create_department(session=session, actor=admin, name=name,
                                              is_clinical=True, now=FIXED_NOW)
            ids[name] = dept.id
            for person, role in people:
                dept_svc.create_staff(session=session, actor=admin, name=person,
                                      department_id=dept.id, roles=[role], now=FIXED_NOW)
    return ids


@pytest.fixture
def discharge(db: Database, admin: Actor, departments) -> Callable[..., DischargeRow]:
    """Register a discharge through the service: discharge(**DischargeInput changes)."""
    def make(now: datetime = FIXED_NOW, department: str = "内科", **changes) -> DischargeRow:
        data = replace(BASE_DISCHARGE, department_id=departments[department], **changes)
        with db.session() as session:
            return register_discharge(session=session, actor=admin, data=data, now=now)
    return make
