"""人员: staff by department, phones masked in the list; add/edit through `StaffDialog`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.db.database import Database
from desktop_app.db.services.departments import (
    DepartmentRow, StaffRole, StaffRow, create_staff, list_departments, list_staff, update_staff,
)
from desktop_app.db.tx import Actor
from desktop_app.domain.roles import Permission
from desktop_app.ui.settings.dialogs import StaffDialog
from desktop_app.ui.settings.panel import Panel
from desktop_app.ui.widgets.service import call_service
from desktop_app.ui.widgets.tables import fit_columns, make_table_view, select_row, selected_row
from desktop_app.ui.widgets.labels import note_label, title_label
from desktop_app.ui.settings.table_models import StaffTableModel

READ_ONLY_NOTE = "仅办公室主任可新增或修改人员"


class StaffPanel(Panel):
    """Staff list with a department filter."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 now: Callable[[], datetime]) -> None:
        super().__init__(db, actor, parent, now=now)
        self.editable = self.can(Permission.manage_staff)
        self.departments: list[DepartmentRow] = []
        self.model = StaffTableModel(parent=self)
        self.view = make_table_view(self.model, self)
        self.view.doubleClicked.connect(self._double_clicked)

        self.department_filter = QComboBox()
        self.department_filter.setMinimumWidth(180)
        self.department_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.add_button = QPushButton(self.tr("新增人员…"))
        self.edit_button = QPushButton(self.tr("编辑…"))
        self.add_button.clicked.connect(self.add_staff)
        self.edit_button.clicked.connect(self.edit_selected)
        self.add_button.setEnabled(self.editable)
        self.edit_button.setEnabled(False)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("人员")))
        self.read_only_note = note_label(self.tr(READ_ONLY_NOTE))
        self.read_only_note.setVisible(not self.editable)
        layout.addWidget(self.read_only_note)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("科室：")))
        bar.addWidget(self.department_filter)
        bar.addStretch(1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.edit_button)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        hint = QLabel(self.tr("列表中电话号码部分隐藏，打开“编辑”可查看完整号码。"))
        hint.setStyleSheet("color: #616161;")
        layout.addWidget(hint)
        self.refresh()

    # data -----------------------------------------------------------------------------
    def _reload_departments(self) -> bool:
        ok, rows = call_service(self, self.db, lambda s: list_departments(session=s))
        if not ok:
            return False
        self.departments = rows
        wanted = self.department_filter.currentData()
        self.department_filter.blockSignals(True)
        self.department_filter.clear()
        self.department_filter.addItem(self.tr("全部科室"), None)
        for dept in rows:
            label = dept.name if dept.active else self.tr("{0}（已停用）").format(dept.name)
            self.department_filter.addItem(label, dept.id)
        self.department_filter.setCurrentIndex(max(0, self.department_filter.findData(wanted)))
        self.department_filter.blockSignals(False)
        return True

    def refresh(self, select_id: int | None = None) -> None:
        current = selected_row(self.view)
        keep = select_id if select_id is not None else (
            self.model.row_at(current).id if current >= 0 else None)
        if not self._reload_departments():
            return
        department_id = self.department_filter.currentData()
        ok, rows = call_service(
            self, self.db, lambda s: list_staff(session=s, department_id=department_id))
        if not ok:
            return
        self.model.set_rows(rows)
        fit_columns(self.view, stretch=2)
        if keep is not None:
            select_row(self.view, self.model.find(lambda r: r.id == keep))
        self._update_buttons()

    def set_department_filter(self, department_id: int | None) -> None:
        combo = self.department_filter
        combo.setCurrentIndex(max(0, combo.findData(department_id)))

    # actions --------------------------------------------------------------------------
    def _update_buttons(self, *_args: object) -> None:
        self.edit_button.setEnabled(self.editable and selected_row(self.view) >= 0)

    def _double_clicked(self, index: QModelIndex) -> None:
        if self.editable and index.isValid():
            self.edit_selected()

    def _save_new(self, name: str, department_id: int | None, roles: tuple[StaffRole, ...],
                  phone: str, active: bool) -> StaffRow:
        with self.db.session() as session:
            return create_staff(session=session, actor=self.actor, name=name,
                                department_id=department_id, roles=roles, phone=phone,
                                now=self._now())

    def _save_existing(self, staff_id: int):
        def save(name: str, department_id: int | None, roles: tuple[StaffRole, ...],
                 phone: str, active: bool) -> StaffRow:
            with self.db.session() as session:
                return update_staff(session=session, actor=self.actor, staff_id=staff_id,
                                    name=name, department_id=department_id, roles=roles,
                                    phone=phone, active=active, now=self._now())
        return save

    def _after_save(self, row: StaffRow) -> None:
        filter_id = self.department_filter.currentData()
        if filter_id is not None and filter_id != row.department_id:
            self.set_department_filter(None)  # show the saved person even if they moved
        self.refresh(select_id=row.id)
        self.changed.emit()

    def add_staff(self) -> StaffRow | None:
        row = StaffDialog.ask(self, None, self.departments, self._save_new)
        if row is not None:
            self._after_save(row)
        return row

    def edit_selected(self) -> StaffRow | None:
        current = selected_row(self.view)
        if current < 0:
            return None
        initial = self.model.row_at(current)
        row = StaffDialog.ask(self, initial, self.departments, self._save_existing(initial.id))
        if row is not None:
            self._after_save(row)
        return row
