"""Registering a matter and its deadline (DESIGN §1.1–1.3, seed 004 §四 受理, §五(二) 时限).

- 受理 `register_matter`: the 医院投诉登记表; time, issue and target are the
  key elements (seed: 投诉时间、反映问题、投诉对象等关键要素记录完整). The
  serial (2026-0007) is the next number of the received year.
- The deadline follows the type's limit (settings) and the working-day
  calendar; for external orders (外部渠道) it is the earlier of local and
  upstream. A deadline resting on a year whose calendar is not entered is
  provisional (待核定) and recomputed once that year is marked complete.
- The helpers every step uses (`record_step`: one timeline event and one
  audit row) live here too; `services/matters.py` re-exports the public API.

Services take `now` and never read the clock otherwise ("not in the future"
means not after `now`).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, or_
from sqlmodel import Session, func, select

from desktop_app.db.models import Department, Matter, MatterEvent, MatterExtension, Staff
from desktop_app.records.matter_rows import MatterDetail, MatterInput, MatterRow
from desktop_app.db.services.matters_query import get_matter
from desktop_app.db.services.settings import get_settings, limits_from
from desktop_app.db.services.work_calendar import load_work_calendar
from desktop_app.db.tx import SYSTEM, Actor, require, snapshot, transactional, write_audit
from desktop_app.domain.deadlines import REQUEST_TYPE_LABELS, RequestType, deadline, effective_deadline
from desktop_app.domain.errors import ValidationError, gather_errors
from desktop_app.domain.matters import (
    CHANNEL_LABELS,
    OPEN_STATUSES,
    Channel,
    IssueCategory,
    MatterStatus,
    is_external,
)
from desktop_app.domain.roles import Permission
from desktop_app.domain.validation import clean_choice, clean_phone, clean_text
from desktop_app.domain.workdays import WorkCalendar

CONTENT_MAX = 2000
TARGET_REQUIRED = "请填写投诉对象（科室、人员或具体对象）"


# --- deadlines ----------------------------------------------------------------------------

def _compute_deadline(
    session: Session, calendar: WorkCalendar, request_type: str, received_on: date,
    upstream: date | None,
) -> tuple[date, date, bool]:
    """(local due, effective due, provisional) by the type's limit from the settings."""
    limits = limits_from(get_settings(session=session))
    local = deadline(request_type, received_on, calendar, limits)
    effective = effective_deadline(local.due, upstream)
    provisional = local.provisional and effective == local.due
    return local.due, effective, provisional


def _request_type(code: str | None) -> str:
    return clean_choice(RequestType, code, field="request_type", message="请选择诉求类型")


def preview_deadline(
    *, session: Session, request_type: str, received_on: date, upstream_deadline: date | None = None
) -> tuple[date, bool]:
    """The effective due date and whether it is provisional (待核定), as the form shows it live.

    DESIGN §1.1: 咨询/求助 received date + limit calendar days; others the
    limit-th working day after receipt; the earlier of that and an upstream
    deadline. Provisional when the calendar of a counted year is not entered.
    """
    calendar = load_work_calendar(session=session)
    _local, effective, provisional = _compute_deadline(
        session, calendar, _request_type(request_type), received_on, upstream_deadline
    )
    return effective, provisional


# --- shared helpers -----------------------------------------------------------------------

def load_matter(session: Session, matter_id: int) -> Matter:
    """The matter row, or ValidationError('matter_id') if it does not exist."""
    matter = session.get(Matter, matter_id)
    if matter is None:
        raise ValidationError("matter_id", "该事项不存在或已被删除")
    return matter


def record_step(
    session: Session, actor: Actor, matter: Matter, action: str, summary: str,
    before: dict[str, Any] | None, now: datetime, extra: Any = None,
) -> None:
    """The timeline event and the one audit row of a step (after = matter + the step's rows)."""
    session.add(matter)
    session.flush()
    session.add(MatterEvent(matter_id=matter.id, at=now, action=action,
                            actor=actor.display_name[:30], summary=summary[:300]))
    after = snapshot(matter) or {}
    if extra is not None:
        after["step"] = extra
    write_audit(session, actor, action[:20], "matter", matter.id, before, after, now)


def detail_after(session: Session, matter: Matter, now: datetime) -> MatterDetail:
    """The matter's detail as a step leaves it, with flags for `now`'s date."""
    session.flush()
    return get_matter(session=session, matter_id=matter.id, today=now.date())


