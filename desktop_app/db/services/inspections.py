"""Recording the Friday inspection (DESIGN §1.5; seed 004 §三(一)4 每周五行政总检查).

- The checklist template is versioned: `save_template` stores an edited
  item list as a new version and never changes an old one; the shipped
  default becomes version 1 on first use (`ensure_template_in`). An
  inspection copies the items of the active version, so it keeps them.
- A Friday may be moved to another day with a note (`move_friday`).
- `start_inspection` opens a draft for a Friday; `save_draft` saves what is
  filled in so far (partial results allowed); `sign_off` needs the leader
  (分工院长), the date and time (not in the future, within a week of the
  due day), every item answered and a note on each 不合格; it makes one
  rectification item per 不合格 (departments and measure as given, or the
  defaults; deadline = inspection day + `rectification_workdays` working days).
- After sign-off nothing is edited ("已签字确认的记录不能修改，请使用更正"):
  `amend_inspection` keeps the changes and the reason beside the original.

Permission: `record_inspection` (the duty director and the office director).
Every call is one transaction with an audit row; services take `now`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlmodel import Session

from desktop_app.db.models import (
    ChecklistItem,
    ChecklistVersion,
    Inspection,
    InspectionMove,
    InspectionPhoto,
    InspectionResult,
)
from desktop_app.db.services.inspection_photos import SIGNED_MESSAGE
from desktop_app.records.inspection_rows import (
    FridayRow,
    InspectionDetail,
    InspectionHeader,
    ResultInput,
    TemplateVersionRow,
)
from desktop_app.db.services.inspections_query import (
    active_version,
    due_day_of,
    friday_row,
    get_inspection,
    get_template,
    version_row,
)
from desktop_app.db.tx import Actor, require, snapshot, transactional, write_audit
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.inspections import (
    ChecklistEntry,
    InspectionStatus,
    ItemResult,
    check_checklist,
    check_inspection_day,
    check_move,
    default_checklist,
)
from desktop_app.domain.roles import Permission
from desktop_app.domain.validation import clean_text

TEXT_FIELDS: dict[str, tuple[str, int]] = {
    "leader": ("分工院长", 30), "union_chair": ("工会主席", 30), "departments": ("参加科室", 200),
    "participants": ("参加人员", 300), "summary": ("检查小结", 1000),
}
NOTE_MAX = 500
EARLIEST_START_DAYS = 6  # a draft may be opened at most this many days before the due day

# --- template ---------------------------------------------------------------------------------


def _new_version(session: Session, actor: Actor, entries: Sequence[ChecklistEntry], note: str,
                 now: datetime) -> ChecklistVersion:
    last = session.execute(select(func.max(ChecklistVersion.version))).scalar_one() or 0
    session.execute(update(ChecklistVersion).values(active=False))
    version = ChecklistVersion(version=last + 1, created_at=now, created_by=actor.display_name[:30],
                               note=note, active=True)
    session.add(version)
    session.flush()
    session.add_all(ChecklistItem(version_id=version.id, area=e.area, text=e.text, sort_order=n)
                    for n, e in enumerate(entries, start=1))
    write_audit(session, actor, "create", "checklist_version", version.id, None,
                snapshot(version) | {"items": [f"{e.area}：{e.text}" for e in entries]}, now)
    return version


def ensure_template_in(session: Session, actor: Actor, now: datetime) -> ChecklistVersion:
    """The active version; stores the shipped default as version 1 if none exists (no commit)."""
    return active_version(session) or _new_version(session, actor, default_checklist(),
                                                   "程序自带的默认检查表", now)


@transactional
def save_template(
    *, session: Session, actor: Actor, items: Sequence[ChecklistEntry], note: str = "",
    now: datetime,
) -> TemplateVersionRow:
    """Store an edited item list as the new active version; older versions stay as they were."""
    require(actor, Permission.record_inspection)
    entries = check_checklist(items)
    note = clean_text(note, field="note", label="修改说明", max_len=200, required=False)
    current = get_template(session=session)
    if current.id is not None and [(i.area, i.text) for i in current.items] == [
            (e.area, e.text) for e in entries]:
        raise ValidationError("items", "检查表没有变化")
    return version_row(session, _new_version(session, actor, entries, note, now))


# --- moved Fridays ----------------------------------------------------------------------------


def _signed_record(session: Session, friday: date) -> bool:
    return session.execute(select(Inspection.id).where(
        Inspection.friday == friday, Inspection.status == InspectionStatus.signed.value)).first() \
        is not None


@transactional
def move_friday(
    *, session: Session, actor: Actor, friday: date, new_day: date | None, note: str,
    now: datetime,
) -> FridayRow:
    """Move a Friday's inspection (e.g. a holiday) to another day of its week, with the note."""
    require(actor, Permission.record_inspection)
    move = check_move(friday, new_day, note)
    if _signed_record(session, friday):
        raise ValidationError("friday", "该周五的检查已签字确认，不能改期")
    row = session.get(InspectionMove, friday)
    before = snapshot(row)
    if row is None:
        row = InspectionMove(friday=friday, new_day=move.new_day, note=move.note, created_at=now,
                             created_by=actor.display_name[:30])
    else:
        row.new_day, row.note = move.new_day, move.note
    session.add(row)
    session.flush()
    write_audit(session, actor, "move", "inspection_move", friday.isoformat(), before,
                snapshot(row), now)
    return friday_row(session=session, friday=friday, today=now.date())


