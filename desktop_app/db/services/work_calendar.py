"""The holiday calendar as read (DESIGN §1.1): the working-day calendar and the year's days.

Holidays and make-up working days (调休上班日) live in a table; a year counts
as entered (covered) once marked so; deadlines in other years are computed
from weekends alone and marked 待核定. From 1 November the program asks for
next year's calendar while it is missing (`missing_calendar_year`). Every
function here only reads; `calendar.py` is the editor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from desktop_app.db.models import CalendarDay, CalendarYear
from desktop_app.domain.workdays import WorkCalendar

_DAY = CalendarDay.__table__
_YEAR = CalendarYear.__table__

KIND_LABELS = {"holiday": "法定节假日", "makeup": "调休上班日"}
MIN_YEAR, MAX_YEAR = 2000, 2100


@dataclass(frozen=True)
class CalendarDayRow:
    """One holiday or make-up day as listed: its kind ("holiday"/"makeup"), name and source."""

    day: date
    kind: str
    name: str
    source: str


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
    """The years marked as entered, in order."""
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
