"""Widgets of the follow-up task dialog: the attempts table model, the outcome and tier-2
check field groups (shared with the amendment dialog), the "记录本次回访" form and the
tier-1 record panel shown beside a tier-2 form (DESIGN §1.4).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QTableView,
    QVBoxLayout, QWidget,
)

from desktop_app.records.followup_rows import (
    AttemptInput, AttemptRow, CheckInput, OutcomeInput, TaskDetail,
)
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.followup_records import (
    CONDITION_LABELS, METHOD_LABELS, VERDICT_LABELS, ContactMethod,
)
from desktop_app.ui.widgets.inputs import (
    RadioChoice, datetime_edit, from_qdatetime, satisfaction_choice, text_box, to_qdatetime,
)
from desktop_app.ui.followups.task_text import fmt_dt, label_of, tier1_html
from desktop_app.ui.widgets.forms import FieldErrors
from desktop_app.ui.widgets.tables import RowTableModel, fit_columns, make_table_view

YES_NO = (("yes", "是"), ("no", "否"))
REACHED_CHOICES = (("yes", "联系上"), ("no", "未联系上"))


# the attempts table ----------------------------------------------------------------------
class AttemptTableModel(RowTableModel[AttemptRow]):
    """A task's attempts: time, method, reached or not, note, who recorded it; each cell's
    text is its tooltip too; 是否联系上 in green or red."""

    HEADERS = ("时间", "方式", "是否联系上", "情况说明", "记录人")
    CENTERED = frozenset({0, 1, 2, 4})

    def attempt_at(self, row: int) -> AttemptRow:
        return self.row_at(row)

    def cells(self, row: AttemptRow) -> tuple[str, ...]:
        return (fmt_dt(row.at), label_of(METHOD_LABELS, row.method),
                "联系上" if row.reached else "未联系上", row.note, row.recorded_by)

    def tooltip(self, row: AttemptRow, column: int) -> str | None:
        return self.cells(row)[column]

    def foreground(self, row: AttemptRow, column: int) -> QBrush | None:
        return QBrush(QColor("#2e7d32" if row.reached else "#c62828")) if column == 2 else None


# field groups ----------------------------------------------------------------------------
def clear_choice(choice: RadioChoice) -> None:
    """Uncheck every button of an exclusive radio row."""
    choice.group.setExclusive(False)
    for button in choice.buttons.values():
        button.setChecked(False)
    choice.group.setExclusive(True)


def set_yes_no(choice: RadioChoice, value: object) -> None:
    choice.set_value("yes" if value else "no")


def _form(widget: QWidget) -> QFormLayout:
    form = QFormLayout(widget)
    form.setContentsMargins(0, 0, 0, 0)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


class OutcomeFields(QWidget):
    """Condition, guidance given, satisfaction and the patient's own words (意见建议)."""

    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.condition = RadioChoice((str(c), label) for c, label in CONDITION_LABELS.items())
        self.medication_check = QCheckBox(self.tr("用药指导"))
        self.rehab_check = QCheckBox(self.tr("康复指导"))
        self.guidance_note_edit = QLineEdit()
        self.guidance_note_edit.setMaxLength(300)
        self.guidance_note_edit.setPlaceholderText(self.tr("指导的主要内容，如：按时服药、复诊时间"))
        self.satisfaction = satisfaction_choice()
        self.words_edit = text_box(self.tr("患者本人的原话或主要意见，照实记录"), 60)
        guidance = QWidget()
        row = QHBoxLayout(guidance)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.medication_check)
        row.addWidget(self.rehab_check)
        row.addWidget(errors.wrap(self.guidance_note_edit, "guidance_note"), 1)
        form = _form(self)
        form.addRow(self.tr("目前情况"), errors.wrap(self.condition, "condition"))
        form.addRow(self.tr("出院指导"), guidance)
        form.addRow(self.tr("满意度"), errors.wrap(self.satisfaction, "satisfaction"))
        form.addRow(self.tr("意见建议"), errors.wrap(self.words_edit, "words"))

    def values(self) -> dict[str, Any]:
        return {
            "condition": self.condition.value,
            "medication_guidance": self.medication_check.isChecked(),
            "rehab_guidance": self.rehab_check.isChecked(),
            "guidance_note": self.guidance_note_edit.text(),
            "satisfaction": self.satisfaction.value,
            "words": self.words_edit.toPlainText(),
        }

    def outcome_input(self) -> OutcomeInput:
        return OutcomeInput(**self.values())

    def set_values(self, values: Mapping[str, object]) -> None:
        if values.get("condition"):
            self.condition.set_value(str(values["condition"]))
        self.medication_check.setChecked(bool(values.get("medication_guidance")))
        self.rehab_check.setChecked(bool(values.get("rehab_guidance")))
        self.guidance_note_edit.setText(str(values.get("guidance_note") or ""))
        if values.get("satisfaction"):
            self.satisfaction.set_value(str(values["satisfaction"]))
        self.words_edit.setPlainText(str(values.get("words") or ""))

    def clear(self) -> None:
        self.set_values({})
        clear_choice(self.condition)
        clear_choice(self.satisfaction)


