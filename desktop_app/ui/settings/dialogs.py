"""Dialogs of the settings tab for departments and staff.

Each dialog takes a `save` callable that does the real work (one short session
and a service call). OK calls it; a ValidationError is shown under its fields
and the dialog stays open; success closes it and `ask` returns the saved row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLineEdit, QWidget

from desktop_app.db.services.departments import (
    STAFF_ROLE_LABELS, DepartmentRow, StaffRole, StaffRow,
)
from desktop_app.ui.widgets.forms import FormDialog

PHONE_PLACEHOLDER = "手机号或带区号的固定电话，如 0538-1234567"


class DepartmentDialog(FormDialog):
    """Add or edit a department: name, clinical or not, phone, active."""

    def __init__(
        self, parent: QWidget | None, initial: DepartmentRow | None,
        save: Callable[[str, bool, str, bool], DepartmentRow],
    ) -> None:
        super().__init__(parent, self.tr("新增科室") if initial is None else self.tr("编辑科室"))
        self._save = save
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(30)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("临床科室"), True)
        self.kind_combo.addItem(self.tr("非临床科室"), False)
        self.phone_edit = QLineEdit()
        self.phone_edit.setPlaceholderText(self.tr(PHONE_PLACEHOLDER))
        self.active_check = QCheckBox(self.tr("启用（停用的科室不再出现在选择列表中）"))
        self.active_check.setChecked(True)
        self.add_row(self.tr("科室名称"), self.name_edit, "name")
        self.add_row(self.tr("类别"), self.kind_combo, "is_clinical")
        self.add_row(self.tr("电话"), self.phone_edit, "phone")
        self.add_row(self.tr("状态"), self.active_check, "active")
        if initial is not None:
            self.name_edit.setText(initial.name)
            self.kind_combo.setCurrentIndex(0 if initial.is_clinical else 1)
            self.phone_edit.setText(initial.phone)
            self.active_check.setChecked(initial.active)
        else:
            self.active_check.setEnabled(False)

    @property
    def department_name(self) -> str:
        return self.name_edit.text()

    @property
    def is_clinical(self) -> bool:
        return bool(self.kind_combo.currentData())

    @property
    def phone(self) -> str:
        return self.phone_edit.text()

    @property
    def is_active(self) -> bool:
        return self.active_check.isChecked()

    def submit(self) -> DepartmentRow:
        return self._save(self.department_name, self.is_clinical, self.phone, self.is_active)

    @classmethod
    def ask(
        cls, parent: QWidget | None, initial: DepartmentRow | None,
        save: Callable[[str, bool, str, bool], DepartmentRow],
    ) -> DepartmentRow | None:
        return cls._run(cls(parent, initial, save))


class StaffDialog(FormDialog):
    """Add or edit a staff member: name, department, roles, phone (shown whole), active."""

    def __init__(
        self, parent: QWidget | None, initial: StaffRow | None,
        departments: Sequence[DepartmentRow],
        save: Callable[[str, int | None, tuple[StaffRole, ...], str, bool], StaffRow],
    ) -> None:
        super().__init__(parent, self.tr("新增人员") if initial is None else self.tr("编辑人员"))
        self._save = save
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(30)
        self.department_combo = QComboBox()
        self.department_combo.addItem(self.tr("（无科室）"), None)
        current = initial.department_id if initial is not None else None
        for dept in departments:
            if dept.active or dept.id == current:
                label = dept.name if dept.active else self.tr("{0}（已停用）").format(dept.name)
                self.department_combo.addItem(label, dept.id)
        self.role_checks: dict[StaffRole, QCheckBox] = {}
        roles_box = QWidget()
        grid = QGridLayout(roles_box)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, role in enumerate(StaffRole):
            check = QCheckBox(self.tr(STAFF_ROLE_LABELS[role]))
            self.role_checks[role] = check
            grid.addWidget(check, i // 3, i % 3)
        self.phone_edit = QLineEdit()
        self.phone_edit.setPlaceholderText(self.tr(PHONE_PLACEHOLDER))
        self.active_check = QCheckBox(self.tr("在岗（启用）"))
        self.active_check.setChecked(True)
        self.add_row(self.tr("姓名"), self.name_edit, "name")
        self.add_row(self.tr("科室"), self.department_combo, "department_id")
        self.add_row(self.tr("岗位"), roles_box, "roles")
        self.add_row(self.tr("电话"), self.phone_edit, "phone")
        self.add_row(self.tr("状态"), self.active_check, "active")
        if initial is not None:
            self.name_edit.setText(initial.name)
            self.department_combo.setCurrentIndex(max(0, self.department_combo.findData(current)))
            for role in initial.roles:
                self.role_checks[role].setChecked(True)
            self.phone_edit.setText(initial.phone)
            self.active_check.setChecked(initial.active)
        else:
            self.active_check.setEnabled(False)

    @property
    def staff_name(self) -> str:
        return self.name_edit.text()

    @property
    def department_id(self) -> int | None:
        return self.department_combo.currentData()

    @property
    def roles(self) -> tuple[StaffRole, ...]:
        return tuple(role for role, check in self.role_checks.items() if check.isChecked())

    @property
    def phone(self) -> str:
        return self.phone_edit.text()

    @property
    def is_active(self) -> bool:
        return self.active_check.isChecked()

    def submit(self) -> StaffRow:
        return self._save(self.staff_name, self.department_id, self.roles, self.phone,
                          self.is_active)

    @classmethod
    def ask(
        cls, parent: QWidget | None, initial: StaffRow | None,
        departments: Sequence[DepartmentRow],
        save: Callable[[str, int | None, tuple[StaffRole, ...], str, bool], StaffRow],
    ) -> StaffRow | None:
        return cls._run(cls(parent, initial, departments, save))
