"""GUI test fixtures shared by every tab's tests: the accounts (an office director 王某某
`admin`, a front-desk user 卫某某, a duty director 赵某某, each made in its own short session
on the test's fresh `db`, tests/conftest.py) and the dialog driver.

The GUI defaults (bundled font, message boxes recorded) and the `gui` marker come from
tests/conftest.py, so tests/app's GUI tests have them too.
"""

from __future__ import annotations

import pytest

from desktop_app.db.database import Database
from desktop_app.db.services import users
from desktop_app.db.tx import Actor
from desktop_app.domain.roles import Role
from tests.support.clock import FIXED_NOW
from tests.support.db import ADMIN_PASSWORD, DUTY_PASSWORD, MEMBER_PASSWORD
from tests.support.dialogs import DialogDriver


@pytest.fixture
def admin(db: Database) -> Actor:
    with db.session() as session:
        return users.create_first_admin(session=session, display_name="王某某",
                                        username="admin", password=ADMIN_PASSWORD, now=FIXED_NOW)


def _user(db: Database, admin: Actor, username: str, name: str, role: Role,
          password: str) -> Actor:
    with db.session() as session:
        row = users.create_user(session=session, actor=admin, username=username,
                                display_name=name, role=role, password=password, now=FIXED_NOW)
    return Actor(row.id, row.username, row.display_name, row.role)


@pytest.fixture
def member(db: Database, admin: Actor) -> Actor:
    """The front-desk clerk (office member)."""
    return _user(db, admin, "qiantai", "卫某某", Role.office_member, MEMBER_PASSWORD)


@pytest.fixture
def duty(db: Database, admin: Actor) -> Actor:
    """The duty director (the 周五检查 tab's main user)."""
    return _user(db, admin, "zhiban", "赵某某", Role.duty_director, DUTY_PASSWORD)


@pytest.fixture
def dialogs(monkeypatch) -> DialogDriver:
    """Drive dialogs through their own widgets: dialogs.drive(DialogClass, fill, …)."""
    return DialogDriver(monkeypatch)


@pytest.fixture
def driver(monkeypatch) -> DialogDriver:
    """The same driver under the name some tests use."""
    return DialogDriver(monkeypatch)
