"""Reading questionnaires and the outpatient quota (DESIGN §1.7, seed 004 §三(一)1).

- `get_survey` gives one form with the phone number and comment whole (the
  detail form); `list_surveys` gives forms newest first with the phone
  masked, and any phone number written in the comment too (DESIGN §3).
- The quota: each day and department, outpatient questionnaires ÷ outpatient
  visits against the sampling ratio setting (30% at a township center).
  `quota_day` is one cell; `quota_month` is the month view: every day ×
  the active clinical departments plus any department that had visits or
  outpatient questionnaires that month, with day and month totals. A total
  sets the questionnaires of days and departments whose visits were not
  entered apart (`QuotaRow.unmatched`) instead of adding them to the share.
- A matter registered from a form has source_ref "survey:{id}"
  (`survey_source_ref`); the form then shows the matter's serial.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import func, or_, select
from sqlmodel import Session

from desktop_app.db.models import Department, Matter, OutpatientVisits, Survey
from desktop_app.db.services.settings import get_settings
from desktop_app.records.survey_rows import QuotaMonth, QuotaRow, SurveyRow
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.matters import format_serial
from desktop_app.domain.months import Month
from desktop_app.domain.satisfaction import Dimension, SurveyKind
from desktop_app.domain.validation import mask_phone, mask_phones_in_text

SOURCE_PREFIX = "survey:"
ALL_DEPARTMENTS = (0, "全院")
"""The department id and name of the day and month totals of the quota."""


def survey_source_ref(survey_id: int) -> str:
    """The `Matter.source_ref` of a matter registered from a questionnaire's comment."""
    return f"{SOURCE_PREFIX}{survey_id}"


def survey_id_of(source_ref: str) -> int | None:
    """The questionnaire id in a source_ref "survey:{id}", else None."""
    if not (source_ref or "").startswith(SOURCE_PREFIX):
        return None
    try:
        return int(source_ref[len(SOURCE_PREFIX):])
    except ValueError:
        return None


def matters_of(session: Session, survey_ids: list[int]) -> dict[int, tuple[int, str]]:
    """survey id → (matter id, serial) for the forms registered as matters."""
    found: dict[int, tuple[int, str]] = {}
    refs = {survey_source_ref(i): i for i in survey_ids}
    keys = list(refs)
    for n in range(0, len(keys), 900):
        for matter_id, year, number, ref in session.execute(
                select(Matter.id, Matter.serial_year, Matter.serial_no, Matter.source_ref)
                .where(Matter.source_ref.in_(keys[n:n + 900])).order_by(Matter.id)).all():
            found.setdefault(refs[ref], (matter_id, format_serial(year, number)))
    return found


def to_row(s: Survey, department_name: str, matter: tuple[int, str] | None, *,
           masked: bool) -> SurveyRow:
    """A plain copy of a form; `masked` hides the middle of the phone number and of any
    phone number in the comment."""
    return SurveyRow(
        id=s.id or 0, kind=s.kind, day=s.day, department_id=s.department_id,
        department_name=department_name,
        answers={d.value: getattr(s, d.value) for d in Dimension},
        overall=s.overall, comment=mask_phones_in_text(s.comment) if masked else s.comment,
        patient_name=s.patient_name, bed_no=s.bed_no,
        cards_given=s.cards_given, respondent_name=s.respondent_name,
        phone=mask_phone(s.phone) if masked else s.phone, service_item=s.service_item,
        reached=s.reached, entered_by=s.entered_by, entered_at=s.entered_at,
        matter_serial=matter[1] if matter else None, matter_id=matter[0] if matter else None,
    )


def load_survey(session: Session, survey_id: int) -> Survey:
    survey = session.get(Survey, survey_id)
    if survey is None:
        raise ValidationError("survey", "该问卷不存在，可能已被删除")
    return survey


def department_name(session: Session, department_id: int) -> str:
    department = session.get(Department, department_id)
    if department is None:
        raise ValidationError("department_id", "科室不存在或已停用")
    return department.name


def get_survey(*, session: Session, survey_id: int) -> SurveyRow:
    """One form, phone number whole (for the detail form), with its matter if registered."""
    survey = load_survey(session, survey_id)
    return to_row(survey, department_name(session, survey.department_id),
                  matters_of(session, [survey_id]).get(survey_id), masked=False)


