"""Tables of the 周五检查 tab: checklist versions, inspections with results, photos,
amendments and moved Fridays, rectification items, the duty log (DESIGN §1.5–1.6).

Re-exported by `desktop_app.db.models`, so every table is importable from there.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import DateTime, Text
from sqlmodel import Field, SQLModel


class ChecklistVersion(SQLModel, table=True):
    """One version of the inspection checklist template; editing makes a new version.

    Exactly one version is `active` (used by new inspections); old versions
    and their items are never changed, so old records keep their items.
    """

    __tablename__ = "checklist_version"
    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(unique=True)
    created_at: datetime = Field(sa_type=DateTime)
    created_by: str = Field(default="", max_length=30)
    note: str = Field(default="", max_length=200)
    active: bool = False


class ChecklistItem(SQLModel, table=True):
    """One item of a template version: area (a domain INSPECTION_AREAS name), text, order."""

    __tablename__ = "checklist_item"
    id: int | None = Field(default=None, primary_key=True)
    version_id: int = Field(foreign_key="checklist_version.id", index=True)
    area: str = Field(max_length=10)
    text: str = Field(max_length=100)
    sort_order: int


class Inspection(SQLModel, table=True):
    """A Friday's 行政总检查 record: a draft until the leader signs it off (then amendments only).

    `friday` is the scheduled Friday (one record each); `inspected_at` the
    actual date and time. `departments` and `participants` are the taking
    part departments and staff as the form writes them ("院办公室、总务科").
    """

    __tablename__ = "inspection"
    id: int | None = Field(default=None, primary_key=True)
    friday: date = Field(unique=True)
    inspected_at: datetime | None = Field(default=None, sa_type=DateTime)
    leader: str = Field(default="", max_length=30)
    union_chair: str = Field(default="", max_length=30)
    departments: str = Field(default="", max_length=200)
    participants: str = Field(default="", max_length=300)
    summary: str = Field(default="", max_length=1000)
    status: str = Field(default="draft", max_length=10, index=True)
    template_version_id: int = Field(foreign_key="checklist_version.id")
    signed_by: str = Field(default="", max_length=30)
    signed_at: datetime | None = Field(default=None, sa_type=DateTime)
    recorded_by: str = Field(default="", max_length=30)
    created_at: datetime = Field(sa_type=DateTime)
    updated_at: datetime = Field(sa_type=DateTime)


class InspectionResult(SQLModel, table=True):
    """One checked item of an inspection: the item copied from its version, result and note."""

    __tablename__ = "inspection_result"
    id: int | None = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True)
    item_id: int | None = Field(default=None, foreign_key="checklist_item.id")
    area: str = Field(max_length=10)
    text: str = Field(max_length=100)
    sort_order: int
    result: str | None = Field(default=None, max_length=20)  # domain ItemResult code
    note: str = Field(default="", max_length=500)


class InspectionPhoto(SQLModel, table=True):
    """A photo of an inspection result (or, with no result, of a re-check).

    The file is copied to `photos/` beside the database, named by its
    SHA-256, so the same picture is stored once and the original is not
    needed afterwards; `path` is relative to the database's folder.
    """

    __tablename__ = "inspection_photo"
    id: int | None = Field(default=None, primary_key=True)
    result_id: int | None = Field(default=None, foreign_key="inspection_result.id", index=True)
    sha256: str = Field(max_length=64, index=True)
    path: str = Field(max_length=120)
    original_name: str = Field(default="", max_length=200)
    size: int
    added_at: datetime = Field(sa_type=DateTime)
    added_by: str = Field(default="", max_length=30)


class InspectionAmendment(SQLModel, table=True):
    """A correction of a signed-off inspection: changes JSON {key: [old, new]} and why."""

    __tablename__ = "inspection_amendment"
    id: int | None = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True)
    at: datetime = Field(sa_type=DateTime)
    changes: str = Field(sa_type=Text)
    reason: str = Field(max_length=300)
    recorded_by: str = Field(default="", max_length=30)


class InspectionMove(SQLModel, table=True):
    """A Friday whose inspection was moved to another day, with the note (e.g. 国庆节放假)."""

    __tablename__ = "inspection_move"
    friday: date = Field(primary_key=True)
    new_day: date
    note: str = Field(max_length=200)
    created_at: datetime = Field(sa_type=DateTime)
    created_by: str = Field(default="", max_length=30)


class RectificationItem(SQLModel, table=True):
    """A 整改事项: from a 不合格 inspection result or entered by hand (DESIGN §1.5).

    Codes are domain values (`RectificationSource`, `RectificationStatus`).
    `found_on` is the day the problem was found (the inspection day); the
    re-check fields hold the latest re-check, earlier ones live in the events.
    """

    __tablename__ = "rectification_item"
    id: int | None = Field(default=None, primary_key=True)
    source_kind: str = Field(max_length=20, index=True)
    source_result_id: int | None = Field(
        default=None, foreign_key="inspection_result.id", unique=True)
    source_text: str = Field(default="", max_length=100)
    found_on: date = Field(index=True)
    area: str = Field(default="", max_length=10)
    item_text: str = Field(default="", max_length=100)
    problem: str = Field(max_length=500)
    measure: str = Field(default="", max_length=500)
    deadline: date = Field(index=True)
    status: str = Field(max_length=20, index=True)
    rectified_at: datetime | None = Field(default=None, sa_type=DateTime)
    rectified_by: str = Field(default="", max_length=30)
    rectified_note: str = Field(default="", max_length=500)
    recheck_by: str = Field(default="", max_length=30)
    recheck_on: date | None = None
    recheck_passed: bool | None = None
    recheck_note: str = Field(default="", max_length=500)
    recheck_photo_id: int | None = Field(default=None, foreign_key="inspection_photo.id")
    closed_at: datetime | None = Field(default=None, sa_type=DateTime)
    created_at: datetime = Field(sa_type=DateTime)
    created_by: str = Field(default="", max_length=30)


class RectificationDepartment(SQLModel, table=True):
    """A department responsible for a rectification item (an item may have several)."""

    __tablename__ = "rectification_department"
    item_id: int = Field(foreign_key="rectification_item.id", primary_key=True)
    department_id: int = Field(foreign_key="department.id", primary_key=True, index=True)


class RectificationEvent(SQLModel, table=True):
    """One entry of an item's history: created, plan changed, rectified, re-checked."""

    __tablename__ = "rectification_event"
    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="rectification_item.id", index=True)
    at: datetime = Field(sa_type=DateTime)
    action: str = Field(max_length=20)
    actor: str = Field(default="", max_length=30)
    summary: str = Field(default="", max_length=600)


class DutyLog(SQLModel, table=True):
    """The duty director's log of one day at the 便民服务站 (seed 004 §三(一)5)."""

    __tablename__ = "duty_log"
    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(unique=True)
    director: str = Field(max_length=30)
    created_at: datetime = Field(sa_type=DateTime)
    created_by: str = Field(default="", max_length=30)


class DutyLogEntry(SQLModel, table=True):
    """One entry of a duty log; a matter registered from it has source_ref "duty_log:{id}"."""

    __tablename__ = "duty_log_entry"
    id: int | None = Field(default=None, primary_key=True)
    log_id: int = Field(foreign_key="duty_log.id", index=True)
    at: datetime = Field(sa_type=DateTime)
    kind: str = Field(max_length=20)  # domain DutyEntryKind code
    content: str = Field(max_length=1000)
    result: str = Field(default="", max_length=1000)
    recorded_by: str = Field(default="", max_length=30)
    created_at: datetime = Field(sa_type=DateTime)
