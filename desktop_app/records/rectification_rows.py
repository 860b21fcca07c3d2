"""Plain rows of the 整改台账 (rectification ledger) services (DESIGN §1.5; no ORM leaves db/).

Codes are domain values: `RectificationStatus`, `RectificationSource`
(domain.rectification). Field names of `ValidationError`s: "source_kind",
"found_on", "problem", "measure", "department_ids", "deadline", "area",
"source_text", "rectified_at", "note", "by", "on", "photo", "status".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from desktop_app.records.inspection_rows import PhotoRow
from desktop_app.domain.rectification import (
    RECTIFICATION_SOURCE_LABELS,
    RECTIFICATION_STATUS_LABELS,
    RectificationSource,
    RectificationStatus,
)


# --- rectification ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RectificationInput:
    """A rectification item entered by hand (a survey result, a superior's inspection …).

    As the seeds' plans write them: 问题, 整改措施, 整改时限, 责任科室.
    `found_on` is when the problem was found (not in the future); the
    deadline may not be before it. `source_text` names the source, e.g.
    "2026年第三季度满意度调查".
    """

    source_kind: str | None
    found_on: date | None
    problem: str
    measure: str
    department_ids: tuple[int, ...]
    deadline: date | None
    source_text: str = ""
    area: str = ""


@dataclass(frozen=True)
class PlanInput:
    """A change of an item's plan while it is 待整改: problem, measure, departments, deadline."""

    problem: str
    measure: str
    department_ids: tuple[int, ...]
    deadline: date | None


@dataclass(frozen=True)
class RecheckInput:
    """A re-check (复查) by a named person: when, passed or not, a note, an optional photo file.

    A pass closes the item (已销号); a fail sends it back to 待整改 and needs the note.
    """

    by: str
    on: date | None
    passed: bool
    note: str = ""
    photo: Path | None = None


@dataclass(frozen=True)
class RectificationFilter:
    """The ledger's filters; None/False means any.

    `start`/`end` limit the day the problem was found; `overdue_only` means
    逾期 as of the list's `today`; `open_only` leaves out 已销号.
    """

    status: str | None = None
    department_id: int | None = None
    source_kind: str | None = None
    open_only: bool = False
    overdue_only: bool = False
    start: date | None = None
    end: date | None = None
    inspection_id: int | None = None


@dataclass(frozen=True)
class RectificationRow:
    """One line of the 整改台账 (rectification ledger)."""

    id: int
    source_kind: str
    source_text: str
    found_on: date
    inspection_id: int | None
    result_id: int | None
    area: str
    item_text: str  # the checklist item, for items from an inspection
    problem: str
    measure: str
    department_ids: tuple[int, ...]
    departments: str  # "内科、总务科"; "" when not assigned yet
    deadline: date
    status: str
    overdue: bool
    deadline_text: str  # 剩 N 天 / 今天到期 / 逾期 N 天 / 待复查 / 已销号
    rectified_at: datetime | None
    rectified_by: str
    rectified_note: str
    recheck_by: str
    recheck_on: date | None
    recheck_passed: bool | None
    recheck_note: str
    recheck_photo_id: int | None
    closed_at: datetime | None
    created_at: datetime
    created_by: str

    @property
    def status_label(self) -> str:
        """待整改 / 已整改待复查 / 已销号."""
        return RECTIFICATION_STATUS_LABELS[RectificationStatus(self.status)]

    @property
    def source_label(self) -> str:
        """周五检查 / 满意度调查 / 上级检查 / 其他."""
        return RECTIFICATION_SOURCE_LABELS[RectificationSource(self.source_kind)]


@dataclass(frozen=True)
class RectificationEventRow:
    """One entry of an item's history (created, plan, rectified, recheck_pass, recheck_fail)."""

    at: datetime
    action: str
    actor: str
    summary: str


@dataclass(frozen=True)
class RectificationDetail:
    """An item with its history and its latest re-check photo."""

    row: RectificationRow
    events: tuple[RectificationEventRow, ...]
    recheck_photo: PhotoRow | None = None


@dataclass(frozen=True)
class RectificationNotice:
    """A 整改通知单: one responsible department and its items (department_id None = 未指定)."""

    department_id: int | None
    department_name: str
    items: tuple[RectificationRow, ...]