def list_surveys(
    *, session: Session, kind: str | None = None, day_from: date | None = None,
    day_to: date | None = None, department_id: int | None = None, text: str = "",
    limit: int = 2000,
) -> list[SurveyRow]:
    """Forms newest first (day, then entry order), phones masked (in the comment too).

    `text` is looked for in the comment, the patient's or respondent's name,
    the bed number, the service item and the phone number.
    """
    stmt = (select(Survey, Department.name).join(Department, Department.id == Survey.department_id)
            .order_by(Survey.day.desc(), Survey.id.desc()).limit(limit))
    if kind:
        stmt = stmt.where(Survey.kind == kind)
    elif day_from is not None or day_to is not None:
        # naming every kind lets SQLite use the (kind, day, department) index for a day range
        stmt = stmt.where(Survey.kind.in_([k.value for k in SurveyKind]))
    if day_from is not None:
        stmt = stmt.where(Survey.day >= day_from)
    if day_to is not None:
        stmt = stmt.where(Survey.day <= day_to)
    if department_id is not None:
        stmt = stmt.where(Survey.department_id == department_id)
    needle = (text or "").strip()
    if needle:
        pattern = f"%{needle}%"
        stmt = stmt.where(or_(*(column.like(pattern) for column in (
            Survey.comment, Survey.patient_name, Survey.respondent_name, Survey.bed_no,
            Survey.service_item, Survey.phone))))
    found = session.execute(stmt).all()
    matters = matters_of(session, [s.id for s, _ in found])
    return [to_row(s, name, matters.get(s.id), masked=True) for s, name in found]


# --- the quota -----------------------------------------------------------------------------


def sampling_ratio(session: Session) -> float:
    """The share of each day's outpatient visits that must answer a questionnaire."""
    return get_settings(session=session).sampling_ratio


def _visits(session: Session, first: date, last: date,
            department_id: int | None = None) -> dict[tuple[date, int], int]:
    stmt = select(OutpatientVisits.day, OutpatientVisits.department_id, OutpatientVisits.visits
                  ).where(OutpatientVisits.day.between(first, last))
    if department_id is not None:
        stmt = stmt.where(OutpatientVisits.department_id == department_id)
    return {(day, dep): visits for day, dep, visits in session.execute(stmt).all()}


def outpatient_counts(session: Session, first: date, last: date,
                      department_id: int | None = None) -> dict[tuple[date, int], int]:
    """(day, department) → outpatient questionnaires, over [first, last]."""
    stmt = (select(Survey.day, Survey.department_id, func.count())
            .where(Survey.kind == SurveyKind.outpatient.value, Survey.day.between(first, last))
            .group_by(Survey.day, Survey.department_id))
    if department_id is not None:
        stmt = stmt.where(Survey.department_id == department_id)
    return {(day, dep): n for day, dep, n in session.execute(stmt).all()}


def quota_day(*, session: Session, day: date, department_id: int) -> QuotaRow:
    """One day and department: outpatient questionnaires, visits (None if not entered), ratio."""
    name = department_name(session, department_id)
    visits = _visits(session, day, day, department_id).get((day, department_id))
    surveys = outpatient_counts(session, day, day, department_id).get((day, department_id), 0)
    return QuotaRow(day, department_id, name, visits, surveys, sampling_ratio(session))


def sum_quota(rows: list[QuotaRow], day: date, department_id: int, department_name: str,
              ratio: float) -> QuotaRow:
    """Quota rows summed (departments of a day, days of a department, or totals again).

    Only rows with visits entered count: their visits (None if no row has any)
    and their questionnaires, so the share is questionnaires ÷ visits of the
    same days and departments. Questionnaires of rows without visits are
    counted apart, in `unmatched`, not added to a share they did not sample.
    """
    entered = [r for r in rows if r.visits is not None]
    visits = sum(r.visits or 0 for r in entered) if entered else None
    unmatched = (sum(r.unmatched for r in rows)
                 + sum(r.surveys for r in rows if r.visits is None))
    return QuotaRow(day, department_id, department_name, visits,
                    sum(r.surveys for r in entered), ratio, unmatched)


def quota_month(*, session: Session, month: Month | str) -> QuotaMonth:
    """The month view of the quota (see the module docstring); two grouped queries."""
    month = Month.parse(month)
    first, last = month.first_day, month.last_day
    ratio = sampling_ratio(session)
    visits = _visits(session, first, last)
    surveys = outpatient_counts(session, first, last)
    with_data = {dep for _, dep in visits} | {dep for _, dep in surveys}
    departments = tuple(
        (dep_id, name) for dep_id, name, active, clinical in session.execute(
            select(Department.id, Department.name, Department.active, Department.is_clinical)
            .order_by(Department.sort_order, Department.id)).all()
        if (active and clinical) or dep_id in with_data)
    days = month.days()
    cells: dict[tuple[date, int], QuotaRow] = {}
    by_day: dict[date, list[QuotaRow]] = defaultdict(list)
    for day in days:
        for dep_id, name in departments:
            row = QuotaRow(day, dep_id, name, visits.get((day, dep_id)),
                           surveys.get((day, dep_id), 0), ratio)
            cells[(day, dep_id)] = row
            by_day[day].append(row)
    day_totals = {day: sum_quota(by_day[day], day, *ALL_DEPARTMENTS, ratio) for day in days}
    month_total = sum_quota(list(day_totals.values()), first, *ALL_DEPARTMENTS, ratio)
    return QuotaMonth(month=str(month), ratio=ratio, departments=departments, days=days,
                      cells=cells, day_totals=day_totals, month_total=month_total)
