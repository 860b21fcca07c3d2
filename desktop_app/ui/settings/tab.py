"""The 设置 tab: a navigation list on the left, one panel per topic on the right."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QStackedWidget, QWidget

from desktop_app.clock import Clock
from desktop_app.db.database import Database
from desktop_app.db.tx import Actor
from desktop_app.domain.roles import Permission, allows
from desktop_app.ui.settings.audit_panel import AuditPanel
from desktop_app.ui.settings.calendar_panel import CalendarPanel
from desktop_app.ui.settings.departments_panel import DepartmentsPanel
from desktop_app.ui.settings.panel import Panel
from desktop_app.ui.settings import printing
from desktop_app.ui.settings.institution_panel import InstitutionPanel
from desktop_app.ui.settings.staff_panel import StaffPanel
from desktop_app.ui.settings.users_panel import UsersPanel

PANEL_TITLES = {
    "institution": "机构信息",
    "departments": "科室",
    "staff": "人员",
    "users": "用户",
    "calendar": "节假日日历",
    "audit": "操作日志",
}


class SettingsTab(QWidget):
    """Settings for the office; `data_changed` fires after every successful save."""

    data_changed = Signal()
    print_liaison_cards_requested = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 clock: Clock) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.clock = clock
        now = clock.now
        self.nav = QListWidget()
        self.nav.setFixedWidth(150)
        self.nav.setSpacing(2)
        self.stack = QStackedWidget()
        self._panels: dict[str, Panel] = {}

        departments = DepartmentsPanel(db, actor, now=now)
        departments.print_liaison_cards_requested.connect(self.print_liaison_cards_requested)
        self.print_liaison_cards_requested.connect(self.print_liaison_cards)
        candidates: list[tuple[str, Panel | None]] = [
            ("institution", InstitutionPanel(db, actor, now=now)),
            ("departments", departments),
            ("staff", StaffPanel(db, actor, now=now)),
            ("users", UsersPanel(db, actor, now=now) if allows(actor.role, Permission.manage_users)
             else None),
            ("calendar", CalendarPanel(db, actor, now=now)),
            ("audit", AuditPanel(db, actor, now=now) if allows(actor.role, Permission.view_audit)
             else None),
        ]
        for name, panel in candidates:
            if panel is None:
                continue
            self._panels[name] = panel
            panel.changed.connect(self.data_changed)
            self.stack.addWidget(panel)
            item = QListWidgetItem(self.tr(PANEL_TITLES[name]))
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._switch)

        layout = QHBoxLayout(self)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.nav.setCurrentRow(0)

    # API ------------------------------------------------------------------------------
    def panel_names(self) -> list[str]:
        """The panels this user sees, in navigation order."""
        return list(self._panels)

    def panel(self, name: str) -> Panel:
        """The panel called `name` (KeyError if it does not exist for this user)."""
        return self._panels[name]

    def current_panel(self) -> str:
        return self.panel_names()[self.stack.currentIndex()]

    def show_panel(self, name: str) -> bool:
        """Switch to a panel ("institution", "departments", "staff", "users", "calendar",
        "audit"); False if this user has no such panel."""
        if name not in self._panels:
            return False
        self.nav.setCurrentRow(self.panel_names().index(name))
        return True

    def show_calendar_year(self, year: int) -> None:
        """Open the calendar at `year` (the main window's banner asks for a missing year)."""
        self.show_panel("calendar")
        calendar = self._panels["calendar"]
        assert isinstance(calendar, CalendarPanel)
        calendar.show_year(year)

    def print_liaison_cards(self) -> None:
        """The 医患连心卡 (the 科室 panel's button, the menu 文件 → 打印医患连心卡…)."""
        printing.print_liaison_cards(self, self.db, now=self.clock.now)

    def refresh(self) -> None:
        """Reload the visible panel (e.g. when the main window shows this tab again)."""
        self._panels[self.current_panel()].refresh()

    def _switch(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        self._panels[self.panel_names()[row]].refresh()
