"""Follow-up tab fixtures: two clinical departments with their people and a discharge helper.
The database (fixed clock 2026-11-23 09:30) and the accounts come from tests/conftest.py and
tests/ui/conftest.py."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest

from desktop_app.db.database import Database
from desktop_app.db.services import departments as dept_svc
from desktop_app.db.services.departments import StaffRole
from desktop_app.db.services.discharges import register_discharge
from desktop_app.records.followup_rows import DischargeRow
from desktop_app.db.tx import Actor
from tests.support.clock import FIXED_NOW
from tests.support.followups import discharge_input


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
        data = discharge_input(departments[department], **changes)
        with db.session() as session:
            return register_discharge(session=session, actor=admin, data=data, now=now)
    return make
