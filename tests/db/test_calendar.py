"""The holiday calendar as editable data (DESIGN §1.1)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.db.database import Database
from desktop_app.db.services import calendar, work_calendar
from desktop_app.db.tx import SYSTEM
from desktop_app.domain.deadlines import RequestType, deadline, due_date
from desktop_app.domain.errors import ValidationError
from tests.support.db import audit_count


def _days(session, year: int) -> dict[date, str]:
    return {r.day: r.kind for r in work_calendar.list_calendar_days(session=session, year=year)}


def _cal(session):
    return work_calendar.load_work_calendar(session=session)


def test_seeded_calendar_knows_national_day_2025(session):
    days = _days(session, 2025)
    assert days[date(2025, 10, 1)] == "holiday"
    assert days[date(2025, 9, 28)] == "makeup"
    assert days[date(2025, 10, 11)] == "makeup"
    assert date(2025, 10, 13) not in days
    rows = {r.day: r for r in work_calendar.list_calendar_days(session=session, year=2025)}
    assert rows[date(2025, 10, 1)].name == "国庆节"
    assert rows[date(2025, 10, 1)].source == "builtin"


def test_seeded_years_are_2004_to_2026(session):
    assert work_calendar.covered_years(session=session) == list(range(2004, 2027))


def test_due_date_from_the_stored_calendar(session):
    cal = _cal(session)
    assert due_date(RequestType.complaint, date(2025, 9, 26), cal) == date(2025, 10, 16)
    assert not deadline(RequestType.complaint, date(2025, 9, 26), cal).provisional


def test_a_holiday_cannot_also_be_a_makeup_day(session, admin, now):
    n = audit_count(session)
    with pytest.raises(ValidationError) as info:
        calendar.add_calendar_day(session=session, actor=admin, day=date(2025, 10, 1),
                                  kind="makeup", name="调休", now=now)
    assert info.value.field == "day"
    assert "不能同时" in info.value.message
    assert _days(session, 2025)[date(2025, 10, 1)] == "holiday"
    assert audit_count(session) == n


def test_the_same_day_cannot_be_entered_twice(session, admin, now):
    with pytest.raises(ValidationError) as info:
        calendar.add_calendar_day(session=session, actor=admin, day=date(2025, 10, 1),
                                  kind="holiday", name="国庆节", now=now)
    assert info.value.field == "day"


def test_a_weekday_cannot_be_a_makeup_day(session, admin, now):
    with pytest.raises(ValidationError) as info:
        calendar.add_calendar_day(session=session, actor=admin, day=date(2027, 1, 4),
                                  kind="makeup", name="调休", now=now)
    assert info.value.field == "day"
    assert date(2027, 1, 4) not in _days(session, 2027)


@pytest.mark.parametrize("kind, name, field", [
    ("vacation", "元旦", "kind"),
    ("holiday", "", "name"),
    ("holiday", "节" * 31, "name"),
])
def test_bad_calendar_input_refused(session, admin, kind, name, field, now):
    with pytest.raises(ValidationError) as info:
        calendar.add_calendar_day(session=session, actor=admin, day=date(2027, 1, 1),
                                  kind=kind, name=name, now=now)
    assert info.value.field == field
    assert _days(session, 2027) == {}


def test_entering_next_years_calendar_makes_deadlines_final(db, session, admin, now):
    received = date(2026, 12, 24)  # the 10 working days run into 2027
    before = deadline(RequestType.complaint, received, _cal(session))
    assert (before.due, before.provisional) == (date(2027, 1, 7), True)  # weekends alone

    calendar.add_calendar_day(session=session, actor=admin, day=date(2027, 1, 1),
                              kind="holiday", name="元旦", now=now)
    half = deadline(RequestType.complaint, received, _cal(session))
    assert (half.due, half.provisional) == (date(2027, 1, 7), True)  # year not marked complete

    calendar.set_year_complete(session=session, actor=admin, year=2027, complete=True, now=now)
    with db.session() as fresh:
        cal = _cal(fresh)
        assert cal.covers(2027)
        assert 2027 in work_calendar.covered_years(session=fresh)
        after = deadline(RequestType.complaint, received, cal)
    assert (after.due, after.provisional) == (date(2027, 1, 8), False)


def test_unmarking_a_year_makes_its_deadlines_provisional_again(session, admin, now):
    calendar.set_year_complete(session=session, actor=admin, year=2025, complete=False, now=now)
    cal = _cal(session)
    assert not cal.covers(2025)
    d = deadline(RequestType.complaint, date(2025, 9, 26), cal)
    assert d.provisional
    assert d.due == date(2025, 10, 10)  # weekends alone


def test_removing_a_holiday_changes_the_deadline(db, session, admin, now):
    calendar.remove_calendar_day(session=session, actor=admin, day=date(2025, 10, 8), now=now)
    with db.session() as fresh:
        assert date(2025, 10, 8) not in _days(fresh, 2025)
        assert due_date(RequestType.complaint, date(2025, 9, 26), _cal(fresh)) == date(2025, 10, 15)


def test_removing_a_makeup_day_changes_the_deadline(session, admin, now):
    calendar.remove_calendar_day(session=session, actor=admin, day=date(2025, 10, 11), now=now)
    assert due_date(RequestType.complaint, date(2025, 9, 26), _cal(session)) == date(2025, 10, 17)


def test_removing_a_day_not_in_the_calendar_is_refused(session, admin, now):
    with pytest.raises(ValidationError) as info:
        calendar.remove_calendar_day(session=session, actor=admin, day=date(2025, 10, 13), now=now)
    assert info.value.field == "day"


@pytest.mark.parametrize("today, missing", [
    (date(2026, 11, 23), 2027),
    (date(2026, 11, 1), 2027),
    (date(2026, 10, 31), None),
    (date(2026, 1, 5), None),
    (date(2027, 2, 1), 2027),
])
def test_missing_calendar_year(session, today, missing):
    assert work_calendar.missing_calendar_year(session=session, today=today) == missing


def test_no_banner_once_next_year_is_entered(session, admin, now):
    calendar.set_year_complete(session=session, actor=admin, year=2027, complete=True, now=now)
    assert work_calendar.missing_calendar_year(session=session, today=date(2026, 11, 23)) is None


def test_seeding_again_changes_nothing(session, now):
    before = {y: _days(session, y) for y in (2004, 2025, 2026)}
    assert calendar.seed_builtin_calendar(session=session, now=now) == []
    assert {y: _days(session, y) for y in (2004, 2025, 2026)} == before
    assert work_calendar.covered_years(session=session) == list(range(2004, 2027))


def test_a_removed_builtin_day_stays_removed(db_path, db, session, admin, now):
    calendar.remove_calendar_day(session=session, actor=admin, day=date(2025, 10, 1), now=now)
    calendar.seed_builtin_calendar(session=session, now=now)
    assert date(2025, 10, 1) not in _days(session, 2025)
    db.close()
    reopened = Database.open(db_path, now=now)  # start-up seeds again
    try:
        with reopened.session() as fresh:
            assert date(2025, 10, 1) not in _days(fresh, 2025)
            assert _days(fresh, 2025)[date(2025, 10, 2)] == "holiday"
    finally:
        reopened.close()


def test_a_year_with_a_hand_entered_day_is_not_seeded(tmp_path, now):
    """Edits survive: a year unmarked but edited by hand is not refilled from the package."""
    path = tmp_path / "c.sqlite3"
    db = Database.open(path, create=True, now=now)
    try:
        with db.session() as s:
            calendar.set_year_complete(session=s, actor=SYSTEM, year=2026, complete=False, now=now)
            for day in [r.day for r in work_calendar.list_calendar_days(session=s, year=2026)][1:]:
                calendar.remove_calendar_day(session=s, actor=SYSTEM, day=day, now=now)
            assert calendar.seed_builtin_calendar(session=s, now=now) == []
            assert len(_days(s, 2026)) == 1
    finally:
        db.close()


def test_a_marked_year_emptied_by_hand_is_not_refilled(db_path, db, session, admin, now):
    """An office that removed every 2026 entry (keeping the year marked) keeps its edit."""
    for row in work_calendar.list_calendar_days(session=session, year=2026):
        calendar.remove_calendar_day(session=session, actor=admin, day=row.day, now=now)
    assert calendar.seed_builtin_calendar(session=session, now=now) == []
    db.close()
    reopened = Database.open(db_path, now=now)
    try:
        with reopened.session() as fresh:
            assert _days(fresh, 2026) == {}
            assert 2026 in work_calendar.covered_years(session=fresh)
    finally:
        reopened.close()
