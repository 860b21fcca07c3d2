"""周五检查 tab fixtures: a fresh temp-file database with an office director, a duty director
(the tab's main user), a front-desk user, three departments with people, and a fixed clock
(Friday 2026-11-20 16:00; `FIXED_TODAY` is Monday 2026-11-23 for the ledger and duty log)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from desktop_app.db.database import Database
from desktop_app.db.services import departments as dept_svc
from desktop_app.db.services import users
from desktop_app.db.services.departments import StaffRole
from desktop_app.db.tx import Actor
from desktop_app.domain.roles import Role

FRIDAY = date(2026, 11, 20)
FRIDAY_AFTERNOON = datetime(2026, 11, 20, 16, 0)
FIXED_NOW = datetime(2026, 11, 23, 9, 30)
FIXED_TODAY = date(2026, 11, 23)


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


def _user(db: Database, admin: Actor, username: str, name: str, role: Role) -> Actor:
    with db.session() as session:
        row = users.create_user(session=session, actor=admin, username=username,
                                display_name=name, role=role, password="Mima2026x", now=FIXED_NOW)
    return Actor(row.id, row.username, row.display_name, row.role)


@pytest.fixture
def duty(db: Database, admin: Actor) -> Actor:
    return _user(db, admin, "zhiban", "赵某某", Role.duty_director)


@pytest.fixture
def member(db: Database, admin: Actor) -> Actor:
    return _user(db, admin, "qiantai", "卫某某", Role.office_member)


@pytest.fixture
def departments(db: Database, admin: Actor) -> dict[str, int]:
    """总务科 (non-clinical), 内科 and 外科; a leader 孙某某 and a union chair 钱某某 in 院办公室."""
    ids: dict[str, int] = {}
    with db.session() as session:
        for name, clinical in (("院办公室", False), ("总务科", False), ("内科", True),
                               ("外科", True)):
            ids[name] = dept_svc.create_department(session=session, actor=admin, name=name,
                                                   is_clinical=clinical, now=FIXED_NOW).id
        dept_svc.create_staff(session=session, actor=admin, name="孙某某",
                              department_id=ids["院办公室"], roles=[StaffRole.leader], now=FIXED_NOW)
        dept_svc.create_staff(session=session, actor=admin, name="钱某某",
                              department_id=ids["院办公室"], roles=[StaffRole.union_chair], now=FIXED_NOW)
    return ids
