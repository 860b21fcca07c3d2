"""Fixtures for the data layer: a fresh temp-file database and one actor per role."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlmodel import Session, func, select

from desktop_app.db.database import Database
from desktop_app.db.models import AuditLog
from desktop_app.db.services import users
from desktop_app.db.tx import Actor
from desktop_app.domain.roles import Role

ADMIN_PASSWORD = "Zhuren2026"
MEMBER_PASSWORD = "Qiantai2026"
DUTY_PASSWORD = "Zhiban2026"


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Still argon2, with the cheapest parameters: hashing dozens of test passwords stays fast."""
    monkeypatch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "t.sqlite3"


@pytest.fixture
def db(db_path: Path, now) -> Iterator[Database]:
    database = Database.open(db_path, create=True, now=now)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def session(db: Database) -> Iterator[Session]:
    with db.session() as s:
        yield s


@pytest.fixture
def admin(session: Session, now) -> Actor:
    return users.create_first_admin(
        session=session, display_name="王主任", username="zhuren", password=ADMIN_PASSWORD, now=now
    )


def _user(session: Session, admin: Actor, username: str, name: str, role: Role,
          password: str, now) -> Actor:
    users.create_user(session=session, actor=admin, username=username, display_name=name,
                      role=role, password=password, now=now)
    return users.authenticate(session=session, username=username, password=password, now=now)


@pytest.fixture
def member(session: Session, admin: Actor, now) -> Actor:
    return _user(session, admin, "qiantai", "李某某", Role.office_member, MEMBER_PASSWORD, now)


@pytest.fixture
def duty(session: Session, admin: Actor, now) -> Actor:
    return _user(session, admin, "zhiban", "赵某某", Role.duty_director, DUTY_PASSWORD, now)


def audit_rows(session: Session) -> list[AuditLog]:
    """Every audit row, oldest first (read directly, bypassing the role check)."""
    return list(session.exec(select(AuditLog).order_by(AuditLog.id)).all())


def audit_count(session: Session) -> int:
    return session.exec(select(func.count(AuditLog.id))).one()
