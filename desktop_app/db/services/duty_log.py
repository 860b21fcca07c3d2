"""The duty director's log (DESIGN §1.6; seed 004 §三(一)5 值班院长行政总值班).

On a duty day the duty director sits at the 便民服务站 and handles
consultations, receptions, complaints, department supervision and
logistics; each is an entry of the day's log (time, kind, content, result).

- One log per day (`open_duty_log` creates it or changes the director).
- Entries carry a time on the log's day or the next morning (a duty runs
  overnight), never after `now`.
- Any entry can become a registered matter: `duty_entry_matter_prefill`
  gives the registration form's values (channel 值班院长接待, source_ref
  "duty_log:{id}"); `register_matter` saves it. From then on the entry is
  not edited or deleted, and `duty_entry_for_matter` leads back from the
  matter to the entry.

Permission: writing the log needs `record_inspection` (it is the duty
director's own record; the office director holds it too); reading needs
none. Registering the matter needs `register_matter`, checked by
`register_matter` itself.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

from sqlalchemy import select
from sqlmodel import Session

from desktop_app.db.models import DutyLog, DutyLogEntry, Matter
from desktop_app.records.inspection_rows import (
    DutyEntryInput,
    DutyEntryLink,
    DutyEntryRow,
    DutyLogDetail,
    DutyLogRow,
)
from desktop_app.records.matter_rows import MatterInput
from desktop_app.db.tx import Actor, require, snapshot, transactional, write_audit
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.inspections import (
    DUTY_ENTRY_KIND_LABELS,
    DutyEntryKind,
    duty_entry_window,
    matter_request_type,
)
from desktop_app.domain.matters import Channel, format_serial
from desktop_app.domain.roles import Permission
from desktop_app.domain.validation import clean_text

SOURCE_PREFIX = "duty_log:"


def duty_entry_source_ref(entry_id: int) -> str:
    """The `Matter.source_ref` of a matter registered from a duty-log entry."""
    return f"{SOURCE_PREFIX}{entry_id}"


def _matters_of(session: Session, entry_ids: list[int]) -> dict[int, tuple[int, str]]:
    """entry id → (matter id, serial) for entries registered as matters."""
    if not entry_ids:
        return {}
    refs = {duty_entry_source_ref(i): i for i in entry_ids}
    found: dict[int, tuple[int, str]] = {}
    keys = list(refs)
    for n in range(0, len(keys), 900):
        for matter_id, year, number, ref in session.execute(
                select(Matter.id, Matter.serial_year, Matter.serial_no, Matter.source_ref)
                .where(Matter.source_ref.in_(keys[n:n + 900]))).all():
            found.setdefault(refs[ref], (matter_id, format_serial(year, number)))
    return found


def _entry_row(e: DutyLogEntry, matter: tuple[int, str] | None) -> DutyEntryRow:
    return DutyEntryRow(id=e.id or 0, log_id=e.log_id, at=e.at, kind=e.kind, content=e.content,
                        result=e.result, recorded_by=e.recorded_by,
                        matter_id=matter[0] if matter else None,
                        matter_serial=matter[1] if matter else "")


def _detail(session: Session, log: DutyLog) -> DutyLogDetail:
    entries = session.execute(select(DutyLogEntry).where(DutyLogEntry.log_id == log.id)
                              .order_by(DutyLogEntry.at, DutyLogEntry.id)).scalars().all()
    matters = _matters_of(session, [e.id for e in entries])
    return DutyLogDetail(id=log.id or 0, day=log.day, director=log.director,
                         created_by=log.created_by,
                         entries=tuple(_entry_row(e, matters.get(e.id)) for e in entries))


def get_duty_log(*, session: Session, day: date) -> DutyLogDetail | None:
    """The log of `day` with its entries by time, or None if none was opened."""
    log = session.execute(select(DutyLog).where(DutyLog.day == day)).scalars().first()
    return None if log is None else _detail(session, log)


@transactional
def open_duty_log(
    *, session: Session, actor: Actor, day: date, director: str, now: datetime
) -> DutyLogDetail:
    """The log of `day`, created if needed; the duty director's name is set (or corrected)."""
    require(actor, Permission.record_inspection)
    if day > now.date():
        raise ValidationError("day", "值班日期不能晚于今天")
    director = clean_text(director, field="director", label="值班院长", max_len=30)
    log = session.execute(select(DutyLog).where(DutyLog.day == day)).scalars().first()
    before = snapshot(log)
    if log is None:
        log = DutyLog(day=day, director=director, created_at=now,
                      created_by=actor.display_name[:30])
    elif log.director == director:
        return _detail(session, log)
    else:
        log.director = director
    session.add(log)
    session.flush()
    write_audit(session, actor, "create" if before is None else "update", "duty_log", log.id,
                before, snapshot(log), now)
    return _detail(session, log)


def _clean_entry(log: DutyLog, data: DutyEntryInput, now: datetime) -> dict:
    if data.at is None:
        raise ValidationError("at", "请填写时间")
    first, last = duty_entry_window(log.day)
    if not first <= data.at.date() <= last:
        raise ValidationError("at", f"时间须在值班当天（{log.day:%Y-%m-%d}）或次日凌晨")
    if data.at > now:
        raise ValidationError("at", "时间不能晚于当前时间")
    try:
        kind = DutyEntryKind(data.kind).value
    except ValueError:
        raise ValidationError(
            "kind", "请选择类别（咨询、接待、投诉处理、科室督导、后勤保障、其他）") from None
    content = clean_text(data.content, field="content", label="事项内容", max_len=1000)
    result = clean_text(data.result, field="result", label="处理结果", max_len=1000, required=False)
    return {"at": data.at, "kind": kind, "content": content, "result": result}


