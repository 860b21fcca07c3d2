"""Quitting at the idle-lock prompt never silently throws away a form with input."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QLabel, QLineEdit, QMessageBox, QVBoxLayout

from desktop_app.clock import Clock
from desktop_app.db.database import Database
from desktop_app.demo.fill import DEMO_PASSWORD
from desktop_app.ui.login import UnlockDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.settings.dialogs import DepartmentDialog

T0 = datetime(2026, 11, 23, 9, 30)  # the fixed time of these tests


@pytest.fixture
def admin(tmp_path: Path, demo_db_file):
    return demo_db_file(tmp_path / "t.sqlite3", with_matters=False, now=T0, today=T0.date())


@pytest.fixture
def db(tmp_path: Path, admin):
    database = Database.open(tmp_path / "t.sqlite3", now=T0)
    yield database
    database.close()


@pytest.fixture
def window(qtbot, db, admin) -> MainWindow:
    main = MainWindow(db, admin, clock=Clock.fixed(datetime(2026, 11, 23, 9, 30)))
    qtbot.addWidget(main)
    main.show()
    return main


class ModalDriver:
    """Answers the modal dialogs as they come up, in order: (expected class, what to do)."""

    def __init__(self, steps: list[tuple[type, Callable[[QDialog], None]]]) -> None:
        self.steps = list(steps)
        self.seen: list[QDialog] = []
        self.texts: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or not modal.isVisible() or any(modal is w for w in self.seen):
            return
        self.seen.append(modal)
        if isinstance(modal, QMessageBox):
            self.texts.append(modal.text())
        if not self.steps:  # unexpected: close it so the test fails instead of hanging
            modal.reject()
            return
        expected, act = self.steps.pop(0)
        assert isinstance(modal, expected), f"expected {expected.__name__}, got {type(modal).__name__}"
        act(modal)

    def stop(self) -> list[str]:
        self.timer.stop()
        return [type(w).__name__ for w in self.seen]


def click(text: str) -> Callable[[QDialog], None]:
    def act(dialog: QDialog) -> None:
        buttons = dialog.buttons() if isinstance(dialog, QMessageBox) else dialog.buttons.buttons()
        next(b for b in buttons if b.text() == text).click()
    return act


def unlock(dialog: UnlockDialog) -> None:
    dialog.password_edit.setText(DEMO_PASSWORD)
    click("解锁")(dialog)


def department_form(window: MainWindow, saved: list) -> DepartmentDialog:
    form = DepartmentDialog(window, None, lambda *values: saved.append(values))
    form.name_edit.setText("康复医学科")
    form.phone_edit.setText("0538-1234567")
    return form


def test_quit_with_an_open_form_asks_first_and_going_back_keeps_the_input(qtbot, window) -> None:
    saved: list = []
    form = department_form(window, saved)
    form.show()
    driver = ModalDriver([(UnlockDialog, click("退出程序")),
                          (QMessageBox, click("返回解锁")),
                          (UnlockDialog, unlock)])
    assert window.lock_and_ask() is True
    assert driver.stop() == ["UnlockDialog", "QMessageBox", "UnlockDialog"]
    assert "有未保存的表单（新增科室），退出将丢失这些内容。仍要退出吗？" in driver.texts[0]
    assert window.isVisible() and not window.is_locked
    assert form.isVisible() and form.isEnabled() and form.windowOpacity() == 1.0
    assert form.name_edit.text() == "康复医学科" and form.phone_edit.text() == "0538-1234567"
    assert saved == []


def test_confirmed_quit_cancels_a_modal_form_without_saving_and_closes(qtbot, window) -> None:
    """The usual case: the idle lock fires while a form runs with exec(); the user insists on quitting."""
    saved: list = []
    form = department_form(window, saved)
    outcome: list[bool] = []
    driver = ModalDriver([(DepartmentDialog, lambda _form: QTimer.singleShot(
                              0, lambda: outcome.append(window.lock_and_ask()))),
                          (UnlockDialog, click("退出程序")),
                          (QMessageBox, click("仍要退出"))])
    assert form.exec() == QDialog.DialogCode.Rejected  # as in FormDialog._run: ended, not hanging
    qtbot.waitUntil(lambda: outcome == [False])
    assert driver.stop() == ["DepartmentDialog", "UnlockDialog", "QMessageBox"]
    assert saved == []  # nothing half-saved
    assert not window.isVisible() and not form.isVisible()


def test_quit_without_forms_needs_no_second_question(qtbot, window) -> None:
    viewer = QDialog(window)  # a viewer: a label and a month chooser, nothing typed
    viewer.setWindowTitle("回访月度统计")
    layout = QVBoxLayout(viewer)
    layout.addWidget(QLabel("统计表"))
    layout.addWidget(QComboBox())
    viewer.show()
    driver = ModalDriver([(UnlockDialog, click("退出程序"))])
    assert window.lock_and_ask() is False
    assert driver.stop() == ["UnlockDialog"]
    assert not window.isVisible()


def test_which_open_dialogs_count_as_unsaved_forms(qtbot, window) -> None:
    form = department_form(window, [])
    form.show()
    untitled = QDialog(window)
    QVBoxLayout(untitled).addWidget(QLineEdit())
    untitled.show()
    read_only = QDialog(window)
    read_only.setWindowTitle("详情")
    edit = QLineEdit("只读内容")
    edit.setReadOnly(True)
    QVBoxLayout(read_only).addWidget(edit)
    read_only.show()

    class SaysSo(QDialog):
        def has_unsaved_input(self) -> bool:
            return True

    declared = SaysSo(window)
    declared.setWindowTitle("导入名单")
    declared.show()
    window.lock()
    assert sorted(window.unsaved_forms()) == sorted(["新增科室", "未命名的表单", "导入名单"])
    window.unlock_with(DEMO_PASSWORD)
    assert window.unsaved_forms() == []
