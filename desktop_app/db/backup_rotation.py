"""Which backup files the program made, and which automatic ones to keep (issue 7).

Every backup this program writes is named
`fwqz-backup-YYYYMMDD-HHMMSS[-label][-N].sqlite3` (the time it was made, a
label saying why, `-N` when two are made in the same second). Labels:

- `auto`           the automatic backups (first start of each day, and on exit);
- (none)           文件 → 备份数据库…, or `backup --to` on the command line;
- `pre-migration`  taken before the schema was upgraded;
- `pre-restore`    the current data, taken before a backup was restored.

The rotation rule (only `auto` files take part; the time is the one in the name):

- a day's **daily copy** is the *last* automatic backup made on that calendar
  day; the daily copies of the 30 most recent days that have one are kept;
- a month's **monthly copy** is the *first* automatic backup made in that
  calendar month; the monthly copies of the 12 most recent months that have
  one are kept;
- every other automatic backup is deleted.

Days without a backup (holidays, the PC switched off) do not use up a daily
slot. Manual, pre-migration and pre-restore copies are never deleted, nor
any file whose name does not match exactly (the program did not make it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

BACKUP_PREFIX = "fwqz-backup"
AUTO_LABEL = "auto"
PRE_MIGRATION_LABEL = "pre-migration"
PRE_RESTORE_LABEL = "pre-restore"
KEEP_DAILY = 30
KEEP_MONTHLY = 12

NAME_RE = re.compile(
    r"^fwqz-backup-(?P<stamp>\d{8}-\d{6})(?:-(?P<label>[a-z]+(?:-[a-z]+)*))?(?:-(?P<n>\d+))?\.sqlite3$"
)
KIND_LABELS = {
    "daily": "每日",
    "monthly": "每月",
    "auto": "自动",
    "": "手动",
    PRE_MIGRATION_LABEL: "升级前",
    PRE_RESTORE_LABEL: "恢复前",
}


@dataclass(frozen=True)
class BackupFile:
    """One backup file of this program: where it is, when it was made, why."""

    path: Path
    made_at: datetime
    label: str
    seq: int = 1

    @property
    def is_auto(self) -> bool:
        return self.label == AUTO_LABEL

    @property
    def sort_key(self) -> tuple[datetime, int, str]:
        return (self.made_at, self.seq, self.path.name)


def parse_backup_name(path: Path) -> BackupFile | None:
    """The backup described by the file name, or None if the program did not make it."""
    match = NAME_RE.match(path.name)
    if match is None:
        return None
    try:
        made_at = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
    except ValueError:
        return None
    return BackupFile(path, made_at, match["label"] or "", int(match["n"] or 1))


def program_backups(folder: Path) -> list[BackupFile]:
    """The program's backup files in `folder`, oldest first (OSError if it cannot be read)."""
    found = []
    for entry in Path(folder).iterdir():
        backup = parse_backup_name(entry)
        if backup is not None and entry.is_file():
            found.append(backup)
    return sorted(found, key=lambda b: b.sort_key)


@dataclass(frozen=True)
class RotationPlan:
    daily: frozenset[Path]
    monthly: frozenset[Path]
    delete: tuple[Path, ...]

    def kind_of(self, path: Path) -> str:
        """"monthly", "daily" or "" for an automatic backup that is neither."""
        if path in self.monthly:
            return "monthly"
        return "daily" if path in self.daily else ""


def plan_rotation(backups: list[BackupFile], *, keep_daily: int = KEEP_DAILY,
                  keep_monthly: int = KEEP_MONTHLY) -> RotationPlan:
    """Apply the rule in the module docstring to `backups` (other labels are ignored)."""
    autos = sorted((b for b in backups if b.is_auto), key=lambda b: b.sort_key)
    last_of_day: dict[date, BackupFile] = {}
    first_of_month: dict[tuple[int, int], BackupFile] = {}
    for backup in autos:  # oldest first: the last one of a day wins, the first of a month stays
        last_of_day[backup.made_at.date()] = backup
        first_of_month.setdefault((backup.made_at.year, backup.made_at.month), backup)
    days = sorted(last_of_day)[-keep_daily:] if keep_daily > 0 else []
    months = sorted(first_of_month)[-keep_monthly:] if keep_monthly > 0 else []
    daily = frozenset(last_of_day[d].path for d in days)
    monthly = frozenset(first_of_month[m].path for m in months)
    delete = tuple(b.path for b in autos if b.path not in daily and b.path not in monthly)
    return RotationPlan(daily, monthly, delete)


def rotate(folder: Path, *, protect: Path | None = None) -> list[Path]:
    """Delete the automatic backups in `folder` the rule does not keep; the deleted paths.

    `protect` (the copy just made) is never deleted. A file that cannot be
    deleted is left (the next rotation tries again).
    """
    plan = plan_rotation(program_backups(folder))
    deleted = []
    for path in plan.delete:
        if protect is not None and path == protect:
            continue
        try:
            path.unlink()
        except OSError:
            continue
        deleted.append(path)
    return deleted


def last_backup_time(folder: Path) -> datetime | None:
    """When the newest backup in `folder` was made (None if there is none; OSError if unreadable)."""
    backups = program_backups(folder)
    return backups[-1].made_at if backups else None


def has_auto_backup_on(folder: Path, day: date) -> bool:
    """True if an automatic backup made on `day` is in `folder`."""
    try:
        return any(b.is_auto and b.made_at.date() == day for b in program_backups(folder))
    except OSError:
        return False
