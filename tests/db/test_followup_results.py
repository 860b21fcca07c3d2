"""Monthly follow-up results and the call list, against a hand-counted November 2026.

`build_november` (through `november_database`) is also used by
tests/printouts/test_followups.py and tests/app/test_cli_followups.py. The tasks whose window ends in November:

| patient | dept | tier 1                                   | tier 2                               |
|---------|------|------------------------------------------|--------------------------------------|
| 张某某 | 内科 | 11-17..23 done 11-18 满意                 | 11-24..30 done 11-25 基本满意, 已落实 |
| 王某某 | 内科 | 11-11..17 done 11-19 (late) 不满意→基本满意 | 11-18..24 done 11-20 满意, 记录不实   |
| 李某某 | 内科 | 11-13..19 失访 after 3 failed calls       | 11-20..26 open                       |
| 赵某某 | 外科 | 11-06..12 done 11-07 满意→不满意          | 11-13..19 done 11-14 满意, 未落实     |
| 郑某某 | 外科 | 11-03..09 done 11-04 不满意 (special)     | 11-10..16 open, one failed call      |
| 何某某 | 内科 | 10-21..27 open (October)                 | 11-03 open; tier 3 cancelled         |
| 吴某某 | 内科 | (discharged 11-25: December windows)     |                                      |

郑某某's tier 3 (11-03..12-02) ends in December.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlmodel import Session

from desktop_app.db.database import Database
from desktop_app.db.services import users
from desktop_app.db.services.discharges import update_discharge
from desktop_app.db.services.followup_results import call_list, followup_results
from desktop_app.records.followup_rows import CheckInput
from desktop_app.db.services.followups import amend_outcome, close_lost, record_followup
from desktop_app.db.services.followups_query import tasks_for_discharge
from desktop_app.db.services.settings import update_settings
from desktop_app.db.tx import Actor
from desktop_app.domain.errors import ValidationError
from tests.db.followup_support import GOOD_OUTCOME, call, department, discharge_input, register

LATE = datetime(2026, 12, 20, 9, 0)  # every record is entered by then
AFTER = date(2026, 12, 5)  # November is over: every open task is overdue
MIDDLE = date(2026, 11, 23)


def _at(day: int, month: int = 11) -> datetime:
    return datetime(2026, month, day, 10, 0)


def build_november(session: Session, admin: Actor) -> dict[str, int]:
    """The month of the module docstring; returns the department ids by name."""
    ids = {"内科": department(session, admin, LATE, "内科"),
           "外科": department(session, admin, LATE, "外科")}

    def patient(name: str, dept: str, discharged: date, phone: str, **changes) -> dict[int, int]:
        row = register(session, admin, LATE, ids[dept], patient_name=name, phone=phone,
                       admitted_on=date(2026, 10, 1), discharged_on=discharged, **changes)
        return {t.tier: t.id for t in tasks_for_discharge(session=session, discharge_id=row.id,
                                                          today=MIDDLE)}

    def done(task_id: int, day: int, satisfaction: str, check: CheckInput | None = None) -> None:
        record_followup(session=session, actor=admin, task_id=task_id, attempt=call(_at(day)),
                        outcome=replace(GOOD_OUTCOME, satisfaction=satisfaction), check=check,
                        now=LATE)

    def amend(task_id: int, **changes) -> None:
        amend_outcome(session=session, actor=admin, task_id=task_id, changes=changes,
                      reason="患者次日来电更正", now=LATE)

    confirmed = CheckInput(confirms_call=True, record_matches=True, verdict="done")

    zhang = patient("张某某", "内科", date(2026, 11, 16), "13900000001")
    done(zhang[1], 18, "satisfied")
    done(zhang[2], 25, "basically", confirmed)

    wang = patient("王某某", "内科", date(2026, 11, 10), "13900000002")
    done(wang[1], 19, "unsatisfied")
    amend(wang[1], satisfaction="basically")
    done(wang[2], 20, "satisfied", CheckInput(True, False, "untrue", "患者称未被询问用药情况"))

    li = patient("李某某", "内科", date(2026, 11, 12), "13900000003")
    for day in (14, 15, 16):
        record_followup(session=session, actor=admin, task_id=li[1],
                        attempt=call(_at(day), reached=False), now=LATE)
    close_lost(session=session, actor=admin, task_id=li[1], reason="电话停机，地址不详", now=LATE)

    zhao = patient("赵某某", "外科", date(2026, 11, 5), "13900000004", doctor_name="冯某某",
                   nurse_name="")
    done(zhao[1], 7, "satisfied")
    amend(zhao[1], satisfaction="unsatisfied")
    done(zhao[2], 14, "satisfied", CheckInput(False, False, "not_done", "患者称出院后未接到科室电话"))

    zheng = patient("郑某某", "外科", date(2026, 11, 2), "13900000005", special=True,
                  special_reason="elderly_alone")
    done(zheng[1], 4, "unsatisfied")
    record_followup(session=session, actor=admin, task_id=zheng[2],
                    attempt=call(_at(12), reached=False), now=LATE)

    he = register(session, admin, LATE, ids["内科"], patient_name="何某某", phone="13900000006",
                    admitted_on=date(2026, 10, 10), discharged_on=date(2026, 10, 20), special=True,
                    special_reason="disabled")
    update_discharge(session=session, actor=admin, discharge_id=he.id, now=LATE,
                     data=discharge_input(ids["内科"], patient_name="何某某", phone="13900000006",
                                          admitted_on=date(2026, 10, 10),
                                          discharged_on=date(2026, 10, 20)))

    patient("吴某某", "内科", date(2026, 11, 25), "13900000007")
    return ids


def november_database(path: Path) -> dict[str, int]:
    """A database file at `path` with `build_november` and the name 示例镇卫生院; department ids."""
    db = Database.open(path, create=True, now=LATE)
    try:
        with db.session() as session:
            admin = users.create_first_admin(session=session, display_name="王主任",
                                             username="zhuren", password="Zhuren2026", now=LATE)
            update_settings(session=session, actor=admin, values={"name": "示例镇卫生院"}, now=LATE)
            return build_november(session, admin)
    finally:
        db.close()


def _figures(results, name: str):
    return next(d.figures for d in results.departments if d.department_name == name)


def test_counts_per_department_against_the_hand_count(session, admin) -> None:
    build_november(session, admin)
    results = followup_results(session=session, month="2026-11", today=AFTER)
    assert [d.department_name for d in results.departments] == ["内科", "外科"]
    medicine, surgery = _figures(results, "内科"), _figures(results, "外科")
    # (due, done in window, late, lost, overdue, pending)
    assert (medicine.due, medicine.done_in_window, medicine.done_late, medicine.lost,
            medicine.overdue, medicine.pending) == (7, 3, 1, 1, 2, 0)
    assert (surgery.due, surgery.done_in_window, surgery.done_late, surgery.lost,
            surgery.overdue, surgery.pending) == (4, 3, 0, 0, 1, 0)
    total = results.total
    assert (total.due, total.done_in_window, total.done_late, total.lost, total.overdue) == (
        11, 6, 1, 1, 3)
    assert total.in_window_rate == 6 / 11


def test_satisfaction_uses_the_amended_values(session, admin) -> None:
    build_november(session, admin)
    results = followup_results(session=session, month="2026-11", today=AFTER)
    medicine, surgery = _figures(results, "内科"), _figures(results, "外科")
    # 王某某 tier 1: 不满意 amended to 基本满意 → counts as satisfied.
    assert (medicine.answered, medicine.satisfied, medicine.satisfaction_rate) == (4, 4, 1.0)
    # 赵某某 tier 1: 满意 amended to 不满意 → no longer counts; 郑某某 不满意.
    assert (surgery.answered, surgery.satisfied) == (3, 1)
    assert (results.total.answered, results.total.satisfied) == (7, 5)


def test_tier2_verdicts_count_for_the_tier1_department(session, admin) -> None:
    build_november(session, admin)
    results = followup_results(session=session, month="2026-11", today=AFTER)
    medicine, surgery = _figures(results, "内科"), _figures(results, "外科")
    assert (medicine.checked, medicine.not_done, medicine.untrue) == (2, 0, 1)
    assert (surgery.checked, surgery.not_done, surgery.untrue) == (1, 1, 0)
    findings = {(f.patient_name, f.department_name, f.tier1_assignee, f.verdict, f.note)
                for f in results.findings}
    assert findings == {
        ("王某某", "内科", "孙某某、周某某", "untrue", "患者称未被询问用药情况"),
        ("赵某某", "外科", "冯某某", "not_done", "患者称出院后未接到科室电话"),
    }


def test_an_amended_verdict_leaves_the_findings(session, admin) -> None:
    build_november(session, admin)
    wang = next(f for f in followup_results(session=session, month="2026-11", today=AFTER).findings
                if f.patient_name == "王某某")
    amend_outcome(session=session, actor=admin, task_id=wang.tier2_task_id,
                  changes={"record_matches": True, "verdict": "done"},
                  reason="复核录音，记录属实", now=LATE)
    results = followup_results(session=session, month="2026-11", today=AFTER)
    assert [f.patient_name for f in results.findings] == ["赵某某"]
    assert (_figures(results, "内科").checked, _figures(results, "内科").untrue) == (2, 0)


def test_per_tier_totals(session, admin) -> None:
    build_november(session, admin)
    results = followup_results(session=session, month="2026-11", today=AFTER)
    tiers = {t.tier: t.figures for t in results.tiers}
    assert set(tiers) == {1, 2}  # 郑某某's tier 3 ends in December, 何某某's is cancelled
    first, second = tiers[1], tiers[2]
    assert (first.due, first.done_in_window, first.done_late, first.lost, first.overdue) == (
        5, 3, 1, 1, 0)
    assert (first.answered, first.satisfied, first.checked) == (4, 2, 0)
    assert (second.due, second.done_in_window, second.overdue, second.checked) == (6, 3, 3, 3)


def test_a_running_month_tells_overdue_from_still_in_window(session, admin) -> None:
    build_november(session, admin)
    medicine = _figures(followup_results(session=session, month="2026-11", today=MIDDLE), "内科")
    assert (medicine.overdue, medicine.pending) == (1, 1)  # 何某某 over; 李某某 tier 2 till 11-26


def test_an_empty_month_and_a_bad_month(session, admin) -> None:
    build_november(session, admin)
    empty = followup_results(session=session, month="2026-09", today=AFTER)
    assert (empty.departments, empty.findings, empty.total.due) == ((), (), 0)
    assert empty.total.satisfaction_rate is None
    with pytest.raises(ValidationError):
        followup_results(session=session, month="2026-13", today=AFTER)


def test_call_list_has_the_open_tasks_of_the_day_with_whole_phones(session, admin) -> None:
    ids = build_november(session, admin)
    rows = call_list(session=session, day=MIDDLE)
    assert [(r.patient_name, r.tier, r.overdue) for r in rows] == [
        ("何某某", 1, True), ("何某某", 2, True), ("郑某某", 2, True), ("李某某", 2, False),
        ("郑某某", 3, False)]
    li = rows[3]
    assert (li.phone, li.days_left, li.window_text, li.attempts) == ("13900000003", 3, "剩 3 天", 0)
    zheng = rows[2]
    assert (zheng.days_left, zheng.window_text, zheng.attempts, zheng.failed_attempts) == (
        -7, "逾期 7 天", 1, 1)
    assert rows[4].special and rows[4].special_reason == "elderly_alone"
    surgery = call_list(session=session, day=MIDDLE, department_id=ids["外科"])
    assert [(r.patient_name, r.tier) for r in surgery] == [("郑某某", 2), ("郑某某", 3)]
    assert all(r.department_name == "外科" for r in surgery)


def test_call_list_of_an_unknown_department_is_refused(session, admin) -> None:
    with pytest.raises(ValidationError):
        call_list(session=session, day=MIDDLE, department_id=999)
