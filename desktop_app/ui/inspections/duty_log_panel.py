"""The 值班日志 page of the 周五检查 tab (DESIGN §1.6; seed 004 §三(一)5 值班院长行政总值班).

A day picker (today by default) and the day's duty director (值班院长): 建立日志
creates the day's log, or corrects the name. The day's entries — time, kind
(咨询 / 接待 / 投诉处理 / 科室督导 / 后勤保障 / 其他), content, result — are
added, corrected or deleted; 转为诉求登记… opens the complaints tab's
registration form filled from the entry, and from then on the entry shows
the matter's serial, is no longer edited, and 查看诉求 opens the matter (both
windows of the 投诉登记 tab, reached through the navigator). The
recent days' logs are listed on the left to jump to. Writing needs the
duty director's (or the office director's) account; others only read.

The page's widgets are laid out in `duty_log_widgets`; the table models and
text helpers are in `duty_log_models`, the entry form in `duty_entry_dialog`
(all re-exported here).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

import shiboken6
from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QVBoxLayout, QWidget

from desktop_app.db.database import Database
from desktop_app.db.services.departments import StaffRole, list_staff
from desktop_app.db.services.duty_log import (
    add_duty_entry, delete_duty_entry, duty_entry_matter_prefill, get_duty_log, list_duty_logs,
    open_duty_log, update_duty_entry,
)
from desktop_app.records.inspection_rows import DutyEntryRow, DutyLogDetail
from desktop_app.records.matter_rows import MatterRow
from desktop_app.db.tx import Actor
from desktop_app.domain.roles import Permission, Role, allows
from desktop_app.ui.widgets.inputs import from_qdate, to_qdate
from desktop_app.ui.inspections.duty_entry_dialog import DutyEntryDialog, Save
from desktop_app.ui.inspections.duty_log_models import (
    LINKED_BRUSH, WEEKDAYS, DutyEntryTableModel, DutyLogDaysModel, entry_time_text, kind_label,
    weekday_text,
)
from desktop_app.ui.inspections.duty_log_widgets import (
    DAY_WIDTHS, ENTRY_WIDTHS, NO_LOG_NOTE, READ_ONLY_NOTE, RECENT_DAYS, DutyLogWidgets,
)
from desktop_app.ui.navigation import Navigator
from desktop_app.ui.widgets.service import call_service, saver
from desktop_app.ui.widgets.tables import select_row, selected_row

__all__ = [  # the models, the entry form and the helpers are re-exported from their modules
    "DAY_WIDTHS", "ENTRY_WIDTHS", "LINKED_BRUSH", "NO_LOG_NOTE", "READ_ONLY_NOTE", "RECENT_DAYS",
    "WEEKDAYS", "DutyEntryDialog", "DutyEntryTableModel", "DutyLogDaysModel", "DutyLogDialog",
    "DutyLogPanel", "Save", "entry_time_text", "kind_label", "weekday_text",
]


def _confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask yes/no; tests replace this function."""
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


# --- the page -------------------------------------------------------------------------------


