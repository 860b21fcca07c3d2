"""The dialogs' own `ask`: runs modally, returns the saved row, None on cancel."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.db.services.departments import DepartmentRow
from desktop_app.domain.errors import ValidationError
from desktop_app.ui.settings.dialogs import DepartmentDialog


def _when_shown(action):
    def run():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, run)
        else:
            action(dialog)
    QTimer.singleShot(0, run)


def test_ask_returns_what_save_returned(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    calls = []

    def save(name, is_clinical, phone, active):
        calls.append((name, is_clinical, phone, active))
        if len(calls) == 1:
            raise ValidationError("phone", "电话格式不正确")
        return DepartmentRow(7, name, is_clinical, phone, active)

    def fill(dialog):
        dialog.name_edit.setText("口腔科")
        dialog.kind_combo.setCurrentIndex(1)
        dialog.accept()  # refused: stays open with the message
        assert dialog.isVisible()
        assert dialog.errors.text("phone") == "电话格式不正确"
        dialog.accept()

    _when_shown(fill)
    row = DepartmentDialog.ask(parent, None, save)
    assert row == DepartmentRow(7, "口腔科", False, "", True)
    assert calls == [("口腔科", False, "", True)] * 2


def test_cancel_returns_none(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    _when_shown(lambda dialog: dialog.reject())
    assert DepartmentDialog.ask(parent, None, lambda *a: None) is None
