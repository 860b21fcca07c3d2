"""The GUI entry point: open the database, log in, show the main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop_app import APP_NAME
from desktop_app.clock import Clock
from desktop_app.app.crash_marker import CrashMarker, PreviousRun, check_after_crash, user_message
from desktop_app.db.backup import restore_backup
from desktop_app.db.database import Database
from desktop_app.db.services import settings as settings_svc
from desktop_app.db.services import users as user_svc
from desktop_app.db.tx import Actor
from desktop_app.domain.errors import StorageError
from desktop_app.logging_setup import setup_logging
from desktop_app.paths import log_dir
from desktop_app.app.single_instance import Claim, SingleInstance, bring_to_front
from desktop_app.ui.backup_ui import finish_session
from desktop_app.ui.widgets.errors import install_excepthook, show_error, storage_message
from desktop_app.ui.fonts import install_app_font
from desktop_app.ui.idle import IdleWatcher
from desktop_app.ui.login import FirstRunDialog, LoginDialog
from desktop_app.ui.translation import install_qt_chinese
from desktop_app.ui.main_window import MainWindow

log = logging.getLogger("desktop_app")


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


RESTORABLE = frozenset({"damaged", "not_database"})


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

    def authenticate(username: str, password: str) -> Actor:
        with db.session() as session:
            return user_svc.authenticate(session=session, username=username, password=password,
                                         now=clock.now())

    return LoginDialog.ask(None, authenticate, institution or APP_NAME, str(db.path))


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
    db = open_database(path, explicit=explicit, clock=clock)
    if db is None:
        _clean_exit(instance, marker)
        return 1
    if previous is not None:
        check_integrity_after_crash(db, previous, log_path)
    while True:  # once, or again after 文件 → 恢复备份… (the restored data, a new login)
        actor = log_in(db, clock)
        if actor is None:
            db.close()
            _clean_exit(instance, marker)
            return 0
        window = MainWindow(db, actor, clock=clock, log_path=log_path)
        watcher = IdleWatcher(_idle_minutes(db), app)
        watcher.idle.connect(lambda: _lock(window, watcher))
        window.settings_tab.data_changed.connect(lambda: watcher.set_minutes(_idle_minutes(db)))
        window.show()
        window.backups.backup_if_first_today()  # the first start of the day: in the background
        window.show_reminders_if_any()
        code = app.exec()
        watcher.uninstall()
        if not finish_session(window, db):  # the exit backup and close, or the restore
            break
        db = open_database(path, explicit=True, clock=clock)
        if db is None:
            code = 1
            break
    _clean_exit(instance, marker)
    return code


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


def check_integrity_after_crash(db: Database, previous: PreviousRun, log_path: Path | None) -> bool:
    """After an abnormal exit: the integrity check, logged; a calm note only if it is not ok."""
    report = check_after_crash(db.path, previous)
    if not report.ok:
        QMessageBox.warning(None, "上次未正常退出", user_message(report, log_path))
    return report.ok


def _clean_exit(instance: SingleInstance, marker: CrashMarker) -> None:
    marker.mark_clean_exit()
    instance.release()


def _idle_minutes(db: Database) -> int:
    with db.session() as session:
        return settings_svc.get_settings(session=session).idle_lock_minutes


def _lock(window: MainWindow, watcher: IdleWatcher) -> None:
    watcher.pause()
    if window.lock_and_ask():
        watcher.resume()
