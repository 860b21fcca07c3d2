"""The one place that turns exceptions into dialogs (STYLE: errors by who is to blame).

- ValidationError / PermissionDenied / AuthError: the user can act on it → a warning.
- StorageError: the disk or database file → a calm explanation per kind.
- Anything else is a bug → logged with its traceback, the user sees only where the log is.

Message boxes are created through `_message_box`, a seam tests monkeypatch.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop_app.domain.errors import AuthError, PermissionDenied, StorageError, ValidationError
from desktop_app.logging_setup import current_log_path

log = logging.getLogger("desktop_app")

STORAGE_TITLE = "数据库文件无法使用"
RESTORE_HINT = "可在“文件 → 恢复备份”中恢复。"

STORAGE_EXPLANATIONS: dict[str, str] = {
    "locked": "数据库正被其他程序占用（可能在另一个窗口或另一台电脑上打开），请稍后重试。",
    "readonly": "数据库文件是只读的，无法保存更改。请检查文件或文件夹的权限，或联系维护人员。",
    "full": "磁盘空间已满，无法保存。请清理磁盘空间后重试。",
    "not_database": "所选文件不是本程序的数据库文件，无法打开。",
    "damaged": "数据库文件已损坏，无法继续使用。可以从备份恢复。",
    "newer_schema": "数据库文件由更新版本的程序创建，当前程序无法打开。请升级本程序后再试。",
    "io": "读写数据库文件时出错。请检查磁盘是否正常，然后重试。",
}
NEEDS_RESTORE_HINT = frozenset({"damaged", "not_database"})

_log_path: Path | None = None


def _tr(text: str) -> str:
    return QCoreApplication.translate("errors", text)


def _message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> None:
    """Show a modal message box; tests replace this function."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.exec()


def show_warning(parent: QWidget | None, title: str, text: str) -> None:
    """A plain warning box for things that are neither a bug nor a database problem."""
    _message_box(parent, QMessageBox.Icon.Warning, title, text)


def storage_message(exc: StorageError) -> str:
    """The calm Chinese explanation for a StorageError, with a restore hint where it helps."""
    text = _tr(STORAGE_EXPLANATIONS.get(exc.kind, STORAGE_EXPLANATIONS["io"]))
    if exc.kind in NEEDS_RESTORE_HINT:
        text += "\n" + _tr(RESTORE_HINT)
    if exc.path:
        text += "\n\n" + _tr("文件：") + str(exc.path)
    return text


def bug_message(log_path: Path | None) -> str:
    where = str(log_path) if log_path else _tr("（日志文件未配置）")
    return _tr("程序出现意外错误，已记录到日志文件：{path}。请联系维护人员。").format(path=where)


def problems_of(exc: ValidationError) -> tuple[tuple[str, str], ...]:
    """Every (field, message) a ValidationError names, the first being (exc.field, exc.message)."""
    return tuple(getattr(exc, "problems", None) or ((exc.field, exc.message),))


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Tell the user about `exc` in the way that fits who is to blame."""
    if isinstance(exc, ValidationError):
        text = "\n".join(dict.fromkeys(message for _f, message in problems_of(exc)))
        _message_box(parent, QMessageBox.Icon.Warning, _tr("输入有误"), text)
    elif isinstance(exc, PermissionDenied):
        _message_box(parent, QMessageBox.Icon.Warning, _tr("没有权限"), exc.message)
    elif isinstance(exc, AuthError):
        _message_box(parent, QMessageBox.Icon.Warning, _tr("无法登录"), exc.message)
    elif isinstance(exc, StorageError):
        log.warning("StorageError kind=%s path=%s: %s", exc.kind, exc.path, exc.message)
        _message_box(parent, QMessageBox.Icon.Warning, _tr(STORAGE_TITLE), storage_message(exc))
    else:
        log.error("Unexpected error: %r", exc,
                  exc_info=(type(exc), exc, exc.__traceback__))
        path = _log_path or current_log_path()
        _message_box(parent, QMessageBox.Icon.Critical, _tr("程序错误"), bug_message(path))


def install_excepthook(log_path: Path) -> None:
    """Route uncaught exceptions (e.g. raised in slots) to `show_error(None, exc)`."""
    global _log_path
    _log_path = Path(log_path)

    def hook(exc_type: type[BaseException], exc: BaseException,
             tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt) or QApplication.instance() is None:
            sys.__excepthook__(exc_type, exc, tb)
            return
        if exc.__traceback__ is None and tb is not None:
            exc = exc.with_traceback(tb)
        try:
            show_error(None, exc)
        except Exception:  # the error dialog itself failed: fall back to stderr
            sys.__excepthook__(exc_type, exc, tb)

    sys.excepthook = hook
