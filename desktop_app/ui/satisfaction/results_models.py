"""Table models of the 结果与考评 page: 满意率 by department × dimension, and the comments.

`SatisfactionTableModel` has one row per department and a last row 全院合计;
columns 科室, 问卷份数, the seven dimensions of seed 000 and 综合. Each cell shows
满意率 = (满意 + 基本满意) / answered ("—" without answers) with the counts in the
tooltip. The month's lowest dimensions below the best one
(`reports.satisfaction_text.below_top`, the items the words and the printout
call low; an item tied with the best is not) are called out: their 全院 cells
shaded and their headers marked ▼; in each department row the lowest dimension
is in red unless the row's rates all print the same.

`CommentsTableModel` lists the comments with any phone number in them masked
(DESIGN §3), on screen and in the tooltip alike.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desktop_app.records.survey_rows import CommentRow, SatisfactionResults
from desktop_app.domain.satisfaction import (
    DIMENSION_LABELS, SURVEY_KIND_LABELS, AnswerCounts, Dimension, SurveyKind,
)
from desktop_app.domain.validation import mask_phones_in_text
from desktop_app.records.satisfaction_text import below_top_codes, percent_text, shown
from desktop_app.ui.widgets.tables import RowTableModel

Index = QModelIndex | QPersistentModelIndex

CENTER = Qt.AlignmentFlag.AlignCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
LOWEST_BRUSH = QBrush(QColor("#f8d7da"))
TOTAL_BRUSH = QBrush(QColor("#eef3f8"))
LOW_TEXT = QBrush(QColor("#c62828"))
NEGATIVE_BRUSH = QBrush(QColor("#fdecea"))
DIMENSIONS: tuple[Dimension, ...] = tuple(Dimension)
SATISFACTION_HEADERS: tuple[str, ...] = (
    ("科室", "问卷份数") + tuple(DIMENSION_LABELS[d] for d in DIMENSIONS) + ("综合",))
SHORT_HEADERS = {"费用告知及收费合理性": "费用告知及\n收费合理性"}  # two lines keep the column narrow
FIRST_DIMENSION_COLUMN = 2
TOTAL_COLUMN = FIRST_DIMENSION_COLUMN + len(DIMENSIONS)
TOTAL_ROW_LABEL = "全院合计"


percent = percent_text  # "93.9%", "—" without answers


def counts_text(counts: AnswerCounts) -> str:
    """"满意 30，基本满意 5，不满意 2，未答 1（满意率 94.6%）"."""
    return (f"满意 {counts.satisfied}，基本满意 {counts.basic}，不满意 {counts.dissatisfied}，"
            f"未答 {counts.unanswered}（满意率 {percent(counts.rate)}）")


class SatisfactionTableModel(QAbstractTableModel):
    """Read-only 满意率 table of one `SatisfactionResults` (None: empty)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._results: SatisfactionResults | None = None
        # per row: (name, forms, counts of each dimension …, total counts)
        self._rows: list[tuple[str, int, tuple[AnswerCounts, ...], AnswerCounts]] = []
        self._lowest: frozenset[str] = frozenset()

    def set_results(self, results: SatisfactionResults | None) -> None:
        self.beginResetModel()
        self._results = results
        self._rows = []
        self._lowest = frozenset()
        if results is not None:
            for dep in results.departments:
                by_code = {d.dimension: d.counts for d in dep.dimensions}
                self._rows.append((dep.department_name, dep.forms,
                                   tuple(by_code.get(d.value, AnswerCounts()) for d in DIMENSIONS),
                                   dep.total))
            by_code = {d.dimension: d.counts for d in results.dimensions}
            self._rows.append((TOTAL_ROW_LABEL, results.forms,
                               tuple(by_code.get(d.value, AnswerCounts()) for d in DIMENSIONS),
                               results.total))
            self._lowest = below_top_codes(results)
        self.endResetModel()

    def results(self) -> SatisfactionResults | None:
        return self._results

    def counts_at(self, row: int, column: int) -> AnswerCounts | None:
        """The answer counts behind a rate cell (None for 科室 and 问卷份数)."""
        _name, _forms, dims, total = self._rows[row]
        if FIRST_DIMENSION_COLUMN <= column < TOTAL_COLUMN:
            return dims[column - FIRST_DIMENSION_COLUMN]
        return total if column == TOTAL_COLUMN else None

    def _is_total(self, row: int) -> bool:
        return row == len(self._rows) - 1

    def _lowest_in_row(self, row: int) -> int | None:
        """Column of the row's lowest dimension rate (None if fewer than two answered or
        if they all print the same; the first of equal lowest)."""
        rates = [(shown(c), i) for i, c in enumerate(self._rows[row][2]) if c.rate is not None]
        if len(rates) < 2 or min(rates)[0] == max(rates)[0]:
            return None
        return FIRST_DIMENSION_COLUMN + min(rates)[1]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(SATISFACTION_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(SATISFACTION_HEADERS):
            return None
        dimension = (DIMENSIONS[section - FIRST_DIMENSION_COLUMN]
                     if FIRST_DIMENSION_COLUMN <= section < TOTAL_COLUMN else None)
        lowest = dimension is not None and dimension.value in self._lowest
        if role == Qt.ItemDataRole.DisplayRole:
            text = SATISFACTION_HEADERS[section]
            return ("▼ " if lowest else "") + SHORT_HEADERS.get(text, text)
        if role == Qt.ItemDataRole.ToolTipRole:
            return SATISFACTION_HEADERS[section] + ("：本月满意率最低的项目之一" if lowest else "")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row, column = index.row(), index.column()
        name, forms, _dims, _total = self._rows[row]
        counts = self.counts_at(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return name
            if column == 1:
                return str(forms)
            return percent(counts.rate) if counts is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return LEFT if column == 0 else CENTER
        if role == Qt.ItemDataRole.ToolTipRole and counts is not None:
            return counts_text(counts)
        if role == Qt.ItemDataRole.BackgroundRole:
            if self._is_total(row):
                dimension = self._dimension(column)
                return LOWEST_BRUSH if dimension in self._lowest else TOTAL_BRUSH
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if not self._is_total(row) and column == self._lowest_in_row(row):
                return LOW_TEXT
            return None
        if role == Qt.ItemDataRole.FontRole and self._is_total(row):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _dimension(self, column: int) -> str | None:
        if FIRST_DIMENSION_COLUMN <= column < TOTAL_COLUMN:
            return DIMENSIONS[column - FIRST_DIMENSION_COLUMN].value
        return None


COMMENT_HEADERS = ("日期", "调查类型", "科室", "意见和建议", "登记为诉求")


def _kind_label(code: str) -> str:
    try:
        return SURVEY_KIND_LABELS[SurveyKind(code)]
    except ValueError:
        return code


class CommentsTableModel(RowTableModel[CommentRow]):
    """The month's comments in the service's order; forms with some
    不满意 answer are shaded (those are the ones to consider registering as matters)."""

    HEADERS = COMMENT_HEADERS
    CENTERED = frozenset({0, 1, 2, 4})

    def cells(self, row: CommentRow) -> tuple[str, ...]:
        return (f"{row.day:%Y-%m-%d}", _kind_label(row.kind), row.department_name,
                mask_phones_in_text(row.comment), row.matter_serial or "")

    def tooltip(self, row: CommentRow, column: int) -> str | None:
        if column != 3:
            return None
        return mask_phones_in_text(row.comment) + ("\n（该问卷有不满意项）" if row.negative else "")

    def background(self, row: CommentRow) -> QBrush | None:
        return NEGATIVE_BRUSH if row.negative else None