class CheckFields(QWidget):
    """Tier 2's check of tier 1: does the patient confirm the call, does the record match."""

    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.confirms = RadioChoice(YES_NO)
        self.matches = RadioChoice(YES_NO)
        self.verdict = RadioChoice((str(v), label) for v, label in VERDICT_LABELS.items())
        self.note_edit = text_box(self.tr("结论不是“已落实”时必填：患者怎么说，与记录哪里不符"), 56)
        form = _form(self)
        form.addRow(self.tr("患者是否确认接到一级回访"), errors.wrap(self.confirms, "confirms_call"))
        form.addRow(self.tr("记录是否与患者所述相符"), errors.wrap(self.matches, "record_matches"))
        form.addRow(self.tr("结论"), errors.wrap(self.verdict, "verdict"))
        form.addRow(self.tr("核查说明"), errors.wrap(self.note_edit, "check_note"))

    def values(self) -> dict[str, Any]:
        """The check as service fields; None for an unanswered yes/no."""
        def yes(choice: RadioChoice) -> bool | None:
            return None if choice.value is None else choice.value == "yes"
        return {"confirms_call": yes(self.confirms), "record_matches": yes(self.matches),
                "verdict": self.verdict.value, "check_note": self.note_edit.toPlainText()}

    def check_input(self) -> CheckInput:
        """The check, or a ValidationError at the first unanswered question."""
        values = self.values()
        if values["confirms_call"] is None:
            raise ValidationError("confirms_call", "请选择患者是否确认接到一级回访")
        if values["record_matches"] is None:
            raise ValidationError("record_matches", "请选择记录是否与患者所述相符")
        return CheckInput(values["confirms_call"], values["record_matches"], values["verdict"],
                          values["check_note"])

    def set_values(self, values: Mapping[str, object]) -> None:
        set_yes_no(self.confirms, values.get("confirms_call"))
        set_yes_no(self.matches, values.get("record_matches"))
        if values.get("verdict"):
            self.verdict.set_value(str(values["verdict"]))
        self.note_edit.setPlainText(str(values.get("check_note") or ""))


def changed_fields(current: Mapping[str, object], edited: Mapping[str, object],
                   fields: Sequence[str]) -> dict[str, object]:
    """The edited values that differ from the current ones (text compared stripped)."""
    def norm(value: object) -> object:
        return value.strip() if isinstance(value, str) else value
    return {f: edited[f] for f in fields if norm(edited.get(f)) != norm(current.get(f))}


def attempts_view(model: AttemptTableModel) -> QTableView:
    """A short read-only table of attempts (a handful of rows at most)."""
    view = make_table_view(model)
    fit_height(view)
    model.modelReset.connect(lambda: fit_height(view))
    return view


def fit_height(view: QTableView, most: int = 4) -> None:
    """As tall as its rows (one empty row at least, `most` rows at most, then it scrolls)."""
    rows = min(max(view.model().rowCount(), 1), most)
    row_height = view.verticalHeader().defaultSectionSize()
    height = view.horizontalHeader().sizeHint().height() + rows * row_height + 2 * view.frameWidth()
    view.setFixedHeight(height)


