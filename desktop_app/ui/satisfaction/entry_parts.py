"""Parts of the questionnaire entry form: the fields of the inpatient opinion form and of the
public-health phone survey, and the day's quota line.

The quota line (DESIGN §1.7) reads "今日 内科：已收 12 份 / 门诊 40 人次 = 30.0%（要求 30%）":
below the quota it is red with the shortfall, met it is green, and more
questionnaires than visits is a warning (one of the two numbers is wrong),
never a refusal.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox,
    QVBoxLayout, QWidget,
)

from desktop_app.db.services.departments import DepartmentRow
from desktop_app.records.survey_rows import QuotaRow, SurveyRow
from desktop_app.db.services.surveys import CARDS_MAX
from desktop_app.domain.satisfaction import (
    DIMENSION_LABELS, PUBLIC_HEALTH_SERVICES, SURVEY_KIND_LABELS, Answer, SurveyKind,
)
from desktop_app.ui.satisfaction.answer_row import REACHED_CHOICES, AnswerRow
from desktop_app.ui.widgets.forms import FieldErrors

SERVICE_ITEMS = PUBLIC_HEALTH_SERVICES

KINDS: tuple[tuple[str, str], ...] = (
    (SurveyKind.outpatient, "门诊问卷"), (SurveyKind.inpatient, "住院意见表"),
    (SurveyKind.public_health, "公卫电话调查"),
)
KIND_BUTTON_STYLE = ("QPushButton { padding: 4px 14px; }"
                     "QPushButton:checked { background: #1e88e5; color: white; font-weight: bold;"
                     " border: 1px solid #1565c0; border-radius: 3px; }")
TONE_STYLES = {
    "good": "color: #1b5e20; background: #e8f5e9;",
    "short": "color: #b71c1c; background: #fdecea;",
    "warn": "color: #8a6d00; background: #fff8e1;",
    "none": "color: #424242; background: #f5f5f5;",
}
QUOTA_STYLE = "font-size: 12pt; font-weight: bold; padding: 8px 10px; border-radius: 4px; %s"


def percent(ratio: float) -> str:
    """0.3 → "30%", 0.125 → "12.5%"."""
    return f"{ratio * 100:.1f}".rstrip("0").rstrip(".") + "%"


def day_word(day: date, today: date) -> str:
    return "今日" if day == today else f"{day.month}月{day.day}日"


def quota_text(row: QuotaRow, today: date) -> tuple[str, str]:
    """The outpatient quota line of one day and department, and its tone (TONE_STYLES key)."""
    quota = row.quota
    head = f"{day_word(row.day, today)} {row.department_name}：已收 {row.surveys} 份"
    need = f"（要求 {percent(row.ratio)}）"
    if row.visits is None:
        return f"{head}，门诊人次未录入{need}", "none"
    sampled = "—" if quota.sampled is None else f"{quota.sampled * 100:.1f}%"
    text = f"{head} / 门诊 {row.visits} 人次 = {sampled}{need}"
    if quota.exceeds_visits:
        return text + "\n问卷份数多于门诊人次：请核对当日门诊人次", "warn"
    if quota.met:
        return text + "　已达标", "good"
    return text + f"　还差 {quota.shortfall} 份", "short"


def count_text(kind: str, day: date, today: date, department: str, forms: list[SurveyRow]) -> str:
    """The line shown for the inpatient and phone surveys, which have no quota."""
    head = f"{day_word(day, today)} {department}：{SURVEY_KIND_LABELS[SurveyKind(kind)]}已录入 {len(forms)} 份"
    if kind == SurveyKind.inpatient:
        return head + f"，发放医患连心卡 {sum(f.cards_given for f in forms)} 张"
    reached = sum(1 for f in forms if f.reached)
    return head + f"，接通 {reached} 人"


def line_edit(max_len: int, placeholder: str = "", width: int = 0) -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(max_len)
    edit.setPlaceholderText(placeholder)
    if width:
        edit.setFixedWidth(width)
    return edit


def dimension_rows(parent: QWidget | None = None) -> dict[str, AnswerRow]:
    """One AnswerRow per dimension, in seed 000's order."""
    return {str(dim): AnswerRow(label, parent=parent) for dim, label in DIMENSION_LABELS.items()}


