"""Survey helpers shared by tests/db (test_surveys, test_survey_quota, test_visits_import) and
the 满意度 tab's tests (`answers`). Not a test module."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from sqlmodel import Session

from desktop_app.db.services.departments import create_department
from desktop_app.records.survey_rows import SavedSurvey, SurveyInput, VisitsInput
from desktop_app.db.services.surveys import record_survey, set_visits
from desktop_app.db.tx import Actor

DAY = date(2026, 11, 20)  # a Friday before the fixed today (2026-11-23)

DIMENSIONS = ("efficiency", "attitude", "skill", "publicity", "civility", "environment", "fees")
CODES = {"1": "satisfied", "2": "basic", "3": "dissatisfied", "0": "unanswered"}

ALL_SATISFIED = {d: "satisfied" for d in DIMENSIONS}

OUTPATIENT = SurveyInput(kind="outpatient", day=DAY, department_id=None, answers=ALL_SATISFIED)
INPATIENT = SurveyInput(kind="inpatient", day=DAY, department_id=None, answers=ALL_SATISFIED,
                        patient_name="钱某某", bed_no="12", cards_given=1)
PHONE = SurveyInput(kind="public_health", day=DAY, department_id=None, respondent_name="张某某",
                    phone="13900001234", service_item="老年人健康管理", reached=True,
                    overall="satisfied")


def make_departments(session: Session, admin: Actor, now: datetime) -> dict[str, int]:
    """内科, 外科 (clinical), 药房 (not clinical)."""
    return {name: create_department(session=session, actor=admin, name=name, is_clinical=clinical,
                                    now=now).id
            for name, clinical in (("内科", True), ("外科", True), ("药房", False))}


def survey(session: Session, actor: Actor, today: date, base: SurveyInput, department_id: int,
           **changes) -> SavedSurvey:
    return record_survey(session=session, actor=actor, today=today,
                         data=replace(base, department_id=department_id, **changes),
                         now=datetime.combine(today, datetime.min.time()).replace(hour=9))


def visits(session: Session, actor: Actor, today: date, day: date, department_id: int,
           count: int):
    return set_visits(session=session, actor=actor, today=today,
                      data=VisitsInput(day=day, department_id=department_id, visits=count),
                      now=datetime.combine(today, datetime.min.time()).replace(hour=9))


def answers(keys: str) -> dict[str, str]:
    """"1123110" → the seven dimension answers in questionnaire order."""
    return {dim: CODES[k] for dim, k in zip(DIMENSIONS, keys, strict=True)}
