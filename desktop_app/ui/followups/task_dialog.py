"""One follow-up task: who the patient is, the attempts so far, recording this call, and
what follows from it — 失访, 更正, 转为诉求登记 (DESIGN §1.4, issue 4 §4–7).

- An open task shows the form "记录本次回访". 未联系上 saves the attempt only;
  联系上 saves it with the outcome (and on tier 2 the check of tier 1) in one
  service call, so nothing is saved half-way. Errors show under their field.
- A tier-2 task shows the tier-1 record beside the form, for the check.
- A done task shows its outcome read-only; a correction is an amendment with a
  reason, shown beside the original (如实客观记录).
- An opinion (意见建议) or 不满意 can be registered as a matter (channel 出院回访);
  the dialog then links to it. The registration form and the matter's detail
  belong to the 投诉登记 tab: they are reached through the navigator.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QFrame, QGroupBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout,
    QWidget,
)

from desktop_app.db.database import Database
from desktop_app.records.followup_rows import TaskDetail
from desktop_app.db.services.followups import amend_outcome, close_lost, record_followup
from desktop_app.db.services.followups_query import get_task, matter_source_ref
from desktop_app.records.matter_rows import MatterInput
from desktop_app.db.tx import Actor
from desktop_app.domain.deadlines import RequestType
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.followup_records import MAX_FAILED_ATTEMPTS, METHOD_LABELS, can_close_lost
from desktop_app.domain.matters import Channel, Satisfaction
from desktop_app.domain.roles import Permission, allows
from desktop_app.ui.followups import task_text as text
from desktop_app.ui.followups.task_forms import AmendDialog, LostDialog
from desktop_app.ui.followups.task_parts import (
    AttemptTableModel, RecordForm, Tier1Panel, attempts_view,
)
from desktop_app.ui.navigation import Navigator
from desktop_app.ui.widgets.forms import FieldErrors
from desktop_app.ui.widgets.service import call_service
from desktop_app.ui.widgets.tables import fit_columns

PREFERRED_SIZE = (1060, 690)
PREFERRED_SIZE_TIER2 = (1280, 690)
SAVED_STYLE = "color: #2e7d32;"
LINK_STYLE = "font-weight: bold; color: #0d47a1;"


class TaskDialog(QDialog):
    """The detail form of one follow-up task; `open` runs it and says whether anything was saved."""

    changed = Signal(int)

    def __init__(self, parent: QWidget | None, db: Database, actor: Actor, task_id: int,
                 now: Callable[[], datetime], *, navigator: Navigator | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.task_id = db, actor, task_id
        self._now = now
        self.navigator = navigator or Navigator()  # the matter's windows, in the 投诉登记 tab
        self.detail: TaskDetail | None = None
        self.saved_anything = False
        self.matter_dialog: QDialog | None = None
        self.errors = FieldErrors()
        self.setWindowTitle(self.tr("出院回访"))
        ok, detail = call_service(self, db, lambda s: get_task(
            session=s, task_id=task_id, today=now().date()))
        tier = detail.task.tier if ok and detail is not None else 1
        self.tier2 = tier == 2

        self.header_label = QLabel()
        self.header_label.setTextFormat(Qt.TextFormat.RichText)
        self.header_label.setWordWrap(True)
        self.header_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.attempts_model = AttemptTableModel(parent=self)
        self.attempts_view = attempts_view(self.attempts_model)
        self.attempts_box = QGroupBox(self.tr("联系记录"))
        QVBoxLayout(self.attempts_box).addWidget(self.attempts_view)

        self.record_box = RecordForm(self.errors, tier, now())
        # the form's widgets, by stable names
        self.at_edit = self.record_box.at_edit
        self.method_choice = self.record_box.method_choice
        self.reached_choice = self.record_box.reached_choice
        self.note_edit = self.record_box.note_edit
        self.outcome_fields = self.record_box.outcome_fields
        self.check_fields = self.record_box.check_fields

        self.outcome_label = QLabel()
        self.outcome_label.setTextFormat(Qt.TextFormat.RichText)
        self.outcome_label.setWordWrap(True)
        self.outcome_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_box = QGroupBox(self.tr("回访结果"))
        QVBoxLayout(self.result_box).addWidget(self.outcome_label)
        self.ended_label = QLabel()
        self.ended_label.setWordWrap(True)
        self.ended_label.setStyleSheet("color: #616161; padding: 4px 0;")

        self.matter_label = QLabel()
        self.matter_label.setStyleSheet(LINK_STYLE)
        self.matter_button = QPushButton(self.tr("查看诉求…"))
        self.matter_button.clicked.connect(self.open_matter)
        self.matter_row = QWidget()
        matter_layout = QHBoxLayout(self.matter_row)
        matter_layout.setContentsMargins(0, 0, 0, 0)
        matter_layout.addWidget(self.matter_label)
        matter_layout.addWidget(self.matter_button)
        matter_layout.addStretch(1)

        main = QVBoxLayout()
        main.setContentsMargins(0, 0, 0, 0)
        for widget in (self.attempts_box, self.record_box, self.result_box, self.ended_label,
                       self.matter_row):
            main.addWidget(widget)
        main.addStretch(1)
        content = QWidget()
        body = QHBoxLayout(content)
        body.setContentsMargins(0, 0, 4, 0)
        self.tier1_box: Tier1Panel | None = None
        if self.tier2:  # the tier-1 record, and under it the check of it, beside the form
            self.tier1_box = Tier1Panel()
            side = QVBoxLayout()
            side.setContentsMargins(0, 0, 0, 0)
            side.addWidget(self.tier1_box)
            if self.record_box.check_box is not None:
                side.addWidget(self.record_box.check_box)
            side.addStretch(1)
            body.addLayout(side, 2)
        body.addLayout(main, 3)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(content)

        self.status_label = QLabel()
        self.status_label.setStyleSheet(SAVED_STYLE)
        self.lost_button = QPushButton(self.tr("登记失访…"))
        self.amend_button = QPushButton(self.tr("更正…"))
        self.to_matter_button = QPushButton(self.tr("转为诉求登记…"))
        self.save_button = QPushButton(self.tr("保存本次回访"))
        self.save_button.setDefault(True)
        self.close_button = QPushButton(self.tr("关闭"))
        self.lost_button.clicked.connect(self.close_lost)
        self.amend_button.clicked.connect(self.amend)
        self.to_matter_button.clicked.connect(self.convert_to_matter)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        for button in (self.lost_button, self.amend_button, self.to_matter_button,
                       self.save_button, self.close_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header_label)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(buttons)
        self._fit_size()
        if ok and detail is not None:
            self.show_detail(detail)

    # sizing -----------------------------------------------------------------------------
    def _fit_size(self) -> None:
        width, height = PREFERRED_SIZE_TIER2 if self.tier2 else PREFERRED_SIZE
        screen = self.screen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, available.width() - 20)
            height = min(height, available.height() - 40)
        self.resize(width, height)

    # showing ----------------------------------------------------------------------------
    @property
    def can_record(self) -> bool:
        return allows(self.actor.role, Permission.record_followup)

    def reload(self) -> bool:
        ok, detail = call_service(self, self.db, lambda s: get_task(
            session=s, task_id=self.task_id, today=self._now().date()))
        if ok and detail is not None:
            self.show_detail(detail)
        return ok

    def show_detail(self, detail: TaskDetail) -> None:
        self.detail = detail
        task, view = detail.task, detail.outcome
        self.setWindowTitle(self.tr("出院回访 — {0} {1}").format(
            detail.discharge.patient_name, text.tier_text(task.tier)))
        self.header_label.setText(text.header_html(detail))
        self.attempts_model.set_rows(detail.attempts)
        fit_columns(self.attempts_view, 3)
        self.attempts_box.setTitle(
            self.tr("联系记录（共 {0} 次，未联系上 {1} 次）").format(
                task.attempts, task.failed_attempts) if detail.attempts
            else self.tr("联系记录（尚无）"))
        is_open = task.status == "open"
        self.record_box.setVisible(is_open and self.can_record)
        if self.record_box.check_box is not None:
            self.record_box.check_box.setVisible(is_open and self.can_record)
        self.save_button.setVisible(is_open and self.can_record)
        self.lost_button.setVisible(is_open and self.can_record)
        self.lost_button.setEnabled(can_close_lost(task.failed_attempts))
        self.lost_button.setToolTip(self.tr("联系失败满 {0} 次后才能登记失访（已失败 {1} 次）").format(
            MAX_FAILED_ATTEMPTS, task.failed_attempts))
        self.result_box.setVisible(view is not None)
        self.outcome_label.setText(text.outcome_html(view) if view is not None else "")
        self.result_box.setTitle(self.tr("回访结果（已更正 {0} 次）").format(len(view.amendments))
                                 if view is not None and view.amendments
                                 else self.tr("回访结果"))
        self.amend_button.setVisible(view is not None and self.can_record)
        ended = text.status_line(detail)
        self.ended_label.setText(ended)
        self.ended_label.setVisible(bool(ended))
        self.to_matter_button.setVisible(view is not None and detail.matter_id is None)
        self.to_matter_button.setEnabled(self.can_convert)
        self.to_matter_button.setToolTip(self.tr("患者有意见建议或不满意时，可转为诉求登记"))
        self.matter_row.setVisible(detail.matter_id is not None)
        self.matter_label.setText(self.tr("已转为诉求 {0}").format(detail.matter_serial))
        if self.tier1_box is not None:
            self.tier1_box.show_tier1(detail.tier1)

    @property
    def can_convert(self) -> bool:
        """An opinion (意见建议) or 不满意, and no matter registered from it yet."""
        detail = self.detail
        if detail is None or detail.outcome is None or detail.matter_id is not None:
            return False
        current = detail.outcome.current
        return bool(str(current.get("words") or "").strip()) or \
            current.get("satisfaction") == Satisfaction.unsatisfied

    # recording --------------------------------------------------------------------------
    def save(self) -> bool:
        """Record this call: the attempt, with the outcome when the patient was reached."""
        self.errors.clear()
        try:
            attempt, outcome, check = self.record_box.inputs()
        except ValidationError as exc:
            self.errors.show(exc)
            return False
        ok, detail = call_service(self, self.db, lambda s: record_followup(
            session=s, actor=self.actor, task_id=self.task_id, attempt=attempt, outcome=outcome,
            check=check, now=self._now()), self.errors)
        if not ok or detail is None:
            return False
        what = self.tr("回访结果") if outcome is not None else self.tr("未联系上")
        self.status_label.setText(self.tr("已保存：{0} {1}，{2}").format(
            text.fmt_dt(attempt.at), text.label_of(METHOD_LABELS, attempt.method), what))
        self._saved(detail)
        if detail.task.status == "open":
            self.record_box.reset(self._now())
        return True

    def _saved(self, detail: Any) -> None:
        self.saved_anything = True
        if isinstance(detail, TaskDetail):
            self.show_detail(detail)
        else:
            self.reload()
        self.changed.emit(self.task_id)

    def _service(self, service: Callable[..., TaskDetail]) -> Callable[..., TaskDetail]:
        def save(**values: Any) -> TaskDetail:
            with self.db.session() as session:
                return service(session=session, actor=self.actor, task_id=self.task_id,
                               now=self._now(), **values)
        return save

    def close_lost(self) -> None:
        if self.detail is None:
            return
        result = LostDialog.ask(self, self.detail.task.failed_attempts, self._service(close_lost))
        if result is not None:
            self.status_label.setText(self.tr("已登记失访"))
            self._saved(result)

    def amend(self) -> None:
        if self.detail is None or self.detail.outcome is None:
            return
        result = AmendDialog.ask(self, self.detail.outcome.current, self._service(amend_outcome))
        if result is not None:
            self.status_label.setText(self.tr("已保存更正"))
            self._saved(result)

    # into the complaints tab ------------------------------------------------------------
    def matter_input(self) -> MatterInput:
        """The registration form pre-filled from the patient and the opinion."""
        assert self.detail is not None and self.detail.outcome is not None
        d, view = self.detail.discharge, self.detail.outcome
        words = str(view.current.get("words") or "").strip()
        unsatisfied = view.current.get("satisfaction") == Satisfaction.unsatisfied
        if unsatisfied:
            content = self.tr("出院回访不满意") + (f"：{words}" if words else "")
        else:
            content = words
        return MatterInput(
            received_at=view.at, channel=Channel.discharge_followup.value,
            request_type=(RequestType.complaint if unsatisfied else RequestType.suggestion).value,
            complainant_name=d.patient_name, anonymous=False, phone=d.phone, relation="本人",
            target_department_id=d.department_id, target_staff_id=None, target_text="",
            category=None, content=content, first_receiver_name=self.actor.display_name,
            source_ref=matter_source_ref(self.task_id),
        )

    def convert_to_matter(self) -> None:
        if not self.can_convert:
            return
        row = self.navigator.register_matter(self.matter_input(), self)
        if row is not None:
            self.status_label.setText(self.tr("已转为诉求 {0}").format(row.serial))
            self._saved(None)

    def open_matter(self) -> QDialog | None:
        """Show the matter registered from this task (modeless, over this dialog)."""
        if self.detail is None or self.detail.matter_id is None:
            return None
        if self.matter_dialog is not None and shiboken6.isValid(self.matter_dialog):
            self.matter_dialog.reload()
            self.matter_dialog.raise_()
            return self.matter_dialog
        self.matter_dialog = self.navigator.open_matter(self.detail.matter_id, self)
        return self.matter_dialog

    # running ----------------------------------------------------------------------------
    @classmethod
    def open(cls, parent: QWidget | None, db: Database, actor: Actor, task_id: int,
             now: Callable[[], datetime], *, navigator: Navigator | None = None) -> bool:
        """Run the dialog for `task_id`; True if anything was saved (the list should refresh)."""
        dialog = cls(parent, db, actor, task_id, now, navigator=navigator)
        try:
            if dialog.detail is None:
                return False
            dialog.exec()
            return dialog.saved_anything
        finally:
            dialog.deleteLater()
