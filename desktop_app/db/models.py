"""SQLModel tables (DESIGN §3). Migrations in `db/migrations` create them; never `create_all`.

Times are the office's local wall-clock time, stored naive (plain `DateTime` columns).
The 周五检查 tables live in `models_inspections`, the 满意度 tables in
`models_surveys`; all are importable from here (`__all__`).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import DateTime, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from desktop_app.domain.defaults import (
    DEFAULT_IDLE_LOCK_MINUTES,
    DEFAULT_RECTIFICATION_WORKDAYS,
    DEFAULT_COMPLAINT_DEDUCTION,
    DEFAULT_SAMPLING_RATIO,
    DEFAULT_SCORE_WEIGHTS,
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
    rectification_workdays: int = DEFAULT_RECTIFICATION_WORKDAYS
    score_weight_survey: int = DEFAULT_SCORE_WEIGHTS[0]
    score_weight_followup: int = DEFAULT_SCORE_WEIGHTS[1]
    score_weight_check: int = DEFAULT_SCORE_WEIGHTS[2]
    score_weight_complaints: int = DEFAULT_SCORE_WEIGHTS[3]
    score_complaint_deduction: int = DEFAULT_COMPLAINT_DEDUCTION
    backup_folder: str = Field(default="", max_length=260)  # "" = backups/ beside the database


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


class Matter(SQLModel, table=True):
    """A registered matter (诉求) — the 医院投诉登记表 (DESIGN §1.1–1.3, seed 004 §四).

    `serial_year`-`serial_no` is the yearly serial (2026-0007). `deadline` is the
    effective one: the earlier of `local_deadline` and `upstream_deadline`, or
    the last granted extension. Codes are domain enum values.
    """

    __tablename__ = "matter"
    __table_args__ = (UniqueConstraint("serial_year", "serial_no", name="uq_matter_serial"),)
    id: int | None = Field(default=None, primary_key=True)
    serial_year: int
    serial_no: int
    received_at: datetime = Field(index=True, sa_type=DateTime)
    channel: str = Field(max_length=30)
    request_type: str = Field(max_length=20)
    complainant_name: str = Field(default="", max_length=30)
    anonymous: bool = False
    phone: str = Field(default="", max_length=30)
    relation: str = Field(default="", max_length=10)
    target_department_id: int | None = Field(default=None, foreign_key="department.id", index=True)
    target_staff_id: int | None = Field(default=None, foreign_key="staff.id")
    target_text: str = Field(default="", max_length=60)
    category: str | None = Field(default=None, max_length=20)
    content: str = Field(max_length=2000)
    first_receiver_name: str = Field(max_length=30)
    registered_by: str = Field(default="", max_length=30)
    upstream_order_no: str = Field(default="", max_length=40)
    signed_at: datetime | None = Field(default=None, sa_type=DateTime)
    upstream_deadline: date | None = None
    local_deadline: date
    deadline: date = Field(index=True)
    deadline_provisional: bool = False
    status: str = Field(max_length=20, index=True)
    round: int = 1
    closed_at: datetime | None = Field(default=None, sa_type=DateTime)
    close_reason: str | None = Field(default=None, max_length=20)
    close_note: str = Field(default="", max_length=500)
    final_satisfaction: str | None = Field(default=None, max_length=20)
    withdrawn_reason: str = Field(default="", max_length=200)
    on_the_spot_resolution: str = Field(default="", max_length=1000)
    source_ref: str = Field(default="", max_length=40)
    finding: str | None = Field(default=None, max_length=20)  # domain Finding code (核实结论)
    finding_note: str = Field(default="", max_length=500)
    created_at: datetime = Field(sa_type=DateTime)


class FeedbackSheet(SQLModel, table=True):
    """A 服务问题反馈单 to one department in one round, and the department's reply (§1.3 steps 2–3)."""

    __tablename__ = "feedback_sheet"
    __table_args__ = (
        UniqueConstraint("matter_id", "round", "department_id", name="uq_feedback_sheet_round_dept"),
    )
    id: int | None = Field(default=None, primary_key=True)
    matter_id: int = Field(foreign_key="matter.id", index=True)
    round: int
    department_id: int = Field(foreign_key="department.id", index=True)
    reply_by: date
    instructions: str = Field(default="", max_length=500)
    issued_at: datetime = Field(sa_type=DateTime)
    issued_by: str = Field(default="", max_length=30)
    replier: str = Field(default="", max_length=30)
    contacted_at: datetime | None = Field(default=None, sa_type=DateTime)
    reply_content: str = Field(default="", max_length=2000)
    replied_at: datetime | None = Field(default=None, sa_type=DateTime)
    recorded_by: str = Field(default="", max_length=30)


