"""The quota month grid: days down, departments across, the hospital total last (DESIGN §1.7).

A cell reads "12/40 30.0%" (questionnaires / visits, sampled share). Below the
quota it is red; more questionnaires than visits is amber (a number is
wrong); questionnaires without visits entered are grey with a dash. The
last row sums the month per department, the last column the day's
departments (全院). A total's share counts only the questionnaires of days
and departments whose visits were entered; the others are shown apart,
"12/40 30.0% 另3" (`surveys_query.sum_quota`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desktop_app.records.survey_rows import QuotaMonth, QuotaRow
from desktop_app.db.services.surveys_query import sum_quota
from desktop_app.ui.satisfaction.entry_parts import percent

Index = QModelIndex | QPersistentModelIndex

WEEKDAYS = "一二三四五六日"
SHORT_BRUSH = QBrush(QColor("#f8d7da"))
SHORT_TEXT = QBrush(QColor("#b71c1c"))
EXCEEDS_BRUSH = QBrush(QColor("#fff3cd"))
MISSING_TEXT = QBrush(QColor("#9e9e9e"))
WEEKEND_TEXT = QBrush(QColor("#1565c0"))
TOTAL_BRUSH = QBrush(QColor("#eceff1"))
TOTAL_LABEL = "合计"
HOSPITAL = "全院"
CELL_ROLE = Qt.ItemDataRole.UserRole  # the QuotaRow of a cell


def cell_text(row: QuotaRow) -> str:
    """"12/40 30.0%"; "3/—" without visits; "" when there is nothing at all; a total
    with questionnaires of days or departments without visits adds " 另3"."""
    if row.visits is None:
        forms = row.surveys + row.unmatched
        return f"{forms}/—" if forms else ""
    sampled = row.quota.sampled
    share = "" if sampled is None else f" {sampled * 100:.1f}%"
    apart = f" 另{row.unmatched}" if row.unmatched else ""
    return f"{row.surveys}/{row.visits}{share}{apart}"


def cell_state(row: QuotaRow) -> str:
    """"short" (below quota), "exceeds" (more forms than visits), "missing" (forms, no
    visits), "met" or "" (nothing to judge)."""
    quota = row.quota
    if quota.exceeds_visits:
        return "exceeds"
    if quota.met is False:
        return "short"
    if row.visits is None:
        return "missing" if row.surveys or row.unmatched else ""
    return "met"


def cell_tooltip(row: QuotaRow, total: bool = False) -> str:
    head = f"{row.department_name} {'本月合计' if total else f'{row.day:%m-%d}'}"
    if row.visits is None:
        return f"{head}：门诊人次未录入，已收问卷 {row.surveys + row.unmatched} 份"
    quota = row.quota
    text = (f"{head}：门诊 {row.visits} 人次，要求 {quota.required} 份"
            f"（{percent(row.ratio)}），已收 {row.surveys} 份")
    if quota.exceeds_visits:
        text += "；问卷多于门诊人次，请核对"
    else:
        text += f"，还差 {quota.shortfall} 份" if quota.shortfall else "，已达标"
    if row.unmatched:
        text += f"\n另有 {row.unmatched} 份问卷所在日期或科室未录门诊人次，未计入抽样比例"
    return text


class QuotaMonthModel(QAbstractTableModel):
    """Rows: the month's days and a 合计 row; columns: the departments and 全院."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.month: QuotaMonth | None = None
        self._grid: list[list[QuotaRow]] = []
        self._headers: list[str] = []
        self._days: list[date] = []

    def set_month(self, month: QuotaMonth) -> None:
        self.beginResetModel()
        self.month = month
        self._days = list(month.days)
        self._headers = [name for _id, name in month.departments] + [HOSPITAL]
        self._grid = [[month.cells[(day, dep)] for dep, _name in month.departments]
                      + [month.day_totals[day]] for day in self._days]
        first = self._days[0] if self._days else month.month_total.day
        totals = [sum_quota([month.cells[(day, dep)] for day in self._days], first, dep, name,
                            month.ratio) for dep, name in month.departments]
        self._grid.append(totals + [month.month_total])
        self.endResetModel()

    def day_of(self, row: int) -> date | None:
        return self._days[row] if 0 <= row < len(self._days) else None

    def cell(self, row: int, column: int) -> QuotaRow:
        return self._grid[row][column]

    def is_total(self, row: int, column: int) -> bool:
        return row == len(self._days) or column == len(self._headers) - 1

    def text(self, row: int, column: int) -> str:
        return cell_text(self._grid[row][column])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._grid)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._headers):
                return self._headers[section]
            return None
        if not 0 <= section < len(self._grid):
            return None
        day = self.day_of(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return TOTAL_LABEL if day is None else f"{day:%m-%d} 周{WEEKDAYS[day.weekday()]}"
        if role == Qt.ItemDataRole.ForegroundRole and day is not None and day.weekday() >= 5:
            return WEEKEND_TEXT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._grid)
                                       and 0 <= index.column() < len(self._headers)):
            return None
        row = self._grid[index.row()][index.column()]
        state = cell_state(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole:
            if state == "short":
                return SHORT_BRUSH
            if state == "exceeds":
                return EXCEEDS_BRUSH
            return TOTAL_BRUSH if self.is_total(index.row(), index.column()) else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if state == "short":
                return SHORT_TEXT
            return MISSING_TEXT if state == "missing" else None
        if role == Qt.ItemDataRole.FontRole and self.is_total(index.row(), index.column()):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            total = index.row() == len(self._days)
            return cell_tooltip(row, total) if cell_text(row) else None
        if role == CELL_ROLE:
            return row
        return None
