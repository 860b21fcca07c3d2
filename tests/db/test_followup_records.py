"""Working a task: attempts, outcomes, 失访, the tier-2 check, amendments, the matter link."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlmodel import select

from desktop_app.db.models import FollowUpAttempt, FollowUpOutcome, FollowUpTask
from desktop_app.records.followup_rows import CheckInput, TaskFilter
from desktop_app.db.services.followups import amend_outcome, close_lost, record_followup
from desktop_app.db.services.followups_query import (
    followup_for_matter,
    get_task,
    list_tasks,
    matter_source_ref,
)
from desktop_app.records.matter_rows import MatterInput
from desktop_app.db.services.matters import register_matter
from desktop_app.domain.errors import ValidationError
from tests.support.db import audit_rows
from tests.support.followups import GOOD_OUTCOME, call, department, register

TIER2_DAY = datetime(2026, 11, 25, 10, 0)


@pytest.fixture
def tasks(session, admin, now) -> dict[int, int]:
    """One patient (discharged 2026-11-16): tier → task id."""
    dep = department(session, admin, now)
    row = register(session, admin, now, dep)
    rows = list_tasks(session=session, filters=TaskFilter(state=None), today=now.date())
    return {r.tier: r.id for r in rows if r.discharge_id == row.id}


def _record(session, actor, task_id, at, **kw):
    return record_followup(session=session, actor=actor, task_id=task_id, attempt=call(at, **kw),
                           now=max(at, datetime(2026, 11, 23, 9, 30)))


def test_failed_attempts_are_listed_and_the_task_stays_open(session, member, tasks):
    _record(session, member, tasks[1], datetime(2026, 11, 20, 15, 0), reached=False, note="无人接听")
    detail = _record(session, member, tasks[1], datetime(2026, 11, 21, 9, 0), reached=False)
    assert [(a.reached, a.note, a.recorded_by) for a in detail.attempts] == [
        (False, "无人接听", "李某某"), (False, "", "李某某")]
    assert detail.task.state == "due" and detail.outcome is None
    assert detail.task.failed_attempts == 2


def test_an_outcome_closes_the_task_with_what_the_patient_said(session, member, tasks, now):
    detail = record_followup(session=session, actor=member, task_id=tasks[1],
                             attempt=call(datetime(2026, 11, 23, 9, 0)), outcome=GOOD_OUTCOME,
                             now=now)
    assert detail.task.state == "done"
    assert detail.outcome.current["words"] == "护士很耐心"
    assert detail.closed_at == datetime(2026, 11, 23, 9, 0) and detail.closed_by == "李某某"
    with pytest.raises(ValidationError, match="已结束"):
        _record(session, member, tasks[1], datetime(2026, 11, 23, 9, 10))


@pytest.mark.parametrize(
    ("attempt_changes", "outcome_changes", "field"),
    [
        ({"reached": False}, {}, "reached"),
        ({}, {"satisfaction": None}, "satisfaction"),
        ({}, {"condition": "fine"}, "condition"),
        ({}, {"words": "长" * 501}, "words"),
        ({"at": datetime(2026, 11, 23, 10, 0)}, {}, "at"),
        ({"at": datetime(2026, 11, 15, 10, 0)}, {}, "at"),
        ({"method": None}, {}, "method"),
    ],
)
def test_a_bad_record_saves_nothing(session, member, tasks, now, attempt_changes, outcome_changes,
                                    field):
    attempt = replace(call(datetime(2026, 11, 23, 9, 0)), **attempt_changes)
    with pytest.raises(ValidationError) as caught:
        record_followup(session=session, actor=member, task_id=tasks[1], attempt=attempt,
                        outcome=replace(GOOD_OUTCOME, **outcome_changes), now=now)
    assert caught.value.field == field
    assert session.exec(select(FollowUpAttempt)).all() == []
    assert session.exec(select(FollowUpOutcome)).all() == []
    assert session.get(FollowUpTask, tasks[1]).status == "open"


def test_lost_needs_three_failed_attempts_and_a_reason(session, member, tasks, now):
    for day in (18, 20):
        _record(session, member, tasks[1], datetime(2026, 11, day, 10, 0), reached=False)
    with pytest.raises(ValidationError, match="满 3 次"):
        close_lost(session=session, actor=member, task_id=tasks[1], reason="空号", now=now)
    _record(session, member, tasks[1], datetime(2026, 11, 22, 10, 0), reached=False)
    with pytest.raises(ValidationError) as caught:
        close_lost(session=session, actor=member, task_id=tasks[1], reason=" ", now=now)
    assert caught.value.field == "reason"
    detail = close_lost(session=session, actor=member, task_id=tasks[1], reason="电话停机", now=now)
    assert (detail.task.state, detail.lost_reason) == ("lost", "电话停机")
    assert audit_rows(session)[-1].action == "lost"


def test_tier_2_checks_tier_1_and_keeps_the_verdict(session, member, tasks, now):
    record_followup(session=session, actor=member, task_id=tasks[1],
                    attempt=call(datetime(2026, 11, 23, 9, 0)), outcome=GOOD_OUTCOME, now=now)
    with pytest.raises(ValidationError) as caught:
        record_followup(session=session, actor=member, task_id=tasks[2], attempt=call(TIER2_DAY),
                        outcome=GOOD_OUTCOME, now=TIER2_DAY)
    assert caught.value.field == "verdict"
    with pytest.raises(ValidationError, match="不能是“已落实”"):
        record_followup(session=session, actor=member, task_id=tasks[2], attempt=call(TIER2_DAY),
                        outcome=GOOD_OUTCOME, check=CheckInput(False, False, "done"),
                        now=TIER2_DAY)
    with pytest.raises(ValidationError) as caught:
        record_followup(session=session, actor=member, task_id=tasks[2], attempt=call(TIER2_DAY),
                        outcome=GOOD_OUTCOME, check=CheckInput(False, False, "untrue"),
                        now=TIER2_DAY)
    assert caught.value.field == "check_note"
    detail = record_followup(
        session=session, actor=member, task_id=tasks[2], attempt=call(TIER2_DAY),
        outcome=GOOD_OUTCOME, check=CheckInput(False, False, "untrue", "患者称出院后无人来电"),
        now=TIER2_DAY)
    assert detail.outcome.current["verdict"] == "untrue"
    assert detail.tier1 is not None and detail.tier1.outcome.current["words"] == "护士很耐心"
    stored = session.exec(select(FollowUpOutcome).where(FollowUpOutcome.task_id == tasks[2])).one()
    assert stored.checked_task_id == tasks[1]


def test_an_amendment_keeps_the_original_beside_the_correction(session, member, tasks, now):
    record_followup(session=session, actor=member, task_id=tasks[1],
                    attempt=call(datetime(2026, 11, 23, 9, 0)), outcome=GOOD_OUTCOME, now=now)
    with pytest.raises(ValidationError) as caught:
        amend_outcome(session=session, actor=member, task_id=tasks[1],
                      changes={"satisfaction": "basically"}, reason="", now=now)
    assert caught.value.field == "reason"
    with pytest.raises(ValidationError, match="没有修改"):
        amend_outcome(session=session, actor=member, task_id=tasks[1],
                      changes={"satisfaction": "satisfied"}, reason="核对", now=now)
    detail = amend_outcome(session=session, actor=member, task_id=tasks[1],
                           changes={"satisfaction": "basically", "words": "护士耐心，等候时间长"},
                           reason="患者回电补充", now=now)
    assert detail.outcome.original["satisfaction"] == "satisfied"
    assert detail.outcome.current["satisfaction"] == "basically"
    [amendment] = detail.outcome.amendments
    assert amendment.changes == {"satisfaction": ("satisfied", "basically"),
                                 "words": ("护士很耐心", "护士耐心，等候时间长")}
    assert amendment.reason == "患者回电补充"
    stored = session.exec(select(FollowUpOutcome)).one()
    assert (stored.satisfaction, stored.words) == ("satisfied", "护士很耐心")
    last = audit_rows(session)[-1]
    assert (last.action, last.table_name) == ("amend", "followup_outcome")
    assert "basically" in last.after and "satisfied" in last.before


def test_a_tier_1_amendment_may_not_invent_a_check(session, member, tasks, now):
    record_followup(session=session, actor=member, task_id=tasks[1],
                    attempt=call(datetime(2026, 11, 23, 9, 0)), outcome=GOOD_OUTCOME, now=now)
    with pytest.raises(ValidationError, match="只有二级回访"):
        amend_outcome(session=session, actor=member, task_id=tasks[1],
                      changes={"verdict": "done"}, reason="补录", now=now)


def test_an_opinion_becomes_a_matter_and_each_links_to_the_other(session, member, tasks, now):
    record_followup(session=session, actor=member, task_id=tasks[1],
                    attempt=call(datetime(2026, 11, 23, 9, 0)),
                    outcome=replace(GOOD_OUTCOME, satisfaction="unsatisfied", words="出院结算排队太久"),
                    now=now)
    matter = register_matter(session=session, actor=member, now=now, data=MatterInput(
        received_at=datetime(2026, 11, 23, 9, 0), channel="discharge_followup",
        request_type="complaint", complainant_name="钱某某", anonymous=False, phone="13900005678",
        relation="本人", target_department_id=None, target_staff_id=None, target_text="出院结算窗口",
        category="efficiency", content="出院结算排队太久", first_receiver_name="李某某",
        source_ref=matter_source_ref(tasks[1])))
    detail = get_task(session=session, task_id=tasks[1], today=date(2026, 11, 23))
    assert (detail.matter_id, detail.matter_serial) == (matter.id, matter.serial)
    assert followup_for_matter(session=session, source_ref=matter_source_ref(tasks[1])) == (
        tasks[1], "钱某某 一级回访")
    assert followup_for_matter(session=session, source_ref="duty_log:1") is None
