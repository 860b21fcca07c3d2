"""Noticing that the program did not exit cleanly last time, and checking the database then.

At start (once this process holds the database, see `single_instance`) a small
marker file is written into the log folder; a clean exit removes it. Finding
the marker at the next start therefore means the previous run on this database
ended abnormally (crash, power cut, killed): the full SQLite integrity check is
run and its result logged. The user is told only when the check is not ok.

One marker per database file (named like the instance lock), so different
databases running side by side do not disturb each other.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop_app.app.single_instance import instance_key

log = logging.getLogger("desktop_app.app.crash_marker")


@dataclass(frozen=True)
class PreviousRun:
    """What the marker of an unfinished run says (fields may be empty if it was unreadable)."""

    pid: int | None
    started: str
    db: str


@dataclass(frozen=True)
class IntegrityReport:
    """The integrity check after an abnormal exit: `ok`, the check's lines, or why it could not run."""

    ok: bool
    lines: tuple[str, ...]
    error: str = ""


class CrashMarker:
    """The marker file for one database in `folder` (the log folder)."""

    def __init__(self, db_path: Path, folder: Path) -> None:
        self.db_path = Path(db_path)
        self.path = Path(folder) / f"{instance_key(db_path)}.running"

    def previous_run(self) -> PreviousRun | None:
        """The run that left its marker behind (it did not exit cleanly), or None."""
        if not self.path.exists():
            return None
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        if not isinstance(data, dict):
            data = {}
        pid = data.get("pid")
        return PreviousRun(pid if isinstance(pid, int) else None,
                           str(data.get("started", "")), str(data.get("db", "")))

    def mark_running(self, *, now: datetime) -> None:
        """Write the marker (started `now`, the caller's clock); a folder that cannot be written
        only costs the crash check (logged)."""
        data = {"pid": os.getpid(), "started": now.isoformat(timespec="seconds"),
                "db": str(self.db_path)}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        except OSError as exc:
            log.warning("cannot write the run marker %s: %s", self.path, exc)

    def mark_clean_exit(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("cannot remove the run marker %s: %s", self.path, exc)


def check_after_crash(db_path: Path, previous: PreviousRun) -> IntegrityReport:
    """Run `PRAGMA integrity_check` on the database and log the result (never raises)."""
    from desktop_app.db.backup import integrity_check

    log.warning("the previous run on %s (pid %s, started %s) did not exit cleanly; "
                "running the integrity check", db_path, previous.pid, previous.started or "?")
    try:
        lines = tuple(integrity_check(Path(db_path)))
    except Exception as exc:  # noqa: BLE001 (a check that cannot run is reported, not raised)
        log.error("integrity check after abnormal exit could not run on %s: %s", db_path, exc)
        return IntegrityReport(False, (), str(exc))
    if lines == ("ok",):
        log.info("integrity check after abnormal exit: ok (%s)", db_path)
        return IntegrityReport(True, lines)
    log.error("integrity check after abnormal exit FAILED on %s: %s", db_path, "; ".join(lines[:20]))
    return IntegrityReport(False, lines)


def user_message(report: IntegrityReport, log_path: Path | None) -> str:
    """The calm note shown when the check after an abnormal exit was not ok."""
    where = f"\n\n详细情况已记入日志文件：\n{log_path}" if log_path else ""
    if report.error:
        detail = "完整性检查未能完成。"
    else:
        detail = "完整性检查发现数据库文件有问题。"
    return ("上次程序没有正常退出（可能是断电或程序被强行关闭）。启动时已自动检查数据库，" + detail
            + "\n\n现在仍可继续使用，但建议尽快从最近的备份恢复（文件 → 恢复备份…），"
              "或请技术人员查看。" + where)