class DutyLogPanel(DutyLogWidgets):
    """A day's duty log with its entries, and the recent days to jump to."""

    print_duty_log_requested = Signal(object)  # date
    matter_registered = Signal(int)
    changed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 now: Callable[[], datetime], navigator: Navigator | None = None) -> None:
        super().__init__(parent, today=now().date(),
                         can_write=allows(actor.role, Permission.record_inspection))
        self.db, self.actor = db, actor
        self._now = now
        # a matter shown from here leads back to this page (not a duty-log window)
        self.navigator = (navigator or Navigator()).overriding(
            open_duty_log_day=lambda _nav, day, entry_id, _parent: self.show_day(day, entry_id))
        self.log: DutyLogDetail | None = None
        self._shown_day: date | None = None
        self.matter_dialog: QDialog | None = None

        self.day_edit.dateChanged.connect(lambda _d: self.refresh())
        self.previous_button.clicked.connect(lambda: self.show_day(self.day() - timedelta(days=1)))
        self.next_button.clicked.connect(lambda: self.show_day(self.day() + timedelta(days=1)))
        self.today_button.clicked.connect(lambda: self.show_day(self.today()))
        self.open_button.clicked.connect(lambda: self.open_log())
        self.director_combo.lineEdit().returnPressed.connect(lambda: self.open_log())
        self.add_button.clicked.connect(lambda: self.add_entry())
        self.edit_button.clicked.connect(lambda: self.edit_entry())
        self.delete_button.clicked.connect(lambda: self.delete_entry())
        self.register_button.clicked.connect(lambda: self.register_matter())
        self.matter_button.clicked.connect(lambda: self.open_matter())
        self.print_button.clicked.connect(lambda: self.print_duty_log_requested.emit(self.day()))
        self.view.doubleClicked.connect(self._double_clicked)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.days_view.clicked.connect(self._day_clicked)
        self._load_names()
        self.refresh()

    # state ----------------------------------------------------------------------------
    def today(self) -> date:
        return self._now().date()

    def day(self) -> date:
        """The day shown (the date picker)."""
        return from_qdate(self.day_edit.date())

    def entries(self) -> list[DutyEntryRow]:
        return self.model.rows()

    def selected_entry(self) -> DutyEntryRow | None:
        row = selected_row(self.view)
        return self.model.row_at(row) if row >= 0 else None

    def select_entry(self, entry_id: int) -> bool:
        row = self.model.row_of(entry_id)
        select_row(self.view, row)
        return row >= 0

    def show_day(self, day: date, entry_id: int | None = None) -> None:
        """Show the log of `day` (not after today), with one entry selected if given."""
        day = min(day, self.today())
        self.day_edit.setMaximumDate(to_qdate(self.today()))
        if day != self.day():
            self.day_edit.blockSignals(True)
            self.day_edit.setDate(to_qdate(day))
            self.day_edit.blockSignals(False)
        self.refresh(select_id=entry_id)

    # loading --------------------------------------------------------------------------
    def _load_names(self) -> None:
        """Suggest the hospital leaders and earlier duty directors as 值班院长."""
        today = self.today()

        def load(session):
            staff = list_staff(session=session, include_inactive=False)
            logs = list_duty_logs(session=session, start=today - timedelta(days=365), end=today)
            return staff, logs

        ok, result = call_service(self, self.db, load)
        names: list[str] = []
        if self.actor.role == Role.duty_director:
            names.append(self.actor.display_name)
        if ok and result is not None:
            staff, logs = result
            names += [s.name for s in staff
                      if StaffRole.leader in s.roles or StaffRole.duty_director in s.roles]
            names += [log.director for log in reversed(logs)]
        self.director_combo.blockSignals(True)
        self.director_combo.clear()
        self.director_combo.addItems(list(dict.fromkeys(n for n in names if n)))
        self.director_combo.blockSignals(False)

    def refresh(self, select_id: int | None = None) -> None:
        """Load the shown day's log and the recent days' list again."""
        current = self.selected_entry()
        keep = select_id if select_id is not None else (current.id if current else None)
        day, today = self.day(), self.today()
        self.errors.clear()

        def load(session):
            return (get_duty_log(session=session, day=day),
                    list_duty_logs(session=session, start=today - timedelta(days=RECENT_DAYS - 1),
                                   end=today))

        ok, result = call_service(self, self.db, load)
        if not ok or result is None:
            return
        log, days = result
        day_changed, self._shown_day = self._shown_day != day, day
        self.log = log
        self.model.set_day(day, log.entries if log is not None else ())
        if log is not None:
            self.director_combo.setCurrentText(log.director)
        elif day_changed:  # a name typed for this day stays until the day changes
            default = self.actor.display_name if self.actor.role == Role.duty_director else ""
            self.director_combo.setCurrentText(default)
        self.days_model.set_rows(sorted(days, key=lambda d: d.day, reverse=True))
        self.days_view.clearSelection()
        if log is not None:
            select_row(self.days_view, self.days_model.row_of(log.id))
        if keep is not None:
            select_row(self.view, self.model.row_of(keep))
        self._update_state()
        self._update_buttons()

    def _update_state(self) -> None:
        log = self.log
        self.note.setVisible(log is None and self.can_write)
        self.open_button.setText(self.tr("建立日志") if log is None else self.tr("更正值班院长"))
        if log is None:
            self.state_label.setText(self.tr("{0}：未建立日志").format(weekday_text(self.day())))
        else:
            matters = sum(1 for e in log.entries if e.linked)
            text = self.tr("{0}　共 {1} 条记录").format(weekday_text(log.day), len(log.entries))
            if matters:
                text += self.tr("，{0} 条已转诉求").format(matters)
            self.state_label.setText(text)
        self.next_button.setEnabled(self.day() < self.today())

    def _update_buttons(self) -> None:
        entry = self.selected_entry()
        has_log = self.log is not None
        writable = self.can_write and entry is not None and not entry.linked
        self.open_button.setEnabled(self.can_write)
        self.director_combo.setEnabled(self.can_write)
        self.add_button.setEnabled(self.can_write and has_log)
        self.edit_button.setEnabled(writable)
        self.delete_button.setEnabled(writable)
        self.register_button.setEnabled(entry is not None and not entry.linked)
        self.matter_button.setEnabled(entry is not None and entry.linked)
        self.print_button.setEnabled(has_log)

    # actions --------------------------------------------------------------------------
    def _saver(self, service: Callable[..., Any], **fixed: Any) -> Callable[..., Any]:
        return saver(self.db, self.actor, self._now, service, **fixed)

    def open_log(self) -> DutyLogDetail | None:
        """建立日志 for the shown day, or correct its duty director's name."""
        day, director = self.day(), self.director_combo.currentText()
        ok, log = call_service(self, self.db, lambda s: open_duty_log(
            session=s, actor=self.actor, day=day, director=director, now=self._now()),
            self.errors)
        if not ok or log is None:
            return None
        self._load_names()  # the new name is suggested from now on
        self.refresh()
        self.changed.emit()
        return log

    def _default_time(self) -> datetime:
        now = self._now().replace(second=0, microsecond=0)
        day = self.day()
        return now if now.date() == day else datetime.combine(day, time(9, 0))

    def add_entry(self) -> DutyEntryRow | None:
        if self.log is None:
            return None
        row = DutyEntryDialog.ask(self, self.log.day, self._default_time(),
                                  self._saver(add_duty_entry, log_id=self.log.id))
        return self._entry_saved(row)

    def edit_entry(self) -> DutyEntryRow | None:
        entry = self.selected_entry()
        if entry is None or self.log is None or entry.linked:
            return None
        row = DutyEntryDialog.ask(self, self.log.day, entry.at,
                                  self._saver(update_duty_entry, entry_id=entry.id), entry)
        return self._entry_saved(row)

    def _entry_saved(self, row: DutyEntryRow | None) -> DutyEntryRow | None:
        if row is not None:
            self.refresh(select_id=row.id)
            self.changed.emit()
        return row

    def delete_entry(self) -> bool:
        entry = self.selected_entry()
        if entry is None or entry.linked:
            return False
        text = self.tr("删除 {0} 的这条{1}记录？").format(
            entry_time_text(entry, self.day()), kind_label(entry.kind))
        if not _confirm(self, self.tr("删除值班记录"), text):
            return False
        ok, _ = call_service(self, self.db, lambda s: delete_duty_entry(
            session=s, actor=self.actor, entry_id=entry.id, now=self._now()))
        if ok:
            self.refresh()
            self.changed.emit()
        return ok

    def register_matter(self) -> MatterRow | None:
        """转为诉求登记: the registration form filled from the entry; the matter links back."""
        entry = self.selected_entry()
        if entry is None or entry.linked:
            return None

        ok, prefill = call_service(self, self.db, lambda s: duty_entry_matter_prefill(
            session=s, entry_id=entry.id))
        if not ok or prefill is None:
            return None
        row = self.navigator.register_matter(prefill, self)
        if row is not None:
            self.refresh(select_id=entry.id)
            self.changed.emit()
            self.matter_registered.emit(row.id)
        return row

    def open_matter(self, entry_id: int | None = None) -> QDialog | None:
        """Show the matter registered from the entry (modeless, beside the log)."""
        entry = self.selected_entry() if entry_id is None else next(
            (e for e in self.entries() if e.id == entry_id), None)
        if entry is None or entry.matter_id is None:
            return None
        if self.matter_dialog is not None and shiboken6.isValid(self.matter_dialog):
            self.matter_dialog.close()
        self.matter_dialog = self.navigator.open_matter(entry.matter_id, self)
        return self.matter_dialog

    def _double_clicked(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        self.select_entry(self.model.row_at(index.row()).id)
        entry = self.selected_entry()
        if entry is not None and entry.linked:
            self.open_matter()
        elif self.can_write:
            self.edit_entry()

    def _day_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.show_day(self.days_model.row_at(index.row()).day)


class DutyLogDialog(QDialog):
    """The duty log in a window of its own: where a matter's link back leads when the
    window showing the matter has no 值班日志 page of its own to switch to."""

    def __init__(self, parent: QWidget | None, db: Database, actor: Actor, day: date,
                 entry_id: int | None = None, *, now: Callable[[], datetime],
                 navigator: Navigator | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("值班日志"))
        self.resize(1200, 640)
        self.panel = DutyLogPanel(db, actor, self, now=now, navigator=navigator)
        QVBoxLayout(self).addWidget(self.panel)
        self.panel.show_day(day, entry_id)

    @classmethod
    def open(cls, parent: QWidget | None, db: Database, actor: Actor, day: date,
             entry_id: int | None = None, *, now: Callable[[], datetime],
             navigator: Navigator | None = None) -> None:
        dialog = cls(parent, db, actor, day, entry_id, now=now, navigator=navigator)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
