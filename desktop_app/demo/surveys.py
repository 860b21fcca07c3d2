"""The demo's year of outpatient visits and survey forms, and the complaints' findings (issue 6).

The year before `today` is bulk inserted (about 25,000 forms: the services
one form at a time would take minutes), with one audit row saying so. The
demo day itself goes through the services as the front desk would: the
morning's visits of 内科 and a few questionnaires, below quota so far. Two
negative comments become registered matters, and the demo complaints get a
核实结论, so the department scores have substantiated complaints to count.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, insert, select
from sqlmodel import Session

from desktop_app.demo.matters import DemoPeople
from desktop_app.demo.surveys_data import COMPLAINTS, generate
from desktop_app.db.models import Matter, MatterEvent, OutpatientVisits, Survey
from desktop_app.db.services.matter_finding import set_matter_finding
from desktop_app.db.services.matters_register import register_matter
from desktop_app.records.survey_rows import SurveyInput, VisitsInput
from desktop_app.db.services.surveys import record_survey, set_visits, survey_matter_prefill
from desktop_app.db.tx import write_audit
from desktop_app.domain.deadlines import RequestType
from desktop_app.domain.matters import Finding, IssueCategory
from desktop_app.domain.satisfaction import Answer, Dimension, SurveyKind

DAYS = 365
TODAY_ANSWERS = ("1111111", "1121112", "1111113", "2211111")  # keys 1/2/3 per dimension
CONVERTED = 2  # negative comments registered as matters
# every n-th demo complaint/criticism with a department gets this finding
FINDINGS = ((Finding.substantiated, ""), (Finding.unfounded, "经调取监控核实，与反映情况不符。"),
            (Finding.partly, ""), (Finding.unverifiable, "反映人未提供具体时间，无法核实。"))


def fill_surveys(*, session: Session, people: DemoPeople, now: datetime, today: date) -> int:
    """Fill the year of forms, the demo day's entries and the findings; returns the form count."""
    member = people.member
    visits, forms = generate(people.departments, today - timedelta(days=DAYS),
                             today - timedelta(days=1), entered_by=member.display_name)
    session.execute(insert(OutpatientVisits), visits)
    session.execute(insert(Survey), forms)
    write_audit(session, member, "import", "survey", "", None,
                {"演示数据": f"{len(visits)} 条门诊人次，{len(forms)} 份调查表"}, now)
    _register_comments(session, people, today, now)
    _the_demo_day(session, people, today, now)
    _findings(session, people, today)
    return len(forms) + len(TODAY_ANSWERS)


def _the_demo_day(session: Session, people: DemoPeople, today: date, now: datetime) -> None:
    start = datetime.combine(today, time(8, 0))
    if now < start + timedelta(minutes=30):
        return
    internal = people.departments["内科"]
    set_visits(session=session, actor=people.member, today=today, now=start,
               data=VisitsInput(today, internal, 24))
    for n, keys in enumerate(TODAY_ANSWERS):
        answers = {d.value: _key(k) for d, k in zip(Dimension, keys, strict=True)}
        record_survey(session=session, actor=people.member, today=today,
                      now=min(now, start + timedelta(minutes=10 + n)),
                      data=SurveyInput(SurveyKind.outpatient, today, internal, answers))


def _key(key: str) -> str:
    return {"1": Answer.satisfied, "2": Answer.basic, "3": Answer.dissatisfied}[key].value


def _register_comments(session: Session, people: DemoPeople, today: date, now: datetime) -> None:
    """The last negative comments of last week become matters (channel 门诊满意度问卷 …)."""
    week_ago = today - timedelta(days=7)
    ids = session.execute(
        select(Survey.id).where(Survey.day >= week_ago, Survey.comment.in_(COMPLAINTS))
        .order_by(Survey.day.desc(), Survey.id.desc()).limit(CONVERTED)).scalars().all()
    for n, survey_id in enumerate(ids):
        prefill = survey_matter_prefill(session=session, survey_id=survey_id)
        day = session.get(Survey, survey_id).day
        received = datetime.combine(day, time(17, 0)) + timedelta(minutes=n)
        register_matter(session=session, actor=people.member, now=min(now, received), data=(
            dataclasses.replace(prefill, received_at=received,
                                category=prefill.category or IssueCategory.other.value,
                                first_receiver_name=people.member.display_name)))


def _findings(session: Session, people: DemoPeople, today: date) -> None:
    """The office director's finding, an hour after each matter's last step (not after the
    evening before the demo day, like every other demo step)."""
    cutoff = datetime.combine(today, time(0)) - timedelta(hours=6)
    adverse = (RequestType.criticism, RequestType.complaint, RequestType.report)
    rows = session.execute(
        select(Matter.id, func.max(MatterEvent.at))
        .join(MatterEvent, MatterEvent.matter_id == Matter.id)
        .where(Matter.request_type.in_(adverse), Matter.target_department_id.is_not(None))
        .group_by(Matter.id).order_by(Matter.id)).all()
    for n, (matter_id, last_step) in enumerate(rows):
        at = last_step + timedelta(hours=1)
        if at > cutoff:
            continue
        finding, note = FINDINGS[n % len(FINDINGS)]
        set_matter_finding(session=session, actor=people.admin, matter_id=matter_id,
                           finding=finding.value, note=note, now=at)
