import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop_app.domain.errors import AuthError, PermissionDenied, StorageError, ValidationError
from desktop_app.ui.widgets import errors
from desktop_app.ui.widgets.errors import install_excepthook, show_error


@pytest.mark.parametrize("exc", [
    ValidationError("phone", "电话号码格式不正确"),
    PermissionDenied("只有办公室主任可以批准延期"),
    AuthError("用户名或密码错误，还可尝试 4 次"),
])
def test_user_errors_are_warnings_with_their_message(message_boxes, exc):
    show_error(None, exc)
    (box,) = message_boxes
    assert box.icon == QMessageBox.Icon.Warning
    assert box.text == exc.message


@pytest.mark.parametrize(("kind", "expected"), [
    ("locked", "数据库正被其他程序占用"),
    ("readonly", "只读"),
    ("full", "磁盘空间已满"),
    ("not_database", "不是本程序的数据库文件"),
    ("damaged", "数据库文件已损坏"),
    ("newer_schema", "更新版本"),
    ("io", "读写数据库文件时出错"),
    ("something_new", "读写数据库文件时出错"),
])
def test_storage_errors_get_a_calm_explanation(message_boxes, kind, expected):
    show_error(None, StorageError("database is locked", kind=kind, path="D:/data/fwqz.sqlite3"))
    (box,) = message_boxes
    assert box.title == "数据库文件无法使用"
    assert box.icon == QMessageBox.Icon.Warning
    assert expected in box.text
    assert "D:/data/fwqz.sqlite3" in box.text
    assert "database is locked" not in box.text
    assert ("恢复备份" in box.text) == (kind in {"damaged", "not_database"})


def test_locked_says_try_again_later(message_boxes):
    show_error(None, StorageError("x", kind="locked"))
    assert "请稍后重试" in message_boxes[0].text


def test_damaged_points_to_restore(message_boxes):
    show_error(None, StorageError("x", kind="damaged"))
    assert "可以从备份恢复" in message_boxes[0].text
    assert "可在“文件 → 恢复备份”中恢复" in message_boxes[0].text


def test_bug_is_logged_with_traceback_and_not_shown(message_boxes, caplog, monkeypatch):
    monkeypatch.setattr(errors, "_log_path", Path("C:/logs/fwqz.log"))
    try:
        {}["missing"]
    except KeyError as exc:
        with caplog.at_level(logging.ERROR, logger="desktop_app"):
            show_error(None, exc)
    (box,) = message_boxes
    assert box.icon == QMessageBox.Icon.Critical
    assert box.text == ("程序出现意外错误，已记录到日志文件：" + str(Path("C:/logs/fwqz.log"))
                        + "。请联系维护人员。")
    assert "Traceback" not in box.text and "KeyError" not in box.text
    (record,) = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert record.exc_info is not None and record.exc_info[0] is KeyError
    assert "test_errors.py" in caplog.text  # the traceback went to the log


def test_excepthook_routes_to_show_error(message_boxes, monkeypatch, tmp_path, caplog):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(errors, "_log_path", None)
    install_excepthook(tmp_path / "fwqz.log")
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    (box,) = message_boxes
    assert str(tmp_path / "fwqz.log") in box.text
    assert "boom" in caplog.text


def test_excepthook_shows_known_errors_calmly(message_boxes, monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(errors, "_log_path", None)
    install_excepthook(tmp_path / "fwqz.log")
    exc = StorageError("disk full", kind="full")
    sys.excepthook(StorageError, exc, None)
    assert message_boxes[0].title == "数据库文件无法使用"
