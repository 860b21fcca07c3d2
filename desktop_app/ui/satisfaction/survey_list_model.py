"""The day's forms under the entry form: a table model over frozen `SurveyRow`s.

One column per dimension (short captions) so a mistyped answer stands out;
不满意 is red, 未答 a dash. The phone survey fills 总体 (or 未接通) instead.
Phones are masked (the service masks them in lists).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.records.survey_rows import SurveyRow
from desktop_app.domain.satisfaction import (
    DIMENSION_LABELS, SURVEY_KIND_LABELS, Answer, Dimension, SurveyKind,
)
from desktop_app.ui.widgets.tables import Index, RowTableModel

SHORT_KIND = {SurveyKind.outpatient: "门诊", SurveyKind.inpatient: "住院",
              SurveyKind.public_health: "公卫电话"}
SHORT_ANSWER = {Answer.satisfied: "满意", Answer.basic: "基本", Answer.dissatisfied: "不满意",
                Answer.unanswered: "—"}
DIMENSION_COLUMNS = tuple(str(d) for d in Dimension)
HEADERS = ("序号", "类型", "科室", "患者/被调查人", "效率", "态度", "技术", "宣传", "文明", "环境",
           "费用", "总体", "意见建议", "诉求", "录入")
FIRST_ANSWER, OVERALL, COMMENT, MATTER = 4, 11, 12, 13
DISSATISFIED_BRUSH = QBrush(QColor("#c62828"))
MUTED_BRUSH = QBrush(QColor("#9e9e9e"))


def who(row: SurveyRow) -> str:
    if row.kind == SurveyKind.inpatient:
        bed = f"（{row.bed_no}床）" if row.bed_no else ""
        return f"{row.patient_name}{bed}"
    if row.kind == SurveyKind.public_health:
        return " ".join(p for p in (row.respondent_name, row.phone) if p)
    return ""


def overall_text(row: SurveyRow) -> str:
    if row.kind != SurveyKind.public_health:
        return ""
    if row.reached is False:
        return "未接通"
    return SHORT_ANSWER[Answer(row.overall)]


def cells(row: SurveyRow) -> tuple[str, ...]:
    phone = row.kind == SurveyKind.public_health
    answers = tuple("" if phone else SHORT_ANSWER[Answer(row.answers.get(d, Answer.unanswered))]
                    for d in DIMENSION_COLUMNS)
    return (str(row.id), SHORT_KIND[SurveyKind(row.kind)], row.department_name, who(row),
            *answers, overall_text(row), row.comment.replace("\n", " "), row.matter_serial or "",
            f"{row.entered_by} {row.entered_at:%H:%M}")


def has_dissatisfied(row: SurveyRow) -> bool:
    return Answer.dissatisfied in row.answers.values() or row.overall == Answer.dissatisfied


class SurveyListModel(RowTableModel[SurveyRow]):
    """Read-only rows of the day's forms; `survey_at(row)` gives the SurveyRow."""

    HEADERS = HEADERS
    CENTERED = frozenset(range(len(HEADERS))) - {3, COMMENT}

    def survey_at(self, row: int) -> SurveyRow:
        return self.row_at(row)

    def cells(self, row: SurveyRow) -> tuple[str, ...]:
        return cells(row)

    def tooltip(self, row: SurveyRow, column: int) -> str | None:
        if column == COMMENT and row.comment:
            return row.comment
        return SURVEY_KIND_LABELS[SurveyKind(row.kind)] if column == 1 else None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt's name
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal
                and FIRST_ANSWER <= section < OVERALL):
            return DIMENSION_LABELS[Dimension(DIMENSION_COLUMNS[section - FIRST_ANSWER])]
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """As the kit's, with the colour going by the cell's text: 不满意 red, 未答 and
        未接通 grey."""
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() \
                and 0 <= index.row() < self.rowCount() and 0 <= index.column() < len(HEADERS):
            text = self.cell(index.row(), index.column())
            if text == SHORT_ANSWER[Answer.dissatisfied]:
                return DISSATISFIED_BRUSH
            return MUTED_BRUSH if text in (SHORT_ANSWER[Answer.unanswered], "未接通") else None
        return super().data(index, role)
