"""Starting the program: first-run admin account, log-in lockout, a damaged file."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from desktop_app.app import session as app
from desktop_app.clock import Clock
from desktop_app.db.backup import backup_database
from desktop_app.db.database import Database
from desktop_app.db.services import users
from desktop_app.domain.roles import Role
from desktop_app.ui.login import FirstRunDialog, LoginDialog

T0 = datetime(2026, 11, 23, 9, 30)  # the fixed time of these tests

CLOCK = Clock.fixed(T0)


@pytest.fixture
def db(tmp_path: Path, fresh_db_file):
    database = Database.open(fresh_db_file(tmp_path / "t.sqlite3", T0), now=T0)
    yield database
    database.close()


def _drive(dialog_cls, answers: list[dict[str, str]], attempts: list[QDialog]):
    """Replace `ask` by one that fills the real dialog and presses OK once per answer."""

    def ask(cls, parent, callback, *args):
        dialog = dialog_cls(callback, *args)
        attempts.append(dialog)
        for answer in answers:
            for name, text in answer.items():
                dialog.fields[name].setText(text)
            dialog._on_accept()
            if dialog.result() == QDialog.DialogCode.Accepted:
                return True if dialog_cls is FirstRunDialog else dialog.result_value()
        return False if dialog_cls is FirstRunDialog else None

    return classmethod(ask)


def test_first_start_creates_the_office_directors_account(db, monkeypatch, qtbot) -> None:
    shown: list[QDialog] = []
    answers = [
        {"display_name": "王某某", "username": "admin", "password": "abc", "password_confirm": "abc"},
        {"display_name": "王某某", "username": "admin", "password": "zhuren2026",
         "password_confirm": "zhuren2026"},
    ]
    monkeypatch.setattr(FirstRunDialog, "ask", _drive(FirstRunDialog, answers, shown))
    actor = app.log_in(db, CLOCK)
    assert actor is not None and actor.role == Role.admin and actor.display_name == "王某某"
    with db.session() as session:
        assert users.authenticate(session=session, username="admin", password="zhuren2026",
                                  now=CLOCK.now()).user_id
    assert not shown[0].field_error("password")  # the second try cleared the weak-password message


def test_a_weak_password_is_refused_at_the_field_and_no_account_is_made(db, monkeypatch, qtbot) -> None:
    shown: list[QDialog] = []
    answers = [{"display_name": "王某某", "username": "admin", "password": "abc", "password_confirm": "abc"}]
    monkeypatch.setattr(FirstRunDialog, "ask", _drive(FirstRunDialog, answers, shown))
    assert app.log_in(db, CLOCK) is None
    assert "密码" in shown[0].field_error("password")
    with db.session() as session:
        assert not users.has_users(session=session)


def test_five_wrong_passwords_lock_the_account(db, monkeypatch, qtbot) -> None:
    with db.session() as session:
        users.create_first_admin(session=session, display_name="王某某", username="admin",
                                 password="zhuren2026", now=CLOCK.now())
    shown: list[QDialog] = []
    wrong = [{"username": "admin", "password": f"wrong{i}"} for i in range(5)]
    right = [{"username": "admin", "password": "zhuren2026"}]
    monkeypatch.setattr(LoginDialog, "ask", _drive(LoginDialog, wrong + right, shown))
    assert app.log_in(db, CLOCK) is None  # even the right password is refused now
    assert "锁定" in shown[0].field_error("password")
    with db.session() as session:
        actor = users.authenticate(session=session, username="admin", password="zhuren2026",
                                   now=CLOCK.now() + timedelta(minutes=5, seconds=1))
    assert actor.username == "admin"


def test_a_missing_db_file_is_not_created_without_consent(tmp_path: Path, monkeypatch, qtbot) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    path = tmp_path / "new.sqlite3"
    assert app.open_database(path, explicit=True, clock=Clock.fixed(T0)) is None
    assert not path.exists()


def test_a_damaged_file_can_be_restored_from_a_backup(tmp_path: Path, monkeypatch, qtbot) -> None:
    path = tmp_path / "d.sqlite3"
    first = Database.open(path, create=True, now=T0)
    with first.session() as session:
        users.create_first_admin(session=session, display_name="王某某", username="admin",
                                 password="zhuren2026", now=T0)
    first.close()
    backup = backup_database(path, tmp_path / "backups", now=T0)
    with open(path, "r+b") as fh:
        fh.seek(4096)
        fh.write(b"\x00\xff" * 4096)
    damaged = path.read_bytes()

    monkeypatch.setattr(app, "ask_restore_file", lambda p, exc: None)
    assert app.open_database(path, explicit=True, clock=Clock.fixed(T0)) is None
    assert path.read_bytes() == damaged  # refused, untouched

    offered: list[str] = []
    monkeypatch.setattr(app, "ask_restore_file", lambda p, exc: offered.append(exc.kind) or backup)
    db = app.open_database(path, explicit=True, clock=Clock.fixed(T0))
    assert db is not None and offered == ["damaged"]
    with db.session() as session:
        assert users.has_users(session=session)
    db.close()
    assert list(tmp_path.glob("d.sqlite3.replaced-*"))
