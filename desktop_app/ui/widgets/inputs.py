"""The kit's inputs: date/datetime editors and their converters, a text box, radio rows,
the satisfaction choice, and the filter combo's refill."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QDateEdit, QDateTimeEdit, QHBoxLayout, QPlainTextEdit, QRadioButton,
    QWidget,
)

from desktop_app.domain.matters import SATISFACTION_LABELS

DATE_FORMAT = "yyyy-MM-dd"
DATETIME_FORMAT = "yyyy-MM-dd HH:mm"
MIN_DATE = QDate(2000, 1, 1)
MAX_DATE = QDate(2099, 12, 31)


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_qdatetime(moment: datetime) -> QDateTime:
    return QDateTime(to_qdate(moment.date()), QTime(moment.hour, moment.minute))


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def from_qdatetime(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def date_edit(day: date) -> QDateEdit:
    edit = QDateEdit()
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    edit.setDateRange(MIN_DATE, MAX_DATE)
    edit.setDate(to_qdate(day))
    return edit


def datetime_edit(moment: datetime) -> QDateTimeEdit:
    edit = QDateTimeEdit()
    edit.setDisplayFormat(DATETIME_FORMAT)
    edit.setCalendarPopup(True)
    edit.setDateRange(MIN_DATE, MAX_DATE)
    edit.setDateTime(to_qdatetime(moment))
    return edit


def text_box(placeholder: str = "", height: int = 72) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


class RadioChoice(QWidget):
    """A row of radio buttons over (code, label) pairs; `value` is the checked code or None."""

    def __init__(self, choices: Iterable[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for code, label in choices:
            button = QRadioButton(label)
            self.group.addButton(button)
            self.buttons[code] = button
            layout.addWidget(button)
        layout.addStretch(1)

    @property
    def value(self) -> str | None:
        return next((code for code, b in self.buttons.items() if b.isChecked()), None)

    def set_value(self, code: str) -> None:
        self.buttons[code].setChecked(True)


def satisfaction_choice(parent: QWidget | None = None) -> RadioChoice:
    return RadioChoice(((str(code), label) for code, label in SATISFACTION_LABELS.items()), parent)


def set_filter_items(combo: QComboBox, items: Sequence[tuple[str, object]],
                     all_label: str = "全部") -> None:
    """Refill a filter combo (first item "全部" = any) keeping its choice; no signal when
    nothing changed, so a refresh does not re-query."""
    if [(combo.itemText(i), combo.itemData(i)) for i in range(1, combo.count())] == list(items):
        return
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(all_label, None)
    for label, data in items:
        combo.addItem(label, data)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(False)
