"""问卷录入: the keyboard-first form the front desk types a stack of paper questionnaires into.

The key flow (DESIGN §1.7, issue 6 "a questionnaire takes a few seconds"):
each dimension is a row that takes one key — 1 满意, 2 基本满意, 3 不满意,
0 未答 — and moves on to the next row; Backspace/Esc step back a row; after
the last row come the form's own fields (inpatient: patient, bed, cards) and
the comment. Enter anywhere in the form saves, then starts the next form with
the kind, date and department kept and the focus on the first item again (the
first dimension; the respondent for the phone survey). Items left blank are
saved as 未答. Ctrl+1/2/3 switch between the three kinds of form.

After each save the day's quota line for the date and department is
refreshed; more questionnaires than visits is a warning with a button to
correct the visits, never a refusal. Errors appear under their field.
The form can also load a saved form (`edit`) and save it as a correction.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop_app.db.database import Database
from desktop_app.db.services.departments import list_departments
from desktop_app.records.survey_rows import QuotaRow, SavedSurvey, SurveyInput, SurveyRow
from desktop_app.db.services.surveys import record_survey, update_survey
from desktop_app.db.services.surveys_query import list_surveys, quota_day
from desktop_app.db.tx import Actor
from desktop_app.domain.satisfaction import Answer, SurveyKind
from desktop_app.ui.widgets.inputs import date_edit, from_qdate, to_qdate
from desktop_app.ui.satisfaction.answer_row import AnswerRow
from desktop_app.ui.satisfaction.entry_parts import (
    InpatientFields, KindSelector, PhoneFields, QuotaLine, count_text, department_items,
    dimension_rows, hbox, key_help, line_edit, separator, stacked,
)
from desktop_app.ui.widgets.forms import FieldErrors
from desktop_app.ui.widgets.service import call_service

Now = Callable[[], datetime]
RETURN_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})


class SurveyEntryForm(QWidget):
    """The entry form; `saved` carries each SavedSurvey, `visits_requested` asks for the
    visits dialog of (day, department_id)."""

    saved = Signal(object)
    visits_requested = Signal(object, object)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 now: Now) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self._now = now
        self.editing: SurveyRow | None = None
        self._before_edit: tuple[date, int | None] | None = None
        self.last_quota: QuotaRow | None = None
        self.entered = 0  # forms saved since the tab opened: the clerk's stack
        self.errors = FieldErrors()

        self.kinds = KindSelector(self)
        self.kind_buttons = self.kinds.buttons
        self.day_edit = date_edit(self.today())
        self.department_combo = QComboBox()
        self.department_combo.setMinimumWidth(130)
        self.department_combo.addItem(self.tr("（请选择）"), None)
        day_label, department_label = QLabel(self.tr("调查日期(&D)")), QLabel(self.tr("科室(&K)"))
        day_label.setBuddy(self.day_edit)
        department_label.setBuddy(self.department_combo)
        self.mode_label = QLabel()
        self.mode_label.setStyleSheet("color: #8a6d00; background: #fff8e1; padding: 3px 8px;")
        self.mode_label.hide()

        self.dimension_rows = dimension_rows()
        self.dimensions = stacked(*self.dimension_rows.values())
        self.dimensions.setFocusProxy(self.dimension_rows["efficiency"])  # an error lands there
        self.dimensions_box = self.errors.wrap(self.dimensions, "answers")
        self.inpatient = InpatientFields(self.errors)
        self.phone = PhoneFields(self.errors)
        self.comment_edit = line_edit(1000, self.tr("患者写的意见建议（可不填）"))
        comment_label = QLabel(self.tr("意见建议(&Y)"))
        comment_label.setBuddy(self.comment_edit)
        self.save_button = QPushButton(self.tr("保存（Enter）"))
        self.save_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancel_button = QPushButton(self.tr("取消修改"))
        self.cancel_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancel_button.hide()
        self.status_label = QLabel()
        self.status_label.setStyleSheet("color: #1b5e20;")
        self.quota_line = QuotaLine()
        self.quota_label, self.visits_button = self.quota_line.label, self.quota_line.visits_button

        header = hbox(self.errors.wrap(self.kinds, "kind"), stretch=False)
        header.addSpacing(16)
        header.addWidget(day_label)
        header.addWidget(self.errors.wrap(self.day_edit, "day"))
        header.addSpacing(8)
        header.addWidget(department_label)
        header.addWidget(self.errors.wrap(self.department_combo, "department_id"))
        header.addStretch(1)
        comment_row = hbox(comment_label, stretch=False)
        comment_row.addWidget(self.errors.wrap(self.comment_edit, "comment"), 1)
        buttons = hbox(self.save_button, self.cancel_button, self.status_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self.quota_line)
        layout.addWidget(self.mode_label)
        layout.addWidget(separator())
        layout.addWidget(self.phone)
        layout.addWidget(self.dimensions_box)
        layout.addWidget(self.inpatient)
        layout.addLayout(comment_row)
        layout.addLayout(buttons)
        layout.addStretch(1)
        layout.addWidget(key_help())

        for row in self._answer_rows():
            row.answered.connect(lambda _code, r=row: self.advance_from(r))
            row.next_requested.connect(lambda r=row: self.advance_from(r))
            row.back_requested.connect(lambda r=row: self.back_from(r))
        self.kinds.chosen.connect(self.set_kind)
        self.save_button.clicked.connect(lambda: self.save())
        self.cancel_button.clicked.connect(self.cancel_edit)
        self.visits_button.clicked.connect(
            lambda: self.visits_requested.emit(self.day(), self.department_id()))
        self.day_edit.dateChanged.connect(lambda _d: self.refresh_quota())
        self.department_combo.currentIndexChanged.connect(lambda _i: self.refresh_quota())
        self._show_kind()
        self.load_departments()

    # state --------------------------------------------------------------------------
    def today(self) -> date:
        return self._now().date()

    def kind(self) -> str:
        return self.kinds.kind()

    def day(self) -> date:
        return from_qdate(self.day_edit.date())

    def department_id(self) -> int | None:
        return self.department_combo.currentData()

    def set_day(self, day: date) -> None:
        self.day_edit.setDate(to_qdate(day))

    def set_department(self, department_id: int | None) -> None:
        self.department_combo.setCurrentIndex(max(0, self.department_combo.findData(department_id)))

    def _answer_rows(self) -> list[AnswerRow]:
        return [*self.dimension_rows.values(), self.phone.reached_row, self.phone.overall_row]

    def chain(self) -> list[QWidget]:
        """The per-form fields in typing order (date and department are kept, not in it)."""
        if self.kind() == SurveyKind.public_health:
            return [*self.phone.chain(), self.comment_edit]
        fields: list[QWidget] = list(self.dimension_rows.values())
        if self.kind() == SurveyKind.inpatient:
            fields += self.inpatient.chain()
        return [*fields, self.comment_edit]

    def first_field(self) -> QWidget:
        return self.chain()[0]

    def current_field(self) -> QWidget | None:
        """The chain field holding the keyboard focus (or containing the widget that does)."""
        focus = self.focusWidget()
        if focus is None:
            return None
        return next((w for w in self.chain() if w is focus or w.isAncestorOf(focus)), None)

    # key flow -----------------------------------------------------------------------
    def _step(self, widget: QWidget, step: int) -> None:
        chain = self.chain()
        if widget not in chain:
            return
        i = chain.index(widget) + step
        while 0 <= i < len(chain) and not chain[i].isEnabled():
            i += step
        if 0 <= i < len(chain):
            chain[i].setFocus(Qt.FocusReason.TabFocusReason)
            if isinstance(chain[i], QLineEdit):
                chain[i].selectAll()

    def advance_from(self, widget: QWidget) -> None:
        self._step(widget, 1)

    def back_from(self, widget: QWidget) -> None:
        self._step(widget, -1)

    def focus_first(self) -> None:
        self.first_field().setFocus(Qt.FocusReason.OtherFocusReason)

    def is_blank(self) -> bool:
        """Nothing typed into this form yet (kind, date, department and kept values aside)."""
        part = {SurveyKind.public_health: self.phone, SurveyKind.inpatient: self.inpatient}.get(
            SurveyKind(self.kind()))
        return not (self.comment_edit.text() or any(r.value for r in self.dimension_rows.values())
                    or (part is not None and not part.is_blank()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter saves from any field (from the date or department of a blank form it goes
        to the first item instead); Esc in a text field steps back (rows do it themselves)."""
        if event.key() in RETURN_KEYS and not event.modifiers() & Qt.KeyboardModifier.AltModifier:
            event.accept()
            focus = self.focusWidget()
            in_header = focus is not None and any(
                w is focus or w.isAncestorOf(focus) for w in (self.day_edit, self.department_combo))
            if in_header and self.is_blank():
                self.focus_first()
            else:
                self.save()
            return
        if event.key() == Qt.Key.Key_Escape:
            current = self.current_field()
            if current is not None:
                event.accept()
                self.back_from(current)
                return
        super().keyPressEvent(event)

    # kinds --------------------------------------------------------------------------
    def set_kind(self, kind: str) -> None:
        """Switch to another kind of form: a new, empty form of that kind."""
        if self.editing is not None and kind != self.editing.kind:
            return  # a correction keeps the kind of the form it corrects
        self.kinds.set_kind(kind)
        self._show_kind()
        self.clear_form()
        self.refresh_quota()
        self.focus_first()

    def _show_kind(self) -> None:
        kind = self.kind()
        self.dimensions_box.setVisible(kind != SurveyKind.public_health)
        self.inpatient.setVisible(kind == SurveyKind.inpatient)
        self.phone.setVisible(kind == SurveyKind.public_health)
        self.visits_button.setVisible(kind == SurveyKind.outpatient)
        order = [self.day_edit, self.department_combo, *self.chain()]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)

    def clear_form(self) -> None:
        """Empty the per-form fields; kind, date and department stay."""
        for row in self.dimension_rows.values():
            row.set_value(None)
        self.inpatient.clear()
        self.phone.clear()
        self.comment_edit.clear()
        self.errors.clear()

    # loading ------------------------------------------------------------------------
    def load_departments(self) -> None:
        keep = self.editing.department_id if self.editing else None
        ok, departments = call_service(self, self.db, lambda s: list_departments(session=s))
        if not ok or departments is None:
            return
        current = self.department_id()
        combo = self.department_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("（请选择）"), None)
        for name, dep_id in department_items(departments, keep):
            combo.addItem(name, dep_id)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)
        self.refresh_quota()

    def refresh(self) -> None:
        self.load_departments()

    def refresh_quota(self) -> None:
        """The day's line for the date and department: the quota (outpatient) or a count."""
        department_id, day, kind = self.department_id(), self.day(), self.kind()
        if department_id is None:
            self.quota_line.show_text(self.tr("请选择科室，这里会显示当日的抽样完成情况"), "none")
            return
        if kind == SurveyKind.outpatient:
            ok, row = call_service(self, self.db, lambda s: quota_day(
                session=s, day=day, department_id=department_id))
            if ok and row is not None:
                self.show_quota(row)
            return
        ok, forms = call_service(self, self.db, lambda s: list_surveys(
            session=s, kind=kind, day_from=day, day_to=day, department_id=department_id))
        if ok and forms is not None:
            self.quota_line.show_text(count_text(
                kind, day, self.today(), self.department_combo.currentText(), forms), "none")

    def show_quota(self, row: QuotaRow) -> None:
        self.last_quota = row
        self.quota_line.show_row(row, self.today())

    def quota_tone(self) -> str:
        return self.quota_line.tone()

    # saving -------------------------------------------------------------------------
    def survey_input(self) -> SurveyInput:
        kind = self.kind()
        fields: dict = dict(kind=kind, day=self.day(), department_id=self.department_id(),
                            comment=self.comment_edit.text())
        if kind == SurveyKind.public_health:
            return SurveyInput(**fields, **self.phone.values())
        fields["answers"] = {dim: row.value or Answer.unanswered.value
                             for dim, row in self.dimension_rows.items()}
        if kind == SurveyKind.inpatient:
            fields |= self.inpatient.values()
        return SurveyInput(**fields)

    def save(self) -> SavedSurvey | None:
        """Save the form (or the correction); the next form starts with kind, date, department kept."""
        data, editing = self.survey_input(), self.editing
        today, now = self.today(), self._now()

        def write(session) -> SavedSurvey:
            if editing is None:
                return record_survey(session=session, actor=self.actor, data=data, today=today,
                                     now=now)
            return update_survey(session=session, actor=self.actor, survey_id=editing.id,
                                 data=data, today=today, now=now)

        ok, saved = call_service(self, self.db, write, self.errors)
        if not ok or saved is None:
            return None
        if editing is not None:
            self._leave_edit()
            self.status_label.setText(self.tr("已保存修改"))
        else:
            self.entered += 1
            self.status_label.setText(self.tr("已保存 {0} {1}　本次共录入 {2} 份").format(
                saved.survey.entered_at.strftime("%H:%M:%S"), saved.survey.department_name,
                self.entered))
        self.clear_form()
        if saved.quota is not None and saved.quota.department_id == self.department_id() \
                and saved.quota.day == self.day() and self.kind() == SurveyKind.outpatient:
            self.show_quota(saved.quota)
        else:
            self.refresh_quota()
        self.saved.emit(saved)
        self.focus_first()
        return saved

    # correcting a saved form --------------------------------------------------------
    def edit(self, row: SurveyRow) -> None:
        """Load a saved form (phone whole) for correction; Enter saves it, 取消修改 leaves it."""
        if self.editing is None:
            self._before_edit = (self.day(), self.department_id())
        self.editing = None
        self.kinds.set_kind(row.kind)
        self._show_kind()
        self.clear_form()
        self.editing = row
        if self.department_combo.findData(row.department_id) < 0:
            self.department_combo.addItem(row.department_name, row.department_id)
        self.set_day(row.day)
        self.set_department(row.department_id)
        for dim, answer in row.answers.items():
            if dim in self.dimension_rows:
                self.dimension_rows[dim].set_value(None if answer == Answer.unanswered else answer)
        if row.kind == SurveyKind.inpatient:
            self.inpatient.load(row)
        if row.kind == SurveyKind.public_health:
            self.phone.load(row)
        self.comment_edit.setText(row.comment)
        self.kinds.lock(row.kind)
        self.mode_label.setText(self.tr("正在修改 {0} {1} 录入的这份表（{2}）：改好后按 Enter 保存").format(
            row.entered_at.strftime("%m-%d %H:%M"), row.entered_by, row.department_name))
        self.mode_label.show()
        self.cancel_button.show()
        self.save_button.setText(self.tr("保存修改（Enter）"))
        self.status_label.clear()
        self.focus_first()

    def cancel_edit(self) -> None:
        if self.editing is None:
            return
        self._leave_edit()
        self.clear_form()
        self.refresh_quota()
        self.focus_first()

    def _leave_edit(self) -> None:
        """Back to new forms, on the date and department used before the correction."""
        self.editing = None
        if self._before_edit is not None:
            day, department_id = self._before_edit
            self._before_edit = None
            self.set_day(day)
            self.set_department(department_id)
        self.kinds.lock(None)
        self.mode_label.hide()
        self.cancel_button.hide()
        self.save_button.setText(self.tr("保存（Enter）"))
