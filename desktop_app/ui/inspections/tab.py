"""The 周五检查 tab: three pages — the Friday inspections, the 整改台账, the 值班日志.

Each page is its own panel; this tab only hosts them, keeps the ledger's page
title counting overdue items, and prints what they ask for through its own
`printing` (the print signals lead there).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop_app.clock import Clock
from desktop_app.db.database import Database
from desktop_app.db.services.rectifications_query import count_rectifications
from desktop_app.db.tx import Actor
from desktop_app.ui.inspections import printing
from desktop_app.ui.inspections.duty_log_panel import DutyLogPanel
from desktop_app.ui.inspections.friday_panel import FridayPanel
from desktop_app.ui.inspections.ledger_panel import LedgerPanel
from desktop_app.ui.navigation import Navigator
from desktop_app.ui.widgets.service import call_service


class InspectionsTab(QWidget):
    """Hosts the Friday calendar, the rectification ledger and the duty log."""

    print_inspection_requested = Signal(int)
    print_ledger_requested = Signal()
    print_notices_requested = Signal()
    print_duty_log_requested = Signal(object)  # date
    matter_registered = Signal(int)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 clock: Clock, navigator: Navigator | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.clock = clock
        self.overdue = 0
        self.pages = QTabWidget(self)
        self.friday_panel = FridayPanel(db, actor, self, now=clock.now)
        self.ledger_panel = LedgerPanel(db, actor, self, now=clock.now)
        self.duty_panel = DutyLogPanel(db, actor, self, now=clock.now, navigator=navigator)
        self.pages.addTab(self.friday_panel, self.tr("周五检查"))
        self.pages.addTab(self.ledger_panel, self.tr("整改台账"))
        self.pages.addTab(self.duty_panel, self.tr("值班日志"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

        self.friday_panel.print_inspection_requested.connect(self.print_inspection_requested)
        self.ledger_panel.print_ledger_requested.connect(self.print_ledger_requested)
        self.ledger_panel.print_notices_requested.connect(self.print_notices_requested)
        self.duty_panel.print_duty_log_requested.connect(self.print_duty_log_requested)
        self.duty_panel.matter_registered.connect(self.matter_registered)
        self.print_inspection_requested.connect(self.print_inspection)
        self.print_ledger_requested.connect(self.print_rectification_ledger)
        self.print_notices_requested.connect(self.print_rectification_notices)
        self.print_duty_log_requested.connect(self.print_duty_log)
        self.friday_panel.changed.connect(self._inspections_changed)
        self.ledger_panel.changed.connect(self.update_titles)
        self.update_titles()

    def today(self) -> date:
        return self.clock.today()

    def _inspections_changed(self) -> None:
        """A signed inspection adds rectification items: the ledger shows them at once."""
        self.ledger_panel.refresh()
        self.update_titles()

    def update_titles(self) -> None:
        ok, counts = call_service(self, self.db, lambda s: count_rectifications(
            session=s, today=self.today()))
        if not ok or counts is None:
            return
        self.overdue = counts["overdue"]
        index = self.pages.indexOf(self.ledger_panel)
        title = self.tr("整改台账（逾期 {n}）").format(n=self.overdue) if self.overdue \
            else self.tr("整改台账")
        self.pages.setTabText(index, title)

    def refresh(self) -> None:
        self.friday_panel.refresh()
        self.ledger_panel.refresh()
        self.duty_panel.refresh()
        self.update_titles()

    # printing (the tab's own printouts, `printing`) ----------------------------------
    def print_inspection(self, inspection_id: int) -> None:
        printing.print_inspection(self, self.db, inspection_id, now=self.clock.now)

    def print_rectification_notices(self) -> None:
        printing.print_rectification_notices(self, self.db, now=self.clock.now)

    def print_rectification_ledger(self) -> None:
        printing.print_rectification_ledger(self, self.db, now=self.clock.now)

    def print_duty_log(self, day: date) -> None:
        printing.print_duty_log(self, self.db, day, now=self.clock.now)
