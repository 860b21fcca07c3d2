"""Monthly follow-up results and the day's call list (DESIGN §1.4, §1.8; seed 004 三级回访).

Monthly results (`followup_results`) count the tasks whose window ends in
the month, cancelled ones left out, per department (the discharge's
department), per tier and in total:

- 应访: every such task;
- 按时完成: done, the outcome dated no later than the window's last day;
- 逾期完成: done after the window;
- 失访: closed as lost;
- 逾期未访: still open and the window is over (as of `today`);
- 进行中: still open, window not over yet (a month still running);
- 满意率 = (满意 + 基本满意) / outcomes with a satisfaction (seed 000), from
  each outcome's *current* values, i.e. with its amendments applied;
- 核查: tier-2 outcomes of the month's tier-2 tasks that carry a check of
  tier 1, and of those 未落实 / 记录不实 (current verdict). A check counts for
  the tier-1 record's department; in the per-tier breakdown it counts on
  tier 2, the tier whose task did it.

The call list (`call_list`) is the working paper of one day's calls: the open
tasks whose window contains the day and the open ones whose window is already
over (marked overdue), with the patient's whole phone number — the only list
that carries it (DESIGN §3 masks phones elsewhere); the printout says so.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, select
from sqlmodel import Session

from desktop_app.db.models import (
    Department,
    Discharge,
    FollowUpAmendment,
    FollowUpAttempt,
    FollowUpOutcome,
    FollowUpTask,
)
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.followup_records import TaskStatus, Verdict, window_wording
from desktop_app.domain.matters import is_satisfied
from desktop_app.domain.months import Month
from desktop_app.records.followup_results import (
    CallListRow, CheckFinding, DepartmentResults, FollowUpResults, ResultFigures, TierResults,
)

T = FollowUpTask.__table__
D = Discharge.__table__
DEP = Department.__table__
O = FollowUpOutcome.__table__  # noqa: E741
A = FollowUpAttempt.__table__
AM = FollowUpAmendment.__table__

_CHUNK = 900  # SQLite's bound-parameter limit is 999


# --- monthly results --------------------------------------------------------------------------


def _current_outcomes(session: Session, raw: dict[int, dict]) -> dict[int, dict]:
    """Outcome id → its values with every amendment applied in order (as `outcome_of` does)."""
    ids = list(raw)
    for i in range(0, len(ids), _CHUNK):
        rows = session.execute(
            select(AM.c.outcome_id, AM.c.changes).where(AM.c.outcome_id.in_(ids[i:i + _CHUNK]))
            .order_by(AM.c.at, AM.c.id)
        ).all()
        for outcome_id, changes in rows:
            for name, (_old, new) in json.loads(changes).items():
                raw[outcome_id][name] = new
    return raw


@dataclass
class _Tally:
    due: int = 0
    done_in_window: int = 0
    done_late: int = 0
    lost: int = 0
    overdue: int = 0
    pending: int = 0
    answered: int = 0
    satisfied: int = 0
    checked: int = 0
    not_done: int = 0
    untrue: int = 0

    def frozen(self) -> ResultFigures:
        return ResultFigures(**vars(self))


def followup_results(*, session: Session, month: Month | str, today: date) -> FollowUpResults:
    """The month's follow-up figures per department, per tier and in total, and the findings.

    Counts the tasks whose window ends in `month` (cancelled ones left out);
    see the module docstring for each figure. ValidationError for a malformed month.
    """
    month = Month.parse(month)
    first, last = month.first_day, month.last_day
    query = (
        select(T.c.id, T.c.tier, T.c.status, T.c.window_end, T.c.discharge_id, D.c.department_id,
               DEP.c.name, DEP.c.sort_order, D.c.patient_name, D.c.discharged_on,
               O.c.id, O.c.at, O.c.satisfaction, O.c.verdict, O.c.check_note,
               O.c.checked_task_id, O.c.recorded_by)
        .select_from(T.join(D, D.c.id == T.c.discharge_id)
                     .join(DEP, DEP.c.id == D.c.department_id)
                     .outerjoin(O, O.c.task_id == T.c.id))
        .where(T.c.window_end.between(first, last), T.c.status != TaskStatus.cancelled.value)
        .order_by(DEP.c.sort_order, DEP.c.id, T.c.window_end, T.c.id)
    )
    raw = session.execute(query).all()
    outcomes = _current_outcomes(session, {
        r[10]: {"satisfaction": r[12], "verdict": r[13], "check_note": r[14]}
        for r in raw if r[10] is not None
    })

    by_dept: dict[int, _Tally] = defaultdict(_Tally)
    dept_names: dict[int, str] = {}
    by_tier: dict[int, _Tally] = defaultdict(_Tally)
    flagged: list[tuple] = []
    for (task_id, tier, status, end, discharge_id, dept_id, dept_name, _sort, patient,
         discharged, outcome_id, outcome_at, *_rest, checked_task_id, recorded_by) in raw:
        dept_names[dept_id] = dept_name
        current = outcomes.get(outcome_id) if outcome_id is not None else None
        for tally in (by_dept[dept_id], by_tier[tier]):
            _count(tally, status, end, today, outcome_at, current)
        if current is not None and current.get("verdict") in (Verdict.not_done, Verdict.untrue):
            flagged.append((task_id, discharge_id, checked_task_id, patient, dept_name,
                            discharged, current, outcome_at, recorded_by))

    departments = tuple(DepartmentResults(i, dept_names[i], by_dept[i].frozen()) for i in by_dept)
    tiers = tuple(TierResults(t, by_tier[t].frozen()) for t in sorted(by_tier))
    total = sum((d.figures for d in departments), ResultFigures())
    return FollowUpResults(
        month=str(month), first_day=first, last_day=last, today=today,
        departments=departments, tiers=tiers, total=total,
        findings=_findings(session, flagged),
    )


def _count(tally: _Tally, status: str, end: date, today: date, outcome_at: datetime | None,
           current: dict | None) -> None:
    tally.due += 1
    if status == TaskStatus.done:
        if outcome_at is not None and outcome_at.date() > end:
            tally.done_late += 1
        else:
            tally.done_in_window += 1
    elif status == TaskStatus.lost:
        tally.lost += 1
    elif end < today:
        tally.overdue += 1
    else:
        tally.pending += 1
    if current is None:
        return
    if current.get("satisfaction"):
        tally.answered += 1
        tally.satisfied += is_satisfied(current["satisfaction"])
    verdict = current.get("verdict")
    if verdict:
        tally.checked += 1
        tally.not_done += verdict == Verdict.not_done
        tally.untrue += verdict == Verdict.untrue


def _findings(session: Session, flagged: list[tuple]) -> tuple[CheckFinding, ...]:
    """The flagged checks with the checked tier-1 task's assignee, by department then date."""
    if not flagged:
        return ()
    discharge_ids = sorted({f[1] for f in flagged})
    tier1: dict[int, tuple[int, str]] = {}  # discharge id → (tier-1 task id, assignee)
    for i in range(0, len(discharge_ids), _CHUNK):
        tier1.update({
            did: (tid, assignee) for tid, did, assignee in session.execute(
                select(T.c.id, T.c.discharge_id, T.c.assignee)
                .where(and_(T.c.discharge_id.in_(discharge_ids[i:i + _CHUNK]), T.c.tier == 1))
            ).all()
        })
    result = []
    for (task_id, discharge_id, checked_task_id, patient, dept_name, discharged, current,
         at, recorded_by) in flagged:
        first_id, assignee = tier1.get(discharge_id, (None, ""))
        result.append(CheckFinding(
            tier1_task_id=checked_task_id or first_id, tier2_task_id=task_id,
            patient_name=patient, department_name=dept_name, discharged_on=discharged,
            tier1_assignee=assignee, verdict=str(current["verdict"]),
            note=str(current.get("check_note") or ""), checked_at=at, checked_by=recorded_by,
        ))
    return tuple(result)


