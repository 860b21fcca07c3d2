"""Shared test set-up: Qt offscreen, a fixed clock, fresh databases copied from templates,
one actor per role, cheap password hashing, and the GUI defaults for every test that uses Qt.

Every test has its own files: databases under its tmp_path, and the user data and log
folders (platformdirs) of each xdist worker in that worker's own temp folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlmodel import Session

from desktop_app.db.database import Database
from desktop_app.db.services import users
from desktop_app.db.tx import Actor
from desktop_app.domain.roles import Role
from desktop_app.ui.fonts import install_app_font
from desktop_app.ui.widgets import errors
from tests.support.clock import FIXED_NOW, FIXED_TODAY
from tests.support.db import ADMIN_PASSWORD, DUTY_PASSWORD, MEMBER_PASSWORD, cheap_hasher
from tests.support.templates import Templates, demo_copy, migrated_copy

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

QT_FIXTURES = {"qapp", "qtbot", "qtmodeltester", "qtlog"}


def pytest_collection_modifyitems(config, items):
    """Mark as GUI tests every test under tests/ui and every test that uses a Qt fixture."""
    for item in items:
        under_ui = "/tests/ui/" in str(item.fspath).replace("\\", "/")
        if under_ui or QT_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(scope="session", autouse=True)
def own_user_folders(tmp_path_factory) -> Iterator[Path]:
    """The user data, state (logs) and config folders of this worker, not the developer's."""
    root = tmp_path_factory.mktemp("user-folders")
    with pytest.MonkeyPatch.context() as mp:
        for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"):
            mp.setenv(name, str(root / name.lower()))
        yield root


@pytest.fixture
def today() -> date:
    return FIXED_TODAY


@pytest.fixture
def now() -> datetime:
    return FIXED_NOW


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Still argon2, with the cheapest parameters: hashing dozens of test passwords stays fast."""
    monkeypatch.setattr(users, "_hasher", cheap_hasher())


# --- databases ----------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def db_templates(tmp_path_factory) -> Templates:
    """Template database files, shared by the xdist workers of this run."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    return Templates(root / "db-templates")


@pytest.fixture(scope="session")
def fresh_db_file(db_templates: Templates) -> Callable[[Path, datetime], Path]:
    """fresh_db_file(path, now): `path` now holds what `Database.open(path, create=True, now=now)`
    makes; open it with `Database.open(path, now=now)`."""
    return lambda path, now: migrated_copy(db_templates, path, now)


@pytest.fixture(scope="session")
def demo_db_file(db_templates: Templates) -> Callable[..., Actor]:
    """demo_db_file(path, now=…, today=…, **fill_demo options) → the admin: `path` now holds
    a new database filled by `fill_demo` (what the CLI's `demo` writes when today is now's)."""
    return lambda path, **clock_and_options: demo_copy(db_templates, path, **clock_and_options)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "t.sqlite3"


@pytest.fixture
def db(db_path: Path, now, fresh_db_file) -> Iterator[Database]:
    """A new database (migrated, calendar seeded at `now`) of this test alone."""
    database = Database.open(fresh_db_file(db_path, now), now=now)
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


# --- GUI defaults (every test marked gui) ---------------------------------------------------------

@dataclass(frozen=True)
class ShownBox:
    icon: QMessageBox.Icon
    title: str
    text: str


@pytest.fixture
def app_font(qapp) -> str:
    """The bundled CJK font as the application font."""
    return install_app_font(qapp)


@pytest.fixture
def message_boxes(monkeypatch) -> list[ShownBox]:
    """Message boxes from ui.widgets.errors are recorded here instead of blocking the test."""
    shown: list[ShownBox] = []

    def record(parent, icon, title, text) -> None:
        shown.append(ShownBox(icon, title, text))

    monkeypatch.setattr(errors, "_message_box", record)
    return shown


@pytest.fixture(autouse=True)
def gui_defaults(request) -> None:
    """Every GUI test runs with the bundled font and with message boxes recorded, not shown."""
    if request.node.get_closest_marker("gui") is not None:
        request.getfixturevalue("app_font")
        request.getfixturevalue("message_boxes")
