"""Automatic backups in the window, the status bar, 文件 → 恢复备份… and the restart on the restored data."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop_app.clock import Clock
from desktop_app.db.backup import automatic_backup, backup_database
from desktop_app.db.database import Database
from desktop_app.db.services import departments, settings, users
from desktop_app.domain.errors import StorageError
from desktop_app.domain.roles import Role
from desktop_app.ui.backup_ui import AutoBackup, finish_session
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.restore_dialog import RestoreDialog

NOW = datetime(2026, 11, 23, 9, 30)
SHOTS = Path("/tmp/issue7")


@pytest.fixture
def db(tmp_path: Path, fresh_db_file):
    database = Database.open(fresh_db_file(tmp_path / "fwqz.sqlite3", NOW), now=NOW)
    yield database
    database.close()


@pytest.fixture
def admin(db):
    with db.session() as session:
        actor = users.create_first_admin(session=session, display_name="王主任", username="zhuren",
                                         password="Zhuren2026", now=NOW)
        departments.create_department(session=session, actor=actor, name="内科", is_clinical=True, now=NOW)
    return actor


def _set_folder(db, admin, folder: Path) -> None:
    with db.session() as session:
        settings.update_settings(session=session, actor=admin, values={"backup_folder": str(folder)}, now=NOW)


def test_the_first_start_of_the_day_backs_up_in_the_background(qtbot, db, admin) -> None:
    auto = AutoBackup(db.path, clock=lambda: NOW)
    assert auto.label.text() == "尚无备份"
    with qtbot.waitSignal(auto.finished, timeout=10000) as blocker:
        assert auto.backup_if_first_today()
    outcome = blocker.args[0]
    assert outcome.path.name == "fwqz-backup-20261123-093000-auto.sqlite3"
    assert auto.label.text() == "上次备份：2026-11-23 09:30"
    assert not auto.backup_if_first_today()  # one a day at start; the exit makes the next


def test_after_seven_days_without_a_good_backup_the_status_bar_warns(qtbot, db, admin) -> None:
    folder = db.path.parent / "backups"
    backup_database(db.path, folder, now=NOW - timedelta(days=6), label="auto")
    auto = AutoBackup(db.path, clock=lambda: NOW)
    assert auto.label.text().startswith("上次备份：2026-11-17")
    later = AutoBackup(db.path, clock=lambda: NOW + timedelta(days=1))
    assert "已 7 天没有成功备份" in later.label.text()
    assert "c62828" in later.label.styleSheet()


def test_a_failing_backup_warns_without_blocking(qtbot, db, admin, tmp_path) -> None:
    _set_folder(db, admin, tmp_path / "usb-not-plugged-in")
    window = MainWindow(db, admin, clock=Clock.fixed(NOW))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.backups.finished, timeout=10000) as blocker:
        window.backups.backup_if_first_today()
    assert isinstance(blocker.args[0], StorageError)
    label = window.backups.label
    assert label.text().startswith("自动备份失败：备份文件夹不存在")
    assert "usb-not-plugged-in" in label.toolTip()
    notice = window.backups.notice
    assert notice is not None and notice.isVisible()
    assert notice.windowModality() == Qt.WindowModality.NonModal  # work goes on
    assert "可以继续工作" in notice.text()
    assert not (tmp_path / "usb-not-plugged-in").exists()
    window.grab().save(str(SHOTS / "backup_status_failed.png"))
    notice.grab().save(str(SHOTS / "backup_notice.png"))
    notice.close()


def test_an_exit_backup_that_fails_is_said(qtbot, db, admin, monkeypatch, message_boxes) -> None:
    from desktop_app.db import backup as backup_mod

    def full(source, target):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup_mod, "sqlite_copy", full)
    auto = AutoBackup(db.path, clock=lambda: NOW)
    result = auto.at_exit()
    assert isinstance(result, StorageError) and result.kind == "full"
    assert message_boxes[-1].title == "退出时自动备份失败"
    assert "磁盘空间已满" in message_boxes[-1].text


def _backups_for_the_list(db) -> Path:
    folder = db.path.parent / "backups"
    automatic_backup(db.path, folder, now=datetime(2026, 11, 2, 8, 0))    # first of the month
    automatic_backup(db.path, folder, now=datetime(2026, 11, 20, 17, 30))
    backup_database(db.path, folder, now=datetime(2026, 11, 21, 10, 0), label="pre-restore")
    automatic_backup(db.path, folder, now=datetime(2026, 11, 23, 8, 0))
    return folder


def test_the_restore_dialog_lists_backups_with_date_kind_and_size(qtbot, db, admin) -> None:
    folder = _backups_for_the_list(db)
    dialog = RestoreDialog(folder, db.path)
    qtbot.addWidget(dialog)
    rows = [[dialog.table.item(r, c).text() for c in range(4)] for r in range(dialog.table.rowCount())]
    assert [r[:2] for r in rows] == [
        ["2026-11-23 08:00:00", "每日"], ["2026-11-21 10:00:00", "恢复前"],
        ["2026-11-20 17:30:00", "每日"], ["2026-11-02 08:00:00", "每月"],
    ]
    assert all(r[2].endswith("KB") for r in rows)
    dialog.show()
    dialog.grab().save(str(SHOTS / "restore_dialog.png"))


def test_a_damaged_or_foreign_file_is_refused_in_the_dialog(qtbot, db, admin, tmp_path,
                                                            message_boxes) -> None:
    dialog = RestoreDialog(tmp_path / "none", db.path)
    qtbot.addWidget(dialog)
    assert "无法访问" in dialog.empty_label.text() and not dialog.restore_button.isEnabled()
    foreign = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(foreign)) as con:
        con.execute("CREATE TABLE songs (title TEXT)")
        con.commit()
    dialog.pick_file = lambda: foreign
    dialog.confirm = lambda what: pytest.fail("a refused file is never confirmed")
    assert not dialog.restore_other()
    assert message_boxes[-1].title == "不能用这个文件恢复"
    assert "不是本程序的备份" in message_boxes[-1].text
    assert dialog.chosen is None


def test_restore_from_the_menu_backs_up_first_and_restarts_on_the_restored_data(
        qtbot, db, admin, monkeypatch, message_boxes) -> None:
    folder = db.path.parent / "backups"
    good = automatic_backup(db.path, folder, now=datetime(2026, 11, 20, 17, 30)).path
    with db.session() as session:
        departments.create_department(session=session, actor=admin, name="外科", is_clinical=True, now=NOW)
    window = MainWindow(db, admin, clock=Clock.fixed(NOW))
    qtbot.addWidget(window)
    window.show()

    def ask(cls, parent, folder_, db_path):  # the real dialog, driven: select the row, 恢复
        dialog = cls(folder_, db_path, parent)
        dialog.confirm = lambda what: True
        assert dialog.restore_selected()
        return dialog.chosen

    monkeypatch.setattr(RestoreDialog, "ask", classmethod(ask))
    assert window.restore_from_backup() == good
    assert window.isHidden() and window.restore_file == good
    pre = window.pre_restore_backup
    assert pre is not None and pre.name.endswith("-pre-restore.sqlite3")

    assert finish_session(window, db) is True  # the program opens the database again
    reopened = Database.open(db.path, now=NOW)
    with reopened.session() as session:
        assert [d.name for d in departments.list_departments(session=session)] == ["内科"]
    reopened.close()
    with closing(sqlite3.connect(pre)) as con:
        assert [r[0] for r in con.execute("SELECT name FROM department ORDER BY id")] == ["内科", "外科"]
    assert message_boxes[-1].title == "恢复完成" and "请重新登录" in message_boxes[-1].text


def test_only_the_office_director_may_restore(qtbot, db, admin, monkeypatch, message_boxes) -> None:
    with db.session() as session:
        users.create_user(session=session, actor=admin, username="qiantai", display_name="卫某某",
                          role=Role.office_member, password="Qiantai2026", now=NOW)
        member = users.authenticate(session=session, username="qiantai", password="Qiantai2026", now=NOW)
    window = MainWindow(db, member, clock=Clock.fixed(NOW))
    qtbot.addWidget(window)
    monkeypatch.setattr(RestoreDialog, "ask", classmethod(lambda *a: pytest.fail("not offered")))
    assert window.restore_from_backup() is None
    assert message_boxes[-1].text == "只有办公室主任可以恢复备份。"


def test_a_normal_exit_makes_the_exit_backup(qtbot, db, admin) -> None:
    window = MainWindow(db, admin, clock=Clock.fixed(NOW))
    qtbot.addWidget(window)
    path = db.path
    assert finish_session(window, db) is False
    assert len(list((path.parent / "backups").glob("fwqz-backup-*-auto.sqlite3"))) == 1


def test_the_status_bar_shows_the_last_backup(qtbot, db, admin) -> None:
    backup_database(db.path, db.path.parent / "backups", now=NOW - timedelta(hours=1), label="auto")
    window = MainWindow(db, admin, clock=Clock.fixed(NOW))
    qtbot.addWidget(window)
    assert window.backups.label in window.statusBar().findChildren(type(window.backups.label))
    assert window.backups.label.text().startswith("上次备份：")
    assert "恢复备份…" in [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    window.show()
    window.statusBar().grab().save(str(SHOTS / "backup_status_ok.png"))


def test_the_backup_folder_is_on_the_institution_form(qtbot, db, admin, tmp_path, monkeypatch) -> None:
    from desktop_app.ui.settings.tab import SettingsTab

    tab = SettingsTab(db, admin, clock=Clock.fixed(NOW))
    qtbot.addWidget(tab)
    panel = tab.panel("institution")
    edit = panel.inputs["backup_folder"]
    assert str(db.path.parent / "backups") in edit.placeholderText()
    panel.inputs["name"].setText("示例镇卫生院")
    edit.setText("相对路径")
    panel.save_button.click()
    assert "完整的文件夹路径" in panel.errors.text("backup_folder")
    from desktop_app.ui.settings import institution_panel

    monkeypatch.setattr(institution_panel.QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *a, **k: str(tmp_path / "usb")))
    panel.browse_button.click()
    assert edit.text() == str(tmp_path / "usb")
    panel.save_button.click()
    with db.session() as session:
        assert settings.get_settings(session=session).backup_folder == str(tmp_path / "usb")
    tab.resize(1100, 900)
    tab.show()
    panel.grab().save(str(SHOTS / "institution_backup_folder.png"))
