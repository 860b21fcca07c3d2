import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from desktop_app.domain.errors import AuthError, StorageError, ValidationError
from desktop_app.ui.login import FirstRunDialog, LoginDialog, UnlockDialog


def _open(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


class FakeCreate:
    def __init__(self, error: Exception | None = None) -> None:
        self.calls: list[tuple[str, str, str]] = []
        self.error = error

    def __call__(self, display_name: str, username: str, password: str) -> None:
        self.calls.append((display_name, username, password))
        if self.error:
            raise self.error


def _fill_first_run(dlg: FirstRunDialog, confirm: str = "Mima#2026") -> None:
    dlg.display_name_edit.setText("李某某")
    dlg.username_edit.setText("admin")
    dlg.password_edit.setText("Mima#2026")
    dlg.confirm_edit.setText(confirm)


# --- first run ------------------------------------------------------------------------

def test_first_run_heading_and_fields(qtbot):
    dlg = _open(qtbot, FirstRunDialog(FakeCreate()))
    texts = [label.text() for label in dlg.findChildren(QLabel)]
    assert "首次使用：创建办公室主任（管理员）账号" in texts
    assert set(dlg.fields) == {"display_name", "username", "password", "password_confirm"}
    assert dlg.password_edit.echoMode() == QLineEdit.EchoMode.Password


def test_first_run_success_calls_create_and_accepts(qtbot):
    create = FakeCreate()
    dlg = _open(qtbot, FirstRunDialog(create))
    _fill_first_run(dlg)
    dlg._on_accept()
    assert create.calls == [("李某某", "admin", "Mima#2026")]
    assert dlg.result() == FirstRunDialog.DialogCode.Accepted
    assert not dlg.isVisible()


def test_first_run_validation_error_shown_under_field(qtbot):
    create = FakeCreate(ValidationError("username", "用户名已存在"))
    dlg = _open(qtbot, FirstRunDialog(create))
    _fill_first_run(dlg)
    dlg._on_accept()
    assert dlg.field_error("username") == "用户名已存在"
    assert dlg.field_error("display_name") == ""
    assert dlg.isVisible()
    assert create.calls


def test_first_run_password_mismatch_checked_locally(qtbot):
    create = FakeCreate()
    dlg = _open(qtbot, FirstRunDialog(create))
    _fill_first_run(dlg, confirm="different")
    dlg._on_accept()
    assert dlg.field_error("password_confirm") == "两次输入的密码不一致"
    assert create.calls == []
    assert dlg.isVisible()


def test_first_run_error_cleared_on_retry(qtbot):
    create = FakeCreate(ValidationError("password", "密码至少 8 位"))
    dlg = _open(qtbot, FirstRunDialog(create))
    _fill_first_run(dlg)
    dlg._on_accept()
    assert dlg.field_error("password") == "密码至少 8 位"
    create.error = None
    dlg._on_accept()
    assert dlg.field_error("password") == ""
    assert not dlg.isVisible()


def test_first_run_storage_error_goes_to_a_box(qtbot, message_boxes):
    dlg = _open(qtbot, FirstRunDialog(FakeCreate(StorageError("x", kind="full"))))
    _fill_first_run(dlg)
    dlg._on_accept()
    assert "磁盘空间已满" in message_boxes[0].text
    assert dlg.isVisible()


def test_first_run_ask_returns_bool(monkeypatch, qtbot):
    monkeypatch.setattr(FirstRunDialog, "exec", lambda self: FirstRunDialog.DialogCode.Rejected)
    assert FirstRunDialog.ask(None, FakeCreate()) is False


# --- login ----------------------------------------------------------------------------

def _login_dialog(qtbot, authenticate):
    return _open(qtbot, LoginDialog(authenticate, "示例镇卫生院",
                                    r"C:\Users\front\AppData\Local\fwqz\fwqz.sqlite3"))


def test_login_shows_institution_and_db_path(qtbot):
    dlg = _login_dialog(qtbot, lambda u, p: None)
    assert dlg.windowTitle() == "登录 — 服务群众工作台"
    assert dlg.institution_label.text() == "示例镇卫生院"
    assert dlg.db_path_label.full_text().endswith("fwqz.sqlite3")
    assert dlg.db_path_label.toolTip().endswith("fwqz.sqlite3")


def test_login_auth_errors_are_shown_and_password_cleared(qtbot):
    attempts: list[tuple[str, str]] = []

    def authenticate(username: str, password: str) -> str:
        attempts.append((username, password))
        left = 5 - len(attempts)
        if left > 0:
            raise AuthError(f"用户名或密码错误，还可尝试 {left} 次")
        raise AuthError("账号已锁定，请 15 分钟后再试")

    dlg = _login_dialog(qtbot, authenticate)
    dlg.username_edit.setText("admin")
    for n in range(5):
        dlg.password_edit.setText("wrong")
        dlg._on_accept()
        assert dlg.isVisible()
        assert dlg.password_edit.text() == ""
        if n < 4:
            assert dlg.field_error("password") == f"用户名或密码错误，还可尝试 {4 - n} 次"
    assert dlg.field_error("password") == "账号已锁定，请 15 分钟后再试"
    assert len(attempts) == 5
    assert dlg.result_value() is None


def test_login_success_returns_value(qtbot):
    user = object()
    dlg = _login_dialog(qtbot, lambda u, p: user if (u, p) == ("admin", "pw") else None)
    dlg.username_edit.setText("  admin ")
    dlg.password_edit.setText("pw")
    dlg._on_accept()
    assert dlg.result_value() is user
    assert dlg.result() == LoginDialog.DialogCode.Accepted


def test_login_empty_username(qtbot):
    called = []
    dlg = _login_dialog(qtbot, lambda u, p: called.append(u))
    dlg._on_accept()
    assert dlg.field_error("username") == "请输入用户名"
    assert called == []


@pytest.mark.parametrize(("code", "expected"), [
    (LoginDialog.DialogCode.Accepted, "the-user"),
    (LoginDialog.DialogCode.Rejected, None),
])
def test_login_ask(monkeypatch, code, expected):
    def fake_exec(self):
        if code == LoginDialog.DialogCode.Accepted:
            self._result = "the-user"
        return code

    monkeypatch.setattr(LoginDialog, "exec", fake_exec)
    assert LoginDialog.ask(None, lambda u, p: "the-user", "示例镇卫生院", "x.sqlite3") == expected


# --- unlock ---------------------------------------------------------------------------

def _unlock_dialog(qtbot, verify):
    return _open(qtbot, UnlockDialog("张某某", verify))


def test_unlock_wrong_password_stays_locked(qtbot):
    def verify(password: str) -> None:
        raise AuthError("密码错误，还可尝试 4 次")

    dlg = _unlock_dialog(qtbot, verify)
    assert "张某某" in dlg.user_label.text()
    dlg.password_edit.setText("bad")
    dlg._on_accept()
    assert dlg.isVisible()
    assert dlg.field_error("password") == "密码错误，还可尝试 4 次"
    assert dlg.password_edit.text() == ""


def test_unlock_right_password_accepts(qtbot):
    seen: list[str] = []
    dlg = _unlock_dialog(qtbot, seen.append)
    dlg.password_edit.setText("pw")
    dlg._on_accept()
    assert seen == ["pw"]
    assert dlg.result() == UnlockDialog.DialogCode.Accepted


def test_unlock_escape_does_not_dismiss(qtbot):
    dlg = _unlock_dialog(qtbot, lambda p: None)
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    qtbot.keyClick(dlg.password_edit, Qt.Key.Key_Escape)
    assert dlg.isVisible()
    assert dlg.result() != UnlockDialog.DialogCode.Accepted


def test_unlock_reject_is_false(monkeypatch):
    monkeypatch.setattr(UnlockDialog, "exec", lambda self: UnlockDialog.DialogCode.Rejected)
    assert UnlockDialog.ask(None, "张某某", lambda p: None) is False
