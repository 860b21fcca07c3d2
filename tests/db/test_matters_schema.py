"""Provisional (待核定) deadlines recomputed once a year's calendar is entered (DESIGN §1.1),
and migration 0002 upgrading a database made at 0001 without losing its data (DESIGN §3).
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlmodel import select

from desktop_app.db.database import Database
from desktop_app.db.engine import open_engine
from desktop_app.db.migrate import current_revision, head_revision
from desktop_app.db.models import AuditLog, CalendarYear
from desktop_app.db.services import calendar, matters
from desktop_app.db.tx import SYSTEM
from desktop_app.paths import migrations_path
from tests.support.matters import matter_input

RECEIVED = datetime(2026, 12, 18, 9, 0)  # Fri; 10 working days → Fri 2027-01-01 by weekends alone
NOW = datetime(2026, 12, 18, 10, 0)
TODAY = date(2026, 12, 21)


def _register(session, actor, **changes) -> int:
    return matters.register_matter(session=session, actor=actor, now=NOW,
                                   data=matter_input(received_at=RECEIVED, **changes)).id


def test_a_deadline_in_an_uncovered_year_is_provisional(session):
    assert matters.preview_deadline(session=session, request_type="complaint",
                                    received_on=RECEIVED.date()) == (date(2027, 1, 1), True)
    # a calendar-day limit or an earlier upstream deadline does not depend on 2027's holidays
    assert matters.preview_deadline(session=session, request_type="consultation",
                                    received_on=date(2026, 12, 30)) == (date(2027, 1, 1), False)
    assert matters.preview_deadline(session=session, request_type="complaint",
                                    received_on=RECEIVED.date(),
                                    upstream_deadline=date(2026, 12, 25)) == (date(2026, 12, 25), False)


def test_entering_2027_recomputes_open_provisional_deadlines(session, admin, member):
    open_id = _register(session, member)
    extended_id = _register(session, member)
    closed_id = _register(session, member)
    matters.extend_deadline(session=session, actor=admin, matter_id=extended_id, consent_by="张某某",
                            consent_at=NOW, consent_method="phone", reason="需会诊",
                            new_deadline=date(2027, 1, 8), now=NOW)
    matters.close_on_the_spot(session=session, actor=member, matter_id=closed_id, resolution="已解释",
                              satisfaction="satisfied", now=NOW)
    assert matters.get_matter(session=session, matter_id=open_id, today=TODAY).row.provisional

    later = datetime(2026, 12, 21, 9, 0)
    calendar.add_calendar_day(session=session, actor=admin, day=date(2027, 1, 1), kind="holiday",
                              name="元旦", now=later)
    # days entered, year not yet marked complete: still provisional
    assert matters.get_matter(session=session, matter_id=open_id, today=TODAY).row.deadline == date(
        2027, 1, 1)
    calendar.set_year_complete(session=session, actor=admin, year=2027, complete=True, now=later)

    rows = {r.id: r for r in matters.list_matters(session=session, today=TODAY)}
    assert (rows[open_id].deadline, rows[open_id].provisional) == (date(2027, 1, 4), False)
    assert (rows[extended_id].deadline, rows[extended_id].provisional) == (date(2027, 1, 8), False)
    assert (rows[closed_id].deadline, rows[closed_id].provisional) == (date(2027, 1, 1), True)
    detail = matters.get_matter(session=session, matter_id=open_id, today=TODAY)
    assert detail.local_deadline == date(2027, 1, 4)
    assert detail.events[-1].action == "recompute"
    assert "2027-01-01 → 2027-01-04" in detail.events[-1].summary
    audit = session.exec(select(AuditLog).where(AuditLog.action == "recompute")).all()
    assert [(a.record_id, a.username) for a in audit] == [(str(open_id), admin.username)]
    assert json.loads(audit[0].before)["deadline"] == "2027-01-01"
    assert json.loads(audit[0].after)["deadline_provisional"] is False
    # nothing left to do
    assert matters.recompute_provisional(session=session, actor=SYSTEM, now=later) == 0


def test_recompute_provisional_on_its_own(session, member, admin):
    mid = _register(session, member)
    later = datetime(2026, 12, 22, 9, 0)
    calendar.add_calendar_day(session=session, actor=admin, day=date(2027, 1, 1), kind="holiday",
                              name="元旦", now=later)
    session.add(CalendarYear(year=2027, source="manual"))  # marked without the hook
    session.commit()
    assert matters.recompute_provisional(session=session, now=later) == 1
    row = matters.get_matter(session=session, matter_id=mid, today=TODAY).row
    assert (row.deadline, row.provisional) == (date(2027, 1, 4), False)
    assert session.exec(select(AuditLog).where(AuditLog.action == "recompute")).one().username == (
        "system")


def _database_at_0001(path: Path) -> None:
    engine = open_engine(path, create=True)
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_path()))
    try:
        with engine.begin() as con:
            cfg.attributes["connection"] = con
            command.upgrade(cfg, "0001")
        assert current_revision(engine) == "0001"
    finally:
        engine.dispose()
    with closing(sqlite3.connect(path)) as con:
        con.execute("INSERT INTO department (name, is_clinical, phone, active, sort_order) "
                    "VALUES ('内科', 1, '0538-1234501', 1, 1)")
        con.execute("INSERT INTO institution_settings (id, name, office_location, complaint_phone, "
                    "email, mailbox_location, wechat_account, limit_consultation_days, "
                    "limit_help_days, limit_suggestion_workdays, limit_criticism_workdays, "
                    "limit_complaint_workdays, limit_report_workdays, followup_tier1_start, "
                    "followup_tier1_end, followup_tier2_start, followup_tier2_end, "
                    "followup_tier3_start, followup_tier3_end, sampling_ratio, idle_lock_minutes) "
                    "VALUES (1, '示例镇卫生院', '', '', '', '', '', 1, 2, 10, 10, 15, 10, "
                    "1, 7, 8, 14, 1, 30, 0.3, 15)")
        con.commit()


def test_a_database_at_0001_upgrades_to_head_keeping_its_data(tmp_path, now):
    path = tmp_path / "old.sqlite3"
    _database_at_0001(path)
    db = Database.open(path, now=now)
    try:
        assert current_revision(db.engine) == head_revision() == "0009"
        backup = db.pre_migration_backup
        assert backup is not None and backup.exists() and backup.parent == tmp_path / "backups"
        with closing(sqlite3.connect(backup)) as con:
            assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
            assert con.execute("SELECT name FROM department").fetchall() == [("内科",)]
        with db.session() as session:
            from desktop_app.db.services import departments, settings, users

            assert [d.name for d in departments.list_departments(session=session)] == ["内科"]
            assert settings.get_settings(session=session).limit_complaint_workdays == 15
            admin = users.create_first_admin(session=session, display_name="王主任", username="zhuren",
                                             password="Zhuren2026", now=now)
            dept_id = departments.list_departments(session=session)[0].id
            row = matters.register_matter(
                session=session, actor=admin, now=datetime(2025, 9, 26, 10),
                data=matter_input(target_department_id=dept_id, target_text=""))
            # the kept settings apply: 15 working days after Fri 2025-09-26
            assert (row.serial, row.target, row.deadline) == ("2025-0001", "内科", date(2025, 10, 23))
    finally:
        db.close()
