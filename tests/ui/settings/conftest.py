"""Settings-tab fixtures: the tab on the fixed day and a 是 to every calendar confirmation.
The database, the accounts and the dialog driver come from tests/conftest.py and
tests/ui/conftest.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from desktop_app.clock import Clock
from desktop_app.db.database import Database
from desktop_app.db.tx import Actor
from desktop_app.ui.settings import calendar_panel
from desktop_app.ui.settings.tab import SettingsTab


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
