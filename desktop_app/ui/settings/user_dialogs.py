"""Dialogs for user accounts: add, edit (name/role/active), reset password."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QWidget

from desktop_app.db.services.users import UserRow
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.roles import ROLE_LABELS, Role
from desktop_app.domain.validation import PASSWORD_RULE_MESSAGE
from desktop_app.ui.widgets.forms import FormDialog

MISMATCH_MESSAGE = "两次输入的密码不一致"


def _role_combo() -> QComboBox:
    combo = QComboBox()
    for role in (Role.office_member, Role.duty_director, Role.admin):
        combo.addItem(ROLE_LABELS[role], role)
    return combo


def _password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("color: #616161;")
    label.setWordWrap(True)
    return label


def _check_confirm(password: str, confirm: str) -> None:
    if password != confirm:
        raise ValidationError("password_confirm", MISMATCH_MESSAGE)


class UserDialog(FormDialog):
    """Add an account: username, name, role, password twice."""

    def __init__(self, parent: QWidget | None,
                 save: Callable[[str, str, Role, str], UserRow]) -> None:
        super().__init__(parent, self.tr("新增用户"))
        self._save = save
        self.username_edit = QLineEdit()
        self.username_edit.setPlaceholderText(self.tr("英文字母开头，如 qiantai2"))
        self.display_name_edit = QLineEdit()
        self.role_combo = _role_combo()
        self.password_edit = _password_edit()
        self.confirm_edit = _password_edit()
        self.add_row(self.tr("用户名"), self.username_edit, "username")
        self.add_row(self.tr("姓名"), self.display_name_edit, "display_name")
        self.add_row(self.tr("角色"), self.role_combo, "role")
        self.add_row(self.tr("密码"), self.password_edit, "password")
        self.add_row(self.tr("确认密码"), self.confirm_edit, "password_confirm")
        self.form.addRow("", _hint(self.tr(PASSWORD_RULE_MESSAGE)))

    @property
    def username(self) -> str:
        return self.username_edit.text()

    @property
    def display_name(self) -> str:
        return self.display_name_edit.text()

    @property
    def role(self) -> Role:
        return Role(self.role_combo.currentData())

    def submit(self) -> UserRow:
        _check_confirm(self.password_edit.text(), self.confirm_edit.text())
        return self._save(self.username, self.display_name, self.role, self.password_edit.text())

    @classmethod
    def ask(cls, parent: QWidget | None,
            save: Callable[[str, str, Role, str], UserRow]) -> UserRow | None:
        return cls._run(cls(parent, save))


class EditUserDialog(FormDialog):
    """Change an account's name, role or active flag (the username stays)."""

    def __init__(self, parent: QWidget | None, initial: UserRow,
                 save: Callable[[str, Role, bool], UserRow]) -> None:
        super().__init__(parent, self.tr("编辑用户"))
        self._save = save
        self.display_name_edit = QLineEdit(initial.display_name)
        self.role_combo = _role_combo()
        self.role_combo.setCurrentIndex(self.role_combo.findData(initial.role))
        self.active_check = QCheckBox(self.tr("启用（停用后不能登录）"))
        self.active_check.setChecked(initial.active)
        self.form.addRow(self.tr("用户名"), QLabel(initial.username))
        self.add_row(self.tr("姓名"), self.display_name_edit, "display_name")
        self.add_row(self.tr("角色"), self.role_combo, "role")
        self.add_row(self.tr("状态"), self.active_check, "active")

    @property
    def display_name(self) -> str:
        return self.display_name_edit.text()

    @property
    def role(self) -> Role:
        return Role(self.role_combo.currentData())

    @property
    def is_active(self) -> bool:
        return self.active_check.isChecked()

    def submit(self) -> UserRow:
        return self._save(self.display_name, self.role, self.is_active)

    @classmethod
    def ask(cls, parent: QWidget | None, initial: UserRow,
            save: Callable[[str, Role, bool], UserRow]) -> UserRow | None:
        return cls._run(cls(parent, initial, save))


class PasswordDialog(FormDialog):
    """Set a new password for one account (also unlocks it)."""

    def __init__(self, parent: QWidget | None, username: str,
                 save: Callable[[str], None]) -> None:
        super().__init__(parent, self.tr("重设密码"))
        self._save = save
        self.password_edit = _password_edit()
        self.confirm_edit = _password_edit()
        self.form.addRow(self.tr("用户名"), QLabel(username))
        self.add_row(self.tr("新密码"), self.password_edit, "password")
        self.add_row(self.tr("确认新密码"), self.confirm_edit, "password_confirm")
        self.form.addRow("", _hint(self.tr(PASSWORD_RULE_MESSAGE + "；重设后账号自动解除锁定。")))

    def submit(self) -> bool:
        _check_confirm(self.password_edit.text(), self.confirm_edit.text())
        self._save(self.password_edit.text())
        return True

    @classmethod
    def ask(cls, parent: QWidget | None, username: str, save: Callable[[str], None]) -> bool:
        return bool(cls._run(cls(parent, username, save)))
