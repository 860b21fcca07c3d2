"""The demo fills four months of fictional matters in every state, through the services."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

import pytest
from sqlmodel import func, select

from desktop_app.db.database import Database
from desktop_app.db.models import AuditLog, MatterEvent
from desktop_app.db.services import matters

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 8, 0)


@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_db_file):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    demo_db_file(path, now=NOW, today=TODAY)
    db = Database.open(path, now=NOW)
    with db.session() as session:
        details = matters.matters_received_between(session=session, start=date(2000, 1, 1),
                                                   end=TODAY, today=TODAY)
        counts = (session.exec(select(func.count(MatterEvent.id))).one(),
                  session.exec(select(func.count(AuditLog.id))
                               .where(AuditLog.table_name == "matter")).one())
        reminders = matters.reminders(session=session, today=TODAY)
    db.close()
    return details, counts, reminders


def test_about_120_matters_over_the_last_four_months(demo):
    details, _counts, _reminders = demo
    assert 100 <= len(details) <= 140
    received = [d.row.received_at.date() for d in details]
    assert min(received) >= date(2026, 7, 25) and max(received) < TODAY
    assert [d.row.serial for d in details][:2] == ["2026-0001", "2026-0002"]


def test_every_state_and_path_is_there(demo):
    details, _counts, _reminders = demo
    assert set(Counter(d.row.status for d in details)) == {
        "registered", "dispatched", "replied", "rehandling", "closed", "withdrawn"}
    assert set(d.close_reason for d in details) >= {
        "satisfied", "explained", "anonymous", "unreachable", "on_the_spot"}
    assert max(d.row.round for d in details) == 3
    assert any(d.extensions for d in details)
    assert any(d.upstream_deadline and d.row.deadline == d.upstream_deadline < d.local_deadline
               for d in details)
    assert any(d.row.overdue for d in details)
    assert any(d.row.closed_at and d.row.closed_at.date() > d.row.deadline for d in details)
    assert any(d.anonymous and d.row.complainant == "匿名" for d in details)


def test_reminders_have_overdue_and_due_soon_matters(demo):
    _details, _counts, (overdue, due_soon) = demo
    assert overdue and due_soon


def test_timelines_are_consistent_and_audited(demo):
    details, (events, audited), _reminders = demo
    assert events == audited == sum(len(d.events) for d in details)
    cutoff = datetime(2026, 11, 22, 18, 0)
    for d in details:
        times = [e.at for e in d.events]
        assert times == sorted(times) and times[-1] <= cutoff, d.row.serial
        assert d.events[0].action == "registered"
        assert d.events[0].at >= d.row.received_at
        for sheet in d.sheets:
            assert sheet.contacted_at is None or sheet.issued_at <= sheet.contacted_at <= sheet.replied_at


def test_only_fictional_people(demo):
    details, _counts, _reminders = demo
    for d in details:
        assert d.phone == "" or d.phone.startswith("13900")  # the fictional 13900xxxxxx range
        assert "@" not in d.row.content
