"""Shared test set-up: Qt offscreen, a fixed `today`, fresh databases."""

from __future__ import annotations

import os
from datetime import date, datetime

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIXED_TODAY = date(2026, 11, 23)
FIXED_NOW = datetime(2026, 11, 23, 9, 30)


@pytest.fixture
def today() -> date:
    return FIXED_TODAY


@pytest.fixture
def now() -> datetime:
    return FIXED_NOW


def pytest_collection_modifyitems(config, items):
    """Mark every test under tests/ui as a GUI test."""
    for item in items:
        if "/tests/ui/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.gui)
