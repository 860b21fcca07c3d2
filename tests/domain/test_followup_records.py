"""Work states, window wording and the tier-2 verdict rules (DESIGN §1.4)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.followup_records import (
    Verdict,
    can_close_lost,
    check_verdict,
    is_due_soon,
    rate,
    window_wording,
    work_state,
)

START, END = date(2026, 11, 17), date(2026, 11, 23)


@pytest.mark.parametrize(
    ("status", "today", "state", "soon", "wording"),
    [
        ("open", date(2026, 11, 15), "upcoming", False, "2 天后开始"),
        ("open", date(2026, 11, 17), "due", False, "剩 6 天"),
        ("open", date(2026, 11, 21), "due", True, "剩 2 天"),
        ("open", date(2026, 11, 23), "due", True, "今天截止"),
        ("open", date(2026, 11, 30), "overdue", False, "逾期 7 天"),
        ("done", date(2026, 11, 30), "done", False, "已完成"),
        ("lost", date(2026, 11, 20), "lost", False, "失访"),
    ],
)
def test_state_against_a_fixed_day(status, today, state, soon, wording):
    assert work_state(status, START, END, today).value == state
    assert is_due_soon(status, START, END, today) is soon
    assert window_wording(status, START, END, today) == wording


def test_lost_needs_three_failed_attempts():
    assert [can_close_lost(n) for n in (0, 2, 3, 4)] == [False, False, True, True]


@pytest.mark.parametrize(
    ("confirms", "matches", "verdict", "ok"),
    [
        (True, True, "done", True),
        (True, False, "done", False),
        (False, True, "done", False),
        (False, False, "not_done", True),
        (True, False, "untrue", True),
        (True, True, "untrue", False),
        (True, True, "maybe", False),
        (True, True, None, False),
    ],
)
def test_the_verdict_must_agree_with_what_the_patient_said(confirms, matches, verdict, ok):
    if ok:
        assert check_verdict(confirms, matches, verdict) is Verdict(verdict)
    else:
        with pytest.raises(ValidationError) as caught:
            check_verdict(confirms, matches, verdict)
        assert caught.value.field == "verdict"


def test_rate_is_none_with_nothing_to_count():
    assert rate(0, 0) is None and rate(3, 4) == 0.75
