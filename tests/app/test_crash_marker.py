"""After an abnormal exit: the run marker, the integrity check on the next start, what is logged."""

from __future__ import annotations

import logging
import os
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from desktop_app.app import crash_marker
from desktop_app.app import gui as app
from desktop_app.app import session
from desktop_app.clock import Clock
from desktop_app.app.crash_marker import CrashMarker, IntegrityReport, PreviousRun, check_after_crash
from desktop_app.logging_setup import LOG_FILE_NAME
from desktop_app.app.single_instance import instance_key

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 23, 9, 30)


def damaged_index_db(path: Path) -> Path:
    """A file that passes quick_check but fails the full integrity check (index out of step)."""
    con = sqlite3.connect(path)
    con.executescript("CREATE TABLE t(a INTEGER); CREATE INDEX i ON t(a); INSERT INTO t VALUES (1),(2),(3);")
    con.commit()
    con.execute("PRAGMA writable_schema=ON")
    con.execute("UPDATE sqlite_master SET sql='CREATE INDEX i ON t(a+100)' WHERE name='i'")
    con.commit()
    con.close()
    return path


def test_marker_written_at_start_found_after_a_crash_removed_on_clean_exit(tmp_path):
    db = tmp_path / "fwqz.sqlite3"
    marker = CrashMarker(db, tmp_path / "logs")
    assert marker.previous_run() is None
    marker.mark_running(now=NOW)
    assert marker.path.exists()
    found = CrashMarker(db, tmp_path / "logs").previous_run()  # the next start
    assert found is not None and found.pid == os.getpid() and found.db == str(db)
    assert found.started == "2026-11-23T09:30:00"  # the time it was given
    assert CrashMarker(tmp_path / "other.sqlite3", tmp_path / "logs").previous_run() is None
    marker.mark_clean_exit()
    assert not marker.path.exists() and marker.previous_run() is None
    marker.mark_clean_exit()  # twice is fine


def test_an_unreadable_marker_still_counts_as_an_abnormal_exit(tmp_path):
    marker = CrashMarker(tmp_path / "fwqz.sqlite3", tmp_path)
    marker.path.write_bytes(b"\x00garbage")
    assert marker.previous_run() == PreviousRun(None, "", "")


def test_marker_in_an_unwritable_folder_is_logged_not_raised(tmp_path, caplog):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    marker = CrashMarker(tmp_path / "fwqz.sqlite3", blocker / "logs")  # a file, not a folder
    with caplog.at_level(logging.WARNING, logger="desktop_app"):
        marker.mark_running(now=NOW)
    assert "run marker" in caplog.text


def test_integrity_check_after_crash_ok_is_logged(tmp_path, caplog):
    db = tmp_path / "ok.sqlite3"
    sqlite3.connect(db).execute("CREATE TABLE t(a)").connection.close()
    with caplog.at_level(logging.INFO, logger="desktop_app"):
        report = check_after_crash(db, PreviousRun(123, "2026-11-23T09:30:00", str(db)))
    assert report == IntegrityReport(True, ("ok",))
    assert "did not exit cleanly" in caplog.text and "integrity check after abnormal exit: ok" in caplog.text


def test_integrity_check_after_crash_finds_a_damaged_index(tmp_path, caplog):
    db = damaged_index_db(tmp_path / "bad.sqlite3")
    with caplog.at_level(logging.INFO, logger="desktop_app"):
        report = check_after_crash(db, PreviousRun(None, "", ""))
    assert not report.ok and any("missing from index" in line for line in report.lines)
    assert "FAILED" in caplog.text and "missing from index" in caplog.text
    text = crash_marker.user_message(report, tmp_path / "fwqz.log")
    assert "上次程序没有正常退出" in text and "恢复备份" in text and str(tmp_path / "fwqz.log") in text


def test_integrity_check_that_cannot_run_is_reported_not_raised(tmp_path):
    report = check_after_crash(tmp_path / "nowhere" / "x.sqlite3", PreviousRun(None, "", ""))
    assert not report.ok and report.error
    assert "未能完成" in crash_marker.user_message(report, None)


# --- the hooks in run_gui ------------------------------------------------------------------


@pytest.fixture
def gui_start(tmp_path, qapp, monkeypatch):
    """run_gui with the log folder under tmp_path, message boxes recorded, log-in cancelled."""
    logs = tmp_path / "logs"
    monkeypatch.setattr(app, "log_dir", lambda: logs)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    monkeypatch.setattr(session, "log_in", lambda db, clock: None)  # stop at the log-in dialog
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(app.QMessageBox, "warning",
                        staticmethod(lambda parent, title, text, *a: shown.append((title, text))))
    monkeypatch.setattr(app.QMessageBox, "information",
                        staticmethod(lambda parent, title, text, *a: shown.append((title, text))))
    yield logs, shown
    logger = logging.getLogger("desktop_app")
    for handler in list(logger.handlers):
        if getattr(handler, "_fwqz", False):
            logger.removeHandler(handler)
            handler.close()


