"""Reading the checklist template, the Friday schedule and inspection records (DESIGN §1.5).

- The template: the active version (or, before anything is stored, the
  shipped default as version 0), any older version, the list of versions.
- The schedule: every Friday of a period from `inspection_days()`, with
  moves and records, judged against the `today` passed in
  (`domain.inspections.friday_schedule`: 已检查 / 记录未完成 / 本周待检查 /
  未到 / 已漏检).
- A record: as signed off (`original_header`, `original_result`) and as
  amended, its amendments described in words, photos and the rectification
  item of each 不合格.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import case, func, select
from sqlmodel import Session

from desktop_app.db.models import (
    ChecklistItem,
    ChecklistVersion,
    Inspection,
    InspectionAmendment,
    InspectionMove,
    InspectionResult,
    RectificationItem,
)
from desktop_app.db.services.inspection_photos import photos_of_results
from desktop_app.records.inspection_rows import (
    HEADER_FIELDS,
    FridayRow,
    InspectionAmendmentRow,
    InspectionDetail,
    InspectionHeader,
    ResultRow,
    TemplateItemRow,
    TemplateVersionRow,
)
from desktop_app.db.services.rectifications_query import rectifications_of_results
from desktop_app.db.services.work_calendar import load_work_calendar
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.inspections import (
    ITEM_RESULT_LABELS,
    FridayMove,
    InspectionStatus,
    ItemResult,
    default_checklist,
    friday_schedule as schedule_of,
    inspection_days,
)
from desktop_app.domain.rectification import RectificationStatus

HEADER_LABELS: dict[str, str] = {
    "inspected_at": "检查时间", "leader": "分工院长", "union_chair": "工会主席",
    "departments": "参加科室", "participants": "参加人员", "summary": "检查小结",
}

# --- template ---------------------------------------------------------------------------------


def default_template_row() -> TemplateVersionRow:
    """The shipped default template as an unsaved version 0."""
    items = tuple(TemplateItemRow(None, e.area, e.text, n)
                  for n, e in enumerate(default_checklist(), start=1))
    return TemplateVersionRow(None, 0, None, "", "程序自带的默认检查表", True, items)


def version_row(session: Session, version: ChecklistVersion) -> TemplateVersionRow:
    """A stored version with its items in order."""
    items = tuple(
        TemplateItemRow(i.id, i.area, i.text, i.sort_order)
        for i in session.execute(
            select(ChecklistItem).where(ChecklistItem.version_id == version.id)
            .order_by(ChecklistItem.sort_order, ChecklistItem.id)).scalars())
    return TemplateVersionRow(version.id, version.version, version.created_at, version.created_by,
                              version.note, version.active, items)


def active_version(session: Session) -> ChecklistVersion | None:
    """The version new inspections use, or None before any is stored."""
    return session.execute(
        select(ChecklistVersion).where(ChecklistVersion.active == True)  # noqa: E712
        .order_by(ChecklistVersion.version.desc())).scalars().first()


def get_template(*, session: Session, version: int | None = None) -> TemplateVersionRow:
    """The active template (version None) or the given version number.

    Before any version is stored: the shipped default as version 0.
    """
    if version is None:
        found = active_version(session)
        return default_template_row() if found is None else version_row(session, found)
    found = session.execute(
        select(ChecklistVersion).where(ChecklistVersion.version == version)).scalars().first()
    if found is None:
        raise ValidationError("version", f"检查表第 {version} 版不存在")
    return version_row(session, found)


def list_template_versions(*, session: Session) -> list[TemplateVersionRow]:
    """Every stored version with its items, newest first."""
    return [version_row(session, v) for v in session.execute(
        select(ChecklistVersion).order_by(ChecklistVersion.version.desc())).scalars()]


# --- the Friday schedule ----------------------------------------------------------------------


def due_day_of(session: Session, friday: date) -> tuple[date, str]:
    """The day a Friday's inspection is due (its new day if moved) and the move's note."""
    move = session.get(InspectionMove, friday)
    return (move.new_day, move.note) if move else (friday, "")


def _counts(session: Session, ids: list[int]) -> tuple[dict[int, int], dict[int, tuple[int, int]]]:
    """(inspection id → 不合格 results; inspection id → (rectification items, still open))."""
    if not ids:
        return {}, {}
    failed = dict(session.execute(
        select(InspectionResult.inspection_id, func.count())
        .where(InspectionResult.inspection_id.in_(ids),
               InspectionResult.result == ItemResult.failed.value)
        .group_by(InspectionResult.inspection_id)).all())
    items = {
        inspection_id: (total, int(still_open or 0))
        for inspection_id, total, still_open in session.execute(
            select(InspectionResult.inspection_id, func.count(),
                   func.sum(case((RectificationItem.status != RectificationStatus.closed.value, 1),
                                 else_=0)))
            .join(RectificationItem, RectificationItem.source_result_id == InspectionResult.id)
            .where(InspectionResult.inspection_id.in_(ids))
            .group_by(InspectionResult.inspection_id)).all()
    }
    return failed, items


def friday_schedule(*, session: Session, start: date, end: date, today: date) -> list[FridayRow]:
    """Every Friday of [start, end] with its move, record and state against `today` (§1.5)."""
    fridays = inspection_days(start, end)
    if not fridays:
        return []
    inspections = {i.friday: i for i in session.execute(
        select(Inspection).where(Inspection.friday.between(fridays[0], fridays[-1]))).scalars()}
    moves = {m.friday: FridayMove(m.new_day, m.note) for m in session.execute(
        select(InspectionMove).where(InspectionMove.friday.between(fridays[0], fridays[-1])))
        .scalars()}
    calendar = load_work_calendar(session=session)
    recorded = {
        friday: (i.inspected_at.date() if i.status == InspectionStatus.signed and i.inspected_at
                 else None)
        for friday, i in inspections.items()
    }
    slots = schedule_of(start, end, recorded=recorded, moved=moves, today=today,
                        holidays={d for d in fridays if not calendar.is_workday(d)})
    failed, items = _counts(session, [i.id for i in inspections.values()])
    rows = []
    for slot in slots:
        record = inspections.get(slot.friday)
        extra: dict[str, Any] = {}
        if record is not None:
            signed = record.status == InspectionStatus.signed
            total, still_open = items.get(record.id, (0, 0))
            extra = dict(inspection_id=record.id, inspection_status=record.status,
                         leader=record.leader,
                         failed_items=total if signed else failed.get(record.id, 0),
                         open_rectifications=still_open)
        rows.append(FridayRow(
            friday=slot.friday, due_day=slot.due_day, state=slot.state.value, moved=slot.moved,
            move_note=slot.move_note, on_holiday=slot.on_holiday,
            inspected_on=slot.inspected_on, **extra))
    return rows


def friday_row(*, session: Session, friday: date, today: date) -> FridayRow:
    """One Friday's schedule line (ValidationError if the day is not a Friday)."""
    rows = friday_schedule(session=session, start=friday, end=friday, today=today)
    if not rows:
        raise ValidationError("friday", "所选日期不是周五")
    return rows[0]


