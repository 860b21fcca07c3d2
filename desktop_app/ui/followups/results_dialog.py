"""The monthly follow-up results on screen (回访月度统计), with 打印… for the PDF.

Per department, per tier and in total, the figures of `followup_results`; below
them the tier-1 records that tier 2 found 未落实 or 记录不实.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop_app.db.database import Database
from desktop_app.db.services.followup_results import followup_results
from desktop_app.records.followup_results import FollowUpResults, ResultFigures
from desktop_app.domain.followup import FOLLOWUP_TIER_LABELS, FollowUpTier
from desktop_app.domain.followup_records import VERDICT_LABELS, Verdict
from desktop_app.ui.widgets.period_dialogs import recent_months
from desktop_app.ui.widgets.service import call_service
from desktop_app.ui.widgets.labels import title_label

FIGURE_HEADERS = ("应访", "按时完成", "逾期完成", "失访", "逾期未访", "进行中", "按时率", "满意率",
                  "一级核查", "未落实", "记录不实")
FINDING_HEADERS = ("患者", "科室", "出院日期", "一级回访负责人", "结论", "核查说明", "核查人")


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def figure_cells(f: ResultFigures) -> tuple[str, ...]:
    return (str(f.due), str(f.done_in_window), str(f.done_late), str(f.lost), str(f.overdue),
            str(f.pending), percent(f.in_window_rate), percent(f.satisfaction_rate),
            str(f.checked), str(f.not_done), str(f.untrue))


def _table(headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def _fill(table: QTableWidget, rows: Sequence[Sequence[str]], *, centered: bool = True,
          bold_last: bool = False) -> None:
    """Put `rows` in `table`; figures (every column but the first) centred."""
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if centered and c > 0:
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            if bold_last and r == len(rows) - 1:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            table.setItem(r, c, item)


class ResultsDialog(QDialog):
    """Pick a month, see its follow-up results; 打印… asks the main window for the PDF."""

    print_requested = Signal(str)

    def __init__(self, db: Database, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("出院患者回访月度统计"))
        self.db, self.today = db, today
        self.results: FollowUpResults | None = None
        self.month_combo = QComboBox()
        for month in sorted(recent_months(today), reverse=True):
            self.month_combo.addItem(month.replace("-", " 年 ") + " 月", month)
        self.print_button = QPushButton(self.tr("打印…"))
        self.summary_label = QLabel()
        self.department_table = _table(("科室",) + FIGURE_HEADERS)
        self.tier_table = _table(("级别",) + FIGURE_HEADERS)
        self.finding_table = _table(FINDING_HEADERS)
        self.finding_table.horizontalHeader().setSectionResizeMode(
            5, QHeaderView.ResizeMode.Stretch)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("月份")))
        top.addWidget(self.month_combo)
        top.addStretch(1)
        top.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary_label)
        layout.addWidget(title_label(self.tr("各科室")))
        layout.addWidget(self.department_table, 3)
        layout.addWidget(title_label(self.tr("各级回访")))
        layout.addWidget(self.tier_table, 1)
        layout.addWidget(title_label(self.tr("二级回访核查发现的问题（未落实、记录不实）")))
        layout.addWidget(self.finding_table, 2)
        note = QLabel(self.tr("统计口径：回访截止日在本月的任务；满意率 =（满意 + 基本满意）/ 有满意度的回访，"
                              "按更正后的结果计算；核查结果计入一级回访所在科室。"))
        note.setWordWrap(True)
        note.setStyleSheet("color: #616161;")
        layout.addWidget(note)

        self.month_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.print_button.clicked.connect(lambda: self.print_requested.emit(self.month()))
        self.resize(1100, 680)
        self.refresh()

    def month(self) -> str:
        return self.month_combo.currentData()

    def set_month(self, month: str) -> None:
        self.month_combo.setCurrentIndex(self.month_combo.findData(month))

    def refresh(self) -> None:
        month = self.month()
        ok, results = call_service(self, self.db, lambda s: followup_results(
            session=s, month=month, today=self.today))
        if not ok or results is None:
            return
        self.results = results
        total = results.total
        self.summary_label.setText(self.tr(
            "{month}：应访 {due} 项，按时完成 {ontime} 项（{rate}），失访 {lost} 项，满意率 {sat}。"
        ).format(month=month, due=total.due, ontime=total.done_in_window,
                 rate=percent(total.in_window_rate), lost=total.lost,
                 sat=percent(total.satisfaction_rate)))
        rows = [(d.department_name,) + figure_cells(d.figures) for d in results.departments]
        _fill(self.department_table, rows + [("合计",) + figure_cells(total)], bold_last=True)
        _fill(self.tier_table, [(FOLLOWUP_TIER_LABELS[FollowUpTier(t.tier)],)
                                + figure_cells(t.figures) for t in results.tiers])
        _fill(self.finding_table, centered=False, rows=[
            (f.patient_name, f.department_name, f"{f.discharged_on:%Y-%m-%d}", f.tier1_assignee,
             VERDICT_LABELS[Verdict(f.verdict)], f.note, f.checked_by)
            for f in results.findings])
