"""Gathers the complaints tab's printouts from the database (DESIGN §1.3, §1.8).

Each function reads through the matters service and hands plain data to a
report builder in `desktop_app.reports`; used by the GUI and the command line.

Figures of the 每月通报:
- 受理 = matters received in the month; 办结 = matters closed (已办结) in it;
- 按期办结 = of those, closed no later than their effective deadline;
- 回访满意率 = of the matters closed in the month with a satisfaction
  recorded, those 满意 or 基本满意 (seed 000);
- by department: a matter counts once for each department it concerned
  (its target department and every department a feedback sheet went to);
- 超期 = matters of the month still open past their deadline or closed late.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, datetime

from desktop_app.db.database import Database
from desktop_app.db.services import matters as matter_svc
from desktop_app.records.matter_rows import MatterDetail, MatterRow
from desktop_app.db.services.settings import get_settings
from desktop_app.domain.matters import MatterStatus, is_satisfied
from desktop_app.domain.months import Month
from desktop_app.domain.validation import mask_phone
from desktop_app.reports.complaint_sheets import build_feedback_sheet, build_registration_sheet
from desktop_app.reports.complaint_summaries import build_daily_summary, build_monthly_bulletin
from desktop_app.reports.complaint_summary_data import (
    CountRow,
    DailySummaryData,
    MonthFigures,
    MonthlyBulletinData,
    RecurringProblem,
    RepeatComplainant,
    SummaryMatter,
)


def _institution(db: Database) -> str:
    with db.session() as session:
        return get_settings(session=session).name


def registration_sheet_pdf(db: Database, matter_id: int, *, today: date,
                           printed_at: datetime) -> bytes:
    """The 医院投诉登记表 of one matter."""
    with db.session() as session:
        detail = matter_svc.get_matter(session=session, matter_id=matter_id, today=today)
    return build_registration_sheet(detail, institution_name=_institution(db),
                                    printed_at=printed_at)


def feedback_sheet_pdf(db: Database, matter_id: int, sheet_id: int, *, today: date,
                       printed_at: datetime) -> bytes:
    """The 服务问题反馈单 of one department in one round."""
    with db.session() as session:
        detail = matter_svc.get_matter(session=session, matter_id=matter_id, today=today)
    return build_feedback_sheet(detail, sheet_id, institution_name=_institution(db),
                                printed_at=printed_at)


def _summary(row: MatterRow) -> SummaryMatter:
    return SummaryMatter(
        serial=row.serial, received_at=row.received_at, request_type=row.request_type,
        channel=row.channel, complainant=row.complainant, phone_masked=row.phone_masked,
        target=row.target, status=row.status, deadline=row.deadline,
        provisional=row.provisional, round=row.round, category=row.category,
        closed_at=row.closed_at,
    )


def daily_summary_pdf(db: Database, day: date, *, printed_at: datetime) -> bytes:
    """The 每日汇总 of `day`: received and closed that day; due soon and overdue as of that day."""
    with db.session() as session:
        received = matter_svc.matters_received_between(session=session, start=day, end=day, today=day)
        closed = matter_svc.matters_closed_between(session=session, start=day, end=day, today=day)
        overdue, due_soon = matter_svc.reminders(session=session, today=day)
    data = DailySummaryData(
        institution_name=_institution(db), day=day,
        received=tuple(_summary(d.row) for d in received),
        closed=tuple(_summary(d.row) for d in closed if d.row.status == MatterStatus.closed),
        due_soon=tuple(_summary(r) for r in due_soon),
        overdue=tuple(_summary(r) for r in overdue),
    )
    return build_daily_summary(data, printed_at=printed_at)


def _closed_on_time(detail: MatterDetail) -> bool:
    closed = detail.row.closed_at
    return closed is not None and closed.date() <= detail.row.deadline


def _figures(received: list[MatterDetail], closed: list[MatterDetail]) -> MonthFigures:
    answered = [d for d in closed if d.final_satisfaction]
    return MonthFigures(
        received=len(received),
        closed=len(closed),
        closed_on_time=sum(_closed_on_time(d) for d in closed),
        callbacks_answered=len(answered),
        callbacks_satisfied=sum(is_satisfied(d.final_satisfaction) for d in answered),
    )


def _departments(detail: MatterDetail) -> set[str]:
    names = {s.department_name for s in detail.sheets}
    if detail.target_department:
        names.add(detail.target_department)
    return names


def _count_rows(this: Iterable[str], last: Iterable[str], closed: Iterable[str]) -> tuple[CountRow, ...]:
    now_c, last_c, closed_c = Counter(this), Counter(last), Counter(closed)
    keys = sorted(set(now_c) | set(last_c) | set(closed_c))
    return tuple(CountRow(k, now_c[k], last_c[k], closed_c[k]) for k in keys)


def _recurring(received: list[MatterDetail]) -> tuple[RecurringProblem, ...]:
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for d in received:
        for dept in sorted(_departments(d)):
            if d.row.category:
                groups[(d.row.category, dept)].append(d.row.serial)
    return tuple(
        RecurringProblem(cat, dept, len(serials), tuple(serials))
        for (cat, dept), serials in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        if len(serials) >= 2
    )


def _repeaters(received: list[MatterDetail]) -> tuple[RepeatComplainant, ...]:
    groups: dict[str, list[MatterDetail]] = defaultdict(list)
    for d in received:
        if d.anonymous:
            continue
        key = d.phone or d.complainant_name
        if key:
            groups[key].append(d)
    return tuple(
        RepeatComplainant(ds[0].complainant_name, mask_phone(ds[0].phone) if ds[0].phone else "",
                          len(ds), tuple(x.row.serial for x in ds))
        for ds in sorted(groups.values(), key=lambda ds: -len(ds))
        if len(ds) >= 2
    )


def monthly_bulletin_data(db: Database, month: Month | str, *, today: date) -> MonthlyBulletinData:
    """The figures of the 每月通报 of `month` ("YYYY-MM") with the previous month beside them."""
    month = Month.parse(month)
    start, end = month.first_day, month.last_day
    p_start, p_end = month.previous().first_day, month.previous().last_day
    with db.session() as session:
        received = matter_svc.matters_received_between(session=session, start=start, end=end, today=today)
        closed_all = matter_svc.matters_closed_between(session=session, start=start, end=end, today=today)
        last_received = matter_svc.matters_received_between(session=session, start=p_start, end=p_end,
                                                            today=today)
        last_closed_all = matter_svc.matters_closed_between(session=session, start=p_start, end=p_end,
                                                            today=today)
    closed = [d for d in closed_all if d.row.status == MatterStatus.closed]
    last_closed = [d for d in last_closed_all if d.row.status == MatterStatus.closed]
    overdue = [d for d in received if d.row.overdue or (d.row.closed_at and not _closed_on_time(d)
                                                         and d.row.status == MatterStatus.closed)]
    return MonthlyBulletinData(
        institution_name=_institution(db),
        month=str(month),
        this_month=_figures(received, closed),
        last_month=_figures(last_received, last_closed),
        by_type=_count_rows((d.row.request_type for d in received),
                            (d.row.request_type for d in last_received),
                            (d.row.request_type for d in closed)),
        by_channel=_count_rows((d.row.channel for d in received), (d.row.channel for d in last_received),
                               (d.row.channel for d in closed)),
        by_category=_count_rows((d.row.category or "other" for d in received),
                                (d.row.category or "other" for d in last_received),
                                (d.row.category or "other" for d in closed)),
        by_department=_count_rows((n for d in received for n in _departments(d)),
                                  (n for d in last_received for n in _departments(d)),
                                  (n for d in closed for n in _departments(d))),
        rehandled=tuple(_summary(d.row) for d in received if d.row.round >= 2),
        overdue=tuple(_summary(d.row) for d in overdue),
        recurring_problems=_recurring(received),
        repeat_complainants=_repeaters(received),
    )


def monthly_bulletin_pdf(db: Database, month: Month | str, *, today: date,
                         printed_at: datetime) -> bytes:
    """The 每月通报 of `month` as PDF."""
    data = monthly_bulletin_data(db, month, today=today)
    return build_monthly_bulletin(data, printed_at=printed_at)
