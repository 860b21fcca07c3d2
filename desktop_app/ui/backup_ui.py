"""Automatic backups in the running program (issue 7) and the status-bar line about them.

`AutoBackup` makes the backup of the first start of each day (in a worker
thread, so a slow USB drive or shared folder never holds up work) and the
one on exit, and keeps a status-bar label saying when the last good backup
was made. A failed backup turns the label red and shows a non-modal message;
after 7 days without a good backup the label warns.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from desktop_app.db.backup import BackupOutcome, automatic_backup, configured_backup_dir
from desktop_app.db.backup_rotation import has_auto_backup_on, last_backup_time
from desktop_app.domain.errors import StorageError
from desktop_app.ui.widgets.errors import show_warning
from desktop_app.db.backup import restore_database
from desktop_app.ui.widgets import errors

log = logging.getLogger("desktop_app")

WARN_AFTER_DAYS = 7
OK_STYLE = "color: #2e7d32;"
WARN_STYLE = "color: #c62828; font-weight: bold;"


class AutoBackup(QObject):
    """The automatic backups of one database file and their status-bar label."""

    finished = Signal(object)  # a BackupOutcome or the StorageError of a failed backup
    _done = Signal(object)     # from the worker thread, delivered in the GUI thread

    def __init__(self, db_path: Path, parent: QWidget | None = None, *,
                 clock: Callable[[], datetime]) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.clock = clock
        self.label = QLabel(parent)
        self.label.setObjectName("backupStatus")
        self.last_error: StorageError | None = None
        self.notice: QMessageBox | None = None
        self._thread: threading.Thread | None = None
        self._done.connect(self._on_done)
        self.refresh()

    # the folder and the status line ------------------------------------------------
    def folder(self) -> tuple[Path, bool]:
        """The backup folder (from the settings) and whether it is the default one."""
        return configured_backup_dir(self.db_path)

    def status(self) -> tuple[str, bool]:
        """The status-bar text and whether it is a warning."""
        folder, default = self.folder()
        if self.last_error is not None:
            return f"自动备份失败：{_short(self.last_error.message)}", True
        try:
            last = last_backup_time(folder) if folder.is_dir() else None
        except OSError:
            last = None
        now = self.clock()
        if last is None:
            if not default and not folder.is_dir():
                return "备份文件夹无法访问，尚未备份", True
            return "尚无备份", True
        days = (now.date() - last.date()).days
        when = f"{last:%Y-%m-%d %H:%M}"
        if days >= WARN_AFTER_DAYS:
            return f"已 {days} 天没有成功备份（上次备份：{when}），请检查备份文件夹", True
        return f"上次备份：{when}", False

    def refresh(self) -> None:
        text, warning = self.status()
        folder, _default = self.folder()
        self.label.setText(text)
        self.label.setStyleSheet(WARN_STYLE if warning else OK_STYLE)
        tip = f"备份文件夹：{folder}"
        if self.last_error is not None:
            tip = self.last_error.message + "\n\n" + tip
        self.label.setToolTip(tip)

    # making backups ----------------------------------------------------------------
    def is_running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def backup_if_first_today(self) -> bool:
        """Start the day's first backup in the background unless one was made today; True if started."""
        folder, _default = self.folder()
        if self.is_running() or has_auto_backup_on(folder, self.clock().date()):
            self.refresh()
            return False
        self.start()
        return True

    def start(self) -> None:
        """Make an automatic backup in a worker thread; `finished` is emitted when done."""
        folder, default = self.folder()
        now = self.clock()

        def work() -> None:
            self._done.emit(self._make(folder, default, now))

        self._thread = threading.Thread(target=work, name="auto-backup", daemon=True)
        self._thread.start()

    def backup_now(self) -> BackupOutcome | StorageError:
        """Make an automatic backup here and now (on exit); the outcome or the error."""
        self.wait()
        folder, default = self.folder()
        result = self._make(folder, default, self.clock())
        self._record(result)
        return result

    def at_exit(self, parent: QWidget | None = None) -> BackupOutcome | StorageError:
        """The backup on exit; a failure is said in a message box (work is over by then)."""
        result = self.backup_now()
        if isinstance(result, StorageError):
            show_warning(parent, "退出时自动备份失败",
                         result.message + "\n\n数据本身没有受到影响，但这次没有备份。")
        return result

    def _make(self, folder: Path, default: bool, now: datetime) -> BackupOutcome | StorageError:
        try:
            outcome = automatic_backup(self.db_path, folder, now=now, create_folder=default)
        except StorageError as exc:
            log.warning("automatic backup into %s failed: %s (%s)", folder, exc.message, exc.kind)
            return exc
        except Exception as exc:  # noqa: BLE001 (a backup must never take the program down)
            log.exception("automatic backup into %s failed", folder)
            return StorageError(f"备份失败：{exc}", "io", str(folder))
        log.info("automatic backup %s (%d new photos, %d old copies removed)",
                 outcome.path, outcome.photos_copied, len(outcome.deleted))
        return outcome

    def _record(self, result: BackupOutcome | StorageError) -> None:
        self.last_error = result if isinstance(result, StorageError) else None
        self.refresh()

    def _on_done(self, result: BackupOutcome | StorageError) -> None:
        self._record(result)
        if isinstance(result, StorageError):
            self._notify(result)
        self.finished.emit(result)

    def _notify(self, exc: StorageError) -> None:
        """A non-modal message: work goes on while it is shown."""
        if self.notice is not None:
            self.notice.close()
        parent = self.parent() if isinstance(self.parent(), QWidget) else None
        box = QMessageBox(QMessageBox.Icon.Warning, "自动备份失败",
                          exc.message + "\n\n可以继续工作；数据本身没有受到影响。"
                          "请处理后在“文件 → 备份数据库…”中手动备份，或等下次退出时自动备份。",
                          QMessageBox.StandardButton.Ok, parent)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(lambda *_: setattr(self, "notice", None))
        self.notice = box
        box.show()


def _short(message: str, limit: int = 40) -> str:
    first = re.split(r"[：。（“]", message.removeprefix("备份失败："))[0]  # the path is in the tooltip
    return first if len(first) <= limit else first[:limit] + "…"


def finish_session(window, db) -> bool:
    """After the main window closed: the exit backup, or the restore the user asked for.

    Closes `db` either way. True when a restore was asked for and the program
    should open the (restored, or on failure unchanged) database again and
    ask for the login; False to end the program.
    """
    restore = getattr(window, "restore_file", None)
    if restore is None:
        window.backups.at_exit(None)
        db.close()
        return False
    window.backups.wait()
    window.deleteLater()  # a new window is made after the login
    path = db.path
    db.close()
    try:
        outcome = restore_database(restore, path, pre_restore=window.pre_restore_backup,
                                   now=window.clock.now())
    except StorageError as exc:
        log.warning("restore of %s from %s failed: %s", path, restore, exc.message)
        show_warning(None, "恢复失败", exc.message + "\n\n程序将重新打开原来的数据。")
        return True
    log.warning("restored %s from %s (pre-restore backup %s, replaced file kept as %s, %d photos)",
                path, restore, outcome.pre_restore, outcome.kept, outcome.photos_copied)
    text = f"已从备份恢复：\n{restore}\n\n恢复前的数据已备份为：\n{outcome.pre_restore}"
    if outcome.photos_missing:
        text += f"\n\n注意：有 {outcome.photos_missing} 张检查照片在备份中找不到，将显示为缺失。"
    text += "\n\n请重新登录。"
    errors._message_box(None, QMessageBox.Icon.Information, "恢复完成", text)
    return True
