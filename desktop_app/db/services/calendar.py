"""The holiday calendar as data (DESIGN §1.1).

Holidays and make-up working days (调休上班日) live in a table seeded from
the `chinesecalendar` package and editable in the program, for any year. A
year counts as entered (covered) once marked so; deadlines in other years
are computed from weekends alone and marked 待核定. From 1 November the
program asks for next year's calendar while it is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, select

from desktop_app.db.models import CalendarDay, CalendarYear
from desktop_app.db.tx import SYSTEM, Actor, require, snapshot, transactional, write_audit
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.roles import Permission
from desktop_app.domain.validation import clean_text
from desktop_app.domain.workdays import WorkCalendar, builtin_covered_years, builtin_entries

_DAY = CalendarDay.__table__
_YEAR = CalendarYear.__table__

KIND_LABELS = {"holiday": "法定节假日", "makeup": "调休上班日"}
MIN_YEAR, MAX_YEAR = 2000, 2100


@dataclass(frozen=True)
class CalendarDayRow:
    day: date
    kind: str
    name: str
    source: str


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
    from desktop_app.db.services.matters import recompute_provisional_in  # avoid an import cycle

    session.flush()
    recompute_provisional_in(session, SYSTEM, now)  # 待核定 deadlines in those years
    return years


def load_work_calendar(*, session: Session) -> WorkCalendar:
    """The working-day calendar as entered in the table.

    Read as plain columns (about 1 ms for 20+ years): every deadline, list and
    reminder loads it once.
    """
    session.flush()  # a plain-column read does not autoflush
    holidays: list[date] = []
    makeup: list[date] = []
    con = session.connection()
    for day, kind in con.execute(select(_DAY.c.day, _DAY.c.kind)).all():
        (holidays if kind == "holiday" else makeup).append(day)
    years = con.execute(select(_YEAR.c.year)).scalars().all()
    return WorkCalendar(holidays, makeup, years)


def covered_years(*, session: Session) -> list[int]:
    return sorted(session.exec(select(CalendarYear.year)).all())


def list_calendar_days(*, session: Session, year: int) -> list[CalendarDayRow]:
    """The holidays and make-up days of one year, by date."""
    stmt = (
        select(CalendarDay)
        .where(CalendarDay.day >= date(year, 1, 1), CalendarDay.day <= date(year, 12, 31))
        .order_by(CalendarDay.day)
    )
    return [CalendarDayRow(d.day, d.kind, d.name, d.source) for d in session.exec(stmt).all()]


def missing_calendar_year(*, session: Session, today: date) -> int | None:
    """The year whose calendar should be entered now, or None.

    This year when it is missing; from 1 November also next year.
    """
    years = set(session.exec(select(CalendarYear.year)).all())
    if today.year not in years:
        return today.year
    if today.month >= 11 and today.year + 1 not in years:
        return today.year + 1
    return None


def _recompute_if_entered(session: Session, actor: Actor, day: date, now: datetime) -> None:
    """A day changed in a year already entered moves the open deadlines counted across it."""
    if session.get(CalendarYear, day.year) is None:
        return
    from desktop_app.db.services.matters import recompute_provisional_in  # avoid an import cycle

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
        from desktop_app.db.services.matters import recompute_provisional_in

        recompute_provisional_in(session, actor, now)
    elif not complete and row is not None:
        write_audit(session, actor, "delete", "calendar_year", year, snapshot(row), None, now)
        session.delete(row)
