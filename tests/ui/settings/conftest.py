"""Settings-tab fixtures: a temp-file database with an office director and a front-desk user."""

from __future__ import annotations

from datetime import datetime

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop_app.clock import Clock
from desktop_app.db.database import Database
from desktop_app.db.services import users
from desktop_app.db.tx import Actor
from desktop_app.domain.roles import Role
from desktop_app.ui.settings import calendar_panel
from desktop_app.ui.settings.tab import SettingsTab

T0 = datetime(2026, 11, 23, 9, 30)  # the fixed time of these tests

ADMIN_PASSWORD = "Zhuren2026"
MEMBER_PASSWORD = "Qiantai2026"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "settings.sqlite3", create=True, now=T0)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def admin(db: Database) -> Actor:
    with db.session() as session:
        return users.create_first_admin(session=session, display_name="王某某",
                                        username="admin", password=ADMIN_PASSWORD, now=T0)


@pytest.fixture
def member(db: Database, admin: Actor) -> Actor:
    with db.session() as session:
        row = users.create_user(session=session, actor=admin, username="qiantai",
                                display_name="卫某某", role=Role.office_member,
                                password=MEMBER_PASSWORD, now=T0)
    return Actor(row.id, row.username, row.display_name, row.role)


@pytest.fixture
def make_tab(qtbot, db: Database, today) -> Iterator[Callable[[Actor], SettingsTab]]:
    tabs: list[SettingsTab] = []  # kept alive for the whole test: qtbot holds weak references

    def make(actor: Actor) -> SettingsTab:
        tab = SettingsTab(db, actor, clock=Clock.fixed(today))
        qtbot.addWidget(tab)
        tabs.append(tab)
        return tab
    yield make


@pytest.fixture
def confirm_yes(monkeypatch) -> list[str]:
    """Answer 是 to every confirmation in the calendar panel; records the questions."""
    asked: list[str] = []

    def confirm(parent, title, text) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(calendar_panel, "_confirm", confirm)
    return asked


class DialogDriver:
    """Replaces a dialog's `ask` with one that builds the real dialog, fills it and presses OK."""

    def __init__(self, qtbot, monkeypatch) -> None:
        self.qtbot, self.monkeypatch = qtbot, monkeypatch
        self.dialogs: list = []

    def drive(self, dialog_cls, fill: Callable) -> None:
        driver = self

        def ask(cls, parent, *args):
            dialog = cls(parent, *args)  # owned by its parent panel, closed with the tab
            fill(dialog)
            dialog.accept()
            driver.dialogs.append(dialog)
            return dialog.result_value

        self.monkeypatch.setattr(dialog_cls, "ask", classmethod(ask))

    @property
    def last(self):
        return self.dialogs[-1]


@pytest.fixture
def dialogs(qtbot, monkeypatch) -> DialogDriver:
    return DialogDriver(qtbot, monkeypatch)
