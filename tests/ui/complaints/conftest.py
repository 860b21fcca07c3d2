"""Complaints-tab fixtures: a fresh temp-file database with an office director, a front-desk
user, two departments with a doctor each, a fixed clock (2026-11-23 09:30), and a driver
that fills a dialog through its own widgets and presses OK instead of running it modally."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from desktop_app.clock import Clock
from desktop_app.db.database import Database
from desktop_app.db.services import departments as dept_svc
from desktop_app.db.services import users
from desktop_app.db.services.departments import StaffRole
from desktop_app.records.matter_rows import MatterInput, MatterRow
from desktop_app.db.services.matters import register_matter
from desktop_app.db.tx import Actor
from desktop_app.domain.roles import Role
from desktop_app.ui.complaints.tab import ComplaintsTab

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


@pytest.fixture
def member(db: Database, admin: Actor) -> Actor:
    with db.session() as session:
        row = users.create_user(session=session, actor=admin, username="qiantai",
                                display_name="卫某某", role=Role.office_member,
                                password="Qiantai2026", now=FIXED_NOW)
    return Actor(row.id, row.username, row.display_name, row.role)


@pytest.fixture
def departments(db: Database, admin: Actor) -> dict[str, int]:
    """内科 and 外科, each with one doctor (张某某, 赵某某)."""
    ids: dict[str, int] = {}
    with db.session() as session:
        for name, doctor in (("内科", "张某某"), ("外科", "赵某某")):
            dept = dept_svc.create_department(session=session, actor=admin, name=name,
                                              is_clinical=True, now=FIXED_NOW)
            ids[name] = dept.id
            dept_svc.create_staff(session=session, actor=admin, name=doctor,
                                  department_id=dept.id, roles=[StaffRole.doctor], now=FIXED_NOW)
    return ids


def matter_input(department_id: int | None, **changes) -> MatterInput:
    values = dict(
        received_at=datetime(2026, 11, 20, 10, 0), channel="walk_in", request_type="complaint",
        complainant_name="张某某", anonymous=False, phone="13800001234", relation="本人",
        target_department_id=department_id, target_staff_id=None, target_text="",
        category="attitude", content="挂号时窗口人员态度生硬", first_receiver_name="卫某某",
    )
    values.update(changes)
    return MatterInput(**values)


@pytest.fixture
def register(db: Database, admin: Actor, departments) -> Callable[..., MatterRow]:
    """Register a matter through the service (not the form): register(**MatterInput changes)."""
    def make(now: datetime = FIXED_NOW, **changes) -> MatterRow:
        with db.session() as session:
            return register_matter(session=session, actor=admin,
                                   data=matter_input(departments["内科"], **changes), now=now)
    return make


@pytest.fixture
def make_tab(qtbot, db: Database) -> Iterator[Callable[[Actor], ComplaintsTab]]:
    tabs: list[ComplaintsTab] = []  # kept alive for the whole test: qtbot holds weak references

    def make(actor: Actor) -> ComplaintsTab:
        tab = ComplaintsTab(db, actor, clock=Clock.fixed(FIXED_NOW))
        qtbot.addWidget(tab)
        tabs.append(tab)
        return tab
    yield make
    for tab in tabs:
        for dialog in list(tab._details.values()):
            dialog.close()


class DialogDriver:
    """Replaces a dialog's `ask` with one that builds the real dialog, fills it and presses OK."""

    def __init__(self, monkeypatch) -> None:
        self.monkeypatch = monkeypatch
        self.dialogs: list = []

    def drive(self, dialog_cls, fill: Callable) -> None:
        driver = self

        def ask(cls, parent, *args):
            dialog = cls(parent, *args)
            driver.dialogs.append(dialog)
            fill(dialog)
            dialog.accept()
            return dialog.result_value

        self.monkeypatch.setattr(dialog_cls, "ask", classmethod(ask))

    @property
    def last(self):
        return self.dialogs[-1]


@pytest.fixture
def dialogs(monkeypatch) -> DialogDriver:
    return DialogDriver(monkeypatch)
