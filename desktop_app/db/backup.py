"""Backups with the SQLite backup API (DESIGN §3: never a plain copy of a WAL database)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from desktop_app.domain.errors import StorageError

BACKUP_PREFIX = "fwqz-backup"


def sqlite_copy(source: Path, target: Path) -> None:
    """Copy one SQLite database into another file with the backup API (WAL contents included)."""
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def backup_database(
    db_path: Path, dest_dir: Path, *, now: datetime | None = None, label: str = ""
) -> Path:
    """Copy the live database (including what is still in the WAL) into `dest_dir`.

    The file is named `fwqz-backup-YYYYMMDD-HHMMSS[-label].sqlite3`. A missing
    or unwritable folder or a full disk raises StorageError; a half-written
    copy is removed.
    """
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    name = f"{BACKUP_PREFIX}-{stamp}{'-' + label if label else ''}.sqlite3"
    dest_dir = Path(dest_dir)
    try:
        dest_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"无法创建备份文件夹“{dest_dir}”：{exc.strerror}", "io", str(dest_dir)) from exc
    target = dest_dir / name
    n = 1
    while target.exists():
        n += 1
        target = dest_dir / f"{name.removesuffix('.sqlite3')}-{n}.sqlite3"
    try:
        sqlite_copy(db_path, target)
    except sqlite3.Error as exc:
        target.unlink(missing_ok=True)
        text = str(exc).lower()
        kind = "full" if "full" in text else "io"
        raise StorageError(f"备份失败：{exc}", kind, str(target)) from exc
    return target


def integrity_check(db_path: Path) -> list[str]:
    """`PRAGMA integrity_check` on the file: ['ok'] when healthy."""
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return [row[0] for row in con.execute("PRAGMA integrity_check").fetchall()]
    finally:
        con.close()


def _is_program_database(path: Path) -> bool:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()
    return {"alembic_version", "app_user", "institution_settings"} <= names


def restore_backup(backup_file: Path, db_path: Path, *, now: datetime | None = None) -> Path | None:
    """Replace the database at `db_path` with a checked backup; returns where the old file went.

    The backup must be a healthy SQLite file of this program (header,
    integrity check, its tables); otherwise StorageError and nothing changes.
    The current file (with its -wal/-shm) is kept beside it, renamed
    `<name>.replaced-YYYYMMDD-HHMMSS`, never deleted.
    """
    from desktop_app.db.engine import check_database_file  # avoid a cycle at import

    backup_file, db_path = Path(backup_file), Path(db_path)
    check_database_file(backup_file)
    if integrity_check(backup_file) != ["ok"] or not _is_program_database(backup_file):
        raise StorageError("所选文件不是本程序的有效备份，未做任何改动。", "not_database", str(backup_file))
    kept = None
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    try:
        if db_path.exists():
            kept = db_path.with_name(f"{db_path.name}.replaced-{stamp}")
            for suffix in ("", "-wal", "-shm"):
                part = Path(f"{db_path}{suffix}")
                if part.exists():
                    part.rename(Path(f"{kept}{suffix}"))
        sqlite_copy(backup_file, db_path)
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(f"恢复失败：{exc}", "io", str(db_path)) from exc
    return kept
