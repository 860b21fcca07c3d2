"""满意率, the outpatient quota and the department monthly score (domain.satisfaction), table-driven."""

from __future__ import annotations

import pytest

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.satisfaction import (
    ANSWER_KEYS,
    ANSWER_LABELS,
    DIMENSION_LABELS,
    SCORE_ITEM_LABELS,
    Answer,
    AnswerCounts,
    Dimension,
    Quota,
    ScoreInputs,
    ScoreWeights,
    department_score,
    item_scores,
    satisfaction_rate,
)

DEFAULT = ScoreWeights(survey=40, followup=30, check=10, complaints=20, complaint_deduction=10)


def test_dimensions_and_keys_follow_seed_000() -> None:
    assert list(DIMENSION_LABELS.values()) == [
        "服务效率", "服务态度", "业务技术", "政策宣传", "文明服务", "服务环境", "费用告知及收费合理性"]
    assert list(DIMENSION_LABELS) == list(Dimension)
    assert {k: ANSWER_LABELS[a] for k, a in ANSWER_KEYS.items()} == {
        "1": "满意", "2": "基本满意", "3": "不满意", "0": "未答"}


@pytest.mark.parametrize(("counts", "answered", "rate"), [
    (AnswerCounts(), 0, None),
    (AnswerCounts(0, 0, 0, 5), 0, None),  # only 未答: no rate, not 0%
    (AnswerCounts(10, 0, 0, 0), 10, 1.0),
    (AnswerCounts(0, 0, 4, 0), 4, 0.0),
    (AnswerCounts(6, 2, 2, 3), 10, 0.8),  # 未答 left out of the denominator
    (AnswerCounts(112, 24, 4, 4), 140, 136 / 140),
    (AnswerCounts(0, 1, 2, 0), 3, 1 / 3),  # 基本满意 counts as satisfied
])
def test_rate_is_satisfied_plus_basic_over_answered(counts, answered, rate) -> None:
    assert counts.answered == answered
    assert counts.rate == (None if rate is None else pytest.approx(rate))


@pytest.mark.parametrize(("answers", "expected"), [
    ([], AnswerCounts()),
    (["satisfied", "basic", "basic", "dissatisfied", "unanswered"], AnswerCounts(1, 2, 1, 1)),
    ([Answer.satisfied, "satisfied"], AnswerCounts(2, 0, 0, 0)),
    ([ANSWER_KEYS[k] for k in "1123300"], AnswerCounts(2, 1, 2, 2)),
])
def test_counts_of_answers_and_their_sum(answers, expected) -> None:
    assert AnswerCounts.of(answers) == expected
    assert expected + AnswerCounts(1, 1, 1, 1) == AnswerCounts(
        expected.satisfied + 1, expected.basic + 1, expected.dissatisfied + 1, expected.unanswered + 1)


def test_bad_answers_and_counts_are_refused() -> None:
    with pytest.raises(ValueError):
        AnswerCounts.of(["maybe"])
    for good, answered in ((5, 4), (-1, 3), (0, -1)):
        with pytest.raises(ValueError):
            satisfaction_rate(good, answered)


@pytest.mark.parametrize(("visits", "surveys", "ratio", "required", "sampled", "met", "shortfall",
                          "exceeds"), [
    (40, 12, 0.3, 12, 0.3, True, 0, False),
    (40, 11, 0.3, 12, 0.275, False, 1, False),
    (41, 12, 0.3, 13, 12 / 41, False, 1, False),  # 12.3 rounds up
    (10, 3, 0.3, 3, 0.3, True, 0, False),  # 10 × 0.3 is 3.0000000000000004 in floats
    (100, 10, 0.1, 10, 0.1, True, 0, False),  # county hospital 10%
    (7, 0, 0.3, 3, 0.0, False, 3, False),
    (0, 0, 0.3, 0, None, True, 0, False),  # no visits: nothing required
    (5, 6, 0.3, 2, 1.2, True, 0, True),  # more forms than visits: flagged
    (0, 1, 0.3, 0, None, True, 0, True),
    (None, 4, 0.3, None, None, None, 0, False),  # visits not entered
])
def test_quota(visits, surveys, ratio, required, sampled, met, shortfall, exceeds) -> None:
    quota = Quota(visits, surveys, ratio)
    assert quota.required == required
    assert quota.sampled == (None if sampled is None else pytest.approx(sampled))
    assert quota.met is met
    assert quota.shortfall == shortfall
    assert quota.exceeds_visits is exceeds


