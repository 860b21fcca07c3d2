"""Complaints-tab fixtures: two departments with a doctor each, a matter registered through
the service, and the tab on the fixed clock (2026-11-23 09:30). The database, the accounts
and the dialog driver come from tests/conftest.py and tests/ui/conftest.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

import pytest

from desktop_app.clock import Clock
from desktop_app.db.database import Database
from desktop_app.db.services import departments as dept_svc
from desktop_app.db.services.departments import StaffRole
from desktop_app.records.matter_rows import MatterRow
from desktop_app.db.services.matters import register_matter
from desktop_app.db.tx import Actor
from desktop_app.ui.complaints.tab import ComplaintsTab
from tests.support.clock import FIXED_NOW
from tests.support.matters import complaint_input


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


@pytest.fixture
def register(db: Database, admin: Actor, departments) -> Callable[..., MatterRow]:
    """Register a matter through the service (not the form): register(**MatterInput changes)."""
    def make(now: datetime = FIXED_NOW, **changes) -> MatterRow:
        with db.session() as session:
            return register_matter(session=session, actor=admin,
                                   data=complaint_input(departments["内科"], **changes), now=now)
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
