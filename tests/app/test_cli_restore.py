"""`python -m desktop_app --db PATH restore FILE`: the same checks, a pre-restore backup, Chinese messages."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import datetime
from pathlib import Path

from desktop_app.app.cli import main
from desktop_app.clock import Clock

CLOCK = Clock.fixed(datetime(2026, 11, 23, 9, 30))  # the commands' clock


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop_app", *args], capture_output=True,
                          text=True, timeout=120)


def _names(path: Path) -> list[str]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
        return [r[0] for r in con.execute("SELECT name FROM department ORDER BY id")]


def test_restore_checks_backs_up_and_replaces(tmp_path: Path, demo_db_file, capsys) -> None:
    path = tmp_path / "d.sqlite3"
    demo_db_file(path, now=CLOCK.now())  # what the `demo` command writes
    assert main(["--db", str(path), "backup", "--to", str(tmp_path / "elsewhere")], clock=CLOCK) == 0
    backup = next((tmp_path / "elsewhere").glob("fwqz-backup-*.sqlite3"))
    with closing(sqlite3.connect(path)) as con:
        con.execute("DELETE FROM staff")
        con.execute("UPDATE department SET name = name || '（改）'")
        con.commit()
    capsys.readouterr()
    assert main(["--db", str(path), "restore", str(backup)], clock=CLOCK) == 0
    out = capsys.readouterr().out
    assert "已从备份恢复" in out and "恢复前的数据已备份到" in out
    pre = next((tmp_path / "backups").glob("fwqz-backup-*-pre-restore.sqlite3"))
    assert all(name.endswith("（改）") for name in _names(pre))
    assert not any(name.endswith("（改）") for name in _names(path))


def test_restore_refuses_a_foreign_file_without_traceback(tmp_path: Path, demo_db_file) -> None:
    path = tmp_path / "d.sqlite3"
    demo_db_file(path, now=CLOCK.now())  # what the `demo` command writes
    before = path.read_bytes()
    foreign = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(foreign)) as con:
        con.execute("CREATE TABLE songs (title TEXT)")
        con.commit()
    result = run("--db", str(path), "restore", str(foreign))
    assert result.returncode == 2
    assert "不是本程序的备份" in result.stderr and "未做任何改动" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_restore_of_a_missing_file_says_so(tmp_path: Path, demo_db_file, capsys) -> None:
    path = tmp_path / "d.sqlite3"
    demo_db_file(path, now=CLOCK.now())  # what the `demo` command writes
    assert main(["--db", str(path), "restore", str(tmp_path / "nope.sqlite3")], clock=CLOCK) == 2
    assert "找不到备份文件" in capsys.readouterr().err


def test_restore_is_refused_while_the_program_has_the_database_open(tmp_path: Path, demo_db_file,
                                                                     capsys, monkeypatch, qapp) -> None:
    from desktop_app import paths
    from desktop_app.app.single_instance import Claim, SingleInstance

    path = tmp_path / "d.sqlite3"
    demo_db_file(path, now=CLOCK.now())  # what the `demo` command writes
    assert main(["--db", str(path), "backup", "--to", str(tmp_path / "elsewhere")], clock=CLOCK) == 0
    backup = next((tmp_path / "elsewhere").glob("fwqz-backup-*.sqlite3"))
    monkeypatch.setattr(paths, "log_dir", lambda *a: tmp_path / "logs")
    (tmp_path / "logs").mkdir()
    running = SingleInstance(path, tmp_path / "logs")
    assert running.claim() is Claim.primary
    try:
        capsys.readouterr()
        assert main(["--db", str(path), "restore", str(backup)], clock=CLOCK) == 2
        assert "正在程序窗口中打开" in capsys.readouterr().err
        assert not list(tmp_path.glob("d.sqlite3.replaced-*"))
    finally:
        running.release()
    assert main(["--db", str(path), "restore", str(backup)], clock=CLOCK) == 0
