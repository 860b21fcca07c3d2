"""SQLModel tables (DESIGN §3). Migrations in `db/migrations` create them; never `create_all`.

Times are the office's local wall-clock time, stored naive (plain `DateTime` columns).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import DateTime
from sqlmodel import Field, SQLModel

from desktop_app.domain.defaults import (
    DEFAULT_IDLE_LOCK_MINUTES,
    DEFAULT_SAMPLING_RATIO,
)


class InstitutionSettings(SQLModel, table=True):
    """The one row of institution settings (id = 1): contacts, limits, windows, quota."""

    __tablename__ = "institution_settings"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(default="", max_length=60)
    office_location: str = Field(default="", max_length=100)
    complaint_phone: str = Field(default="", max_length=30)
    email: str = Field(default="", max_length=100)
    mailbox_location: str = Field(default="", max_length=100)
    wechat_account: str = Field(default="", max_length=60)
    limit_consultation_days: int = 2
    limit_help_days: int = 2
    limit_suggestion_workdays: int = 10
    limit_criticism_workdays: int = 10
    limit_complaint_workdays: int = 10
    limit_report_workdays: int = 10
    followup_tier1_start: int = 1
    followup_tier1_end: int = 7
    followup_tier2_start: int = 8
    followup_tier2_end: int = 14
    followup_tier3_start: int = 1
    followup_tier3_end: int = 30
    sampling_ratio: float = DEFAULT_SAMPLING_RATIO
    idle_lock_minutes: int = DEFAULT_IDLE_LOCK_MINUTES


class Department(SQLModel, table=True):
    """A department (科室); clinical ones appear on the 医患连心卡."""

    __tablename__ = "department"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=30, unique=True)
    is_clinical: bool = False
    phone: str = Field(default="", max_length=30)
    active: bool = True
    sort_order: int = 0


class Staff(SQLModel, table=True):
    """A staff member; `roles` is a comma-separated list of StaffRole codes."""

    __tablename__ = "staff"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=30)
    department_id: int | None = Field(default=None, foreign_key="department.id", index=True)
    roles: str = Field(default="", max_length=200)
    phone: str = Field(default="", max_length=30)
    active: bool = True


class User(SQLModel, table=True):
    """A login account; `role` is a domain Role code; password hashed with argon2."""

    __tablename__ = "app_user"
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=32, unique=True)
    display_name: str = Field(max_length=30)
    role: str = Field(max_length=20)
    password_hash: str
    active: bool = True
    failed_attempts: int = 0
    locked_until: datetime | None = Field(default=None, sa_type=DateTime)
    staff_id: int | None = Field(default=None, foreign_key="staff.id")
    created_at: datetime = Field(sa_type=DateTime)


class AuditLog(SQLModel, table=True):
    """One row per change: who, when, what, before/after as JSON."""

    __tablename__ = "audit_log"
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True, sa_type=DateTime)
    user_id: int | None = None
    username: str = Field(default="", max_length=32)
    action: str = Field(max_length=20)
    table_name: str = Field(max_length=40, index=True)
    record_id: str = Field(default="", max_length=40)
    before: str | None = None
    after: str | None = None


class CalendarDay(SQLModel, table=True):
    """A statutory holiday or a make-up working day (调休上班日)."""

    __tablename__ = "calendar_day"
    day: date = Field(primary_key=True)
    kind: str = Field(max_length=10)  # holiday | makeup
    name: str = Field(default="", max_length=30)
    source: str = Field(default="manual", max_length=10)  # builtin | manual


class CalendarYear(SQLModel, table=True):
    """A year whose calendar has been entered completely; other years are provisional."""

    __tablename__ = "calendar_year"
    year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    source: str = Field(default="manual", max_length=10)
