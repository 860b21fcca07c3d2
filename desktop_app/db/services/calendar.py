"""Editing the holiday calendar (DESIGN §1.1): seed it, enter or remove days, mark years.

Holidays and make-up working days (调休上班日) live in a table seeded from
the `chinesecalendar` package and editable in the program, for any year. A
change in a year already entered, or a year newly marked as entered,
recomputes the open matters' provisional (待核定) deadlines in the same
transaction. Reading the calendar is `work_calendar.py`.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, select

from desktop_app.db.models import CalendarDay, CalendarYear
from desktop_app.db.services.matters import recompute_provisional_in
from desktop_app.db.services.work_calendar import KIND_LABELS, MAX_YEAR, MIN_YEAR, CalendarDayRow
from desktop_app.db.tx import SYSTEM, Actor, require, snapshot, transactional, write_audit
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.roles import Permission
from desktop_app.domain.validation import clean_text
from desktop_app.domain.workdays import builtin_covered_years, builtin_entries


@transactional
def seed_builtin_calendar(*, session: Session, now: datetime) -> list[int]:
    """Copy the package's calendar for every year the table knows nothing about yet.

    A year already marked, or with any day entered by hand, is left alone,
    so edits survive upgrades. Returns the years seeded.
    """
    known = set(session.exec(select(CalendarYear.year)).all())
    touched = {d.year for d in session.exec(select(CalendarDay.day)).all()}
    years = [y for y in builtin_covered_years() if y not in known and y not in touched]
    if not years:
        return []
    wanted = set(years)
    for entry in builtin_entries():
        if entry.day.year in wanted:
            session.add(CalendarDay(day=entry.day, kind=entry.kind, name=entry.name, source="builtin"))
    for year in years:
        session.add(CalendarYear(year=year, source="builtin"))
    write_audit(session, SYSTEM, "seed", "calendar_day", "", None,
                {"years": f"{min(years)}–{max(years)}"}, now)
    session.flush()
    recompute_provisional_in(session, SYSTEM, now)  # 待核定 deadlines in those years
    return years


def _recompute_if_entered(session: Session, actor: Actor, day: date, now: datetime) -> None:
    """A day changed in a year already entered moves the open deadlines counted across it."""
    if session.get(CalendarYear, day.year) is None:
        return
    session.flush()
    recompute_provisional_in(session, actor, now, changed_year=day.year)


@transactional
def add_calendar_day(
    *, session: Session, actor: Actor, day: date, kind: str, name: str, now: datetime
) -> CalendarDayRow:
    """Enter a holiday or a make-up day; a day cannot be both, nor entered twice."""
    require(actor, Permission.edit_calendar)
    if kind not in KIND_LABELS:
        raise ValidationError("kind", "请选择“法定节假日”或“调休上班日”")
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValidationError("day", f"日期须在 {MIN_YEAR} 至 {MAX_YEAR} 年之间")
    name = clean_text(name, field="name", label="名称", max_len=30)
    existing = session.get(CalendarDay, day)
    if existing is not None:
        if existing.kind != kind:
            raise ValidationError(
                "day", f"{day:%Y-%m-%d} 已登记为{KIND_LABELS[existing.kind]}，"
                f"不能同时是{KIND_LABELS[kind]}；请先删除原记录"
            )
        raise ValidationError("day", f"{day:%Y-%m-%d} 已登记为{KIND_LABELS[kind]}")
    if kind == "makeup" and day.weekday() < 5:
        raise ValidationError("day", "调休上班日应为周六或周日（工作日本来就上班）")
    if kind == "holiday" and day.weekday() >= 5:
        pass  # a weekend inside a holiday period is recorded as holiday too
    row = CalendarDay(day=day, kind=kind, name=name, source="manual")
    session.add(row)
    session.flush()
    write_audit(session, actor, "create", "calendar_day", day.isoformat(), None, snapshot(row), now)
    _recompute_if_entered(session, actor, day, now)
    return CalendarDayRow(row.day, row.kind, row.name, row.source)


@transactional
def remove_calendar_day(*, session: Session, actor: Actor, day: date, now: datetime) -> None:
    """Remove a holiday or make-up day."""
    require(actor, Permission.edit_calendar)
    row = session.get(CalendarDay, day)
    if row is None:
        raise ValidationError("day", f"{day:%Y-%m-%d} 不在日历中")
    before = snapshot(row)
    session.delete(row)
    write_audit(session, actor, "delete", "calendar_day", day.isoformat(), before, None, now)
    _recompute_if_entered(session, actor, day, now)


@transactional
def set_year_complete(
    *, session: Session, actor: Actor, year: int, complete: bool, now: datetime
) -> None:
    """Mark a year's calendar as entered (deadlines in it stop being 待核定), or unmark it.

    Marking a year complete recomputes, in the same transaction, the deadlines
    of open matters that were provisional (DESIGN §1.1: "recomputes open
    provisional deadlines once the calendar is entered").
    """
    require(actor, Permission.edit_calendar)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError("year", f"年份须在 {MIN_YEAR} 至 {MAX_YEAR} 之间")
    row = session.get(CalendarYear, year)
    if complete and row is None:
        row = CalendarYear(year=year, source="manual")
        session.add(row)
        write_audit(session, actor, "create", "calendar_year", year, None, snapshot(row), now)
        session.flush()
        recompute_provisional_in(session, actor, now)
    elif not complete and row is not None:
        write_audit(session, actor, "delete", "calendar_year", year, snapshot(row), None, now)
        session.delete(row)
