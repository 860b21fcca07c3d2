"""录入门诊人次: one day's outpatient visits of one department (DESIGN §1.7).

Entering a figure again replaces it. Under the fields a line shows what is
stored for that day and department and how many outpatient questionnaires it
already has; a figure below the questionnaires is a warning, not a refusal
(the service saves it: one of the two numbers is wrong and the office decides
which).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime

from PySide6.QtWidgets import QComboBox, QSpinBox, QWidget

from desktop_app.db.database import Database
from desktop_app.db.services.departments import DepartmentRow
from desktop_app.records.survey_rows import QuotaRow, VisitsInput
from desktop_app.db.services.surveys import VISITS_MAX, set_visits
from desktop_app.db.services.surveys_query import quota_day
from desktop_app.db.tx import Actor
from desktop_app.ui.widgets.inputs import date_edit, from_qdate
from desktop_app.ui.satisfaction.entry_parts import department_items, percent
from desktop_app.ui.widgets.forms import FormDialog
from desktop_app.ui.widgets.labels import note_label

Now = Callable[[], datetime]
NOT_ENTERED = -1


class VisitsDialog(FormDialog):
    """Enter or correct a day's outpatient visits; `ask` returns the day's QuotaRow or None."""

    def __init__(self, parent: QWidget | None, db: Database, actor: Actor,
                 departments: Sequence[DepartmentRow], today: date, now: Now,
                 day: date | None = None, department_id: int | None = None) -> None:
        super().__init__(parent, self.tr("录入门诊人次"))
        self.db, self.actor, self._today, self._now = db, actor, today, now
        self.current: QuotaRow | None = None
        self.day_edit = date_edit(day or today)
        self.department_combo = QComboBox()
        self.department_combo.addItem(self.tr("（请选择）"), None)
        for name, dep_id in department_items(list(departments), department_id):
            self.department_combo.addItem(name, dep_id)
        self.department_combo.setCurrentIndex(
            max(0, self.department_combo.findData(department_id)))
        self.visits_spin = QSpinBox()
        self.visits_spin.setRange(NOT_ENTERED, VISITS_MAX)
        self.visits_spin.setSpecialValueText(self.tr("（请填写）"))
        self.visits_spin.setSuffix(self.tr(" 人次"))
        self.visits_spin.setValue(NOT_ENTERED)
        self.state_label = note_label("")
        self.add_row(self.tr("日期 *"), self.day_edit, "day")
        self.add_row(self.tr("科室 *"), self.department_combo, "department_id")
        self.add_row(self.tr("门诊人次 *"), self.visits_spin, "visits")
        self.add_row(self.tr("当日情况"), self.state_label)
        self.day_edit.dateChanged.connect(lambda _d: self.load_current())
        self.department_combo.currentIndexChanged.connect(lambda _i: self.load_current())
        self.visits_spin.valueChanged.connect(lambda _v: self.update_state())
        self.load_current()
        self.visits_spin.setFocus()
        self.visits_spin.selectAll()

    def visits(self) -> int | None:
        value = self.visits_spin.value()
        return None if value == NOT_ENTERED else value

    def load_current(self) -> None:
        """Fetch the stored figure of the chosen day and department into the field."""
        department_id = self.department_combo.currentData()
        self.current = None
        if department_id is not None:
            day = from_qdate(self.day_edit.date())
            try:
                with self.db.session() as session:
                    self.current = quota_day(session=session, day=day, department_id=department_id)
            except Exception:  # noqa: BLE001 - the save will show the real error
                self.current = None
        stored = self.current.visits if self.current is not None else None
        self.visits_spin.setValue(NOT_ENTERED if stored is None else stored)
        self.update_state()

    def update_state(self) -> None:
        row = self.current
        if row is None:
            self.state_label.setText(self.tr("请选择日期和科室"))
            return
        stored = self.tr("未录入") if row.visits is None else self.tr("{0} 人次").format(row.visits)
        text = self.tr("已录门诊人次：{0}；已收门诊问卷 {1} 份（要求 {2}）").format(
            stored, row.surveys, percent(row.ratio))
        visits = self.visits()
        if visits is not None and visits < row.surveys:
            text += self.tr("\n注意：门诊人次少于已收问卷份数，请核对后再保存")
        self.state_label.setText(text)

    def state_text(self) -> str:
        return self.state_label.text()

    def submit(self) -> QuotaRow:
        data = VisitsInput(day=from_qdate(self.day_edit.date()),
                           department_id=self.department_combo.currentData(), visits=self.visits())
        with self.db.session() as session:
            return set_visits(session=session, actor=self.actor, data=data, today=self._today,
                              now=self._now())

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database, actor: Actor,
            departments: Sequence[DepartmentRow], today: date, now: Now,
            day: date | None = None, department_id: int | None = None) -> QuotaRow | None:
        return cls._run(cls(parent, db, actor, departments, today, now, day, department_id))