class MatterCallback(SQLModel, table=True):
    """One 回访 of the complainant: satisfaction, their words, what follows (§1.3 step 4)."""

    __tablename__ = "matter_callback"
    id: int | None = Field(default=None, primary_key=True)
    matter_id: int = Field(foreign_key="matter.id", index=True)
    round: int
    at: datetime = Field(sa_type=DateTime)
    satisfaction: str = Field(max_length=20)
    words: str = Field(default="", max_length=500)
    outcome: str = Field(max_length=10)  # close | rehandle | explain
    explanation: str = Field(default="", max_length=1000)
    path_offered: str = Field(default="", max_length=500)
    recorded_by: str = Field(default="", max_length=30)


class MatterExtension(SQLModel, table=True):
    """A 延期 granted by the office director with the complainant's consent (§1.1)."""

    __tablename__ = "matter_extension"
    id: int | None = Field(default=None, primary_key=True)
    matter_id: int = Field(foreign_key="matter.id", index=True)
    consent_by: str = Field(max_length=30)
    consent_at: datetime = Field(sa_type=DateTime)
    consent_method: str = Field(max_length=20)
    reason: str = Field(max_length=500)
    old_deadline: date
    new_deadline: date
    granted_by: str = Field(default="", max_length=30)
    at: datetime = Field(sa_type=DateTime)


class MatterEvent(SQLModel, table=True):
    """One entry of a matter's timeline (registered, dispatch, reply, callback, …)."""

    __tablename__ = "matter_event"
    id: int | None = Field(default=None, primary_key=True)
    matter_id: int = Field(foreign_key="matter.id", index=True)
    at: datetime = Field(sa_type=DateTime)
    action: str = Field(max_length=30)
    actor: str = Field(default="", max_length=30)
    summary: str = Field(default="", max_length=300)


# --- discharge follow-up (DESIGN §1.4) --------------------------------------------------------

class Discharge(SQLModel, table=True):
    """A discharged patient (出院患者); codes are domain enum values (followup_records)."""

    __tablename__ = "discharge"
    id: int | None = Field(default=None, primary_key=True)
    patient_name: str = Field(max_length=30, index=True)
    sex: str = Field(max_length=10)
    age: int
    phone: str = Field(max_length=30)
    address: str = Field(default="", max_length=100)
    inpatient_no: str = Field(default="", max_length=30)
    department_id: int = Field(foreign_key="department.id", index=True)
    doctor_name: str = Field(max_length=30)
    nurse_name: str = Field(default="", max_length=30)
    admitted_on: date
    discharged_on: date = Field(index=True)
    diagnosis: str = Field(default="", max_length=200)
    special: bool = False
    special_reason: str | None = Field(default=None, max_length=20)
    special_note: str = Field(default="", max_length=100)
    source: str = Field(default="manual", max_length=10)  # manual | import
    created_at: datetime = Field(sa_type=DateTime)
    created_by: str = Field(default="", max_length=30)


