"""The Friday calendar of the 周五检查 tab (DESIGN §1.5; seed 004 §三(一)4).

Every Friday of the chosen period (default: the last three months to four
weeks ahead) with its state against today — 已检查, 记录未完成, 本周待检查, 未到,
已漏检 (red; this week's yellow) — its leader, 不合格 items and the rectification
items still open. From here the duty director records (starts or continues) the
inspection, moves a holiday Friday to another day with a note, opens a record to
view or print it, and edits the checklist template.
"""

from __future__ import annotations

import calendar as month_calendar
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget,
)

from desktop_app.db.database import Database
from desktop_app.db.services.work_calendar import load_work_calendar
from desktop_app.records.inspection_rows import FridayRow
from desktop_app.db.services.inspections import (
    cancel_move, discard_draft, move_friday, start_inspection,
)
from desktop_app.db.services.inspections_query import friday_schedule
from desktop_app.db.tx import Actor
from desktop_app.domain.inspections import FridayState, InspectionStatus
from desktop_app.domain.roles import Permission, allows
from desktop_app.domain.workdays import WorkCalendar
from desktop_app.ui.widgets.inputs import date_edit, from_qdate, text_box, to_qdate
from desktop_app.ui.inspections.inspection_parts import fmt_day
from desktop_app.ui.widgets.forms import FormDialog
from desktop_app.ui.widgets.service import call_service
from desktop_app.ui.widgets.list_page import ListPage
from desktop_app.ui.widgets.tables import RowTableModel
from desktop_app.ui.widgets.labels import note_label
from desktop_app.ui.inspections.inspection_form import InspectionDialog
from desktop_app.ui.inspections.template_dialog import TemplateDialog

Index = QModelIndex | QPersistentModelIndex

HEADERS = ("检查日期", "状态", "分工院长", "不合格项", "未销号整改", "说明")
COLUMN_WIDTHS = (190, 110, 110, 80, 90)
NOTE_COLUMN = 5
MISSED_BRUSH = QBrush(QColor("#f8d7da"))
THIS_WEEK_BRUSH = QBrush(QColor("#fff3cd"))
STATE_COLOURS = {FridayState.done: "#2e7d32", FridayState.draft: "#1565c0",
                 FridayState.missed: "#c62828", FridayState.this_week: "#8a6d00",
                 FridayState.upcoming: "#616161"}
CENTER = Qt.AlignmentFlag.AlignCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
MONTHS_BACK = 3
WEEKS_AHEAD = 4


def _confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask yes/no; tests replace this function."""
    return QMessageBox.question(parent, title, text) == QMessageBox.StandardButton.Yes


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the month's last day if it is shorter)."""
    year, month0 = divmod(day.month - 1 - months, 12)
    year += day.year
    last = month_calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def default_period(today: date) -> tuple[date, date]:
    """The last three months to four weeks ahead."""
    return months_before(today, MONTHS_BACK), today + timedelta(weeks=WEEKS_AHEAD)


def suggested_day(friday: date, calendar: WorkCalendar) -> date:
    """Where to move a holiday Friday: the first working day after it within the week ahead,
    else the last one before it; the Thursday if the calendar knows none."""
    for n in (*range(1, 7), *range(-1, -7, -1)):
        day = friday + timedelta(days=n)
        if calendar.is_workday(day):
            return day
    return friday - timedelta(days=1)


def note_text(row: FridayRow) -> str:
    """The 说明 column: the move and its note, a holiday hint, an inspection on another day."""
    parts = []
    if row.moved:
        parts.append(f"原定 {row.friday:%m-%d}（周五）改期：{row.move_note}")
    elif row.on_holiday and row.state != FridayState.done:
        parts.append("法定节假日，可调整检查日期")
    if row.inspected_on is not None and row.inspected_on != row.due_day:
        parts.append(f"实际检查于 {fmt_day(row.inspected_on)}")
    if row.state == FridayState.draft:
        parts.append("草稿未签字")
    return "；".join(parts)


