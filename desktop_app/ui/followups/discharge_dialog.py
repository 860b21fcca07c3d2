"""The discharge form (出院患者登记): one patient, and the follow-up plan it will get.

Below the fields a line shows the tasks the patient will get with the
settings' windows (一级 11-17 至 11-23 孙某某、周某某 …), recomputed as the
discharge date or the special flag changes. Editing an existing discharge
reschedules its open tasks (done ones stay): the service does that.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QSpinBox, QWidget,
)

from desktop_app.db.database import Database
from desktop_app.db.services.departments import DepartmentRow, StaffRole, StaffRow
from desktop_app.db.services.discharges import (
    assignee_for,
    register_discharge,
    update_discharge,
)
from desktop_app.records.followup_rows import DischargeInput, DischargeRow
from desktop_app.db.tx import Actor
from desktop_app.domain.defaults import FollowUpWindowSetting
from desktop_app.domain.followup import FOLLOWUP_TIER_LABELS, plan
from desktop_app.domain.followup_records import AGE_MAX, SEX_LABELS, SPECIAL_REASON_LABELS
from desktop_app.ui.widgets.inputs import RadioChoice, date_edit, from_qdate, to_qdate
from desktop_app.ui.widgets.forms import FormDialog
from desktop_app.ui.widgets.labels import note_label

Now = Callable[[], datetime]


def _line(max_len: int, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(max_len)
    edit.setPlaceholderText(placeholder)
    return edit


class DischargeDialog(FormDialog):
    """Register a discharged patient, or correct one (`initial`)."""

    def __init__(self, parent: QWidget | None, db: Database, actor: Actor,
                 departments: Sequence[DepartmentRow], staff: Sequence[StaffRow],
                 windows: Sequence[FollowUpWindowSetting], now: Now,
                 initial: DischargeRow | None = None) -> None:
        title = self.tr("登记出院患者") if initial is None else self.tr("修改出院信息")
        super().__init__(parent, title)
        self.setMinimumWidth(560)
        self.db, self.actor, self._now = db, actor, now
        self._staff, self._windows, self._initial = staff, list(windows), initial
        today = now().date()

        self.name_edit = _line(30)
        self.sex_choice = RadioChoice((str(c), label) for c, label in SEX_LABELS.items())
        self.age_spin = QSpinBox()
        self.age_spin.setRange(-1, AGE_MAX)
        self.age_spin.setSpecialValueText(self.tr("（未填）"))
        self.age_spin.setSuffix(self.tr(" 岁"))
        self.age_spin.setValue(-1)
        self.phone_edit = _line(30, self.tr("手机或带区号的座机"))
        self.address_edit = _line(100)
        self.inpatient_edit = _line(30)
        self.department_combo = QComboBox()
        self.department_combo.addItem(self.tr("（请选择）"), None)
        for d in departments:
            if d.active and d.is_clinical:
                self.department_combo.addItem(d.name, d.id)
        for d in departments:
            if d.active and not d.is_clinical:
                self.department_combo.addItem(d.name, d.id)
        self.doctor_combo = self._person_combo()
        self.nurse_combo = self._person_combo()
        self.admitted_edit = date_edit(today)
        self.discharged_edit = date_edit(today)
        self.diagnosis_edit = _line(200)
        self.special_check = QCheckBox(self.tr("特殊患者（安排院领导三级回访）"))
        self.reason_combo = QComboBox()
        self.reason_combo.addItem(self.tr("（原因）"), None)
        for code, label in SPECIAL_REASON_LABELS.items():
            self.reason_combo.addItem(label, str(code))
        self.special_note_edit = _line(100, self.tr("原因说明（选“其他”时必填）"))
        special_row = QWidget()
        row = QHBoxLayout(special_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.special_check)
        row.addWidget(self.reason_combo)
        row.addWidget(self.special_note_edit, 1)
        self.plan_label = note_label("")

        self.add_row(self.tr("患者姓名 *"), self.name_edit, "patient_name")
        self.add_row(self.tr("性别 *"), self.sex_choice, "sex")
        self.add_row(self.tr("年龄 *"), self.age_spin, "age")
        self.add_row(self.tr("联系电话 *"), self.phone_edit, "phone")
        self.add_row(self.tr("住址"), self.address_edit, "address")
        self.add_row(self.tr("住院号"), self.inpatient_edit, "inpatient_no")
        self.add_row(self.tr("出院科室 *"), self.department_combo, "department_id")
        self.add_row(self.tr("主治医生 *"), self.doctor_combo, "doctor_name")
        self.add_row(self.tr("责任护士"), self.nurse_combo, "nurse_name")
        self.add_row(self.tr("入院日期 *"), self.admitted_edit, "admitted_on")
        self.add_row(self.tr("出院日期 *"), self.discharged_edit, "discharged_on")
        self.add_row(self.tr("出院诊断"), self.diagnosis_edit, "diagnosis")
        self.add_row(self.tr("特殊患者"), special_row, "special_reason", "special_note")
        self.add_row(self.tr("回访安排"), self.plan_label)

        self.department_combo.currentIndexChanged.connect(lambda _i: self._fill_people())
        self.special_check.toggled.connect(self._special_toggled)
        self.discharged_edit.dateChanged.connect(lambda _d: self.update_plan())
        self.doctor_combo.currentTextChanged.connect(lambda _t: self.update_plan())
        self.nurse_combo.currentTextChanged.connect(lambda _t: self.update_plan())
        self.reason_combo.setEnabled(False)
        self.special_note_edit.setEnabled(False)
        if initial is not None:
            self._load(initial)
        self._fill_people()
        self.update_plan()

    def _person_combo(self) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.lineEdit().setMaxLength(30)
        return combo

    def _load(self, d: DischargeRow) -> None:
        self.name_edit.setText(d.patient_name)
        self.sex_choice.set_value(d.sex)
        self.age_spin.setValue(d.age)
        self.phone_edit.setText(d.phone)
        self.address_edit.setText(d.address)
        self.inpatient_edit.setText(d.inpatient_no)
        index = self.department_combo.findData(d.department_id)
        if index < 0:  # a department deactivated since
            self.department_combo.addItem(d.department_name, d.department_id)
            index = self.department_combo.count() - 1
        self.department_combo.setCurrentIndex(index)
        self.doctor_combo.setCurrentText(d.doctor_name)
        self.nurse_combo.setCurrentText(d.nurse_name)
        self.admitted_edit.setDate(to_qdate(d.admitted_on))
        self.discharged_edit.setDate(to_qdate(d.discharged_on))
        self.diagnosis_edit.setText(d.diagnosis)
        self.special_check.setChecked(d.special)
        self.reason_combo.setCurrentIndex(max(0, self.reason_combo.findData(d.special_reason)))
        self.special_note_edit.setText(d.special_note)

    # reactions ------------------------------------------------------------------------
    def _fill_people(self) -> None:
        dept = self.department_combo.currentData()
        for combo, role in ((self.doctor_combo, StaffRole.doctor),
                            (self.nurse_combo, StaffRole.nurse)):
            text = combo.currentText()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem("")
            for person in self._staff:
                if person.active and role in person.roles and person.department_id == dept:
                    combo.addItem(person.name)
            combo.setCurrentText(text)
            combo.blockSignals(False)
        self.update_plan()

    def _special_toggled(self, special: bool) -> None:
        self.reason_combo.setEnabled(special)
        self.special_note_edit.setEnabled(special)
        self.update_plan()

    def update_plan(self) -> None:
        """Show the windows and people of the tasks this discharge will get."""
        discharged = from_qdate(self.discharged_edit.date())
        doctor, nurse = self.doctor_combo.currentText().strip(), self.nurse_combo.currentText().strip()
        lines = []
        for w in plan(discharged, self.special_check.isChecked(), self._windows):
            who = assignee_for(w.tier, doctor, nurse) or self.tr("本科室医生、护士")
            lines.append(f"{FOLLOWUP_TIER_LABELS[w.tier]}　{w.start:%m-%d} 至 {w.end:%m-%d}　{who}")
        self.plan_label.setText("\n".join(lines))

    def plan_text(self) -> str:
        return self.plan_label.text()

    # saving ---------------------------------------------------------------------------
    def discharge_input(self) -> DischargeInput:
        age = self.age_spin.value()
        return DischargeInput(
            patient_name=self.name_edit.text(), sex=self.sex_choice.value,
            age=None if age < 0 else age, phone=self.phone_edit.text(),
            address=self.address_edit.text(), department_id=self.department_combo.currentData(),
            doctor_name=self.doctor_combo.currentText(), nurse_name=self.nurse_combo.currentText(),
            admitted_on=from_qdate(self.admitted_edit.date()),
            discharged_on=from_qdate(self.discharged_edit.date()),
            diagnosis=self.diagnosis_edit.text(), special=self.special_check.isChecked(),
            special_reason=self.reason_combo.currentData(),
            special_note=self.special_note_edit.text(), inpatient_no=self.inpatient_edit.text(),
        )

    def submit(self) -> DischargeRow:
        data = self.discharge_input()
        with self.db.session() as session:
            if self._initial is None:
                return register_discharge(session=session, actor=self.actor, data=data,
                                          now=self._now())
            return update_discharge(session=session, actor=self.actor,
                                    discharge_id=self._initial.id, data=data, now=self._now())

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database, actor: Actor,
            departments: Sequence[DepartmentRow], staff: Sequence[StaffRow],
            windows: Sequence[FollowUpWindowSetting], now: Now,
            initial: DischargeRow | None = None) -> DischargeRow | None:
        return cls._run(cls(parent, db, actor, departments, staff, windows, now, initial))
