"""Entering questionnaires and outpatient visits (DESIGN §1.7, seed 004 §三(一)1–2).

Three kinds of form, typed in from paper by the front desk:

- 门诊满意度问卷 and 住院患者征求意见表: each dimension of seed 000 answered
  满意 / 基本满意 / 不满意 / 未答, and a comment; the inpatient form also
  has the patient, bed and the number of 医患连心卡 handed out (0–20).
- 基本公卫电话调查: who was called (required), phone (optional), service
  item, reached or not (required), one overall answer — only when reached.

Rules for every form: a day not after today, an active department, valid
answer codes, something answered or commented (a phone call not reached
needs neither), a comment of at most 1000 characters. Fields that belong to
another kind of form are not stored. Writing needs `record_survey`; every
change writes an audit row. A form whose comment was registered as a matter
(source_ref "survey:{id}") is not deleted.

Outpatient visits (门诊人次) are one figure per day and department
(0–100000, day not after today), replaced when entered again; with the
outpatient questionnaires they give the day's quota (`surveys_query`).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from desktop_app.db.models import Department, OutpatientVisits, Survey
from desktop_app.db.models_surveys import UNANSWERED
from desktop_app.records.matter_rows import MatterInput
from desktop_app.records.survey_rows import (
    QuotaRow, SavedSurvey, SurveyInput, SurveyRow, VisitsInput,
)
from desktop_app.db.services.surveys_query import (  # noqa: F401 - re-exported for the tab
    department_name, get_survey, list_surveys, load_survey, matters_of, quota_day, quota_month,
    survey_id_of, survey_source_ref, to_row,
)
from desktop_app.db.tx import Actor, require, snapshot, transactional, write_audit
from desktop_app.domain.deadlines import RequestType
from desktop_app.domain.errors import ValidationError, gather_errors
from desktop_app.domain.matters import Channel, IssueCategory
from desktop_app.domain.roles import Permission
from desktop_app.domain.satisfaction import (
    ANSWER_LABELS, DIMENSION_LABELS, SURVEY_KIND_LABELS, VISITS_MAX, Answer, Dimension, SurveyKind,
)
from desktop_app.domain.validation import clean_phone, clean_text

COMMENT_MAX = 1000
CARDS_MAX = 20
"""The most 医患连心卡 one inpatient form can record (the entry form's spin box uses it too)."""
NOTHING_ANSWERED = "问卷未填写任何项目"
DEPARTMENT_GONE = "科室不存在或已停用"

CHANNEL_BY_KIND: dict[SurveyKind, Channel] = {
    SurveyKind.outpatient: Channel.outpatient_survey,
    SurveyKind.inpatient: Channel.inpatient_form,
    SurveyKind.public_health: Channel.public_health_phone,
}

CATEGORY_BY_DIMENSION: dict[Dimension, IssueCategory] = {
    Dimension.efficiency: IssueCategory.efficiency,
    Dimension.attitude: IssueCategory.attitude,
    Dimension.skill: IssueCategory.technique,
    Dimension.publicity: IssueCategory.publicity,
    Dimension.civility: IssueCategory.attitude,
    Dimension.environment: IssueCategory.environment,
    Dimension.fees: IssueCategory.charges,
}
"""问题分类 suggested when a single questionnaire item was answered 不满意."""


def check_department(session: Session, department_id: int | None,
                     keep: int | None = None) -> str:
    """The name of an active department ("请选择科室" / "科室不存在或已停用");
    `keep` is a department already on the record, valid even if since deactivated."""
    if department_id is None:
        raise ValidationError("department_id", "请选择科室")
    department = session.get(Department, department_id)
    if department is None or (not department.active and department_id != keep):
        raise ValidationError("department_id", DEPARTMENT_GONE)
    return department.name


def check_day(day: date | None, today: date, field: str, label: str) -> date:
    if day is None:
        raise ValidationError(field, f"请填写{label}")
    if day > today:
        raise ValidationError(field, f"{label}不能晚于今天")
    return day


def _answer(value: object, field: str, label: str) -> str:
    try:
        return Answer(value).value
    except ValueError:
        raise ValidationError(field, f"{label}的答案“{value}”无效，应为满意、基本满意、不满意或未答"
                              ) from None


def _dimension_answers(answers: dict[str, str]) -> dict[str, str]:
    """Every dimension's answer code (a missing one is 未答); ValidationError("answers", …)."""
    cleaned = {d.value: UNANSWERED for d in Dimension}
    for key, value in (answers or {}).items():
        try:
            dimension = Dimension(key)
        except ValueError:
            raise ValidationError("answers", f"问卷中没有“{key}”这一项") from None
        cleaned[dimension.value] = _answer(value, "answers", DIMENSION_LABELS[dimension])
    return cleaned


def clean_survey(session: Session, data: SurveyInput, today: date,
                 keep_department: int | None = None) -> dict[str, Any]:
    """The stored values of a form, or one ValidationError with every bad field's problem
    (field names are SurveyInput's; "answers" for the answers as a whole)."""
    try:
        kind = SurveyKind(data.kind)
    except ValueError:
        raise ValidationError("kind", "请选择调查类别（门诊问卷、住院意见表或公卫电话调查）") from None
    has_comment = bool((data.comment or "").strip())
    day, _name, comment, own = gather_errors(
        lambda: check_day(data.day, today, "day", "调查日期"),
        lambda: check_department(session, data.department_id, keep_department),
        lambda: clean_text(data.comment, field="comment", label="意见建议", max_len=COMMENT_MAX,
                           required=False),
        lambda: (_phone_survey(data, has_comment) if kind == SurveyKind.public_health
                 else _form_answers(data, kind, has_comment)),
    )
    return {d.value: UNANSWERED for d in Dimension} | dict(
        kind=kind.value, day=day, department_id=data.department_id, overall=UNANSWERED,
        comment=comment, patient_name="", bed_no="", cards_given=0, respondent_name="",
        phone="", service_item="", reached=None) | own


def _form_answers(data: SurveyInput, kind: SurveyKind, has_comment: bool) -> dict[str, Any]:
    """A paper form's answers, and an inpatient form's patient, bed and cards given."""

    def answers() -> dict[str, str]:
        cleaned = _dimension_answers(data.answers)
        if all(a == UNANSWERED for a in cleaned.values()) and not has_comment:
            raise ValidationError("answers", NOTHING_ANSWERED)
        return cleaned

    if kind != SurveyKind.inpatient:
        return answers()

    def cards() -> int:
        given = data.cards_given
        if isinstance(given, bool) or not isinstance(given, int) or not 0 <= given <= CARDS_MAX:
            raise ValidationError("cards_given", f"发放连心卡数量须在 0 到 {CARDS_MAX} 张之间")
        return given

    cleaned, cards_given, patient_name, bed_no = gather_errors(
        answers, cards,
        lambda: clean_text(data.patient_name, field="patient_name", label="患者姓名",
                           max_len=30, required=False),
        lambda: clean_text(data.bed_no, field="bed_no", label="床号", max_len=10, required=False),
    )
    return cleaned | dict(patient_name=patient_name, bed_no=bed_no, cards_given=cards_given)


def _phone_survey(data: SurveyInput, has_comment: bool) -> dict[str, Any]:
    """The phone survey's own fields: respondent, phone, service item, reached, overall."""

    def reached() -> None:
        if data.reached not in (True, False):
            raise ValidationError("reached", "请选择是否接通")

    respondent, phone, service_item, _, overall = gather_errors(
        lambda: clean_text(data.respondent_name, field="respondent_name", label="被调查人",
                           max_len=30),
        lambda: clean_phone(data.phone, field="phone", label="联系电话"),
        lambda: clean_text(data.service_item, field="service_item", label="服务项目",
                           max_len=30, required=False),
        reached,
        lambda: _answer(data.overall, "overall", "总体满意度"),
    )
    if not data.reached and overall != UNANSWERED:
        raise ValidationError("overall", "电话未接通，不能填写满意度")
    if data.reached and overall == UNANSWERED and not has_comment:
        raise ValidationError("overall", NOTHING_ANSWERED)
    return dict(respondent_name=respondent, phone=phone, service_item=service_item,
                reached=bool(data.reached), overall=overall)


def _saved(session: Session, survey: Survey, name: str) -> SavedSurvey:
    row = to_row(survey, name, matters_of(session, [survey.id]).get(survey.id), masked=False)
    quota = None
    if survey.kind == SurveyKind.outpatient:
        quota = quota_day(session=session, day=survey.day, department_id=survey.department_id)
    return SavedSurvey(row, quota)


@transactional
def record_survey(*, session: Session, actor: Actor, data: SurveyInput, today: date,
                  now: datetime) -> SavedSurvey:
    """Save one form; returns it and, for an outpatient form, the day's quota after it."""
    require(actor, Permission.record_survey)
    values = clean_survey(session, data, today)
    survey = Survey(**values, entered_by=actor.display_name[:30], entered_at=now)
    session.add(survey)
    session.flush()
    write_audit(session, actor, "create", "survey", survey.id, None, snapshot(survey), now)
    return _saved(session, survey, department_name(session, survey.department_id))


@transactional
def update_survey(*, session: Session, actor: Actor, survey_id: int, data: SurveyInput,
                  today: date, now: datetime) -> SavedSurvey:
    """Correct a form (who entered it and when stay as they were).

    Saving a form unchanged changes nothing and writes no audit row.
    """
    require(actor, Permission.record_survey)
    survey = load_survey(session, survey_id)
    values = clean_survey(session, data, today, keep_department=survey.department_id)
    changed = {name: value for name, value in values.items() if getattr(survey, name) != value}
    if changed:
        before = snapshot(survey)
        for name, value in changed.items():
            setattr(survey, name, value)
        session.add(survey)
        session.flush()
        write_audit(session, actor, "update", "survey", survey.id, before, snapshot(survey), now)
    return _saved(session, survey, department_name(session, survey.department_id))


@transactional
def delete_survey(*, session: Session, actor: Actor, survey_id: int,
                  now: datetime) -> None:
    """Delete a form entered by mistake, unless its comment was registered as a matter."""
    require(actor, Permission.record_survey)
    survey = load_survey(session, survey_id)
    matter = matters_of(session, [survey_id]).get(survey_id)
    if matter is not None:
        raise ValidationError("survey", f"该问卷已登记为诉求（{matter[1]}），不能删除")
    before = snapshot(survey)
    session.delete(survey)
    write_audit(session, actor, "delete", "survey", survey_id, before, None, now)


# --- into the complaints tab ---------------------------------------------------------------


def dissatisfied_items(row: SurveyRow) -> list[str]:
    """The labels of the items answered 不满意 (总体满意度 for the phone survey)."""
    items = [DIMENSION_LABELS[Dimension(d)] for d, a in row.answers.items()
             if a == Answer.dissatisfied]
    if row.overall == Answer.dissatisfied:
        items.append("总体满意度")
    return items


def survey_matter_prefill(*, session: Session, survey_id: int) -> MatterInput:
    """The registration form's values for turning a form's comment into a matter (not saved).

    Channel by kind (门诊满意度问卷 / 住院意见建议表 / 基本公卫电话调查),
    the form's department as target, its comment as content (or the items
    answered 不满意 when there is no comment), the patient or respondent as
    complainant where the form names one (else anonymous), 投诉 when some
    item was 不满意 (else 建议), the 问题分类 of the item when only one was
    不满意 (else left to choose), whoever entered the form as first receiver,
    and source_ref "survey:{id}". ValidationError if already registered.
    """
    survey = load_survey(session, survey_id)
    matter = matters_of(session, [survey_id]).get(survey_id)
    if matter is not None:
        raise ValidationError("survey", f"该问卷已登记为诉求（{matter[1]}）")
    row = to_row(survey, department_name(session, survey.department_id), None, masked=False)
    kind = SurveyKind(row.kind)
    bad = dissatisfied_items(row)
    content = row.comment or (
        f"{SURVEY_KIND_LABELS[kind]}中{'、'.join(bad)}为“{ANSWER_LABELS[Answer.dissatisfied]}”"
        if bad else "")
    name = row.patient_name if kind == SurveyKind.inpatient else row.respondent_name
    bad_dimensions = [Dimension(d) for d, a in row.answers.items() if a == Answer.dissatisfied]
    category = (CATEGORY_BY_DIMENSION[bad_dimensions[0]].value
                if len(bad_dimensions) == 1 else None)
    received = datetime.combine(row.day, row.entered_at.time())
    return MatterInput(
        received_at=min(received, row.entered_at), channel=CHANNEL_BY_KIND[kind].value,
        request_type=(RequestType.complaint if bad else RequestType.suggestion).value,
        complainant_name=name, anonymous=not name, phone=row.phone,
        relation="本人" if name else "", target_department_id=row.department_id,
        target_staff_id=None, target_text="", category=category, content=content,
        first_receiver_name=row.entered_by, source_ref=survey_source_ref(row.id),
    )


def survey_for_matter(*, session: Session, source_ref: str) -> int | None:
    """The id of the form a matter was registered from (by its source_ref), else None."""
    survey_id = survey_id_of(source_ref)
    if survey_id is None or session.get(Survey, survey_id) is None:
        return None
    return survey_id


# --- outpatient visits ---------------------------------------------------------------------


def check_visits(visits: object) -> int:
    if visits is None or visits == "":
        raise ValidationError("visits", "请填写门诊人次")
    if isinstance(visits, bool) or not isinstance(visits, int) or not 0 <= visits <= VISITS_MAX:
        raise ValidationError("visits", f"门诊人次须为 0 到 {VISITS_MAX} 之间的整数")
    return visits


@transactional
def set_visits(*, session: Session, actor: Actor, data: VisitsInput, today: date,
               now: datetime) -> QuotaRow:
    """Enter (or correct) a day's outpatient visits of a department; returns the day's quota.

    A deactivated department keeps a figure already entered for it correctable.
    """
    require(actor, Permission.record_survey)

    def day_and_stored() -> tuple[date, OutpatientVisits | None]:
        day = check_day(data.day, today, "day", "日期")
        stored = None
        if data.department_id is not None:
            stored = session.execute(select(OutpatientVisits).where(
                OutpatientVisits.day == day, OutpatientVisits.department_id == data.department_id)
            ).scalars().first()
        check_department(session, data.department_id, data.department_id if stored else None)
        return day, stored

    (day, stored), visits = gather_errors(day_and_stored, lambda: check_visits(data.visits))
    if stored is None or stored.visits != visits:
        before = snapshot(stored)
        if stored is None:
            stored = OutpatientVisits(day=day, department_id=data.department_id, visits=visits,
                                      updated_at=now, updated_by=actor.display_name[:30])
        else:
            stored.visits, stored.updated_at = visits, now
            stored.updated_by = actor.display_name[:30]
        session.add(stored)
        session.flush()
        write_audit(session, actor, "create" if before is None else "update",
                    "outpatient_visits", stored.id, before, snapshot(stored), now)
    return quota_day(session=session, day=day, department_id=data.department_id)


__all__ = [
    "CARDS_MAX", "VISITS_MAX", "check_department", "check_day", "check_visits", "clean_survey",
    "delete_survey", "get_survey", "list_surveys", "quota_day", "quota_month", "record_survey",
    "set_visits", "survey_for_matter", "survey_matter_prefill", "survey_source_ref",
    "update_survey",
]
