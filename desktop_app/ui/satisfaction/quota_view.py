"""抽样完成情况: a month of the outpatient quota at a glance (DESIGN §1.7, seed 004 §三(一)1).

Days × departments, each cell "questionnaires/visits share", red below the
sampling ratio; the days on which some department fell short are listed
above the grid. Visits are typed in here (录入门诊人次…, or a double-click
on a cell for that day and department) or imported from the HIS export
(导入门诊人次…, S1's VisitsImportDialog).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from desktop_app.db.database import Database
from desktop_app.db.services.departments import list_departments
from desktop_app.records.survey_rows import QuotaMonth, QuotaRow
from desktop_app.db.services.surveys_query import quota_month
from desktop_app.db.tx import Actor
from desktop_app.ui.widgets.period_dialogs import recent_months
from desktop_app.ui.satisfaction.entry_parts import percent
from desktop_app.ui.satisfaction.quota_model import QuotaMonthModel
from desktop_app.ui.satisfaction.visits_dialog import VisitsDialog
from desktop_app.ui.widgets.service import call_service
from desktop_app.ui.widgets.tables import make_table_view
from desktop_app.ui.satisfaction.visits_import_dialog import VisitsImportDialog

Now = Callable[[], datetime]
SHORT_STYLE = "color: #b71c1c; background: #fdecea; padding: 6px 8px; border-radius: 3px;"
GOOD_STYLE = "color: #1b5e20; background: #e8f5e9; padding: 6px 8px; border-radius: 3px;"
LEGEND = ("格内为“问卷份数/门诊人次 抽样比例”。"
          "<span style='background:#f8d7da;'>&nbsp;红色&nbsp;</span> 未达到抽样比例　"
          "<span style='background:#fff3cd;'>&nbsp;黄色&nbsp;</span> 问卷多于门诊人次，请核对　"
          "<span style='color:#9e9e9e;'>3/—</span> 门诊人次未录入　"
          "合计中的“另3”：另有 3 份问卷当日未录门诊人次，未计入比例　"
          "双击格子录入或更正当日门诊人次")


def short_days_text(month: QuotaMonth, today: date) -> tuple[str, bool]:
    """The lines above the grid: the days that fell short and how often each department did,
    or that none did. Today is left out while its forms are still being typed in."""
    need = f"（要求 {percent(month.ratio)}）"
    days = [day for day in month.short_days() if day < today]
    if not days:
        return f"{month.month} 已过的日子里各科室均达到抽样比例{need}。", False
    per_department = []
    for dep, name in month.departments:
        count = sum(1 for day in days if month.cells[(day, dep)].quota.met is False)
        if count:
            per_department.append(f"{name} {count} 天")
    dates = "、".join(str(day.day) for day in days)
    return (f"未达到抽样比例{need}的日期共 {len(days)} 天：{days[0].month}月 {dates} 日\n"
            f"按科室：{'，'.join(per_department)}", True)


def unmatched_text(month: QuotaMonth) -> str:
    """The note under the short days when some questionnaires have no visits to be counted
    against (they are left out of the totals' shares); "" otherwise."""
    count = month.month_total.unmatched
    if not count:
        return ""
    return f"另有 {count} 份门诊问卷所在日期或科室未录门诊人次，未计入抽样比例。"


def _next_month(first: date) -> date:
    return first.replace(year=first.year + 1, month=1) if first.month == 12 \
        else first.replace(month=first.month + 1)


class QuotaView(QWidget):
    """The month grid with its month picker and the visits buttons; `visits_changed` after a save."""

    visits_changed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 now: Now) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self._now = now
        self.month: QuotaMonth | None = None

        self.month_combo = QComboBox()
        for month in sorted(recent_months(self.today()), reverse=True):
            self.month_combo.addItem(month.replace("-", " 年 ") + " 月", month)
        self.visits_button = QPushButton(self.tr("录入门诊人次…"))
        self.import_button = QPushButton(self.tr("导入门诊人次…"))
        self.short_label = QLabel()
        self.short_label.setWordWrap(True)
        self.model = QuotaMonthModel(self)
        self.view = make_table_view(self.model, self)
        self.view.setSelectionBehavior(self.view.SelectionBehavior.SelectItems)
        self.view.setAlternatingRowColors(False)
        self.view.verticalHeader().setVisible(True)
        self.view.verticalHeader().setDefaultSectionSize(24)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(100)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        legend = QLabel(self.tr(LEGEND))
        legend.setStyleSheet("color: #616161;")
        legend.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("月份")))
        top.addWidget(self.month_combo)
        top.addSpacing(12)
        top.addWidget(self.visits_button)
        top.addWidget(self.import_button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.short_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(legend)

        self.month_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.visits_button.clicked.connect(lambda: self.enter_visits())
        self.import_button.clicked.connect(lambda: self.import_visits())
        self.view.doubleClicked.connect(self._double_clicked)

    def today(self) -> date:
        return self._now().date()

    def current_month(self) -> str:
        return self.month_combo.currentData()

    def show_month(self, month: str) -> None:
        index = self.month_combo.findData(month)
        if index < 0:
            self.month_combo.addItem(month.replace("-", " 年 ") + " 月", month)
            index = self.month_combo.count() - 1
        if index == self.month_combo.currentIndex():
            self.refresh()
        else:
            self.month_combo.setCurrentIndex(index)

    def refresh(self) -> None:
        month = self.current_month()
        ok, result = call_service(self, self.db, lambda s: quota_month(session=s, month=month))
        if not ok or result is None:
            return
        self.month = result
        self.model.set_month(result)
        text, short = short_days_text(result, self.today())
        note = unmatched_text(result)
        self.short_label.setText(f"{text}\n{note}" if note else text)
        self.short_label.setStyleSheet(SHORT_STYLE if short else GOOD_STYLE)

    # visits ---------------------------------------------------------------------------
    def enter_visits(self, day: date | None = None,
                     department_id: int | None = None) -> QuotaRow | None:
        """The visits dialog (for a day and department when given); the saved day's quota."""
        ok, departments = call_service(self, self.db, lambda s: list_departments(session=s))
        if not ok or departments is None:
            return None
        if day is None:  # today, or the first day of another month being looked at
            first = date.fromisoformat(self.current_month() + "-01")
            day = self.today() if first <= self.today() < _next_month(first) else first
        row = VisitsDialog.ask(self, self.db, self.actor, departments, self.today(), self._now,
                               day, department_id)
        if row is not None:
            self.refresh()
            self.visits_changed.emit()
        return row

    def _double_clicked(self, index: QModelIndex) -> None:
        if not index.isValid() or self.month is None:
            return
        day = self.model.day_of(index.row())
        departments = self.month.departments
        if day is None or index.column() >= len(departments):
            return  # the totals are sums, not typed
        self.enter_visits(day, departments[index.column()][0])

    def import_visits(self) -> None:
        if VisitsImportDialog.ask(self, self.db, self.actor, self._now()) is not None:
            self.refresh()
            self.visits_changed.emit()
