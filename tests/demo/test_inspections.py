"""The demo fills ten weeks of Friday inspections, the ledger at every stage and duty logs."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, timedelta

import pytest
from sqlmodel import Session, select

from desktop_app.db.database import Database
from desktop_app.demo.fill import fill_demo
from desktop_app.db.models import (
    AuditLog,
    DutyLog,
    DutyLogEntry,
    Inspection,
    InspectionAmendment,
    InspectionMove,
    InspectionPhoto,
    Matter,
    RectificationEvent,
    RectificationItem,
)
from desktop_app.db.services.work_calendar import load_work_calendar
from desktop_app.db.services.departments import StaffRole, list_staff
from desktop_app.db.services.duty_log import (
    duty_entry_for_matter,
    duty_entry_source_ref,
    get_duty_log,
    list_duty_logs,
)
from desktop_app.db.services.inspections_query import friday_schedule, get_inspection
from desktop_app.db.services.rectifications_query import get_rectification, list_rectifications
from desktop_app.domain.inspections import week_of

TODAY = date(2026, 11, 23)  # a Monday
NOW = datetime(2026, 11, 23, 8, 0)
CUTOFF = datetime(2026, 11, 22, 18, 0)
TABLES = ("checklist_version", "inspection", "inspection_move", "inspection_photo",
          "inspection_amendment", "rectification_item", "duty_log", "duty_log_entry")


@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_db_file):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    demo_db_file(path, now=NOW, today=TODAY)
    db = Database.open(path, now=NOW)
    yield db
    db.close()


@pytest.fixture
def session(demo):
    with demo.session() as s:
        yield s


def _schedule(session: Session, today: date):
    return friday_schedule(session=session, start=today - timedelta(weeks=10),
                           end=week_of(today)[1], today=today)


def test_the_schedule_shows_done_missed_moved_and_this_week(session):
    rows = _schedule(session, TODAY)
    states = Counter(r.state_label for r in rows)
    assert states["已检查"] >= 8 and states["已漏检"] == 1 and states["本周待检查"] == 1, states
    assert rows[-1].friday == date(2026, 11, 27) and rows[-1].state_label == "本周待检查"
    moved = [r for r in rows if r.moved]
    assert moved and all(r.on_holiday and r.state_label == "已检查" for r in moved)
    assert {r.friday: r.due_day for r in moved} == {date(2026, 9, 25): date(2026, 9, 24),
                                                     date(2026, 10, 2): date(2026, 9, 30)}
    assert "国庆节放假" in next(r.move_note for r in moved if r.friday == date(2026, 10, 2))
    missed = next(r for r in rows if r.state_label == "已漏检")
    assert not missed.moved and missed.inspection_id is None
    signed = [get_inspection(session=session, inspection_id=r.inspection_id)
              for r in rows if r.state_label == "已检查"]
    staff = {role: {s.name for s in list_staff(session=session, role=role)}
             for role in (StaffRole.leader, StaffRole.union_chair, StaffRole.duty_director)}
    for detail in signed:
        assert detail.header.leader in staff[StaffRole.leader]
        assert detail.header.union_chair in staff[StaffRole.union_chair]
        assert detail.signed_by == detail.header.leader
        assert detail.recorded_by in staff[StaffRole.duty_director]
        assert detail.header.inspected_at.date() == detail.due_day
        assert detail.counts[""] == 0 and detail.counts["failed"] == len(detail.failed)
        assert all(r.note for r in detail.failed)


def test_rectification_items_at_every_stage(session):
    rows = list_rectifications(session=session, today=TODAY)
    by_status = Counter(r.status for r in rows)
    assert set(by_status) == {"pending", "rectified", "closed"}, by_status
    overdue = [r for r in rows if r.overdue]
    assert len(overdue) == 1 and overdue[0].source_kind == "friday_inspection"
    assert overdue[0].rectified_at is None and overdue[0].deadline < TODAY
    closed = [r for r in rows if r.status == "closed"]
    assert all(r.recheck_by and r.recheck_passed and r.closed_at for r in closed)
    waiting = [r for r in rows if r.status == "rectified"]
    assert all(r.rectified_note and r.rectified_at for r in waiting)
    events = {r.id: [e.action for e in get_rectification(session=session, item_id=r.id,
                                                         today=TODAY).events] for r in rows}
    sent_back = [r for r in rows if "recheck_fail" in events[r.id]]
    assert any(r.status == "pending" and events[r.id][-1] == "plan" and r.deadline >= TODAY
               for r in sent_back)  # back to 待整改 with a new deadline
    assert any(r.status == "closed" and events[r.id].count("rectify") == 2 for r in sent_back)
    for r in rows:
        assert r.departments, r.problem
        assert r.found_on <= r.deadline


def test_items_entered_by_hand(session):
    rows = list_rectifications(session=session, today=TODAY)
    manual = {r.source_kind: r for r in rows if r.result_id is None}
    assert set(manual) == {"satisfaction_survey", "superior_inspection"}
    for row in manual.values():
        assert row.source_text and row.problem and "一是" in row.measure and "二是" in row.measure
        assert "、" in row.departments and row.deadline > row.found_on
    assert manual["satisfaction_survey"].status == "closed"
    assert manual["superior_inspection"].status == "pending" and not manual[
        "superior_inspection"].overdue


def test_a_finding_photographed_before_and_after(session, demo):
    photos = session.exec(select(InspectionPhoto)).all()
    assert len(photos) == 2 and len({p.sha256 for p in photos}) == 2
    on_result = next(p for p in photos if p.result_id is not None)
    item = session.exec(select(RectificationItem).where(
        RectificationItem.source_result_id == on_result.result_id)).one()
    assert item.status == "closed" and item.recheck_photo_id == next(
        p.id for p in photos if p.result_id is None)
    detail = get_rectification(session=session, item_id=item.id, today=TODAY)
    assert detail.recheck_photo.file_path.read_bytes().startswith(b"\x89PNG")


def test_one_signed_record_is_amended(session):
    amendments = session.exec(select(InspectionAmendment)).all()
    assert len(amendments) == 1 and amendments[0].reason
    detail = get_inspection(session=session, inspection_id=amendments[0].inspection_id)
    assert detail.signed and amendments[0].at > detail.signed_at
    assert detail.header.participants != detail.original_header.participants
    assert detail.amendments[0].described[0].startswith("参加人员：")


def test_duty_logs_on_most_working_days_with_two_matters(session):
    start = TODAY - timedelta(days=21)
    logs = list_duty_logs(session=session, start=start, end=TODAY)
    calendar = load_work_calendar(session=session)
    workdays = [start + timedelta(days=n) for n in range(21)
                if calendar.is_workday(start + timedelta(days=n))]
    logged = {log.day for log in logs}
    assert len(logged & set(workdays)) >= 0.75 * len(workdays)
    assert all(2 <= log.entries <= 5 for log in logs)
    assert len({kind for log in logs for kind in log.by_kind}) == 6
    directors = {s.name for s in list_staff(session=session, role=StaffRole.duty_director)}
    assert {log.director for log in logs} <= directors and len({log.director for log in logs}) > 1

    linked = session.exec(select(Matter).where(Matter.source_ref.startswith("duty_log:"))).all()
    assert 1 <= len(linked) <= 2
    for matter in linked:
        link = duty_entry_for_matter(session=session, source_ref=matter.source_ref)
        assert link is not None and duty_entry_source_ref(link.entry_id) == matter.source_ref
        entry = next(e for e in get_duty_log(session=session, day=link.day).entries
                     if e.id == link.entry_id)
        assert entry.matter_id == matter.id and entry.content == matter.content
        assert matter.channel == "duty_director" and matter.category
        assert matter.received_at == entry.at <= matter.created_at <= CUTOFF
        assert re.fullmatch(r"13900\d{6}", matter.phone)
    assert sum(log.matters for log in logs) == len(linked)
    serials = session.exec(select(Matter.created_at).order_by(Matter.serial_no)).all()
    assert serials == sorted(serials)  # registered after every other demo matter


def _times(session: Session) -> list[datetime]:
    times: list[datetime | None] = []
    for i in session.exec(select(Inspection)):
        times += [i.created_at, i.updated_at, i.signed_at, i.inspected_at]
    times += [m.created_at for m in session.exec(select(InspectionMove))]
    times += [p.added_at for p in session.exec(select(InspectionPhoto))]
    times += [a.at for a in session.exec(select(InspectionAmendment))]
    for r in session.exec(select(RectificationItem)):
        times += [r.created_at, r.rectified_at, r.closed_at]
    times += [e.at for e in session.exec(select(RectificationEvent))]
    times += [d.created_at for d in session.exec(select(DutyLog))]
    for e in session.exec(select(DutyLogEntry)):
        times += [e.at, e.created_at]
    times += session.exec(select(AuditLog.at).where(AuditLog.table_name.in_(TABLES))).all()
    return [t for t in times if t is not None]


def test_nothing_is_dated_after_the_cutoff_and_steps_run_in_time_order(session):
    times = _times(session)
    assert times and max(times) <= CUTOFF
    audit = session.exec(select(AuditLog.at).where(AuditLog.table_name.in_(TABLES))
                         .order_by(AuditLog.id)).all()
    assert audit == sorted(audit)
    for r in session.exec(select(RectificationItem)):
        assert r.found_on <= (r.rectified_at or r.closed_at or CUTOFF).date()
        assert r.recheck_on is None or r.recheck_on <= CUTOFF.date()


def test_a_wednesday_at_noon_has_this_weeks_draft_and_nothing_after_now(tmp_path):
    today, now = date(2026, 11, 25), datetime(2026, 11, 24, 12, 0)
    db = Database.open(tmp_path / "noon.sqlite3", create=True, now=now)
    try:
        with db.session() as session:
            fill_demo(session=session, now=now, today=today, with_matters=False,
                      with_inspections=True)
            rows = _schedule(session, today)
            times = _times(session)
            ledger = Counter((r.status, r.overdue)
                             for r in list_rectifications(session=session, today=today))
            linked = session.exec(select(Matter.created_at)).all()
    finally:
        db.close()
    assert rows[-1].state_label == "记录未完成"
    assert {r.state_label for r in rows} == {"已检查", "已漏检", "记录未完成"}
    assert times and max(times) <= now
    assert ledger[("pending", True)] == 1 and ledger[("rectified", False)] >= 1
    assert ledger[("closed", False)] >= 5
    assert len(linked) == 2 and max(linked) <= now
