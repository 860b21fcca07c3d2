"""机构信息: every institution setting in one form (only the office director may save)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from typing import Any

from PySide6.QtWidgets import (
    QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QScrollArea,
    QSpinBox, QVBoxLayout, QWidget,
)

from desktop_app.db.backup import default_backup_dir
from desktop_app.db.database import Database
from desktop_app.db.services.settings import (
    BACKUP_FOLDER_MAX, INT_FIELDS, SETTING_FIELDS, TEXT_FIELDS, SettingsRow, get_settings,
    update_settings,
)
from desktop_app.db.tx import Actor
from desktop_app.domain.roles import Permission
from desktop_app.ui.widgets.forms import FieldErrors
from desktop_app.ui.settings.panel import Panel
from desktop_app.ui.widgets.service import call_service
from desktop_app.ui.widgets.labels import note_label, title_label

READ_ONLY_NOTE = "仅办公室主任可修改机构设置"

CONTACT_FIELDS = (
    ("name", "机构名称"),
    ("office_location", "办公室位置"),
    ("complaint_phone", "投诉电话"),
    ("email", "电子邮箱"),
    ("mailbox_location", "投诉信箱位置"),
    ("wechat_account", "微信公众号"),
)
LIMIT_FIELDS = (
    ("limit_consultation_days", "咨询", " 个自然日"),
    ("limit_help_days", "求助", " 个自然日"),
    ("limit_suggestion_workdays", "建议", " 个工作日"),
    ("limit_criticism_workdays", "批评", " 个工作日"),
    ("limit_complaint_workdays", "投诉", " 个工作日"),
    ("limit_report_workdays", "举报", " 个工作日"),
)
RECTIFICATION_NOTE = "不合格项默认的整改期限，从检查次日起按工作日计算"
SCORE_NOTE = "科室月度满意度考评四项权重（合计 100%），打印在考评表上"
SCORE_WEIGHT_FIELDS = (
    ("score_weight_survey", "问卷满意率"),
    ("score_weight_followup", "回访满意率"),
    ("score_weight_check", "回访落实"),
    ("score_weight_complaints", "投诉"),
)
BACKUP_NOTE = ("每天第一次启动和退出时自动备份到这里（可选 U 盘或共享文件夹），"
               "保留最近 30 天的每日备份和 12 个月的每月备份；检查照片一并备份。")
TIERS = (
    (1, "一级回访（科室医护）"),
    (2, "二级回访（服务办）"),
    (3, "三级回访（院领导到户）"),
)


def _spin(field: str, suffix: str = "") -> QSpinBox:
    _label, low, high = INT_FIELDS[field]
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setSuffix(suffix)
    spin.setMinimumWidth(120)
    spin.setMaximumWidth(160)
    return spin


class InstitutionPanel(Panel):
    """The settings form; Save sends every field to `update_settings` at once."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 now: Callable[[], datetime]) -> None:
        super().__init__(db, actor, parent, now=now)
        self.errors = FieldErrors()
        self.inputs: dict[str, QLineEdit | QSpinBox] = {}
        self._dirty = False
        editable = self.can(Permission.edit_settings)

        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("机构信息")))
        self.read_only_note = note_label(self.tr(READ_ONLY_NOTE))
        self.read_only_note.setVisible(not editable)
        layout.addWidget(self.read_only_note)

        body = QWidget()
        columns = QHBoxLayout(body)
        columns.setContentsMargins(0, 0, 0, 0)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(self._contacts_box())
        left.addWidget(self._security_box())
        left.addWidget(self._survey_box())
        left.addWidget(self._backup_box())
        left.addStretch(1)
        right.addWidget(self._limits_box())
        right.addWidget(self._rectification_box())
        right.addWidget(self._followup_box())
        right.addStretch(1)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)

        buttons = QHBoxLayout()
        self.status_label = QLabel()
        self.status_label.setStyleSheet("color: #2e7d32;")
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)

        for widget in self.inputs.values():
            widget.setEnabled(editable)
            if isinstance(widget, QLineEdit):
                widget.textEdited.connect(self._mark_dirty)
            else:
                widget.valueChanged.connect(self._mark_dirty)
        self.save_button.setEnabled(editable)
        self.browse_button.setEnabled(editable)
        self.refresh(force=True)

    # building -------------------------------------------------------------------------
    def _form_box(self, title: str) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(self.tr(title))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return box, form

    def _contacts_box(self) -> QGroupBox:
        box, form = self._form_box("机构与联系方式")
        for field, label in CONTACT_FIELDS:
            edit = QLineEdit()
            if field in TEXT_FIELDS:
                edit.setMaxLength(TEXT_FIELDS[field][1])
            self.inputs[field] = edit
            form.addRow(self.tr(label), self.errors.wrap(edit, field))
        self.inputs["complaint_phone"].setPlaceholderText(self.tr("如 0538-1234567"))
        self.inputs["email"].setPlaceholderText(self.tr("如 name@example.com"))
        return box

    def _limits_box(self) -> QGroupBox:
        box, form = self._form_box("办理时限")
        for field, label, suffix in LIMIT_FIELDS:
            self.inputs[field] = spin = _spin(field, self.tr(suffix))
            form.addRow(self.tr(label), self.errors.wrap(spin, field))
        return box

    def _rectification_box(self) -> QGroupBox:
        box, form = self._form_box("周五检查")
        spin = _spin("rectification_workdays")
        spin.setToolTip(self.tr(RECTIFICATION_NOTE))
        self.inputs["rectification_workdays"] = spin
        form.addRow(self.tr("整改时限（工作日）"), self.errors.wrap(spin, "rectification_workdays"))
        form.addRow(note_label(self.tr(RECTIFICATION_NOTE)))
        return box

    def _followup_box(self) -> QGroupBox:
        box, form = self._form_box("出院回访时间窗")
        for tier, label in TIERS:
            start_field, end_field = f"followup_tier{tier}_start", f"followup_tier{tier}_end"
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            self.inputs[start_field] = start = _spin(start_field)
            self.inputs[end_field] = end = _spin(end_field)
            for spin in (start, end):
                spin.setMinimumWidth(64)
                spin.setMaximumWidth(80)
            line.addWidget(QLabel(self.tr("出院后第")))
            line.addWidget(start)
            line.addWidget(QLabel(self.tr("天 至 第")))
            line.addWidget(end)
            line.addWidget(QLabel(self.tr("天")))
            line.addStretch(1)
            form.addRow(self.tr(label), self.errors.wrap(row, start_field, end_field))
        return box

    def _survey_box(self) -> QGroupBox:
        box, form = self._form_box("满意度调查")
        spin = QSpinBox()
        spin.setRange(1, 100)
        spin.setSuffix(" %")
        spin.setMinimumWidth(120)
        spin.setMaximumWidth(160)
        self.inputs["sampling_ratio"] = spin
        form.addRow(self.tr("门诊问卷抽样比例"), self.errors.wrap(spin, "sampling_ratio"))
        form.addRow(note_label(self.tr(SCORE_NOTE)))
        weights = []
        for field, label in SCORE_WEIGHT_FIELDS:
            self.inputs[field] = spin = _spin(field, " %")
            weights.append(spin)
            form.addRow(self.tr(label), spin)
        self.weight_sum = QLabel()
        form.addRow(self.tr("合计"), self.errors.wrap(self.weight_sum, "score_weights"))
        for spin in weights:
            spin.valueChanged.connect(self._show_weight_sum)
        spin = _spin("score_complaint_deduction", self.tr(" 分"))
        self.inputs["score_complaint_deduction"] = spin
        form.addRow(self.tr("每件属实投诉扣分"), self.errors.wrap(spin, "score_complaint_deduction"))
        return box

    def _backup_box(self) -> QGroupBox:
        box, form = self._form_box("备份")
        edit = QLineEdit()
        edit.setMaxLength(BACKUP_FOLDER_MAX)
        edit.setPlaceholderText(self.tr("留空：{folder}").format(folder=default_backup_dir(self.db.path)))
        self.inputs["backup_folder"] = edit
        self.browse_button = QPushButton(self.tr("浏览…"))
        self.browse_button.clicked.connect(self.choose_backup_folder)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(edit, 1)
        line.addWidget(self.browse_button)
        form.addRow(self.tr("备份文件夹"), self.errors.wrap(row, "backup_folder"))
        form.addRow(note_label(self.tr(BACKUP_NOTE)))
        return box

    def choose_backup_folder(self) -> None:
        current = self.inputs["backup_folder"].text().strip() or str(default_backup_dir(self.db.path))
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择备份文件夹"), current)
        if folder:
            self.inputs["backup_folder"].setText(folder)
            self._mark_dirty()

    def _show_weight_sum(self, *_args: Any) -> None:
        total = sum(self.inputs[field].value() for field, _label in SCORE_WEIGHT_FIELDS)
        colour = "#2e7d32" if total == 100 else "#c62828"
        self.weight_sum.setText(f"{total} %" + ("" if total == 100 else self.tr("（须为 100%）")))
        self.weight_sum.setStyleSheet(f"color: {colour};")

    def _security_box(self) -> QGroupBox:
        box, form = self._form_box("安全")
        spin = _spin("idle_lock_minutes", self.tr(" 分钟"))
        self.inputs["idle_lock_minutes"] = spin
        form.addRow(self.tr("无操作自动锁定"), self.errors.wrap(spin, "idle_lock_minutes"))
        return box

    # data -----------------------------------------------------------------------------
    def _mark_dirty(self, *_args: Any) -> None:
        self._dirty = True
        self.status_label.clear()

    def load(self, row: SettingsRow) -> None:
        for field in SETTING_FIELDS:
            widget, value = self.inputs[field], getattr(row, field)
            widget.blockSignals(True)
            if field == "sampling_ratio":
                widget.setValue(round(value * 100))
            elif isinstance(widget, QSpinBox):
                widget.setValue(value)
            else:
                widget.setText(value)
            widget.blockSignals(False)
        self._show_weight_sum()
        self._dirty = False

    def values(self) -> dict[str, Any]:
        """Every field as `update_settings` wants it (the percentage as a ratio)."""
        out: dict[str, Any] = {}
        for field in SETTING_FIELDS:
            widget = self.inputs[field]
            if field == "sampling_ratio":
                out[field] = widget.value() / 100
            elif isinstance(widget, QSpinBox):
                out[field] = widget.value()
            else:
                out[field] = widget.text()
        return out

    def refresh(self, force: bool = False) -> None:
        """Reload from the database unless the user has unsaved edits."""
        if self._dirty and not force:
            return
        ok, row = call_service(self, self.db, lambda s: get_settings(session=s))
        if ok:
            self.load(row)

    def save(self) -> bool:
        self.status_label.clear()
        values = self.values()
        ok, row = call_service(
            self, self.db,
            lambda s: update_settings(session=s, actor=self.actor, values=values, now=self._now()),
            self.errors,
        )
        if ok:
            self.load(row)
            self.status_label.setText(self.tr("已保存"))
            self.changed.emit()
        return ok
