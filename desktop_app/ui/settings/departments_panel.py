"""科室: the department list, add/edit through `DepartmentDialog`, print the liaison cards."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.db.database import Database
from desktop_app.db.services.departments import (
    DepartmentRow, create_department, list_departments, update_department,
)
from desktop_app.db.tx import Actor
from desktop_app.domain.roles import Permission
from desktop_app.ui.settings.dialogs import DepartmentDialog
from desktop_app.ui.settings.panel import Panel
from desktop_app.ui.widgets.service import call_service
from desktop_app.ui.widgets.tables import fit_columns, make_table_view, select_row, selected_row
from desktop_app.ui.widgets.labels import note_label, title_label
from desktop_app.ui.settings.table_models import DepartmentTableModel

READ_ONLY_NOTE = "仅办公室主任可新增或修改科室"


class DepartmentsPanel(Panel):
    """Departments; `print_liaison_cards_requested` asks the main window to print the 医患连心卡."""

    print_liaison_cards_requested = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 now: Callable[[], datetime]) -> None:
        super().__init__(db, actor, parent, now=now)
        self.editable = self.can(Permission.manage_departments)
        self.model = DepartmentTableModel(parent=self)
        self.view = make_table_view(self.model, self)
        self.view.doubleClicked.connect(self._double_clicked)

        self.add_button = QPushButton(self.tr("新增科室…"))
        self.edit_button = QPushButton(self.tr("编辑…"))
        self.print_button = QPushButton(self.tr("打印医患连心卡…"))
        self.add_button.clicked.connect(self.add_department)
        self.edit_button.clicked.connect(self.edit_selected)
        self.print_button.clicked.connect(self.print_liaison_cards_requested)
        self.add_button.setEnabled(self.editable)
        self.edit_button.setEnabled(False)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("科室")))
        self.read_only_note = note_label(self.tr(READ_ONLY_NOTE))
        self.read_only_note.setVisible(not self.editable)
        layout.addWidget(self.read_only_note)
        bar = QHBoxLayout()
        bar.addWidget(self.add_button)
        bar.addWidget(self.edit_button)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        hint = QLabel(self.tr("临床科室的电话印在医患连心卡上。科室不删除：不再使用时改为“停用”，"
                              "历史记录仍保留原科室。"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #616161;")
        layout.addWidget(hint)
        self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        current = selected_row(self.view)
        keep = select_id if select_id is not None else (
            self.model.row_at(current).id if current >= 0 else None)
        ok, rows = call_service(self, self.db, lambda s: list_departments(session=s))
        if not ok:
            return
        self.model.set_rows(rows)
        fit_columns(self.view, stretch=0)
        if keep is not None:
            select_row(self.view, self.model.find(lambda d: d.id == keep))
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        self.edit_button.setEnabled(self.editable and selected_row(self.view) >= 0)

    def _double_clicked(self, index: QModelIndex) -> None:
        if self.editable and index.isValid():
            self.edit_selected()

    def _save_new(self, name: str, is_clinical: bool, phone: str, active: bool) -> DepartmentRow:
        with self.db.session() as session:
            return create_department(session=session, actor=self.actor, name=name,
                                     is_clinical=is_clinical, phone=phone, now=self._now())

    def _save_existing(self, department_id: int):
        def save(name: str, is_clinical: bool, phone: str, active: bool) -> DepartmentRow:
            with self.db.session() as session:
                return update_department(session=session, actor=self.actor,
                                         department_id=department_id, name=name,
                                         is_clinical=is_clinical, phone=phone, active=active,
                                         now=self._now())
        return save

    def add_department(self) -> DepartmentRow | None:
        row = DepartmentDialog.ask(self, None, self._save_new)
        if row is not None:
            self.refresh(select_id=row.id)
            self.changed.emit()
        return row

    def edit_selected(self) -> DepartmentRow | None:
        current = selected_row(self.view)
        if current < 0:
            return None
        initial = self.model.row_at(current)
        row = DepartmentDialog.ask(self, initial, self._save_existing(initial.id))
        if row is not None:
            self.refresh(select_id=row.id)
            self.changed.emit()
        return row
