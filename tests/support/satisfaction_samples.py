"""Plain 满意度 rows for the report builders' tests (no database): November 2026 of 示例镇卫生院."""

from __future__ import annotations

from datetime import date

from desktop_app.records.survey_rows import (
    CommentRow,
    DepartmentSatisfaction,
    DepartmentScoreRow,
    DimensionResult,
    MonthScores,
    SatisfactionResults,
    TrendPoint,
)
from desktop_app.domain.satisfaction import (
    DIMENSION_LABELS,
    AnswerCounts,
    Dimension,
    ScoreInputs,
    ScoreWeights,
    department_score,
)

WEIGHTS = ScoreWeights(survey=40, followup=30, check=20, complaints=10, complaint_deduction=10)
LONG_COMMENT = ("收费窗口排队时间太长，工作人员解释医保报销比例时态度生硬，希望增加一个收费窗口，"
                "并在大厅张贴收费标准和医保报销说明，方便群众查看。")


def _dims(counts: dict[Dimension, AnswerCounts]) -> tuple[DimensionResult, ...]:
    return tuple(DimensionResult(d.value, DIMENSION_LABELS[d], counts.get(d, AnswerCounts()))
                 for d in Dimension)


def _sum(results: tuple[DimensionResult, ...]) -> AnswerCounts:
    total = AnswerCounts()
    for r in results:
        total = total + r.counts
    return total


def satisfaction_results(*, kinds: tuple[str, ...] = ("outpatient", "inpatient", "public_health"),
                         empty: bool = False) -> SatisfactionResults:
    """内科 20 forms, 收费室 10 forms; 费用告知 lowest, then 服务环境, 服务效率."""
    if empty:
        none = _dims({})
        return SatisfactionResults("2026-11", kinds, 0, none, (), AnswerCounts(), (), 0, 0,
                                   AnswerCounts(), 0, (), 0, 0)
    internal = _dims({
        Dimension.efficiency: AnswerCounts(15, 3, 2, 0),
        Dimension.attitude: AnswerCounts(18, 2, 0, 0),
        Dimension.skill: AnswerCounts(17, 3, 0, 0),
        Dimension.publicity: AnswerCounts(14, 5, 0, 1),
        Dimension.civility: AnswerCounts(18, 2, 0, 0),
        Dimension.environment: AnswerCounts(12, 5, 2, 1),
        Dimension.fees: AnswerCounts(12, 4, 2, 2),
    })
    cashier = _dims({
        Dimension.efficiency: AnswerCounts(6, 3, 1, 0),
        Dimension.attitude: AnswerCounts(7, 3, 0, 0),
        Dimension.skill: AnswerCounts(6, 2, 0, 2),
        Dimension.publicity: AnswerCounts(6, 4, 0, 0),
        Dimension.civility: AnswerCounts(8, 2, 0, 0),
        Dimension.environment: AnswerCounts(6, 3, 1, 0),
        Dimension.fees: AnswerCounts(4, 2, 4, 0),
    })
    whole = tuple(DimensionResult(a.dimension, a.label, a.counts + b.counts)
                  for a, b in zip(internal, cashier, strict=True))
    phone = AnswerCounts(5, 2, 1, 2)
    departments = (
        DepartmentSatisfaction(1, "内科", 20, internal, _sum(internal)),
        DepartmentSatisfaction(2, "收费室", 10, cashier, _sum(cashier)),
    )
    ranked = sorted((d for d in whole if d.counts.rate is not None), key=lambda d: d.counts.rate)
    comments = (
        CommentRow(11, "outpatient", date(2026, 11, 3), "收费室", LONG_COMMENT, True, "2026-0031"),
        CommentRow(12, "inpatient", date(2026, 11, 9), "内科", "护士很耐心，谢谢！", False, None),
        CommentRow(13, "public_health", date(2026, 11, 20), "公共卫生科", "随访电话希望提前告知。",
                   True, None),
    )
    return SatisfactionResults(
        month="2026-11", kinds=kinds, forms=30, dimensions=whole, departments=departments,
        total=_sum(whole) + phone, lowest=tuple(ranked[:3]), phone_called=12, phone_reached=10,
        phone_counts=phone, cards_given=18, comments=comments, quota_short_days=4,
        quota_days_with_visits=21,
    )


def trend(*, gap: bool = True) -> list[TrendPoint]:
    """Dec 2025 … Nov 2026; no answers in March 2026 when `gap`."""
    months = ["2025-12"] + [f"2026-{m:02d}" for m in range(1, 12)]
    points = []
    for i, month in enumerate(months):
        if gap and month == "2026-03":
            points.append(TrendPoint(month, AnswerCounts()))
            continue
        satisfied = 150 + 5 * i
        points.append(TrendPoint(month, AnswerCounts(satisfied, 30, 12 - i % 5, 3)))
    return points


def month_scores() -> MonthScores:
    """内科 all four items; 外科 no questionnaires; 药房 nothing but complaints (100)."""
    inputs = {
        "内科": (ScoreInputs(AnswerCounts(112, 24, 4, 4), 40, 38, 20, 2, 1), ("2026-0012",)),
        "外科": (ScoreInputs(AnswerCounts(), 25, 20, 10, 0, 2), ("2026-0015", "2026-0021")),
        "药房": (ScoreInputs(AnswerCounts(), 0, 0, 0, 0, 0), ()),
        "公共卫生科": (ScoreInputs(AnswerCounts(5, 2, 1, 2), 0, 0, 0, 0, 0), ()),
    }
    scored = [(i, name, inp, serials, department_score(inp, WEIGHTS))
              for i, (name, (inp, serials)) in enumerate(inputs.items(), start=1)]
    totals = sorted((s.total for *_x, s in scored if s.total is not None), reverse=True)
    rows = tuple(
        DepartmentScoreRow(i, name, inp, score,
                           totals.index(score.total) + 1 if score.total is not None else None,
                           serials)
        for i, name, inp, serials, score in scored)
    return MonthScores("2026-11", "示例镇卫生院", WEIGHTS, rows)