@transactional
def cancel_move(*, session: Session, actor: Actor, friday: date, now: datetime) -> FridayRow:
    """Undo a move: the inspection is due on the Friday again."""
    require(actor, Permission.record_inspection)
    row = session.get(InspectionMove, friday)
    if row is None:
        raise ValidationError("friday", "该周五没有改期")
    if _signed_record(session, friday):
        raise ValidationError("friday", "该周五的检查已签字确认，不能取消改期")
    before = snapshot(row)
    session.delete(row)
    write_audit(session, actor, "unmove", "inspection_move", friday.isoformat(), before, None, now)
    return friday_row(session=session, friday=friday, today=now.date())


# --- drafts -----------------------------------------------------------------------------------


@transactional
def start_inspection(
    *, session: Session, actor: Actor, friday: date, now: datetime
) -> InspectionDetail:
    """Open the draft record of a Friday with the items of the active template version."""
    require(actor, Permission.record_inspection)
    if friday.weekday() != 4:
        raise ValidationError("friday", "所选日期不是周五")
    if session.execute(select(Inspection.id).where(Inspection.friday == friday)).first():
        raise ValidationError("friday", f"{friday:%Y-%m-%d} 的检查记录已存在，请直接打开")
    due_day, _note = due_day_of(session, friday)
    if (due_day - now.date()).days > EARLIEST_START_DAYS:
        raise ValidationError("friday", "还未到该周的检查日，不能提前开始记录")
    version = ensure_template_in(session, actor, now)
    inspection = Inspection(friday=friday, status=InspectionStatus.draft.value,
                            template_version_id=version.id, recorded_by=actor.display_name[:30],
                            created_at=now, updated_at=now)
    session.add(inspection)
    session.flush()
    items = session.execute(select(ChecklistItem).where(ChecklistItem.version_id == version.id)
                            .order_by(ChecklistItem.sort_order)).scalars().all()
    session.add_all(InspectionResult(inspection_id=inspection.id, item_id=i.id, area=i.area,
                                     text=i.text, sort_order=i.sort_order) for i in items)
    write_audit(session, actor, "create", "inspection", inspection.id, None,
                snapshot(inspection) | {"items": len(items)}, now)
    return get_inspection(session=session, inspection_id=inspection.id)


def load_draft(session: Session, inspection_id: int) -> Inspection:
    """The inspection if it is still a draft; else ValidationError (missing / signed off)."""
    inspection = session.get(Inspection, inspection_id)
    if inspection is None:
        raise ValidationError("inspection", "该检查记录不存在")
    if inspection.status != InspectionStatus.draft:
        raise ValidationError("status", SIGNED_MESSAGE)
    return inspection


