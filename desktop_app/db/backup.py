"""Backups and restore (DESIGN §3: the SQLite backup API, never a plain copy of a WAL database).

Issue 7:
- `automatic_backup`: the copy made on the first start of each day and on
  exit, into the backup folder (a setting; default `backups/` beside the
  database), with the inspection photos (`photos/`, content-addressed: only
  new files are copied) and the rotation of `backup_rotation`.
- `restore_database`: the chosen file is checked first (SQLite header,
  integrity check, this program's tables, a schema version this program
  knows); the current data is backed up (`pre-restore`) before anything is
  replaced; the replaced file is kept beside the database, never deleted;
  the photos come back with it.

Every failure is a StorageError with a Chinese message, and leaves no half
copy behind: a copy is written under a `.partial` name and renamed when done.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop_app.db.backup_rotation import (
    AUTO_LABEL,
    BACKUP_PREFIX,
    NAME_RE,
    PRE_RESTORE_LABEL,
    rotate,
)
from desktop_app.db.engine import check_database_file
from desktop_app.domain.errors import StorageError
from desktop_app.paths import migrations_path

__all__ = [
    "BACKUP_PREFIX", "BackupOutcome", "RestoreOutcome", "automatic_backup", "backup_database",
    "backup_before_restore", "backup_photos", "check_backup_file", "configured_backup_dir", "default_backup_dir",
    "integrity_check", "restore_backup", "restore_database", "sqlite_copy",
]

PHOTO_DIR = "photos"  # as in db/services/inspection_photos.py
PARTIAL = ".partial"


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


def default_backup_dir(db_path: Path) -> Path:
    """`backups/` beside the database file."""
    return Path(db_path).resolve().parent / "backups"


def configured_backup_dir(db_path: Path) -> tuple[Path, bool]:
    """The backup folder set for this database, and whether it is the default one.

    Read straight from the file (read-only), so it also works for the command
    line and for a file the program cannot open; any trouble gives the default.
    """
    folder = ""
    try:
        con = sqlite3.connect(f"file:{Path(db_path)}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT backup_folder FROM institution_settings WHERE id = 1").fetchone()
        finally:
            con.close()
        folder = (row[0] or "").strip() if row else ""
    except sqlite3.Error:
        folder = ""
    if folder:
        return Path(folder), False
    return default_backup_dir(db_path), True


def _backup_error(exc: BaseException, folder: Path) -> StorageError:
    text = str(exc).lower()
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC or "full" in text:
        return StorageError(f"备份失败：备份文件夹所在的磁盘空间已满（{folder}）。"
                            "请清理磁盘空间或换一个备份文件夹。", "full", str(folder))
    if (isinstance(exc, PermissionError) or "readonly" in text or "read-only" in text
            or "unable to open" in text or (isinstance(exc, OSError) and exc.errno == errno.EROFS)):
        return StorageError(f"备份失败：无法写入备份文件夹“{folder}”。请检查文件夹是否存在、"
                            "是否只读（U 盘写保护、共享文件夹权限）。", "readonly", str(folder))
    detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return StorageError(f"备份失败：读写备份文件夹“{folder}”时出错（{detail}）。", "io", str(folder))


def _check_folder(dest_dir: Path, create: bool) -> None:
    if create:
        try:
            dest_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"无法创建备份文件夹“{dest_dir}”：{exc.strerror}", "io",
                               str(dest_dir)) from exc
    if not dest_dir.is_dir():
        raise StorageError(f"备份文件夹不存在或无法访问：{dest_dir}。"
                           "请检查 U 盘是否插好、共享文件夹是否可用，或在“设置 → 机构信息”中另选文件夹。",
                           "missing", str(dest_dir))


def _remove_stale_partials(dest_dir: Path) -> None:
    """Half copies left by a crash or power cut during an earlier backup (ours only)."""
    try:
        for entry in dest_dir.iterdir():
            if entry.name.endswith(PARTIAL) and NAME_RE.match(entry.name.removesuffix(PARTIAL)):
                entry.unlink(missing_ok=True)
    except OSError:
        pass


def backup_database(
    db_path: Path, dest_dir: Path, *, now: datetime, label: str = "",
    create_folder: bool = True,
) -> Path:
    """Copy the live database (including what is still in the WAL) into `dest_dir`.

    The file is named `fwqz-backup-YYYYMMDD-HHMMSS[-label].sqlite3`. A missing
    folder is created with `create_folder` (else refused: a USB drive that is
    not plugged in); an unwritable folder or a full disk raises StorageError;
    a half-written copy is removed.
    """
    stamp = now.strftime("%Y%m%d-%H%M%S")
    name = f"{BACKUP_PREFIX}-{stamp}{'-' + label if label else ''}.sqlite3"
    dest_dir = Path(dest_dir)
    _check_folder(dest_dir, create_folder)
    _remove_stale_partials(dest_dir)
    target = dest_dir / name
    n = 1
    while target.exists():
        n += 1
        target = dest_dir / f"{name.removesuffix('.sqlite3')}-{n}.sqlite3"
    partial = target.with_name(target.name + PARTIAL)
    try:
        sqlite_copy(db_path, partial)
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as exc:
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass
        raise _backup_error(exc, dest_dir) from exc
    return target


def _copy_new_files(src: Path, dst: Path) -> int:
    """Copy the files of `src` that `dst` lacks (or has with another size); how many were copied."""
    if not src.is_dir():
        return 0
    try:
        if dst.exists() and dst.resolve() == src.resolve():
            return 0
    except OSError:
        pass
    copied = 0
    for entry in sorted(src.iterdir()):
        if not entry.is_file() or entry.name.endswith((".tmp", PARTIAL)):
            continue
        target = dst / entry.name
        if target.is_file() and target.stat().st_size == entry.stat().st_size:
            continue
        dst.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + PARTIAL)
        try:
            shutil.copyfile(entry, partial)
            os.replace(partial, target)
        except OSError:
            partial.unlink(missing_ok=True)
            raise
        copied += 1
    return copied


def backup_photos(db_path: Path, dest_dir: Path) -> int:
    """Copy the new inspection photos (`photos/` beside the database) into `dest_dir/photos`."""
    dest_dir = Path(dest_dir)
    try:
        return _copy_new_files(Path(db_path).resolve().parent / PHOTO_DIR, dest_dir / PHOTO_DIR)
    except OSError as exc:
        raise _backup_error(exc, dest_dir) from exc


@dataclass(frozen=True)
class BackupOutcome:
    path: Path
    photos_copied: int
    deleted: tuple[Path, ...]


def automatic_backup(db_path: Path, dest_dir: Path, *, now: datetime,
                     create_folder: bool = True) -> BackupOutcome:
    """The automatic backup: the database, then the new photos, then the rotation.

    If the photos cannot be copied, the database copy is removed again (a
    backup is complete or absent) and StorageError is raised. Nothing is
    rotated away unless the new copy succeeded.
    """
    dest_dir = Path(dest_dir)
    path = backup_database(db_path, dest_dir, now=now, label=AUTO_LABEL, create_folder=create_folder)
    try:
        photos = backup_photos(db_path, dest_dir)
    except StorageError:
        path.unlink(missing_ok=True)
        raise
    try:
        deleted = tuple(rotate(dest_dir, protect=path))
    except OSError:
        deleted = ()
    return BackupOutcome(path, photos, deleted)


def integrity_check(db_path: Path) -> list[str]:
    """`PRAGMA integrity_check` on the file: ['ok'] when healthy."""
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return [row[0] for row in con.execute("PRAGMA integrity_check").fetchall()]
    finally:
        con.close()


PROGRAM_TABLES = frozenset({"alembic_version", "app_user", "institution_settings"})


def _is_program_database(path: Path) -> bool:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()
    return PROGRAM_TABLES <= names


def _schema_revision(path: Path) -> str | None:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        con.close()
    return row[0] if row else None


def _known_revisions() -> set[str]:
    from alembic.config import Config  # loaded only when a backup is checked: alembic is heavy
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_path()))
    return {script.revision for script in ScriptDirectory.from_config(cfg).walk_revisions()}


NOTHING_CHANGED = "当前数据未做任何改动。"


def check_backup_file(path: Path) -> str:
    """Refuse a file that is not a healthy backup of this program; its schema revision if it is.

    Checked, in order: the file exists, SQLite header and quick check, the full
    integrity check, this program's tables, a schema revision this program
    knows (an older one is fine: it is upgraded when opened; a newer one is
    refused). Never modifies the file.
    """
    path = Path(path)
    if not path.is_file():
        raise StorageError(f"找不到备份文件：{path}。{NOTHING_CHANGED}", "missing", str(path))
    try:
        check_database_file(path)
        result = integrity_check(path)
    except StorageError as exc:
        if exc.kind == "not_database":
            raise StorageError(f"所选文件“{path.name}”不是本程序的备份（不是数据库文件）。{NOTHING_CHANGED}",
                               "not_database", str(path)) from exc
        raise StorageError(f"所选备份“{path.name}”已损坏，不能用来恢复。{NOTHING_CHANGED}",
                           "damaged", str(path)) from exc
    except sqlite3.Error as exc:
        raise StorageError(f"所选备份“{path.name}”已损坏，不能用来恢复。{NOTHING_CHANGED}",
                           "damaged", str(path)) from exc
    if result != ["ok"]:
        raise StorageError(f"所选备份“{path.name}”已损坏（完整性检查未通过），不能用来恢复。{NOTHING_CHANGED}",
                           "damaged", str(path))
    try:
        ours = _is_program_database(path)
        revision = _schema_revision(path) if ours else None
    except sqlite3.Error:
        ours, revision = False, None
    if not ours or revision is None:
        raise StorageError(f"所选文件“{path.name}”不是本程序的备份（是其他程序的数据库）。{NOTHING_CHANGED}",
                           "not_database", str(path))
    if revision not in _known_revisions():
        raise StorageError(f"所选备份“{path.name}”由更新版本的程序创建（数据库版本 {revision}），"
                           f"本程序无法使用。请先升级本程序再恢复。{NOTHING_CHANGED}",
                           "newer_schema", str(path))
    return revision


def restore_backup(backup_file: Path, db_path: Path, *, now: datetime) -> Path | None:
    """Replace the database at `db_path` with a checked backup; returns where the old file went.

    The backup must be a healthy SQLite file of this program (`check_backup_file`:
    header, the whole-file integrity check, its tables, a known revision; issue 14:
    opening reads only the header, so this is where the whole backup is read);
    otherwise StorageError and nothing changes.
    The current file (with its -wal/-shm) is kept beside it, renamed
    `<name>.replaced-YYYYMMDD-HHMMSS`, never deleted.
    """
    backup_file, db_path = Path(backup_file), Path(db_path)
    check_backup_file(backup_file)
    partial = db_path.with_name(db_path.name + ".restoring")
    try:  # the new file first: if this fails (disk full), nothing has changed
        partial.unlink(missing_ok=True)
        sqlite_copy(backup_file, partial)
    except (OSError, sqlite3.Error) as exc:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{partial}{suffix}").unlink(missing_ok=True)
        raise StorageError(f"恢复失败：无法写入数据库所在的文件夹（{exc}）。{NOTHING_CHANGED}",
                           "full" if "full" in str(exc).lower() else "io", str(db_path)) from exc
    kept = None
    stamp = now.strftime("%Y%m%d-%H%M%S")
    moved: list[tuple[Path, Path]] = []
    try:
        if db_path.exists():
            kept = db_path.with_name(f"{db_path.name}.replaced-{stamp}")
            n = 1
            while kept.exists():
                n += 1
                kept = db_path.with_name(f"{db_path.name}.replaced-{stamp}-{n}")
            for suffix in ("", "-wal", "-shm"):
                part = Path(f"{db_path}{suffix}")
                if part.exists():
                    part.rename(Path(f"{kept}{suffix}"))
                    moved.append((Path(f"{kept}{suffix}"), part))
        os.replace(partial, db_path)
    except OSError as exc:
        for now_at, was_at in reversed(moved):  # put the current file back as it was
            try:
                now_at.rename(was_at)
            except OSError:
                pass
        partial.unlink(missing_ok=True)
        raise StorageError(f"恢复失败：{exc.strerror or exc}。{NOTHING_CHANGED}", "io", str(db_path)) from exc
    return kept


def missing_photos(db_path: Path) -> int:
    """How many photo files the database names are not in its `photos/` folder."""
    folder = Path(db_path).resolve().parent
    try:
        con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            paths = [r[0] for r in con.execute("SELECT DISTINCT path FROM inspection_photo")]
        finally:
            con.close()
    except sqlite3.Error:  # a backup from before the inspections existed
        return 0
    return sum(1 for p in paths if not folder.joinpath(*p.split("/")).is_file())


@dataclass(frozen=True)
class RestoreOutcome:
    revision: str                 # the schema revision of the restored file
    pre_restore: Path | None      # the backup of the data as it was (None: no healthy current file)
    kept: Path | None             # the replaced file, renamed beside the database
    photos_copied: int
    photos_missing: int


def backup_before_restore(db_path: Path, backup_dir: Path | None = None, *,
                          now: datetime) -> Path:
    """The `pre-restore` copy of the current data (photos too) into the backup folder.

    StorageError saying that nothing was restored if it cannot be made.
    """
    create = True
    if backup_dir is None:
        backup_dir, create = configured_backup_dir(db_path)
    try:
        path = backup_database(db_path, backup_dir, now=now, label=PRE_RESTORE_LABEL,
                               create_folder=create)
        backup_photos(db_path, backup_dir)
    except StorageError as exc:
        raise StorageError(f"恢复前无法先备份当前数据，因此没有恢复。{exc.message}{NOTHING_CHANGED}",
                           exc.kind, exc.path) from exc
    return path


def restore_database(backup_file: Path, db_path: Path, *, backup_dir: Path | None = None,
                     now: datetime, pre_restore: Path | None = None) -> RestoreOutcome:
    """Check `backup_file`, back up the current data, then put the backup in its place.

    The database must not be open in this process (close it first). The
    current data is backed up into `backup_dir` (default: the configured
    backup folder) with label `pre-restore`, photos included; if that fails,
    StorageError and nothing is replaced. A current file that is itself
    damaged cannot be backed up: it is only kept, renamed (`restore_backup`).
    The backup's photos (its folder's `photos/`) are copied back, never
    overwriting a file already there. `pre_restore`: the pre-restore backup
    the caller already made (the GUI makes it while the data is still open).
    """
    backup_file, db_path = Path(backup_file), Path(db_path)
    if db_path.exists() and backup_file.resolve() == db_path.resolve():
        raise StorageError("不能用正在使用的数据库文件本身来恢复，请选择一个备份文件。", "io", str(backup_file))
    revision = check_backup_file(backup_file)
    if pre_restore is None and db_path.exists() and _healthy(db_path):
        pre_restore = backup_before_restore(db_path, backup_dir, now=now)
    kept = restore_backup(backup_file, db_path, now=now)
    try:
        photos = _copy_new_files(backup_file.resolve().parent / PHOTO_DIR,
                                 db_path.resolve().parent / PHOTO_DIR)
    except OSError:
        photos = 0
    return RestoreOutcome(revision, pre_restore, kept, photos, missing_photos(db_path))


def _healthy(db_path: Path) -> bool:
    try:
        check_database_file(db_path)
    except StorageError:
        return False
    return True
