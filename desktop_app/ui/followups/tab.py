"""The 出院回访 tab: the three-tier work lists; register, import, record, print, results.

The list buttons (今日待访, 即将到期, 已逾期 …) and the filters re-query the
service (`list_tasks` with a `TaskFilter`) as of the chosen day (default
today), so the office can also look at tomorrow's calls. 已完成 and 失访 are
shown a month at a time (by window end), since they grow without end.
The tab prints through its own `printing` (its `print_call_list_requested` and
`results_requested` signals lead there).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QVBoxLayout, QWidget,
)

from desktop_app.clock import Clock
from desktop_app.db.database import Database
from desktop_app.db.services.departments import list_departments, list_staff
from desktop_app.db.services.discharges import get_discharge, windows_setting
from desktop_app.records.followup_rows import DischargeRow, TaskFilter, TaskRow
from desktop_app.db.services.followups_query import (
    LIST_LIMIT,
    count_tasks,
    list_assignees,
    list_tasks,
)
from desktop_app.db.tx import Actor
from desktop_app.domain.followup import FOLLOWUP_TIER_LABELS
from desktop_app.ui.widgets.inputs import date_edit, from_qdate, to_qdate
from desktop_app.ui.followups import printing
from desktop_app.ui.followups.discharge_dialog import DischargeDialog
from desktop_app.ui.followups.table_model import TaskTableModel
from desktop_app.ui.followups.task_dialog import TaskDialog
from desktop_app.ui.navigation import Navigator
from desktop_app.ui.widgets.period_dialogs import recent_months
from desktop_app.ui.widgets.service import call_service
from desktop_app.ui.widgets.tables import (
    make_table_view, select_row, selected_row, size_list_columns,
)
from desktop_app.ui.widgets.inputs import set_filter_items
from desktop_app.ui.followups.import_dialog import ImportDialog

ALL = "全部"
LISTS = (("due", "今日待访"), ("soon", "即将到期"), ("overdue", "已逾期"), ("upcoming", "未开始"),
         ("done", "已完成"), ("lost", "失访"), ("", "全部"))
COUNTED = ("due", "soon", "overdue")
MONTHLY = frozenset({"done", "lost", ""})
COLUMN_WIDTHS = (76, 100, 80, 110, 90, 90, 110, 86, 170, 140, 70)
ASSIGNEE_COLUMN = 8


def _combo(width: int) -> QComboBox:
    combo = QComboBox()
    combo.addItem(ALL, None)
    combo.setMinimumWidth(width)
    return combo


class FollowUpsTab(QWidget):
    """The work lists of discharge follow-up with their toolbar and filters."""

    due_count_changed = Signal(int)
    print_call_list_requested = Signal()
    results_requested = Signal()
    records_changed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 clock: Clock, navigator: Navigator | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.clock = clock
        self._now = clock.now
        self.navigator = navigator or Navigator()  # a task's matter, in the 投诉登记 tab
        self.counts: dict[str, int] = {}

        self.register_button = QPushButton(self.tr("登记出院患者…"))
        self.import_button = QPushButton(self.tr("导入出院名单…"))
        self.edit_button = QPushButton(self.tr("修改出院信息…"))
        self.record_button = QPushButton(self.tr("记录回访…"))
        self.call_list_button = QPushButton(self.tr("打印回访工作单…"))
        self.results_button = QPushButton(self.tr("月度统计…"))
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("搜索：姓名、电话、住院号"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(200)

        self.list_group = QButtonGroup(self)
        self.list_buttons: dict[str, QPushButton] = {}
        lists_row = QHBoxLayout()
        for code, label in LISTS:
            button = QPushButton(label)
            button.setCheckable(True)
            button.setProperty("list_code", code)
            self.list_group.addButton(button)
            self.list_buttons[code] = button
            lists_row.addWidget(button)
        self.list_buttons["due"].setChecked(True)
        lists_row.addSpacing(12)
        lists_row.addWidget(QLabel(self.tr("日期")))
        self.day_edit = date_edit(self.today())
        lists_row.addWidget(self.day_edit)
        self.today_button = QPushButton(self.tr("回到今天"))
        lists_row.addWidget(self.today_button)
        lists_row.addStretch(1)

        self.tier_combo = _combo(90)
        for tier, label in FOLLOWUP_TIER_LABELS.items():
            self.tier_combo.addItem(label, int(tier))
        self.department_combo = _combo(110)
        self.assignee_combo = _combo(150)
        self.month_combo = _combo(90)
        for month in sorted(recent_months(self.today()), reverse=True):
            self.month_combo.addItem(month, month)
        self.month_combo.setCurrentIndex(1)  # this month
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #424242;")

        self.model = TaskTableModel(self)
        self.view = make_table_view(self.model, self)
        self.view.setSortingEnabled(True)
        size_list_columns(self.view, COLUMN_WIDTHS, ASSIGNEE_COLUMN)  # colours: overdue, soon
        self.view.horizontalHeader().setSortIndicatorShown(False)

        top = QHBoxLayout()
        for button in (self.register_button, self.import_button, self.edit_button,
                       self.record_button, self.call_list_button, self.results_button):
            top.addWidget(button)
        top.addStretch(1)
        top.addWidget(self.search_edit)
        filters = QHBoxLayout()
        for caption, combo in ((self.tr("级别"), self.tier_combo),
                               (self.tr("科室"), self.department_combo),
                               (self.tr("负责人"), self.assignee_combo),
                               (self.tr("月份（按回访截止日）"), self.month_combo)):
            filters.addWidget(QLabel(caption))
            filters.addWidget(combo)
            filters.addSpacing(6)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        legend = QLabel(self.tr("<span style='background:#f8d7da;'>&nbsp;红色&nbsp;</span> 已逾期　"
                                "<span style='background:#fff3cd;'>&nbsp;黄色&nbsp;</span> "
                                "两天内到期　★ 特殊患者（院领导三级回访）　双击一行记录回访"))
        legend.setStyleSheet("color: #616161;")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(lists_row)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(legend)

        self.register_button.clicked.connect(lambda: self.register_discharge())
        self.import_button.clicked.connect(lambda: self.import_discharges())
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        self.record_button.clicked.connect(lambda: self.open_selected())
        self.call_list_button.clicked.connect(self.print_call_list_requested)
        self.results_button.clicked.connect(self.results_requested)
        self.print_call_list_requested.connect(self.print_call_list)
        self.results_requested.connect(self.show_results)
        self.search_edit.textChanged.connect(lambda _t: self.refresh())
        self.list_group.buttonClicked.connect(lambda _b: self._list_changed())
        self.day_edit.dateChanged.connect(lambda _d: self.refresh())
        self.today_button.clicked.connect(lambda: self.day_edit.setDate(to_qdate(self.today())))
        for combo in (self.tier_combo, self.department_combo, self.assignee_combo,
                      self.month_combo):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.view.doubleClicked.connect(self._double_clicked)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._list_changed()

    # state ----------------------------------------------------------------------------
    def today(self) -> date:
        return self.clock.today()

    def day(self) -> date:
        """The day the lists are judged against (the date picker; today by default)."""
        return from_qdate(self.day_edit.date())

    def current_list(self) -> str:
        button = self.list_group.checkedButton()
        return button.property("list_code") if button is not None else "due"

    def show_list(self, code: str) -> None:
        self.list_buttons[code].setChecked(True)
        self._list_changed()

    def current_filter(self) -> TaskFilter:
        code = self.current_list()
        return TaskFilter(
            state=code or None, tier=self.tier_combo.currentData(),
            department_id=self.department_combo.currentData(),
            assignee=self.assignee_combo.currentData() or "", text=self.search_edit.text(),
            month=self.month_combo.currentData() if code in MONTHLY else None,
        )

    def visible_rows(self) -> list[TaskRow]:
        return [self.model.task_at(i) for i in range(self.model.rowCount())]

    def selected_task(self) -> TaskRow | None:
        row = selected_row(self.view)
        return self.model.task_at(row) if row >= 0 else None

    # loading --------------------------------------------------------------------------
    def _list_changed(self) -> None:
        self.month_combo.setEnabled(self.current_list() in MONTHLY)
        self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        """Query again with the current list and filters; keep (or move) the selection."""
        current = self.selected_task()
        keep = select_id if select_id is not None else (current.id if current else None)
        filters, day = self.current_filter(), self.day()

        def load(session):
            return (list_tasks(session=session, filters=filters, today=day, limit=LIST_LIMIT),
                    count_tasks(session=session, today=day),
                    list_departments(session=session), list_assignees(session=session))

        ok, result = call_service(self, self.db, load)
        if not ok or result is None:
            return
        rows, counts, departments, assignees = result
        set_filter_items(self.department_combo, [(d.name, d.id) for d in departments
                                                if d.active and d.is_clinical
                                                or d.id == self.department_combo.currentData()])
        set_filter_items(self.assignee_combo, [(name, name) for name in assignees])
        self.counts = counts
        for code, label in LISTS:
            if code in COUNTED:
                self.list_buttons[code].setText(f"{label}（{counts[code]}）")
        self.model.set_rows(rows)
        if keep is not None:
            select_row(self.view, self.model.row_of(keep))
        text = self.tr("共 {0} 项").format(len(rows))
        if len(rows) >= LIST_LIMIT:
            text = self.tr("仅显示前 {0} 项，请按月份或姓名缩小范围").format(LIST_LIMIT)
        self.count_label.setText(text)
        self._update_buttons()
        self.due_count_changed.emit(counts["due"] if day == self.today() else -1)


    def _update_buttons(self) -> None:
        selected = self.selected_task() is not None
        self.edit_button.setEnabled(selected)
        self.record_button.setEnabled(selected)

    # actions --------------------------------------------------------------------------
    def _form_lists(self):
        ok, result = call_service(self, self.db, lambda s: (
            list_departments(session=s, include_inactive=False), list_staff(session=s),
            windows_setting(s)))
        return result if ok else None

    def register_discharge(self) -> DischargeRow | None:
        """Open the discharge form; the new discharge, its tasks listed."""
        lists = self._form_lists()
        if lists is None:
            return None
        row = DischargeDialog.ask(self, self.db, self.actor, *lists, self._now)
        if row is not None:
            self.refresh()
        return row

    def edit_selected(self) -> DischargeRow | None:
        task = self.selected_task()
        lists = self._form_lists() if task is not None else None
        if task is None or lists is None:
            return None
        ok, current = call_service(self, self.db, lambda s: get_discharge(
            session=s, discharge_id=task.discharge_id))
        if not ok or current is None:
            return None
        row = DischargeDialog.ask(self, self.db, self.actor, *lists, self._now, current)
        if row is not None:
            self.refresh(select_id=task.id)
        return row

    def import_discharges(self) -> None:
        if ImportDialog.ask(self, self.db, self.actor, self._now) is not None:
            self.refresh()

    def open_selected(self) -> None:
        task = self.selected_task()
        if task is not None:
            self.open_task(task.id)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_task(self.model.task_at(index.row()).id)

    def open_task(self, task_id: int) -> bool:
        """Open the task's record form; True if something was saved."""
        saved = TaskDialog.open(self, self.db, self.actor, task_id, self._now,
                                navigator=self.navigator)
        if saved:
            self.refresh(select_id=task_id)
            self.records_changed.emit()
        return saved

    # printing (the tab's own printouts, `printing`) ----------------------------------
    def print_call_list(self) -> None:
        printing.print_call_list(self, self.db, self.day(), now=self._now)

    def show_results(self) -> None:
        printing.show_results(self, self.db, now=self._now)
