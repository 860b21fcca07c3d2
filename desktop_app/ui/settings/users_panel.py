"""用户: accounts (office director only): add, edit name/role/active, reset a password."""

from __future__ import annotations

from collections.abc import Callable

from datetime import datetime

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.db.database import Database
from desktop_app.db.services.users import (
    UserRow, create_user, list_users, set_password, update_user,
)
from desktop_app.db.tx import Actor
from desktop_app.domain.roles import Role
from desktop_app.ui.settings.panel import Panel
from desktop_app.ui.widgets.service import call_service
from desktop_app.ui.widgets.tables import fit_columns, make_table_view, select_row, selected_row
from desktop_app.ui.widgets.labels import title_label
from desktop_app.ui.settings.table_models import UserTableModel
from desktop_app.ui.settings.user_dialogs import EditUserDialog, PasswordDialog, UserDialog


class UsersPanel(Panel):
    """The account list; the tab shows this panel only to the office director."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 now: Callable[[], datetime]) -> None:
        super().__init__(db, actor, parent, now=now)
        self.model = UserTableModel(parent=self)
        self.view = make_table_view(self.model, self)
        self.view.doubleClicked.connect(self._double_clicked)
        self.add_button = QPushButton(self.tr("新增用户…"))
        self.edit_button = QPushButton(self.tr("编辑…"))
        self.password_button = QPushButton(self.tr("重设密码…"))
        self.add_button.clicked.connect(self.add_user)
        self.edit_button.clicked.connect(self.edit_selected)
        self.password_button.clicked.connect(self.reset_password)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("用户")))
        bar = QHBoxLayout()
        bar.addWidget(self.add_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.password_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        hint = QLabel(self.tr("连续输错 5 次密码的账号锁定 5 分钟；重设密码可立即解除锁定。"
                              "账号不删除，不再使用时改为“停用”。"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #616161;")
        layout.addWidget(hint)
        self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        current = selected_row(self.view)
        keep = select_id if select_id is not None else (
            self.model.row_at(current).id if current >= 0 else None)
        ok, rows = call_service(self, self.db,
                                lambda s: list_users(session=s, actor=self.actor))
        if not ok:
            return
        self.model.set_rows(rows, now=self._now())
        fit_columns(self.view, stretch=1)
        if keep is not None:
            select_row(self.view, self.model.find(lambda u: u.id == keep))
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        has = selected_row(self.view) >= 0
        self.edit_button.setEnabled(has)
        self.password_button.setEnabled(has)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_selected()

    def _selected(self) -> UserRow | None:
        current = selected_row(self.view)
        return self.model.row_at(current) if current >= 0 else None

    def _create(self, username: str, display_name: str, role: Role, password: str) -> UserRow:
        with self.db.session() as session:
            return create_user(session=session, actor=self.actor, username=username,
                               display_name=display_name, role=role, password=password,
                               now=self._now())

    def add_user(self) -> UserRow | None:
        row = UserDialog.ask(self, self._create)
        if row is not None:
            self.refresh(select_id=row.id)
            self.changed.emit()
        return row

    def edit_selected(self) -> UserRow | None:
        initial = self._selected()
        if initial is None:
            return None

        def save(display_name: str, role: Role, active: bool) -> UserRow:
            with self.db.session() as session:
                return update_user(session=session, actor=self.actor, user_id=initial.id,
                                   display_name=display_name, role=role, active=active,
                                   now=self._now())

        row = EditUserDialog.ask(self, initial, save)
        if row is not None:
            self.refresh(select_id=row.id)
            self.changed.emit()
        return row

    def reset_password(self) -> bool:
        initial = self._selected()
        if initial is None:
            return False

        def save(password: str) -> None:
            with self.db.session() as session:
                set_password(session=session, actor=self.actor, user_id=initial.id,
                             new_password=password, now=self._now())

        done = PasswordDialog.ask(self, initial.username, save)
        if done:
            self.refresh(select_id=initial.id)
            self.changed.emit()
        return done
