"""Plain rows the 满意度 service functions take and return (DESIGN §1.7–1.8; no ORM leaves db/).

Codes are `domain.satisfaction` values: SurveyKind, Dimension, Answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from desktop_app.domain.satisfaction import (
    AnswerCounts, DepartmentScore, Quota, ScoreInputs, ScoreWeights,
)

# --- entry ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SurveyInput:
    """One paper form as typed in.

    `answers` maps Dimension codes to Answer codes (outpatient and inpatient
    forms); a missing dimension is 未答. The phone survey uses `overall`.
    """

    kind: str
    day: date | None
    department_id: int | None
    answers: dict[str, str] = field(default_factory=dict)
    overall: str = "unanswered"
    comment: str = ""
    # inpatient opinion form
    patient_name: str = ""
    bed_no: str = ""
    cards_given: int = 0
    # public-health phone survey
    respondent_name: str = ""
    phone: str = ""
    service_item: str = ""
    reached: bool | None = None


@dataclass(frozen=True)
class SurveyRow:
    id: int
    kind: str
    day: date
    department_id: int
    department_name: str
    answers: dict[str, str]  # every Dimension code → Answer code
    overall: str
    comment: str
    patient_name: str
    bed_no: str
    cards_given: int
    respondent_name: str
    phone: str  # masked (138****1234); the detail form asks for the whole one
    service_item: str
    reached: bool | None
    entered_by: str
    entered_at: datetime
    matter_serial: str | None  # "2026-0012" when the comment was registered as a matter
    matter_id: int | None


@dataclass(frozen=True)
class QuotaRow:
    """One day and department of the outpatient quota, or a total of several.

    A total (全院, a month) counts in `surveys` only the questionnaires of the
    days and departments whose visits were entered, so that surveys ÷ visits
    is a true share; the others are in `unmatched`.
    """

    day: date
    department_id: int
    department_name: str
    visits: int | None  # None: not entered
    surveys: int  # outpatient questionnaires that day (a total: those with visits entered)
    ratio: float  # the sampling ratio setting
    unmatched: int = 0  # a total only: questionnaires on days/departments without visits

    @property
    def quota(self) -> Quota:
        return Quota(self.visits, self.surveys, self.ratio)


@dataclass(frozen=True)
class SavedSurvey:
    """What `record_survey` returns: the form as stored and the day's quota after it."""

    survey: SurveyRow
    quota: QuotaRow | None  # outpatient only


@dataclass(frozen=True)
class QuotaMonth:
    """The month view: every day × every department with outpatient visits or questionnaires.

    `cells[(day, department_id)]` exists for each day of the month and each
    listed department; `day_totals[day]` sums the departments.
    """

    month: str
    ratio: float
    departments: tuple[tuple[int, str], ...]
    days: tuple[date, ...]
    cells: dict[tuple[date, int], QuotaRow]
    day_totals: dict[date, QuotaRow]
    month_total: QuotaRow  # day = first day of the month, department_id 0 "全院"

    def short_days(self) -> tuple[date, ...]:
        """Days on which some department with visits fell short of the quota."""
        return tuple(
            day for day in self.days
            if any(self.cells[(day, dep)].quota.met is False for dep, _name in self.departments)
        )


@dataclass(frozen=True)
class VisitsInput:
    day: date | None
    department_id: int | None
    visits: int | None


# --- results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DimensionResult:
    dimension: str  # Dimension code
    label: str
    counts: AnswerCounts


@dataclass(frozen=True)
class DepartmentSatisfaction:
    department_id: int
    department_name: str
    forms: int
    dimensions: tuple[DimensionResult, ...]  # in Dimension order
    total: AnswerCounts  # every dimension answer (and phone-survey overall answers)


@dataclass(frozen=True)
class CommentRow:
    survey_id: int
    kind: str
    day: date
    department_name: str
    comment: str
    negative: bool  # some answer 不满意
    matter_serial: str | None


@dataclass(frozen=True)
class SatisfactionResults:
    """A month's survey results, the way seed 000 reports them.

    `kinds` are the SurveyKind codes counted. `lowest` are the (up to three)
    dimensions with the lowest 满意率 among those answered.
    """

    month: str
    kinds: tuple[str, ...]
    forms: int
    dimensions: tuple[DimensionResult, ...]
    departments: tuple[DepartmentSatisfaction, ...]
    total: AnswerCounts
    lowest: tuple[DimensionResult, ...]
    phone_called: int  # public-health phone survey
    phone_reached: int
    phone_counts: AnswerCounts
    cards_given: int  # 医患连心卡 handed out with inpatient forms
    comments: tuple[CommentRow, ...]
    quota_short_days: int  # days with some department below the outpatient quota
    quota_days_with_visits: int


@dataclass(frozen=True)
class TrendPoint:
    month: str
    counts: AnswerCounts  # all answers of the month (the kinds asked for)


# --- the department monthly score ----------------------------------------------------------


@dataclass(frozen=True)
class DepartmentScoreRow:
    department_id: int
    department_name: str
    inputs: ScoreInputs
    score: DepartmentScore
    rank: int | None  # 1 = best; None without a total
    complaints: tuple[str, ...]  # serials of the substantiated complaints


@dataclass(frozen=True)
class MonthScores:
    month: str
    institution: str
    weights: ScoreWeights
    rows: tuple[DepartmentScoreRow, ...]  # departments' display order
