"""`Panel`: the base of every page of the settings tab."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from desktop_app.db.database import Database
from desktop_app.db.tx import Actor
from desktop_app.domain.roles import Permission, allows


class Panel(QWidget):
    """One page of the settings tab: loads its data in `refresh()`, emits `changed` after a save."""

    changed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 now: Callable[[], datetime]) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self._now = now  # the tab's clock: every save and "locked until" is judged by it

    def today(self) -> date:
        return self._now().date()

    def can(self, permission: Permission) -> bool:
        return allows(self.actor.role, permission)

    def refresh(self) -> None:  # pragma: no cover - every panel overrides it
        pass
