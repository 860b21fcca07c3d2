"""A month's survey results and the trend, against a hand-counted November 2026.

Forms (answer keys in questionnaire order: 服务效率 服务态度 业务技术 政策宣传
文明服务 服务环境 费用告知; 1 满意, 2 基本满意, 3 不满意, 0 未答):

| form | kind          | dept | day   | answers              | comment                          |
|------|---------------|------|-------|----------------------|----------------------------------|
| F1   | outpatient    | 内科 | 11-02 | 1111111              |                                  |
| F2   | outpatient    | 内科 | 11-02 | 1111111              |                                  |
| F3   | outpatient    | 内科 | 11-02 | 2123113              | 挂号排队太久… (registered matter) |
| F4   | inpatient     | 内科 | 11-05 | 1111112, 2 cards     | 护士很耐心                        |
| F5   | outpatient    | 外科 | 11-10 | 3220000              |                                  |
| P1   | public_health | 外科 | 11-12 | overall 3, reached   | 随访电话希望提前告知              |
| P2   | public_health | 外科 | 11-13 | not reached          |                                  |
| P3   | public_health | 外科 | 11-14 | overall 1, reached   |                                  |
| X    | outpatient    | 内科 | 10-31 | 3333333 (October)    |                                  |

Per dimension (F1–F5): 服务效率 3/1/1/0 → 80%; 政策宣传 3/0/1/1 → 75%;
费用告知 2/1/1/1 → 75%; the rest 100%. Lowest: 政策宣传, 费用告知 (tie, in
questionnaire order), 服务效率.
内科: 23 满意, 3 基本满意, 2 不满意 → 26/28. 外科: F5 (0/2/1/4) + phone
(1/0/1/1) → 1/2/2/5 → 3/5. Whole: 24/5/4/5.
Visits: 内科 11-02 10 (3 forms ≥ 3 required), 内科 11-03 5 (0 < 2), 外科 11-10
10 (1 < 3), 外科 11-02 0 (nothing required) → 2 short days of 3 with visits.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop_app.db.services.matters import register_matter
from desktop_app.db.services.survey_results import (
    month_sequence,
    satisfaction_results,
    satisfaction_trend,
)
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.satisfaction import AnswerCounts
from tests.support.followups import department
from tests.support.matters import matter_input
from tests.support.survey_direct import phone_survey, survey, visits

LATE = datetime(2026, 12, 20, 9, 0)


def build(session, admin) -> dict[str, int]:
    ids = {"内科": department(session, admin, LATE, "内科"),
           "外科": department(session, admin, LATE, "外科")}
    med, sur = ids["内科"], ids["外科"]
    survey(session, med, date(2026, 11, 2), "1111111")
    survey(session, med, date(2026, 11, 2), "1111111")
    ids["F3"] = survey(session, med, date(2026, 11, 2), "2123113", comment="挂号排队太久，窗口只开一个")
    survey(session, med, date(2026, 11, 5), "1111112", kind="inpatient", comment="护士很耐心",
           patient_name="钱某某", bed_no="12", cards_given=2)
    survey(session, sur, date(2026, 11, 10), "3220000")
    phone_survey(session, sur, date(2026, 11, 12), "3", comment="随访电话希望提前告知",
                 phone="13900001111")
    phone_survey(session, sur, date(2026, 11, 13), reached=False)
    phone_survey(session, sur, date(2026, 11, 14), "1")
    survey(session, med, date(2026, 10, 31), "3333333")
    visits(session, med, date(2026, 11, 2), 10)
    visits(session, med, date(2026, 11, 3), 5)
    visits(session, sur, date(2026, 11, 10), 10)
    visits(session, sur, date(2026, 11, 2), 0)
    matter = register_matter(session=session, actor=admin, now=LATE, data=matter_input(
        received_at=datetime(2026, 11, 3, 9, 0), channel="outpatient_survey",
        target_department_id=med, source_ref=f"survey:{ids['F3']}"))
    ids["serial"] = matter.serial
    return ids


def _dims(results) -> dict[str, AnswerCounts]:
    return {d.label: d.counts for d in results.dimensions}


def test_rates_per_dimension_department_and_in_total(session, admin) -> None:
    build(session, admin)
    results = satisfaction_results(session=session, month="2026-11")
    assert results.month == "2026-11" and results.forms == 8
    assert results.kinds == ("outpatient", "inpatient", "public_health")
    dims = _dims(results)
    expected = {
        "服务效率": (3, 1, 1, 0), "服务态度": (4, 1, 0, 0), "业务技术": (3, 2, 0, 0),
        "政策宣传": (3, 0, 1, 1), "文明服务": (4, 0, 0, 1), "服务环境": (4, 0, 0, 1),
        "费用告知及收费合理性": (2, 1, 1, 1),
    }
    assert {k: (c.satisfied, c.basic, c.dissatisfied, c.unanswered) for k, c in dims.items()} == expected
    assert dims["服务效率"].rate == pytest.approx(0.8)
    assert dims["政策宣传"].rate == pytest.approx(0.75)
    assert [d.label for d in results.lowest] == ["政策宣传", "费用告知及收费合理性", "服务效率"]

    medicine, surgery = results.departments
    assert (medicine.department_name, medicine.forms) == ("内科", 4)
    assert medicine.total == AnswerCounts(23, 3, 2, 0)
    assert medicine.total.rate == pytest.approx(26 / 28)
    assert (surgery.department_name, surgery.forms) == ("外科", 4)
    assert surgery.total == AnswerCounts(1, 2, 2, 5)
    assert surgery.total.rate == pytest.approx(3 / 5)
    assert results.total == AnswerCounts(24, 5, 4, 5)


def test_phone_survey_cards_and_quota(session, admin) -> None:
    build(session, admin)
    results = satisfaction_results(session=session, month="2026-11")
    assert (results.phone_called, results.phone_reached) == (3, 2)
    assert results.phone_counts == AnswerCounts(1, 0, 1, 1)
    assert results.cards_given == 2
    assert (results.quota_short_days, results.quota_days_with_visits) == (2, 3)


def test_comments_with_their_matter(session, admin) -> None:
    ids = build(session, admin)
    comments = satisfaction_results(session=session, month="2026-11").comments
    assert [(c.day.day, c.department_name, c.negative, c.matter_serial) for c in comments] == [
        (2, "内科", True, ids["serial"]), (5, "内科", False, None), (12, "外科", True, None)]
    assert comments[0].survey_id == ids["F3"] and comments[0].comment == "挂号排队太久，窗口只开一个"
    assert [c.kind for c in comments] == ["outpatient", "inpatient", "public_health"]


@pytest.mark.parametrize(("kinds", "forms", "total", "cards", "called"), [
    (("outpatient",), 4, AnswerCounts(17, 4, 3, 4), 0, 0),
    (("inpatient",), 1, AnswerCounts(6, 1, 0, 0), 2, 0),
    (("public_health",), 3, AnswerCounts(1, 0, 1, 1), 0, 3),
    (("inpatient", "outpatient"), 5, AnswerCounts(23, 5, 3, 4), 2, 0),
])
def test_kinds_filter(session, admin, kinds, forms, total, cards, called) -> None:
    build(session, admin)
    results = satisfaction_results(session=session, month="2026-11", kinds=kinds)
    assert (results.forms, results.total, results.cards_given, results.phone_called) == (
        forms, total, cards, called)
    assert results.kinds == tuple(k for k in ("outpatient", "inpatient", "public_health") if k in kinds)
    if kinds == ("public_health",):
        assert results.lowest == () and [d.department_name for d in results.departments] == ["外科"]
        assert [c.kind for c in results.comments] == ["public_health"]


def test_an_empty_month_and_bad_arguments(session, admin) -> None:
    build(session, admin)
    empty = satisfaction_results(session=session, month="2026-09")
    assert (empty.forms, empty.departments, empty.lowest, empty.comments) == (0, (), (), ())
    assert all(d.counts == AnswerCounts() and d.counts.rate is None for d in empty.dimensions)
    assert len(empty.dimensions) == 7
    for month in ("2026-13", "11/2026", ""):
        with pytest.raises(ValidationError) as err:
            satisfaction_results(session=session, month=month)
        assert err.value.field == "month"
    with pytest.raises(ValidationError) as err:
        satisfaction_results(session=session, month="2026-11", kinds=("outpatient", "survey"))
    assert err.value.field == "kinds"
    with pytest.raises(ValidationError):
        satisfaction_results(session=session, month="2026-11", kinds=())


def test_trend_ends_with_the_month(session, admin) -> None:
    ids = build(session, admin)
    points = satisfaction_trend(session=session, month="2026-11")
    assert [p.month for p in points] == ["2025-12"] + [f"2026-{m:02d}" for m in range(1, 12)]
    assert points[-1].counts == AnswerCounts(24, 5, 4, 5)
    assert points[-2].counts == AnswerCounts(0, 0, 7, 0)  # October: X
    assert all(p.counts == AnswerCounts() for p in points[:-2])
    surgery = satisfaction_trend(session=session, month="2026-11", months=2, department_id=ids["外科"])
    assert [(p.month, p.counts) for p in surgery] == [
        ("2026-10", AnswerCounts()), ("2026-11", AnswerCounts(1, 2, 2, 5))]
    phone = satisfaction_trend(session=session, month="2026-11", months=1, kinds=("public_health",))
    assert phone[0].counts == AnswerCounts(1, 0, 1, 1)


def test_trend_arguments(session, admin) -> None:
    assert month_sequence("2026-01", 3) == ["2025-11", "2025-12", "2026-01"]
    assert month_sequence("2026-12", 1) == ["2026-12"]
    for bad in ({"months": 0}, {"department_id": 999}, {"month": "2026-00"}):
        with pytest.raises(ValidationError):
            satisfaction_trend(session=session, **({"month": "2026-11"} | bad))
