"""The command line as a scheduled task or an administrator would use it."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from desktop_app.app.cli import main
from desktop_app.clock import Clock
from desktop_app.db.database import Database
from desktop_app.db.services import departments, users

NOW = datetime(2026, 11, 23, 9, 30)
CLOCK = Clock.fixed(NOW)  # the commands' clock (issue 12: one clock, given to main)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args], capture_output=True, text=True, timeout=120
    )


def test_demo_fills_a_new_database_with_fictional_data(tmp_path: Path, capsys) -> None:
    path = tmp_path / "demo.sqlite3"
    assert main(["--db", str(path), "demo"], clock=CLOCK) == 0
    assert "admin" in capsys.readouterr().out
    db = Database.open(path, now=NOW)
    with db.session() as session:
        names = [d.name for d in departments.list_departments(session=session)]
        actor = users.authenticate(session=session, username="admin", password="demo2026", now=NOW)
    db.close()
    assert "内科" in names and actor.role == "admin"


def test_demo_refuses_a_database_that_has_data(tmp_path: Path, capsys) -> None:
    path = tmp_path / "demo.sqlite3"
    main(["--db", str(path), "demo"], clock=CLOCK)
    capsys.readouterr()
    assert main(["--db", str(path), "demo"], clock=CLOCK) == 2
    assert "已有数据" in capsys.readouterr().err


def test_check_reports_a_healthy_database(tmp_path: Path, demo_db_file, capsys) -> None:
    path = tmp_path / "d.sqlite3"
    demo_db_file(path, now=NOW)  # what the `demo` command writes
    capsys.readouterr()
    assert main(["--db", str(path), "check"], clock=CLOCK) == 0
    assert "完整性检查通过" in capsys.readouterr().out


def test_check_refuses_a_file_that_is_not_a_database_and_leaves_it_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("这不是数据库", encoding="utf-8")
    before = path.read_bytes()
    result = run("--db", str(path), "check")
    assert result.returncode == 2
    assert "不是本程序的数据库文件" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_a_missing_database_is_reported_not_created(tmp_path: Path, capsys) -> None:
    path = tmp_path / "none.sqlite3"
    assert main(["--db", str(path), "check"], clock=CLOCK) == 2
    assert "不存在" in capsys.readouterr().err
    assert not path.exists()


def test_backup_writes_a_dated_copy_that_opens(tmp_path: Path, demo_db_file, capsys) -> None:
    path = tmp_path / "d.sqlite3"
    demo_db_file(path, now=NOW)  # what the `demo` command writes
    assert main(["--db", str(path), "backup", "--to", str(tmp_path / "bk")], clock=CLOCK) == 0
    copies = list((tmp_path / "bk").glob("fwqz-backup-*.sqlite3"))
    assert len(copies) == 1
    assert copies[0].name == "fwqz-backup-20261123-093000.sqlite3"  # dated by main's clock
    db = Database.open(copies[0], now=NOW)
    with db.session() as session:
        assert users.has_users(session=session)
    db.close()


def test_backup_into_an_impossible_folder_says_so_without_traceback(tmp_path: Path,
                                                                   demo_db_file) -> None:
    path = tmp_path / "d.sqlite3"
    demo_db_file(path, now=NOW)  # what the `demo` command writes
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    result = run("--db", str(path), "backup", "--to", str(blocker / "sub"))
    assert result.returncode == 2
    assert "备份" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("argv", [["backup"], ["nonsense"]])
def test_bad_arguments_exit_non_zero_with_a_message(argv: list[str]) -> None:
    result = run(*argv)
    assert result.returncode == 2
    assert "参数错误" in result.stderr


def test_no_display_gives_a_message_not_a_crash(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert main(["--db", str(tmp_path / "d.sqlite3")], clock=CLOCK) == 2
    assert "图形桌面" in capsys.readouterr().err
    assert not (tmp_path / "d.sqlite3").exists()


def test_a_one_digit_month_is_read_as_that_month(tmp_path: Path, demo_db_file, capsys) -> None:
    path = tmp_path / "d.sqlite3"
    demo_db_file(path, now=NOW)  # what the `demo` command writes
    out = tmp_path / "m.pdf"
    assert main(["--db", str(path), "report", "monthly", "--month", "2026-3", "--out", str(out)],
                clock=CLOCK) == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_a_failed_demo_fill_leaves_no_half_filled_file(tmp_path: Path, monkeypatch, capsys) -> None:
    from desktop_app.demo import fill as demo
    from desktop_app.domain.errors import StorageError

    def broken(**kwargs):
        raise StorageError("磁盘空间已满，无法保存修改。", "full")

    monkeypatch.setattr(demo, "fill_demo", broken)
    path = tmp_path / "d.sqlite3"
    assert main(["--db", str(path), "demo"], clock=CLOCK) == 2
    assert "磁盘空间已满" in capsys.readouterr().err
    assert not path.exists()
