"""The main window: calendar banner, status bar, printing, backup, the idle lock."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

from desktop_app.clock import Clock
from desktop_app.db.database import Database
from desktop_app.db.services import calendar as calendar_svc
from desktop_app.db.services import matters as matter_svc
from desktop_app.db.services import users
from desktop_app.domain.errors import AuthError
from desktop_app.ui import main_window as mw
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.widgets.period_dialogs import MonthDialog
from desktop_app.ui.widgets.print_dialog import PrintPreviewDialog

T0 = datetime(2026, 11, 23, 9, 30)  # the fixed time of these tests


@pytest.fixture
def admin(tmp_path: Path, demo_db_file):
    return demo_db_file(tmp_path / "t.sqlite3", with_matters=False, now=T0, today=T0.date())


@pytest.fixture
def db(tmp_path: Path, admin):
    database = Database.open(tmp_path / "t.sqlite3", now=T0)
    yield database
    database.close()


def _window(qtbot, db, actor, today=date(2026, 11, 23)) -> MainWindow:
    window = MainWindow(db, actor, clock=Clock.fixed(today))
    qtbot.addWidget(window)
    return window


def test_banner_asks_for_next_years_calendar_from_november(qtbot, db, admin) -> None:
    window = _window(qtbot, db, admin)
    assert not window.banner.isHidden()
    assert "2027" in window.banner.label.text()
    with db.session() as session:
        calendar_svc.set_year_complete(session=session, actor=admin, year=2027, complete=True, now=T0)
    window.refresh_banner()
    assert window.banner.isHidden()


def test_no_banner_in_october(qtbot, db, admin) -> None:
    window = _window(qtbot, db, admin, today=date(2026, 10, 31))
    assert window.banner.isHidden()


def test_banner_button_opens_the_calendar_of_that_year(qtbot, db, admin) -> None:
    window = _window(qtbot, db, admin)
    window.banner.enter_requested.emit(2027)
    assert window.tabs.currentWidget() is window.settings_tab
    assert window.settings_tab.current_panel() == "calendar"


def test_status_bar_shows_user_and_database(qtbot, db, admin) -> None:
    window = _window(qtbot, db, admin)
    texts = " ".join(w.text() for w in window.statusBar().findChildren(type(window.db_label)))
    assert "王某某" in texts and "办公室主任" in texts and db.path.name in texts
    assert window.db_label.toolTip() == str(db.path)


def test_print_liaison_cards_previews_every_clinical_phone(qtbot, db, admin, monkeypatch) -> None:
    shown: list[bytes] = []
    monkeypatch.setattr(PrintPreviewDialog, "show_pdf",
                        classmethod(lambda cls, parent, pdf, title, name: shown.append(pdf)))
    window = _window(qtbot, db, admin)
    [action] = [a for a in window.menuBar().actions()[0].menu().actions()
                if a.text() == "打印医患连心卡…"]
    action.trigger()  # 文件 → 打印医患连心卡… prints through the 设置 tab
    text = PdfReader(io.BytesIO(shown[0])).pages[0].extract_text()
    assert "0538-1234501" in text and "0538-1234508" in text


def test_backup_menu_writes_a_copy(qtbot, db, admin, monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(mw.QMessageBox, "information", lambda *a, **k: None)
    window = _window(qtbot, db, admin)
    monkeypatch.setattr(window, "ask_backup_folder", lambda: tmp_path / "bk")
    target = window.backup_now()
    assert target is not None and target.exists() and target.parent == tmp_path / "bk"


def test_idle_lock_keeps_unsaved_input_and_needs_the_password(qtbot, db, admin) -> None:
    window = _window(qtbot, db, admin)
    window.show()
    form = QDialog(window)
    edit = QLineEdit(form)
    QVBoxLayout(form).addWidget(edit)
    edit.setText("尚未保存的反映内容")
    form.show()
    window.lock()
    assert window.is_locked and form.windowOpacity() == 0.0 and not form.isEnabled()
    assert not window.tabs.isVisible()
    with pytest.raises(AuthError):
        window.unlock_with("wrong-password1")
    assert window.is_locked
    window.unlock_with("demo2026")
    assert not window.is_locked and form.isVisible() and form.isEnabled()
    assert form.windowOpacity() == 1.0
    assert edit.text() == "尚未保存的反映内容"


def test_idle_lock_does_not_cancel_a_modal_form(qtbot, db, admin) -> None:
    """A form open with exec() survives lock and unlock and can still be saved."""
    window = _window(qtbot, db, admin)
    window.show()
    form = QDialog(window)
    edit = QLineEdit(form)
    QVBoxLayout(form).addWidget(edit)
    edit.setText("尚未保存的反映内容")
    steps: list[bool] = []

    def lock_then_unlock() -> None:
        window.lock()
        qtbot.wait(50)
        steps.append(form.isVisible())
        window.unlock_with("demo2026")
        form.accept()

    QTimer.singleShot(50, lock_then_unlock)
    assert form.exec() == QDialog.DialogCode.Accepted
    assert steps == [True] and edit.text() == "尚未保存的反映内容"


def test_office_member_sees_no_user_or_audit_panels(qtbot, db, admin) -> None:
    with db.session() as session:
        member = users.authenticate(session=session, username="qiantai", password="demo2026", now=T0)
    window = _window(qtbot, db, member)
    names = window.settings_tab.panel_names()
    assert "users" not in names and "audit" not in names


def test_complaints_tab_title_counts_overdue_and_prints_its_sheets(qtbot, tmp_path, monkeypatch,
                                                                   demo_db_file) -> None:
    admin = demo_db_file(tmp_path / "c.sqlite3", opened_at=T0, today=date(2026, 11, 23),
                         now=datetime(2026, 11, 23, 8, 0))
    database = Database.open(tmp_path / "c.sqlite3", now=T0)
    window = _window(qtbot, database, admin)
    with database.session() as session:
        overdue = matter_svc.count_overdue(session=session, today=date(2026, 11, 23))
        first = matter_svc.list_matters(session=session, today=date(2026, 11, 23))[0]
    assert overdue > 0
    assert window.tabs.tabText(0) == f"投诉登记（超期 {overdue}）"
    shown: list[str] = []
    monkeypatch.setattr(PrintPreviewDialog, "show_pdf", classmethod(
        lambda cls, parent, pdf, title, name: shown.append(PdfReader(io.BytesIO(pdf)).pages[0].extract_text())))
    window.complaints_tab.print_registration_requested.emit(first.id)
    monkeypatch.setattr(MonthDialog, "ask", classmethod(lambda cls, parent, title, today: "2026-10"))
    window.complaints_tab.print_monthly_requested.emit()
    assert first.serial in shown[0] and "2026年10月" in shown[1]
    assert window.show_reminders_if_any()
    database.close()