def _log_text(logs: Path) -> str:
    for handler in logging.getLogger("desktop_app").handlers:
        handler.flush()
    return (logs / LOG_FILE_NAME).read_text(encoding="utf-8")


def test_a_clean_start_and_exit_leaves_no_marker_and_no_lock(tmp_path, gui_start):
    logs, shown = gui_start
    db = tmp_path / "fwqz.sqlite3"
    assert app.run_gui(db, clock=Clock.fixed(NOW)) == 0
    assert not (logs / f"{instance_key(db)}.running").exists()
    assert not (logs / f"{instance_key(db)}.lock").exists()
    assert "did not exit cleanly" not in _log_text(logs) and shown == []


def test_after_a_crash_the_next_start_checks_and_logs_calmly(tmp_path, gui_start):
    logs, shown = gui_start
    db = tmp_path / "fwqz.sqlite3"
    CrashMarker(db, logs).mark_running(now=NOW)  # as left by a run that crashed
    assert app.run_gui(db, clock=Clock.fixed(NOW)) == 0
    text = _log_text(logs)
    assert "did not exit cleanly" in text and "integrity check after abnormal exit: ok" in text
    assert shown == []  # ok: nothing to bother the user with
    assert CrashMarker(db, logs).previous_run() is None  # this run exited cleanly


def test_after_a_crash_a_failed_check_is_told_calmly(tmp_path, gui_start, monkeypatch):
    logs, shown = gui_start
    db = tmp_path / "fwqz.sqlite3"
    CrashMarker(db, logs).mark_running(now=NOW)
    monkeypatch.setattr("desktop_app.db.backup.integrity_check",
                        lambda path: ["row 7 missing from index ix_matter_serial"])
    assert app.run_gui(db, clock=Clock.fixed(NOW)) == 0
    assert len(shown) == 1
    title, text = shown[0]
    assert title == "上次未正常退出" and "恢复备份" in text and str(logs / LOG_FILE_NAME) in text
    assert "row 7 missing from index" in _log_text(logs)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders and SIGKILL: Linux")
def test_a_killed_program_is_checked_at_the_next_start(tmp_path, gui_start, monkeypatch):
    """The real program killed at its first-run dialog; the next start logs the integrity check."""
    from desktop_app.db.database import Database

    logs, shown = gui_start
    db = tmp_path / "fwqz.sqlite3"
    Database.open(db, create=True, now=NOW).close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               XDG_DATA_HOME=str(tmp_path / "xdg-data"), XDG_STATE_HOME=str(tmp_path / "xdg-state"))
    with open(tmp_path / "child-stderr.txt", "w", encoding="utf-8") as err:
        child = subprocess.Popen([sys.executable, "-m", "desktop_app", "--db", str(db)], env=env,
                                 cwd=ROOT, stdin=subprocess.DEVNULL, stdout=err, stderr=err)
    child_logs = tmp_path / "xdg-state" / "fuwuqunzhong-gongzuotai" / "log"
    try:  # wait until it runs (marker written), give it a moment to reach the first-run dialog
        deadline = time.monotonic() + 60
        while not (child_logs / f"{instance_key(db)}.running").exists():
            assert time.monotonic() < deadline and child.poll() is None, (
                f"the program did not start: {(tmp_path / 'child-stderr.txt').read_text()}")
            time.sleep(0.1)
        time.sleep(1.0)
        assert child.poll() is None
    finally:
        child.kill()
        child.wait(timeout=10)
    monkeypatch.setattr(app, "log_dir", lambda: child_logs)
    assert app.run_gui(db, explicit=True, clock=Clock.fixed(NOW)) == 0
    text = _log_text(child_logs)
    assert "did not exit cleanly" in text and "integrity check after abnormal exit: ok" in text
    assert shown == []


def test_the_log_file_location_is_in_help_about(tmp_path, qtbot, monkeypatch, demo_db_file):
    from desktop_app.db.database import Database
    from desktop_app.ui import main_window as mw

    admin = demo_db_file(tmp_path / "t.sqlite3", with_matters=False, now=NOW, today=NOW.date())
    db = Database.open(tmp_path / "t.sqlite3", now=NOW)
    try:
        log_path = tmp_path / "logs" / LOG_FILE_NAME
        window = mw.MainWindow(db, admin, log_path=log_path, clock=Clock.fixed(NOW))
        qtbot.addWidget(window)
        shown: list[str] = []
        monkeypatch.setattr(mw.QMessageBox, "about", staticmethod(lambda parent, title, text: shown.append(text)))
        help_menu = next(a.menu() for a in window.menuBar().actions() if a.text().startswith("帮助"))
        next(a for a in help_menu.actions() if a.text() == "关于").trigger()
        assert len(shown) == 1 and f"日志文件：{log_path}" in shown[0]
    finally:
        db.close()
