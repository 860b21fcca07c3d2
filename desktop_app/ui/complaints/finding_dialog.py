"""核实结论…: what the office found a criticism, complaint or report to be (DESIGN §1.8).

属实 / 部分属实 count against the target department in the 科室月度满意度考评;
不属实 / 无法核实 need a note saying what was checked. Same pattern as the
step dialogs: typed values named like the service keywords, `save(**values)`
on OK, a ValidationError under its field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.matters import FINDING_LABELS, Finding
from desktop_app.ui.widgets.inputs import RadioChoice, text_box
from desktop_app.ui.widgets.forms import StepDialog

Save = Callable[..., Any]
CLEAR = "clear"
"""The radio code for 清除核实结论 (offered only when a finding is stored)."""


def finding_text(code: str | None, note: str = "") -> str:
    """属实 / 部分属实（note）…, "" without a finding."""
    if not code:
        return ""
    try:
        label = FINDING_LABELS[Finding(code)]
    except ValueError:
        label = code
    return f"{label}（{note}）" if note else label


class FindingDialog(StepDialog):
    """Choose the finding and explain it; 清除 takes a stored finding back."""

    def __init__(self, parent: QWidget | None, current: str | None, note: str, save: Save) -> None:
        super().__init__(parent, self.tr("核实结论"), save)
        choices = [(f.value, FINDING_LABELS[f]) for f in Finding]
        if current:
            choices.append((CLEAR, self.tr("清除（未核实）")))
        self.finding = RadioChoice(choices)
        if current in {f.value for f in Finding}:
            self.finding.set_value(current)
        self.note_edit = text_box(self.tr("核实了什么、如何核实，如：调取监控、询问当班人员"), 96)
        self.note_edit.setPlainText(note)
        hint = QLabel(self.tr("属实、部分属实的计入承办科室当月满意度考评；不属实、无法核实的须填写说明。"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #616161;")
        self.add_row(self.tr("核实结论"), self.finding, "finding")
        self.add_row(self.tr("核实情况说明"), self.note_edit, "note")
        self.form.addRow(hint)

    def values(self) -> dict[str, Any]:
        value = self.finding.value
        return {"finding": None if value == CLEAR else value, "note": self.note_edit.toPlainText()}

    def submit(self) -> Any:
        if self.finding.value is None:
            raise ValidationError("finding", self.tr("请选择核实结论"))
        return super().submit()

    @classmethod
    def ask(cls, parent: QWidget | None, current: str | None, note: str,  # type: ignore[override]
            save: Save) -> Any:
        return cls._run(cls(parent, current, note, save))
