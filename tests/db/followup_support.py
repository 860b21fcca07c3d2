"""Helpers shared by tests/db/test_followup*.py (not a test module)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from sqlmodel import Session

from desktop_app.db.services.departments import create_department
from desktop_app.db.services.discharges import register_discharge
from desktop_app.records.followup_rows import (
    AttemptInput,
    DischargeInput,
    DischargeRow,
    OutcomeInput,
)
from desktop_app.db.tx import Actor

DISCHARGED = date(2026, 11, 16)  # Mon; tier 1 window 11-17..11-23, tier 2 11-24..11-30

BASE_DISCHARGE = DischargeInput(
    patient_name="钱某某", sex="female", age=68, phone="13900005678", address="示例镇东村 3 组",
    department_id=None, doctor_name="孙某某", nurse_name="周某某",
    admitted_on=date(2026, 11, 9), discharged_on=DISCHARGED, diagnosis="社区获得性肺炎",
)

GOOD_OUTCOME = OutcomeInput(condition="improved", medication_guidance=True, rehab_guidance=True,
                            guidance_note="按时服药，两周后复查", satisfaction="satisfied",
                            words="护士很耐心")


def department(session: Session, admin: Actor, now: datetime, name: str = "内科") -> int:
    return create_department(session=session, actor=admin, name=name, is_clinical=True,
                             phone="", now=now).id


def discharge_input(department_id: int, **changes) -> DischargeInput:
    return replace(BASE_DISCHARGE, department_id=department_id, **changes)


def register(session: Session, actor: Actor, now: datetime, department_id: int,
             **changes) -> DischargeRow:
    return register_discharge(session=session, actor=actor,
                              data=discharge_input(department_id, **changes), now=now)


def call(at: datetime, reached: bool = True, method: str = "phone", note: str = "") -> AttemptInput:
    return AttemptInput(at=at, method=method, reached=reached, note=note)
