"""A month's survey results and the 12-month trend (DESIGN §1.7–1.8, seed 000, seed 004 §三(一)).

满意率 = (满意 + 基本满意) / answered (`domain.satisfaction.AnswerCounts.rate`).
What counts, for the survey kinds asked for (all three by default):

- per dimension: the seven answers of the outpatient questionnaires and the
  inpatient opinion forms (the phone survey has no dimensions);
- per department and in total: every dimension answer, plus the phone
  survey's overall answer (`overall`);
- the lowest items: up to three dimensions with the lowest 满意率 among those
  answered (ties in the questionnaire's order), called out as seed 000 does;
- the phone survey: forms (called), reached, and the overall answers;
- 医患连心卡: the cards handed out with the month's inpatient forms;
- comments: every form with a comment, oldest first, marked negative when some
  answer is 不满意, with the serial of the matter registered from it
  (source_ref "survey:{id}");
- the outpatient quota (whatever kinds are asked for): days on which some
  department with entered visits collected fewer questionnaires than
  visits × the sampling ratio (rounded up), and the days with visits entered.

The counting is a GROUP BY over the (kind, day, department) index with one SUM
per dimension and answer, so a month stays fast with years of forms.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import case, func, select
from sqlmodel import Session

from desktop_app.db.models import Department
from desktop_app.db.models_surveys import OutpatientVisits, Survey
from desktop_app.db.services.settings import get_settings
from desktop_app.db.services.surveys_query import matters_of
from desktop_app.records.survey_rows import (
    CommentRow,
    DepartmentSatisfaction,
    DimensionResult,
    SatisfactionResults,
    TrendPoint,
)
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.months import Month
from desktop_app.domain.satisfaction import (
    DIMENSION_LABELS,
    Answer,
    AnswerCounts,
    Dimension,
    Quota,
    SurveyKind,
)

SV = Survey.__table__
DEP = Department.__table__
V = OutpatientVisits.__table__

ALL_KINDS: tuple[str, ...] = tuple(k.value for k in SurveyKind)
DIMENSION_KINDS = frozenset({SurveyKind.outpatient.value, SurveyKind.inpatient.value})
"""The kinds whose forms answer the seven dimensions; the phone survey answers `overall`."""
LOWEST_COUNT = 3
_COUNTED = (Answer.satisfied, Answer.basic, Answer.dissatisfied)
_CHUNK = 900


def check_kinds(kinds: Iterable[str] | None) -> tuple[str, ...]:
    """The SurveyKind codes asked for, in SurveyKind order; ValidationError('kinds') if unknown/none."""
    wanted = set(ALL_KINDS if kinds is None else (str(k) for k in kinds))
    if not wanted:
        raise ValidationError("kinds", "请至少选择一种调查")
    if not wanted <= set(ALL_KINDS):
        raise ValidationError("kinds", "未知的调查类别")
    return tuple(k for k in ALL_KINDS if k in wanted)


# --- counting ---------------------------------------------------------------------------------


@dataclass
class Tally:
    """The answers of one group of forms (a department, a month …)."""

    forms: int = 0
    dimensions: dict[str, AnswerCounts] = field(
        default_factory=lambda: {d.value: AnswerCounts() for d in Dimension})
    phone: AnswerCounts = AnswerCounts()
    called: int = 0
    reached: int = 0
    cards: int = 0

    @property
    def dimension_total(self) -> AnswerCounts:
        return sum(self.dimensions.values(), AnswerCounts())

    @property
    def total(self) -> AnswerCounts:
        """Every dimension answer plus the phone survey's overall answers."""
        return self.dimension_total + self.phone


def _sums(column) -> list:
    return [func.sum(case((column == a.value, 1), else_=0)) for a in _COUNTED]


def _counts(values: Sequence[int | None], forms: int) -> AnswerCounts:
    satisfied, basic, dissatisfied = (int(v or 0) for v in values)
    return AnswerCounts(satisfied, basic, dissatisfied, forms - satisfied - basic - dissatisfied)


