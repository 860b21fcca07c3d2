"""Friday administrative inspection and the duty director's log (DESIGN §1.5–1.6).

Seed 004 §三(一)4 每周五行政总检查: every Friday afternoon the director in
charge (分工院长) and the union chair (工会主席) lead the heads of 院办公室、
总务科、政工科 and others through six areas (卫生, 安全, 设备, 设施, 工作秩序,
疫情防控) "及时发现隐患问题，及时整改提高". Made exact:

- A checklist template gives the items; each is 合格 / 不合格 / 不适用
  (`ItemResult`). The template is versioned: an inspection keeps the items of
  the version it was recorded with (`check_checklist`, `default_checklist`).
- A Friday on a holiday may be moved to another day with a note; the new day
  lies strictly between the previous and the next Friday (`check_move`).
- Each scheduled Friday has a state against `today` (`friday_schedule`):
  已检查 (signed off), 记录未完成 (a draft exists), 本周待检查 (due this
  week, not past), 未到 (later), 已漏检 (due day past, no record). A moved
  Friday is judged by its new day.
- Photos are JPG or PNG, recognised by their first bytes, at most 10 MB
  (`check_image`).

Seed 004 §三(一)5 值班院长行政总值班: on duty days the duty director keeps a
log at the 便民服务站: consultations, receptions, complaints handled,
department supervision, logistics (`DutyEntryKind`); an entry can become a
registered matter (`matter_request_type`).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

from desktop_app.domain.errors import ValidationError
from desktop_app.paths import resource_path

INSPECTION_AREAS: tuple[str, ...] = ("卫生", "安全", "设备", "设施", "工作秩序", "疫情防控")
"""The inspected areas, in the order of seed 004."""

ITEM_TEXT_MAX = 100
"""Longest checklist item text, in characters."""

MAX_PHOTO_BYTES = 10 * 1024 * 1024
"""Largest photo accepted (10 MB)."""

DEFAULT_CHECKLIST_FILE = "checklist_default.json"
"""The default template under `resources/`."""

_FRIDAY = 4


def inspection_days(start: date, end: date) -> list[date]:
    """The Fridays in [start, end], both inclusive; empty if end < start."""
    first = start + timedelta(days=(_FRIDAY - start.weekday()) % 7)
    days: list[date] = []
    day = first
    while day <= end:
        days.append(day)
        day += timedelta(days=7)
    return days


# --- item results and inspection status -------------------------------------------------------

class ItemResult(StrEnum):
    """The result of one checklist item."""

    passed = "passed"
    failed = "failed"
    not_applicable = "not_applicable"


ITEM_RESULT_LABELS: dict[ItemResult, str] = {
    ItemResult.passed: "合格",
    ItemResult.failed: "不合格",
    ItemResult.not_applicable: "不适用",
}


class InspectionStatus(StrEnum):
    """A record is a draft until the leader signs it off; then it is never edited."""

    draft = "draft"
    signed = "signed"


INSPECTION_STATUS_LABELS: dict[InspectionStatus, str] = {
    InspectionStatus.draft: "草稿",
    InspectionStatus.signed: "已签字确认",
}


# --- the checklist template -------------------------------------------------------------------

@dataclass(frozen=True)
class ChecklistEntry:
    """One item of a checklist template: its area and what is checked."""

    area: str
    text: str


def check_checklist(items: Iterable[ChecklistEntry]) -> tuple[ChecklistEntry, ...]:
    """The cleaned item list of a template, or ValidationError at the first bad item.

    Each item needs an area of `INSPECTION_AREAS` and a text of at most
    `ITEM_TEXT_MAX` characters, not repeated within its area; a template needs
    at least one item. Items are returned in the given order, texts stripped.
    The field of an error is "item:{n}" (n = 1-based position).
    """
    cleaned: list[ChecklistEntry] = []
    seen: set[tuple[str, str]] = set()
    for n, item in enumerate(items, start=1):
        field = f"item:{n}"
        if item.area not in INSPECTION_AREAS:
            raise ValidationError(field, f"第 {n} 项：请选择检查类别（{'、'.join(INSPECTION_AREAS)}）")
        text = (item.text or "").strip()
        if not text:
            raise ValidationError(field, f"第 {n} 项：请填写检查内容")
        if len(text) > ITEM_TEXT_MAX:
            raise ValidationError(field, f"第 {n} 项：检查内容不能超过{ITEM_TEXT_MAX}个字")
        if (item.area, text) in seen:
            raise ValidationError(field, f"第 {n} 项：“{text}”在“{item.area}”中重复")
        seen.add((item.area, text))
        cleaned.append(ChecklistEntry(item.area, text))
    if not cleaned:
        raise ValidationError("items", "检查表至少要有一项")
    return tuple(cleaned)


def parse_checklist(text: str) -> tuple[ChecklistEntry, ...]:
    """Items of a template file: {"areas": [{"area": "卫生", "items": ["…", …]}, …]}."""
    data = json.loads(text)
    return check_checklist(
        ChecklistEntry(block["area"], item) for block in data["areas"] for item in block["items"]
    )


@lru_cache(maxsize=1)
def default_checklist() -> tuple[ChecklistEntry, ...]:
    """The default template shipped in `resources/checklist_default.json` (about 30 items)."""
    return parse_checklist(resource_path(DEFAULT_CHECKLIST_FILE).read_text(encoding="utf-8"))


# --- the Friday schedule ----------------------------------------------------------------------

class FridayState(StrEnum):
    """Where a scheduled Friday stands against `today`."""

    done = "done"
    draft = "draft"
    this_week = "this_week"
    upcoming = "upcoming"
    missed = "missed"


FRIDAY_STATE_LABELS: dict[FridayState, str] = {
    FridayState.done: "已检查",
    FridayState.draft: "记录未完成",
    FridayState.this_week: "本周待检查",
    FridayState.upcoming: "未到",
    FridayState.missed: "已漏检",
}


@dataclass(frozen=True)
class FridayMove:
    """A Friday's inspection moved to `new_day`, with the reason (e.g. 国庆节放假)."""

    new_day: date
    note: str


