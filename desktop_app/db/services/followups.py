"""Working a follow-up task: attempts, the outcome, 失访, amendments (DESIGN §1.4).

Records are truthful (如实客观记录): a saved outcome is never edited; a
correction is an amendment with a reason, kept beside the original. A tier-2
outcome carries its check of tier 1 (patient confirms the call? record
matches? verdict). Services take `now`; nothing may be dated after it.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from desktop_app.db.models import (
    Discharge,
    FollowUpAmendment,
    FollowUpAttempt,
    FollowUpOutcome,
    FollowUpTask,
)
from desktop_app.records.followup_rows import (
    AttemptInput,
    CheckInput,
    OutcomeInput,
    TaskDetail,
)
from desktop_app.db.services.followups_query import OUTCOME_FIELDS, get_task, outcome_of
from desktop_app.db.tx import Actor, require, snapshot, transactional, write_audit
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.followup_records import (
    MAX_FAILED_ATTEMPTS,
    Condition,
    ContactMethod,
    TaskStatus,
    can_close_lost,
    check_verdict,
)
from desktop_app.domain.matters import Satisfaction
from desktop_app.domain.roles import Permission
from desktop_app.domain.validation import clean_text

TEXT_LIMITS = {"guidance_note": ("指导说明", 300), "words": ("患者意见建议", 500),
               "check_note": ("核查说明", 300)}


def _open_task(session: Session, task_id: int) -> FollowUpTask:
    task = session.get(FollowUpTask, task_id)
    if task is None:
        raise ValidationError("task", "该回访任务不存在")
    if task.status != TaskStatus.open:
        raise ValidationError("task", "该回访已结束（已完成、失访或已取消），不能再记录")
    return task


def _enum(enum: type, value: str | None, field: str, message: str) -> str:
    try:
        return enum(value).value
    except ValueError:
        raise ValidationError(field, message) from None


def _clean_attempt(session: Session, task: FollowUpTask, data: AttemptInput, now: datetime):
    if data.at is None:
        raise ValidationError("at", "请填写回访时间")
    if data.at > now:
        raise ValidationError("at", "回访时间不能晚于现在")
    discharged = session.get(Discharge, task.discharge_id).discharged_on
    if data.at.date() < discharged:
        raise ValidationError("at", "回访时间不能早于出院日期")
    method = _enum(ContactMethod, data.method, "method", "请选择回访方式")
    note = clean_text(data.note, field="note", label="情况说明", max_len=200, required=False)
    return FollowUpAttempt(task_id=task.id, at=data.at, method=method, reached=bool(data.reached),
                           note=note)


def _clean_outcome(data: OutcomeInput) -> dict[str, Any]:
    values: dict[str, Any] = {
        "condition": _enum(Condition, data.condition, "condition", "请选择患者目前情况"),
        "medication_guidance": bool(data.medication_guidance),
        "rehab_guidance": bool(data.rehab_guidance),
        "satisfaction": _enum(Satisfaction, data.satisfaction, "satisfaction", "请选择满意度"),
    }
    for name in ("guidance_note", "words"):
        label, limit = TEXT_LIMITS[name]
        values[name] = clean_text(getattr(data, name), field=name, label=label, max_len=limit,
                                  required=False)
    return values


def _clean_check(confirms: bool, matches: bool, verdict: str | None, note: str) -> dict[str, Any]:
    checked = check_verdict(bool(confirms), bool(matches), verdict)
    label, limit = TEXT_LIMITS["check_note"]
    note = clean_text(note, field="check_note", label=label, max_len=limit,
                      required=checked.value != "done")
    return {"confirms_call": bool(confirms), "record_matches": bool(matches),
            "verdict": checked.value, "check_note": note}


def _tier1_task_id(session: Session, task: FollowUpTask) -> int | None:
    return session.execute(
        select(FollowUpTask.id).where(FollowUpTask.discharge_id == task.discharge_id,
                                      FollowUpTask.tier == 1)).scalar_one_or_none()


@transactional
def record_followup(
    *, session: Session, actor: Actor, task_id: int, attempt: AttemptInput,
    outcome: OutcomeInput | None = None, check: CheckInput | None = None, now: datetime,
) -> TaskDetail:
    """Record one attempt; with an outcome (patient reached) the task is done.

    On a tier-2 task the outcome must come with the check of tier 1.
    """
    require(actor, Permission.record_followup)
    task = _open_task(session, task_id)
    row = _clean_attempt(session, task, attempt, now)
    row.recorded_by = actor.display_name
    after: dict[str, Any] = {"attempt": None, "outcome": None}
    saved_outcome = None
    if outcome is not None:
        if not row.reached:
            raise ValidationError("reached", "未联系上患者时不能记录回访结果")
        values = _clean_outcome(outcome)
        if task.tier == 2:
            if check is None:
                raise ValidationError("verdict", "二级回访须核查一级回访：请填写核查结论")
            values |= _clean_check(check.confirms_call, check.record_matches, check.verdict,
                                   check.note)
            values["checked_task_id"] = _tier1_task_id(session, task)
        saved_outcome = FollowUpOutcome(task_id=task.id, at=row.at, recorded_by=actor.display_name,
                                        **values)
    session.add(row)
    session.flush()
    after["attempt"] = snapshot(row)
    if saved_outcome is not None:
        session.add(saved_outcome)
        before = snapshot(task)
        task.status = TaskStatus.done.value
        task.closed_at = row.at
        task.closed_by = actor.display_name
        session.add(task)
        session.flush()
        after["outcome"] = snapshot(saved_outcome)
        after["task"] = snapshot(task)
        write_audit(session, actor, "record", "followup_task", task.id, before, after, now)
    else:
        write_audit(session, actor, "attempt", "followup_task", task.id, None, after, now)
    return get_task(session=session, task_id=task_id, today=now.date())


def failed_attempts(session: Session, task_id: int) -> int:
    return session.execute(
        select(func.count()).select_from(FollowUpAttempt)
        .where(FollowUpAttempt.task_id == task_id, FollowUpAttempt.reached.is_(False))
    ).scalar_one()


@transactional
def close_lost(
    *, session: Session, actor: Actor, task_id: int, reason: str, now: datetime
) -> TaskDetail:
    """Close a task as 失访 after at least three failed attempts, with the reason."""
    require(actor, Permission.record_followup)
    task = _open_task(session, task_id)
    if not can_close_lost(failed_attempts(session, task_id)):
        raise ValidationError(
            "reason", f"联系失败满 {MAX_FAILED_ATTEMPTS} 次后才能登记失访")
    reason = clean_text(reason, field="reason", label="失访原因", max_len=200)
    before = snapshot(task)
    task.status = TaskStatus.lost.value
    task.lost_reason = reason
    task.closed_at = now
    task.closed_by = actor.display_name
    session.add(task)
    write_audit(session, actor, "lost", "followup_task", task.id, before, snapshot(task), now)
    return get_task(session=session, task_id=task_id, today=now.date())


def _clean_change(name: str, value: Any) -> Any:
    if name == "condition":
        return _enum(Condition, value, name, "请选择患者目前情况")
    if name == "satisfaction":
        return _enum(Satisfaction, value, name, "请选择满意度")
    if name in TEXT_LIMITS:
        label, limit = TEXT_LIMITS[name]
        return clean_text(value, field=name, label=label, max_len=limit, required=False)
    if name in ("medication_guidance", "rehab_guidance", "confirms_call", "record_matches"):
        return bool(value)
    if name == "verdict":
        return value
    raise ValidationError(name, "该项不能更正")


@transactional
def amend_outcome(
    *, session: Session, actor: Actor, task_id: int, changes: dict[str, Any], reason: str,
    now: datetime,
) -> TaskDetail:
    """Correct a saved outcome: the changed fields and the reason are kept beside the original."""
    require(actor, Permission.record_followup)
    current = outcome_of(session, task_id)
    if current is None:
        raise ValidationError("task", "该回访还没有结果，无需更正")
    reason = clean_text(reason, field="reason", label="更正原因", max_len=300)
    cleaned = {name: _clean_change(name, value) for name, value in changes.items()}
    merged = current.current | cleaned
    if current.current.get("verdict") is not None:
        checked = _clean_check(merged["confirms_call"], merged["record_matches"],
                               merged["verdict"], merged["check_note"])
        cleaned |= {k: checked[k] for k in cleaned if k in checked}
    elif any(k in cleaned for k in ("confirms_call", "record_matches", "verdict", "check_note")):
        raise ValidationError("verdict", "只有二级回访有核查结论")
    diff = {k: [current.current[k], v] for k, v in cleaned.items()
            if k in OUTCOME_FIELDS and current.current[k] != v}
    if not diff:
        raise ValidationError("reason", "没有修改任何内容")
    amendment = FollowUpAmendment(
        outcome_id=current.id, at=now, changes=json.dumps(diff, ensure_ascii=False),
        reason=reason, recorded_by=actor.display_name)
    session.add(amendment)
    session.flush()
    write_audit(session, actor, "amend", "followup_outcome", current.id,
                {k: v[0] for k, v in diff.items()},
                {k: v[1] for k, v in diff.items()} | {"reason": reason}, now)
    return get_task(session=session, task_id=task_id, today=now.date())