def cells(row: FridayRow) -> tuple[str, ...]:
    recorded = row.inspection_id is not None
    signed = row.inspection_status == InspectionStatus.signed
    return (
        fmt_day(row.due_day) + ("  改期" if row.moved else ""),
        row.state_label,
        row.leader,
        str(row.failed_items) if recorded else "",
        str(row.open_rectifications) if signed else "",
        note_text(row),
    )


class FridayTableModel(RowTableModel[FridayRow]):
    """Read-only rows of the Friday calendar; `friday_at(row)` gives the FridayRow."""

    HEADERS = HEADERS

    def cells(self, row: FridayRow) -> tuple[str, ...]:
        return cells(row)

    def friday_at(self, row: int) -> FridayRow:
        return self.row_at(row)

    def row_of(self, friday: date) -> int:
        return self.find(lambda r: r.friday == friday)

    def alignment(self, column: int) -> Qt.AlignmentFlag:
        return LEFT if column in (0, NOTE_COLUMN) else CENTER

    def tooltip(self, row: FridayRow, column: int) -> str | None:
        return note_text(row) or None

    def background(self, row: FridayRow) -> QBrush | None:
        if row.state == FridayState.missed:
            return MISSED_BRUSH
        if row.state == FridayState.this_week:
            return THIS_WEEK_BRUSH
        return None

    def foreground(self, row: FridayRow, column: int) -> QBrush | None:
        if column == 1:
            return QBrush(QColor(STATE_COLOURS[FridayState(row.state)]))
        if column in (3, 4) and cells(row)[column] not in ("", "0"):
            return QBrush(QColor("#c62828"))
        return None


class MoveDialog(FormDialog):
    """调整检查日期: a Friday's inspection to another day of its week, with the reason."""

    def __init__(self, parent: QWidget | None, row: FridayRow, suggested: date,
                 save: Callable[[date, str], FridayRow]) -> None:
        super().__init__(parent, self.tr("调整检查日期"))
        self.setMinimumWidth(480)
        self._save = save
        holiday = self.tr("（法定节假日）") if row.on_holiday else ""
        self.form.addRow(note_label(self.tr(
            "周五遇节假日等情况，可把本周的检查改到前后一周内的另一天，须写明原因。"
            "改期后按新日期判断是否漏检。")))
        self.friday_label = QLabel(fmt_day(row.friday) + holiday)
        self.add_row(self.tr("原定日期"), self.friday_label, "friday")
        self.day_edit = date_edit(row.due_day if row.moved else suggested)
        self.day_edit.setDateRange(to_qdate(row.friday - timedelta(days=6)),
                                   to_qdate(row.friday + timedelta(days=6)))
        self.weekday_label = QLabel()
        day_row = QWidget()
        day_layout = QHBoxLayout(day_row)
        day_layout.setContentsMargins(0, 0, 0, 0)
        day_layout.addWidget(self.day_edit)
        day_layout.addWidget(self.weekday_label, 1)
        self.add_row(self.tr("改到"), day_row, "new_day")
        self.note_edit = text_box(self.tr("如：国庆节放假，顺延至节后第一个工作日"), 56)
        self.note_edit.setPlainText(row.move_note)
        self.add_row(self.tr("改期原因"), self.note_edit, "note")
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertStretch(1, 1)  # extra height below the fields, not between them
        self.day_edit.dateChanged.connect(lambda _d: self._show_weekday())
        self._show_weekday()

    def _show_weekday(self) -> None:
        self.weekday_label.setText(fmt_day(self.new_day)[10:])

    @property
    def new_day(self) -> date:
        return from_qdate(self.day_edit.date())

    @property
    def note(self) -> str:
        return self.note_edit.toPlainText()

    def submit(self) -> FridayRow:
        return self._save(self.new_day, self.note)

    @classmethod
    def ask(cls, parent: QWidget | None, row: FridayRow, suggested: date,
            save: Callable[[date, str], FridayRow]) -> FridayRow | None:
        return cls._run(cls(parent, row, suggested, save))