class FollowUpTask(SQLModel, table=True):
    """One tier's follow-up of one discharge, in its window (both days inclusive)."""

    __tablename__ = "followup_task"
    __table_args__ = (
        UniqueConstraint("discharge_id", "tier", name="uq_followup_task_tier"),
        Index("ix_followup_task_status_window_end", "status", "window_end"),
        Index("ix_followup_task_status_closed_at", "status", "closed_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    discharge_id: int = Field(foreign_key="discharge.id", index=True)
    tier: int
    window_start: date = Field(index=True)
    window_end: date = Field(index=True)
    assignee: str = Field(default="", max_length=60)
    status: str = Field(default="open", max_length=10, index=True)
    closed_at: datetime | None = Field(default=None, sa_type=DateTime)
    closed_by: str = Field(default="", max_length=30)
    lost_reason: str = Field(default="", max_length=200)


class FollowUpAttempt(SQLModel, table=True):
    """One call or visit: time, method, reached or not."""

    __tablename__ = "followup_attempt"
    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="followup_task.id", index=True)
    at: datetime = Field(sa_type=DateTime)
    method: str = Field(max_length=10)
    reached: bool
    note: str = Field(default="", max_length=200)
    recorded_by: str = Field(default="", max_length=30)


class FollowUpOutcome(SQLModel, table=True):
    """A task's outcome as first saved; never edited (corrections are amendments).

    A tier-2 outcome also holds its check of tier 1 (`checked_task_id` …).
    """

    __tablename__ = "followup_outcome"
    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="followup_task.id", unique=True)
    at: datetime = Field(sa_type=DateTime)
    condition: str = Field(max_length=20)
    medication_guidance: bool = False
    rehab_guidance: bool = False
    guidance_note: str = Field(default="", max_length=300)
    satisfaction: str = Field(max_length=20)
    words: str = Field(default="", max_length=500)
    checked_task_id: int | None = Field(default=None, foreign_key="followup_task.id")
    confirms_call: bool | None = None
    record_matches: bool | None = None
    verdict: str | None = Field(default=None, max_length=20)
    check_note: str = Field(default="", max_length=300)
    recorded_by: str = Field(default="", max_length=30)


class FollowUpAmendment(SQLModel, table=True):
    """A correction of an outcome: the changed fields (JSON {field: [old, new]}) and why."""

    __tablename__ = "followup_amendment"
    id: int | None = Field(default=None, primary_key=True)
    outcome_id: int = Field(foreign_key="followup_outcome.id", index=True)
    at: datetime = Field(sa_type=DateTime)
    changes: str
    reason: str = Field(max_length=300)
    recorded_by: str = Field(default="", max_length=30)


from desktop_app.db.models_inspections import (  # noqa: E402,F401  (one registry, one import path)
    ChecklistVersion,
    ChecklistItem,
    Inspection,
    InspectionResult,
    InspectionPhoto,
    InspectionAmendment,
    InspectionMove,
    RectificationItem,
    RectificationDepartment,
    RectificationEvent,
    DutyLog,
    DutyLogEntry,
)
from desktop_app.db.models_surveys import OutpatientVisits, Survey  # noqa: E402,F401

__all__ = [
    "InstitutionSettings",
    "Department",
    "Staff",
    "User",
    "AuditLog",
    "CalendarDay",
    "CalendarYear",
    "Matter",
    "FeedbackSheet",
    "MatterCallback",
    "MatterExtension",
    "MatterEvent",
    "Discharge",
    "FollowUpTask",
    "FollowUpAttempt",
    "FollowUpOutcome",
    "FollowUpAmendment",
    "ChecklistVersion",
    "ChecklistItem",
    "Inspection",
    "InspectionResult",
    "InspectionPhoto",
    "InspectionAmendment",
    "InspectionMove",
    "RectificationItem",
    "RectificationDepartment",
    "RectificationEvent",
    "DutyLog",
    "DutyLogEntry",
    "OutpatientVisits",
    "Survey",
]
