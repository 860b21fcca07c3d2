"""Satisfaction surveys, the outpatient quota and the department monthly score (DESIGN §1.7–1.8).

Seed 004 §三(一): outpatients answer a questionnaire (at least 30% of each
day's visits at a township center, 10% at a county hospital: a setting);
inpatients fill an opinion form on the ward round and get the 医患连心卡;
basic public-health service users are surveyed by phone. Seed 000 names the
dimensions and reports 满意率 = (满意 + 基本满意) / answered, item by item.

Seed 004 §四(四): the month's problems are the basis for "评价科室当月满意度，
兑现绩效". The 科室月度满意度考评 combines four items, each scored out of 100,
with weights (percent, summing to 100) that are settings:

- 问卷满意率: the department's questionnaire answers, 满意率 × 100;
- 回访满意率: its discharged patients' follow-up answers, 满意率 × 100;
- 回访落实: tier-1 records checked by tier 2, share found 已落实 × 100;
- 投诉: 100 − deduction × substantiated complaints (never below 0).

An item without data that month (no questionnaires, no checks …) is not
scored; its weight is shared out over the others in proportion, so a
department is neither rewarded nor punished for what was not measured.
Having no substantiated complaint only counts (as 100) beside some other
measured item: a department with nothing measured and no complaint gets no
total (and no rank) instead of a free 100. A department scored on complaints
alone (e.g. 药剂科 with a substantiated complaint, but no patients asked) has
its total, but takes no part in the ranking (`DepartmentScore.ranked`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from desktop_app.domain.errors import ValidationError


class SurveyKind(StrEnum):
    """The three surveys of seed 004 §三(一): outpatient, inpatient ward round, public-health phone."""

    outpatient = "outpatient"
    inpatient = "inpatient"
    public_health = "public_health"


SURVEY_KIND_LABELS: dict[SurveyKind, str] = {
    SurveyKind.outpatient: "门诊满意度问卷",
    SurveyKind.inpatient: "住院患者征求意见表",
    SurveyKind.public_health: "基本公卫电话调查",
}

VISITS_MAX = 100_000
"""The largest daily outpatient visits figure (typed in, or imported from a spreadsheet)."""


PUBLIC_HEALTH_SERVICES: tuple[str, ...] = (
    "居民健康档案管理", "健康教育", "预防接种", "0～6岁儿童健康管理", "孕产妇健康管理",
    "老年人健康管理", "高血压患者健康管理", "2型糖尿病患者健康管理", "严重精神障碍患者管理",
    "肺结核患者健康管理", "中医药健康管理", "传染病及突发公共卫生事件报告和处理", "卫生计生监督协管",
)
"""The items of the national basic public-health service (国家基本公共卫生服务规范) a phone
survey asks about; the entry combo is editable, so an item not listed can be typed."""


class Dimension(StrEnum):
    """The questionnaire items of seed 000, in its order."""

    efficiency = "efficiency"
    attitude = "attitude"
    skill = "skill"
    publicity = "publicity"
    civility = "civility"
    environment = "environment"
    fees = "fees"


DIMENSION_LABELS: dict[Dimension, str] = {
    Dimension.efficiency: "服务效率",
    Dimension.attitude: "服务态度",
    Dimension.skill: "业务技术",
    Dimension.publicity: "政策宣传",
    Dimension.civility: "文明服务",
    Dimension.environment: "服务环境",
    Dimension.fees: "费用告知及收费合理性",
}


class Answer(StrEnum):
    """One answer on a form; 未答 (unanswered) is left out of 满意率."""

    satisfied = "satisfied"
    basic = "basic"
    dissatisfied = "dissatisfied"
    unanswered = "unanswered"


ANSWER_LABELS: dict[Answer, str] = {
    Answer.satisfied: "满意",
    Answer.basic: "基本满意",
    Answer.dissatisfied: "不满意",
    Answer.unanswered: "未答",
}

ANSWER_KEYS: dict[str, Answer] = {
    "1": Answer.satisfied,
    "2": Answer.basic,
    "3": Answer.dissatisfied,
    "0": Answer.unanswered,
}
"""The one key that enters each answer (number row or keypad)."""


@dataclass(frozen=True)
class AnswerCounts:
    """How many answers of each kind; 满意率 over those who answered."""

    satisfied: int = 0
    basic: int = 0
    dissatisfied: int = 0
    unanswered: int = 0

    @property
    def answered(self) -> int:
        return self.satisfied + self.basic + self.dissatisfied

    @property
    def rate(self) -> float | None:
        """(满意 + 基本满意) / answered, None when nobody answered."""
        return satisfaction_rate(self.satisfied + self.basic, self.answered)

    def __add__(self, other: AnswerCounts) -> AnswerCounts:
        return AnswerCounts(
            self.satisfied + other.satisfied,
            self.basic + other.basic,
            self.dissatisfied + other.dissatisfied,
            self.unanswered + other.unanswered,
        )

    @classmethod
    def of(cls, answers: list[Answer | str]) -> AnswerCounts:
        values = [Answer(a) for a in answers]
        return cls(*(values.count(kind) for kind in Answer))


def satisfaction_rate(satisfied_or_basic: int, answered: int) -> float | None:
    """满意率 = (满意 + 基本满意) / answered; None without answers."""
    if answered < 0 or not 0 <= satisfied_or_basic <= answered:
        raise ValueError(f"bad counts {satisfied_or_basic}/{answered}")
    return satisfied_or_basic / answered if answered else None


# --- the outpatient quota ----------------------------------------------------------------------


@dataclass(frozen=True)
class Quota:
    """One day and department: questionnaires against visits × sampling ratio."""

    visits: int | None  # None: the day's visits were not entered
    surveys: int
    ratio: float

    @property
    def required(self) -> int | None:
        """Questionnaires needed: visits × ratio, rounded up."""
        if self.visits is None:
            return None
        return math.ceil(self.visits * self.ratio - 1e-9)

    @property
    def sampled(self) -> float | None:
        """Questionnaires ÷ visits, None without visits."""
        return self.surveys / self.visits if self.visits else None

    @property
    def met(self) -> bool | None:
        """True when enough were collected; None when the visits are unknown."""
        required = self.required
        return None if required is None else self.surveys >= required

    @property
    def shortfall(self) -> int:
        required = self.required
        return max(0, required - self.surveys) if required is not None else 0

    @property
    def exceeds_visits(self) -> bool:
        """More questionnaires than visits: one of the two numbers is wrong."""
        return self.visits is not None and self.surveys > self.visits


# --- the department monthly score ----------------------------------------------------------


SCORE_ITEM_LABELS: tuple[str, str, str, str] = ("问卷满意率", "回访满意率", "回访落实", "投诉")


@dataclass(frozen=True)
class ScoreWeights:
    """Percent weights of the four items (sum 100) and the deduction per complaint."""

    survey: int
    followup: int
    check: int
    complaints: int
    complaint_deduction: int

    @property
    def items(self) -> tuple[int, int, int, int]:
        return (self.survey, self.followup, self.check, self.complaints)

    def validate(self) -> ScoreWeights:
        """Raise ValidationError (field `score_weights`) unless the weights are sound."""
        if any(w < 0 or w > 100 for w in self.items):
            raise ValidationError("score_weights", "每项权重须在 0% 到 100% 之间")
        total = sum(self.items)
        if total != 100:
            raise ValidationError("score_weights", f"四项权重合计须为 100%，现为 {total}%")
        if not 0 <= self.complaint_deduction <= 100:
            raise ValidationError("score_complaint_deduction", "每件属实投诉扣分须在 0 到 100 之间")
        return self


@dataclass(frozen=True)
class ScoreInputs:
    """One department's month, as counted by the services."""

    survey: AnswerCounts
    followup_answered: int
    followup_satisfied: int
    checked: int  # tier-1 records checked by tier 2
    check_failed: int  # … found 未落实 or 记录不实
    substantiated: int  # complaints found 属实 / 部分属实


