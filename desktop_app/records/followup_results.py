"""The follow-up results of a month and the lines of a day's call list (DESIGN §1.4, §1.8).

Plain frozen records: `db/services/followup_results.py` counts them (its
docstring says what each figure means); the printouts, the workbook and the
screens show them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from desktop_app.domain.followup_records import rate


# --- rows -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResultFigures:
    """The counts of one department, one tier or the whole month (see the module docstring)."""

    due: int = 0
    done_in_window: int = 0
    done_late: int = 0
    lost: int = 0
    overdue: int = 0
    pending: int = 0
    answered: int = 0  # outcomes with a satisfaction
    satisfied: int = 0  # of those, 满意 or 基本满意
    checked: int = 0  # tier-1 records checked by tier 2
    not_done: int = 0  # … found 未落实
    untrue: int = 0  # … found 记录不实

    @property
    def done(self) -> int:
        return self.done_in_window + self.done_late

    @property
    def in_window_rate(self) -> float | None:
        """按时完成率: done within the window / due; None without tasks."""
        return rate(self.done_in_window, self.due)

    @property
    def satisfaction_rate(self) -> float | None:
        """满意率: (满意 + 基本满意) / answered; None without answers."""
        return rate(self.satisfied, self.answered)

    def __add__(self, other: ResultFigures) -> ResultFigures:
        return ResultFigures(*(a + b for a, b in zip(_values(self), _values(other), strict=True)))


def _values(f: ResultFigures) -> tuple[int, ...]:
    return (f.due, f.done_in_window, f.done_late, f.lost, f.overdue, f.pending, f.answered,
            f.satisfied, f.checked, f.not_done, f.untrue)


@dataclass(frozen=True)
class DepartmentResults:
    department_id: int
    department_name: str
    figures: ResultFigures


@dataclass(frozen=True)
class TierResults:
    tier: int
    figures: ResultFigures


@dataclass(frozen=True)
class CheckFinding:
    """A tier-1 record that tier 2 found 未落实 or 记录不实 (current verdict and note)."""

    tier1_task_id: int | None
    tier2_task_id: int
    patient_name: str
    department_name: str
    discharged_on: date
    tier1_assignee: str
    verdict: str  # Verdict code
    note: str
    checked_at: datetime
    checked_by: str


@dataclass(frozen=True)
class FollowUpResults:
    """The follow-up results of `month` ("YYYY-MM") as of `today`.

    `departments` lists only departments with tasks in the month, in the
    departments' display order; `tiers` every tier that has tasks.
    """

    month: str
    first_day: date
    last_day: date
    today: date
    departments: tuple[DepartmentResults, ...]
    tiers: tuple[TierResults, ...]
    total: ResultFigures
    findings: tuple[CheckFinding, ...]


@dataclass(frozen=True)
class CallListRow:
    """One line of the call list. `phone` is whole: the list is the working paper for the calls."""

    task_id: int
    tier: int
    patient_name: str
    sex: str  # Sex code
    age: int
    phone: str
    address: str
    department_name: str
    discharged_on: date
    diagnosis: str
    special: bool
    special_reason: str | None  # SpecialReason code
    assignee: str
    window_start: date
    window_end: date
    days_left: int  # window end − day; negative when overdue
    overdue: bool
    window_text: str  # 剩 N 天 / 今天截止 / 逾期 N 天
    attempts: int
    failed_attempts: int
