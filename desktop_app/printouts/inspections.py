"""Gathers the 周五检查 tab's printouts from the database (DESIGN §1.5–1.6).

Each function reads through the inspection, rectification and duty-log
services and hands plain rows to a report builder in `desktop_app.reports`;
used by the GUI (`ui.inspection_printing`) and the command line.

- `inspection_record_pdf`: the 周五行政总检查记录表 of one inspection (signed
  or draft), with the rectification item of each 不合格;
- `rectification_notices_pdf`: one 整改通知单 per responsible department with
  open items (待整改, 已整改待复查); items with no department yet are left
  out — they are assigned in the ledger first;
- `rectification_ledger_pdf`: the 整改台账, open items or all, for the days
  the problems were found in [start, end];
- `duty_log_pdf`: a day's 值班院长行政总值班日志.
"""

from __future__ import annotations

from datetime import date, datetime

from desktop_app.db.database import Database
from desktop_app.db.models import Department
from desktop_app.db.services.duty_log import get_duty_log
from desktop_app.db.services.inspections_query import get_inspection
from desktop_app.records.rectification_rows import RectificationFilter
from desktop_app.db.services.rectifications_query import list_rectifications, rectification_notices
from desktop_app.db.services.settings import get_settings
from desktop_app.domain.errors import ValidationError
from desktop_app.reports.duty_log_sheet import build_duty_log
from desktop_app.reports.inspection_record import build_inspection_record
from desktop_app.reports.rectification_sheets import (
    build_rectification_ledger,
    build_rectification_notices,
)

NO_DUTY_LOG = "该日没有值班日志"
NO_NOTICES = "没有需要发出整改通知的事项（没有未销号且已指定责任科室的整改事项）"


def inspection_record_pdf(db: Database, inspection_id: int, *,
                          printed_at: datetime) -> bytes:
    """The 周五行政总检查记录表 of one inspection; a draft is marked 草稿（未签字确认）.

    Rectification items are judged overdue as of the print day.
    """
    with db.session() as session:
        detail = get_inspection(session=session, inspection_id=inspection_id)
        rows = list_rectifications(session=session, today=printed_at.date(),
                                   filters=RectificationFilter(inspection_id=inspection_id))
        institution = get_settings(session=session).name
    findings = {r.result_id: r for r in rows if r.result_id is not None}
    return build_inspection_record(detail, findings, institution_name=institution,
                                   printed_at=printed_at)


def rectification_notices_pdf(db: Database, *, today: date, department_id: int | None = None,
                              printed_at: datetime) -> bytes:
    """The 整改通知单 of every department with open items (or of one department), a page each.

    ValidationError when there is nothing to notify (the department, or no
    department, has open items), or the department does not exist.
    """
    with db.session() as session:
        if department_id is not None and session.get(Department, department_id) is None:
            raise ValidationError("department", "该科室不存在")
        notices = rectification_notices(
            session=session, today=today,
            filters=RectificationFilter(open_only=True, department_id=department_id))
        institution = get_settings(session=session).name
    unassigned = sum(len(n.items) for n in notices if n.department_id is None)
    notices = [n for n in notices if n.department_id is not None and n.items
               and (department_id is None or n.department_id == department_id)]
    if not notices:
        if department_id is not None:
            raise ValidationError("department", "该科室没有未销号的整改事项")
        message = NO_NOTICES
        if unassigned:
            message += f"；另有 {unassigned} 项尚未指定责任科室，请先在整改台账中指定"
        raise ValidationError("department", message)
    return build_rectification_notices(notices, today=today, institution_name=institution,
                                       printed_at=printed_at)


def rectification_ledger_pdf(db: Database, *, today: date, open_only: bool = True,
                             start: date | None = None, end: date | None = None,
                             printed_at: datetime) -> bytes:
    """The 整改台账 of items found in [start, end] (open only, or all), as of `today`."""
    if start is not None and end is not None and end < start:
        raise ValidationError("end", "结束日期不能早于开始日期")
    with db.session() as session:
        rows = list_rectifications(
            session=session, today=today,
            filters=RectificationFilter(open_only=open_only, start=start, end=end))
        institution = get_settings(session=session).name
    return build_rectification_ledger(rows, today=today, open_only=open_only, start=start,
                                      end=end, institution_name=institution,
                                      printed_at=printed_at)


def duty_log_pdf(db: Database, day: date, *, printed_at: datetime) -> bytes:
    """The 值班院长行政总值班日志 of `day`; ValidationError "该日没有值班日志" if none was opened."""
    with db.session() as session:
        log = get_duty_log(session=session, day=day)
        institution = get_settings(session=session).name
    if log is None:
        raise ValidationError("day", NO_DUTY_LOG)
    return build_duty_log(log, institution_name=institution,
                          printed_at=printed_at)
