"""周五检查 tab fixtures: four departments with a leader and a union chair, and the dialog
driver that deletes each dialog once it has answered. The database, the accounts (the duty
director is the tab's main user) and the clock (tests/support/clock.py: the Friday
2026-11-20, recorded on Monday 2026-11-23 09:30) come from the shared conftests."""

from __future__ import annotations

import pytest

from desktop_app.db.database import Database
from desktop_app.db.services import departments as dept_svc
from desktop_app.db.services.departments import StaffRole
from desktop_app.db.tx import Actor
from tests.support.clock import FIXED_NOW
from tests.support.dialogs import DialogDriver


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


@pytest.fixture
def driver(monkeypatch) -> DialogDriver:
    """The inspection forms' driver: each dialog is deleted once `ask` has returned."""
    return DialogDriver(monkeypatch, delete_after=True)
