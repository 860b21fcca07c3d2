"""Backups with the SQLite backup API (DESIGN §3: never a plain copy of a WAL database)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from desktop_app.domain.errors import StorageError

BACKUP_PREFIX = "fwqz-backup"


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
        src = sqlite3.connect(db_path)
        try:
            dst = sqlite3.connect(target)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
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
