"""The other steps: 无法回访办结, 当场办结, 延期 (office director) and 撤销.

Same pattern as `step_dialogs`: typed values named like the service keywords,
`save(**values)` on OK, a ValidationError under its field (DESIGN §1.1, §1.3).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from desktop_app.domain.matters import CONSENT_METHOD_LABELS, CloseReason
from desktop_app.ui.widgets.inputs import (
    RadioChoice, date_edit, datetime_edit, from_qdate, from_qdatetime, satisfaction_choice,
    text_box,
)
from desktop_app.ui.widgets.forms import StepDialog

Save = Callable[..., Any]

UNREACHABLE_REASONS = (
    (str(CloseReason.anonymous), "匿名，无法回访"),
    (str(CloseReason.unreachable), "无法联系当事人"),
)


class CloseUnreachableDialog(StepDialog):
    """无法回访办结: the complainant was anonymous or could not be reached."""

    def __init__(self, parent: QWidget | None, anonymous: bool, save: Save) -> None:
        super().__init__(parent, self.tr("无法回访，办结"), save)
        self.reason = RadioChoice(UNREACHABLE_REASONS)
        self.reason.set_value(CloseReason.anonymous if anonymous else CloseReason.unreachable)
        self.note_edit = text_box(self.tr("如：三次电话均无人接听（11月24日、25日、26日）"))
        self.add_row(self.tr("原因"), self.reason, "reason")
        self.add_row(self.tr("说明"), self.note_edit, "note")

    def values(self) -> dict[str, Any]:
        return {"reason": self.reason.value or "", "note": self.note_edit.toPlainText()}

    @classmethod
    def ask(cls, parent: QWidget | None, anonymous: bool,  # type: ignore[override]
            save: Save) -> Any:
        return cls._run(cls(parent, anonymous, save))


class OnTheSpotDialog(StepDialog):
    """当场办结 (首诉负责制): what was done at once, and the complainant's satisfaction."""

    def __init__(self, parent: QWidget | None, save: Save) -> None:
        super().__init__(parent, self.tr("当场办结"), save)
        self.resolution_edit = text_box(self.tr("当场如何解决"), 96)
        self.satisfaction = satisfaction_choice()
        self.words_edit = text_box(self.tr("当事人的意见（可不填）"))
        self.add_row(self.tr("处理情况"), self.resolution_edit, "resolution")
        self.add_row(self.tr("满意度"), self.satisfaction, "satisfaction")
        self.add_row(self.tr("当事人意见"), self.words_edit, "words")

    def values(self) -> dict[str, Any]:
        return {
            "resolution": self.resolution_edit.toPlainText(),
            "satisfaction": self.satisfaction.value or "",
            "words": self.words_edit.toPlainText(),
        }

    @classmethod
    def ask(cls, parent: QWidget | None, save: Save) -> Any:  # type: ignore[override]
        return cls._run(cls(parent, save))


class ExtensionDialog(StepDialog):
    """延期: only with the complainant's consent — who, when, how, why, the new deadline."""

    def __init__(self, parent: QWidget | None, current_deadline: date, now: datetime,
                 save: Save) -> None:
        super().__init__(parent, self.tr("延期（须征得当事人同意）"), save)
        note = QLabel(self.tr("当前办理期限：{0}。新的期限须晚于当前期限。").format(
            f"{current_deadline:%Y-%m-%d}"))
        note.setWordWrap(True)
        self.form.addRow(note)
        self.consent_by_edit = QLineEdit()
        self.consent_by_edit.setMaxLength(30)
        self.consent_by_edit.setPlaceholderText(self.tr("同意延期的当事人"))
        self.consent_at_edit = datetime_edit(now)
        self.method_combo = QComboBox()
        for code, label in CONSENT_METHOD_LABELS.items():
            self.method_combo.addItem(label, str(code))
        self.reason_edit = text_box(self.tr("为何需要延期（情况复杂等）"))
        self.new_deadline_edit = date_edit(current_deadline + timedelta(days=7))
        self.add_row(self.tr("同意人"), self.consent_by_edit, "consent_by")
        self.add_row(self.tr("同意时间"), self.consent_at_edit, "consent_at")
        self.add_row(self.tr("同意方式"), self.method_combo, "consent_method")
        self.add_row(self.tr("延期原因"), self.reason_edit, "reason")
        self.add_row(self.tr("新的期限"), self.new_deadline_edit, "new_deadline")

    def values(self) -> dict[str, Any]:
        return {
            "consent_by": self.consent_by_edit.text(),
            "consent_at": from_qdatetime(self.consent_at_edit.dateTime()),
            "consent_method": self.method_combo.currentData(),
            "reason": self.reason_edit.toPlainText(),
            "new_deadline": from_qdate(self.new_deadline_edit.date()),
        }

    @classmethod
    def ask(cls, parent: QWidget | None, current_deadline: date,  # type: ignore[override]
            now: datetime, save: Save) -> Any:
        return cls._run(cls(parent, current_deadline, now, save))


class WithdrawDialog(StepDialog):
    """撤销: only with a reason; the matter stays in the list as 已撤销."""

    def __init__(self, parent: QWidget | None, save: Save) -> None:
        super().__init__(parent, self.tr("撤销诉求"), save)
        self.reason_edit = text_box(self.tr("如：当事人主动撤回、重复登记"))
        self.add_row(self.tr("撤销原因"), self.reason_edit, "reason")

    def values(self) -> dict[str, Any]:
        return {"reason": self.reason_edit.toPlainText()}

    @classmethod
    def ask(cls, parent: QWidget | None, save: Save) -> Any:  # type: ignore[override]
        return cls._run(cls(parent, save))
