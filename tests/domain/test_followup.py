"""Three-tier discharge follow-up windows (DESIGN §1.4)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.domain.defaults import DEFAULT_FOLLOWUP_WINDOWS, FollowUpWindowSetting
from desktop_app.domain.followup import (
    FOLLOWUP_TIER_LABELS,
    FollowUpTier,
    FollowUpWindow,
    plan,
)

D = date
T = FollowUpTier


@pytest.mark.parametrize(
    ("discharged", "special", "expected"),
    [
        (
            D(2025, 9, 30),
            False,
            [
                FollowUpWindow(T.first, D(2025, 10, 1), D(2025, 10, 7)),
                FollowUpWindow(T.second, D(2025, 10, 8), D(2025, 10, 14)),
            ],
        ),
        (
            D(2025, 12, 28),
            True,
            [
                FollowUpWindow(T.first, D(2025, 12, 29), D(2026, 1, 4)),
                FollowUpWindow(T.second, D(2026, 1, 5), D(2026, 1, 11)),
                FollowUpWindow(T.third, D(2025, 12, 29), D(2026, 1, 27)),
            ],
        ),
        (
            D(2028, 2, 20),  # leap year: day 8–14 crosses Feb 29
            False,
            [
                FollowUpWindow(T.first, D(2028, 2, 21), D(2028, 2, 27)),
                FollowUpWindow(T.second, D(2028, 2, 28), D(2028, 3, 5)),
            ],
        ),
    ],
)
def test_plan_defaults(discharged: date, special: bool, expected: list[FollowUpWindow]) -> None:
    assert plan(discharged, special) == expected


def test_plan_with_custom_windows() -> None:
    windows = [
        FollowUpWindowSetting(tier=1, first_day=1, last_day=3),
        FollowUpWindowSetting(tier=3, first_day=2, last_day=15),
    ]
    assert plan(D(2026, 3, 1), True, windows) == [
        FollowUpWindow(T.first, D(2026, 3, 2), D(2026, 3, 4)),
        FollowUpWindow(T.second, D(2026, 3, 9), D(2026, 3, 15)),  # default kept
        FollowUpWindow(T.third, D(2026, 3, 3), D(2026, 3, 16)),
    ]


def test_default_windows_match_design() -> None:
    assert [(w.tier, w.first_day, w.last_day) for w in DEFAULT_FOLLOWUP_WINDOWS] == [
        (1, 1, 7),
        (2, 8, 14),
        (3, 1, 30),
    ]


@pytest.mark.parametrize(("tier", "first", "last"), [(4, 1, 7), (1, 5, 4), (2, -1, 3)])
def test_bad_window_setting(tier: int, first: int, last: int) -> None:
    with pytest.raises(ValueError):
        FollowUpWindowSetting(tier, first, last)


@pytest.mark.parametrize(
    ("day", "inside"),
    [(D(2025, 9, 30), False), (D(2025, 10, 1), True), (D(2025, 10, 7), True), (D(2025, 10, 8), False)],
)
def test_window_contains(day: date, inside: bool) -> None:
    window = plan(D(2025, 9, 30), False)[0]
    assert window.contains(day) is inside


def test_labels() -> None:
    assert [FOLLOWUP_TIER_LABELS[t] for t in FollowUpTier] == ["一级回访", "二级回访", "三级回访"]
    assert [int(t) for t in FollowUpTier] == [1, 2, 3]
