"""The whole-file check once a day in the background (issue 14): at most once a day by the
one clock, the day kept in the log folder, a damaged file told calmly with the way out."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from desktop_app.app.daily_check import DailyCheck
from desktop_app.clock import Clock

NOW = datetime(2026, 11, 23, 9, 30)


def _check(path: Path, logs: Path, now: datetime = NOW) -> tuple[DailyCheck, list[str]]:
    check = DailyCheck(path, logs, clock=Clock.fixed(now))
    told: list[str] = []
    check.failed.connect(told.append)
    return check, told


def test_a_good_file_is_checked_once_a_day(tmp_path, fresh_db_file, qapp) -> None:
    path = fresh_db_file(tmp_path / "fwqz.sqlite3", NOW)
    check, told = _check(path, tmp_path / "logs")
    assert check.start_if_due()
    check.wait()
    assert told == [] and not check.due()
    again, _ = _check(path, tmp_path / "logs", NOW + timedelta(hours=5))
    assert not again.start_if_due()  # later the same day: not again
    tomorrow, _ = _check(path, tmp_path / "logs", NOW + timedelta(days=1))
    assert tomorrow.due()


def test_a_damaged_file_is_told_calmly_and_checked_again_next_start(tmp_path, fresh_db_file, qapp) -> None:
    path = fresh_db_file(tmp_path / "fwqz.sqlite3", NOW)
    with open(path, "r+b") as fh:
        fh.seek(4096)
        fh.write(b"\x00\xff" * 8192)
    check, told = _check(path, tmp_path / "logs")
    assert check.start_if_due()
    check.wait()
    assert len(told) == 1 and told[0].startswith("数据库文件已损坏") and "恢复备份" in told[0]
    assert check.due()  # not marked good: checked again at the next start
