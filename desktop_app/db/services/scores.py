"""科室月度满意度考评: one month's score per department (DESIGN §1.8, seed 004 §四(四)).

Seed 004 §四(四) makes the month's problems the basis for "评价科室当月满意度，
兑现绩效". For each department and month (`domain.satisfaction` has the rule
and the arithmetic):

- 问卷满意率: every answer on the department's forms of the month, all three
  kinds (questionnaire and opinion-form dimensions, phone-survey overall);
- 回访满意率 and 回访落实: from `followup_results` (tasks whose window ends in
  the month; the discharge's department): follow-ups answered / satisfied,
  and tier-1 records checked by tier 2 / found 未落实 or 记录不实;
- 投诉: matters received in the month whose 核实结论 is 属实 or 部分属实, of
  the types 批评 / 投诉 / 举报, aimed at the department (the target department,
  or the target staff member's department when only a person was named);
- weights and the deduction per complaint: the settings (`score_weights`).

Departments listed: the active clinical departments, plus any department
with data that month (forms, follow-ups or a substantiated complaint), in
the departments' display order. Rank: by total rounded to two decimals,
highest first; equal totals share a rank (1, 1, 3); no total, no rank.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, func, or_, select
from sqlmodel import Session

from desktop_app.db.models import Department, Matter, Staff
from desktop_app.db.services.followup_results import followup_results
from desktop_app.records.followup_results import ResultFigures
from desktop_app.db.services.matter_finding import FINDING_REQUEST_TYPES
from desktop_app.db.services.settings import get_settings, score_weights
from desktop_app.db.services.survey_results import department_answers
from desktop_app.records.survey_rows import DepartmentScoreRow, MonthScores
from desktop_app.domain.matters import SUBSTANTIATED, format_serial
from desktop_app.domain.months import Month
from desktop_app.domain.satisfaction import (
    AnswerCounts,
    DepartmentScore,
    ScoreInputs,
    department_score,
)

M = Matter.__table__
DEP = Department.__table__
ST = Staff.__table__

RANK_DECIMALS = 2
"""Totals are ranked (and meant to be shown) to two decimals."""


def substantiated_complaints(session: Session, first: date, last: date) -> dict[int, list[str]]:
    """Department id → serials of the month's substantiated complaints against it, oldest first."""
    low = datetime.combine(first, time.min)
    high = datetime.combine(last + timedelta(days=1), time.min)
    department = func.coalesce(M.c.target_department_id, ST.c.department_id)
    rows = session.execute(
        select(department, M.c.serial_year, M.c.serial_no)
        .select_from(M.outerjoin(ST, ST.c.id == M.c.target_staff_id))
        .where(and_(M.c.received_at >= low, M.c.received_at < high),
               M.c.finding.in_(sorted(f.value for f in SUBSTANTIATED)),
               M.c.request_type.in_(sorted(t.value for t in FINDING_REQUEST_TYPES)),
               department.is_not(None))
        .order_by(M.c.received_at, M.c.id)
    ).all()
    out: dict[int, list[str]] = defaultdict(list)
    for dep_id, year, number in rows:
        out[dep_id].append(format_serial(year, number))
    return dict(out)


def rank(totals: dict[int, float | None]) -> dict[int, int | None]:
    """Key → competition rank of its total (highest first, ties share a rank); None for no total."""
    rounded = {k: round(v, RANK_DECIMALS) for k, v in totals.items() if v is not None}
    ordered = sorted(rounded.values(), reverse=True)
    first_place = {}
    for place, value in enumerate(ordered, start=1):
        first_place.setdefault(value, place)
    return {k: (first_place[rounded[k]] if k in rounded else None) for k in totals}


def month_scores(*, session: Session, month: Month | str, today: date) -> MonthScores:
    """Each listed department's score for `month` ("YYYY-MM"), as of `today` (see the module docstring).

    ValidationError('month') for a malformed month; a saved set of weights
    that does not sum to 100% raises ValidationError('score_weights').
    """
    month = Month.parse(month)
    first, last = month.first_day, month.last_day
    settings = get_settings(session=session)
    weights = score_weights(settings).validate()
    answers = department_answers(session, first, last)
    followups: dict[int, ResultFigures] = {
        d.department_id: d.figures
        for d in followup_results(session=session, month=month, today=today).departments
    }
    complaints = substantiated_complaints(session, first, last)
    with_data = set(answers) | set(followups) | set(complaints)
    departments = session.execute(
        select(DEP.c.id, DEP.c.name)
        .where(or_(and_(DEP.c.active == True, DEP.c.is_clinical == True),  # noqa: E712
                   DEP.c.id.in_(sorted(with_data))))
        .order_by(DEP.c.sort_order, DEP.c.id)
    ).all()

    scored: list[tuple[int, str, ScoreInputs, DepartmentScore]] = []
    for dep_id, name in departments:
        figures = followups.get(dep_id, ResultFigures())
        inputs = ScoreInputs(
            survey=answers.get(dep_id, AnswerCounts()),
            followup_answered=figures.answered,
            followup_satisfied=figures.satisfied,
            checked=figures.checked,
            check_failed=figures.not_done + figures.untrue,
            substantiated=len(complaints.get(dep_id, ())),
        )
        scored.append((dep_id, name, inputs, department_score(inputs, weights)))
    ranks = rank({dep_id: score.total if score.ranked else None
                  for dep_id, _n, _i, score in scored})
    rows = tuple(
        DepartmentScoreRow(department_id=dep_id, department_name=name, inputs=inputs, score=score,
                           rank=ranks[dep_id], complaints=tuple(complaints.get(dep_id, ())))
        for dep_id, name, inputs, score in scored
    )
    return MonthScores(month=str(month), institution=settings.name, weights=weights, rows=rows)
