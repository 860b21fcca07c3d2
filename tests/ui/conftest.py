"""GUI test fixtures: the bundled font for every test, message boxes recorded not shown."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop_app.ui.widgets import errors
from desktop_app.ui.fonts import install_app_font


@dataclass(frozen=True)
class ShownBox:
    icon: QMessageBox.Icon
    title: str
    text: str


@pytest.fixture(autouse=True)
def app_font(qapp) -> str:
    """Every GUI test runs with the bundled CJK font as the application font."""
    return install_app_font(qapp)


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch) -> list[ShownBox]:
    """Message boxes from ui.errors are recorded here instead of blocking the test."""
    shown: list[ShownBox] = []

    def record(parent, icon, title, text) -> None:
        shown.append(ShownBox(icon, title, text))

    monkeypatch.setattr(errors, "_message_box", record)
    return shown
