"""The 科室月度满意度考评 table: one row per department of `MonthScores` (DESIGN §1.8).

For each of the four items the figure it is computed from and its score out of
100 ("—" when the department had no data that month: not scored, its weight
shared out over the others, see `domain.satisfaction`), then 总分 and 名次
(ties share a rank) and 备注 with the substantiated complaints' serials. The
score headers carry the weights; `weights_text` says the rule in words.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desktop_app.records.survey_rows import DepartmentScoreRow, MonthScores
from desktop_app.domain.satisfaction import SCORE_ITEM_LABELS, ScoreItem, ScoreWeights
from desktop_app.ui.widgets.tables import SORT_ROLE, Index, RowTableModel

__all__ = ["NOTE_COLUMN", "SORT_ROLE", "ScoresTableModel", "figures", "score_text",
           "weights_text"]
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


def _item(row: DepartmentScoreRow, column: int) -> ScoreItem | None:
    if column in SCORE_COLUMNS:
        return row.score.items[SCORE_COLUMNS.index(column)]
    return None


class ScoresTableModel(RowTableModel[DepartmentScoreRow]):
    """Read-only rows of one `MonthScores` (None: empty); sortable through SORT_ROLE."""

    CENTERED = frozenset(range(COLUMN_COUNT)) - {0, NOTE_COLUMN}

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._scores: MonthScores | None = None

    def set_scores(self, scores: MonthScores | None) -> None:
        self._scores = scores
        self.set_rows(scores.rows if scores is not None else ())

    def scores(self) -> MonthScores | None:
        return self._scores

    def headers(self) -> tuple[str, ...]:
        weights = self._scores.weights.items if self._scores is not None else (None,) * 4
        out: list[str] = ["科室"]
        for figure, weight in zip(FIGURE_HEADERS, weights, strict=True):
            out += [figure, "得分" + (f"\n（{weight}%）" if weight is not None else "")]
        return tuple(out + ["总分", "名次", "备注"])

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt's name
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < COLUMN_COUNT and self._scores is not None):
            return weights_text(self._scores.weights)
        return super().headerData(section, orientation, role)

    def cells(self, row: DepartmentScoreRow) -> tuple[str, ...]:
        survey, followup, check, complaints = figures(row)
        items = [score_text(item.score) for item in row.score.items]
        return (row.department_name, survey, items[0], followup, items[1], check, items[2],
                complaints, items[3], score_text(row.score.total, 2),
                "—" if row.rank is None else str(row.rank),
                ("属实投诉：" + "、".join(row.complaints)) if row.complaints else "")

    def sort_key(self, row: DepartmentScoreRow, column: int) -> Any:
        if column == 0:
            return row.department_name
        item = _item(row, column)
        if item is not None:
            return -1.0 if item.score is None else item.score
        if column == TOTAL_COLUMN:
            return -1.0 if row.score.total is None else row.score.total
        if column == RANK_COLUMN:
            return 10_000 if row.rank is None else row.rank
        if column == SCORE_COLUMNS[3] - 1:
            return row.inputs.substantiated
        return self.cells(row)[column]

    def tooltip(self, row: DepartmentScoreRow, column: int) -> str | None:
        item = _item(row, column)
        if item is not None:
            if item.score is None:
                return f"本月无数据，不计分（权重 {item.weight}% 按比例分给其余项目）"
            if abs(item.effective_weight - item.weight) > 1e-9:
                return f"权重 {item.weight}%，本月实际权重 {item.effective_weight:.1f}%"
            return f"权重 {item.weight}%"
        if column == NOTE_COLUMN and row.complaints:
            return self.cells(row)[column]
        return None

    def foreground(self, row: DepartmentScoreRow, column: int) -> QBrush | None:
        item = _item(row, column)
        if item is not None and item.score is None:
            return UNSCORED_TEXT
        if column in (SCORE_COLUMNS[3] - 1, NOTE_COLUMN) and row.inputs.substantiated:
            return COMPLAINT_TEXT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """As the kit's, with 总分 and 名次 shaded and bold."""
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.FontRole) \
                and index.isValid() and 0 <= index.row() < self.rowCount():
            if index.column() not in (TOTAL_COLUMN, RANK_COLUMN):
                return None
            if role == Qt.ItemDataRole.BackgroundRole:
                return SCORE_BRUSH
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)