@dataclass(frozen=True)
class ScoreItem:
    """One of the four items of a department's score, with its set and effective weight."""

    label: str
    score: float | None  # out of 100, None: no data, not scored
    weight: int  # percent, as set
    effective_weight: float  # percent after sharing out unscored items' weight


@dataclass(frozen=True)
class DepartmentScore:
    """A department's four items and the weighted total out of 100."""

    items: tuple[ScoreItem, ...]
    total: float | None  # out of 100; None when no item could be scored

    @property
    def ranked(self) -> bool:
        """Whether the department takes part in the ranking: only when something beside
        complaints was measured (a department scored on complaints alone would otherwise
        outrank every department whose patients were actually asked)."""
        return any(item.score is not None for item in self.items[:3])


def item_scores(inputs: ScoreInputs, weights: ScoreWeights) -> tuple[float | None, ...]:
    """The four item scores out of 100 (None where there is no data)."""
    survey = inputs.survey.rate
    followup = satisfaction_rate(inputs.followup_satisfied, inputs.followup_answered)
    if not 0 <= inputs.check_failed <= inputs.checked:
        raise ValueError("check_failed must be within checked")
    check = (inputs.checked - inputs.check_failed) / inputs.checked if inputs.checked else None
    if inputs.substantiated < 0:
        raise ValueError("substantiated must not be negative")
    measured = inputs.substantiated > 0 or any(x is not None for x in (survey, followup, check))
    complaints = (max(0.0, 100.0 - weights.complaint_deduction * inputs.substantiated)
                  if measured else None)
    return (
        None if survey is None else survey * 100,
        None if followup is None else followup * 100,
        None if check is None else check * 100,
        complaints,
    )


def department_score(inputs: ScoreInputs, weights: ScoreWeights) -> DepartmentScore:
    """The weighted score out of 100 (see the module docstring)."""
    scores = item_scores(inputs, weights)
    scored_weight = sum(w for s, w in zip(scores, weights.items, strict=True) if s is not None)
    items = tuple(
        ScoreItem(
            label, score, weight,
            weight * 100 / scored_weight if score is not None and scored_weight else 0.0,
        )
        for label, score, weight in zip(SCORE_ITEM_LABELS, scores, weights.items, strict=True)
    )
    if not scored_weight:
        return DepartmentScore(items, None)
    total = sum(item.score * item.effective_weight for item in items if item.score is not None)
    return DepartmentScore(items, total / 100)
