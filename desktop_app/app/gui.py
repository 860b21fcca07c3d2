"""The GUI entry point: the login window first, the database opened while the user types.

Issue 14: nothing heavy is imported before the login window shows (no SQLAlchemy,
models, Alembic, ReportLab or tabs: tests/app/test_startup.py). `Opening` imports
`app.session` and opens the file on a worker thread; the password check waits for it
if the user was quicker. A file with no users turns the login into the first-run
dialog; a file that cannot be opened gives the same calm dialogs as before
(`session.open_database`).
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desktop_app import APP_NAME
from desktop_app.app.crash_marker import CrashMarker
from desktop_app.app.opening import Opening
from desktop_app.app.single_instance import Claim, SingleInstance, bring_to_front
from desktop_app.clock import Clock
from desktop_app.domain.errors import AuthError
from desktop_app.logging_setup import setup_logging
from desktop_app.paths import log_dir
from desktop_app.ui.fonts import install_app_font
from desktop_app.ui.login import LoginDialog
from desktop_app.ui.translation import install_qt_chinese
from desktop_app.ui.widgets.errors import install_excepthook

POLL_MS = 50


class Outcome(enum.Enum):
    """How the first login window ended."""

    logged_in = "logged_in"
    cancelled = "cancelled"
    first_run = "first_run"  # the file has no users yet: the first-run dialog instead
    open_failed = "open_failed"  # the file could not be opened: the calm dialogs


def ask_login(opening: Opening, path: Path, clock: Clock) -> tuple[Outcome, object]:
    """The login window, shown at once; (outcome, the actor when logged in)."""

    def authenticate(username: str, password: str):
        session = opening.wait()  # the user typed faster than the file opened
        if opening.prepared is None or not opening.prepared.has_users:
            QTimer.singleShot(0, dialog.reject)
            raise AuthError("正在打开数据库，请稍候…")
        return session.authenticator(opening.prepared.db, clock)(username, password)

    dialog = LoginDialog(authenticate, APP_NAME, str(path))
    timer = QTimer(dialog)
    timer.setInterval(POLL_MS)

    def poll() -> None:
        if not opening.done():
            return
        timer.stop()
        if opening.prepared is None or not opening.prepared.has_users:
            dialog.reject()
        else:
            dialog.institution_label.setText(opening.prepared.institution)

    timer.timeout.connect(poll)
    timer.start()
    QTimer.singleShot(0, opening.start)  # once the window is up
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    timer.stop()
    opening.wait()
    if accepted:
        return Outcome.logged_in, dialog.result_value()
    if opening.prepared is None:
        return Outcome.open_failed, None
    return (Outcome.cancelled if opening.prepared.has_users else Outcome.first_run), None


def run_gui(path: Path, *, explicit: bool = False, clock: Clock | None = None) -> int:
    clock = clock or Clock.system()  # the one clock of the run: passed to everything below
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    install_app_font(app)
    install_qt_chinese(app)
    log_path = setup_logging(log_dir())
    install_excepthook(log_path)
    instance = claim_instance(path, log_path.parent)
    if instance is None:  # the database is open in another window, which came to the front
        return 0
    marker = CrashMarker(path, log_path.parent)
    previous = marker.previous_run()
    marker.mark_running(now=clock.now())
    code = _run(path, explicit=explicit, clock=clock, log_path=log_path, previous=previous)
    marker.mark_clean_exit()  # not after an exception: the next start checks the file
    instance.release()
    return code


def _run(path: Path, *, explicit: bool, clock: Clock, log_path: Path, previous) -> int:
    if explicit and not Path(path).exists():
        answer = QMessageBox.question(
            None, APP_NAME, f"数据库文件不存在：\n{path}\n\n要在这里新建一个空数据库吗？"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return 1
    new_file = not Path(path).exists()
    opening = Opening(path, clock=clock, previous=previous)
    if new_file:  # nothing to log in to: the first-run dialog once the file is made
        opening.wait()
        outcome, actor = (Outcome.first_run if opening.prepared else Outcome.open_failed), None
    else:
        outcome, actor = ask_login(opening, path, clock)
    session = opening.wait()
    if outcome is Outcome.open_failed:
        db = session.open_database(path, explicit=True, clock=clock)
        if db is None:
            return 1
        if previous is not None:
            session.check_integrity_after_crash(db, previous, log_path)
        checked = previous is not None
        actor = None
    else:
        db, report = opening.prepared.db, opening.prepared.crash_report
        session.show_crash_report(report, log_path)
        checked = report is not None and report.ok
        if outcome is Outcome.cancelled:
            db.close()
            return 0
    return session.run_windows(db, actor, path=path, clock=clock, log_path=log_path,
                               checked_today=checked)


def claim_instance(path: Path, lock_dir: Path) -> SingleInstance | None:
    """This process's hold on the database; None when another window already has it open."""
    instance = SingleInstance(path, lock_dir)
    claim = instance.claim()
    if claim is Claim.primary:
        instance.activated.connect(bring_to_front)
        return instance
    if claim is Claim.running:
        QMessageBox.information(
            None, APP_NAME,
            f"程序已在运行：数据库“{path.name}”已在另一个窗口中打开。\n\n"
            "请在任务栏中找到该窗口；同一个数据库不能同时打开两次。")
    return None
