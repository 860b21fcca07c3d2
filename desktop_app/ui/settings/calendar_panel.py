"""节假日日历: one year's holidays and make-up days; add, remove, mark the year complete.

DESIGN §1.1: the calendar is data; a year not marked complete gets deadlines
from weekends alone, marked 待核定.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QMessageBox, QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from desktop_app.db.database import Database
from desktop_app.db.services.calendar import add_calendar_day, remove_calendar_day, set_year_complete
from desktop_app.db.services.work_calendar import (
    KIND_LABELS, MAX_YEAR, MIN_YEAR, CalendarDayRow, covered_years, list_calendar_days,
)
from desktop_app.db.tx import Actor
from desktop_app.domain.roles import Permission
from desktop_app.ui.widgets.forms import FieldErrors
from desktop_app.ui.settings.panel import Panel
from desktop_app.ui.widgets.service import call_service
from desktop_app.ui.widgets.tables import fit_columns, make_table_view, select_row, selected_row
from desktop_app.ui.widgets.labels import note_label, title_label
from desktop_app.ui.settings.table_models import CalendarDayTableModel

READ_ONLY_NOTE = "仅办公室主任可修改节假日日历"
COMPLETE_TEXT = "该年日历：已录入完整"
MISSING_TEXT = "该年日历：未录入（期限按周末推算，标记为待核定）"


def _confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask yes/no; tests replace this function."""
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


