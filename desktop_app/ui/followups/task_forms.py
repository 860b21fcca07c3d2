"""The small dialogs of a follow-up task: 登记失访 and 更正回访结果 (DESIGN §1.4).

Both follow `StepDialog`: typed values, `save(**values)` on OK, a ValidationError
shown under its field with the dialog left open, `ask(parent, …)` returning what
`save` returned (None on cancel).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWidget

from desktop_app.records.followup_rows import TaskDetail
from desktop_app.domain.followup_records import MAX_FAILED_ATTEMPTS
from desktop_app.ui.widgets.forms import StepDialog
from desktop_app.ui.widgets.inputs import text_box
from desktop_app.ui.followups.task_parts import CheckFields, OutcomeFields, changed_fields
from desktop_app.ui.followups.task_text import BASE_FIELDS, CHECK_FIELDS
from desktop_app.ui.widgets.labels import note_label

Save = Callable[..., TaskDetail]


class LostDialog(StepDialog):
    """失访: after the failed attempts, the reason the patient cannot be followed up."""

    def __init__(self, parent: QWidget | None, failed: int, save: Save) -> None:
        super().__init__(parent, self.tr("登记失访"), save)
        self.form.addRow(note_label(self.tr(
            "已联系失败 {0} 次（满 {1} 次可登记失访）。登记后该回访任务结束，"
            "不再出现在待访列表中。").format(failed, MAX_FAILED_ATTEMPTS)))
        self.reason_edit = text_box(self.tr("如：电话为空号、停机，家属告知已外出务工，上门无人"))
        self.add_row(self.tr("失访原因"), self.reason_edit, "reason")

    def values(self) -> dict[str, Any]:
        return {"reason": self.reason_edit.toPlainText()}

    @classmethod
    def ask(cls, parent: QWidget | None, failed: int,  # type: ignore[override]
            save: Save) -> TaskDetail | None:
        return cls._run(cls(parent, failed, save))


class AmendDialog(StepDialog):
    """更正: the outcome's fields pre-filled with the current values, and the reason.

    Only the fields that differ are sent; the original record stays as it was.
    """

    def __init__(self, parent: QWidget | None, current: Mapping[str, object], save: Save) -> None:
        super().__init__(parent, self.tr("更正回访结果"), save)
        self.setMinimumWidth(640)
        self._current = dict(current)
        self.tier2 = current.get("verdict") is not None
        self.form.addRow(note_label(self.tr(
            "已保存的回访记录不能修改。更正将与原因一起保留在原始记录旁边，两者都可查看。")))
        self.outcome = OutcomeFields(self.errors)
        self.outcome.set_values(current)
        self.form.addRow(self._boxed(self.tr("回访结果"), self.outcome))
        self.check: CheckFields | None = None
        if self.tier2:
            self.check = CheckFields(self.errors)
            self.check.set_values(current)
            self.form.addRow(self._boxed(self.tr("核查一级回访"), self.check))
        self.reason_edit = text_box(self.tr("为什么更正，如：患者回电补充、录入时选错"), 56)
        self.add_row(self.tr("更正原因"), self.reason_edit, "reason")

    @staticmethod
    def _boxed(title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        QVBoxLayout(box).addWidget(widget)
        return box

    def changes(self) -> dict[str, object]:
        edited = self.outcome.values()
        fields: tuple[str, ...] = BASE_FIELDS
        if self.check is not None:
            edited |= self.check.values()
            fields += CHECK_FIELDS
        return changed_fields(self._current, edited, fields)

    def values(self) -> dict[str, Any]:
        return {"changes": self.changes(), "reason": self.reason_edit.toPlainText()}

    @classmethod
    def ask(cls, parent: QWidget | None, current: Mapping[str, object],  # type: ignore[override]
            save: Save) -> TaskDetail | None:
        return cls._run(cls(parent, current, save))
