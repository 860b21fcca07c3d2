"""科室月度满意度考评 on known complaint, follow-up and survey data, checked by hand (November 2026).

Follow-ups: `build_november` (tests/db/test_followup_results.py) —
内科 4 answered / 4 satisfied, 2 checked / 1 记录不实; 外科 3 / 1, 1 checked / 1 未落实.

Questionnaires (keys: 1 满意, 2 基本满意, 3 不满意, 0 未答):
内科 1111111, 1111111, 2233000, 1100000 → 16 / 2 / 2 answered 20 → 90%;
外科 none.

Complaints received in November with a 核实结论:
内科 投诉 属实, 批评 部分属实 (2 substantiated); 投诉 不属实 (no); 投诉 属实 received
in October (other month); 外科 投诉 属实 naming only 赵某某 of 外科 (counts for 外科);
药房 (not clinical) 举报 属实.

Default weights 40 / 30 / 10 / 20, 10 points per complaint:
- 内科: 90, 100, 50, 80 → 36 + 30 + 5 + 16 = 87.00
- 外科: no questionnaires, so 30 / 10 / 20 become 50% / 16.67% / 33.33%:
  33.33 × 0.5 + 0 + 90 × ⅓ = 46.67
- 药房: complaints only: 90
- 儿科 (clinical, nothing measured): no total, no rank. 检验科 (not clinical, no data): not listed.
Ranks: 内科 1, 外科 2; 药房 (complaints only) has its 90 but no rank.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import Session

from desktop_app.db.models import InstitutionSettings
from desktop_app.db.services.departments import StaffRole, create_department, create_staff
from desktop_app.db.services.matter_finding import set_matter_finding
from desktop_app.db.services.matters import register_matter
from desktop_app.db.services.scores import month_scores, rank
from desktop_app.db.services.settings import update_settings
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.satisfaction import AnswerCounts
from tests.support.matters import matter_input
from tests.support.survey_direct import survey
from tests.support.followups import AFTER, LATE, build_november


def build(session: Session, admin) -> dict[str, int]:
    ids = build_november(session, admin)
    update_settings(session=session, actor=admin, values={"name": "示例镇卫生院"}, now=LATE)
    for name, clinical in (("药房", False), ("儿科", True), ("检验科", False)):
        ids[name] = create_department(session=session, actor=admin, name=name,
                                      is_clinical=clinical, now=LATE).id
    zhao = create_staff(session=session, actor=admin, name="赵某某", department_id=ids["外科"],
                        roles=[StaffRole.doctor], now=LATE).id
    for keys in ("1111111", "1111111", "2233000", "1100000"):
        survey(session, ids["内科"], date(2026, 11, 9), keys)

    def complaint(received: datetime, finding: str, request_type: str = "complaint",
                  department: str | None = "内科", staff: int | None = None) -> str:
        row = register_matter(session=session, actor=admin, now=LATE, data=matter_input(
            received_at=received, request_type=request_type,
            target_department_id=ids[department] if department else None, target_staff_id=staff))
        set_matter_finding(session=session, actor=admin, matter_id=row.id, finding=finding,
                           note="经核实" if finding in ("unfounded", "unverifiable") else "", now=LATE)
        return row.serial

    ids["serials"] = [
        complaint(datetime(2026, 11, 3, 9), "substantiated"),
        complaint(datetime(2026, 11, 10, 9), "partly", "criticism"),
    ]
    complaint(datetime(2026, 11, 11, 9), "unfounded")
    complaint(datetime(2026, 10, 30, 9), "substantiated")
    ids["surgery_serial"] = complaint(datetime(2026, 11, 12, 9), "substantiated", department=None,
                                      staff=zhao)
    complaint(datetime(2026, 11, 20, 9), "substantiated", "report", department="药房")
    return ids


def _rows(scores) -> dict[str, object]:
    return {r.department_name: r for r in scores.rows}


def test_department_scores_against_the_hand_count(session, admin) -> None:
    ids = build(session, admin)
    scores = month_scores(session=session, month="2026-11", today=AFTER)
    assert (scores.month, scores.institution) == ("2026-11", "示例镇卫生院")
    assert scores.weights.items == (40, 30, 10, 20) and scores.weights.complaint_deduction == 10
    assert [r.department_name for r in scores.rows] == ["内科", "外科", "药房", "儿科"]
    rows = _rows(scores)

    medicine = rows["内科"]
    assert medicine.inputs.survey == AnswerCounts(16, 2, 2, 8)
    assert (medicine.inputs.followup_answered, medicine.inputs.followup_satisfied,
            medicine.inputs.checked, medicine.inputs.check_failed,
            medicine.inputs.substantiated) == (4, 4, 2, 1, 2)
    assert [i.score for i in medicine.score.items] == pytest.approx([90, 100, 50, 80])
    assert medicine.score.total == pytest.approx(87.0)
    assert medicine.complaints == tuple(ids["serials"])

    surgery = rows["外科"]
    assert surgery.inputs.survey == AnswerCounts()
    assert (surgery.inputs.followup_answered, surgery.inputs.followup_satisfied,
            surgery.inputs.checked, surgery.inputs.check_failed, surgery.inputs.substantiated) == (
        3, 1, 1, 1, 1)
    items = surgery.score.items
    assert items[0].score is None and items[0].effective_weight == 0
    assert [i.effective_weight for i in items[1:]] == pytest.approx([50, 100 / 6, 100 / 3])
    assert surgery.score.total == pytest.approx(100 / 3 * 0.5 + 90 / 3)
    assert round(surgery.score.total, 2) == 46.67
    assert surgery.complaints == (ids["surgery_serial"],)

    pharmacy = rows["药房"]
    assert pharmacy.score.total == pytest.approx(90)
    assert [i.score for i in pharmacy.score.items] == [None, None, None, 90]

    assert rows["儿科"].score.total is None and rows["儿科"].rank is None
    assert [(r.department_name, r.rank) for r in scores.rows if r.rank] == [("内科", 1), ("外科", 2)]
    assert rows["药房"].rank is None and not rows["药房"].score.ranked


def test_weights_come_from_the_settings(session, admin) -> None:
    build(session, admin)
    update_settings(session=session, actor=admin, now=LATE, values={
        "score_weight_survey": 50, "score_weight_followup": 20, "score_weight_check": 20,
        "score_weight_complaints": 10, "score_complaint_deduction": 5})
    scores = month_scores(session=session, month="2026-11", today=AFTER)
    medicine = _rows(scores)["内科"]
    # 90 × 0.5 + 100 × 0.2 + 50 × 0.2 + (100 − 2 × 5) × 0.1
    assert medicine.score.total == pytest.approx(45 + 20 + 10 + 9)
    assert scores.weights.items == (50, 20, 20, 10)


def test_weights_that_do_not_sum_to_100_are_refused(session, admin) -> None:
    build(session, admin)
    row = session.get(InstitutionSettings, 1)
    row.score_weight_survey = 45  # written behind the settings form's back
    session.add(row)
    session.flush()
    with pytest.raises(ValidationError) as err:
        month_scores(session=session, month="2026-11", today=AFTER)
    assert err.value.field == "score_weights" and "105%" in err.value.message


def test_an_empty_month_and_a_bad_month(session, admin) -> None:
    build(session, admin)
    scores = month_scores(session=session, month="2026-08", today=AFTER)
    assert [r.department_name for r in scores.rows] == ["内科", "外科", "儿科"]
    assert all(r.score.total is None and r.rank is None for r in scores.rows)
    with pytest.raises(ValidationError):
        month_scores(session=session, month="2026/11", today=AFTER)


@pytest.mark.parametrize(("totals", "expected"), [
    ({}, {}),
    ({"a": None}, {"a": None}),
    ({"a": 90.0, "b": 87.0, "c": 90.004, "d": None}, {"a": 1, "b": 3, "c": 1, "d": None}),
    ({"a": 50.0, "b": 60.0, "c": 70.0}, {"a": 3, "b": 2, "c": 1}),
    ({"a": 80.0, "b": 80.0, "c": 80.0, "d": 79.99}, {"a": 1, "b": 1, "c": 1, "d": 4}),
])
def test_rank_shares_places_on_ties(totals, expected) -> None:
    assert rank(totals) == expected