def not_future(value: datetime | None, now: datetime, field: str, label: str) -> datetime:
    """A required time that is not after `now` ("请填写…", "…不能晚于当前时间")."""
    if value is None:
        raise ValidationError(field, f"请填写{label}")
    if value > now:
        raise ValidationError(field, f"{label}不能晚于当前时间")
    return value


def fmt_day(day: date) -> str:
    """2025-10-16, as messages and the timeline write a date."""
    return day.strftime("%Y-%m-%d")


# --- 受理 --------------------------------------------------------------------------------

def _clean_input(session: Session, data: MatterInput, now: datetime) -> dict[str, Any]:
    """The registration form's values, checked field by field (DESIGN §1.3 step 1, §3).

    Every field's problem is reported at once (`gather_errors`); the upstream
    fields are checked after, as they depend on the channel and the time received.
    """
    anonymous = bool(data.anonymous)
    dept_id, staff_id = data.target_department_id, data.target_staff_id
    (received_at, channel, request_type, name, phone, relation, _dept, _staff, target_text, _target,
     category, content, first_receiver, source_ref) = gather_errors(
        lambda: not_future(data.received_at, now, "received_at", "受理时间"),
        lambda: clean_choice(Channel, data.channel, field="channel", message="请选择受理渠道"),
        lambda: _request_type(data.request_type),
        lambda: "" if anonymous else _complainant_name(data.complainant_name),
        lambda: clean_phone(data.phone, field="phone", label="联系电话"),
        lambda: clean_text(data.relation, field="relation", label="与患者关系", max_len=10, required=False),
        lambda: _exists(session, Department, dept_id, "target_department_id", "所选科室不存在"),
        lambda: _exists(session, Staff, staff_id, "target_staff_id", "所选人员不存在"),
        lambda: clean_text(data.target_text, field="target_text", label="投诉对象", max_len=60,
                           required=False),
        lambda: _target_given(dept_id, staff_id, data.target_text),
        lambda: clean_choice(IssueCategory, data.category, field="category", message="请选择问题分类"),
        lambda: clean_text(data.content, field="content", label="反映问题", max_len=CONTENT_MAX),
        lambda: clean_text(data.first_receiver_name, field="first_receiver_name",
                           label="首诉责任人", max_len=30),
        lambda: clean_text(data.source_ref, field="source_ref", label="来源", max_len=40, required=False),
    )
    order_no, signed_at, upstream_deadline = _upstream(data, channel, received_at, now)
    return dict(
        received_at=received_at, channel=channel, request_type=request_type, anonymous=anonymous,
        complainant_name=name, phone=phone, relation=relation, target_department_id=dept_id,
        target_staff_id=staff_id, target_text=target_text, category=category, content=content,
        first_receiver_name=first_receiver, upstream_order_no=order_no, signed_at=signed_at,
        upstream_deadline=upstream_deadline, source_ref=source_ref,
    )


def _complainant_name(text: str | None) -> str:
    if not (text or "").strip():
        raise ValidationError("complainant_name", "请填写投诉人姓名，或勾选“匿名”")
    return clean_text(text, field="complainant_name", label="投诉人姓名", max_len=30)


def _exists(session: Session, model: type, row_id: int | None, field: str, message: str) -> None:
    if row_id is not None and session.get(model, row_id) is None:
        raise ValidationError(field, message)


def _target_given(dept_id: int | None, staff_id: int | None, target_text: str | None) -> None:
    if dept_id is None and staff_id is None and not (target_text or "").strip():
        raise ValidationError("target_department_id", TARGET_REQUIRED)


def _upstream(data: MatterInput, channel: str, received_at: datetime,
              now: datetime) -> tuple[str, datetime | None, date | None]:
    """The upstream order no., signing time and reply deadline: only for an external channel."""
    order_no = (data.upstream_order_no or "").strip()
    signed_at, upstream_deadline = data.signed_at, data.upstream_deadline
    if not is_external(channel):
        gather_errors(
            lambda: _absent(order_no, "upstream_order_no", "内部渠道无需填写上级工单号"),
            lambda: _absent(signed_at, "signed_at", "内部渠道无需填写签收时间"),
            lambda: _absent(upstream_deadline, "upstream_deadline", "内部渠道无需填写上级回复期限"),
        )
        return order_no, signed_at, upstream_deadline

    def signed() -> None:
        if signed_at is not None:
            if signed_at < received_at:
                raise ValidationError("signed_at", "签收时间不能早于受理时间")
            not_future(signed_at, now, "signed_at", "签收时间")

    def deadline() -> None:
        if upstream_deadline is not None and upstream_deadline < received_at.date():
            raise ValidationError("upstream_deadline", "上级回复期限不能早于受理日期")

    (order_no, _s, _d) = gather_errors(
        lambda: clean_text(order_no, field="upstream_order_no", label="上级工单号", max_len=40,
                           required=False),
        signed, deadline,
    )
    return order_no, signed_at, upstream_deadline


