"""Rectification items through their life (DESIGN §1.5; seed 004 §三(一)4 "及时整改提高").

- Items come from a signed-off inspection (one per 不合格, `create_item_in`
  called by the sign-off) or are entered by hand (`add_rectification`) for
  problems found elsewhere, as the seeds' plans write them: 问题, 整改措施,
  整改时限, 责任科室.
- 待整改 → 已整改待复查 (`mark_rectified`, with what was done) → 已销号
  only through a passing re-check by a named person (`recheck_rectification`);
  a failing re-check returns the item to 待整改 with the re-checker's note.
- The plan (problem, measure, departments, deadline) may change while 待整改
  (`update_rectification_plan`); the deadline is never before the day found.

Permission: `register_matter` — the service office keeps the ledger (surveys
and department reports reach it), and the duty director and the office
director hold it too. Every call is one transaction with an audit row and
an entry in the item's history; a refused call saves nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import delete, select
from sqlmodel import Session

from desktop_app.db.models import (
    Department,
    RectificationDepartment,
    RectificationEvent,
    RectificationItem,
)
from desktop_app.db.services.inspection_photos import store_photo
from desktop_app.records.rectification_rows import (
    PlanInput,
    RecheckInput,
    RectificationDetail,
    RectificationInput,
    RectificationRow,
)
from desktop_app.db.services.rectifications_query import get_rectification
from desktop_app.db.tx import Actor, require, snapshot, transactional, write_audit
from desktop_app.domain.errors import ValidationError, gather_errors
from desktop_app.domain.rectification import (
    RECTIFICATION_STEP_LABELS,
    RectificationSource,
    RectificationStatus,
    RectificationStep,
    can_edit_plan,
    check_deadline,
    next_status,
)
from desktop_app.domain.roles import Permission
from desktop_app.domain.validation import clean_text

TEXT_MAX = 500


def clean_departments(session: Session, ids: Iterable[int], *, required: bool,
                      keep: Iterable[int] = (), field: str = "department_ids") -> list[int]:
    """Distinct existing department ids in the given order; inactive ones only if in `keep`."""
    cleaned: list[int] = []
    for dept_id in ids:
        if dept_id in cleaned:
            continue
        dept = session.get(Department, dept_id)
        if dept is None or (not dept.active and dept_id not in set(keep)):
            raise ValidationError(field, "所选责任科室不存在或已停用")
        cleaned.append(dept_id)
    if required and not cleaned:
        raise ValidationError(field, "请选择责任科室")
    return cleaned


def _event(session: Session, item: RectificationItem, action: str, actor: Actor, summary: str,
           now: datetime) -> None:
    session.add(RectificationEvent(item_id=item.id, at=now, action=action,
                                   actor=actor.display_name[:30], summary=summary[:600]))


def _set_departments(session: Session, item_id: int, ids: list[int]) -> None:
    session.execute(
        delete(RectificationDepartment).where(RectificationDepartment.item_id == item_id))
    session.add_all(RectificationDepartment(item_id=item_id, department_id=d) for d in ids)


def create_item_in(
    session: Session, actor: Actor, now: datetime, *, source_kind: RectificationSource,
    found_on: date, problem: str, measure: str, department_ids: list[int], deadline: date,
    source_text: str = "", area: str = "", item_text: str = "",
    source_result_id: int | None = None,
) -> RectificationItem:
    """Add an item from already-checked values, with its departments, history and audit row.

    No commit of its own: the sign-off of an inspection calls it in its transaction.
    """
    item = RectificationItem(
        source_kind=source_kind.value, source_result_id=source_result_id,
        source_text=source_text[:100], found_on=found_on, area=area, item_text=item_text,
        problem=problem, measure=measure, deadline=deadline,
        status=RectificationStatus.pending.value, created_at=now,
        created_by=actor.display_name[:30])
    session.add(item)
    session.flush()
    _set_departments(session, item.id, department_ids)
    _event(session, item, "created", actor, f"登记整改事项，整改时限 {deadline:%Y-%m-%d}", now)
    write_audit(session, actor, "create", "rectification_item", item.id, None,
                snapshot(item) | {"department_ids": department_ids}, now)
    return item


def _row(session: Session, item: RectificationItem, now: datetime) -> RectificationRow:
    session.flush()
    return get_rectification(session=session, item_id=item.id, today=now.date()).row


@transactional
def add_rectification(
    *, session: Session, actor: Actor, data: RectificationInput, now: datetime
) -> RectificationRow:
    """Enter an item by hand: source, day found, problem, measure, departments, deadline.

    Every field's problem is reported at once; the deadline is held against
    the day found only once that day is valid.
    """
    require(actor, Permission.register_matter)
    found_ok = data.found_on is not None and data.found_on <= now.date()

    def source_kind() -> RectificationSource:
        try:
            return RectificationSource(data.source_kind)
        except ValueError:
            raise ValidationError("source_kind", "请选择问题来源") from None

    def found_on() -> None:
        if data.found_on is None:
            raise ValidationError("found_on", "请填写发现问题的日期")
        if not found_ok:
            raise ValidationError("found_on", "发现问题的日期不能晚于今天")

    source, source_text, _found, problem, measure, departments, deadline, area = gather_errors(
        source_kind,
        lambda: clean_text(data.source_text, field="source_text", label="来源说明",
                           max_len=100, required=False),
        found_on,
        lambda: clean_text(data.problem, field="problem", label="存在问题", max_len=TEXT_MAX),
        lambda: clean_text(data.measure, field="measure", label="整改措施", max_len=TEXT_MAX),
        lambda: clean_departments(session, data.department_ids, required=True),
        lambda: (check_deadline(data.deadline, data.found_on, found_label="发现问题的日期")
                 if found_ok else None),
        lambda: clean_text(data.area, field="area", label="类别", max_len=10, required=False),
    )
    item = create_item_in(session, actor, now, source_kind=source, found_on=data.found_on,
                          problem=problem, measure=measure, department_ids=departments,
                          deadline=deadline, source_text=source_text, area=area)
    return _row(session, item, now)


def load_item(session: Session, item_id: int) -> RectificationItem:
    """The item, or ValidationError("item") if it does not exist."""
    item = session.get(RectificationItem, item_id)
    if item is None:
        raise ValidationError("item", "该整改事项不存在")
    return item


@transactional
def update_rectification_plan(
    *, session: Session, actor: Actor, item_id: int, data: PlanInput, now: datetime
) -> RectificationRow:
    """Change problem, measure, departments or deadline of an item still 待整改."""
    require(actor, Permission.register_matter)
    item = load_item(session, item_id)
    if not can_edit_plan(item.status):
        raise ValidationError("status", "只有“待整改”的事项可以修改整改要求")
    current = [d for (d,) in session.execute(
        select(RectificationDepartment.department_id)
        .where(RectificationDepartment.item_id == item_id)).all()]
    problem, measure, departments, deadline = gather_errors(
        lambda: clean_text(data.problem, field="problem", label="存在问题", max_len=TEXT_MAX),
        lambda: clean_text(data.measure, field="measure", label="整改措施", max_len=TEXT_MAX),
        lambda: clean_departments(session, data.department_ids, required=True, keep=current),
        lambda: check_deadline(data.deadline, item.found_on,
                               found_label="检查日期" if item.source_result_id else "发现问题的日期"),
    )
    before = snapshot(item) | {"department_ids": current}
    changes = []
    if deadline != item.deadline:
        changes.append(f"整改时限 {item.deadline:%Y-%m-%d} → {deadline:%Y-%m-%d}")
    if departments != current:
        changes.append("调整责任科室")
    if (problem, measure) != (item.problem, item.measure):
        changes.append("修改问题或整改措施")
    if not changes:
        raise ValidationError("measure", "没有修改任何内容")
    item.problem, item.measure, item.deadline = problem, measure, deadline
    session.add(item)
    _set_departments(session, item.id, departments)
    _event(session, item, "plan", actor, "；".join(changes), now)
    write_audit(session, actor, "plan", "rectification_item", item.id, before,
                snapshot(item) | {"department_ids": departments}, now)
    return _row(session, item, now)


@transactional
def mark_rectified(
    *, session: Session, actor: Actor, item_id: int, rectified_at: datetime | None, note: str,
    now: datetime,
) -> RectificationRow:
    """待整改 → 已整改待复查: when it was done and what was done (the department's report)."""
    require(actor, Permission.register_matter)
    item = load_item(session, item_id)
    to = next_status(item.status, RectificationStep.rectify)
    if rectified_at is None:
        raise ValidationError("rectified_at", "请填写整改完成时间")
    if rectified_at > now:
        raise ValidationError("rectified_at", "整改完成时间不能晚于当前时间")
    if rectified_at.date() < item.found_on:
        raise ValidationError("rectified_at", "整改完成时间不能早于发现问题的日期")
    note = clean_text(note, field="note", label="整改情况", max_len=TEXT_MAX)
    before = snapshot(item)
    item.status = to.value
    item.rectified_at, item.rectified_by, item.rectified_note = (
        rectified_at, actor.display_name[:30], note)
    session.add(item)
    _event(session, item, RectificationStep.rectify.value, actor,
           f"{RECTIFICATION_STEP_LABELS[RectificationStep.rectify]}：{note}", now)
    write_audit(session, actor, "rectify", "rectification_item", item.id, before, snapshot(item),
                now)
    return _row(session, item, now)


@transactional
def recheck_rectification(
    *, session: Session, actor: Actor, item_id: int, data: RecheckInput, now: datetime
) -> RectificationDetail:
    """Record the re-check of a rectified item: passes → 已销号; fails → 待整改 with the note.

    Needs the re-checker's name and date (not before the rectification, not
    after today); a failing re-check needs a note; a photo is optional.
    """
    require(actor, Permission.register_matter)
    item = load_item(session, item_id)
    step = RectificationStep.recheck_pass if data.passed else RectificationStep.recheck_fail
    to = next_status(item.status, step)
    by = clean_text(data.by, field="by", label="复查人（销号须经复查）", max_len=30)
    if data.on is None:
        raise ValidationError("on", "请填写复查日期")
    if data.on > now.date():
        raise ValidationError("on", "复查日期不能晚于今天")
    if item.rectified_at is not None and data.on < item.rectified_at.date():
        raise ValidationError("on", "复查日期不能早于整改完成日期")
    if data.passed:
        note = clean_text(data.note, field="note", label="复查意见", max_len=TEXT_MAX,
                          required=False)
    else:
        note = clean_text(data.note, field="note", label="复查发现的问题（复查不合格时必填）",
                          max_len=TEXT_MAX)
    photo = store_photo(session, actor, data.photo, now) if data.photo is not None else None
    before = snapshot(item)
    item.status = to.value
    item.recheck_by, item.recheck_on, item.recheck_passed, item.recheck_note = (
        by, data.on, bool(data.passed), note)
    item.recheck_photo_id = photo.id if photo is not None else None
    summary = f"{RECTIFICATION_STEP_LABELS[step]}（复查人：{by}，{data.on:%Y-%m-%d}）"
    if note:
        summary += f"：{note}"
    if data.passed:
        item.closed_at = now
    else:
        summary += f"；原整改情况：{item.rectified_note}" if item.rectified_note else ""
        item.rectified_at, item.rectified_by, item.rectified_note = None, "", ""
    session.add(item)
    _event(session, item, step.value, actor, summary, now)
    write_audit(session, actor, step.value[:20], "rectification_item", item.id, before,
                snapshot(item), now)
    session.flush()
    return get_rectification(session=session, item_id=item.id, today=now.date())
