"""Institution settings: DESIGN §1 defaults, all-or-nothing saves (DESIGN §3)."""

from __future__ import annotations

import pytest

from desktop_app.db.services import settings
from desktop_app.domain.defaults import DEFAULT_FOLLOWUP_WINDOWS, DEFAULT_LIMITS
from desktop_app.domain.errors import ValidationError
from tests.support.db import audit_count


def test_defaults_are_the_ones_in_design(session):
    s = settings.get_settings(session=session)
    assert (s.limit_consultation_days, s.limit_help_days) == (2, 2)
    assert (s.limit_suggestion_workdays, s.limit_criticism_workdays,
            s.limit_complaint_workdays, s.limit_report_workdays) == (10, 10, 10, 10)
    assert (s.followup_tier1_start, s.followup_tier1_end) == (1, 7)
    assert (s.followup_tier2_start, s.followup_tier2_end) == (8, 14)
    assert (s.followup_tier3_start, s.followup_tier3_end) == (1, 30)
    assert s.sampling_ratio == pytest.approx(0.30)
    assert s.idle_lock_minutes == 15


def test_defaults_agree_with_the_domain_defaults(session):
    """The one place defaults are written down (domain.defaults) and the table agree."""
    s = settings.get_settings(session=session)
    assert s.limit_consultation_days == DEFAULT_LIMITS["consultation"].days
    assert s.limit_help_days == DEFAULT_LIMITS["help"].days
    for code in ("suggestion", "criticism", "complaint", "report"):
        assert getattr(s, f"limit_{code}_workdays") == DEFAULT_LIMITS[code].days
    for w in DEFAULT_FOLLOWUP_WINDOWS:
        assert (getattr(s, f"followup_tier{w.tier}_start"),
                getattr(s, f"followup_tier{w.tier}_end")) == (w.first_day, w.last_day)


def test_update_of_several_fields_persists_across_sessions(db, session, admin, now):
    values = {
        "name": "示例镇卫生院",
        "complaint_phone": "0538-5991234",
        "email": "fwb@example.com",
        "limit_complaint_workdays": 15,
        "followup_tier2_end": 20,
        "sampling_ratio": 0.10,
        "idle_lock_minutes": 30,
    }
    saved = settings.update_settings(session=session, actor=admin, values=values, now=now)
    assert saved.limit_complaint_workdays == 15
    with db.session() as fresh:
        s = settings.get_settings(session=fresh)
    assert (s.name, s.complaint_phone, s.email) == ("示例镇卫生院", "0538-5991234", "fwb@example.com")
    assert (s.limit_complaint_workdays, s.followup_tier2_end, s.idle_lock_minutes) == (15, 20, 30)
    assert s.sampling_ratio == pytest.approx(0.10)
    # fields not mentioned keep their values
    assert (s.limit_report_workdays, s.followup_tier2_start) == (10, 8)


def test_a_second_update_changes_only_what_it_names(db, session, admin, now):
    settings.update_settings(session=session, actor=admin, values={"name": "示例镇卫生院"}, now=now)
    settings.update_settings(session=session, actor=admin, values={"idle_lock_minutes": 5}, now=now)
    with db.session() as fresh:
        s = settings.get_settings(session=fresh)
    assert (s.name, s.idle_lock_minutes) == ("示例镇卫生院", 5)


def test_phone_is_normalized(session, admin, now):
    s = settings.update_settings(session=session, actor=admin,
                                 values={"complaint_phone": "(0538) 5991234 转 8"}, now=now)
    assert s.complaint_phone == "0538-5991234-8"


@pytest.mark.parametrize("bad, field", [
    ({"sampling_ratio": 1.5}, "sampling_ratio"),
    ({"sampling_ratio": 0}, "sampling_ratio"),
    ({"sampling_ratio": "三成"}, "sampling_ratio"),
    ({"limit_complaint_workdays": 0}, "limit_complaint_workdays"),
    ({"limit_complaint_workdays": "10"}, "limit_complaint_workdays"),
    ({"limit_complaint_workdays": True}, "limit_complaint_workdays"),
    ({"idle_lock_minutes": 0}, "idle_lock_minutes"),
    ({"email": "not-an-email"}, "email"),
    ({"complaint_phone": "12345"}, "complaint_phone"),
    ({"name": ""}, "name"),
    ({"name": "院" * 61}, "name"),
    ({"followup_tier1_end": 0}, "followup_tier1_end"),
    ({"followup_tier2_start": 20}, "followup_tier2_end"),
    ({"followup_tier3_start": 31, "followup_tier3_end": 30}, "followup_tier3_end"),
])
def test_one_invalid_value_among_valid_ones_saves_none(db, session, admin, bad, field, now):
    before = settings.get_settings(session=session)
    n = audit_count(session)
    values = {"name": "示例镇卫生院", "limit_report_workdays": 12, "idle_lock_minutes": 20} | bad
    with pytest.raises(ValidationError) as info:
        settings.update_settings(session=session, actor=admin, values=values, now=now)
    assert info.value.field == field
    assert info.value.message
    with db.session() as fresh:
        assert settings.get_settings(session=fresh) == before
    assert audit_count(session) == n


def test_window_end_before_start_refused_with_a_chinese_message(session, admin, now):
    with pytest.raises(ValidationError) as info:
        settings.update_settings(session=session, actor=admin,
                                 values={"followup_tier1_start": 5, "followup_tier1_end": 3}, now=now)
    assert info.value.field == "followup_tier1_end"
    assert "不能早于" in info.value.message


def test_invalid_update_after_a_valid_one_keeps_the_valid_one(db, session, admin, now):
    settings.update_settings(session=session, actor=admin,
                             values={"name": "示例镇卫生院", "limit_help_days": 3}, now=now)
    with pytest.raises(ValidationError):
        settings.update_settings(session=session, actor=admin,
                                 values={"limit_help_days": 1, "followup_tier2_end": 1}, now=now)
    with db.session() as fresh:
        s = settings.get_settings(session=fresh)
    assert (s.name, s.limit_help_days, s.followup_tier2_end) == ("示例镇卫生院", 3, 14)


def test_score_weights_default_to_40_30_10_20_and_10_points(session):
    weights = settings.score_weights(settings.get_settings(session=session))
    assert weights.items == (40, 30, 10, 20)
    assert weights.complaint_deduction == 10


def test_score_weights_not_summing_to_100_are_refused_and_nothing_saved(db, session, admin, now):
    with pytest.raises(ValidationError) as info:
        settings.update_settings(session=session, actor=admin, now=now, values={
            "name": "示例镇卫生院", "score_weight_survey": 50, "score_weight_followup": 30})
    assert info.value.field == "score_weights"
    assert "合计须为 100%" in info.value.message and "110%" in info.value.message
    with db.session() as fresh:
        s = settings.get_settings(session=fresh)
    assert (s.name, s.score_weight_survey) != ("示例镇卫生院", 50)


def test_score_weights_that_sum_to_100_are_saved(db, session, admin, now):
    settings.update_settings(session=session, actor=admin, now=now, values={
        "score_weight_survey": 50, "score_weight_followup": 20, "score_weight_check": 10,
        "score_weight_complaints": 20, "score_complaint_deduction": 5})
    with db.session() as fresh:
        weights = settings.score_weights(settings.get_settings(session=fresh))
    assert (weights.items, weights.complaint_deduction) == ((50, 20, 10, 20), 5)