# --- a record ---------------------------------------------------------------------------------


def encode(value: Any) -> Any:
    """A change's value as stored in JSON (datetimes as ISO text)."""
    return value.isoformat(sep=" ") if isinstance(value, datetime) else value


def decode(key: str, value: Any) -> Any:
    """A stored change's value back as the field holds it."""
    if key == "inspected_at" and isinstance(value, str):
        return datetime.fromisoformat(value)
    return value


def _shown(value: Any, is_result: bool = False) -> str:
    if value is None or value == "":
        return "（空）"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if is_result:
        return ITEM_RESULT_LABELS[ItemResult(value)]
    return str(value)


def describe(key: str, old: Any, new: Any, results: Mapping[int, InspectionResult]) -> str:
    """A change in words: "分工院长：张某某 → 李某某", "第 5 项“…”：合格 → 不合格"."""
    if key in HEADER_LABELS:
        return f"{HEADER_LABELS[key]}：{_shown(old)} → {_shown(new)}"
    kind, _, rid = key.partition(":")
    result = results[int(rid)]
    is_result = kind == "result"
    what = "" if is_result else "说明"
    return (f"第 {result.sort_order} 项“{result.text}”{what}："
            f"{_shown(old, is_result)} → {_shown(new, is_result)}")


def _header(values: Mapping[str, Any]) -> InspectionHeader:
    return InspectionHeader(**{name: values[name] for name in HEADER_FIELDS})