class FridayPanel(ListPage):
    """The Friday calendar with its actions (record, move, view/print, template)."""

    print_inspection_requested = Signal(int)
    changed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 now: Callable[[], datetime]) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self._now = now

        self.record_button = QPushButton(self.tr("记录检查…"))
        self.move_button = QPushButton(self.tr("调整日期…"))
        self.unmove_button = QPushButton(self.tr("取消调整"))
        self.view_button = QPushButton(self.tr("查看/打印…"))
        self.template_button = QPushButton(self.tr("检查表模板…"))
        start, end = default_period(self.today())
        self.start_edit = date_edit(start)
        self.end_edit = date_edit(end)
        self.reset_button = QPushButton(self.tr("默认范围"))
        self.reset_button.setToolTip(self.tr("近三个月至未来四周"))
        self.summary_label = self.make_count_label()

        self.make_list(FridayTableModel(self), COLUMN_WIDTHS, NOTE_COLUMN)  # missed, this week
        self.arrange(
            self.toolbar((self.record_button, self.move_button, self.unmove_button,
                          self.view_button, self.template_button)),
            self.filter_row(((self.tr("期间"), self.start_edit), (self.tr("至"), self.end_edit),
                             self.reset_button, 12), self.summary_label, count_stretches=True),
            self.legend(self.tr(
                "<span style='background:#f8d7da;'>&nbsp;红色&nbsp;</span> 已漏检　"
                "<span style='background:#fff3cd;'>&nbsp;黄色&nbsp;</span> 本周待检查　"
                "每周五下午由分工院长、工会主席带队检查；遇节假日可调整日期。双击一行打开检查记录"),
                wrap=True))

        self.record_button.clicked.connect(lambda: self.record_selected())
        self.move_button.clicked.connect(lambda: self.move_selected())
        self.unmove_button.clicked.connect(lambda: self.cancel_move_selected())
        self.view_button.clicked.connect(lambda: self.view_selected())
        self.template_button.clicked.connect(lambda: self.edit_template())
        self.reset_button.clicked.connect(self.reset_period)
        self.start_edit.dateChanged.connect(lambda _d: self.refresh())
        self.end_edit.dateChanged.connect(lambda _d: self.refresh())
        self.view.doubleClicked.connect(self._double_clicked)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.refresh()

    # state ------------------------------------------------------------------------------------
    def today(self) -> date:
        return self._now().date()

    @property
    def can_record(self) -> bool:
        return allows(self.actor.role, Permission.record_inspection)

    def period(self) -> tuple[date, date]:
        return from_qdate(self.start_edit.date()), from_qdate(self.end_edit.date())

    def set_period(self, start: date, end: date) -> None:
        for edit, day in ((self.start_edit, start), (self.end_edit, end)):
            edit.blockSignals(True)
            edit.setDate(to_qdate(day))
            edit.blockSignals(False)
        self.refresh()

    def reset_period(self) -> None:
        self.set_period(*default_period(self.today()))

    def selected_friday(self) -> FridayRow | None:
        return self.selected()

    def select_friday(self, friday: date) -> bool:
        return self.select_key(friday)

    def rows(self) -> list[FridayRow]:
        return self.model.rows()

    def row_key(self, row: FridayRow) -> date:
        return row.friday

    # loading ----------------------------------------------------------------------------------
    def load(self) -> list[FridayRow] | None:
        """The schedule of the period, as of today (`refresh` keeps or moves the selection)."""
        start, end = self.period()
        today = self.today()
        ok, rows = call_service(self, self.db, lambda s: friday_schedule(
            session=s, start=start, end=end, today=today))
        return rows if ok and rows is not None else None

    def fallback_key(self, rows: Sequence[FridayRow]) -> date | None:
        """No selection kept: this week's Friday (or the next), else the last one."""
        today = self.today()
        this_week = [r.friday for r in rows if r.friday >= today - timedelta(days=today.weekday())]
        return this_week[0] if this_week else (rows[-1].friday if rows else None)

    def loaded(self, rows: Sequence[FridayRow]) -> None:
        self.summary_label.setText(self.summary_text(rows))
        self._update_buttons()

    @staticmethod
    def summary_text(rows: Sequence[FridayRow]) -> str:
        counts = {state: sum(1 for r in rows if r.state == state) for state in FridayState}
        text = (f"共 {len(rows)} 个周五：已检查 {counts[FridayState.done]}，"
                f"记录未完成 {counts[FridayState.draft]}，已漏检 {counts[FridayState.missed]}")
        open_items = sum(r.open_rectifications for r in rows)
        if open_items:
            text += f"；未销号整改 {open_items} 项"
        return text

    def _update_buttons(self) -> None:
        row = self.selected_friday()
        done = row is not None and row.state == FridayState.done
        recordable = row is not None and self.can_record and not done
        self.record_button.setEnabled(recordable)
        self.move_button.setEnabled(recordable)
        self.unmove_button.setEnabled(recordable and row is not None and row.moved)
        self.view_button.setEnabled(row is not None and row.inspection_id is not None)

    # actions ----------------------------------------------------------------------------------
    def _double_clicked(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        row = self.model.friday_at(index.row())
        if row.inspection_id is not None:
            self.open_inspection(row.inspection_id, row.friday)
        elif self.can_record:
            self.record_selected()

    def record_selected(self) -> bool:
        """记录检查…: continue the Friday's draft, or start one; True if something was saved.

        A draft started here and closed with nothing saved is removed again, so the
        Friday does not show 记录未完成 for an empty record.
        """
        row = self.selected_friday()
        if row is None or not self.can_record or row.state == FridayState.done:
            return False
        if row.inspection_id is not None:
            return self.open_inspection(row.inspection_id, row.friday)
        ok, detail = call_service(self, self.db, lambda s: start_inspection(
            session=s, actor=self.actor, friday=row.friday, now=self._now()))
        if not ok or detail is None:
            return False
        saved = self.open_inspection(detail.id, row.friday)
        if not saved:
            call_service(self, self.db, lambda s: discard_draft(
                session=s, actor=self.actor, inspection_id=detail.id, now=self._now()))
            self.refresh(select=row.friday)
        return saved

    def view_selected(self) -> bool:
        row = self.selected_friday()
        if row is None or row.inspection_id is None:
            return False
        return self.open_inspection(row.inspection_id, row.friday)

    def open_inspection(self, inspection_id: int, friday: date | None = None) -> bool:
        """Open the record's form; True if something was saved (then the list is read again)."""
        saved = InspectionDialog.open(self, self.db, self.actor, inspection_id, self._now,
                                      on_print=self.print_inspection_requested.emit)
        if saved:
            self.refresh(select=friday)
            self.changed.emit()
        return saved

    def move_selected(self) -> FridayRow | None:
        """调整日期…: move the selected Friday to another day of its week, with a note."""
        row = self.selected_friday()
        if row is None or not self.can_record:
            return None
        ok, calendar = call_service(self, self.db, lambda s: load_work_calendar(session=s))
        if not ok or calendar is None:
            return None

        def save(new_day: date, note: str) -> FridayRow:
            with self.db.session() as session:
                return move_friday(session=session, actor=self.actor, friday=row.friday,
                                   new_day=new_day, note=note, now=self._now())

        result = MoveDialog.ask(self, row, suggested_day(row.friday, calendar), save)
        if result is not None:
            self.refresh(select=row.friday)
            self.changed.emit()
        return result

    def cancel_move_selected(self) -> bool:
        """取消调整: the inspection is due on the Friday again."""
        row = self.selected_friday()
        if row is None or not row.moved or not self.can_record:
            return False
        if not _confirm(self, self.tr("取消调整"), self.tr(
                "取消 {0} 的改期（现改在 {1}）？取消后按原定周五判断是否漏检。").format(
                fmt_day(row.friday), fmt_day(row.due_day))):
            return False
        ok, _ = call_service(self, self.db, lambda s: cancel_move(
            session=s, actor=self.actor, friday=row.friday, now=self._now()))
        if ok:
            self.refresh(select=row.friday)
            self.changed.emit()
        return ok

    def edit_template(self) -> bool:
        """检查表模板…: True if a new version was saved."""
        return TemplateDialog.ask(self, self.db, self.actor, self._now) is not None
