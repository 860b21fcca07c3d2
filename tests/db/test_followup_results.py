"""Monthly follow-up results and the call list, against a hand-counted November 2026.

The month is `build_november` of tests/support/followups.py (also used by tests/printouts
and tests/app). The tasks whose window ends in November:

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

import pytest

from desktop_app.db.services.followup_results import call_list, followup_results
from desktop_app.db.services.followups import amend_outcome
from desktop_app.domain.errors import ValidationError
from tests.support.followups import AFTER, LATE, MIDDLE, build_november


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
