"""The form for one entry of the 值班日志 (`duty_log_panel`): time, kind, content, result."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.records.inspection_rows import DutyEntryInput, DutyEntryRow
from desktop_app.domain.inspections import DUTY_ENTRY_KIND_LABELS
from desktop_app.ui.widgets.inputs import RadioChoice, datetime_edit, from_qdatetime, text_box
from desktop_app.ui.widgets.forms import StepDialog
from desktop_app.ui.inspections.duty_log_models import weekday_text

Save = Callable[..., Any]


class DutyEntryDialog(StepDialog):
    """One entry of the log: time, kind, what happened, how it was handled."""

    def __init__(self, parent: QWidget | None, day: date, at: datetime, save: Save,
                 initial: DutyEntryRow | None = None) -> None:
        title = self.tr("新增值班记录") if initial is None else self.tr("修改值班记录")
        super().__init__(parent, title, save)
        self.setMinimumWidth(600)
        self.at_edit = datetime_edit(initial.at if initial is not None else at)
        self.kind_choice = RadioChoice(
            (k.value, label) for k, label in DUTY_ENTRY_KIND_LABELS.items())
        self.content_edit = text_box(self.tr("来访、来电或巡查的情况：谁、什么事"), 96)
        self.result_edit = text_box(self.tr("如何处理、答复或交办给谁"), 80)
        day_label = QLabel(weekday_text(day))
        self.add_row(self.tr("值班日期"), day_label)
        self.add_row(self.tr("时间"), self.at_edit, "at")
        self.add_row(self.tr("类别"), self.kind_choice, "kind")
        self.add_row(self.tr("事项内容"), self.content_edit, "content")
        self.add_row(self.tr("处理结果"), self.result_edit, "result")
        if initial is not None:
            self.kind_choice.set_value(initial.kind)
            self.content_edit.setPlainText(initial.content)
            self.result_edit.setPlainText(initial.result)

    def data(self) -> DutyEntryInput:
        return DutyEntryInput(at=from_qdatetime(self.at_edit.dateTime()),
                              kind=self.kind_choice.value,
                              content=self.content_edit.toPlainText(),
                              result=self.result_edit.toPlainText())

    def values(self) -> dict[str, Any]:
        return {"data": self.data()}

    @classmethod
    def ask(cls, parent: QWidget | None, day: date, at: datetime,  # type: ignore[override]
            save: Save, initial: DutyEntryRow | None = None) -> DutyEntryRow | None:
        return cls._run(cls(parent, day, at, save, initial))
