"""Default limits and windows: the ONE place they are written down (DESIGN §1).

Everything here is a *default*; the settings table may override it
(DESIGN §1.1 "Limits are settings with these defaults", §1.4 "Windows are
settings with these defaults", §1.7 sampling ratio "a setting").

- Request time limits (DESIGN §1.1, seed 004 工作时限):
  咨询/求助 → 2 calendar days; 建议/批评/投诉/举报 → 10 working days.
- Discharge follow-up windows, day 0 = discharge (DESIGN §1.4, seed 004 三级回访):
  一级 day 1–7, 二级 day 8–14, 三级 (special patients) day 1–30.
- Outpatient sampling ratio 30% (DESIGN §1.7; 县级 10% is set in settings).
- Idle lock after 15 minutes, rectification deadline 5 working days.

Limits are keyed by the request-type *code* (a plain string) so this module
does not import `deadlines`; `RequestType` is a `StrEnum`, so
`DEFAULT_LIMITS[RequestType.complaint]` works as well.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

LimitKind = Literal["calendar", "workdays"]


@dataclass(frozen=True)
class Limit:
    """A time limit: `days` calendar days or `days` working days after receipt.

    A calendar limit may be 0 (due the same day); a working-day limit needs
    at least 1 working day, because counting starts the day after receipt.
    """

    kind: LimitKind
    days: int

    def __post_init__(self) -> None:
        if self.kind not in ("calendar", "workdays"):
            raise ValueError(f"unknown limit kind: {self.kind!r}")
        minimum = 0 if self.kind == "calendar" else 1
        if self.days < minimum:
            raise ValueError(f"{self.kind} limit needs days >= {minimum}, got {self.days}")


@dataclass(frozen=True)
class FollowUpWindowSetting:
    """A follow-up tier's window as day offsets from discharge (day 0), both inclusive."""

    tier: int
    first_day: int
    last_day: int

    def __post_init__(self) -> None:
        if self.tier not in (1, 2, 3):
            raise ValueError(f"follow-up tier must be 1, 2 or 3, got {self.tier}")
        if self.first_day < 0 or self.last_day < self.first_day:
            raise ValueError(
                f"bad follow-up window day {self.first_day}–{self.last_day} for tier {self.tier}"
            )


DEFAULT_LIMITS: Mapping[str, Limit] = MappingProxyType(
    {
        "consultation": Limit("calendar", 2),
        "help": Limit("calendar", 2),
        "suggestion": Limit("workdays", 10),
        "criticism": Limit("workdays", 10),
        "complaint": Limit("workdays", 10),
        "report": Limit("workdays", 10),
    }
)
"""Request-type code → default limit (DESIGN §1.1 table)."""

DEFAULT_FOLLOWUP_WINDOWS: tuple[FollowUpWindowSetting, ...] = (
    FollowUpWindowSetting(tier=1, first_day=1, last_day=7),
    FollowUpWindowSetting(tier=2, first_day=8, last_day=14),
    FollowUpWindowSetting(tier=3, first_day=1, last_day=30),
)
"""Default follow-up windows, one per tier (DESIGN §1.4 table)."""

DEFAULT_SAMPLING_RATIO: float = 0.30
"""Share of each day's outpatient visits that should answer a questionnaire (DESIGN §1.7)."""

DEFAULT_IDLE_LOCK_MINUTES: int = 15
"""Minutes without input after which the program locks and asks for the password."""

DEFAULT_RECTIFICATION_WORKDAYS: int = 5
"""Default deadline of a rectification item, in working days after the inspection (§1.5)."""

DEFAULT_SCORE_WEIGHTS: tuple[int, int, int, int] = (40, 30, 10, 20)
"""科室月度满意度考评 weights in percent (DESIGN §1.8): questionnaire satisfaction,
follow-up satisfaction, tier-1 follow-ups found done (二级核查落实), complaints."""

DEFAULT_COMPLAINT_DEDUCTION: int = 10
"""Points taken off the complaints item (out of 100) for each substantiated complaint."""
