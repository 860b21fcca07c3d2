"""Plain rows the follow-up service functions take and return (DESIGN §1.4; no ORM leaves db/).

Codes are domain enum values (`domain.followup_records`, `domain.matters.Satisfaction`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class DischargeInput:
    """The discharge form (and one row of an import)."""

    patient_name: str
    sex: str | None
    age: int | None
    phone: str
    address: str
    department_id: int | None
    doctor_name: str
    nurse_name: str
    admitted_on: date | None
    discharged_on: date | None
    diagnosis: str = ""
    special: bool = False
    special_reason: str | None = None
    special_note: str = ""
    inpatient_no: str = ""


@dataclass(frozen=True)
class DischargeRow:
    id: int
    patient_name: str
    sex: str
    age: int
    phone: str  # whole: the detail form and the call list need it
    address: str
    inpatient_no: str
    department_id: int
    department_name: str
    doctor_name: str
    nurse_name: str
    admitted_on: date
    discharged_on: date
    diagnosis: str
    special: bool
    special_reason: str | None
    special_note: str
    source: str


@dataclass(frozen=True)
class TaskFilter:
    """The work list's filters; None/"" means any.

    `state`: a WorkState code, or "soon" (即将到期). `month` ("YYYY-MM") limits
    by window end — used for 已完成 and 失访, which grow without end.
    """

    state: str | None = "due"
    tier: int | None = None
    department_id: int | None = None
    assignee: str = ""
    text: str = ""  # patient name, phone or inpatient number
    month: str | None = None


@dataclass(frozen=True)
class TaskRow:
    """One line of a work list."""

    id: int
    discharge_id: int
    tier: int
    patient_name: str
    sex: str
    age: int
    phone_masked: str
    department_id: int
    department_name: str
    assignee: str
    discharged_on: date
    window_start: date
    window_end: date
    status: str
    state: str  # WorkState code on the list's day
    window_text: str  # 剩 N 天 / 今天截止 / 逾期 N 天 …
    soon: bool
    special: bool
    attempts: int
    failed_attempts: int


@dataclass(frozen=True)
class AttemptInput:
    at: datetime | None
    method: str | None
    reached: bool
    note: str = ""


@dataclass(frozen=True)
class OutcomeInput:
    condition: str | None
    medication_guidance: bool
    rehab_guidance: bool
    guidance_note: str
    satisfaction: str | None
    words: str = ""


@dataclass(frozen=True)
class CheckInput:
    """Tier 2's check of tier 1."""

    confirms_call: bool
    record_matches: bool
    verdict: str | None
    note: str = ""


@dataclass(frozen=True)
class AttemptRow:
    id: int
    at: datetime
    method: str
    reached: bool
    note: str
    recorded_by: str


@dataclass(frozen=True)
class AmendmentRow:
    id: int
    at: datetime
    changes: dict[str, tuple[object, object]]  # field → (old, new)
    reason: str
    recorded_by: str


@dataclass(frozen=True)
class OutcomeView:
    """An outcome as first saved (`original`) and as amended (`current`), with its amendments."""

    id: int
    at: datetime
    recorded_by: str
    original: dict[str, object]
    current: dict[str, object]
    amendments: tuple[AmendmentRow, ...]


@dataclass(frozen=True)
class TaskDetail:
    task: TaskRow
    discharge: DischargeRow
    attempts: tuple[AttemptRow, ...]
    outcome: OutcomeView | None
    lost_reason: str
    closed_at: datetime | None
    closed_by: str
    tier1: TaskDetail | None = None  # on a tier-2 task: the tier-1 record beside it
    matter_id: int | None = None  # a matter registered from this task's opinion
    matter_serial: str = ""
    other_tasks: tuple[TaskRow, ...] = field(default_factory=tuple)
