"""The demo fills six weeks of fictional discharges with follow-ups in every state (services)."""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from desktop_app.db.database import Database
from desktop_app.demo.fill import fill_demo
from desktop_app.db.models import (
    AuditLog,
    Discharge,
    FollowUpAmendment,
    FollowUpAttempt,
    FollowUpOutcome,
    FollowUpTask,
    Matter,
)
from desktop_app.records.followup_rows import TaskFilter
from desktop_app.db.services.followups_query import (
    count_tasks,
    followup_for_matter,
    get_task,
    list_tasks,
    matter_source_ref,
)

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 8, 0)
CUTOFF = datetime(2026, 11, 22, 18, 0)
STATES = ("due", "soon", "overdue", "upcoming", "done", "lost")

# Where the project's seed documents live (beside the checkout), unless told otherwise.
SEEDS = Path(os.environ.get("FWQZ_SEEDS_DIR")
             or Path(__file__).resolve().parents[3] / "shared" / "seeds")
PHONE_RE = re.compile(r"(?<![\d-])(?:0\d{2,3}[- ]?)?\d{7,8}(?![\d-])|(?<!\d)1[3-9]\d{9}(?!\d)")
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_db_file):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    demo_db_file(path, now=NOW, today=TODAY)
    db = Database.open(path, now=NOW)
    yield db, path
    db.close()


@pytest.fixture(scope="module")
def lists(demo):
    db, _path = demo
    with db.session() as session:
        return {state: list_tasks(session=session, filters=TaskFilter(state=state), today=TODAY)
                for state in STATES}


def test_about_65_discharges_over_the_last_six_weeks(demo):
    db, _path = demo
    with db.session() as session:
        discharges = session.exec(select(Discharge)).all()
        audited = session.exec(select(AuditLog.record_id)
                               .where(AuditLog.table_name == "discharge")).all()
    assert 60 <= len(discharges) <= 90
    days = [d.discharged_on for d in discharges]
    assert min(days) >= TODAY - timedelta(days=42) and max(days) < TODAY
    assert sorted(int(i) for i in audited) == sorted(d.id for d in discharges)
    assert {d.special_reason for d in discharges if d.special} >= {"elderly_alone", "disabled"}
    assert all(d.admitted_on <= d.discharged_on for d in discharges)


def test_every_work_list_has_rows_today(demo, lists):
    db, _path = demo
    assert all(lists[state] for state in STATES), {s: len(rows) for s, rows in lists.items()}
    due = lists["due"]
    assert {r.tier for r in due} == {1, 2, 3}
    assert any(r.tier == 1 and r.window_end == TODAY and r.window_text == "今天截止" for r in due)
    assert any(r.tier == 2 and r.window_end == TODAY for r in due)
    assert any(r.tier == 1 and r.window_start == TODAY for r in due)
    assert all(r.soon for r in lists["soon"])
    assert {r.id for r in lists["soon"]} < {r.id for r in due}
    assert {r.tier for r in lists["upcoming"]} >= {2}
    assert {r.tier for r in lists["overdue"]} == {1, 2, 3}
    assert all(r.failed_attempts >= 3 for r in lists["lost"])
    assert any(r.attempts > 0 for r in due) and any(r.attempts == 0 for r in due)
    with db.session() as session:
        counts = count_tasks(session=session, today=TODAY)
    assert counts == {state: len(lists[state]) for state in ("due", "soon", "overdue")}


def test_done_in_the_window_and_late(demo):
    db, _path = demo
    with db.session() as session:
        done = session.exec(select(FollowUpTask).where(FollowUpTask.status == "done")).all()
    assert any(t.closed_at.date() <= t.window_end for t in done)
    assert any(t.closed_at.date() > t.window_end for t in done)
    assert any(t.tier == 3 for t in done)


def test_each_verdict_and_an_amendment(demo):
    db, _path = demo
    with db.session() as session:
        outcomes = session.exec(select(FollowUpOutcome)).all()
        verdicts = Counter(o.verdict for o in outcomes if o.verdict)
        assert set(verdicts) == {"done", "not_done", "untrue"}
        tier2 = {o.task_id for o in outcomes if o.verdict}
        assert all(o.checked_task_id for o in outcomes if o.task_id in tier2)
        amendments = session.exec(select(FollowUpAmendment)).all()
        assert len(amendments) >= 2 and all(a.reason for a in amendments)
        by_outcome = {o.id: o for o in outcomes}
        for amendment in amendments:
            outcome = by_outcome[amendment.outcome_id]
            assert amendment.at > outcome.at
            detail = get_task(session=session, task_id=outcome.task_id, today=TODAY)
            assert detail.outcome.amendments and detail.outcome.original != detail.outcome.current
        changed = {key for a in amendments for key in json.loads(a.changes)}
        assert "verdict" in changed and "satisfaction" in changed


