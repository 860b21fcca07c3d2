"""A correction to an entered year's holidays moves the open deadlines counted across it."""

from __future__ import annotations

from datetime import date, datetime

from desktop_app.db.services import calendar
from desktop_app.db.services import matters as svc
from tests.support.matters import matter_input

RECEIVED = datetime(2026, 11, 20, 9, 0)  # Fri; a complaint is due Fri 2026-12-04
TODAY = date(2026, 11, 23)


def _deadline(session, matter_id: int) -> date:
    return svc.get_matter(session=session, matter_id=matter_id, today=TODAY).row.deadline


def test_adding_and_removing_a_holiday_moves_an_open_deadline(session, admin) -> None:
    row = svc.register_matter(session=session, actor=admin, now=RECEIVED,
                              data=matter_input(received_at=RECEIVED))
    closed = svc.register_matter(session=session, actor=admin, now=RECEIVED,
                                 data=matter_input(received_at=RECEIVED, content="当场已解决"))
    svc.close_on_the_spot(session=session, actor=admin, matter_id=closed.id, resolution="当场解释",
                          satisfaction="satisfied", now=RECEIVED)
    assert _deadline(session, row.id) == date(2026, 12, 4)
    calendar.add_calendar_day(session=session, actor=admin, day=date(2026, 12, 1), kind="holiday",
                              name="示例假日", now=datetime(2026, 11, 23, 9, 0))
    assert _deadline(session, row.id) == date(2026, 12, 7)
    assert _deadline(session, closed.id) == date(2026, 12, 4)  # a closed matter keeps its record
    detail = svc.get_matter(session=session, matter_id=row.id, today=TODAY)
    assert "2026-12-04 → 2026-12-07" in detail.events[-1].summary
    calendar.remove_calendar_day(session=session, actor=admin, day=date(2026, 12, 1),
                                 now=datetime(2026, 11, 23, 9, 5))
    assert _deadline(session, row.id) == date(2026, 12, 4)
