"""First-run, login and unlock dialogs.

Widgets only: the real checks (creating the administrator, authenticating,
verifying the password) are callbacks passed in, so this module never touches
the database. Errors come back as ValidationError / AuthError and are shown
under the field they concern.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

from desktop_app.domain.errors import AuthError, DomainError, ValidationError
from desktop_app.ui.widgets.errors import show_error
from desktop_app.ui.widgets.forms import FieldErrors

T = TypeVar("T")

HINT_STYLE = "color: #757575;"


def _heading(text: str, parent: QWidget, scale: float = 1.3) -> QLabel:
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    label.setWordWrap(True)
    return label


class _ElidedPathLabel(QLabel):
    """Small grey text that elides a long path in the middle (full path in the tooltip)."""

    def __init__(self, text: str, parent: QWidget) -> None:
        super().__init__(parent)
        self._full = text
        self.setToolTip(text)
        self.setStyleSheet(HINT_STYLE)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.setFont(font)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setText(text)

    def full_text(self) -> str:
        return self._full

    def minimumSizeHint(self):  # noqa: N802 (Qt override)
        hint = super().minimumSizeHint()
        hint.setWidth(80)
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle,
                                                   self.width()))


class _FormDialog(QDialog):
    """A dialog with a form whose fields each have a red error label underneath."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.fields: dict[str, QLineEdit] = {}
        self.errors = FieldErrors()
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.buttons = QDialogButtonBox(self)
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)

    def _add_field(self, name: str, label: str, password: bool = False) -> QLineEdit:
        edit = QLineEdit(self)
        if password:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(label, self.errors.wrap(edit, name))
        self.fields[name] = edit
        return edit

    def _add_buttons(self, ok_text: str, cancel_text: str) -> None:
        ok = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        self.buttons.addButton(cancel_text, QDialogButtonBox.ButtonRole.RejectRole)

    def field_error(self, name: str) -> str:
        """The error text shown under a field ('' if none); for tests and callers."""
        return self.errors.text(name)

    def _show_error(self, exc: ValidationError) -> None:
        self.errors.report(self, exc)

    def _clear_errors(self) -> None:
        self.errors.clear()

    def _on_accept(self) -> None:
        raise NotImplementedError


class FirstRunDialog(_FormDialog):
    """首次使用：创建办公室主任（管理员）账号."""

    def __init__(self, create: Callable[[str, str, str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._create = create
        self.setWindowTitle(self.tr("首次使用 — 服务群众工作台"))
        heading = _heading(self.tr("首次使用：创建办公室主任（管理员）账号"), self)
        hint = QLabel(self.tr("此账号可以修改设置、管理用户。请牢记密码。"), self)
        hint.setStyleSheet(HINT_STYLE)
        hint.setWordWrap(True)
        self.display_name_edit = self._add_field("display_name", self.tr("姓名"))
        self.username_edit = self._add_field("username", self.tr("用户名"))
        self.password_edit = self._add_field("password", self.tr("密码"), password=True)
        self.confirm_edit = self._add_field("password_confirm", self.tr("确认密码"), password=True)
        self._add_buttons(self.tr("创建账号"), self.tr("取消"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addSpacing(8)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)

    @classmethod
    def ask(cls, parent: QWidget | None, create: Callable[[str, str, str], None]) -> bool:
        """True once `create` succeeded; False if the user cancelled."""
        dialog = cls(create, parent)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def display_name(self) -> str:
        return self.display_name_edit.text().strip()

    def username(self) -> str:
        return self.username_edit.text().strip()

    def password(self) -> str:
        return self.password_edit.text()

    def _on_accept(self) -> None:
        self._clear_errors()
        if self.password() != self.confirm_edit.text():
            self._show_error(ValidationError("password_confirm", self.tr("两次输入的密码不一致")))
            return
        try:
            self._create(self.display_name(), self.username(), self.password())
        except ValidationError as exc:
            self._show_error(exc)
            return
        except DomainError as exc:
            show_error(self, exc)
            return
        self.accept()


class LoginDialog(_FormDialog, Generic[T]):
    """登录 — 服务群众工作台."""

    def __init__(self, authenticate: Callable[[str, str], T], institution_name: str,
                 db_path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._authenticate = authenticate
        self._result: T | None = None
        self.setWindowTitle(self.tr("登录 — 服务群众工作台"))
        self.institution_label = _heading(institution_name, self, 1.5)
        self.institution_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        subtitle = QLabel(self.tr("服务群众工作台"), self)
        subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.username_edit = self._add_field("username", self.tr("用户名"))
        self.password_edit = self._add_field("password", self.tr("密码"), password=True)
        self.db_path_label = _ElidedPathLabel(self.tr("数据库：") + db_path, self)
        self._add_buttons(self.tr("登录"), self.tr("退出"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.institution_label)
        layout.addWidget(subtitle)
        layout.addSpacing(12)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        layout.addSpacing(6)
        layout.addWidget(self.db_path_label)
        self.setMinimumWidth(420)

    @classmethod
    def ask(cls, parent: QWidget | None, authenticate: Callable[[str, str], T],
            institution_name: str, db_path: str) -> T | None:
        """What `authenticate` returned, or None if the user cancelled."""
        dialog = cls(authenticate, institution_name, db_path, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.result_value()
        return None

    def result_value(self) -> T | None:
        return self._result

    def _on_accept(self) -> None:
        self._clear_errors()
        username = self.username_edit.text().strip()
        if not username:
            self._show_error(ValidationError("username", self.tr("请输入用户名")))
            return
        try:
            self._result = self._authenticate(username, self.password_edit.text())
        except AuthError as exc:
            self.password_edit.clear()
            self._show_error(ValidationError("password", exc.message))
            return
        except ValidationError as exc:
            self._show_error(exc)
            return
        except DomainError as exc:
            show_error(self, exc)
            return
        self.accept()


class UnlockDialog(_FormDialog):
    """已锁定：请输入密码解锁. Only the same user can unlock; Escape does nothing."""

    def __init__(self, display_name: str, verify: Callable[[str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._verify = verify
        self.setWindowTitle(self.tr("已锁定 — 服务群众工作台"))
        heading = _heading(self.tr("已锁定：请输入密码解锁"), self)
        self.user_label = QLabel(self.tr("当前用户：{name}").format(name=display_name), self)
        self.password_edit = self._add_field("password", self.tr("密码"), password=True)
        self._add_buttons(self.tr("解锁"), self.tr("退出程序"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.user_label)
        layout.addSpacing(8)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)

    @classmethod
    def ask(cls, parent: QWidget | None, display_name: str,
            verify: Callable[[str], None]) -> bool:
        """True once `verify` accepted the password; False means stay locked or quit."""
        dialog = cls(display_name, verify, parent)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape:
            event.ignore()
            return
        super().keyPressEvent(event)

    def _on_accept(self) -> None:
        self._clear_errors()
        try:
            self._verify(self.password_edit.text())
        except AuthError as exc:
            self.password_edit.clear()
            self._show_error(ValidationError("password", exc.message))
            return
        except DomainError as exc:
            show_error(self, exc)
            return
        self.accept()