def test_opinions_turned_into_matters_link_both_ways(demo):
    db, _path = demo
    with db.session() as session:
        linked = session.exec(select(Matter).where(Matter.channel == "discharge_followup",
                                                   Matter.source_ref.startswith("followup:"))).all()
        assert 1 <= len(linked) <= 3
        for matter in linked:
            found = followup_for_matter(session=session, source_ref=matter.source_ref)
            assert found is not None, matter.source_ref
            task_id, label = found
            assert matter_source_ref(task_id) == matter.source_ref
            detail = get_task(session=session, task_id=task_id, today=TODAY)
            assert detail.matter_id == matter.id and detail.task.status == "done"
            assert detail.discharge.patient_name in label
            assert detail.outcome.current["words"] in matter.content
            assert matter.received_at >= detail.outcome.at and matter.created_at <= CUTOFF
        serials = session.exec(select(Matter.serial_no, Matter.created_at)
                               .order_by(Matter.serial_no)).all()
        assert [at for _no, at in serials] == sorted(at for _no, at in serials)


def test_times_are_consistent(demo):
    db, _path = demo
    with db.session() as session:
        rows = session.exec(
            select(FollowUpAttempt, FollowUpTask, Discharge)
            .join(FollowUpTask, FollowUpTask.id == FollowUpAttempt.task_id)
            .join(Discharge, Discharge.id == FollowUpTask.discharge_id)).all()
        assert rows
        for attempt, task, discharge in rows:
            assert discharge.discharged_on < attempt.at.date() and attempt.at <= CUTOFF, attempt
            assert discharge.created_at <= attempt.at
            assert 8 <= attempt.at.hour < 18
            assert task.closed_at is None or task.closed_at >= attempt.at
        for task in session.exec(select(FollowUpTask).where(FollowUpTask.closed_at.is_not(None))):
            assert task.closed_at <= CUTOFF
        for outcome in session.exec(select(FollowUpOutcome)):
            assert outcome.at <= CUTOFF
        for amendment in session.exec(select(FollowUpAmendment)):
            assert amendment.at <= CUTOFF
        audit = session.exec(select(AuditLog.at).where(AuditLog.table_name.in_(
            ["discharge", "followup_task", "followup_outcome"])).order_by(AuditLog.id)).all()
        assert audit == sorted(audit) and audit[-1] <= CUTOFF


def test_attempts_and_closings_are_audited(demo):
    db, _path = demo
    with db.session() as session:
        attempts = len(session.exec(select(FollowUpAttempt.id)).all())
        lost = len(session.exec(select(FollowUpTask.id).where(FollowUpTask.status == "lost")).all())
        audited = Counter(session.exec(select(AuditLog.action)
                                       .where(AuditLog.table_name == "followup_task")).all())
    assert audited["attempt"] + audited["record"] == attempts
    assert audited["lost"] == lost


def _seed_contacts() -> tuple[set[str], set[str]]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed documents not found at {SEEDS} (set FWQZ_SEEDS_DIR)")
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    phones = {re.sub(r"\D", "", m) for m in PHONE_RE.findall(text)}
    emails = {m.lower() for m in EMAIL_RE.findall(text)}
    assert phones and emails  # the seeds do name a phone and an e-mail address
    return phones, emails


def test_only_fictional_people_and_no_seed_contact_data(demo):
    _db, path = demo
    phones, emails = _seed_contacts()
    con = sqlite3.connect(path)
    try:
        dump = "\n".join(con.iterdump())
        patients = con.execute("SELECT patient_name, phone FROM discharge").fetchall()
    finally:
        con.close()
    found = {re.sub(r"\D", "", m) for m in PHONE_RE.findall(dump)}
    assert found  # the regex does see the demo's phone numbers
    for seed in phones:
        assert not any(number.endswith(seed) for number in found), "a seed phone is in the demo"
    lowered = dump.lower()
    for seed in emails:
        assert seed not in lowered, "a seed e-mail address is in the demo"
    assert {m.lower().split("@")[1] for m in EMAIL_RE.findall(dump)} <= {"example.org"}
    for name, phone in patients:
        assert re.fullmatch(r".某某", name), name
        assert re.fullmatch(r"139000\d{5}", phone), phone


def test_nothing_is_dated_after_now_when_now_is_yesterday_noon(tmp_path):
    now = datetime(2026, 11, 22, 12, 0)
    db = Database.open(tmp_path / "noon.sqlite3", create=True, now=now)
    try:
        with db.session() as session:
            fill_demo(session=session, now=now, today=TODAY, with_matters=False,
                      with_followups=True)
            times = [a.at for a in session.exec(select(FollowUpAttempt))]
            times += [t.closed_at for t in session.exec(select(FollowUpTask))
                      if t.closed_at is not None]
            times += session.exec(select(AuditLog.at).where(AuditLog.table_name.in_(
                ["discharge", "followup_task", "followup_outcome", "matter"]))).all()
            rows = list_tasks(session=session, filters=TaskFilter(state="due"), today=TODAY)
    finally:
        db.close()
    assert times and max(times) <= now
    assert rows
