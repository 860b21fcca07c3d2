"""The follow-up work lists and a task's whole record (DESIGN §1.4).

Lists are read with plain SQL over the indexed window and status columns, so
they stay quick with tens of thousands of discharges; the day they are
judged against (`today`) is always passed in.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from sqlalchemy import and_, func, or_, select
from sqlmodel import Session

from desktop_app.db.models import (
    Department,
    Discharge,
    FollowUpAmendment,
    FollowUpAttempt,
    FollowUpOutcome,
    FollowUpTask,
    Matter,
)
from desktop_app.db.services.discharges import to_row
from desktop_app.records.followup_rows import (
    AmendmentRow,
    AttemptRow,
    OutcomeView,
    TaskDetail,
    TaskFilter,
    TaskRow,
)
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.followup_records import (
    SOON_DAYS,
    TaskStatus,
    is_due_soon,
    window_wording,
    work_state,
)
from desktop_app.domain.matters import format_serial
from desktop_app.domain.months import Month
from desktop_app.domain.validation import mask_phone

T = FollowUpTask.__table__
D = Discharge.__table__
DEP = Department.__table__
A = FollowUpAttempt.__table__

OUTCOME_FIELDS = (
    "condition", "medication_guidance", "rehab_guidance", "guidance_note", "satisfaction", "words",
    "confirms_call", "record_matches", "verdict", "check_note",
)
LIST_LIMIT = 2000  # a longer list is narrowed by month or search, not scrolled


def _state_clause(state: str | None, today: date):
    is_open = T.c.status == TaskStatus.open.value
    if state in (None, ""):
        return T.c.status != TaskStatus.cancelled.value
    if state == "due":
        return and_(is_open, T.c.window_start <= today, T.c.window_end >= today)
    if state == "soon":
        return and_(is_open, T.c.window_start <= today, T.c.window_end >= today,
                    T.c.window_end <= today + timedelta(days=SOON_DAYS))
    if state == "upcoming":
        return and_(is_open, T.c.window_start > today)
    if state == "overdue":
        return and_(is_open, T.c.window_end < today)
    return T.c.status == TaskStatus(state).value


def _order(state: str | None):
    if state in ("done", "lost"):
        return (T.c.closed_at.desc(), T.c.id.desc())
    if state == "upcoming":
        return (T.c.window_start, T.c.tier, T.c.id)
    return (T.c.window_end, T.c.tier, T.c.id)


def _select():
    return (
        select(T.c.id, T.c.discharge_id, T.c.tier, D.c.patient_name, D.c.sex, D.c.age, D.c.phone,
               D.c.department_id, DEP.c.name, T.c.assignee, D.c.discharged_on, T.c.window_start,
               T.c.window_end, T.c.status, D.c.special)
        .select_from(T.join(D, D.c.id == T.c.discharge_id).join(DEP, DEP.c.id == D.c.department_id))
    )


def _attempt_counts(session: Session, ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """task id → (attempts, failed attempts)."""
    counts: dict[int, tuple[int, int]] = {}
    for i in range(0, len(ids), 900):
        chunk = ids[i:i + 900]
        rows = session.execute(
            select(A.c.task_id, func.count(), func.sum(func.iif(A.c.reached, 0, 1)))
            .where(A.c.task_id.in_(chunk)).group_by(A.c.task_id)
        ).all()
        counts.update({task_id: (n, int(failed or 0)) for task_id, n, failed in rows})
    return counts


def _rows(session: Session, raw: Iterable, today: date) -> list[TaskRow]:
    raw = list(raw)
    counts = _attempt_counts(session, [r[0] for r in raw])
    # rows share few (status, window) pairs: work out state, wording and "soon" once per pair
    windows: dict[tuple[str, date, date], tuple[str, str, bool]] = {}
    result = []
    for (tid, did, tier, name, sex, age, phone, dep_id, dep_name, assignee, discharged,
         start, end, status, special) in raw:
        n, failed = counts.get(tid, (0, 0))
        key = (status, start, end)
        window = windows.get(key)
        if window is None:
            window = windows[key] = (work_state(status, start, end, today).value,
                                     window_wording(status, start, end, today),
                                     is_due_soon(status, start, end, today))
        state, text, soon = window
        result.append(TaskRow(
            id=tid, discharge_id=did, tier=tier, patient_name=name, sex=sex, age=age,
            phone_masked=mask_phone(phone), department_id=dep_id, department_name=dep_name,
            assignee=assignee, discharged_on=discharged, window_start=start, window_end=end,
            status=status, state=state, window_text=text, soon=soon, special=bool(special),
            attempts=n, failed_attempts=failed,
        ))
    return result


def list_tasks(*, session: Session, filters: TaskFilter, today: date,
               limit: int = LIST_LIMIT) -> list[TaskRow]:
    """The work list for `filters` as of `today` (at most `limit` rows)."""
    query = _select().where(_state_clause(filters.state, today))
    if filters.tier is not None:
        query = query.where(T.c.tier == filters.tier)
    if filters.department_id is not None:
        query = query.where(D.c.department_id == filters.department_id)
    if filters.assignee.strip():
        query = query.where(T.c.assignee.contains(filters.assignee.strip(), autoescape=True))
    text = filters.text.strip()
    if text:
        # the matching discharges first (one scan of discharge), then their tasks by index;
        # a plain join makes SQLite walk every task in window order and test each one
        found = D.alias("found")
        query = query.where(T.c.discharge_id.in_(select(found.c.id).where(or_(
            found.c.patient_name.contains(text, autoescape=True),
            found.c.phone.contains(text, autoescape=True),
            found.c.inpatient_no.contains(text, autoescape=True),
        ))))
    if filters.month:
        month = Month.parse(filters.month)
        query = query.where(T.c.window_end.between(month.first_day, month.last_day))
    query = query.order_by(*_order(filters.state)).limit(limit)
    return _rows(session, session.execute(query).all(), today)


def count_tasks(*, session: Session, today: date) -> dict[str, int]:
    """How many tasks each list holds today: due, soon, overdue (for the tab's counters)."""
    return {
        state: session.execute(
            select(func.count()).select_from(T).where(_state_clause(state, today))
        ).scalar_one()
        for state in ("due", "soon", "overdue")
    }


def list_assignees(*, session: Session) -> list[str]:
    """The people and offices tasks are assigned to, for the 人员 filter."""
    names: set[str] = set()
    for (assignee,) in session.execute(select(T.c.assignee).distinct()).all():
        names.update(part for part in assignee.split("、") if part)
    return sorted(names)


def tasks_for_discharge(*, session: Session, discharge_id: int, today: date) -> list[TaskRow]:
    query = _select().where(T.c.discharge_id == discharge_id).order_by(T.c.tier)
    return _rows(session, session.execute(query).all(), today)


def _outcome_view(session: Session, outcome: FollowUpOutcome) -> OutcomeView:
    original = {name: getattr(outcome, name) for name in OUTCOME_FIELDS}
    current = dict(original)
    amendments = []
    for a in session.execute(
        select(FollowUpAmendment).where(FollowUpAmendment.outcome_id == outcome.id)
        .order_by(FollowUpAmendment.at, FollowUpAmendment.id)
    ).scalars():
        changes = {k: (v[0], v[1]) for k, v in json.loads(a.changes).items()}
        current.update({k: new for k, (_old, new) in changes.items()})
        amendments.append(AmendmentRow(a.id or 0, a.at, changes, a.reason, a.recorded_by))
    return OutcomeView(outcome.id or 0, outcome.at, outcome.recorded_by, original, current,
                       tuple(amendments))


def outcome_of(session: Session, task_id: int) -> OutcomeView | None:
    outcome = session.execute(
        select(FollowUpOutcome).where(FollowUpOutcome.task_id == task_id)).scalar_one_or_none()
    return None if outcome is None else _outcome_view(session, outcome)


def matter_source_ref(task_id: int) -> str:
    """The `Matter.source_ref` of a matter registered from a task's opinion."""
    return f"followup:{task_id}"


def get_task(*, session: Session, task_id: int, today: date, with_tier1: bool = True) -> TaskDetail:
    """A task with its patient, attempts, outcome (and amendments), and on tier 2 the tier-1 record."""
    task = session.get(FollowUpTask, task_id)
    if task is None:
        raise ValidationError("task", "该回访任务不存在")
    siblings = tasks_for_discharge(session=session, discharge_id=task.discharge_id, today=today)
    row = next(r for r in siblings if r.id == task_id)
    discharge = session.get(Discharge, task.discharge_id)
    department = session.get(Department, discharge.department_id)
    attempts = tuple(
        AttemptRow(a.id or 0, a.at, a.method, a.reached, a.note, a.recorded_by)
        for a in session.execute(
            select(FollowUpAttempt).where(FollowUpAttempt.task_id == task_id)
            .order_by(FollowUpAttempt.at, FollowUpAttempt.id)).scalars()
    )
    tier1 = None
    if with_tier1 and task.tier == 2:
        first = next((r for r in siblings if r.tier == 1), None)
        if first is not None:
            tier1 = get_task(session=session, task_id=first.id, today=today, with_tier1=False)
    matter = session.execute(
        select(Matter.id, Matter.serial_year, Matter.serial_no)
        .where(Matter.source_ref == matter_source_ref(task_id))).first()
    return TaskDetail(
        task=row, discharge=to_row(discharge, department.name), attempts=attempts,
        outcome=outcome_of(session, task_id), lost_reason=task.lost_reason,
        closed_at=task.closed_at, closed_by=task.closed_by, tier1=tier1,
        matter_id=matter[0] if matter else None,
        matter_serial=format_serial(matter[1], matter[2]) if matter else "",
        other_tasks=tuple(r for r in siblings if r.id != task_id),
    )


def followup_for_matter(*, session: Session, source_ref: str) -> tuple[int, str] | None:
    """(task id, "张某某 一级回访") for a matter registered from a follow-up, else None."""
    if not source_ref.startswith("followup:"):
        return None
    try:
        task_id = int(source_ref.split(":", 1)[1])
    except ValueError:
        return None
    found = session.execute(
        select(T.c.id, T.c.tier, D.c.patient_name).join(D, D.c.id == T.c.discharge_id)
        .where(T.c.id == task_id)).first()
    if found is None:
        return None
    tier_names = {1: "一级回访", 2: "二级回访", 3: "三级回访"}
    return found[0], f"{found[2]} {tier_names[found[1]]}"