def _labelled(grid: QGridLayout, row: int, column: int, caption: str, widget: QWidget) -> None:
    label = QLabel(caption)
    label.setBuddy(widget)
    grid.addWidget(label, row, column)
    grid.addWidget(widget, row, column + 1)


class InpatientFields(QWidget):
    """住院患者征求意见表: the patient, the bed and the 医患连心卡 handed out."""

    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.patient_edit = line_edit(30, self.tr("可不填"), 140)
        self.bed_edit = line_edit(10, "", 70)
        self.cards_spin = QSpinBox()
        self.cards_spin.setRange(0, CARDS_MAX)
        self.cards_spin.setSuffix(self.tr(" 张"))
        self.cards_spin.setFixedWidth(80)
        self.cards_spin.setValue(1)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        _labelled(grid, 0, 0, self.tr("患者(&P)"), errors.wrap(self.patient_edit, "patient_name"))
        _labelled(grid, 0, 2, self.tr("床号"), errors.wrap(self.bed_edit, "bed_no"))
        _labelled(grid, 0, 4, self.tr("发放连心卡"), errors.wrap(self.cards_spin, "cards_given"))
        grid.setColumnStretch(6, 1)

    def chain(self) -> list[QWidget]:
        return [self.patient_edit, self.bed_edit, self.cards_spin]

    def clear(self) -> None:
        """Start a new form: no patient, one card (the usual case)."""
        self.patient_edit.clear()
        self.bed_edit.clear()
        self.cards_spin.setValue(1)

    def values(self) -> dict[str, Any]:
        """The SurveyInput fields of this part."""
        return dict(patient_name=self.patient_edit.text(), bed_no=self.bed_edit.text(),
                    cards_given=self.cards_spin.value())

    def is_blank(self) -> bool:
        return not (self.patient_edit.text() or self.bed_edit.text())

    def load(self, row: SurveyRow) -> None:
        self.patient_edit.setText(row.patient_name)
        self.bed_edit.setText(row.bed_no)
        self.cards_spin.setValue(row.cards_given)


class PhoneFields(QWidget):
    """基本公卫电话调查: who was called, about which service, reached or not, overall answer.

    The overall answer is only possible once the call went through: choosing
    未接通 clears and disables it, and the form moves on to the comment.
    """

    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.respondent_edit = line_edit(30, "", 140)
        self.phone_edit = line_edit(30, self.tr("手机或带区号的座机"), 150)
        self.service_combo = QComboBox()
        self.service_combo.setEditable(True)
        self.service_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.service_combo.lineEdit().setMaxLength(30)
        self.service_combo.addItem("")
        self.service_combo.addItems(SERVICE_ITEMS)
        self.service_combo.setMinimumWidth(220)
        self.reached_row = AnswerRow(self.tr("是否接通 *"), REACHED_CHOICES)
        self.overall_row = AnswerRow(self.tr("总体满意度"))
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        _labelled(grid, 0, 0, self.tr("被调查人 *(&R)"),
                  errors.wrap(self.respondent_edit, "respondent_name"))
        _labelled(grid, 0, 2, self.tr("电话"), errors.wrap(self.phone_edit, "phone"))
        _labelled(grid, 0, 4, self.tr("服务项目"), errors.wrap(self.service_combo, "service_item"))
        grid.setColumnStretch(6, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(grid)
        layout.addWidget(errors.wrap(self.reached_row, "reached"))
        layout.addWidget(errors.wrap(self.overall_row, "overall"))
        self.reached_row.answered.connect(lambda _code: self._reached_changed())

    def chain(self) -> list[QWidget]:
        return [self.respondent_edit, self.phone_edit, self.service_combo, self.reached_row,
                self.overall_row]

    def reached(self) -> bool | None:
        value = self.reached_row.value
        return None if value is None else value == "yes"

    def _reached_changed(self) -> None:
        reached = self.reached() is not False
        if not reached:
            self.overall_row.set_value(None)
        self.overall_row.setEnabled(reached)

    def clear(self) -> None:
        """Start a new call: the service item stays (a call list is usually one item)."""
        self.respondent_edit.clear()
        self.phone_edit.clear()
        self.reached_row.set_value(None)
        self.overall_row.set_value(None)
        self.overall_row.setEnabled(True)

    def values(self) -> dict[str, Any]:
        """The SurveyInput fields of this part (an overall answer left blank is 未答)."""
        return dict(overall=self.overall_row.value or Answer.unanswered.value,
                    respondent_name=self.respondent_edit.text(), phone=self.phone_edit.text(),
                    service_item=self.service_combo.currentText(), reached=self.reached())

    def is_blank(self) -> bool:
        return not (self.respondent_edit.text() or self.phone_edit.text()
                    or self.reached_row.value or self.overall_row.value)

    def load(self, row: SurveyRow) -> None:
        self.respondent_edit.setText(row.respondent_name)
        self.phone_edit.setText(row.phone)
        self.service_combo.setCurrentText(row.service_item)
        self.reached_row.set_value(None if row.reached is None else ("yes" if row.reached else "no"))
        self._reached_changed()
        self.overall_row.set_value(row.overall)


class KindSelector(QWidget):
    """The three kinds of form as a row of buttons; Ctrl+1/2/3 anywhere in `scope` choose one.

    The buttons take no focus, so Tab stays among the form's fields.
    """

    chosen = Signal(str)

    def __init__(self, scope: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        for number, (code, label) in enumerate(KINDS, start=1):
            button = QPushButton(f"{label}  Ctrl+{number}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setStyleSheet(KIND_BUTTON_STYLE)
            button.clicked.connect(lambda _c=False, k=str(code): self.chosen.emit(k))
            self.group.addButton(button)
            self.buttons[str(code)] = button
            row.addWidget(button)
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), scope)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda k=str(code): self.chosen.emit(k))
        self.buttons[SurveyKind.outpatient].setChecked(True)

    def kind(self) -> str:
        return next(code for code, b in self.buttons.items() if b.isChecked())

    def set_kind(self, kind: str) -> None:
        self.buttons[kind].setChecked(True)

    def lock(self, kind: str | None) -> None:
        """Only `kind` can be chosen (a correction keeps its kind); None: all again."""
        for code, button in self.buttons.items():
            button.setEnabled(kind is None or code == kind)


