"""Qt's standard buttons speak Chinese once the program has loaded Qt's catalogue."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.ui.translation import install_qt_chinese


def test_message_box_buttons_are_chinese(qapp) -> None:
    assert install_qt_chinese(qapp)
    try:
        box = QMessageBox(QMessageBox.Icon.Information, "提示", "已保存",
                          QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
        texts = {box.button(b).text() for b in (QMessageBox.StandardButton.Ok,
                                                QMessageBox.StandardButton.Cancel)}
        assert texts == {"确定", "取消"}
    finally:
        QApplication.removeTranslator(qapp._qt_chinese)