def tally(session: Session, first: date, last: date, kinds: Sequence[str], key,
          *, department_id: int | None = None) -> dict[object, Tally]:
    """Forms with `first` <= day <= `last` of `kinds`, counted per value of the SQL expression `key`."""
    answer_columns = [SV.c[d.value] for d in Dimension] + [SV.c.overall]
    query = (
        select(key.label("key"), SV.c.kind, func.count(), func.coalesce(func.sum(SV.c.cards_given), 0),
               func.sum(case((SV.c.reached == True, 1), else_=0)),  # noqa: E712
               *(s for column in answer_columns for s in _sums(column)))
        .where(SV.c.kind.in_(list(kinds)), SV.c.day.between(first, last))
        .group_by(key, SV.c.kind)
    )
    if department_id is not None:
        query = query.where(SV.c.department_id == department_id)
    out: dict[object, Tally] = defaultdict(Tally)
    n = len(_COUNTED)
    for group, kind, forms, cards, reached, *sums in session.execute(query).all():
        t = out[group]
        t.forms += forms
        if kind in DIMENSION_KINDS:
            for i, dim in enumerate(Dimension):
                t.dimensions[dim.value] += _counts(sums[i * n:(i + 1) * n], forms)
            t.cards += int(cards) if kind == SurveyKind.inpatient else 0
        else:
            t.phone += _counts(sums[-n:], forms)
            t.called += forms
            t.reached += int(reached or 0)
    return dict(out)


def department_answers(session: Session, first: date, last: date,
                       kinds: Sequence[str] = ALL_KINDS) -> dict[int, AnswerCounts]:
    """Department id → all its answers in [first, last] (what the department score counts)."""
    return {dep: t.total for dep, t in tally(session, first, last, kinds, SV.c.department_id).items()}


def _dimension_results(t: Tally) -> tuple[DimensionResult, ...]:
    return tuple(DimensionResult(d.value, DIMENSION_LABELS[d], t.dimensions[d.value]) for d in Dimension)


def lowest(dimensions: Sequence[DimensionResult], count: int = LOWEST_COUNT) -> tuple[DimensionResult, ...]:
    """Up to `count` answered dimensions with the lowest 满意率 (ties in questionnaire order)."""
    answered = [(d.counts.rate, i, d) for i, d in enumerate(dimensions) if d.counts.rate is not None]
    return tuple(d for _rate, _i, d in sorted(answered, key=lambda x: (x[0], x[1]))[:count])


# --- the month --------------------------------------------------------------------------------


def satisfaction_results(*, session: Session, month: Month | str,
                         kinds: tuple[str, ...] = ALL_KINDS) -> SatisfactionResults:
    """The survey results of `month` ("YYYY-MM") for `kinds` (see the module docstring)."""
    month = Month.parse(month)
    first, last = month.first_day, month.last_day
    kinds = check_kinds(kinds)
    by_dept = tally(session, first, last, kinds, SV.c.department_id)
    departments = []
    for dep_id, name in _department_names(session, by_dept):
        t = by_dept[dep_id]
        departments.append(DepartmentSatisfaction(dep_id, name, t.forms, _dimension_results(t), t.total))
    whole = Tally()
    for t in by_dept.values():
        whole.forms += t.forms
        for code, counts in t.dimensions.items():
            whole.dimensions[code] += counts
        whole.phone += t.phone
        whole.called, whole.reached, whole.cards = (
            whole.called + t.called, whole.reached + t.reached, whole.cards + t.cards)
    dimensions = _dimension_results(whole)
    short_days, visit_days = quota_summary(session, first, last)
    return SatisfactionResults(
        month=str(month), kinds=kinds, forms=whole.forms, dimensions=dimensions,
        departments=tuple(departments), total=whole.total, lowest=lowest(dimensions),
        phone_called=whole.called, phone_reached=whole.reached, phone_counts=whole.phone,
        cards_given=whole.cards, comments=_comments(session, first, last, kinds),
        quota_short_days=short_days, quota_days_with_visits=visit_days,
    )


