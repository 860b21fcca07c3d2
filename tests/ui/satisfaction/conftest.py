"""满意度 tab fixtures: a fresh temp-file database with an office director and a front-desk
user, three departments (内科, 外科 clinical; 公卫科 not), a fixed clock (2026-11-23 09:30),
and helpers to enter visits and forms through the services."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from desktop_app.db.database import Database
from desktop_app.db.services import users
from desktop_app.db.services.departments import create_department
from desktop_app.records.survey_rows import QuotaRow, SavedSurvey, SurveyInput, VisitsInput
from desktop_app.db.services.surveys import record_survey, set_visits
from desktop_app.db.tx import Actor
from desktop_app.domain.roles import Role

FIXED_NOW = datetime(2026, 11, 23, 9, 30)
FIXED_TODAY = date(2026, 11, 23)
DIMENSIONS = ("efficiency", "attitude", "skill", "publicity", "civility", "environment", "fees")
CODES = {"1": "satisfied", "2": "basic", "3": "dissatisfied", "0": "unanswered"}


def answers(keys: str) -> dict[str, str]:
    """"1123110" → the seven dimension answers in questionnaire order."""
    return {dim: CODES[k] for dim, k in zip(DIMENSIONS, keys, strict=True)}


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
    """The front-desk clerk (office member) who types the forms in."""
    with db.session() as session:
        row = users.create_user(session=session, actor=admin, username="qiantai",
                                display_name="卫某某", role=Role.office_member,
                                password="Qiantai2026", now=FIXED_NOW)
    return Actor(row.id, row.username, row.display_name, row.role)


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