def _absent(value: object, field: str, message: str) -> None:
    if value:
        raise ValidationError(field, message)


@transactional
def register_matter(
    *, session: Session, actor: Actor, data: MatterInput, now: datetime
) -> MatterRow:
    """Register a matter (医院投诉登记表); gives the yearly serial and the deadline."""
    require(actor, Permission.register_matter)
    values = _clean_input(session, data, now)
    received: datetime = values["received_at"]
    calendar = load_work_calendar(session=session)
    local, effective, provisional = _compute_deadline(
        session, calendar, values["request_type"], received.date(), values["upstream_deadline"]
    )
    year = received.year
    last = session.exec(select(func.max(Matter.serial_no)).where(Matter.serial_year == year)).one()
    matter = Matter(
        **values, serial_year=year, serial_no=(last or 0) + 1, registered_by=actor.display_name[:30],
        local_deadline=local, deadline=effective, deadline_provisional=provisional,
        status=MatterStatus.registered.value, round=1, created_at=now,
    )
    summary = (
        f"登记受理：{REQUEST_TYPE_LABELS[RequestType(matter.request_type)]}，"
        f"{CHANNEL_LABELS[Channel(matter.channel)]}，首诉责任人{matter.first_receiver_name}，"
        f"办理期限 {fmt_day(effective)}{'（待核定）' if provisional else ''}"
    )
    record_step(session, actor, matter, "registered", summary, None, now)
    return detail_after(session, matter, now).row


# --- 待核定 deadlines ---------------------------------------------------------------------

def recompute_provisional_in(session: Session, actor: Actor, now: datetime,
                             changed_year: int | None = None) -> int:
    """Recompute provisional deadlines of open, never-extended matters (no commit of its own).

    Called inside the calendar's transactions: when a year is marked complete
    or seeded, and, with `changed_year`, when a day of an entered year is
    added or removed (then every open deadline counted across that year is
    recomputed too). Returns how many matters changed; each gets an event and
    an audit row.
    """
    open_codes = [s.value for s in OPEN_STATUSES]
    which = Matter.deadline_provisional == True  # noqa: E712
    if changed_year is not None:
        which = or_(which, and_(Matter.received_at < datetime(changed_year + 1, 1, 1),
                                Matter.deadline >= date(changed_year, 1, 1)))
    matters = session.exec(select(Matter).where(Matter.status.in_(open_codes), which)).all()
    if not matters:
        return 0
    extended = set(session.exec(select(MatterExtension.matter_id).distinct()).all())
    calendar = load_work_calendar(session=session)
    changed = 0
    for matter in matters:
        if matter.id in extended:
            continue
        local, effective, provisional = _compute_deadline(
            session, calendar, matter.request_type, matter.received_at.date(), matter.upstream_deadline
        )
        if (local, effective, provisional) == (
            matter.local_deadline, matter.deadline, matter.deadline_provisional
        ):
            continue
        before = snapshot(matter)
        old = matter.deadline
        matter.local_deadline, matter.deadline, matter.deadline_provisional = local, effective, provisional
        summary = (
            f"节假日安排{'修改' if changed_year is not None else '录入'}后重新核定期限："
            f"{fmt_day(old)} → {fmt_day(effective)}"
            f"{'（仍待核定）' if provisional else ''}"
        )
        record_step(session, actor, matter, "recompute", summary, before, now)
        changed += 1
    return changed


@transactional
def recompute_provisional(*, session: Session, actor: Actor = SYSTEM, now: datetime) -> int:
    """Recompute every open provisional (待核定) deadline from the calendar as now entered."""
    require(actor, Permission.register_matter)
    return recompute_provisional_in(session, actor, now)
