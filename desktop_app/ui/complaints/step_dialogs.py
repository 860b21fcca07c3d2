"""The main steps of a matter: 转办 (dispatch), 登记答复 (reply) and 回访 (callback).

Each dialog collects typed values named like the service keywords and calls
`save(**values)` on OK; a ValidationError is shown under its field and the
dialog stays open (DESIGN §1.3 steps 2–4).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QGridLayout, QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from desktop_app.db.services.departments import DepartmentRow
from desktop_app.records.matter_rows import MatterDetail, SheetRow
from desktop_app.domain.matters import Satisfaction
from desktop_app.ui.widgets.inputs import (
    RadioChoice, date_edit, datetime_edit, from_qdate, from_qdatetime, satisfaction_choice,
    text_box,
)
from desktop_app.ui.widgets.forms import StepDialog

Save = Callable[..., MatterDetail]


class DispatchDialog(StepDialog):
    """转办: a 服务问题反馈单 to one or more departments, a reply-by date and instructions."""

    def __init__(self, parent: QWidget | None, departments: Sequence[DepartmentRow],
                 reply_by: date, save: Save, preselect: Sequence[int] = ()) -> None:
        super().__init__(parent, self.tr("转办：签发服务问题反馈单"), save)
        self.department_checks: dict[int, QCheckBox] = {}
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, dept in enumerate(d for d in departments if d.active):
            check = QCheckBox(dept.name)
            check.setChecked(dept.id in preselect)
            self.department_checks[dept.id] = check
            grid.addWidget(check, i // 3, i % 3)
        self.reply_by_edit = date_edit(reply_by)
        self.instructions_edit = text_box(self.tr("办公室的办理要求，如：请于期限内联系当事人并反馈处理结果"))
        self.add_row(self.tr("承办科室"), box, "department_ids")
        self.add_row(self.tr("回复期限"), self.reply_by_edit, "reply_by")
        self.add_row(self.tr("办理要求"), self.instructions_edit, "instructions")

    @property
    def department_ids(self) -> list[int]:
        return [i for i, check in self.department_checks.items() if check.isChecked()]

    def set_departments(self, ids: Sequence[int]) -> None:
        for dept_id, check in self.department_checks.items():
            check.setChecked(dept_id in ids)

    def values(self) -> dict[str, Any]:
        return {
            "department_ids": self.department_ids,
            "reply_by": from_qdate(self.reply_by_edit.date()),
            "instructions": self.instructions_edit.toPlainText(),
        }

    @classmethod
    def ask(cls, parent: QWidget | None, departments: Sequence[DepartmentRow],  # type: ignore[override]
            reply_by: date, save: Save, preselect: Sequence[int] = ()) -> MatterDetail | None:
        return cls._run(cls(parent, departments, reply_by, save, preselect))


def sheet_label(sheet: SheetRow) -> str:
    return f"第{sheet.round}轮 · {sheet.department_name}（回复期限 {sheet.reply_by:%Y-%m-%d}）"


class ReplyDialog(StepDialog):
    """登记答复: which sheet, who contacted the complainant, when, and what was done."""

    def __init__(self, parent: QWidget | None, sheets: Sequence[SheetRow], now: datetime,
                 save: Save) -> None:
        super().__init__(parent, self.tr("登记承办科室答复"), save)
        self.sheet_combo = QComboBox()
        for sheet in sheets:
            self.sheet_combo.addItem(sheet_label(sheet), sheet.id)
        self.replier_edit = QLineEdit()
        self.replier_edit.setMaxLength(30)
        self.replier_edit.setPlaceholderText(self.tr("承办科室联系当事人的人员"))
        self.contacted_edit = datetime_edit(now)
        self.content_edit = text_box(self.tr("科室如何处理、与当事人沟通的情况"), 110)
        self.add_row(self.tr("反馈单"), self.sheet_combo, "sheet_id")
        self.add_row(self.tr("联系人/承办人"), self.replier_edit, "replier")
        self.add_row(self.tr("联系时间"), self.contacted_edit, "contacted_at")
        self.add_row(self.tr("办理情况"), self.content_edit, "content")

    @property
    def sheet_id(self) -> int | None:
        return self.sheet_combo.currentData()

    def values(self) -> dict[str, Any]:
        return {
            "sheet_id": self.sheet_id,
            "replier": self.replier_edit.text(),
            "contacted_at": from_qdatetime(self.contacted_edit.dateTime()),
            "content": self.content_edit.toPlainText(),
        }

    @classmethod
    def ask(cls, parent: QWidget | None, sheets: Sequence[SheetRow],  # type: ignore[override]
            now: datetime, save: Save) -> MatterDetail | None:
        return cls._run(cls(parent, sheets, now, save))


NEXT_STEP_LABELS = (("rehandle", "再次办理（新一轮反馈单）"), ("explain", "解释说明后办结"))


class CallbackDialog(StepDialog):
    """回访: satisfaction and the complainant's words; 不满意 → 再次办理 or 解释说明后办结."""

    def __init__(self, parent: QWidget | None, save: Save) -> None:
        super().__init__(parent, self.tr("回访当事人"), save)
        self.satisfaction = satisfaction_choice()
        self.words_edit = text_box(self.tr("当事人的原话或主要意见"))
        self.unsatisfied_box = QGroupBox(self.tr("不满意时"))
        inner = QVBoxLayout(self.unsatisfied_box)
        self.next_step = RadioChoice(NEXT_STEP_LABELS)
        self.next_step.set_value("rehandle")
        inner.addWidget(self.errors.wrap(self.next_step, "next_step"))
        hint = QLabel(self.tr("因办理质量不满意 → 再次办理；确因现实条件限制无法满足 → 解释说明后办结。"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #616161;")
        inner.addWidget(hint)
        self.explanation_edit = text_box(self.tr("向当事人所作的解释说明"))
        self.path_edit = QLineEdit()
        self.path_edit.setMaxLength(200)
        self.path_edit.setPlaceholderText(self.tr("告知的其他解决途径，如：可向县卫健局反映"))
        inner.addWidget(QLabel(self.tr("解释说明")))
        inner.addWidget(self.errors.wrap(self.explanation_edit, "explanation"))
        inner.addWidget(QLabel(self.tr("告知的途径")))
        inner.addWidget(self.errors.wrap(self.path_edit, "path_offered"))
        self.add_row(self.tr("满意度"), self.satisfaction, "satisfaction")
        self.add_row(self.tr("当事人意见"), self.words_edit, "words")
        self.form.addRow(self.unsatisfied_box)
        self.satisfaction.group.buttonToggled.connect(lambda *_: self._update())
        self.next_step.group.buttonToggled.connect(lambda *_: self._update())
        self._update()

    def _update(self) -> None:
        unsatisfied = self.satisfaction.value == Satisfaction.unsatisfied
        self.unsatisfied_box.setEnabled(unsatisfied)
        explain = unsatisfied and self.next_step.value == "explain"
        self.explanation_edit.setEnabled(explain)
        self.path_edit.setEnabled(explain)

    @property
    def next_step_value(self) -> str:
        if self.satisfaction.value != Satisfaction.unsatisfied:
            return "close"
        return self.next_step.value or "rehandle"

    def values(self) -> dict[str, Any]:
        explain = self.next_step_value == "explain"
        return {
            "satisfaction": self.satisfaction.value or "",
            "words": self.words_edit.toPlainText(),
            "next_step": self.next_step_value,
            "explanation": self.explanation_edit.toPlainText() if explain else "",
            "path_offered": self.path_edit.text() if explain else "",
        }

    @classmethod
    def ask(cls, parent: QWidget | None, save: Save) -> MatterDetail | None:  # type: ignore[override]
        return cls._run(cls(parent, save))