def _load_entry(session: Session, entry_id: int, *, unlinked: bool) -> DutyLogEntry:
    entry = session.get(DutyLogEntry, entry_id)
    if entry is None:
        raise ValidationError("entry", "该值班记录不存在")
    if unlinked:
        matter = _matters_of(session, [entry_id]).get(entry_id)
        if matter is not None:
            raise ValidationError("entry", f"该记录已登记为诉求（{matter[1]}），不能再修改或删除")
    return entry


@transactional
def add_duty_entry(
    *, session: Session, actor: Actor, log_id: int, data: DutyEntryInput, now: datetime
) -> DutyEntryRow:
    """Add an entry to a day's log."""
    require(actor, Permission.record_inspection)
    log = session.get(DutyLog, log_id)
    if log is None:
        raise ValidationError("log", "该值班日志不存在")
    entry = DutyLogEntry(log_id=log_id, **_clean_entry(log, data, now),
                         recorded_by=actor.display_name[:30], created_at=now)
    session.add(entry)
    session.flush()
    write_audit(session, actor, "create", "duty_log_entry", entry.id, None, snapshot(entry), now)
    return _entry_row(entry, None)


@transactional
def update_duty_entry(
    *, session: Session, actor: Actor, entry_id: int, data: DutyEntryInput, now: datetime
) -> DutyEntryRow:
    """Correct an entry, until it has been registered as a matter."""
    require(actor, Permission.record_inspection)
    entry = _load_entry(session, entry_id, unlinked=True)
    values = _clean_entry(session.get(DutyLog, entry.log_id), data, now)
    before = snapshot(entry)
    for name, value in values.items():
        setattr(entry, name, value)
    session.add(entry)
    write_audit(session, actor, "update", "duty_log_entry", entry.id, before, snapshot(entry), now)
    return _entry_row(entry, None)


@transactional
def delete_duty_entry(*, session: Session, actor: Actor, entry_id: int, now: datetime) -> None:
    """Delete an entry made by mistake, unless it has been registered as a matter."""
    require(actor, Permission.record_inspection)
    entry = _load_entry(session, entry_id, unlinked=True)
    before = snapshot(entry)
    session.delete(entry)
    write_audit(session, actor, "delete", "duty_log_entry", entry_id, before, None, now)


def duty_entry_matter_prefill(*, session: Session, entry_id: int) -> MatterInput:
    """The registration form's values for turning an entry into a matter (not saved here).

    Channel 值班院长接待, received at the entry's time, type from its kind
    (咨询 → 咨询, 投诉处理 → 投诉, else left to choose), the entry's content,
    the duty director as first receiver (首诉负责制), and source_ref
    "duty_log:{id}". The complainant, target and category are for the user.
    ValidationError if the entry already became a matter.
    """
    entry = _load_entry(session, entry_id, unlinked=True)
    log = session.get(DutyLog, entry.log_id)
    return MatterInput(
        received_at=entry.at, channel=Channel.duty_director.value,
        request_type=matter_request_type(entry.kind), complainant_name="", anonymous=False,
        phone="", relation="", target_department_id=None, target_staff_id=None, target_text="",
        category=None, content=entry.content, first_receiver_name=log.director,
        source_ref=duty_entry_source_ref(entry.id),
    )


def duty_entry_for_matter(*, session: Session, source_ref: str) -> DutyEntryLink | None:
    """The duty-log entry a matter was registered from (by its source_ref), else None."""
    if not source_ref.startswith(SOURCE_PREFIX):
        return None
    try:
        entry_id = int(source_ref[len(SOURCE_PREFIX):])
    except ValueError:
        return None
    found = session.execute(
        select(DutyLogEntry.id, DutyLog.id, DutyLog.day, DutyLogEntry.at, DutyLogEntry.kind)
        .join(DutyLog, DutyLog.id == DutyLogEntry.log_id).where(DutyLogEntry.id == entry_id)
    ).first()
    if found is None:
        return None
    eid, log_id, day, at, kind = found
    text = f"{day:%Y-%m-%d} 值班日志 {at:%H:%M} {DUTY_ENTRY_KIND_LABELS[DutyEntryKind(kind)]}"
    return DutyEntryLink(entry_id=eid, log_id=log_id, day=day, text=text)


def list_duty_logs(*, session: Session, start: date, end: date) -> list[DutyLogRow]:
    """The logs of [start, end] by day, with entries per kind and matters registered."""
    logs = session.execute(select(DutyLog).where(DutyLog.day.between(start, end))
                           .order_by(DutyLog.day)).scalars().all()
    if not logs:
        return []
    entries = session.execute(
        select(DutyLogEntry.id, DutyLogEntry.log_id, DutyLogEntry.kind)
        .where(DutyLogEntry.log_id.in_([log.id for log in logs]))).all()
    matters = _matters_of(session, [e[0] for e in entries])
    kinds: dict[int, Counter] = {log.id: Counter() for log in logs}
    linked: Counter = Counter()
    for entry_id, log_id, kind in entries:
        kinds[log_id][kind] += 1
        linked[log_id] += entry_id in matters
    return [DutyLogRow(id=log.id, day=log.day, director=log.director,
                       entries=sum(kinds[log.id].values()), by_kind=dict(kinds[log.id]),
                       matters=linked[log.id]) for log in logs]