def _department_names(session: Session, ids: Iterable[int]) -> list[tuple[int, str]]:
    """(id, name) of the departments in display order."""
    wanted = list(ids)
    if not wanted:
        return []
    rows = session.execute(
        select(DEP.c.id, DEP.c.name).where(DEP.c.id.in_(wanted)).order_by(DEP.c.sort_order, DEP.c.id)
    ).all()
    return [(r[0], r[1]) for r in rows]


def quota_summary(session: Session, first: date, last: date) -> tuple[int, int]:
    """(days with some department below the outpatient quota, days with visits entered)."""
    ratio = get_settings(session=session).sampling_ratio
    forms = dict(
        ((day, dep), n) for day, dep, n in session.execute(
            select(SV.c.day, SV.c.department_id, func.count())
            .where(SV.c.kind == SurveyKind.outpatient.value, SV.c.day.between(first, last))
            .group_by(SV.c.day, SV.c.department_id)
        ).all()
    )
    short: set[date] = set()
    days: set[date] = set()
    for day, dep, visits in session.execute(
        select(V.c.day, V.c.department_id, V.c.visits).where(V.c.day.between(first, last))
    ).all():
        days.add(day)
        if Quota(visits, forms.get((day, dep), 0), ratio).met is False:
            short.add(day)
    return len(short), len(days)


def _comments(session: Session, first: date, last: date, kinds: Sequence[str]) -> tuple[CommentRow, ...]:
    answers = [SV.c[d.value] for d in Dimension] + [SV.c.overall]
    rows = session.execute(
        select(SV.c.id, SV.c.kind, SV.c.day, DEP.c.name, SV.c.comment, *answers)
        .select_from(SV.join(DEP, DEP.c.id == SV.c.department_id))
        .where(SV.c.kind.in_(list(kinds)), SV.c.day.between(first, last), SV.c.comment != "")
        .order_by(SV.c.day, SV.c.id)
    ).all()
    serials = matter_serials(session, [r[0] for r in rows])
    return tuple(
        CommentRow(survey_id=r[0], kind=r[1], day=r[2], department_name=r[3], comment=r[4],
                   negative=Answer.dissatisfied.value in r[5:], matter_serial=serials.get(r[0]))
        for r in rows
    )


def matter_serials(session: Session, survey_ids: Sequence[int]) -> dict[int, str]:
    """Survey id → serial of the (first) matter registered from its comment."""
    return {sid: serial for sid, (_mid, serial) in matters_of(session, list(survey_ids)).items()}


# --- the trend --------------------------------------------------------------------------------


def month_sequence(month: Month | str, months: int) -> list[str]:
    """The `months` months ending with `month`, oldest first ("YYYY-MM")."""
    last = Month.parse(month)
    return [str(last.shift(-k)) for k in range(months - 1, -1, -1)]


def satisfaction_trend(*, session: Session, month: Month | str, months: int = 12,
                       kinds: tuple[str, ...] = ALL_KINDS,
                       department_id: int | None = None) -> list[TrendPoint]:
    """The answers of each of the `months` months ending with `month`, oldest first.

    A month's counts are every answer of its forms of `kinds` (dimension
    answers and phone-survey overall answers), of one department if given.
    """
    if not 1 <= months <= 120:
        raise ValidationError("months", "趋势月数须在 1 到 120 之间")
    kinds = check_kinds(kinds)
    if department_id is not None and session.get(Department, department_id) is None:
        raise ValidationError("department_id", "该科室不存在")
    sequence = month_sequence(month, months)
    first, last = Month.parse(sequence[0]).first_day, Month.parse(sequence[-1]).last_day
    by_month = tally(session, first, last, kinds, func.substr(SV.c.day, 1, 7),
                     department_id=department_id)
    return [TrendPoint(m, by_month[m].total if m in by_month else AnswerCounts()) for m in sequence]
