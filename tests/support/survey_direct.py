"""Helpers that put survey rows straight into the tables (not a test module; S2's tests).

The results and score tests must not depend on the entry services
(`services/surveys.py`, whose tests use tests/db/survey_support.py); these
add `Survey` / `OutpatientVisits` rows directly. Answers are given as a
string of keys, one per dimension in questionnaire order, as the front desk
types them: "1" 满意, "2" 基本满意, "3" 不满意, "0" 未答 — e.g. "1112110".
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session

from desktop_app.db.models_surveys import OutpatientVisits, Survey
from desktop_app.domain.satisfaction import ANSWER_KEYS, Dimension

ENTERED = datetime(2026, 12, 1, 9, 0)


def survey(session: Session, department_id: int, day: date, keys: str = "1111111", *,
           kind: str = "outpatient", comment: str = "", overall: str = "0", **fields) -> int:
    """Add one form; `keys` answers the seven dimensions (outpatient and inpatient forms),
    `overall` the phone survey (a key too). Returns the survey id."""
    if len(keys) != len(Dimension):
        raise ValueError(f"need {len(Dimension)} answer keys, got {keys!r}")
    answers = {d.value: ANSWER_KEYS[k].value for d, k in zip(Dimension, keys, strict=True)}
    row = Survey(kind=kind, day=day, department_id=department_id, comment=comment,
                 overall=ANSWER_KEYS[overall].value, entered_by="测试", entered_at=ENTERED,
                 **answers, **fields)
    session.add(row)
    session.flush()
    return row.id


def phone_survey(session: Session, department_id: int, day: date, overall: str = "1", *,
                 reached: bool = True, comment: str = "", **fields) -> int:
    """A public-health phone survey; not reached means no overall answer."""
    fields.setdefault("respondent_name", "张某某")
    return survey(session, department_id, day, "0000000", kind="public_health", comment=comment,
                  overall=overall if reached else "0", reached=reached, **fields)


def many(session: Session, department_id: int, day: date, count: int, keys: str = "1111111",
         **kwargs) -> None:
    for _ in range(count):
        survey(session, department_id, day, keys, **kwargs)


def visits(session: Session, department_id: int, day: date, number: int) -> None:
    session.add(OutpatientVisits(day=day, department_id=department_id, visits=number,
                                 updated_at=ENTERED, updated_by="测试"))
    session.flush()