@dataclass(frozen=True)
class FridaySlot:
    """One scheduled Friday: the day it is due (`due_day`, the new day if moved) and its state.

    `inspected_on` is the date of the signed-off record; `on_holiday` tells the
    Friday itself is a holiday (a hint to move it).
    """

    friday: date
    due_day: date
    state: FridayState
    moved: bool = False
    move_note: str = ""
    inspected_on: date | None = None
    on_holiday: bool = False

    @property
    def label(self) -> str:
        """The state in Chinese."""
        return FRIDAY_STATE_LABELS[self.state]


def week_of(day: date) -> tuple[date, date]:
    """Monday and Sunday of the week holding `day`."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def friday_state(due_day: date, recorded: bool, signed: bool, today: date) -> FridayState:
    """A Friday's state: a record decides first, then the due day against `today`.

    Signed off → 已检查; a draft → 记录未完成; no record: due day before
    today → 已漏检, in today's week (today or later) → 本周待检查, else 未到.
    """
    if signed:
        return FridayState.done
    if recorded:
        return FridayState.draft
    if due_day < today:
        return FridayState.missed
    if due_day <= week_of(today)[1]:
        return FridayState.this_week
    return FridayState.upcoming


def friday_schedule(
    start: date,
    end: date,
    *,
    recorded: Mapping[date, date | None],
    moved: Mapping[date, FridayMove],
    today: date,
    holidays: Collection[date] = (),
) -> list[FridaySlot]:
    """Each Friday of [start, end] with its state against `today` (DESIGN §1.5).

    `recorded` maps a scheduled Friday to the date of its signed-off
    inspection, or to None while its record is a draft; a Friday missing from
    it has no record. `moved` maps a Friday to its new day and note: the
    Friday is then due on the new day, so it is missed only once that day is
    past. `holidays` marks Fridays that are holidays (`on_holiday`).
    """
    slots: list[FridaySlot] = []
    for friday in inspection_days(start, end):
        move = moved.get(friday)
        due = move.new_day if move else friday
        has_record = friday in recorded
        inspected_on = recorded.get(friday)
        slots.append(FridaySlot(
            friday=friday, due_day=due,
            state=friday_state(due, has_record, inspected_on is not None, today),
            moved=move is not None, move_note=move.note if move else "",
            inspected_on=inspected_on, on_holiday=friday in holidays,
        ))
    return slots


def check_move(friday: date, new_day: date | None, note: str | None) -> FridayMove:
    """A valid move of `friday`'s inspection, or ValidationError.

    The Friday must be a Friday; the new day must differ from it and lie
    strictly between the previous and the next Friday, so every week keeps
    one inspection; the note (why, e.g. 国庆节放假) is required, at most 200
    characters.
    """
    if friday.weekday() != _FRIDAY:
        raise ValidationError("friday", "所选日期不是周五")
    if new_day is None:
        raise ValidationError("new_day", "请选择改期后的检查日期")
    if new_day == friday:
        raise ValidationError("new_day", "改期后的日期与原日期相同")
    low, high = friday - timedelta(days=6), friday + timedelta(days=6)
    if not low <= new_day <= high:
        raise ValidationError(
            "new_day", f"改期后的日期须在前后两个周五之间（{low:%Y-%m-%d} 至 {high:%Y-%m-%d}）")
    text = (note or "").strip()
    if not text:
        raise ValidationError("note", "请填写改期原因（如：国庆节放假）")
    if len(text) > 200:
        raise ValidationError("note", "改期原因不能超过200个字")
    return FridayMove(new_day, text)


def check_inspection_day(due_day: date, inspected_on: date) -> None:
    """The inspection's date lies within six days of its due day (the Friday or its new day).

    A record for another week is a mistake; a move is entered first.
    """
    if abs((inspected_on - due_day).days) > 6:
        raise ValidationError(
            "inspected_at",
            f"检查日期应在 {due_day:%Y-%m-%d} 前后一周内；如改到其他日期，请先登记改期")


def count_results(results: Sequence[str | None]) -> dict[str, int]:
    """How many items are 合格, 不合格, 不适用 and unanswered ("" key)."""
    counts = {r.value: 0 for r in ItemResult} | {"": 0}
    for value in results:
        counts[value or ""] += 1
    return counts


# --- photos -----------------------------------------------------------------------------------

_IMAGE_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpg"),
)

NOT_AN_IMAGE = "只能添加图片文件（JPG、PNG）"


def check_image(header: bytes, size: int) -> str:
    """"png" or "jpg" from a file's first bytes and size, or ValidationError("photo").

    The kind comes from the content, not from the file name; an empty file,
    anything else, or a file over `MAX_PHOTO_BYTES` is refused.
    """
    if size > MAX_PHOTO_BYTES:
        raise ValidationError(
            "photo", f"照片不能超过 {MAX_PHOTO_BYTES // (1024 * 1024)} MB"
                     f"（该文件 {size / (1024 * 1024):.1f} MB）")
    for signature, kind in _IMAGE_SIGNATURES:
        if header.startswith(signature):
            return kind
    raise ValidationError("photo", NOT_AN_IMAGE)


# --- the duty director's log ------------------------------------------------------------------

class DutyEntryKind(StrEnum):
    """What a duty-log entry records (seed 004 §三(一)5)."""

    consultation = "consultation"
    reception = "reception"
    complaint = "complaint"
    supervision = "supervision"
    logistics = "logistics"
    other = "other"


DUTY_ENTRY_KIND_LABELS: dict[DutyEntryKind, str] = {
    DutyEntryKind.consultation: "咨询",
    DutyEntryKind.reception: "接待",
    DutyEntryKind.complaint: "投诉处理",
    DutyEntryKind.supervision: "科室督导",
    DutyEntryKind.logistics: "后勤保障",
    DutyEntryKind.other: "其他",
}

_MATTER_TYPES: dict[DutyEntryKind, str] = {
    DutyEntryKind.consultation: "consultation",
    DutyEntryKind.complaint: "complaint",
}


def matter_request_type(kind: DutyEntryKind | str) -> str:
    """The RequestType code a matter registered from an entry starts with ("" = let the user pick).

    咨询 → consultation, 投诉处理 → complaint; the other kinds have no obvious type.
    """
    return _MATTER_TYPES.get(DutyEntryKind(kind), "")


def duty_entry_window(day: date) -> tuple[date, date]:
    """The dates an entry of `day`'s log may carry: the day and the next (a duty runs overnight)."""
    return day, day + timedelta(days=1)