class QuotaLine(QWidget):
    """The day's line above the items and the 录入/更正门诊人次… button beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.visits_button = QPushButton(self.tr("录入门诊人次…"))
        self.visits_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.visits_button, 0, Qt.AlignmentFlag.AlignVCenter)

    def show_row(self, row: QuotaRow, today: date) -> None:
        self.show_text(*quota_text(row, today))
        self.visits_button.setText(self.tr("录入门诊人次…") if row.visits is None
                                   else self.tr("更正门诊人次…"))

    def show_text(self, text: str, tone: str) -> None:
        self.label.setText(text)
        self.label.setProperty("tone", tone)
        self.label.setStyleSheet(QUOTA_STYLE % TONE_STYLES[tone])

    def tone(self) -> str:
        return str(self.label.property("tone"))


def key_help() -> QLabel:
    label = QLabel(
        "<b>键盘录入</b>　<b>1</b> 满意　<b>2</b> 基本满意　<b>3</b> 不满意　<b>0</b> 未答"
        "（按键后自动跳到下一项）<br>"
        "<b>Enter</b> 保存并开始下一份（日期、科室、类型保留）　"
        "<b>Backspace</b>/<b>Esc</b> 回到上一项　<b>↑</b>/<b>↓</b> 移动<br>"
        "<b>Ctrl+1/2/3</b> 门诊/住院/公卫　<b>Alt+D</b> 日期　<b>Alt+K</b> 科室　"
        "<b>Alt+Y</b> 意见建议")
    label.setStyleSheet("color: #455a64; background: #eceff1; padding: 6px 8px;"
                        " border-radius: 3px;")
    label.setWordWrap(True)
    return label


def department_items(departments: list[DepartmentRow], keep: int | None = None
                     ) -> list[tuple[str, int]]:
    """Active departments, clinical ones first (plus `keep`, a department on a loaded form)."""
    usable = [d for d in departments if d.active or d.id == keep]
    return [(d.name, d.id) for d in usable if d.is_clinical] + \
        [(d.name, d.id) for d in usable if not d.is_clinical]


def separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setStyleSheet("color: #cfd8dc;")
    return line


def stacked(*widgets: QWidget) -> QWidget:
    """The widgets one under the other, tightly."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(1)
    for widget in widgets:
        layout.addWidget(widget)
    return box


def hbox(*widgets: QWidget, stretch: bool = True) -> QHBoxLayout:
    layout = QHBoxLayout()
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    if stretch:
        layout.addStretch(1)
    return layout
