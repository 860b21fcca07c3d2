"""Helpers shared by tests/db/test_inspections.py, test_rectifications.py, test_duty_log.py.

Not a test module. Fictional people only (张某某 …).
"""

from __future__ import annotations

import struct
import zlib
from datetime import date, datetime
from pathlib import Path

from sqlmodel import Session, func, select

from desktop_app.db.models import (
    AuditLog,
    ChecklistItem,
    ChecklistVersion,
    DutyLog,
    DutyLogEntry,
    Inspection,
    InspectionAmendment,
    InspectionMove,
    InspectionPhoto,
    InspectionResult,
    RectificationDepartment,
    RectificationEvent,
    RectificationItem,
)
from desktop_app.db.services.departments import create_department
from desktop_app.records.inspection_rows import (
    FindingInput,
    InspectionDetail,
    InspectionHeader,
    ResultInput,
)
from desktop_app.db.services.inspection_signoff import sign_off
from desktop_app.db.services.inspections import start_inspection
from desktop_app.db.tx import Actor

FRIDAY = date(2026, 11, 20)  # the Friday before the fixed today (Mon 2026-11-23)
INSPECTED_AT = datetime(2026, 11, 20, 15, 0)
HEADER = InspectionHeader(
    inspected_at=INSPECTED_AT, leader="张某某", union_chair="李某某",
    departments="院办公室、总务科、政工科", participants="王某某、刘某某、陈某某",
    summary="整体良好，个别问题当场要求整改",
)
FIRE_EXIT = 6  # the default checklist's 6th item: 消防通道、安全出口畅通无杂物…
FIRE_EXIT_NOTE = "二楼东侧消防通道堆放纸箱"

TABLES = (ChecklistVersion, ChecklistItem, Inspection, InspectionResult, InspectionPhoto,
          InspectionAmendment, InspectionMove, RectificationItem, RectificationDepartment,
          RectificationEvent, DutyLog, DutyLogEntry, AuditLog)


def row_counts(session: Session) -> tuple[int, ...]:
    """How many rows each table of the 周五检查 tab and the audit log hold."""
    session.expire_all()
    return tuple(session.exec(select(func.count()).select_from(model)).one() for model in TABLES)


def departments(session: Session, admin: Actor, now: datetime) -> dict[str, int]:
    """总务科, 院办公室, 内科 → id."""
    return {name: create_department(session=session, actor=admin, name=name,
                                    is_clinical=name == "内科", now=now).id
            for name in ("院办公室", "总务科", "内科")}


def png_bytes(red: int = 255) -> bytes:
    """A real 1×1 PNG (a different `red` gives a different picture)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(bytes([0, red, 0, 0]))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)
            + chunk(b"IEND", b""))


def write_png(path: Path, red: int = 255) -> Path:
    """Write a tiny PNG to `path` and return it."""
    path.write_bytes(png_bytes(red))
    return path


def answers(detail: InspectionDetail, failed: dict[int, str] | None = None,
            skip: tuple[int, ...] = ()) -> list[ResultInput]:
    """Every item 合格, except `failed` (item number → note) and `skip` (left unanswered)."""
    failed = failed or {}
    return [
        ResultInput(r.id, None) if r.order in skip
        else ResultInput(r.id, "failed", failed[r.order]) if r.order in failed
        else ResultInput(r.id, "passed")
        for r in detail.results
    ]


def result_id(detail: InspectionDetail, order: int) -> int:
    """The result id of item number `order`."""
    return next(r.id for r in detail.results if r.order == order)


def start(session: Session, actor: Actor, now: datetime, friday: date = FRIDAY) -> InspectionDetail:
    """A fresh draft for `friday`."""
    return start_inspection(session=session, actor=actor, friday=friday, now=now)


def signed(session: Session, actor: Actor, now: datetime, friday: date = FRIDAY,
           header: InspectionHeader = HEADER, failed: dict[int, str] | None = None,
           findings: tuple[FindingInput, ...] | None = None) -> InspectionDetail:
    """A signed-off inspection; by default item 6 (消防通道) 不合格 with the defaults."""
    detail = start(session, actor, now, friday)
    failed = {FIRE_EXIT: FIRE_EXIT_NOTE} if failed is None else failed
    return sign_off(session=session, actor=actor, inspection_id=detail.id, header=header,
                    results=answers(detail, failed), findings=findings or (), now=now)