# --- the call list ----------------------------------------------------------------------------


def _attempts(session: Session, ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """Task id → (attempts, failed attempts)."""
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for i in range(0, len(ids), _CHUNK):
        for task_id, reached in session.execute(
            select(A.c.task_id, A.c.reached).where(A.c.task_id.in_(ids[i:i + _CHUNK]))
        ).all():
            counts[task_id][0] += 1
            counts[task_id][1] += not reached
    return {k: (v[0], v[1]) for k, v in counts.items()}


def call_list(
    *, session: Session, day: date, department_id: int | None = None
) -> list[CallListRow]:
    """The open tasks to call on `day`: window containing the day, and overdue ones (marked).

    Restricted to the discharges of `department_id` when given (ValidationError
    if no such department). Sorted by tier, then window end (overdue first),
    then patient. Phones are whole: this is the working paper for the calls.
    """
    if department_id is not None and session.get(Department, department_id) is None:
        raise ValidationError("department", "该科室不存在")
    query = (
        select(T.c.id, T.c.tier, D.c.patient_name, D.c.sex, D.c.age, D.c.phone, D.c.address,
               DEP.c.name, D.c.discharged_on, D.c.diagnosis, D.c.special, D.c.special_reason,
               T.c.assignee, T.c.window_start, T.c.window_end, T.c.status)
        .select_from(T.join(D, D.c.id == T.c.discharge_id)
                     .join(DEP, DEP.c.id == D.c.department_id))
        .where(T.c.status == TaskStatus.open.value, T.c.window_start <= day)
        .order_by(T.c.tier, T.c.window_end, DEP.c.sort_order, DEP.c.id, D.c.patient_name, T.c.id)
    )
    if department_id is not None:
        query = query.where(D.c.department_id == department_id)
    raw = session.execute(query).all()
    counts = _attempts(session, [r[0] for r in raw])
    return list(_call_rows(raw, counts, day))


def _call_rows(
    raw: Iterable, counts: dict[int, tuple[int, int]], day: date
) -> Iterable[CallListRow]:
    for (task_id, tier, name, sex, age, phone, address, dept, discharged, diagnosis, special,
         reason, assignee, start, end, status) in raw:
        attempts, failed = counts.get(task_id, (0, 0))
        yield CallListRow(
            task_id=task_id, tier=tier, patient_name=name, sex=sex, age=age, phone=phone,
            address=address, department_name=dept, discharged_on=discharged, diagnosis=diagnosis,
            special=bool(special), special_reason=reason, assignee=assignee, window_start=start,
            window_end=end, days_left=(end - day).days, overdue=end < day,
            window_text=window_wording(status, start, end, day), attempts=attempts,
            failed_attempts=failed,
        )
