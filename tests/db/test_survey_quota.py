"""Outpatient visits and the daily quota (issue 6 §1, §3; DESIGN §1.7): entering and replacing a
day's visits, its refusals, the day's quota after each questionnaire, and the month view computed
on known data (which departments, each cell, day and month totals, the short days)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from desktop_app.db.services.departments import create_department, update_department
from desktop_app.db.services.settings import update_settings
from desktop_app.records.survey_rows import VisitsInput
from desktop_app.db.services.surveys import quota_day, quota_month, set_visits
from desktop_app.domain.errors import ValidationError
from tests.support.db import audit_count, audit_rows
from tests.support.surveys import DAY, INPATIENT, OUTPATIENT, make_departments, survey, visits


@pytest.fixture
def deps(session, admin, now) -> dict[str, int]:
    return make_departments(session, admin, now)


def test_visits_are_entered_replaced_and_audited(session, member, deps, today, now):
    row = visits(session, member, today, DAY, deps["内科"], 40)
    assert (row.day, row.department_name, row.visits, row.surveys, row.ratio) == (
        DAY, "内科", 40, 0, 0.3)
    assert (row.quota.required, row.quota.met, row.quota.shortfall) == (12, False, 12)
    audits = audit_count(session)
    visits(session, member, today, DAY, deps["内科"], 40)  # the same figure: nothing to record
    assert audit_count(session) == audits
    row = visits(session, member, today, DAY, deps["内科"], 30)
    assert row.visits == 30 and row.quota.required == 9
    rows = [r for r in audit_rows(session) if r.table_name == "outpatient_visits"]
    assert [r.action for r in rows] == ["create", "update"]
    assert json.loads(rows[1].before)["visits"] == 40 and json.loads(rows[1].after)["visits"] == 30
    assert quota_day(session=session, day=DAY, department_id=deps["内科"]).visits == 30


@pytest.mark.parametrize(("data", "field", "message"), [
    (VisitsInput(None, 0, 10), "day", "请填写日期"),
    (VisitsInput(date(2026, 11, 24), 0, 10), "day", "日期不能晚于今天"),
    (VisitsInput(DAY, None, 10), "department_id", "请选择科室"),
    (VisitsInput(DAY, 999, 10), "department_id", "科室不存在或已停用"),
    (VisitsInput(DAY, 0, None), "visits", "请填写门诊人次"),
    (VisitsInput(DAY, 0, -1), "visits", "0 到 100000"),
    (VisitsInput(DAY, 0, 100_001), "visits", "0 到 100000"),
])
def test_bad_visits_are_refused(session, member, deps, today, data, field, message, now):
    if data.department_id == 0:
        data = VisitsInput(data.day, deps["内科"], data.visits)
    audits = audit_count(session)
    with pytest.raises(ValidationError, match=message) as caught:
        set_visits(session=session, actor=member, data=data, today=today, now=now)
    assert caught.value.field == field and audit_count(session) == audits


def test_a_deactivated_departments_figure_can_be_corrected(session, admin, member, deps, today, now):
    visits(session, member, today, DAY, deps["外科"], 20)
    update_department(session=session, actor=admin, department_id=deps["外科"], name="外科",
                      is_clinical=True, active=False, now=now)
    assert visits(session, member, today, DAY, deps["外科"], 25).visits == 25
    with pytest.raises(ValidationError, match="科室不存在或已停用"):
        visits(session, member, today, date(2026, 11, 21), deps["外科"], 5)


def test_the_days_ratio_changes_with_each_questionnaire(session, member, deps, today):
    visits(session, member, today, DAY, deps["内科"], 10)
    seen = [survey(session, member, today, OUTPATIENT, deps["内科"]).quota for _ in range(4)]
    assert [(q.surveys, q.quota.sampled, q.quota.met) for q in seen] == [
        (1, 0.1, False), (2, 0.2, False), (3, 0.3, True), (4, 0.4, True)]
    # inpatient forms and other departments' forms do not count
    survey(session, member, today, INPATIENT, deps["内科"])
    survey(session, member, today, OUTPATIENT, deps["外科"])
    assert quota_day(session=session, day=DAY, department_id=deps["内科"]).surveys == 4


def test_more_questionnaires_than_visits_is_shown_and_can_be_corrected(session, member, deps,
                                                                        today):
    visits(session, member, today, DAY, deps["内科"], 2)
    for _ in range(2):
        survey(session, member, today, OUTPATIENT, deps["内科"])
    quota = survey(session, member, today, OUTPATIENT, deps["内科"]).quota.quota
    assert quota.exceeds_visits and quota.met
    fixed = visits(session, member, today, DAY, deps["内科"], 20)
    assert not fixed.quota.exceeds_visits and fixed.quota.met is False


def test_the_ratio_is_the_setting(session, admin, member, deps, today, now):
    update_settings(session=session, actor=admin, values={"sampling_ratio": 0.1}, now=now)
    row = visits(session, member, today, DAY, deps["内科"], 45)
    assert (row.ratio, row.quota.required) == (0.1, 5)


def test_the_month_view_on_known_data(session, admin, member, deps, today, now):
    # 眼科: clinical but inactive and without data → not listed;
    # 药房: not clinical, but had an outpatient form in the month → listed
    eye = create_department(session=session, actor=admin, name="眼科", is_clinical=True, now=now)
    update_department(session=session, actor=admin, department_id=eye.id, name="眼科",
                      is_clinical=True, active=False, now=now)
    data = {  # (day, department): (visits or None, outpatient forms)
        (date(2026, 11, 2), "内科"): (40, 12),   # met exactly (ceil 12.0)
        (date(2026, 11, 2), "外科"): (21, 6),    # required ceil(6.3) = 7 → short
        (date(2026, 11, 3), "内科"): (10, 3),    # met
        (date(2026, 11, 3), "外科"): (None, 2),  # visits not entered → not judged
        (date(2026, 11, 4), "药房"): (None, 1),
        (date(2026, 11, 5), "内科"): (0, 0),     # no visits, nothing required
    }
    for (day, name), (count, forms) in data.items():
        if count is not None:
            visits(session, member, today, day, deps[name], count)
        for _ in range(forms):
            survey(session, member, today, OUTPATIENT, deps[name], day=day)
    survey(session, member, today, INPATIENT, deps["外科"], day=date(2026, 11, 2))
    visits(session, member, today, date(2026, 10, 31), deps["内科"], 99)  # another month

    month = quota_month(session=session, month="2026-11")
    assert month.month == "2026-11" and month.ratio == 0.3
    assert month.departments == ((deps["内科"], "内科"), (deps["外科"], "外科"),
                                 (deps["药房"], "药房"))
    assert len(month.days) == 30 and month.days[0] == date(2026, 11, 1)
    assert len(month.cells) == 30 * 3
    expected = {  # (day, name): (visits, surveys, required, met)
        (date(2026, 11, 2), "内科"): (40, 12, 12, True),
        (date(2026, 11, 2), "外科"): (21, 6, 7, False),
        (date(2026, 11, 3), "内科"): (10, 3, 3, True),
        (date(2026, 11, 3), "外科"): (None, 2, None, None),
        (date(2026, 11, 4), "药房"): (None, 1, None, None),
        (date(2026, 11, 5), "内科"): (0, 0, 0, True),
        (date(2026, 11, 6), "内科"): (None, 0, None, None),
    }
    for (day, name), figures in expected.items():
        cell = month.cells[(day, deps[name])]
        assert (cell.visits, cell.surveys, cell.quota.required, cell.quota.met) == figures
    assert month.short_days() == (date(2026, 11, 2),)
    total = month.day_totals[date(2026, 11, 2)]
    assert (total.department_id, total.department_name, total.visits, total.surveys) == (
        0, "全院", 61, 18)
    assert total.unmatched == 0
    # 11-03: 外科's 2 forms have no visits to be counted against: set apart, not in the share
    nov_3 = month.day_totals[date(2026, 11, 3)]
    assert (nov_3.visits, nov_3.surveys, nov_3.unmatched, nov_3.quota.sampled) == (10, 3, 2, 0.3)
    nov_4 = month.day_totals[date(2026, 11, 4)]  # only 药房's form, no visits at all
    assert (nov_4.visits, nov_4.surveys, nov_4.unmatched, nov_4.quota.met) == (None, 0, 1, None)
    assert month.day_totals[date(2026, 11, 7)].visits is None
    assert month.day_totals[date(2026, 11, 7)].unmatched == 0
    total = month.month_total
    assert (total.day, total.visits, total.surveys, total.unmatched) == (
        date(2026, 11, 1), 71, 21, 3)


def test_totals_count_only_questionnaires_with_visits(session, member, deps, today):
    """内科 100 visits / 30 forms, 外科 no visits / 30 forms: 全院 is 30/100 = 30%, met,
    with the 30 unmatched forms shown apart (not 60/100 = 60%)."""
    visits(session, member, today, DAY, deps["内科"], 100)
    for name in ("内科", "外科"):
        for _ in range(30):
            survey(session, member, today, OUTPATIENT, deps[name])
    month = quota_month(session=session, month="2026-11")
    for total in (month.day_totals[DAY], month.month_total):
        assert (total.visits, total.surveys, total.unmatched) == (100, 30, 30)
        assert (total.quota.sampled, total.quota.required, total.quota.met) == (0.3, 30, True)
    # 外科's visits entered later: its forms join the share
    visits(session, member, today, DAY, deps["外科"], 200)
    total = quota_month(session=session, month="2026-11").month_total
    assert (total.visits, total.surveys, total.unmatched) == (300, 60, 0)
    assert (total.quota.required, total.quota.met) == (90, False)


def test_an_empty_month_lists_the_active_clinical_departments(session, deps):
    month = quota_month(session=session, month="2026-02")
    assert [name for _, name in month.departments] == ["内科", "外科"]
    assert len(month.days) == 28 and month.short_days() == ()
    assert month.month_total.visits is None and month.month_total.surveys == 0
    assert month.month_total.unmatched == 0


@pytest.mark.parametrize("bad", ["2026-13", "2026/11", "", "11-2026"])
def test_a_bad_month_is_refused(session, bad):
    with pytest.raises(ValidationError, match="月份") as caught:
        quota_month(session=session, month=bad)
    assert caught.value.field == "month"
