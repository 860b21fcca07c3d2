"""The 整改台账 (rectification ledger) page of the 周五检查 tab (DESIGN §1.5; issue 5 §4).

Every rectification item from every source — the Friday inspection's 不合格
items and problems entered by hand (a survey, a superior's inspection) —
with filters by status (未销号 = 待整改 + 已整改待复查), department, source,
the period the problem was found in and 只看逾期. Overdue items (still 待整改
after the deadline, as of `today`) are red. The buttons take an item through
待整改 → 已整改待复查 → 已销号; closing is only through a re-check (复查) by a
named person, so there is no other way to close. Printing is wired by the
main window through `print_ledger_requested` and `print_notices_requested`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QLabel, QPushButton, QWidget,
)

from desktop_app.db.database import Database
from desktop_app.db.services.work_calendar import load_work_calendar
from desktop_app.db.services.departments import (
    DepartmentRow, StaffRole, list_departments, list_staff,
)
from desktop_app.records.rectification_rows import (
    RectificationDetail, RectificationFilter, RectificationRow,
)
from desktop_app.db.services.rectifications import (
    add_rectification, mark_rectified, recheck_rectification, update_rectification_plan,
)
from desktop_app.db.services.rectifications_query import (
    count_rectifications, get_rectification, list_rectifications,
)
from desktop_app.db.services.settings import get_settings
from desktop_app.db.tx import Actor
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.rectification import (
    RECTIFICATION_SOURCE_LABELS, RECTIFICATION_STATUS_LABELS, RectificationStatus,
    RectificationStep, can_edit_plan, default_deadline, next_status,
)
from desktop_app.ui.widgets.inputs import date_edit, from_qdate, set_filter_items
from desktop_app.ui.widgets.errors import show_error
from desktop_app.ui.inspections.ledger_model import RectificationTableModel
from desktop_app.ui.inspections.rectification_dialogs import (
    PlanDialog, RecheckDialog, RectificationDetailDialog, RectificationDialog, RectifiedDialog,
)
from desktop_app.ui.widgets.service import call_service, saver
from desktop_app.ui.widgets.list_page import ListPage

ALL = "全部"
OPEN = "open"  # the status filter's 未销号
PERIODS = (("全部时间", ""), ("本月", "month"), ("上月", "last_month"), ("今年", "year"),
           ("自定义", "custom"))
COLUMN_WIDTHS = (86, 92, 300, 320, 130, 170, 100)
STRETCH_COLUMN = 2
LEGEND = ("<span style='background:#f8d7da;'>&nbsp;红色&nbsp;</span> 已逾期　"
          "<span style='background:#fff3cd;'>&nbsp;黄色&nbsp;</span> 今天到期　"
          "<span style='color:#757575;'>灰字</span> 已销号　"
          "销号须经复查合格；双击一行查看详情和办理经过")


def period_bounds(code: str, today: date) -> tuple[date | None, date | None]:
    """The found-on range of a period code of the filter (custom is handled by the panel)."""
    if code == "month":
        return today.replace(day=1), today
    if code == "last_month":
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    if code == "year":
        return today.replace(month=1, day=1), today
    return None, None


def _combo(width: int, first: str = ALL) -> QComboBox:
    combo = QComboBox()
    combo.addItem(first, None)
    combo.setMinimumWidth(width)
    return combo


class LedgerPanel(ListPage):
    """The rectification ledger: filters, counters, the table and the step buttons."""

    changed = Signal()
    print_ledger_requested = Signal()
    print_notices_requested = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 now: Callable[[], datetime]) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self._now = now
        self.counts: dict[str, int] = {}
        self.departments: list[DepartmentRow] = []

        self.add_button = QPushButton(self.tr("新增整改事项…"))
        self.plan_button = QPushButton(self.tr("修改计划…"))
        self.rectified_button = QPushButton(self.tr("登记已整改…"))
        self.recheck_button = QPushButton(self.tr("复查…"))
        self.detail_button = QPushButton(self.tr("详情"))
        self.notices_button = QPushButton(self.tr("打印整改通知单…"))
        self.print_button = QPushButton(self.tr("打印整改台账…"))
        self.recheck_button.setToolTip(self.tr("已整改的事项经复查：合格销号，不合格退回整改"))

        self.status_combo = _combo(110)
        self.status_combo.addItem(self.tr("未销号"), OPEN)
        for status, label in RECTIFICATION_STATUS_LABELS.items():
            self.status_combo.addItem(label, status.value)
        self.department_combo = _combo(110)
        self.source_combo = _combo(100)
        for source, label in RECTIFICATION_SOURCE_LABELS.items():
            self.source_combo.addItem(label, source.value)
        self.period_combo = QComboBox()
        for label, code in PERIODS:
            self.period_combo.addItem(label, code)
        first = self.today().replace(month=1, day=1)
        self.start_edit = date_edit(first)
        self.end_edit = date_edit(self.today())
        self.to_label = QLabel(self.tr("至"))
        self.overdue_check = QCheckBox(self.tr("只看逾期"))
        self.count_label = self.make_count_label()

        self.make_list(RectificationTableModel(self), COLUMN_WIDTHS, STRETCH_COLUMN)  # overdue, today
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicatorShown(False)
        self.arrange(
            self.toolbar((self.add_button, self.plan_button, self.rectified_button,
                          self.recheck_button, self.detail_button),
                         (self.notices_button, self.print_button)),
            self.filter_row((
                (self.tr("状态"), self.status_combo), 6,
                (self.tr("责任科室"), self.department_combo), 6,
                (self.tr("来源"), self.source_combo), 6,
                (self.tr("发现日期"), self.period_combo), 6,
                self.start_edit, self.to_label, self.end_edit, 6, self.overdue_check,
            ), self.count_label),
            self.legend(self.tr(LEGEND)))

        self.add_button.clicked.connect(lambda: self.add_item())
        self.plan_button.clicked.connect(lambda: self.edit_plan())
        self.rectified_button.clicked.connect(lambda: self.mark_rectified())
        self.recheck_button.clicked.connect(lambda: self.recheck())
        self.detail_button.clicked.connect(lambda: self.show_detail())
        self.notices_button.clicked.connect(self.print_notices_requested)
        self.print_button.clicked.connect(self.print_ledger_requested)
        for combo in (self.status_combo, self.department_combo, self.source_combo):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.period_combo.currentIndexChanged.connect(lambda _i: self._period_changed())
        self.start_edit.dateChanged.connect(lambda _d: self.refresh())
        self.end_edit.dateChanged.connect(lambda _d: self.refresh())
        self.overdue_check.toggled.connect(lambda _c: self.refresh())
        self.view.doubleClicked.connect(self._double_clicked)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._period_changed()

    # state ----------------------------------------------------------------------------
    def today(self) -> date:
        return self._now().date()

    def current_filter(self) -> RectificationFilter:
        """The filters as the service takes them (and the printouts may reuse)."""
        status = self.status_combo.currentData()
        code = self.period_combo.currentData()
        if code == "custom":
            start, end = from_qdate(self.start_edit.date()), from_qdate(self.end_edit.date())
        else:
            start, end = period_bounds(code, self.today())
        return RectificationFilter(
            status=status if status not in (None, OPEN) else None,
            open_only=status == OPEN,
            department_id=self.department_combo.currentData(),
            source_kind=self.source_combo.currentData(),
            overdue_only=self.overdue_check.isChecked(),
            start=start, end=end,
        )

    def set_status_filter(self, status: str | None) -> None:
        """Show items of one status: a RectificationStatus code, "open" (未销号) or None (全部)."""
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(status)))

    def visible_rows(self) -> list[RectificationRow]:
        return self.model.rows()

    def selected_item(self) -> RectificationRow | None:
        return self.selected()

    def select_item(self, item_id: int) -> bool:
        return self.select_key(item_id)

    # loading --------------------------------------------------------------------------
    def _period_changed(self) -> None:
        custom = self.period_combo.currentData() == "custom"
        for widget in (self.start_edit, self.to_label, self.end_edit):
            widget.setVisible(custom)
        self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        """Query again with the current filters as of today; keep (or move) the selection."""
        super().refresh(select_id)

    def load(self) -> list[RectificationRow] | None:
        filters, today = self.current_filter(), self.today()

        def load(session):
            return (list_rectifications(session=session, filters=filters, today=today),
                    count_rectifications(session=session, today=today),
                    list_departments(session=session))

        ok, result = call_service(self, self.db, load)
        if not ok or result is None:
            return None
        rows, counts, departments = result
        self.departments = departments
        set_filter_items(self.department_combo, [
            (d.name, d.id) for d in departments
            if d.active or d.id == self.department_combo.currentData()], ALL)
        self.counts = counts
        return rows

    def loaded(self, rows: list[RectificationRow]) -> None:
        self.count_label.setText(self.tr(
            "待整改 {pending} 项（逾期 {overdue}）· 待复查 {rectified} 项 · 本表 {shown} 项").format(
                shown=len(rows), **self.counts))
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.selected_item()
        status = row.status if row is not None else None
        self.plan_button.setEnabled(status is not None and can_edit_plan(status))
        self.rectified_button.setEnabled(status == RectificationStatus.pending)
        self.recheck_button.setEnabled(status == RectificationStatus.rectified)
        self.detail_button.setEnabled(row is not None)

    # actions --------------------------------------------------------------------------
    def _saver(self, service: Callable[..., Any], **fixed: Any) -> Callable[..., Any]:
        """`save(**values)` for a dialog: the service in one short session; a locked or full
        database becomes a StorageError (the calm message), a ValidationError goes to its field."""
        return saver(self.db, self.actor, self._now, service, **fixed)

    def _done(self, item_id: int | None) -> None:
        if item_id is None:
            return
        self.refresh(select_id=item_id)  # selected again unless the filters now hide it
        self.changed.emit()

    def _all_departments(self) -> list[DepartmentRow]:
        ok, departments = call_service(self, self.db, lambda s: list_departments(session=s))
        return list(departments or []) if ok else []

    def add_item(self) -> RectificationRow | None:
        """新增整改事项 for a problem found elsewhere; the new line is selected."""
        today = self.today()

        def defaults(session):
            workdays = get_settings(session=session).rectification_workdays
            return (list_departments(session=session),
                    default_deadline(today, workdays, load_work_calendar(session=session)))

        ok, result = call_service(self, self.db, defaults)
        if not ok or result is None:
            return None
        departments, deadline = result
        row = RectificationDialog.ask(self, departments, today, deadline,
                                      self._saver(add_rectification))
        self._done(row.id if row is not None else None)
        return row

    def edit_plan(self) -> RectificationRow | None:
        item = self.selected_item()
        if item is None:
            return None
        if not can_edit_plan(item.status):
            show_error(self.window(), ValidationError(
                "status", "只有“待整改”的事项可以修改整改计划"))
            return None
        row = PlanDialog.ask(self, item, self._all_departments(),
                             self._saver(update_rectification_plan, item_id=item.id))
        self._done(row.id if row is not None else None)
        return row

    def _refuse_step(self, item: RectificationRow, step: RectificationStep) -> bool:
        """True (after saying why) if `step` is out of order for the item."""
        try:
            next_status(item.status, step)
        except ValidationError as exc:
            show_error(self.window(), exc)
            return True
        return False

    def mark_rectified(self) -> RectificationRow | None:
        """登记已整改 for the selected 待整改 item."""
        item = self.selected_item()
        if item is None or self._refuse_step(item, RectificationStep.rectify):
            return None
        row = RectifiedDialog.ask(self, item, self._now(),
                                  self._saver(mark_rectified, item_id=item.id))
        self._done(row.id if row is not None else None)
        return row

    def recheck(self) -> RectificationDetail | None:
        """复查 the selected item; offered (and accepted) only once it is reported done."""
        item = self.selected_item()
        if item is None or self._refuse_step(item, RectificationStep.recheck_pass):
            return None
        names = self._recheck_names()
        detail = RecheckDialog.ask(self, item, self.today(), names,
                                   self._saver(recheck_rectification, item_id=item.id),
                                   self.actor.display_name)
        self._done(detail.row.id if detail is not None else None)
        return detail

    def _recheck_names(self) -> list[str]:
        """Who usually re-checks: the leaders, the union chair, the office, then everyone else."""
        ok, staff = call_service(self, self.db, lambda s: list_staff(session=s,
                                                                     include_inactive=False))
        if not ok or staff is None:
            return [self.actor.display_name]
        first = (StaffRole.leader, StaffRole.union_chair, StaffRole.duty_director,
                 StaffRole.office_member)
        ranked = sorted(staff, key=lambda s: next(
            (i for i, role in enumerate(first) if role in s.roles), len(first)))
        return [self.actor.display_name] + [s.name for s in ranked]

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.show_detail(self.model.row_at(index.row()).id)

    def load_detail(self, item_id: int) -> RectificationDetail | None:
        ok, detail = call_service(self, self.db, lambda s: get_rectification(
            session=s, item_id=item_id, today=self.today()))
        return detail if ok else None

    def show_detail(self, item_id: int | None = None) -> RectificationDetail | None:
        """详情: the item with its steps and history (the selected one by default)."""
        if item_id is None:
            item = self.selected_item()
            if item is None:
                return None
            item_id = item.id
        detail = self.load_detail(item_id)
        if detail is not None:
            RectificationDetailDialog.show_detail(self, detail)
        return detail
