"""Tables of the 满意度 tab (DESIGN §1.7, seed 004 §三(一)1–2).

Answers are `domain.satisfaction.Answer` codes, one column per dimension, so
a month's rates are a single GROUP BY over an index on (kind, day).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import DateTime, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

UNANSWERED = "unanswered"


class OutpatientVisits(SQLModel, table=True):
    """One day's outpatient visits (门诊人次) of one department."""

    __tablename__ = "outpatient_visits"
    __table_args__ = (UniqueConstraint("day", "department_id", name="uq_visits_day_dept"),)
    id: int | None = Field(default=None, primary_key=True)
    day: date
    department_id: int = Field(foreign_key="department.id")
    visits: int
    updated_at: datetime = Field(sa_type=DateTime)
    updated_by: str = Field(default="", max_length=30)


class Survey(SQLModel, table=True):
    """One questionnaire, inpatient opinion form or public-health phone survey.

    Outpatient and inpatient forms answer the seven dimensions; the phone survey
    has one overall answer (`overall`). A matter registered from the comment has
    source_ref "survey:{id}".
    """

    __tablename__ = "survey"
    __table_args__ = (Index("ix_survey_kind_day_dept", "kind", "day", "department_id"),)
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)  # SurveyKind code
    day: date
    department_id: int = Field(foreign_key="department.id", index=True)
    efficiency: str = Field(default=UNANSWERED, max_length=15)
    attitude: str = Field(default=UNANSWERED, max_length=15)
    skill: str = Field(default=UNANSWERED, max_length=15)
    publicity: str = Field(default=UNANSWERED, max_length=15)
    civility: str = Field(default=UNANSWERED, max_length=15)
    environment: str = Field(default=UNANSWERED, max_length=15)
    fees: str = Field(default=UNANSWERED, max_length=15)
    overall: str = Field(default=UNANSWERED, max_length=15)
    comment: str = Field(default="", sa_type=Text)
    # inpatient opinion form
    patient_name: str = Field(default="", max_length=30)
    bed_no: str = Field(default="", max_length=10)
    cards_given: int = 0  # 医患连心卡 handed out with this form
    # public-health phone survey
    respondent_name: str = Field(default="", max_length=30)
    phone: str = Field(default="", max_length=30)
    service_item: str = Field(default="", max_length=30)
    reached: bool | None = None
    entered_by: str = Field(default="", max_length=30)
    entered_at: datetime = Field(sa_type=DateTime)
