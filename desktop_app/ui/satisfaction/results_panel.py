"""The 结果与考评 page of the 满意度 tab (DESIGN §1.7–1.8; seed 000 reports, seed 004 §四(四)).

For the month and the survey kinds picked: 满意率 per dimension × department
(满意 + 基本满意 over those who answered), the highest and lowest items said in
words the way seed 000 does (the same words as the printout:
`reports.satisfaction_text`), the 12-month trend (all departments or one), the
科室月度满意度考评 with its weights, and the comments. Buttons print the two PDFs
through the tab's `printing` (the results for the kinds picked) and export the
month's workbook (.xlsx, always every kind) for reporting upward.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSplitter, QTabWidget,
    QVBoxLayout, QWidget,
)

from desktop_app.db.database import Database
from desktop_app.db.services.scores import month_scores
from desktop_app.db.services.survey_results import satisfaction_results, satisfaction_trend
from desktop_app.records.survey_rows import MonthScores, SatisfactionResults, TrendPoint
from desktop_app.db.tx import Actor
from desktop_app.domain.satisfaction import SURVEY_KIND_LABELS, SurveyKind
from desktop_app.records.satisfaction_text import lowest_text
from desktop_app.ui.widgets.errors import show_error, show_warning
from desktop_app.ui.widgets.period_dialogs import recent_months
from desktop_app.ui.satisfaction import printing
from desktop_app.ui.satisfaction.results_models import (
    CommentsTableModel, SatisfactionTableModel, percent,
)
from desktop_app.ui.satisfaction.scores_model import (
    NOTE_COLUMN, SORT_ROLE, ScoresTableModel, weights_text,
)
from desktop_app.ui.satisfaction.trend_chart import TrendChart
from desktop_app.ui.widgets.service import call_service
from desktop_app.ui.widgets.tables import fit_columns, make_table_view
from desktop_app.ui.widgets.labels import note_label, title_label
from desktop_app.ui.widgets.inputs import set_filter_items
from desktop_app.printouts.satisfaction import monthly_workbook
from desktop_app.domain.months import Month

ALL_KINDS: tuple[str, ...] = tuple(k.value for k in SurveyKind)
TREND_MONTHS = 12
NOTE_MIN_WIDTH = 60  # px: the narrowest a scores column gets


def month_text(month: str) -> str:
    parsed = Month.parse(month)
    return f"{parsed.year} 年 {parsed.month} 月"


def kinds_text(kinds: tuple[str, ...]) -> str:
    if set(kinds) == set(ALL_KINDS):
        return "全部调查"
    return "、".join(SURVEY_KIND_LABELS[SurveyKind(k)] for k in kinds)


def summary_text(results: SatisfactionResults) -> str:
    """The month in one paragraph: forms, 综合满意率, phone survey, 连心卡, quota."""
    parts = [f"{month_text(results.month)}（{kinds_text(results.kinds)}）：收回 {results.forms} 份，"
             f"有效答项 {results.total.answered} 项，综合满意率 {percent(results.total.rate)}。"]
    if SurveyKind.public_health in results.kinds and results.phone_called:
        parts.append(f"公卫电话调查 {results.phone_called} 人，接通 {results.phone_reached} 人，"
                     f"满意率 {percent(results.phone_counts.rate)}。")
    if SurveyKind.inpatient in results.kinds and results.cards_given:
        parts.append(f"发放医患连心卡 {results.cards_given} 张。")
    if SurveyKind.outpatient in results.kinds and results.quota_days_with_visits:
        parts.append(f"门诊抽样：有门诊人次记录的 {results.quota_days_with_visits} 天中，"
                     f"{results.quota_short_days} 天有科室未达抽样要求。")
    return "".join(parts)


class ResultsPanel(QWidget):
    """结果与考评: pick a month and the kinds of survey; `refresh()` reloads everything."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 now: Callable[[], datetime]) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self._now = now  # the month lists and 截至 follow the clock across midnight
        self.results: SatisfactionResults | None = None
        self.scores: MonthScores | None = None
        self.trend: list[TrendPoint] = []

        self.month_combo = QComboBox()
        for month in recent_months(self.today()):
            self.month_combo.addItem(month_text(month), month)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("全部调查"), ",".join(ALL_KINDS))
        for kind in SurveyKind:
            self.kind_combo.addItem(SURVEY_KIND_LABELS[kind], kind.value)
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.print_results_button = QPushButton(self.tr("打印满意度结果…"))
        self.print_scores_button = QPushButton(self.tr("打印科室考评表…"))
        self.export_button = QPushButton(self.tr("导出 Excel…"))
        self.print_results_button.setToolTip(self.tr("打印所选月份、所选调查类型的满意度调查结果"))
        self.export_button.setToolTip(self.tr(
            "导出所选月份的满意度、科室考评、投诉通报和回访结果；"
            "满意度按全部调查类型统计，不受“调查类型”筛选影响"))
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.lowest_label = note_label("")

        self.satisfaction_model = SatisfactionTableModel(self)
        self.satisfaction_view = make_table_view(self.satisfaction_model)
        self.satisfaction_view.horizontalHeader().setStretchLastSection(False)
        self.department_combo = QComboBox()
        self.department_combo.addItem(self.tr("全院"), None)
        self.chart = TrendChart()

        self.scores_model = ScoresTableModel(self)
        self.scores_proxy = QSortFilterProxyModel(self)
        self.scores_proxy.setSourceModel(self.scores_model)
        self.scores_proxy.setSortRole(SORT_ROLE)
        self.scores_view = make_table_view(self.scores_proxy)
        self.scores_view.setSortingEnabled(True)
        self.scores_view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.weights_label = QLabel()
        self.weights_label.setWordWrap(True)
        self.weights_label.setStyleSheet("color: #424242;")
        self.comments_model = CommentsTableModel(self)
        self.comments_view = make_table_view(self.comments_model)
        self.status_label = QLabel()
        self.status_label.setStyleSheet("color: #616161;")

        self._build_layout()
        self.month_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._load_results(scores=False))
        self.department_combo.currentIndexChanged.connect(lambda _i: self._load_trend())
        self.refresh_button.clicked.connect(self.refresh)
        self.print_results_button.clicked.connect(self.print_results)
        self.print_scores_button.clicked.connect(self.print_scores)
        self.export_button.clicked.connect(self.export_workbook)
        self.refresh()

    def today(self) -> date:
        return self._now().date()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("月份")))
        top.addWidget(self.month_combo)
        top.addWidget(QLabel(self.tr("调查类型")))
        top.addWidget(self.kind_combo)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        for button in (self.print_results_button, self.print_scores_button, self.export_button):
            top.addWidget(button)

        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(title_label(self.tr("各科室满意率")))
        table_layout.addWidget(self.satisfaction_view)
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_top = QHBoxLayout()
        chart_top.addWidget(title_label(self.tr("近 12 个月趋势")))
        chart_top.addStretch(1)
        chart_top.addWidget(QLabel(self.tr("科室")))
        chart_top.addWidget(self.department_combo)
        chart_layout.addLayout(chart_top)
        chart_layout.addWidget(self.chart, 1)
        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(table_box)
        upper.addWidget(chart_box)
        upper.setStretchFactor(0, 3)
        upper.setStretchFactor(1, 2)
        upper.setSizes([780, 500])

        scores_box = QWidget()
        scores_layout = QVBoxLayout(scores_box)
        scores_layout.setContentsMargins(4, 4, 4, 4)
        scores_layout.addWidget(self.weights_label)
        scores_layout.addWidget(self.scores_view, 1)
        self.lower_tabs = QTabWidget()
        self.lower_tabs.addTab(scores_box, self.tr("科室月度满意度考评"))
        self.lower_tabs.addTab(self.comments_view, self.tr("意见和建议"))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(self.lower_tabs)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 300])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.lowest_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status_label)

    # state ---------------------------------------------------------------------------
    def month(self) -> str:
        return self.month_combo.currentData()

    def set_month(self, month: str) -> None:
        index = self.month_combo.findData(month)
        if index < 0:
            self.month_combo.addItem(month_text(month), month)
            index = self.month_combo.count() - 1
        self.month_combo.setCurrentIndex(index)

    def kinds(self) -> tuple[str, ...]:
        """The SurveyKind codes chosen (the combo's data is them joined by commas)."""
        return tuple(self.kind_combo.currentData().split(","))

    def set_kinds(self, kinds: tuple[str, ...]) -> None:
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(",".join(kinds))))

    def department_id(self) -> int | None:
        return self.department_combo.currentData()

    def set_department(self, department_id: int | None) -> None:
        self.department_combo.setCurrentIndex(max(0, self.department_combo.findData(department_id)))

    # loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the month's results, scores and trend."""
        self._load_results(scores=True)

    def _load_results(self, *, scores: bool) -> None:
        month, kinds = self.month(), self.kinds()

        def load(session):
            results = satisfaction_results(session=session, month=month, kinds=kinds)
            return results, (month_scores(session=session, month=month, today=self.today())
                             if scores else self.scores)

        ok, loaded = call_service(self, self.db, load)
        if not ok or loaded is None:
            return
        self.results, self.scores = loaded
        self._show_results()
        self._update_departments()
        self._load_trend()

    def _show_results(self) -> None:
        results, scores = self.results, self.scores
        self.summary_label.setText(summary_text(results))
        self.lowest_label.setText(lowest_text(results)
                                   or self.tr("本月没有满意度调查的有效答项。"))
        self.satisfaction_model.set_results(results)
        fit_columns(self.satisfaction_view, 0, padding=10)
        self.comments_model.set_rows(results.comments)
        negative = sum(1 for c in results.comments if c.negative)
        self.lower_tabs.setTabText(1, self.tr("意见和建议（{n} 条，含不满意 {neg} 条）").format(
            n=len(results.comments), neg=negative))
        fit_columns(self.comments_view, 3)
        if scores is not None:
            self.scores_model.set_scores(scores)
            self.weights_label.setText(weights_text(scores.weights))
            header = self.scores_view.horizontalHeader()
            # 备注 takes the width left and wraps, instead of widening the table past the window
            fit_columns(self.scores_view, NOTE_COLUMN, padding=10)
            header.setMinimumSectionSize(NOTE_MIN_WIDTH)
            self.scores_view.setWordWrap(True)
            self.scores_view.setTextElideMode(Qt.TextElideMode.ElideNone)
            rows = self.scores_view.verticalHeader()
            rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # rows follow 备注

    def _update_departments(self) -> None:
        seen: dict[int, str] = {}
        for dep in self.results.departments if self.results else ():
            seen.setdefault(dep.department_id, dep.department_name)
        for row in self.scores.rows if self.scores else ():
            seen.setdefault(row.department_id, row.department_name)
        set_filter_items(self.department_combo, [(name, dep_id) for dep_id, name in seen.items()],
                         all_label=self.tr("全院"))

    def _load_trend(self) -> None:
        month, kinds, department_id = self.month(), self.kinds(), self.department_id()
        ok, trend = call_service(self, self.db, lambda s: satisfaction_trend(
            session=s, month=month, months=TREND_MONTHS, kinds=kinds, department_id=department_id))
        if not ok or trend is None:
            return
        self.trend = list(trend)
        where = self.department_combo.currentText()
        self.chart.set_points(self.trend, self.tr("满意率（%）· {where} · {kinds}").format(
            where=where, kinds=kinds_text(kinds)))

    # printing (the tab's `printing`) and export ------------------------------------
    def print_results(self) -> None:
        printing.print_results(self, self.db, self.month(), self.kinds(), now=self._now)

    def print_scores(self) -> None:
        printing.print_scores(self, self.db, self.month(), now=self._now)

    def _ask_export_path(self, month: str) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"满意度月报-{month}.xlsx"
        start = str(Path(folder) / name) if folder else name
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("导出 Excel"), start,
                                                self.tr("Excel 工作簿 (*.xlsx)"))
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")

    def export_workbook(self) -> Path | None:
        """Ask for a file, write the month's workbook there; the path, or None if not written."""
        month = self.month()
        path = self._ask_export_path(month)
        if path is None:
            return None
        try:
            data = monthly_workbook(self.db, month, today=self.today())
        except Exception as exc:  # noqa: BLE001 - shown (and logged if a bug) by ui.errors
            show_error(self.window(), exc)
            return None
        try:
            path.write_bytes(data)
        except OSError as exc:
            show_warning(self.window(), self.tr("无法保存"), self.tr(
                "无法保存文件：{path}\n{reason}").format(path=path, reason=exc.strerror or exc))
            return None
        self.status_label.setText(self.tr("已导出 {month}月报：{path}").format(
            month=month_text(month), path=path))
        return path
