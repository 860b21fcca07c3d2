"""The list of matters: filters, overdue/due-soon flags, reminders, month data (issue 3 §2, §5).

Today is fixed at Wed 2025-10-15; the next working day is Thu 2025-10-16.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop_app.db.services import departments, matters
from desktop_app.db.services.departments import StaffRole
from desktop_app.records.matter_rows import MatterFilter
from desktop_app.domain.errors import ValidationError
from tests.support.matters import matter_input

TODAY = date(2025, 10, 15)


@pytest.fixture
def world(session, admin, member, now):
    """Five matters with known properties; returns {key: matter id} and department ids."""
    nei = departments.create_department(session=session, actor=admin, name="内科", is_clinical=True,
                                        now=now).id
    wai = departments.create_department(session=session, actor=admin, name="外科", is_clinical=True,
                                        now=now).id
    doctor = departments.create_staff(session=session, actor=admin, name="赵医生", department_id=nei,
                                      roles=[StaffRole.doctor], now=now).id

    def reg(received: datetime, **changes) -> int:
        return matters.register_matter(session=session, actor=member, now=received,
                                       data=matter_input(received_at=received, **changes)).id

    ids = {
        # due Thu 10-16: due soon today
        "due_soon": reg(datetime(2025, 9, 26, 9, 0), target_department_id=nei, target_staff_id=doctor,
                        target_text="", content="护士态度生硬", category="attitude"),
        # consultation due 10-12: overdue
        "overdue": reg(datetime(2025, 10, 10, 15, 0), request_type="consultation",
                       complainant_name="李女士", phone="0538-1234567", content="收费不清楚",
                       category="charges"),
        # complaint due 10-28: neither
        "fresh": reg(datetime(2025, 10, 14, 8, 0), channel="hotline_12345",
                     upstream_order_no="12345-001", content="卫生间不干净", category="environment",
                     complainant_name="王先生"),
        # consultation due 10-03, closed on the spot on time: never overdue
        "closed": reg(datetime(2025, 10, 1, 10, 0), request_type="consultation", anonymous=True,
                      complainant_name="", phone="", content="挂号排队时间长"),
        # help due 09-22, withdrawn: not open, not overdue
        "withdrawn": reg(datetime(2025, 9, 20, 10, 0), request_type="help", content="找不到药房"),
    }
    matters.close_on_the_spot(session=session, actor=member, matter_id=ids["closed"],
                              resolution="当场引导", satisfaction="satisfied",
                              now=datetime(2025, 10, 1, 10, 30))
    matters.withdraw(session=session, actor=member, matter_id=ids["withdrawn"], reason="重复登记",
                     now=datetime(2025, 9, 20, 11, 0))
    matters.dispatch(session=session, actor=member, matter_id=ids["fresh"], department_ids=[wai],
                     reply_by=None, instructions="", now=datetime(2025, 10, 14, 9, 0))
    return ids, {"内科": nei, "外科": wai}


def _keys(world, rows) -> list[str]:
    by_id = {v: k for k, v in world[0].items()}
    return [by_id[r.id] for r in rows]


def _list(session, world, **filters) -> list[str]:
    return _keys(world, matters.list_matters(session=session, filters=MatterFilter(**filters),
                                             today=TODAY))


def test_newest_first_with_flags_masks_and_targets(session, world):
    rows = matters.list_matters(session=session, today=TODAY)
    assert _keys(world, rows) == ["fresh", "overdue", "closed", "due_soon", "withdrawn"]
    flags = {k: (r.overdue, r.due_soon) for k, r in zip(_keys(world, rows), rows)}
    assert flags == {"fresh": (False, False), "overdue": (True, False), "closed": (False, False),
                     "due_soon": (False, True), "withdrawn": (False, False)}
    row = {k: r for k, r in zip(_keys(world, rows), rows)}
    assert row["due_soon"].target == "内科 / 赵医生"
    assert row["overdue"].target == "挂号窗口"
    assert (row["overdue"].complainant, row["overdue"].phone_masked) == ("李女士", "0538-***4567")
    assert (row["closed"].complainant, row["closed"].phone_masked) == ("匿名", "")
    assert row["due_soon"].phone_masked == "139****1234"
    assert [r.serial for r in rows] == ["2025-0003", "2025-0002", "2025-0004", "2025-0001",
                                        "2025-0005"]


@pytest.mark.parametrize("filters, expected", [
    ({"status": "registered"}, ["overdue", "due_soon"]),
    ({"status": "withdrawn"}, ["withdrawn"]),
    ({"request_type": "consultation"}, ["overdue", "closed"]),
    ({"channel": "hotline_12345"}, ["fresh"]),
    ({"category": "attitude"}, ["due_soon"]),
    ({"month": "2025-10"}, ["fresh", "overdue", "closed"]),
    ({"month": "2025-09"}, ["due_soon", "withdrawn"]),
    ({"month": "2025-11"}, []),
    ({"text": "卫生间"}, ["fresh"]),          # content
    ({"text": "王先生"}, ["fresh"]),          # complainant
    ({"text": "2025-0002"}, ["overdue"]),    # serial
    ({"text": "0004"}, ["closed"]),          # part of a serial
    ({"text": "100%"}, []),                  # LIKE wildcards are literal
    ({"only_overdue": True}, ["overdue"]),
    ({"status": "registered", "request_type": "complaint"}, ["due_soon"]),
])
def test_filters(session, world, filters, expected):
    assert _list(session, world, **filters) == expected


def test_department_filter_matches_target_or_a_sheet(session, world):
    depts = world[1]
    assert _list(session, world, department_id=depts["内科"]) == ["due_soon"]
    assert _list(session, world, department_id=depts["外科"]) == ["fresh"]  # dispatched there


def test_bad_month_is_refused(session, world):
    with pytest.raises(ValidationError) as info:
        matters.list_matters(session=session, filters=MatterFilter(month="2025-13"), today=TODAY)
    assert info.value.field == "month"


@pytest.mark.parametrize("today, overdue, due_soon", [
    (date(2025, 10, 15), ["overdue"], ["due_soon"]),
    (date(2025, 10, 16), ["overdue"], ["due_soon"]),          # due today: still due soon
    (date(2025, 10, 17), ["overdue", "due_soon"], []),         # Fri: 10-16 has passed
    (date(2025, 10, 24), ["overdue", "due_soon"], []),         # Fri: Tue 10-28 is not next
    (date(2025, 10, 27), ["overdue", "due_soon"], ["fresh"]),  # Mon: due Tue 10-28
])
def test_reminders_and_overdue_count(session, world, today, overdue, due_soon):
    """Both lists in deadline order, the most overdue first."""
    got_overdue, got_soon = matters.reminders(session=session, today=today)
    assert _keys(world, got_overdue) == overdue
    assert _keys(world, got_soon) == due_soon
    assert matters.count_overdue(session=session, today=today) == len(overdue)


def test_due_soon_spans_the_weekend(session, member):
    # a complaint received Mon 2025-10-20 is due Mon 2025-11-03
    mid = matters.register_matter(session=session, actor=member, now=datetime(2025, 10, 20, 10),
                                  data=matter_input(received_at=datetime(2025, 10, 20, 9))).id
    row = matters.get_matter(session=session, matter_id=mid, today=date(2025, 10, 31)).row
    assert row.deadline == date(2025, 11, 3)
    assert (row.overdue, row.due_soon) == (False, True)   # Fri: Monday is the next working day
    row = matters.get_matter(session=session, matter_id=mid, today=date(2025, 10, 30)).row
    assert (row.overdue, row.due_soon) == (False, False)
    row = matters.get_matter(session=session, matter_id=mid, today=date(2025, 11, 4)).row
    assert (row.overdue, row.due_soon) == (True, False)


def test_month_data_for_the_printouts(session, world):
    received = matters.matters_received_between(session=session, start=date(2025, 10, 1),
                                                end=date(2025, 10, 31), today=TODAY)
    assert _keys(world, [d.row for d in received]) == ["closed", "overdue", "fresh"]
    closed = matters.matters_closed_between(session=session, start=date(2025, 10, 1),
                                            end=date(2025, 10, 1), today=TODAY)
    assert _keys(world, [d.row for d in closed]) == ["closed"]
    detail = closed[0]
    assert (detail.close_reason, detail.on_the_spot_resolution) == ("on_the_spot", "当场引导")
    assert [c.satisfaction for c in detail.callbacks] == ["satisfied"]
    fresh = received[-1]
    assert [s.department_name for s in fresh.sheets] == ["外科"]
    assert [e.action for e in fresh.events] == ["registered", "dispatch"]
    assert matters.matters_closed_between(session=session, start=date(2025, 10, 2),
                                          end=date(2025, 10, 31), today=TODAY) == []
