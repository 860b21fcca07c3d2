"""Signing off an inspection, its rectification items, and amendments (DESIGN §1.5).

- `sign_off`: the leader (分工院长) signs the finished record. It needs the
  leader, the date and time (not in the future, within a week of the due
  day), every item answered, and a note on each 不合格 saying what is wrong.
  Each 不合格 becomes one rectification item (整改事项): the departments and
  measure given for it, else none yet (assigned later in the ledger) and
  "对照检查要求整改：<item>"; deadline as given (not before the inspection
  day) or the inspection day + `rectification_workdays` working days.
- `amend_inspection`: after sign-off, a correction with a reason is kept
  beside the original. A 不合格 with a rectification item cannot be amended
  away; an item amended to 不合格 gets its rectification item then.

Permission: `record_inspection`. One transaction each, with an audit row.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from desktop_app.db.models import Inspection, InspectionAmendment, InspectionResult
from desktop_app.records.inspection_rows import (
    HEADER_FIELDS,
    FindingInput,
    InspectionDetail,
    InspectionHeader,
    ResultInput,
)
from desktop_app.db.services.inspections import (
    TEXT_FIELDS,
    apply_form,
    clean_header_text,
    clean_inspected_at,
    clean_result_code,
    clean_result_note,
    load_draft,
)
from desktop_app.db.services.inspections_query import due_day_of, encode, get_inspection
from desktop_app.db.services.rectifications import clean_departments, create_item_in
from desktop_app.db.services.settings import get_settings
from desktop_app.db.services.work_calendar import load_work_calendar
from desktop_app.db.tx import Actor, require, snapshot, transactional, write_audit
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.inspections import InspectionStatus, ItemResult
from desktop_app.domain.rectification import RectificationSource, default_deadline
from desktop_app.domain.roles import Permission
from desktop_app.domain.validation import clean_text

MEASURE_MAX = 500
KEEP_FAILED = "该项已生成整改事项，不能更正为合格或不适用；如属误判，请在整改台账中复查处理"


def default_measure(item_text: str) -> str:
    """The measure of a rectification item when sign-off gives none."""
    return f"对照检查要求整改：{item_text}"[:MEASURE_MAX]


def _failed_note_missing(result: InspectionResult) -> ValidationError:
    return ValidationError(f"note:{result.id}",
                           f"第 {result.sort_order} 项“{result.text}”不合格，请填写存在的问题")


def _make_item(session: Session, actor: Actor, now: datetime, result: InspectionResult,
               note: str, inspected_on: date, finding: FindingInput, base_day: date) -> None:
    """The rectification item of one 不合格 result (checked values, defaults filled in)."""
    rid = result.id
    departments = clean_departments(session, finding.department_ids, required=False,
                                    field=f"department_ids:{rid}")
    measure = clean_text(finding.measure, field=f"measure:{rid}", label="整改措施",
                         max_len=MEASURE_MAX, required=False) or default_measure(result.text)
    deadline = finding.deadline
    if deadline is None:
        workdays = get_settings(session=session).rectification_workdays
        deadline = default_deadline(base_day, workdays, load_work_calendar(session=session))
    elif deadline < inspected_on:
        raise ValidationError(f"deadline:{rid}",
                              f"整改时限不能早于检查日期（{inspected_on:%Y-%m-%d}）")
    create_item_in(session, actor, now, source_kind=RectificationSource.friday_inspection,
                   found_on=inspected_on, problem=note, measure=measure,
                   department_ids=departments, deadline=deadline,
                   source_text=f"{inspected_on:%Y-%m-%d} 周五行政总检查", area=result.area,
                   item_text=result.text, source_result_id=rid)


@transactional
def sign_off(
    *, session: Session, actor: Actor, inspection_id: int, header: InspectionHeader,
    results: Sequence[ResultInput] = (), findings: Sequence[FindingInput] = (), now: datetime,
) -> InspectionDetail:
    """Save the last changes and sign the record off; each 不合格 becomes a rectification item.

    `findings` give the departments, measure and deadline of 不合格 items;
    items without one get the defaults. Refused as a whole (nothing saved)
    on the first problem, with the field named as in `inspection_rows`.
    """
    require(actor, Permission.record_inspection)
    inspection = load_draft(session, inspection_id)
    before = snapshot(inspection)
    stored = apply_form(session, inspection, header, results, now)
    if not inspection.leader:
        raise ValidationError("leader", "请填写带队检查的分工院长（签字确认人）")
    if inspection.inspected_at is None:
        raise ValidationError("inspected_at", "请填写检查时间")
    unanswered = [r for r in stored if r.result is None]
    if unanswered:
        first = unanswered[0]
        raise ValidationError(f"result:{first.id}", f"还有 {len(unanswered)} 项未填写检查结果"
                              f"（第 {first.sort_order} 项“{first.text}”）")
    failed = {r.id: r for r in stored if r.result == ItemResult.failed}
    for result in failed.values():
        if not result.note:
            raise _failed_note_missing(result)
    asked: dict[int, FindingInput] = {}
    for finding in findings:
        if finding.result_id not in failed:
            raise ValidationError(f"measure:{finding.result_id}", "只有不合格项需要填写整改要求")
        asked[finding.result_id] = finding
    inspected_on = inspection.inspected_at.date()
    for rid, result in failed.items():
        _make_item(session, actor, now, result, result.note, inspected_on,
                   asked.get(rid, FindingInput(rid)), inspected_on)
    inspection.status = InspectionStatus.signed.value
    inspection.signed_by = inspection.leader
    inspection.signed_at = now
    inspection.recorded_by = actor.display_name[:30]
    session.add(inspection)
    write_audit(session, actor, "sign", "inspection", inspection.id, before,
                snapshot(inspection) | {"failed": sorted(failed)}, now)
    session.flush()
    return get_inspection(session=session, inspection_id=inspection.id)


def _clean_change(key: str, value: Any, due_day: date, now: datetime, result_ids: set[int]) -> Any:
    if key == "inspected_at":
        if value is None:
            raise ValidationError(key, "请填写检查时间")
        return clean_inspected_at(value, due_day, now)
    if key in TEXT_FIELDS:
        return clean_header_text(key, value, required=key == "leader")
    kind, _, rid_text = key.partition(":")
    if kind not in ("result", "note") or not rid_text.isdigit():
        raise ValidationError(key, "该项不能更正")
    rid = int(rid_text)
    if rid not in result_ids:
        raise ValidationError(key, "该检查项不属于本次检查")
    if kind == "result":
        return clean_result_code(rid, value, required=True)
    return clean_result_note(rid, value)


@transactional
def amend_inspection(
    *, session: Session, actor: Actor, inspection_id: int, changes: Mapping[str, Any], reason: str,
    now: datetime,
) -> InspectionDetail:
    """Correct a signed-off record: the changes and the reason are kept beside the original.

    `changes` keys: the header fields (`HEADER_FIELDS`), "result:{id}" and
    "note:{id}". A 不合格 that has a rectification item stays 不合格; an item
    amended to 不合格 needs a note and gets its rectification item (deadline
    counted from the day of the amendment).
    """
    require(actor, Permission.record_inspection)
    inspection = session.get(Inspection, inspection_id)
    if inspection is None:
        raise ValidationError("inspection", "该检查记录不存在")
    if inspection.status != InspectionStatus.signed:
        raise ValidationError("status", "草稿可直接修改，无需更正")
    reason = clean_text(reason, field="reason", label="更正原因", max_len=300)
    detail = get_inspection(session=session, inspection_id=inspection_id)
    current: dict[str, Any] = {name: getattr(detail.header, name) for name in HEADER_FIELDS}
    for r in detail.results:
        current[f"result:{r.id}"], current[f"note:{r.id}"] = r.result, r.note
    due_day, _note = due_day_of(session, inspection.friday)
    ids = {r.id for r in detail.results}
    cleaned = {k: _clean_change(k, v, due_day, now, ids) for k, v in changes.items()}
    diff = {k: (current[k], v) for k, v in cleaned.items() if current[k] != v}
    if not diff:
        raise ValidationError("reason", "没有修改任何内容")
    merged = current | cleaned
    stored = {r.id: r for r in session.execute(select(InspectionResult).where(
        InspectionResult.id.in_(ids))).scalars()}
    inspected_on = merged["inspected_at"].date()
    for rid in sorted({int(k.split(":")[1]) for k in diff if ":" in k}):
        old, new = current[f"result:{rid}"], merged[f"result:{rid}"]
        if old == ItemResult.failed and new != ItemResult.failed:
            raise ValidationError(f"result:{rid}", KEEP_FAILED)
        if new == ItemResult.failed and not merged[f"note:{rid}"]:
            raise _failed_note_missing(stored[rid])
        if old != ItemResult.failed and new == ItemResult.failed:
            _make_item(session, actor, now, stored[rid], merged[f"note:{rid}"], inspected_on,
                       FindingInput(rid), max(inspected_on, now.date()))
    amendment = InspectionAmendment(
        inspection_id=inspection_id, at=now, reason=reason, recorded_by=actor.display_name[:30],
        changes=json.dumps({k: [encode(o), encode(n)] for k, (o, n) in diff.items()},
                           ensure_ascii=False))
    session.add(amendment)
    session.flush()
    write_audit(session, actor, "amend", "inspection", inspection_id,
                {k: encode(o) for k, (o, _n) in diff.items()},
                {k: encode(n) for k, (_o, n) in diff.items()} | {"reason": reason}, now)
    return get_inspection(session=session, inspection_id=inspection_id)