def get_inspection(*, session: Session, inspection_id: int) -> InspectionDetail:
    """A whole record: header and items as signed and as amended, photos, rectification links."""
    inspection = session.get(Inspection, inspection_id)
    if inspection is None:
        raise ValidationError("inspection", "该检查记录不存在")
    results = list(session.execute(
        select(InspectionResult).where(InspectionResult.inspection_id == inspection_id)
        .order_by(InspectionResult.sort_order, InspectionResult.id)).scalars())
    by_id = {r.id: r for r in results}
    original = {name: getattr(inspection, name) for name in HEADER_FIELDS}
    current: dict[str, Any] = dict(original)
    current |= {f"result:{r.id}": r.result for r in results}
    current |= {f"note:{r.id}": r.note for r in results}
    amendments = []
    for a in session.execute(
            select(InspectionAmendment).where(InspectionAmendment.inspection_id == inspection_id)
            .order_by(InspectionAmendment.at, InspectionAmendment.id)).scalars():
        changes = {k: (decode(k, v[0]), decode(k, v[1])) for k, v in json.loads(a.changes).items()}
        current.update({k: new for k, (_old, new) in changes.items()})
        amendments.append(InspectionAmendmentRow(
            a.id or 0, a.at, changes,
            tuple(describe(k, o, n, by_id) for k, (o, n) in changes.items()),
            a.reason, a.recorded_by))
    photos = photos_of_results(session, by_id)
    links = rectifications_of_results(session, list(by_id))
    rows = tuple(
        ResultRow(id=r.id, area=r.area, text=r.text, order=r.sort_order,
                  result=current[f"result:{r.id}"], note=current[f"note:{r.id}"],
                  original_result=r.result, original_note=r.note,
                  photos=tuple(photos.get(r.id, ())),
                  rectification_id=links[r.id][0] if r.id in links else None,
                  rectification_status=links[r.id][1] if r.id in links else None)
        for r in results)
    version = session.get(ChecklistVersion, inspection.template_version_id)
    due_day, move_note = due_day_of(session, inspection.friday)
    return InspectionDetail(
        id=inspection.id, friday=inspection.friday, due_day=due_day, move_note=move_note,
        status=inspection.status, template_version=version.version, header=_header(current),
        original_header=_header(original), results=rows, signed_by=inspection.signed_by,
        signed_at=inspection.signed_at, recorded_by=inspection.recorded_by,
        created_at=inspection.created_at, updated_at=inspection.updated_at,
        amendments=tuple(amendments))


def inspection_for_friday(*, session: Session, friday: date) -> InspectionDetail | None:
    """The record of a scheduled Friday, or None."""
    found = session.execute(select(Inspection.id).where(Inspection.friday == friday)).first()
    return None if found is None else get_inspection(session=session, inspection_id=found[0])


def signed_inspections(*, session: Session, start: date, end: date) -> list[InspectionDetail]:
    """The signed-off records of the Fridays in [start, end], by Friday (for printing a period)."""
    ids = session.execute(
        select(Inspection.id).where(Inspection.friday.between(start, end),
                                    Inspection.status == InspectionStatus.signed.value)
        .order_by(Inspection.friday)).scalars().all()
    return [get_inspection(session=session, inspection_id=i) for i in ids]
