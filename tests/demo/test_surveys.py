"""The demo fills a year of outpatient visits and forms, some days short of the quota (issue 6 §7)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from desktop_app.db.database import Database
from desktop_app.db.models import AuditLog, Department, Matter, Survey
from desktop_app.db.services.scores import month_scores
from desktop_app.db.services.survey_results import satisfaction_results, satisfaction_trend
from desktop_app.db.services.surveys import survey_for_matter
from desktop_app.db.services.surveys_query import quota_day, quota_month
from desktop_app.domain.matters import Channel
from desktop_app.domain.satisfaction import SurveyKind

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 10, 0)


@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_db_file):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    demo_db_file(path, now=NOW, today=TODAY)
    db = Database.open(path, now=NOW)
    yield db
    db.close()


def test_a_year_of_every_kind_of_form_and_nothing_after_now(demo):
    with demo.session() as s:
        rows = s.execute(select(Survey.kind, func.count(), func.min(Survey.day), func.max(Survey.day),
                                func.max(Survey.entered_at)).group_by(Survey.kind)).all()
    kinds = {kind: (n, first, last, entered) for kind, n, first, last, entered in rows}
    assert set(kinds) == set(SurveyKind)
    assert kinds[SurveyKind.outpatient][0] > 15000
    assert all(first <= TODAY - timedelta(days=364) for _n, first, _l, _e in kinds.values())
    assert all(last <= TODAY and entered <= NOW for _n, _f, last, entered in kinds.values())


def test_some_days_fall_short_and_most_do_not(demo):
    with demo.session() as s:
        october = quota_month(session=s, month="2026-10")
    short = october.short_days()
    assert 0 < len(short) < len(october.days) / 2
    day = short[0]
    cells = [october.cells[(day, dep)] for dep, _name in october.departments]
    assert any(c.quota.met is False and c.surveys < c.quota.required for c in cells)


def test_the_demo_day_has_the_morning_entries_below_quota(demo):
    with demo.session() as s:
        internal = s.execute(select(Department.id).where(Department.name == "内科")).scalar_one()
        quota = quota_day(session=s, day=TODAY, department_id=internal)
    assert (quota.visits, quota.surveys, quota.quota.met) == (24, 4, False)


def test_two_negative_comments_became_matters_that_lead_back(demo):
    with demo.session() as s:
        matters = s.execute(select(Matter).where(Matter.source_ref.like("survey:%"))).scalars().all()
        assert len(matters) == 2
        for matter in matters:
            assert matter.channel == Channel.outpatient_survey
            survey_id = survey_for_matter(session=s, source_ref=matter.source_ref)
            assert s.get(Survey, survey_id).comment in matter.content


def test_results_trend_and_scores_have_figures_and_the_bulk_is_audited(demo):
    with demo.session() as s:
        results = satisfaction_results(session=s, month="2026-10")
        trend = satisfaction_trend(session=s, month="2026-10")
        scores = month_scores(session=s, month="2026-10", today=TODAY)
        audited = s.execute(select(func.count()).select_from(AuditLog)
                            .where(AuditLog.table_name == "survey")).scalar_one()
    assert results.forms > 1000 and 0.85 < results.total.rate < 1
    assert results.lowest[0].dimension == "fees"  # the fee item scores lowest, as in seed 000
    assert len(trend) == 12 and all(p.counts.answered for p in trend)
    assert any(row.score.total is not None for row in scores.rows)
    assert any(row.inputs.substantiated for row in scores.rows)
    assert audited >= 1
