"""Reading matters: the list, one matter's detail, reminders and month data (DESIGN §1.1–1.3, §3).

- The list is newest first. A row is overdue (超期) when the matter is open
  and today is after its effective deadline; due soon (临期) when open and due
  no later than the next working day (domain `is_overdue` / `is_due_soon`).
- Phones are masked (138****1234) in the list; an anonymous complainant is
  shown as "匿名". The whole phone is only in the detail (DESIGN §3).
- The list must stay fast with thousands of matters (issue 3 §Speed): it
  selects plain columns with SQLAlchemy core in one query (outer joins for the
  department and staff names) and loads the working-day calendar once.

Every function here only reads; `services/matters.py` re-exports them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import fields
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlmodel import Session

from desktop_app.db.models import (
    Department,
    FeedbackSheet,
    Matter,
    MatterCallback,
    MatterEvent,
    MatterExtension,
    Staff,
)
from desktop_app.records.matter_rows import (
    CallbackRow,
    EventRow,
    ExtensionRow,
    MatterDetail,
    MatterFilter,
    MatterRow,
    SheetRow,
)
from desktop_app.db.services.work_calendar import load_work_calendar
from desktop_app.domain.deadlines import is_due_soon, is_overdue
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.matters import OPEN_STATUSES, format_serial
from desktop_app.domain.months import Month
from desktop_app.domain.validation import mask_phone
from desktop_app.domain.workdays import WorkCalendar

ANONYMOUS_LABEL = "匿名"

M = Matter.__table__
D = Department.__table__
S = Staff.__table__
FS = FeedbackSheet.__table__
CB = MatterCallback.__table__
EX = MatterExtension.__table__
EV = MatterEvent.__table__

_OPEN = frozenset(s.value for s in OPEN_STATUSES)
_OPEN_LIST = sorted(_OPEN)

# The columns of one list row, in MatterRow's order of use (see `_make_row`).
_LIST_COLUMNS = (
    M.c.id, M.c.serial_year, M.c.serial_no, M.c.received_at, M.c.request_type, M.c.channel,
    M.c.complainant_name, M.c.anonymous, M.c.phone, D.c.name.label("department_name"),
    S.c.name.label("staff_name"), M.c.target_text, M.c.target_department_id, M.c.category,
    M.c.status, M.c.round, M.c.deadline, M.c.deadline_provisional, M.c.closed_at, M.c.content,
)
_N_LIST = len(_LIST_COLUMNS)
# The rest of a detail, after the list columns.
_DETAIL_COLUMNS = (
    M.c.relation, M.c.first_receiver_name, M.c.registered_by, M.c.upstream_order_no,
    M.c.signed_at, M.c.upstream_deadline, M.c.local_deadline, M.c.close_reason,
    M.c.final_satisfaction, M.c.withdrawn_reason, M.c.on_the_spot_resolution, M.c.source_ref,
    M.c.close_note, M.c.finding, M.c.finding_note,
)
_JOINED = M.outerjoin(D, D.c.id == M.c.target_department_id).outerjoin(
    S, S.c.id == M.c.target_staff_id
)


def _serial_expr() -> ColumnElement[str]:
    return func.printf("%d-%04d", M.c.serial_year, M.c.serial_no)


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _conditions(filters: MatterFilter, today: date) -> list[ColumnElement[bool]]:
    """SQL conditions for the list's filters (None/"" means any).

    `department_id` matches the complaint target's department or any
    department a feedback sheet went to; `text` searches the content, the
    complainant's name and the serial ("2026-0007", also a part of it).
    """
    conds: list[ColumnElement[bool]] = []
    if filters.status:
        conds.append(M.c.status == str(filters.status))
    if filters.request_type:
        conds.append(M.c.request_type == str(filters.request_type))
    if filters.channel:
        conds.append(M.c.channel == str(filters.channel))
    if filters.category:
        conds.append(M.c.category == str(filters.category))
    if filters.department_id is not None:
        sheet_to = exists().where(FS.c.matter_id == M.c.id, FS.c.department_id == filters.department_id)
        conds.append(or_(M.c.target_department_id == filters.department_id, sheet_to))
    if filters.month:
        month = Month.parse(filters.month)
        start = datetime.combine(month.first_day, datetime.min.time())
        end = datetime.combine(month.next().first_day, datetime.min.time())
        conds.append(and_(M.c.received_at >= start, M.c.received_at < end))
    text = (filters.text or "").strip()
    if text:
        pattern = _like(text)
        conds.append(
            or_(
                M.c.content.like(pattern, escape="\\"),
                and_(M.c.anonymous == False, M.c.complainant_name.like(pattern, escape="\\")),  # noqa: E712
                _serial_expr().like(pattern, escape="\\"),
            )
        )
    if filters.only_overdue:
        conds.append(and_(M.c.status.in_(_OPEN_LIST), M.c.deadline < today))
    return conds


_ROW_FIELDS = tuple(f.name for f in fields(MatterRow))


def _new_row(*values: Any) -> MatterRow:
    """MatterRow(*values) without the frozen dataclass's per-field `object.__setattr__`.

    Same object (fields, equality, hash, repr); about five times faster to
    build, which matters for a list of thousands of rows.
    """
    row = object.__new__(MatterRow)
    row.__dict__.update(zip(_ROW_FIELDS, values))
    return row


def _masked(phone: str) -> str:
    """mask_phone, with a fast path for the stored (cleaned) 11-digit mobile: 139****1234."""
    if len(phone) == 11 and phone.isascii() and phone.isdigit() and phone[0] == "1" and phone[1] > "2":
        return f"{phone[:3]}****{phone[7:]}"
    return mask_phone(phone)


class _RowMaker:
    """Turns selected column tuples into MatterRows with the overdue/due-soon flags for `today`."""

    def __init__(self, today: date, calendar: WorkCalendar) -> None:
        self.today = today
        self.calendar = calendar
        # Nothing due later than this can be due within one working day (holidays last < 3 weeks).
        self._soon_horizon = today + timedelta(days=31)

    def __call__(self, r: tuple[Any, ...]) -> MatterRow:
        (mid, year, number, received_at, request_type, channel, name, anonymous, phone, dept,
         staff, target_text, dept_id, category, status, rnd, deadline, provisional, closed_at,
         content) = r[:_N_LIST]
        today = self.today
        is_open = status in _OPEN
        overdue = is_open and is_overdue(deadline, None, today)
        due_soon = (
            is_open and not overdue and deadline <= self._soon_horizon
            and is_due_soon(deadline, today, self.calendar)
        )
        target = " / ".join(part for part in (dept, staff, target_text) if part)
        return _new_row(
            mid, format_serial(year, number), received_at, request_type, channel,
            ANONYMOUS_LABEL if anonymous else name, _masked(phone), target, dept_id, category,
            status, rnd, deadline, provisional, overdue, due_soon, closed_at, content,
        )


def list_matters(
    *, session: Session, filters: MatterFilter = MatterFilter(), today: date
) -> list[MatterRow]:
    """The list of matters matching `filters`, newest received first (issue 3 §2)."""
    stmt = select(*_LIST_COLUMNS).select_from(_JOINED)
    conds = _conditions(filters, today)
    if conds:
        stmt = stmt.where(*conds)
    stmt = stmt.order_by(M.c.received_at.desc(), M.c.id.desc())
    make = _RowMaker(today, load_work_calendar(session=session))
    return [make(r) for r in session.connection().execute(stmt).all()]


def reminders(*, session: Session, today: date) -> tuple[list[MatterRow], list[MatterRow]]:
    """(overdue, due within one working day) open matters for the login panel, by deadline."""
    calendar = load_work_calendar(session=session)
    horizon = calendar.next_workday(today)
    stmt = (
        select(*_LIST_COLUMNS).select_from(_JOINED)
        .where(M.c.status.in_(_OPEN_LIST), M.c.deadline <= horizon)
        .order_by(M.c.deadline, M.c.received_at, M.c.id)
    )
    make = _RowMaker(today, calendar)
    rows = [make(r) for r in session.connection().execute(stmt).all()]
    return [r for r in rows if r.overdue], [r for r in rows if r.due_soon]


def count_overdue(*, session: Session, today: date) -> int:
    """How many open matters are past their deadline (shown in the tab title)."""
    stmt = select(func.count(M.c.id)).where(M.c.status.in_(_OPEN_LIST), M.c.deadline < today)
    return int(session.connection().execute(stmt).scalar_one())


def _group(rows: Iterable[tuple[int, Any]]) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    for matter_id, item in rows:
        grouped[matter_id].append(item)
    return grouped


def _details(session: Session, where: ColumnElement[bool], today: date,
             order: tuple[ColumnElement[Any], ...]) -> list[MatterDetail]:
    """Full details of the matters matching `where`, in batch: one query per child table."""
    session.flush()
    con = session.connection()
    ids = select(M.c.id).where(where).scalar_subquery()
    base = con.execute(
        select(*_LIST_COLUMNS, *_DETAIL_COLUMNS).select_from(_JOINED).where(where).order_by(*order)
    ).all()
    if not base:
        return []
    sheets = _group(
        (r.matter_id, SheetRow(r.id, r.round, r.department_id, r.department_name or "", r.reply_by,
                               r.instructions, r.issued_at, r.issued_by, r.replier, r.contacted_at,
                               r.reply_content, r.replied_at, r.recorded_by))
        for r in con.execute(
            select(*FS.c, D.c.name.label("department_name"))
            .select_from(FS.outerjoin(D, D.c.id == FS.c.department_id))
            .where(FS.c.matter_id.in_(ids)).order_by(FS.c.round, D.c.sort_order, FS.c.id)
        )
    )
    callbacks = _group(
        (r.matter_id, CallbackRow(r.id, r.round, r.at, r.satisfaction, r.words, r.outcome,
                                  r.explanation, r.path_offered, r.recorded_by))
        for r in con.execute(select(CB).where(CB.c.matter_id.in_(ids)).order_by(CB.c.at, CB.c.id))
    )
    extensions = _group(
        (r.matter_id, ExtensionRow(r.id, r.consent_by, r.consent_at, r.consent_method, r.reason,
                                   r.old_deadline, r.new_deadline, r.granted_by, r.at))
        for r in con.execute(select(EX).where(EX.c.matter_id.in_(ids)).order_by(EX.c.at, EX.c.id))
    )
    events = _group(
        (r.matter_id, EventRow(r.at, r.action, r.actor, r.summary))
        for r in con.execute(select(EV).where(EV.c.matter_id.in_(ids)).order_by(EV.c.at, EV.c.id))
    )
    make = _RowMaker(today, load_work_calendar(session=session))
    out: list[MatterDetail] = []
    for r in base:
        row = make(r)
        (relation, first_receiver, registered_by, order_no, signed_at, upstream_deadline,
         local_deadline, close_reason, final_satisfaction, withdrawn_reason, on_the_spot,
         source_ref, close_note, finding, finding_note) = r[_N_LIST:]
        out.append(MatterDetail(
            row=row,
            complainant_name=r.complainant_name,
            anonymous=r.anonymous,
            phone=r.phone,
            relation=relation,
            target_department=r.department_name or "",
            target_staff=r.staff_name or "",
            target_text=r.target_text,
            first_receiver_name=first_receiver,
            registered_by=registered_by,
            upstream_order_no=order_no,
            signed_at=signed_at,
            upstream_deadline=upstream_deadline,
            local_deadline=local_deadline,
            close_reason=close_reason,
            final_satisfaction=final_satisfaction,
            withdrawn_reason=withdrawn_reason,
            on_the_spot_resolution=on_the_spot,
            source_ref=source_ref,
            sheets=tuple(sheets.get(row.id, ())),
            callbacks=tuple(callbacks.get(row.id, ())),
            extensions=tuple(extensions.get(row.id, ())),
            events=tuple(events.get(row.id, ())),
            close_note=close_note,
            finding=finding,
            finding_note=finding_note or "",
        ))
    return out


def get_matter(*, session: Session, matter_id: int, today: date) -> MatterDetail:
    """One matter with its sheets, callbacks, extensions and timeline (events in time order)."""
    found = _details(session, M.c.id == matter_id, today, (M.c.id,))
    if not found:
        raise ValidationError("matter_id", "该事项不存在或已被删除")
    return found[0]


def _day_range(start: date, end: date) -> tuple[datetime, datetime]:
    return datetime.combine(start, datetime.min.time()), datetime.combine(
        end + timedelta(days=1), datetime.min.time()
    )


def matters_received_between(*, session: Session, start: date, end: date, today: date) -> list[MatterDetail]:
    """Matters received on a day in [start, end] (both inclusive), oldest first — for the printouts."""
    low, high = _day_range(start, end)
    where = and_(M.c.received_at >= low, M.c.received_at < high)
    return _details(session, where, today, (M.c.received_at, M.c.id))


def matters_closed_between(*, session: Session, start: date, end: date, today: date) -> list[MatterDetail]:
    """Matters closed (办结) on a day in [start, end] (both inclusive), by closing time."""
    low, high = _day_range(start, end)
    where = and_(M.c.closed_at >= low, M.c.closed_at < high)
    return _details(session, where, today, (M.c.closed_at, M.c.id))
