"""满意度 tab fixtures: three departments (内科, 外科 clinical; 公卫科 not) and helpers that
enter visits and forms through the services. The database (fixed clock 2026-11-23 09:30) and
the accounts come from tests/conftest.py and tests/ui/conftest.py."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from desktop_app.db.database import Database
from desktop_app.db.services.departments import create_department
from desktop_app.records.survey_rows import QuotaRow, SavedSurvey, SurveyInput, VisitsInput
from desktop_app.db.services.surveys import record_survey, set_visits
from desktop_app.db.tx import Actor
from tests.support.clock import FIXED_NOW, FIXED_TODAY
from tests.support.surveys import answers


@pytest.fixture
def departments(db: Database, admin: Actor) -> dict[str, int]:
    with db.session() as session:
        return {name: create_department(session=session, actor=admin, name=name,
                                        is_clinical=clinical, now=FIXED_NOW).id
                for name, clinical in (("内科", True), ("外科", True), ("公卫科", False))}


@pytest.fixture
def set_day_visits(db: Database, admin: Actor, departments) -> Callable[..., QuotaRow]:
    def make(day: date, department: str, count: int) -> QuotaRow:
        with db.session() as session:
            return set_visits(session=session, actor=admin, today=FIXED_TODAY,
                              data=VisitsInput(day=day, department_id=departments[department],
                                               visits=count), now=FIXED_NOW)
    return make


@pytest.fixture
def add_survey(db: Database, admin: Actor, departments) -> Callable[..., SavedSurvey]:
    """add_survey(day, "内科", "1111111", kind=…, **SurveyInput fields)."""
    def make(day: date, department: str, keys: str = "1111111", kind: str = "outpatient",
             **fields) -> SavedSurvey:
        data = SurveyInput(kind=kind, day=day, department_id=departments[department],
                           answers=answers(keys) if kind != "public_health" else {}, **fields)
        with db.session() as session:
            return record_survey(session=session, actor=admin, data=data, today=FIXED_TODAY,
                                 now=FIXED_NOW)
    return make
