"""登记新诉求: the 医院投诉登记表 as a form (DESIGN §1.1–1.3 step 1, issue 3 §1).

Received time, channel, type, complainant (or anonymous), phone, relation,
complaint target, issue category, what was reported and the first receiver
(首诉负责制); external channels add the upstream order. The deadline is shown
live through `preview_deadline`, marked 待核定 when the calendar lacks the year.
OK calls `register_matter`; a ValidationError is shown under its field and
nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from desktop_app.db.database import Database
from desktop_app.db.services.departments import DepartmentRow, StaffRow
from desktop_app.records.matter_rows import MatterInput, MatterRow
from desktop_app.db.services.matters import register_matter
from desktop_app.db.tx import Actor
from desktop_app.domain.deadlines import REQUEST_TYPE_LABELS, RequestType
from desktop_app.domain.matters import CATEGORY_LABELS, Channel, is_external
from desktop_app.ui.widgets.inputs import (
    date_edit, datetime_edit, from_qdate, from_qdatetime, text_box, to_qdate, to_qdatetime,
)
from desktop_app.ui.complaints.register_parts import (
    deadline_wording, fill_channel_combo, limit_texts, section,
)
from desktop_app.ui.widgets.forms import FormDialog

RELATIONS = ("本人", "家属", "朋友", "其他")
DEADLINE_STYLE = "font-weight: bold; color: #0d47a1; padding: 4px 0;"
Now = datetime | Callable[[], datetime]


class RegisterDialog(FormDialog):
    """The registration form; `ask` returns the registered MatterRow or None."""

    def __init__(self, parent: QWidget | None, db: Database, actor: Actor,
                 departments: Sequence[DepartmentRow], staff: Sequence[StaffRow], now: Now,
                 initial: MatterInput | None = None) -> None:
        super().__init__(parent, self.tr("登记新诉求 — 医院投诉登记表"))
        self.setMinimumWidth(780)
        self.db, self.actor = db, actor
        self._now = now if callable(now) else (lambda: now)
        self._staff = [s for s in staff if s.active]
        self._limits = limit_texts(db)
        start = self._now().replace(second=0, microsecond=0)

        self.received_edit = datetime_edit(start)
        self.channel_combo = QComboBox()
        fill_channel_combo(self.channel_combo)
        self.type_combo = QComboBox()
        for code, label in REQUEST_TYPE_LABELS.items():
            self.type_combo.addItem(label, str(code))
        self.receiver_combo = QComboBox()
        self.receiver_combo.setEditable(True)
        self.receiver_combo.addItems(sorted({s.name for s in self._staff} | {actor.display_name}))
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(30)
        self.anonymous_check = QCheckBox(self.tr("匿名"))
        self.phone_edit = QLineEdit()
        self.phone_edit.setPlaceholderText(self.tr("手机号或带区号的固定电话"))
        self.relation_combo = QComboBox()
        self.relation_combo.setEditable(True)
        self.relation_combo.addItems(RELATIONS)
        self.department_combo = QComboBox()
        self.department_combo.addItem(self.tr("（不指定科室）"), None)
        for dept in departments:
            if dept.active:
                self.department_combo.addItem(dept.name, dept.id)
        self.staff_combo = QComboBox()
        self.target_edit = QLineEdit()
        self.target_edit.setMaxLength(60)
        self.target_edit.setPlaceholderText(self.tr("如：挂号收费窗口、住院部三楼"))
        self.category_combo = QComboBox()
        self.category_combo.addItem(self.tr("请选择"), None)
        for code, label in CATEGORY_LABELS.items():
            self.category_combo.addItem(label, str(code))
        self.content_edit = text_box(self.tr("当事人反映的问题：时间、地点、经过、诉求"), 110)
        self.order_edit = QLineEdit()
        self.order_edit.setMaxLength(40)
        self.signed_edit = datetime_edit(start)
        self.signed_check = QCheckBox(self.tr("已签收"))
        self.signed_check.setChecked(True)  # the office usually signs for the order as it registers it
        self.signed_check.toggled.connect(self.signed_edit.setEnabled)
        self.upstream_check = QCheckBox(self.tr("已规定"))
        self.upstream_edit = date_edit(start.date())
        self.deadline_label = QLabel()
        self.deadline_label.setStyleSheet(DEADLINE_STYLE)
        self.deadline_label.setWordWrap(True)

        self.form.addRow(section(self.errors, self.tr("受理"), [
            (self.tr("受理时间"), self.received_edit, ("received_at",)),
            (self.tr("渠道"), self.channel_combo, ("channel",)),
            (self.tr("诉求类型"), self.type_combo, ("request_type",)),
            (self.tr("首诉责任人"), self.receiver_combo, ("first_receiver_name",)),
        ]))
        name_row = QWidget()
        name_layout = QHBoxLayout(name_row)
        name_layout.setContentsMargins(0, 0, 0, 0)
        name_layout.addWidget(self.name_edit, 1)
        name_layout.addWidget(self.anonymous_check)
        self.form.addRow(section(self.errors, self.tr("投诉人"), [
            (self.tr("投诉人"), name_row, ("complainant_name", "anonymous")),
            (self.tr("联系电话"), self.phone_edit, ("phone",)),
            (self.tr("与患者关系"), self.relation_combo, ("relation",)),
        ]))
        target_row = QWidget()
        target_layout = QHBoxLayout(target_row)
        target_layout.setContentsMargins(0, 0, 0, 0)
        target_layout.addWidget(self.department_combo, 2)
        target_layout.addWidget(self.staff_combo, 2)
        target_layout.addWidget(self.target_edit, 3)
        self.form.addRow(section(self.errors, self.tr("投诉对象与问题"), [
            (self.tr("投诉对象"), target_row,
             ("target_department_id", "target_staff_id", "target_text", "target")),
            (self.tr("问题分类"), self.category_combo, ("category",)),
            (self.tr("反映问题"), self.content_edit, ("content",)),
        ], wide=True))
        signed_row = QWidget()
        signed_layout = QHBoxLayout(signed_row)
        signed_layout.setContentsMargins(0, 0, 0, 0)
        signed_layout.addWidget(self.signed_check)
        signed_layout.addWidget(self.signed_edit, 1)
        upstream_row = QWidget()
        upstream_layout = QHBoxLayout(upstream_row)
        upstream_layout.setContentsMargins(0, 0, 0, 0)
        upstream_layout.addWidget(self.upstream_check)
        upstream_layout.addWidget(self.upstream_edit, 1)
        self.external_box = section(self.errors, self.tr("外部工单（12345 热线、上级交办等）"), [
            (self.tr("工单编号"), self.order_edit, ("upstream_order_no",)),
            (self.tr("签收时间"), signed_row, ("signed_at",)),
            (self.tr("上级回复期限"), upstream_row, ("upstream_deadline",)),
        ])
        self.form.addRow(self.external_box)
        self.form.addRow(self.deadline_label)

        self.anonymous_check.toggled.connect(self._anonymous_changed)
        self.department_combo.currentIndexChanged.connect(lambda _i: self._fill_staff())
        self.channel_combo.currentIndexChanged.connect(lambda _i: self._channel_changed())
        self.type_combo.currentIndexChanged.connect(lambda _i: self.update_deadline())
        self.received_edit.dateTimeChanged.connect(lambda _v: self.update_deadline())
        self.upstream_check.toggled.connect(self._upstream_toggled)
        self.upstream_edit.dateChanged.connect(lambda _v: self.update_deadline())

        self.set_channel(Channel.walk_in)
        self.set_request_type(RequestType.complaint)
        self.receiver_combo.setCurrentText(actor.display_name)
        self._fill_staff()
        self._upstream_toggled(False)
        if initial is not None:
            self.prefill(initial)
        self._channel_changed()

    # data from the widgets ------------------------------------------------------------
    @property
    def channel(self) -> str:
        return self.channel_combo.currentData() or ""

    @property
    def request_type(self) -> str:
        return self.type_combo.currentData()

    @property
    def external(self) -> bool:
        return bool(self.channel) and is_external(self.channel)

    @property
    def upstream_deadline(self):
        if not (self.external and self.upstream_check.isChecked()):
            return None
        return from_qdate(self.upstream_edit.date())

    def set_channel(self, channel: str) -> None:
        self.channel_combo.setCurrentIndex(max(0, self.channel_combo.findData(str(channel))))

    def set_request_type(self, request_type: str) -> None:
        self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(str(request_type))))

    def set_category(self, category: str | None) -> None:
        self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(category)))

    def set_target(self, department_id: int | None, staff_id: int | None) -> None:
        self.department_combo.setCurrentIndex(max(0, self.department_combo.findData(department_id)))
        self.staff_combo.setCurrentIndex(max(0, self.staff_combo.findData(staff_id)))

    def matter_input(self) -> MatterInput:
        anonymous = self.anonymous_check.isChecked()
        external = self.external
        return MatterInput(
            received_at=from_qdatetime(self.received_edit.dateTime()),
            channel=self.channel,
            request_type=self.request_type,
            complainant_name="" if anonymous else self.name_edit.text(),
            anonymous=anonymous,
            phone="" if anonymous else self.phone_edit.text(),
            relation=self.relation_combo.currentText(),
            target_department_id=self.department_combo.currentData(),
            target_staff_id=self.staff_combo.currentData(),
            target_text=self.target_edit.text(),
            category=self.category_combo.currentData(),
            content=self.content_edit.toPlainText(),
            first_receiver_name=self.receiver_combo.currentText(),
            upstream_order_no=self.order_edit.text() if external else "",
            signed_at=(from_qdatetime(self.signed_edit.dateTime())
                       if external and self.signed_check.isChecked() else None),
            upstream_deadline=self.upstream_deadline,
            source_ref=self._source_ref,
        )

    _source_ref = ""

    def prefill(self, data: MatterInput) -> None:
        """Fill the form from `data` (e.g. text carried over from a follow-up)."""
        if data.received_at is not None:
            self.received_edit.setDateTime(to_qdatetime(data.received_at))
        if data.channel:
            self.set_channel(data.channel)
        if data.request_type:
            self.set_request_type(data.request_type)
        self.name_edit.setText(data.complainant_name)
        self.anonymous_check.setChecked(data.anonymous)
        self.phone_edit.setText(data.phone)
        if data.relation:
            self.relation_combo.setCurrentText(data.relation)
        self.set_target(data.target_department_id, data.target_staff_id)
        self.target_edit.setText(data.target_text)
        self.set_category(data.category)
        self.content_edit.setPlainText(data.content)
        if data.first_receiver_name:
            self.receiver_combo.setCurrentText(data.first_receiver_name)
        self.order_edit.setText(data.upstream_order_no)
        self.signed_check.setChecked(data.signed_at is not None or not data.upstream_order_no)
        if data.signed_at is not None:
            self.signed_edit.setDateTime(to_qdatetime(data.signed_at))
        if data.upstream_deadline is not None:
            self.upstream_check.setChecked(True)
            self.upstream_edit.setDate(to_qdate(data.upstream_deadline))
        self._source_ref = data.source_ref

    # reactions ------------------------------------------------------------------------
    def _anonymous_changed(self, anonymous: bool) -> None:
        self.name_edit.setEnabled(not anonymous)
        self.phone_edit.setEnabled(not anonymous)

    def _fill_staff(self) -> None:
        dept_id = self.department_combo.currentData()
        keep = self.staff_combo.currentData()
        self.staff_combo.blockSignals(True)
        self.staff_combo.clear()
        self.staff_combo.addItem(self.tr("（不指定人员）"), None)
        for person in self._staff:
            if dept_id is None:
                suffix = f"（{person.department_name}）" if person.department_name else ""
                self.staff_combo.addItem(person.name + suffix, person.id)
            elif person.department_id == dept_id:
                self.staff_combo.addItem(person.name, person.id)
        self.staff_combo.setCurrentIndex(max(0, self.staff_combo.findData(keep)))
        self.staff_combo.blockSignals(False)

    def _channel_changed(self) -> None:
        self.external_box.setVisible(self.external)
        self.update_deadline()

    def _upstream_toggled(self, checked: bool) -> None:
        self.upstream_edit.setEnabled(checked)
        self.update_deadline()

    def update_deadline(self) -> None:
        """Recompute the deadline label from type, received date and upstream deadline."""
        received = from_qdatetime(self.received_edit.dateTime()).date()
        self.deadline_label.setText(deadline_wording(
            self.db, self.request_type, received, self.upstream_deadline, self._limits))

    def deadline_text(self) -> str:
        return self.deadline_label.text()

    # saving ---------------------------------------------------------------------------
    def submit(self) -> MatterRow:
        data = self.matter_input()
        with self.db.session() as session:
            return register_matter(session=session, actor=self.actor, data=data, now=self._now())

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database, actor: Actor,
            departments: Sequence[DepartmentRow], staff: Sequence[StaffRow], now: Now,
            initial: MatterInput | None = None) -> MatterRow | None:
        return cls._run(cls(parent, db, actor, departments, staff, now, initial))
