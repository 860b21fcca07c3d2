"""FieldErrors and FormDialog: every problem of a ValidationError under its own field."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from desktop_app.domain.errors import ValidationError
from desktop_app.ui.widgets.forms import FieldErrors, FormDialog


def problems(*pairs: tuple[str, str]) -> ValidationError:
    """A ValidationError naming several fields (the first pair is its field and message)."""
    exc = ValidationError(*pairs[0])
    exc.problems = tuple(pairs)  # what CORE's ValidationError carries; set here for both
    return exc


@pytest.fixture
def form(qtbot):
    window = QWidget()
    layout = QVBoxLayout(window)
    errors = FieldErrors()
    widgets = {"name": QLineEdit(), "phone": QLineEdit()}
    for name, widget in widgets.items():
        layout.addWidget(errors.wrap(widget, name))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window, widgets, errors


def test_field_error_goes_under_the_field_and_focuses_it(form, qtbot, message_boxes):
    window, widgets, errors = form
    window.activateWindow()
    assert errors.show(ValidationError("phone", "电话号码应为 11 位数字"))
    assert errors.text("phone") == "电话号码应为 11 位数字"
    assert errors.text("name") == ""
    label = next(w for w in window.findChildren(QWidget) if w.objectName() == "field_error"
                 and w.isVisible())
    assert "color: #c62828" in label.styleSheet()
    qtbot.waitUntil(lambda: widgets["phone"].hasFocus())
    assert message_boxes == []


def test_new_error_replaces_old_and_clear_hides_all(form):
    _, _, errors = form
    errors.show(ValidationError("phone", "错一"))
    errors.show(ValidationError("name", "错二"))
    assert errors.text("phone") == ""
    assert errors.text("name") == "错二"
    errors.clear()
    assert errors.text("name") == errors.text("phone") == ""


def test_unknown_field_is_left_to_the_caller(form, message_boxes):
    _, _, errors = form
    assert not errors.show(ValidationError("received_at", "受理时间不能晚于现在"))
    assert message_boxes == []
    errors.report(None, ValidationError("received_at", "受理时间不能晚于现在"))
    assert message_boxes[0].text == "受理时间不能晚于现在"


def test_two_problems_show_under_both_fields_at_once(form, qtbot, message_boxes):
    window, widgets, errors = form
    window.activateWindow()
    errors.report(window, problems(("phone", "电话号码应为 11 位数字"), ("name", "请填写姓名")))
    assert errors.text("phone") == "电话号码应为 11 位数字"
    assert errors.text("name") == "请填写姓名"
    qtbot.waitUntil(lambda: widgets["phone"].hasFocus())  # the first problem's field
    assert message_boxes == []


def test_problems_of_unknown_fields_go_to_one_dialog(form, message_boxes):
    _, _, errors = form
    errors.report(None, problems(("name", "请填写姓名"), ("a", "错一"), ("b", "错二")))
    assert errors.text("name") == "请填写姓名"
    (box,) = message_boxes
    assert box.text == "错一\n错二"


class TwoFields(FormDialog):
    def __init__(self, raised: ValidationError) -> None:
        super().__init__(None, "两项")
        self.raised = raised
        self.name_edit, self.phone_edit = QLineEdit(), QLineEdit()
        self.add_row("姓名", self.name_edit, "name")
        self.add_row("电话", self.phone_edit, "phone")

    def submit(self) -> None:
        raise self.raised


def test_form_dialog_shows_both_problems_and_stays_open(qtbot, message_boxes):
    dialog = TwoFields(problems(("name", "请填写姓名"), ("phone", "电话号码应为 11 位数字")))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.errors.text("name") == "请填写姓名"
    assert dialog.errors.text("phone") == "电话号码应为 11 位数字"
    assert message_boxes == []