class CalendarPanel(Panel):
    """The holiday calendar of the year in the spin box."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 now: Callable[[], datetime]) -> None:
        super().__init__(db, actor, parent, now=now)
        self.editable = self.can(Permission.edit_calendar)
        self.complete = False
        self.errors = FieldErrors()
        self.model = CalendarDayTableModel(parent=self)
        self.view = make_table_view(self.model, self)

        self.year_spin = QSpinBox()
        self.year_spin.setRange(MIN_YEAR, MAX_YEAR)
        self.year_spin.setValue(self.today().year)
        self.year_spin.setSuffix(self.tr(" 年"))
        self.year_spin.setMinimumWidth(100)
        self.year_spin.valueChanged.connect(self._year_changed)
        self.status_label = QLabel()
        self.complete_check = QCheckBox(self.tr("该年日历已录入完整"))
        self.complete_check.clicked.connect(self.set_complete)
        self.complete_check.setEnabled(self.editable)

        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("节假日日历")))
        self.read_only_note = note_label(self.tr(READ_ONLY_NOTE))
        self.read_only_note.setVisible(not self.editable)
        layout.addWidget(self.read_only_note)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("年份：")))
        bar.addWidget(self.year_spin)
        bar.addSpacing(12)
        bar.addWidget(self.status_label, 1)
        bar.addWidget(self.complete_check)
        layout.addLayout(bar)
        body = QHBoxLayout()
        body.addWidget(self.view, 1)
        side = QVBoxLayout()
        side.addWidget(self._edit_box())
        side.addStretch(1)
        body.addLayout(side)
        layout.addLayout(body, 1)
        hint = QLabel(self.tr("国务院每年 11—12 月公布下一年的放假安排，公布后请在此录入，"
                              "并勾选“该年日历已录入完整”；此前该年的办理期限按周末推算并标记为待核定。"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #616161;")
        layout.addWidget(hint)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.refresh()

    def _edit_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("添加日期"))
        box.setFixedWidth(330)
        form = QFormLayout(box)
        self.day_edit = QDateEdit()
        self.day_edit.setDisplayFormat("yyyy-MM-dd")
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDateRange(QDate(MIN_YEAR, 1, 1), QDate(MAX_YEAR, 12, 31))
        self.day_edit.setDate(self._default_day(self.today().year))
        self.kind_combo = QComboBox()
        for code, label in KIND_LABELS.items():
            self.kind_combo.addItem(self.tr(label), code)
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(30)
        self.name_edit.setPlaceholderText(self.tr("如 国庆节、国庆节调休"))
        self.add_button = QPushButton(self.tr("添加"))
        self.add_button.clicked.connect(self.add_day)
        self.remove_button = QPushButton(self.tr("删除选中日期"))
        self.remove_button.clicked.connect(self.remove_selected)
        form.addRow(self.tr("日期"), self.errors.wrap(self.day_edit, "day"))
        form.addRow(self.tr("类别"), self.errors.wrap(self.kind_combo, "kind"))
        form.addRow(self.tr("名称"), self.errors.wrap(self.name_edit, "name"))
        form.addRow("", self.add_button)
        form.addRow("", self.remove_button)
        tip = QLabel(self.tr("假期中的周末也登记为法定节假日；调休上班日须为周六或周日。"))
        tip.setWordWrap(True)
        tip.setStyleSheet("color: #616161;")
        form.addRow(tip)
        for widget in (self.day_edit, self.kind_combo, self.name_edit, self.add_button):
            widget.setEnabled(self.editable)
        self.remove_button.setEnabled(False)
        return box

    def _default_day(self, year: int) -> QDate:
        today = self.today()
        day = today if year == today.year else date(year, 1, 1)
        return QDate(day.year, day.month, day.day)

    # data -----------------------------------------------------------------------------
    @property
    def year(self) -> int:
        return self.year_spin.value()

    def show_year(self, year: int) -> None:
        if year == self.year:
            self.refresh()
        else:
            self.year_spin.setValue(year)

    def _year_changed(self, year: int) -> None:
        self.errors.clear()
        self.day_edit.setDate(self._default_day(year))
        self.refresh()

    def refresh(self, select_day: date | None = None) -> None:
        year = self.year

        def load(session):
            return (list_calendar_days(session=session, year=year),
                    year in covered_years(session=session))

        ok, result = call_service(self, self.db, load)
        if not ok:
            return
        rows, self.complete = result
        self.model.set_rows(rows)
        fit_columns(self.view, stretch=3)
        self.status_label.setText(self.tr(COMPLETE_TEXT if self.complete else MISSING_TEXT))
        self.status_label.setStyleSheet(
            "color: #2e7d32;" if self.complete else "color: #e65100; font-weight: bold;")
        self.complete_check.setChecked(self.complete)
        if select_day is not None:
            select_row(self.view, self.model.find(lambda r: r.day == select_day))
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        self.remove_button.setEnabled(self.editable and selected_row(self.view) >= 0)

    # actions --------------------------------------------------------------------------
    def add_day(self) -> CalendarDayRow | None:
        day = self.day_edit.date().toPython()
        kind, name = self.kind_combo.currentData(), self.name_edit.text()
        ok, row = call_service(
            self, self.db,
            lambda s: add_calendar_day(session=s, actor=self.actor, day=day, kind=kind, name=name,
                                       now=self._now()),
            self.errors,
        )
        if not ok:
            return None
        if row.day.year != self.year:
            self.year_spin.setValue(row.day.year)
        self.refresh(select_day=row.day)
        self.changed.emit()
        return row

    def remove_selected(self) -> bool:
        current = selected_row(self.view)
        if current < 0:
            return False
        row = self.model.row_at(current)
        text = self.tr("删除 {0} {1}（{2}）？").format(
            f"{row.day:%Y-%m-%d}", row.name, KIND_LABELS.get(row.kind, row.kind))
        if not _confirm(self, self.tr("删除日期"), text):
            return False
        ok, _ = call_service(
            self, self.db,
            lambda s: remove_calendar_day(session=s, actor=self.actor, day=row.day,
                                          now=self._now()))
        if ok:
            self.refresh()
            self.changed.emit()
        return ok

    def set_complete(self, complete: bool) -> bool:
        year = self.year
        ok, _ = call_service(
            self, self.db,
            lambda s: set_year_complete(session=s, actor=self.actor, year=year, complete=complete,
                                        now=self._now()))
        self.refresh()  # also puts the check box back if the save failed
        if ok:
            self.changed.emit()
        return ok
