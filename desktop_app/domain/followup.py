"""Three-tier discharge follow-up plan (DESIGN §1.4, seed 004 出院患者三级回访).

Day 0 is the discharge date. Default windows (settings may change them):
- 一级回访 day 1–7: the clinical department's doctor and nurse, by phone;
- 二级回访 day 8–14: the service office, by phone;
- 三级回访 day 1–30: hospital leadership, home visit — special patients only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum

from desktop_app.domain.defaults import DEFAULT_FOLLOWUP_WINDOWS, FollowUpWindowSetting


class FollowUpTier(IntEnum):
    """回访级别."""

    first = 1
    second = 2
    third = 3


FOLLOWUP_TIER_LABELS: Mapping[FollowUpTier, str] = {
    FollowUpTier.first: "一级回访",
    FollowUpTier.second: "二级回访",
    FollowUpTier.third: "三级回访",
}


@dataclass(frozen=True)
class FollowUpWindow:
    """The dates (both inclusive) in which one tier's follow-up should happen."""

    tier: FollowUpTier
    start: date
    end: date

    def contains(self, day: date) -> bool:
        """True if `day` lies in the window."""
        return self.start <= day <= self.end


def plan(
    discharged_on: date,
    special: bool,
    windows: Iterable[FollowUpWindowSetting] | None = None,
) -> list[FollowUpWindow]:
    """The follow-up windows for a patient discharged on `discharged_on` (DESIGN §1.4).

    Each setting's day offsets are added to the discharge date (day 0).
    Tier 3 is planned only for special patients. `windows` overrides the
    defaults; a tier missing from it falls back to its default. Sorted by tier.
    """
    settings = {w.tier: w for w in DEFAULT_FOLLOWUP_WINDOWS}
    if windows is not None:
        settings.update({w.tier: w for w in windows})
    result: list[FollowUpWindow] = []
    for tier in FollowUpTier:
        if tier is FollowUpTier.third and not special:
            continue
        setting = settings[tier]
        result.append(
            FollowUpWindow(
                tier=tier,
                start=discharged_on + timedelta(days=setting.first_day),
                end=discharged_on + timedelta(days=setting.last_day),
            )
        )
    return result