def clean_inspected_at(at: datetime | None, due_day: date, now: datetime) -> datetime | None:
    """The inspection time if given: not after `now`, within a week of the due day."""
    if at is not None:
        if at > now:
            raise ValidationError("inspected_at", "检查时间不能晚于当前时间")
        check_inspection_day(due_day, at.date())
    return at


def clean_header_text(name: str, value: str | None, required: bool = False) -> str:
    """One text field of the header, stripped and within its length (`TEXT_FIELDS`)."""
    label, limit = TEXT_FIELDS[name]
    return clean_text(value, field=name, label=label, max_len=limit, required=required)


def clean_result_code(result_id: int, code: str | None, required: bool = False) -> str | None:
    """An ItemResult code, or None for "not answered yet" unless `required`."""
    if code in (None, "") and not required:
        return None
    try:
        return ItemResult(code).value
    except ValueError:
        raise ValidationError(f"result:{result_id}", "请选择合格、不合格或不适用") from None


def clean_result_note(result_id: int, note: str | None) -> str:
    """An item's note (情况说明), at most `NOTE_MAX` characters."""
    return clean_text(note, field=f"note:{result_id}", label="情况说明", max_len=NOTE_MAX,
                      required=False)


def apply_form(session: Session, inspection: Inspection, header: InspectionHeader,
               results: Sequence[ResultInput], now: datetime) -> list[InspectionResult]:
    """Check and set the header and the given results; returns every result in order."""
    due_day, _note = due_day_of(session, inspection.friday)
    inspection.inspected_at = clean_inspected_at(header.inspected_at, due_day, now)
    for name in TEXT_FIELDS:
        setattr(inspection, name, clean_header_text(name, getattr(header, name)))
    stored = {r.id: r for r in session.execute(
        select(InspectionResult).where(InspectionResult.inspection_id == inspection.id)
        .order_by(InspectionResult.sort_order, InspectionResult.id)).scalars()}
    for given in results:
        row = stored.get(given.result_id)
        if row is None:
            raise ValidationError(f"result:{given.result_id}", "该检查项不属于本次检查")
        row.result = clean_result_code(row.id, given.result)
        row.note = clean_result_note(row.id, given.note)
        session.add(row)
    inspection.updated_at = now
    session.add(inspection)
    return list(stored.values())


@transactional
def save_draft(
    *, session: Session, actor: Actor, inspection_id: int, header: InspectionHeader,
    results: Sequence[ResultInput] = (), now: datetime,
) -> InspectionDetail:
    """Save a draft as far as it is filled in; unanswered items and empty fields are allowed."""
    require(actor, Permission.record_inspection)
    inspection = load_draft(session, inspection_id)
    before = snapshot(inspection)
    apply_form(session, inspection, header, results, now)
    write_audit(session, actor, "update", "inspection", inspection.id, before,
                snapshot(inspection) | {"results": [_audit_of(r) for r in results]}, now)
    return get_inspection(session=session, inspection_id=inspection.id)


def _audit_of(given: ResultInput) -> dict[str, Any]:
    """A result input as the audit row records it."""
    return {"result_id": given.result_id, "result": given.result, "note": given.note}


@transactional
def discard_draft(*, session: Session, actor: Actor, inspection_id: int, now: datetime) -> None:
    """Delete a draft opened by mistake (its photo rows too; stored files stay)."""
    require(actor, Permission.record_inspection)
    inspection = load_draft(session, inspection_id)
    before = snapshot(inspection)
    ids = select(InspectionResult.id).where(InspectionResult.inspection_id == inspection_id)
    session.execute(delete(InspectionPhoto).where(InspectionPhoto.result_id.in_(ids)))
    session.execute(delete(InspectionResult).where(InspectionResult.inspection_id == inspection_id))
    session.delete(inspection)
    write_audit(session, actor, "delete", "inspection", inspection_id, before, None, now)
