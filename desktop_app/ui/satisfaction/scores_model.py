"""The 科室月度满意度考评 table: one row per department of `MonthScores` (DESIGN §1.8).

For each of the four items the figure it is computed from and its score out of
100 ("—" when the department had no data that month: not scored, its weight
shared out over the others, see `domain.satisfaction`), then 总分 and 名次
(ties share a rank) and 备注 with the substantiated complaints' serials. The
score headers carry the weights; `weights_text` says the rule in words.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desktop_app.records.survey_rows import DepartmentScoreRow, MonthScores
from desktop_app.domain.satisfaction import SCORE_ITEM_LABELS, ScoreItem, ScoreWeights

Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole
CENTER = Qt.AlignmentFlag.AlignCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
UNSCORED_TEXT = QBrush(QColor("#9e9e9e"))
COMPLAINT_TEXT = QBrush(QColor("#c62828"))
SCORE_BRUSH = QBrush(QColor("#eef3f8"))

FIGURE_HEADERS = ("问卷满意率\n满意/有效", "回访满意率\n满意/有效", "回访落实\n落实/核查",
                  "投诉\n属实件数")
SCORE_COLUMNS = (2, 4, 6, 8)  # the four item scores; their figures are one column left
TOTAL_COLUMN, RANK_COLUMN, NOTE_COLUMN = 9, 10, 11
COLUMN_COUNT = 12


def score_text(score: float | None, digits: int = 1) -> str:
    return "—" if score is None else f"{score:.{digits}f}"


def weights_text(weights: ScoreWeights) -> str:
    """The rule in words, as printed on the sheet."""
    parts = "、".join(f"{label} {w}%" for label, w in zip(SCORE_ITEM_LABELS, weights.items,
                                                          strict=True))
    return (f"权重：{parts}；每件属实投诉扣 {weights.complaint_deduction} 分。"
            "各项满分 100 分，总分 = Σ 项目得分 × 权重；当月无数据的项目不计分，"
            "其权重按比例分给其余项目；仅有投诉一项的科室只计分、不参加排名。")


def figures(row: DepartmentScoreRow) -> tuple[str, str, str, str]:
    """The four items' figures: "118/125", "18/20", "9/10", "1"."""
    i = row.inputs
    good = i.survey.satisfied + i.survey.basic
    survey = f"{good}/{i.survey.answered}" if i.survey.answered else "—"
    followup = f"{i.followup_satisfied}/{i.followup_answered}" if i.followup_answered else "—"
    check = f"{i.checked - i.check_failed}/{i.checked}" if i.checked else "—"
    return survey, followup, check, str(i.substantiated)


class ScoresTableModel(QAbstractTableModel):
    """Read-only rows of one `MonthScores` (None: empty); sortable through SORT_ROLE."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._scores: MonthScores | None = None
        self._rows: list[DepartmentScoreRow] = []
        self._figures: list[tuple[str, str, str, str]] = []

    def set_scores(self, scores: MonthScores | None) -> None:
        self.beginResetModel()
        self._scores = scores
        self._rows = list(scores.rows) if scores is not None else []
        self._figures = [figures(r) for r in self._rows]
        self.endResetModel()

    def scores(self) -> MonthScores | None:
        return self._scores

    def row_at(self, row: int) -> DepartmentScoreRow:
        return self._rows[row]

    def headers(self) -> tuple[str, ...]:
        weights = self._scores.weights.items if self._scores is not None else (None,) * 4
        out: list[str] = ["科室"]
        for figure, weight in zip(FIGURE_HEADERS, weights, strict=True):
            out += [figure, "得分" + (f"\n（{weight}%）" if weight is not None else "")]
        return tuple(out + ["总分", "名次", "备注"])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        if role == Qt.ItemDataRole.ToolTipRole and self._scores is not None:
            return weights_text(self._scores.weights)
        return None

    def _item(self, row: int, column: int) -> ScoreItem | None:
        if column in SCORE_COLUMNS:
            return self._rows[row].score.items[SCORE_COLUMNS.index(column)]
        return None

    def display(self, row: int, column: int) -> str:
        r = self._rows[row]
        if column == 0:
            return r.department_name
        if column in SCORE_COLUMNS:
            return score_text(self._item(row, column).score)
        if column + 1 in SCORE_COLUMNS:
            return self._figures[row][SCORE_COLUMNS.index(column + 1)]
        if column == TOTAL_COLUMN:
            return score_text(r.score.total, 2)
        if column == RANK_COLUMN:
            return "—" if r.rank is None else str(r.rank)
        return ("属实投诉：" + "、".join(r.complaints)) if r.complaints else ""

    def sort_value(self, row: int, column: int) -> Any:
        r = self._rows[row]
        if column == 0:
            return r.department_name
        if column in SCORE_COLUMNS:
            score = self._item(row, column).score
            return -1.0 if score is None else score
        if column == TOTAL_COLUMN:
            return -1.0 if r.score.total is None else r.score.total
        if column == RANK_COLUMN:
            return 10_000 if r.rank is None else r.rank
        if column == SCORE_COLUMNS[3] - 1:
            return r.inputs.substantiated
        return self.display(row, column)

    def _tooltip(self, row: int, column: int) -> str | None:
        item = self._item(row, column)
        if item is not None:
            if item.score is None:
                return f"本月无数据，不计分（权重 {item.weight}% 按比例分给其余项目）"
            if abs(item.effective_weight - item.weight) > 1e-9:
                return f"权重 {item.weight}%，本月实际权重 {item.effective_weight:.1f}%"
            return f"权重 {item.weight}%"
        if column == NOTE_COLUMN and self._rows[row].complaints:
            return self.display(row, column)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, column)
        if role == SORT_ROLE:
            return self.sort_value(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return LEFT if column in (0, NOTE_COLUMN) else CENTER
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            item = self._item(row, column)
            if item is not None and item.score is None:
                return UNSCORED_TEXT
            complaint_columns = (SCORE_COLUMNS[3] - 1, NOTE_COLUMN)
            if column in complaint_columns and self._rows[row].inputs.substantiated:
                return COMPLAINT_TEXT
            return None
        if role == Qt.ItemDataRole.BackgroundRole and column in (TOTAL_COLUMN, RANK_COLUMN):
            return SCORE_BRUSH
        if role == Qt.ItemDataRole.FontRole and column in (TOTAL_COLUMN, RANK_COLUMN):
            font = QFont()
            font.setBold(True)
            return font
        return None