class RecordForm(QGroupBox):
    """记录本次回访: time, method, reached or not, note; the outcome (and on tier 2 the check
    of tier 1) enabled only when the patient was reached."""

    def __init__(self, errors: FieldErrors, tier: int, now: datetime,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("记录本次回访"))
        self.errors = errors
        self.at_edit = datetime_edit(now.replace(second=0, microsecond=0))
        self.method_choice = RadioChoice((str(m), label) for m, label in METHOD_LABELS.items())
        self.default_method = ContactMethod.visit if tier == 3 else ContactMethod.phone
        self.method_choice.set_value(self.default_method)
        self.reached_choice = RadioChoice(REACHED_CHOICES)
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(200)
        self.note_edit.setPlaceholderText(self.tr("如：无人接听、家属代接、约定下午再打"))
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(3, 1)
        grid.setColumnMinimumWidth(1, 230)
        rows = ((self.tr("回访时间"), self.at_edit, "at", self.tr("回访方式"), self.method_choice,
                 "method"),
                (self.tr("是否联系上"), self.reached_choice, "reached", self.tr("情况说明"),
                 self.note_edit, "note"))
        for r, (label1, widget1, field1, label2, widget2, field2) in enumerate(rows):
            for column, (caption, widget, field) in enumerate(((label1, widget1, field1),
                                                               (label2, widget2, field2))):
                label = QLabel(caption)
                label.setFixedHeight(widget.sizeHint().height())  # level with the field
                grid.addWidget(label, r, 2 * column, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(errors.wrap(widget, field), r, 2 * column + 1)

        self.outcome_fields = OutcomeFields(errors)
        self.outcome_box = QGroupBox(self.tr("回访结果（联系上时填写）"))
        QVBoxLayout(self.outcome_box).addWidget(self.outcome_fields)
        self.check_fields: CheckFields | None = None
        self.check_box: QGroupBox | None = None
        if tier == 2:  # the dialog places it under the tier-1 record it checks
            self.check_fields = CheckFields(errors)
            self.check_box = QGroupBox(self.tr("核查一级回访（联系上患者后，对照上方记录询问）"))
            QVBoxLayout(self.check_box).addWidget(self.check_fields)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.outcome_box)
        self.reached_choice.group.buttonToggled.connect(lambda *_: self._reached_changed())
        self._reached_changed()

    @property
    def reached(self) -> bool:
        return self.reached_choice.value == "yes"

    def _reached_changed(self) -> None:
        self.outcome_box.setEnabled(self.reached)
        if self.check_box is not None:
            self.check_box.setEnabled(self.reached)

    def inputs(self) -> tuple[AttemptInput, OutcomeInput | None, CheckInput | None]:
        """What the form says; a ValidationError for a question left unanswered."""
        if self.reached_choice.value is None:
            raise ValidationError("reached", "请选择是否联系上患者")
        attempt = AttemptInput(at=from_qdatetime(self.at_edit.dateTime()),
                               method=self.method_choice.value, reached=self.reached,
                               note=self.note_edit.text())
        if not self.reached:
            return attempt, None, None
        check = self.check_fields.check_input() if self.check_fields is not None else None
        return attempt, self.outcome_fields.outcome_input(), check

    def reset(self, now: datetime) -> None:
        """Ready for the next call: time now, no answer, empty note and outcome."""
        self.at_edit.setDateTime(to_qdatetime(now.replace(second=0, microsecond=0)))
        self.note_edit.clear()
        clear_choice(self.reached_choice)
        self.outcome_fields.clear()
        self._reached_changed()


class Tier1Panel(QGroupBox):
    """The tier-1 record beside a tier-2 form: its attempts, and its outcome as it stands."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("一级回访记录（供核查）"))
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = AttemptTableModel(parent=self)
        self.attempts_view = attempts_view(self.model)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("一级回访联系记录")))
        layout.addWidget(self.attempts_view)
        layout.addWidget(self.label)

    def show_tier1(self, tier1: TaskDetail | None) -> None:
        self.model.set_rows(tier1.attempts if tier1 is not None else ())
        fit_columns(self.attempts_view, 3)
        self.label.setText(tier1_html(tier1))

    def text(self) -> str:
        """The summary as plain text (tests)."""
        return self.label.text()
