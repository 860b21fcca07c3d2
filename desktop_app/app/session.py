"""The heavy half of the GUI start (issue 14): opening the database, logging in, the window.

`app.gui` shows the login window first and imports this module on a worker thread
while the user types: importing it loads SQLAlchemy, the models and the main window
with its tabs (the "preload"), and `prepare` opens the database there too.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop_app import APP_NAME
from desktop_app.app.crash_marker import IntegrityReport, PreviousRun, check_after_crash, user_message
from desktop_app.app.daily_check import DailyCheck
from desktop_app.clock import Clock
from desktop_app.db.backup import restore_backup
from desktop_app.db.database import Database
from desktop_app.db.services import settings as settings_svc
from desktop_app.db.services import users as user_svc
from desktop_app.db.tx import Actor
from desktop_app.domain.errors import StorageError
from desktop_app.ui.backup_ui import finish_session
from desktop_app.ui.idle import IdleWatcher
from desktop_app.ui.login import FirstRunDialog, LoginDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.widgets.errors import show_error, storage_message

log = logging.getLogger("desktop_app")

RESTORABLE = frozenset({"damaged", "not_database"})


@dataclass(frozen=True)
class Prepared:
    """What the worker thread found: the open database, whether it has users, its name."""

    db: Database
    has_users: bool
    institution: str
    crash_report: IntegrityReport | None


def prepare(path: Path, *, clock: Clock, previous: PreviousRun | None) -> Prepared:
    """Open the file (created if missing: the caller asked first) and read what the login
    needs; after an abnormal exit, the full integrity check. Raises StorageError."""
    db = Database.open(path, create=True, now=clock.now())
    report = check_after_crash(db.path, previous) if previous is not None else None
    with db.session() as session:
        first = not user_svc.has_users(session=session)
        institution = settings_svc.get_settings(session=session).name
    return Prepared(db, not first, institution or APP_NAME, report)


def open_database(path: Path, *, explicit: bool, clock: Clock) -> Database | None:
    """Open the file; a missing `--db` file is created only after the user agrees."""
    create = True
    if explicit and not path.exists():
        answer = QMessageBox.question(
            None, APP_NAME, f"数据库文件不存在：\n{path}\n\n要在这里新建一个空数据库吗？"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
    while True:
        try:
            return Database.open(path, create=create, now=clock.now())
        except StorageError as exc:
            log.warning("cannot open %s: %s (%s)", path, exc.message, exc.kind)
            if exc.kind not in RESTORABLE:
                show_error(None, exc)
                return None
            backup = ask_restore_file(path, exc)
            if backup is None:
                return None
            try:
                kept = restore_backup(backup, path, now=clock.now())
            except StorageError as restore_exc:
                show_error(None, restore_exc)
                continue
            log.warning("restored %s from %s; previous file kept as %s", path, backup, kept)


def ask_restore_file(path: Path, exc: StorageError) -> Path | None:
    """Explain calmly and offer to restore a backup; the chosen backup file, or None to quit."""
    box = QMessageBox(QMessageBox.Icon.Warning, "数据库文件无法使用",
                      storage_message(exc) + "\n\n可以从备份恢复：当前文件会改名保留在原文件夹，不会被删除。")
    restore = box.addButton("从备份恢复…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("退出", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is not restore:
        return None
    start = path.parent / "backups"
    chosen, _ = QFileDialog.getOpenFileName(
        None, "选择备份文件", str(start if start.exists() else path.parent),
        "数据库备份 (*.sqlite3 *.db);;所有文件 (*)")
    return Path(chosen) if chosen else None


def authenticator(db: Database, clock: Clock):
    """The login dialog's check: the user's Actor, or AuthError."""

    def authenticate(username: str, password: str) -> Actor:
        with db.session() as session:
            return user_svc.authenticate(session=session, username=username, password=password,
                                         now=clock.now())

    return authenticate


def log_in(db: Database, clock: Clock) -> Actor | None:
    """First start: create the office director's account; later: the login dialog."""
    with db.session() as session:
        first = not user_svc.has_users(session=session)
        institution = settings_svc.get_settings(session=session).name
    if first:
        created: list[Actor] = []

        def create(display_name: str, username: str, password: str) -> None:
            with db.session() as session:
                created.append(user_svc.create_first_admin(
                    session=session, display_name=display_name, username=username, password=password,
                    now=clock.now()))

        return created[0] if FirstRunDialog.ask(None, create) and created else None
    return LoginDialog.ask(None, authenticator(db, clock), institution or APP_NAME, str(db.path))


def show_crash_report(report: IntegrityReport | None, log_path: Path | None) -> None:
    """After an abnormal exit: a calm note only if the integrity check was not ok."""
    if report is not None and not report.ok:
        QMessageBox.warning(None, "上次未正常退出", user_message(report, log_path))


def check_integrity_after_crash(db: Database, previous: PreviousRun, log_path: Path | None) -> bool:
    """After an abnormal exit: the integrity check, logged; a calm note only if it is not ok."""
    report = check_after_crash(db.path, previous)
    show_crash_report(report, log_path)
    return report.ok


def run_windows(db: Database, actor: Actor | None, *, path: Path, clock: Clock,
                log_path: Path | None, checked_today: bool) -> int:
    """The main window for `actor`, again after 文件 → 恢复备份… (the restored data, a new
    login); the exit code. `actor` None asks for a login first."""
    app = QApplication.instance()
    code = 0
    daily = DailyCheck(path, log_path.parent if log_path else path.parent, clock=clock)
    daily.failed.connect(lambda message: QMessageBox.warning(
        QApplication.activeWindow(), "数据库完整性检查", message))
    if checked_today:
        daily.mark_checked()
    while True:
        if actor is None:
            actor = log_in(db, clock)
            if actor is None:
                db.close()
                return code
        window = MainWindow(db, actor, clock=clock, log_path=log_path)
        watcher = IdleWatcher(_idle_minutes(db), app)
        watcher.idle.connect(lambda: _lock(window, watcher))
        window.settings_tab.data_changed.connect(lambda: watcher.set_minutes(_idle_minutes(db)))
        window.show()
        window.backups.backup_if_first_today()  # the first start of the day: in the background
        daily.start_if_due()  # once a day, the whole-file check: in the background
        window.show_reminders_if_any()
        code = app.exec()
        watcher.uninstall()
        daily.wait()
        if not finish_session(window, db):  # the exit backup and close, or the restore
            return code
        db = open_database(path, explicit=True, clock=clock)
        if db is None:
            return 1
        actor = None


def _idle_minutes(db: Database) -> int:
    with db.session() as session:
        return settings_svc.get_settings(session=session).idle_lock_minutes


def _lock(window: MainWindow, watcher: IdleWatcher) -> None:
    watcher.pause()
    if window.lock_and_ask():
        watcher.resume()
