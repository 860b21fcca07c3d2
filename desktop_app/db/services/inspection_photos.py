"""Photos of inspection items and re-checks (DESIGN §1.5; issue 5 §3).

A photo is copied into the `photos/` folder beside the database file,
named by its SHA-256 (`photos/<sha256>.png`), so the original file is not
needed afterwards and the same picture is stored once however often it is
added. Only JPG and PNG, recognised by their first bytes, up to 10 MB
(`domain.inspections.check_image`).

The copy is written before the row, through a temporary name and an atomic
rename; if the transaction then fails, the file stays as an unused copy
(harmless: the next add of the same picture reuses it). Removing a photo
removes its row only; files are never deleted, since another row may use them.
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlmodel import Session

from desktop_app.db.models import Inspection, InspectionPhoto, InspectionResult
from desktop_app.records.inspection_rows import PhotoRow
from desktop_app.db.tx import Actor, require, snapshot, transactional, write_audit
from desktop_app.domain.errors import StorageError, ValidationError
from desktop_app.domain.inspections import InspectionStatus, check_image
from desktop_app.domain.roles import Permission

PHOTO_DIR = "photos"
SIGNED_MESSAGE = "已签字确认的记录不能修改，请使用更正"


def data_folder(session: Session) -> Path:
    """The folder holding the session's database file (photos live in its `photos/`)."""
    database = session.get_bind().url.database
    if not database or database == ":memory:":
        raise StorageError("内存数据库无法保存照片，请使用数据库文件。", "io")
    return Path(database).resolve().parent


def photo_row(folder: Path, p: InspectionPhoto) -> PhotoRow:
    """The plain row of a photo, with the stored copy's full path."""
    return PhotoRow(
        id=p.id or 0, result_id=p.result_id, sha256=p.sha256, relative_path=p.path,
        file_path=folder.joinpath(*p.path.split("/")), original_name=p.original_name,
        size=p.size, added_at=p.added_at, added_by=p.added_by,
    )


def photos_of_results(session: Session, result_ids: Iterable[int]) -> dict[int, list[PhotoRow]]:
    """result id → its photos in the order added."""
    ids = list(result_ids)
    found: dict[int, list[PhotoRow]] = defaultdict(list)
    if not ids:
        return found
    folder = data_folder(session)
    for i in range(0, len(ids), 900):
        rows = session.execute(
            select(InspectionPhoto).where(InspectionPhoto.result_id.in_(ids[i:i + 900]))
            .order_by(InspectionPhoto.added_at, InspectionPhoto.id)).scalars()
        for p in rows:
            found[p.result_id].append(photo_row(folder, p))
    return found


def store_photo(session: Session, actor: Actor, source: Path | str, now: datetime,
                result_id: int | None = None) -> InspectionPhoto:
    """Check `source`, copy it into photos/ (once per content) and add its row (not committed).

    ValidationError("photo") for a missing file, a file that is not a JPG or
    PNG, or one over 10 MB.
    """
    path = Path(source)
    if not path.is_file():
        raise ValidationError("photo", f"找不到照片文件：{path.name or path}")
    size = path.stat().st_size
    with open(path, "rb") as fh:
        header = fh.read(16)
    kind = check_image(header, size)
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    relative = f"{PHOTO_DIR}/{digest}.{kind}"
    target = data_folder(session) / PHOTO_DIR / f"{digest}.{kind}"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, target)
    photo = InspectionPhoto(result_id=result_id, sha256=digest, path=relative,
                            original_name=path.name[:200], size=size, added_at=now,
                            added_by=actor.display_name[:30])
    session.add(photo)
    session.flush()
    return photo


def _draft_result(session: Session, result_id: int) -> InspectionResult:
    result = session.get(InspectionResult, result_id)
    if result is None:
        raise ValidationError("result", "该检查项不存在")
    inspection = session.get(Inspection, result.inspection_id)
    if inspection.status != InspectionStatus.draft:
        raise ValidationError("status", SIGNED_MESSAGE)
    return result


@transactional
def add_photo(
    *, session: Session, actor: Actor, result_id: int, file: Path | str, now: datetime
) -> PhotoRow:
    """Add a photo to one item of a draft inspection (the same picture once per item)."""
    require(actor, Permission.record_inspection)
    result = _draft_result(session, result_id)
    photo = store_photo(session, actor, file, now, result_id=result.id)
    twins = session.execute(
        select(InspectionPhoto.id).where(InspectionPhoto.result_id == result.id,
                                         InspectionPhoto.sha256 == photo.sha256,
                                         InspectionPhoto.id != photo.id)).first()
    if twins is not None:
        raise ValidationError("photo", "这张照片已添加到该项")
    write_audit(session, actor, "add_photo", "inspection_photo", photo.id, None, snapshot(photo),
                now)
    return photo_row(data_folder(session), photo)


@transactional
def remove_photo(*, session: Session, actor: Actor, photo_id: int, now: datetime) -> None:
    """Take a photo off an item of a draft inspection (the stored file stays)."""
    require(actor, Permission.record_inspection)
    photo = session.get(InspectionPhoto, photo_id)
    if photo is None or photo.result_id is None:
        raise ValidationError("photo", "该照片不存在")
    _draft_result(session, photo.result_id)
    before = snapshot(photo)
    session.delete(photo)
    write_audit(session, actor, "remove_photo", "inspection_photo", photo_id, before, None, now)
