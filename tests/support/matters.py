"""Matter helpers shared by tests/db, tests/printouts and the complaints tab's tests (not a test module)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlmodel import Session, func, select

from desktop_app.db.models import (
    AuditLog,
    FeedbackSheet,
    Matter,
    MatterCallback,
    MatterEvent,
    MatterExtension,
)
from desktop_app.records.matter_rows import MatterInput

RECEIVED = datetime(2025, 9, 26, 9, 30)  # Fri; a complaint is due Thu 2025-10-16
REGISTERED = datetime(2025, 9, 26, 10, 0)

BASE_INPUT = MatterInput(
    received_at=RECEIVED,
    channel="walk_in",
    request_type="complaint",
    complainant_name="张某某",
    anonymous=False,
    phone="13900001234",
    relation="本人",
    target_department_id=None,
    target_staff_id=None,
    target_text="挂号窗口",
    category="efficiency",
    content="挂号排队时间长，窗口只开一个",
    first_receiver_name="卫某某",
)


def matter_input(**changes) -> MatterInput:
    """The base registration form with some fields changed."""
    return replace(BASE_INPUT, **changes)


def row_counts(session: Session) -> tuple[int, ...]:
    """How many rows each matters table and the audit log hold."""
    session.expire_all()
    return tuple(
        session.exec(select(func.count()).select_from(model)).one()
        for model in (Matter, FeedbackSheet, MatterCallback, MatterExtension, MatterEvent, AuditLog)
    )


def complaint_input(department_id: int | None, **changes) -> MatterInput:
    """The complaints tab tests' registration (2026-11-20 10:00 at `department_id`), changed."""
    values = dict(
        received_at=datetime(2026, 11, 20, 10, 0), channel="walk_in", request_type="complaint",
        complainant_name="张某某", anonymous=False, phone="13800001234", relation="本人",
        target_department_id=department_id, target_staff_id=None, target_text="",
        category="attitude", content="挂号时窗口人员态度生硬", first_receiver_name="卫某某",
    )
    values.update(changes)
    return MatterInput(**values)
