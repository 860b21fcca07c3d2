"""Dialogs of the 整改台账: a new item entered by hand, a change of plan, 登记已整改,
the re-check (复查) that closes an item or sends it back, and an item's detail.

Each form dialog takes a `save` callable that runs the service in one short
session (the panel builds it). OK calls it; a ValidationError is shown under
the field it names and the dialog stays open with nothing saved; success
closes it and `ask` returns what `save` returned (None on cancel).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGridLayout,
    QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from desktop_app.db.services.departments import DepartmentRow
from desktop_app.records.rectification_rows import (
    PlanInput, RecheckInput, RectificationDetail, RectificationInput, RectificationRow,
)
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.rectification import (
    RECTIFICATION_SOURCE_LABELS, RectificationSource, RectificationStatus,
)
from desktop_app.ui.widgets.inputs import (
    RadioChoice, date_edit, datetime_edit, from_qdate, from_qdatetime, text_box,
)
from desktop_app.ui.widgets.forms import StepDialog
from desktop_app.ui.inspections.ledger_model import (
    UNASSIGNED, RectificationHistoryModel, deadline_cell, problem_text,
)
from desktop_app.ui.widgets.tables import make_table_view

Save = Callable[..., Any]
MANUAL_SOURCES = (RectificationSource.satisfaction_survey, RectificationSource.superior_inspection,
                  RectificationSource.other)
SUMMARY_STYLE = "background: #f5f5f5; padding: 6px 8px; border-radius: 3px;"
PASSED, FAILED = "passed", "failed"
THUMBNAIL = 160


def choose_photo(parent: QWidget) -> Path | None:
    """Ask for a photo file (JPG or PNG); tests replace this function."""
    name, _ = QFileDialog.getOpenFileName(parent, parent.tr("选择复查照片"), "",
                                          parent.tr("图片 (*.jpg *.jpeg *.png)"))
    return Path(name) if name else None


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def item_summary(row: RectificationRow, *, report: bool = False) -> QLabel:
    """A grey box naming the item: where it came from, the problem, the measure, the deadline;
    with `report`, also what the department reported as done."""
    lines = [
        f"<b>{_escape(row.source_label)}</b>　{row.found_on:%Y-%m-%d}　"
        f"责任科室：{_escape(row.departments or UNASSIGNED)}",
        f"存在问题：{_escape(problem_text(row))}",
        f"整改措施：{_escape(row.measure)}",
        f"整改期限：{deadline_cell(row)}",
    ]
    if report and row.rectified_at is not None:
        lines.append(f"整改情况：{_escape(row.rectified_note)}（{row.rectified_at:%Y-%m-%d %H:%M}，"
                     f"{_escape(row.rectified_by)}登记）")
    label = QLabel("<br>".join(lines))
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setStyleSheet(SUMMARY_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class DepartmentChecks(QWidget):
    """The responsible departments as check boxes, four to a row (several may be chosen)."""

    COLUMNS = 4

    def __init__(self, departments: Sequence[DepartmentRow], checked: Sequence[int] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.checks: dict[int, QCheckBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        shown = [d for d in departments if d.active or d.id in checked]
        for i, dept in enumerate(shown):
            label = dept.name if dept.active else self.tr("{0}（已停用）").format(dept.name)
            check = QCheckBox(label)
            check.setChecked(dept.id in checked)
            self.checks[dept.id] = check
            grid.addWidget(check, i // self.COLUMNS, i % self.COLUMNS)
        if not shown:
            grid.addWidget(QLabel(self.tr("尚未设置科室：请先在“设置”中添加科室")), 0, 0)

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(i for i, check in self.checks.items() if check.isChecked())

    def set_ids(self, ids: Sequence[int]) -> None:
        for dept_id, check in self.checks.items():
            check.setChecked(dept_id in ids)


class RectificationDialog(StepDialog):
    """新增整改事项: a problem found elsewhere (a survey, a superior's inspection …), entered
    as the seeds' rectification plans write them — 问题, 整改措施, 整改时限, 责任科室."""

    def __init__(self, parent: QWidget | None, departments: Sequence[DepartmentRow],
                 today: date, deadline: date, save: Save) -> None:
        super().__init__(parent, self.tr("新增整改事项"), save)
        self.setMinimumWidth(600)
        self.source_choice = RadioChoice(
            (s.value, RECTIFICATION_SOURCE_LABELS[s]) for s in MANUAL_SOURCES)
        self.source_text_edit = QLineEdit()
        self.source_text_edit.setMaxLength(100)
        self.source_text_edit.setPlaceholderText(
            self.tr("如：2026年第三季度满意度调查、县卫健局专项督查"))
        self.found_edit = date_edit(today)
        self.problem_edit = text_box(self.tr("存在的问题，如：群众对收费标准的解释不满意"))
        self.measure_edit = text_box(self.tr("整改措施，如：收费窗口公示收费标准，开展收费告知培训"))
        self.department_checks = DepartmentChecks(departments)
        self.deadline_edit = date_edit(deadline)
        self.add_row(self.tr("问题来源"), self.source_choice, "source_kind")
        self.add_row(self.tr("来源说明"), self.source_text_edit, "source_text")
        self.add_row(self.tr("发现日期"), self.found_edit, "found_on")
        self.add_row(self.tr("存在问题"), self.problem_edit, "problem")
        self.add_row(self.tr("整改措施"), self.measure_edit, "measure")
        self.add_row(self.tr("责任科室"), self.department_checks, "department_ids")
        self.add_row(self.tr("整改时限"), self.deadline_edit, "deadline")

    def data(self) -> RectificationInput:
        return RectificationInput(
            source_kind=self.source_choice.value,
            found_on=from_qdate(self.found_edit.date()),
            problem=self.problem_edit.toPlainText(),
            measure=self.measure_edit.toPlainText(),
            department_ids=self.department_checks.ids,
            deadline=from_qdate(self.deadline_edit.date()),
            source_text=self.source_text_edit.text(),
        )

    def values(self) -> dict[str, Any]:
        return {"data": self.data()}

    @classmethod
    def ask(cls, parent: QWidget | None,  # type: ignore[override]
            departments: Sequence[DepartmentRow], today: date, deadline: date, save: Save) -> RectificationRow | None:
        return cls._run(cls(parent, departments, today, deadline, save))


class PlanDialog(StepDialog):
    """修改整改计划 while 待整改: problem, measure, responsible departments, deadline."""

    def __init__(self, parent: QWidget | None, row: RectificationRow,
                 departments: Sequence[DepartmentRow], save: Save) -> None:
        super().__init__(parent, self.tr("修改整改计划"), save)
        self.setMinimumWidth(600)
        heading = QLabel(self.tr("{0}　发现日期 {1:%Y-%m-%d}").format(
            row.source_text or row.source_label, row.found_on))
        heading.setWordWrap(True)
        self.problem_edit = text_box()
        self.problem_edit.setPlainText(row.problem)
        self.measure_edit = text_box()
        self.measure_edit.setPlainText(row.measure)
        self.department_checks = DepartmentChecks(departments, row.department_ids)
        self.deadline_edit = date_edit(row.deadline)
        self.add_row(self.tr("来源"), heading)
        if row.item_text:
            item = QLabel(row.item_text)
            item.setWordWrap(True)
            self.add_row(self.tr("检查项目"), item)
        self.add_row(self.tr("存在问题"), self.problem_edit, "problem")
        self.add_row(self.tr("整改措施"), self.measure_edit, "measure")
        self.add_row(self.tr("责任科室"), self.department_checks, "department_ids")
        self.add_row(self.tr("整改时限"), self.deadline_edit, "deadline")

    def data(self) -> PlanInput:
        return PlanInput(problem=self.problem_edit.toPlainText(),
                         measure=self.measure_edit.toPlainText(),
                         department_ids=self.department_checks.ids,
                         deadline=from_qdate(self.deadline_edit.date()))

    def values(self) -> dict[str, Any]:
        return {"data": self.data()}

    @classmethod
    def ask(cls, parent: QWidget | None, row: RectificationRow,  # type: ignore[override]
            departments: Sequence[DepartmentRow], save: Save) -> RectificationRow | None:
        return cls._run(cls(parent, row, departments, save))


class RectifiedDialog(StepDialog):
    """登记已整改: when the department finished and what it did (then it waits for 复查)."""

    def __init__(self, parent: QWidget | None, row: RectificationRow, now: datetime,
                 save: Save) -> None:
        super().__init__(parent, self.tr("登记整改完成"), save)
        self.setMinimumWidth(600)
        self.rectified_edit = datetime_edit(now.replace(second=0, microsecond=0))
        self.note_edit = text_box(self.tr("科室采取了哪些措施、整改完成的情况"), 90)
        self.form.addRow(item_summary(row))
        self.add_row(self.tr("完成时间"), self.rectified_edit, "rectified_at")
        self.add_row(self.tr("整改情况"), self.note_edit, "note")
        hint = QLabel(self.tr("登记后事项为“已整改待复查”，须经复查合格才能销号。"))
        hint.setStyleSheet("color: #616161;")
        self.form.addRow(hint)

    def values(self) -> dict[str, Any]:
        return {"rectified_at": from_qdatetime(self.rectified_edit.dateTime()),
                "note": self.note_edit.toPlainText()}

    @classmethod
    def ask(cls, parent: QWidget | None, row: RectificationRow,  # type: ignore[override]
            now: datetime, save: Save) -> RectificationRow | None:
        return cls._run(cls(parent, row, now, save))


class PhotoPicker(QWidget):
    """An optional photo file: its name, 选择照片… and 清除."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.name_edit = QLineEdit()
        self.name_edit.setReadOnly(True)
        self.name_edit.setPlaceholderText(self.tr("可选：JPG 或 PNG，不超过 10 MB"))
        self.choose_button = QPushButton(self.tr("选择照片…"))
        self.clear_button = QPushButton(self.tr("清除"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.name_edit, 1)
        layout.addWidget(self.choose_button)
        layout.addWidget(self.clear_button)
        self.choose_button.clicked.connect(self.choose)
        self.clear_button.clicked.connect(lambda: self.set_path(None))
        self.set_path(None)

    def choose(self) -> None:
        path = choose_photo(self)
        if path is not None:
            self.set_path(path)

    def set_path(self, path: Path | None) -> None:
        self.path = path
        self.name_edit.setText(str(path) if path is not None else "")
        self.name_edit.setToolTip(str(path) if path is not None else "")
        self.clear_button.setEnabled(path is not None)


class RecheckDialog(StepDialog):
    """复查: a named person checks the rectification on a day; 合格 closes the item (已销号),
    不合格 sends it back to 待整改 with what is still wrong; a photo may be added."""

    def __init__(self, parent: QWidget | None, row: RectificationRow, today: date,
                 names: Sequence[str], save: Save, by: str = "") -> None:
        super().__init__(parent, self.tr("复查整改事项"), save)
        self.setMinimumWidth(640)
        self.by_combo = QComboBox()
        self.by_combo.setEditable(True)
        self.by_combo.addItems(list(dict.fromkeys(n for n in names if n)))
        self.by_combo.setCurrentText(by)
        self.by_combo.lineEdit().setMaxLength(30)
        self.by_combo.lineEdit().setPlaceholderText(self.tr("复查人姓名"))
        self.on_edit = date_edit(today)
        self.result_choice = RadioChoice(((PASSED, self.tr("合格，予以销号")),
                                          (FAILED, self.tr("不合格，退回整改"))))
        self.note_edit = text_box(self.tr("复查意见；不合格时写明仍存在的问题（必填）"), 80)
        self.photo_picker = PhotoPicker()
        self.form.addRow(item_summary(row, report=True))
        self.add_row(self.tr("复查人"), self.by_combo, "by")
        self.add_row(self.tr("复查日期"), self.on_edit, "on")
        self.add_row(self.tr("复查结论"), self.result_choice, "passed")
        self.add_row(self.tr("复查意见"), self.note_edit, "note")
        self.add_row(self.tr("复查照片"), self.photo_picker, "photo")

    @property
    def passed(self) -> bool | None:
        value = self.result_choice.value
        return None if value is None else value == PASSED

    def set_passed(self, passed: bool) -> None:
        self.result_choice.set_value(PASSED if passed else FAILED)

    def data(self) -> RecheckInput:
        if self.passed is None:
            raise ValidationError("passed", "请选择复查结论：合格销号或不合格退回整改")
        return RecheckInput(by=self.by_combo.currentText(), on=from_qdate(self.on_edit.date()),
                            passed=self.passed, note=self.note_edit.toPlainText(),
                            photo=self.photo_picker.path)

    def values(self) -> dict[str, Any]:
        return {"data": self.data()}

    @classmethod
    def ask(cls, parent: QWidget | None, row: RectificationRow,  # type: ignore[override]
            today: date, names: Sequence[str], save: Save,
            by: str = "") -> RectificationDetail | None:
        return cls._run(cls(parent, row, today, names, save, by))


def _value_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def detail_fields(detail: RectificationDetail) -> list[tuple[str, str]]:
    """(caption, value) pairs of the detail form, in order; empty steps left out."""
    row = detail.row
    fields = [("来源", row.source_label + (f"（{row.source_text}）" if row.source_text else "")),
              ("发现日期", f"{row.found_on:%Y-%m-%d}")]
    if row.item_text:
        fields.append(("检查项目", f"{row.area}：{row.item_text}" if row.area else row.item_text))
    fields += [("存在问题", row.problem), ("整改措施", row.measure),
               ("责任科室", row.departments or UNASSIGNED),
               ("整改期限", deadline_cell(row)), ("状态", row.status_label),
               ("登记", f"{row.created_at:%Y-%m-%d %H:%M} {row.created_by}")]
    if row.rectified_at is not None:
        fields.append(("整改完成", f"{row.rectified_at:%Y-%m-%d %H:%M} {row.rectified_by}："
                                   f"{row.rectified_note}"))
    if row.recheck_on is not None:
        verdict = "合格" if row.recheck_passed else "不合格"
        note = f"：{row.recheck_note}" if row.recheck_note else ""
        fields.append(("最近复查", f"{row.recheck_on:%Y-%m-%d} {row.recheck_by}，{verdict}{note}"))
    if row.closed_at is not None:
        fields.append(("销号时间", f"{row.closed_at:%Y-%m-%d %H:%M}"))
    return fields


class RectificationDetailDialog(QDialog):
    """One item: its plan, its steps so far, the re-check photo and the whole history."""

    def __init__(self, parent: QWidget | None, detail: RectificationDetail) -> None:
        super().__init__(parent)
        self.detail = detail
        self.setWindowTitle(self.tr("整改事项详情"))
        self.resize(880, 600)
        info = QGroupBox(self.tr("整改事项"))
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        for caption, value in detail_fields(detail):
            form.addRow(self.tr(caption) + "：", _value_label(value))
        info_layout = QHBoxLayout(info)
        info_layout.addLayout(form, 1)
        self.photo_label = QLabel()
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        if detail.recheck_photo is not None:
            pixmap = QPixmap(str(detail.recheck_photo.file_path))
            if pixmap.isNull():
                self.photo_label.setText(self.tr("（照片文件无法读取）"))
            else:
                self.photo_label.setPixmap(pixmap.scaled(
                    THUMBNAIL, THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation))
            self.photo_label.setToolTip(str(detail.recheck_photo.file_path))
            photo_box = QVBoxLayout()
            photo_box.addWidget(QLabel(self.tr("复查照片")), 0, Qt.AlignmentFlag.AlignHCenter)
            photo_box.addWidget(self.photo_label)
            photo_box.addStretch(1)
            info_layout.addLayout(photo_box)
        self.history_model = RectificationHistoryModel(self)
        self.history_model.set_rows(detail.events)
        self.history_view = make_table_view(self.history_model, self)
        self.history_view.setWordWrap(True)
        self.history_view.setMinimumHeight(160)
        header = self.history_view.horizontalHeader()
        for column, width in enumerate((130, 70, 110)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.history_view.resizeRowsToContents()
        history = QGroupBox(self.tr("办理经过"))
        QVBoxLayout(history).addWidget(self.history_view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(info, 0)
        layout.addWidget(history, 1)
        layout.addWidget(buttons)

    def history_lines(self) -> list[str]:
        return [" ".join(self.history_model.cells(e)) for e in self.detail.events]

    @classmethod
    def show_detail(cls, parent: QWidget | None, detail: RectificationDetail) -> None:
        dialog = cls(parent, detail)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()


def can_recheck(row: RectificationRow) -> bool:
    """复查 is offered only for an item reported done (closing needs a re-check)."""
    return row.status == RectificationStatus.rectified