@pytest.mark.parametrize(("weights", "field", "text"), [
    (ScoreWeights(40, 30, 10, 10, 10), "score_weights", "90%"),
    (ScoreWeights(50, 30, 10, 20, 10), "score_weights", "110%"),
    (ScoreWeights(120, -20, 0, 0, 10), "score_weights", "0% 到 100%"),
    (ScoreWeights(40, 30, 10, 20, 101), "score_complaint_deduction", "0 到 100"),
])
def test_weights_must_sum_to_100(weights, field, text) -> None:
    with pytest.raises(ValidationError) as err:
        weights.validate()
    assert err.value.field == field and text in err.value.message


def test_sound_weights_pass() -> None:
    assert DEFAULT.validate() is DEFAULT
    assert ScoreWeights(100, 0, 0, 0, 0).validate().items == (100, 0, 0, 0)


def _inputs(survey=AnswerCounts(), answered=0, satisfied=0, checked=0, failed=0, complaints=0):
    return ScoreInputs(survey, answered, satisfied, checked, failed, complaints)


# Each case: inputs, weights, the four item scores, the total — worked by hand.
SCORE_CASES = [
    # every item measured: 90×.4 + 95×.3 + 90×.1 + 90×.2 = 36 + 28.5 + 9 + 18
    (_inputs(AnswerCounts(16, 2, 2, 1), 40, 38, 20, 2, 1), DEFAULT, (90, 95, 90, 90), 91.5),
    # perfect month
    (_inputs(AnswerCounts(10), 5, 5, 2, 0, 0), DEFAULT, (100, 100, 100, 100), 100.0),
    # no questionnaires: 40% shared out over 30/10/20 → 50/16.67/33.33
    (_inputs(AnswerCounts(), 25, 20, 10, 0, 2), DEFAULT, (None, 80, 100, 80),
     80 * 0.5 + 100 / 6 + 80 / 3),
    # questionnaires only answered 未答: still no questionnaire score
    (_inputs(AnswerCounts(0, 0, 0, 9), 4, 2, 0, 0, 0), DEFAULT, (None, 50, None, 100),
     50 * 30 / 50 + 100 * 20 / 50),
    # complaints only: the deduction is the whole score
    (_inputs(complaints=3), DEFAULT, (None, None, None, 70), 70.0),
    # the deduction never goes below 0
    (_inputs(AnswerCounts(1), complaints=12), DEFAULT, (100, None, None, 0),
     100 * 40 / 60 + 0),
    # nothing measured and no complaint: no free 100, no total
    (_inputs(), DEFAULT, (None, None, None, None), None),
    # the only measured items weigh 0: no total
    (_inputs(AnswerCounts(1)), ScoreWeights(0, 50, 50, 0, 10), (100, None, None, 100), None),
    # other weights and deduction: 75×.25 + 60×.25 + 50×.25 + 95×.25
    (_inputs(AnswerCounts(2, 1, 1), 5, 3, 4, 2, 1), ScoreWeights(25, 25, 25, 25, 5),
     (75, 60, 50, 95), 70.0),
]


@pytest.mark.parametrize(("inputs", "weights", "items", "total"), SCORE_CASES)
def test_department_score_by_hand(inputs, weights, items, total) -> None:
    assert item_scores(inputs, weights) == tuple(
        None if i is None else pytest.approx(i) for i in items)
    score = department_score(inputs, weights)
    assert [i.label for i in score.items] == list(SCORE_ITEM_LABELS)
    assert [i.weight for i in score.items] == list(weights.items)
    assert score.total == (None if total is None else pytest.approx(total))
    effective = [i.effective_weight for i in score.items]
    if score.total is not None:
        assert sum(effective) == pytest.approx(100)
    for item in score.items:
        if item.score is None:
            assert item.effective_weight == 0


def test_effective_weights_share_out_the_unscored() -> None:
    score = department_score(_inputs(AnswerCounts(), 25, 20, 10, 0, 2), DEFAULT)
    assert [i.effective_weight for i in score.items] == pytest.approx([0, 50, 100 / 6, 100 / 3])


@pytest.mark.parametrize("inputs", [_inputs(checked=2, failed=3), _inputs(checked=0, failed=1),
                                    _inputs(answered=2, satisfied=3), _inputs(complaints=-1)])
def test_inconsistent_inputs_are_a_bug(inputs) -> None:
    with pytest.raises(ValueError):
        department_score(inputs, DEFAULT)


@pytest.mark.parametrize(("inputs", "ranked"), [
    (_inputs(complaints=1), False),  # complaints alone: a total, but no place in the ranking
    (_inputs(AnswerCounts(1), complaints=1), True),
    (_inputs(answered=2, satisfied=1), True),
    (_inputs(checked=1), True),
    (_inputs(), False),
])
def test_only_departments_measured_beyond_complaints_are_ranked(inputs, ranked) -> None:
    assert department_score(inputs, DEFAULT).ranked is ranked
