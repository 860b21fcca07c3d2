"""The 投诉登记 tab: every registered matter, filtered and sorted; register, open, print, remind.

The combos and 只看超期 re-query the service (`list_matters` with a
`MatterFilter`); the text search filters the loaded rows in the proxy, so
typing stays instant with thousands of rows. After every refresh
`overdue_count_changed` carries the number of overdue matters (the main
window puts it in the tab title). The tab prints through its own `printing`
(its `print_*_requested` signals, from its buttons and the detail windows,
lead there); other tabs reach its windows through the navigator (`openers`).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout,
    QWidget,
)

from desktop_app.clock import Clock
from desktop_app.db.database import Database
from desktop_app.db.services.departments import list_departments
from desktop_app.records.matter_rows import MatterFilter, MatterInput, MatterRow
from desktop_app.db.services.matters import count_overdue, list_matters
from desktop_app.db.tx import Actor
from desktop_app.domain.deadlines import REQUEST_TYPE_LABELS
from desktop_app.domain.matters import CATEGORY_LABELS, CHANNEL_LABELS, STATUS_LABELS
from desktop_app.ui.complaints import printing
from desktop_app.ui.complaints.detail_view import MatterDetailDialog
from desktop_app.ui.complaints.openers import matter_window, register_with
from desktop_app.ui.complaints.reminders import RemindersDialog
from desktop_app.ui.complaints.table_model import MatterFilterProxy, MatterTableModel
from desktop_app.ui.navigation import Navigator
from desktop_app.ui.widgets.service import call_service
from desktop_app.ui.widgets.tables import (
    make_table_view, select_row, selected_row, size_list_columns,
)
from desktop_app.ui.widgets.inputs import set_filter_items

ALL = "全部"
COLUMN_WIDTHS = (90, 130, 52, 180, 80, 110, 220, 130, 140)
TARGET_COLUMN = 6


def _combo(items: dict, width: int) -> QComboBox:
    combo = QComboBox()
    combo.addItem(ALL, None)
    for code, label in items.items():
        combo.addItem(label, str(code))
    combo.setMinimumWidth(width)
    return combo


class ComplaintsTab(QWidget):
    """The list of matters with its toolbar and filters."""

    overdue_count_changed = Signal(int)
    matter_registered = Signal(int)
    print_registration_requested = Signal(int)
    print_feedback_requested = Signal(int, int)
    print_daily_requested = Signal()
    print_monthly_requested = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 clock: Clock, navigator: Navigator | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.clock = clock
        self._now = clock.now
        self.navigator = navigator or Navigator()
        self._months: set[tuple[int, int]] = set()
        self._details: dict[int, MatterDetailDialog] = {}
        self.reminders_dialog: RemindersDialog | None = None
        self.overdue_count = 0

        self.register_button = QPushButton(self.tr("登记新诉求…"))
        self.detail_button = QPushButton(self.tr("查看详情"))
        self.daily_button = QPushButton(self.tr("每日汇总…"))
        self.monthly_button = QPushButton(self.tr("每月通报…"))
        self.reminders_button = QPushButton(self.tr("提醒"))
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("搜索：反映问题、投诉人、编号"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(240)
        self.overdue_check = QCheckBox(self.tr("只看超期"))
        self.status_combo = _combo(STATUS_LABELS, 90)
        self.type_combo = _combo(REQUEST_TYPE_LABELS, 70)
        self.channel_combo = _combo(CHANNEL_LABELS, 170)
        self.department_combo = _combo({}, 110)
        self.category_combo = _combo(CATEGORY_LABELS, 150)
        self.month_combo = _combo({}, 90)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #424242;")

        self.model = MatterTableModel(parent=self)
        self.proxy = MatterFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = make_table_view(self.proxy, self)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        size_list_columns(self.view, COLUMN_WIDTHS, TARGET_COLUMN)  # colours: overdue, due soon

        top = QHBoxLayout()
        for button in (self.register_button, self.detail_button, self.daily_button,
                       self.monthly_button, self.reminders_button):
            top.addWidget(button)
        top.addStretch(1)
        top.addWidget(self.search_edit)
        top.addWidget(self.overdue_check)
        filters = QHBoxLayout()
        for caption, combo in ((self.tr("状态"), self.status_combo),
                               (self.tr("类型"), self.type_combo),
                               (self.tr("渠道"), self.channel_combo),
                               (self.tr("科室"), self.department_combo),
                               (self.tr("分类"), self.category_combo),
                               (self.tr("月份"), self.month_combo)):
            filters.addWidget(QLabel(caption))
            filters.addWidget(combo)
            filters.addSpacing(6)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        legend = QLabel(self.tr("<span style='background:#f8d7da;'>&nbsp;红色&nbsp;</span> 已超期　"
                                "<span style='background:#fff3cd;'>&nbsp;黄色&nbsp;</span> "
                                "一个工作日内到期　双击一行查看详情"))
        legend.setStyleSheet("color: #616161;")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(legend)

        self.register_button.clicked.connect(lambda: self.register_new())
        self.detail_button.clicked.connect(self.open_selected)
        self.daily_button.clicked.connect(self.print_daily_requested)
        self.monthly_button.clicked.connect(self.print_monthly_requested)
        self.print_registration_requested.connect(self.print_registration)
        self.print_feedback_requested.connect(self.print_feedback)
        self.print_daily_requested.connect(self.print_daily)
        self.print_monthly_requested.connect(self.print_monthly)
        self.reminders_button.clicked.connect(lambda: self.show_reminders())
        self.search_edit.textChanged.connect(self._search_changed)
        self.overdue_check.toggled.connect(lambda _c: self.refresh())
        for combo in (self.status_combo, self.type_combo, self.channel_combo,
                      self.department_combo, self.category_combo, self.month_combo):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.view.doubleClicked.connect(self._double_clicked)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.refresh()

    # state ----------------------------------------------------------------------------
    def today(self) -> date:
        return self.clock.today()

    def current_filter(self) -> MatterFilter:
        return MatterFilter(
            status=self.status_combo.currentData(),
            request_type=self.type_combo.currentData(),
            channel=self.channel_combo.currentData(),
            department_id=self.department_combo.currentData(),
            category=self.category_combo.currentData(),
            month=self.month_combo.currentData(),
            only_overdue=self.overdue_check.isChecked(),
        )

    def visible_rows(self) -> list[MatterRow]:
        """The rows the table shows, in its order."""
        return [self.proxy.matter_at(i) for i in range(self.proxy.rowCount())]

    def selected_matter(self) -> MatterRow | None:
        row = selected_row(self.view)
        return self.proxy.matter_at(row) if row >= 0 else None

    # loading --------------------------------------------------------------------------
    def refresh(self, select_id: int | None = None) -> None:
        """Query again with the current filters; keep (or move) the selection."""
        current = self.selected_matter()
        keep = select_id if select_id is not None else (current.id if current else None)
        filters, today = self.current_filter(), self.today()

        def load(session):
            return (list_matters(session=session, filters=filters, today=today),
                    count_overdue(session=session, today=today),
                    list_departments(session=session))

        ok, result = call_service(self, self.db, load)
        if not ok or result is None:
            return
        rows, overdue, departments = result
        set_filter_items(self.department_combo,
                              [(d.name, d.id) for d in departments if d.active
                               or d.id == self.department_combo.currentData()])
        self._months.update({(r.received_at.year, r.received_at.month) for r in rows})
        self._months.add((today.year, today.month))
        months = [f"{y:04d}-{m:02d}" for y, m in sorted(self._months, reverse=True)]
        set_filter_items(self.month_combo, [(m, m) for m in months])
        self.model.set_rows(rows)
        if keep is not None:
            select_row(self.view, self.proxy.proxy_row_of(keep))
        self._update_count()
        self._update_buttons()
        self.overdue_count = overdue
        self.overdue_count_changed.emit(overdue)


    def _search_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_count()
        self._update_buttons()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = self.tr("共 {0} 件").format(total)
        if shown != total:
            text += self.tr("，显示 {0} 件").format(shown)
        self.count_label.setText(text)

    def _update_buttons(self) -> None:
        self.detail_button.setEnabled(self.selected_matter() is not None)

    # actions --------------------------------------------------------------------------
    def register_new(self, initial: MatterInput | None = None) -> MatterRow | None:
        """Open the registration form (prefilled from `initial`); the new row or None."""
        row = register_with(self, self.db, self.actor, initial, now=self._now)
        if row is not None:
            self.refresh(select_id=row.id)
            self.matter_registered.emit(row.id)
        return row

    def open_selected(self) -> None:
        matter = self.selected_matter()
        if matter is not None:
            self.open_detail(matter.id)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_detail(self.proxy.matter_at(index.row()).id)

    def open_detail(self, matter_id: int) -> MatterDetailDialog | None:
        """Show the matter's detail beside the list (one window per matter)."""
        dialog = self._details.get(matter_id)
        if dialog is not None:
            dialog.reload()
            dialog.raise_()
            dialog.activateWindow()
            return dialog
        dialog = matter_window(self, self.db, self.actor, matter_id, now=self._now,
                               navigator=self.navigator)
        if dialog is None:
            return None
        dialog.changed.connect(lambda mid: self.refresh(select_id=mid))
        dialog.print_registration_requested.connect(self.print_registration_requested)
        dialog.print_feedback_requested.connect(self.print_feedback_requested)
        dialog.destroyed.connect(lambda *_: self._details.pop(matter_id, None))
        self._details[matter_id] = dialog
        dialog.show()
        return dialog

    # printing (the tab's own printouts, `printing`) ----------------------------------
    def print_registration(self, matter_id: int) -> None:
        printing.print_registration(self, self.db, matter_id, now=self._now)

    def print_feedback(self, matter_id: int, sheet_id: int) -> None:
        printing.print_feedback(self, self.db, matter_id, sheet_id, now=self._now)

    def print_daily(self) -> None:
        printing.print_daily(self, self.db, now=self._now)

    def print_monthly(self) -> None:
        printing.print_monthly(self, self.db, now=self._now)

    def show_reminders(self) -> RemindersDialog:
        """Open (or bring back) the reminders of overdue and due-soon matters."""
        if self.reminders_dialog is None:
            self.reminders_dialog = RemindersDialog(self.db, self.today(), self)
            self.reminders_dialog.open_requested.connect(self.open_detail)
        else:
            self.reminders_dialog.refresh(self.today())
        self.reminders_dialog.show()
        self.reminders_dialog.raise_()
        return self.reminders_dialog
