"""Small dialogs that ask for the day or month of a printout."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QWidget

from desktop_app.domain.months import Month


class DayDialog(QDialog):
    """Asks for a day (default today)."""

    def __init__(self, title: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.date_edit = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("日期"), self.date_edit)
        form.addRow(buttons)

    def day(self) -> date:
        return self.date_edit.date().toPython()

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, today: date) -> date | None:
        dialog = cls(title, today, parent)
        return dialog.day() if dialog.exec() == QDialog.DialogCode.Accepted else None


def recent_months(today: date, count: int = 24) -> list[str]:
    """"YYYY-MM" of the last `count` months, the previous month first, then this month and older."""
    this = Month.of(today)
    months = [str(this.shift(-k)) for k in range(count)]
    return months[1:2] + months[:1] + months[2:]


class MonthDialog(QDialog):
    """Asks for a month; the previous month comes first (the usual 每月通报)."""

    def __init__(self, title: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.combo = QComboBox(self)
        for month in recent_months(today):
            self.combo.addItem(month.replace("-", " 年 ") + " 月", month)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("月份"), self.combo)
        form.addRow(buttons)

    def month(self) -> str:
        return self.combo.currentData()

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, today: date) -> str | None:
        dialog = cls(title, today, parent)
        return dialog.month() if dialog.exec() == QDialog.DialogCode.Accepted else None


class CallListDialog(QDialog):
    """Asks for the day and department of a follow-up call list (回访工作单)."""

    def __init__(self, today: date, departments: Sequence[tuple[str, int]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("打印回访工作单"))
        self.date_edit = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        last = today + timedelta(days=14)
        self.date_edit.setMaximumDate(QDate(last.year, last.month, last.day))
        self.department_combo = QComboBox(self)
        self.department_combo.addItem(self.tr("全院"), None)
        for name, department_id in departments:
            self.department_combo.addItem(name, department_id)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("回访日期"), self.date_edit)
        form.addRow(self.tr("科室"), self.department_combo)
        form.addRow(buttons)

    def choice(self) -> tuple[date, int | None]:
        return self.date_edit.date().toPython(), self.department_combo.currentData()

    @classmethod
    def ask(cls, parent: QWidget | None, today: date,
            departments: Sequence[tuple[str, int]]) -> tuple[date, int | None] | None:
        dialog = cls(today, departments, parent)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None


class LedgerPrintDialog(QDialog):
    """Asks what the 整改台账 printout covers: open items or all, found in which period."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("打印整改台账"))
        self.scope_combo = QComboBox(self)
        self.scope_combo.addItem(self.tr("未销号的事项"), True)
        self.scope_combo.addItem(self.tr("全部事项"), False)
        start = date(today.year, 1, 1)
        self.start_edit = QDateEdit(QDate(start.year, start.month, start.day), self)
        self.end_edit = QDateEdit(QDate(today.year, today.month, today.day), self)
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("范围"), self.scope_combo)
        form.addRow(self.tr("发现日期自"), self.start_edit)
        form.addRow(self.tr("至"), self.end_edit)
        form.addRow(buttons)

    def choice(self) -> tuple[bool, date, date]:
        """(open only, first day, last day)."""
        return (self.scope_combo.currentData(), self.start_edit.date().toPython(),
                self.end_edit.date().toPython())

    @classmethod
    def ask(cls, parent: QWidget | None, today: date) -> tuple[bool, date, date] | None:
        dialog = cls(today, parent)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
