"""Plain rows the 周五检查 tab's service functions take and return (DESIGN §1.5–1.6).

No ORM object leaves db/: the UI and the printouts get these frozen
dataclasses (the ledger's are in `rectification_rows`). Codes are domain
values: `ItemResult`, `InspectionStatus`, `FridayState`, `DutyEntryKind`
(domain.inspections).

Field names of `ValidationError`s raised for an inspection form:
"inspected_at", "leader", "union_chair", "departments", "participants",
"summary", "result:{result_id}" and "note:{result_id}" for one item,
"department_ids:{result_id}", "measure:{result_id}", "deadline:{result_id}"
for the rectification asked of a 不合格 item, "photo", "reason", "status".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from desktop_app.domain.inspections import (
    FRIDAY_STATE_LABELS,
    FridayState,
    InspectionStatus,
    ItemResult,
    count_results,
)

# --- checklist template -----------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateItemRow:
    """One item of a template version (`id` is None for the unsaved default)."""

    id: int | None
    area: str
    text: str
    order: int


@dataclass(frozen=True)
class TemplateVersionRow:
    """A checklist template version with its items in order.

    `id` is None (and `version` 0) only before any version is stored: then
    the items are the shipped default, stored as version 1 on first use.
    """

    id: int | None
    version: int
    created_at: datetime | None
    created_by: str
    note: str
    active: bool
    items: tuple[TemplateItemRow, ...]


# --- the Friday schedule ----------------------------------------------------------------------


@dataclass(frozen=True)
class FridayRow:
    """One scheduled Friday of the calendar list, with its record if any.

    `due_day` is the new day when moved (`moved`, `move_note`); `state` a
    FridayState code against the day asked for; `failed_items` the 不合格
    items (after sign-off: the rectification items made from them),
    `open_rectifications` those not yet 已销号.
    """

    friday: date
    due_day: date
    state: str
    moved: bool
    move_note: str
    on_holiday: bool
    inspected_on: date | None
    inspection_id: int | None = None
    inspection_status: str | None = None
    leader: str = ""
    failed_items: int = 0
    open_rectifications: int = 0

    @property
    def state_label(self) -> str:
        """已检查 / 记录未完成 / 本周待检查 / 未到 / 已漏检."""
        return FRIDAY_STATE_LABELS[FridayState(self.state)]


# --- an inspection ----------------------------------------------------------------------------


@dataclass(frozen=True)
class InspectionHeader:
    """The form's header: when, who led, who took part, a closing summary (检查小结).

    In a draft every field may be empty; sign-off needs `inspected_at` and
    `leader`. `departments` and `participants` are free text ("院办公室、总务科").
    """

    inspected_at: datetime | None
    leader: str
    union_chair: str = ""
    departments: str = ""
    participants: str = ""
    summary: str = ""


HEADER_FIELDS: tuple[str, ...] = (
    "inspected_at", "leader", "union_chair", "departments", "participants", "summary",
)


@dataclass(frozen=True)
class ResultInput:
    """One item's answer on the form: an ItemResult code (None = not answered yet) and a note."""

    result_id: int
    result: str | None
    note: str = ""


@dataclass(frozen=True)
class FindingInput:
    """What sign-off asks of one 不合格 item: responsible departments, measure, deadline.

    Empty values take the defaults: no department yet (assign later in the
    ledger), measure "对照检查要求整改：<item>", deadline = inspection day +
    the `rectification_workdays` setting in working days.
    """

    result_id: int
    department_ids: tuple[int, ...] = ()
    measure: str = ""
    deadline: date | None = None


@dataclass(frozen=True)
class PhotoRow:
    """A stored photo; `file_path` is where the copy lives now (for thumbnails and printouts)."""

    id: int
    result_id: int | None
    sha256: str
    relative_path: str  # "photos/<sha256>.png", relative to the database's folder
    file_path: Path
    original_name: str
    size: int
    added_at: datetime
    added_by: str


@dataclass(frozen=True)
class ResultRow:
    """One checked item: its text as recorded, the current result and note (amendments applied).

    `original_result`/`original_note` are the values as signed off (equal
    to the current ones when never amended). `rectification_id` links the
    rectification item made from a 不合格.
    """

    id: int
    area: str
    text: str
    order: int
    result: str | None
    note: str
    original_result: str | None
    original_note: str
    photos: tuple[PhotoRow, ...] = ()
    rectification_id: int | None = None
    rectification_status: str | None = None


@dataclass(frozen=True)
class InspectionAmendmentRow:
    """A correction after sign-off: `changes` key → (old, new), in words in `described`."""

    id: int
    at: datetime
    changes: dict[str, tuple[object, object]]
    described: tuple[str, ...]
    reason: str
    recorded_by: str


@dataclass(frozen=True)
class InspectionDetail:
    """A whole inspection record for the form and the 周五行政总检查记录表.

    `header` is current (amendments applied), `original_header` as signed.
    """

    id: int
    friday: date
    due_day: date
    move_note: str
    status: str  # InspectionStatus code
    template_version: int
    header: InspectionHeader
    original_header: InspectionHeader
    results: tuple[ResultRow, ...]
    signed_by: str
    signed_at: datetime | None
    recorded_by: str
    created_at: datetime
    updated_at: datetime
    amendments: tuple[InspectionAmendmentRow, ...] = ()

    @property
    def signed(self) -> bool:
        """True once signed off: then only amendments change it."""
        return self.status == InspectionStatus.signed

    @property
    def counts(self) -> dict[str, int]:
        """Items per ItemResult code, and "" for unanswered ones."""
        return count_results([r.result for r in self.results])

    @property
    def failed(self) -> tuple[ResultRow, ...]:
        """The 不合格 items, in checklist order."""
        return tuple(r for r in self.results if r.result == ItemResult.failed)


# --- duty log ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DutyEntryInput:
    """One entry of the duty log: time, DutyEntryKind code, what happened, how it was handled."""

    at: datetime | None
    kind: str | None
    content: str
    result: str = ""


@dataclass(frozen=True)
class DutyEntryRow:
    """A duty-log entry; `matter_id`/`matter_serial` once it was registered as a matter."""

    id: int
    log_id: int
    at: datetime
    kind: str
    content: str
    result: str
    recorded_by: str
    matter_id: int | None = None
    matter_serial: str = ""

    @property
    def linked(self) -> bool:
        """True once a matter was registered from it: then it is no longer edited."""
        return self.matter_id is not None


@dataclass(frozen=True)
class DutyLogDetail:
    """A day's duty log with its entries by time."""

    id: int
    day: date
    director: str
    created_by: str
    entries: tuple[DutyEntryRow, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class DutyLogRow:
    """One day of the list of duty logs: entries per DutyEntryKind code, matters registered."""

    id: int
    day: date
    director: str
    entries: int
    by_kind: dict[str, int]
    matters: int


@dataclass(frozen=True)
class DutyEntryLink:
    """Where a matter registered from a duty-log entry came from (the matter detail's link back)."""

    entry_id: int
    log_id: int
    day: date
    text: str  # "2026-11-23 值班日志 14:20 投诉处理"
