"""The Friday inspection's two step dialogs: 签字确认 (the findings of each 不合格 item:
departments, measure, deadline) and 更正 (an amendment of a signed record, with its reason).

Both are opened by `InspectionDialog` (inspection_form.py); they run the service in one
short session through the `save` callable they are given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QFrame, QGroupBox, QHBoxLayout, QLabel, QScrollArea,
    QVBoxLayout, QWidget,
)
from sqlmodel import Session

from desktop_app.db.services.departments import StaffRole, list_departments, list_staff
from desktop_app.records.inspection_rows import HEADER_FIELDS, FindingInput, InspectionDetail
from desktop_app.db.services.inspection_signoff import KEEP_FAILED, default_measure
from desktop_app.domain.errors import ValidationError
from desktop_app.ui.widgets.inputs import date_edit, from_qdate, text_box
from desktop_app.ui.widgets.errors import show_error
from desktop_app.ui.inspections.inspection_header import (
    DepartmentPicker, ErrorRouter, HeaderFields,
)
from desktop_app.ui.inspections.inspection_parts import Checklist, fmt_day, is_form_field
from desktop_app.ui.widgets.forms import FormDialog
from desktop_app.ui.widgets.forms import FieldErrors
from desktop_app.ui.widgets.labels import note_label


def fit_to_screen(dialog: QWidget, width: int, height: int) -> None:
    """Resize to (width, height) or less, so the dialog fits the screen (1366×768 and up)."""
    screen = dialog.screen()
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, available.width() - 20)
        height = min(height, available.height() - 40)
    dialog.resize(width, height)


@dataclass(frozen=True)
class FormLists:
    """What the header's pickers offer: staff with the leader / union-chair role, departments."""

    leaders: tuple[str, ...]
    chairs: tuple[str, ...]
    departments: tuple[tuple[str, int], ...]


def load_lists(session: Session) -> FormLists:
    staff = list_staff(session=session, include_inactive=False)
    return FormLists(
        leaders=tuple(s.name for s in staff if StaffRole.leader in s.roles),
        chairs=tuple(s.name for s in staff if StaffRole.union_chair in s.roles),
        departments=tuple((d.name, d.id) for d in list_departments(
            session=session, include_inactive=False)))


def add_below_form(dialog: FormDialog, scroll: QScrollArea, *more: QFormLayout) -> None:
    """Put a scroll area (taking the extra height) and more form rows between a FormDialog's
    form and its buttons."""
    layout = dialog.layout()
    assert isinstance(layout, QVBoxLayout)
    layout.insertWidget(1, scroll, 1)
    for n, form in enumerate(more, start=2):
        layout.insertLayout(n, form)


@dataclass(frozen=True)
class FailedItem:
    """A 不合格 item as the form shows it now (for the sign-off step)."""

    result_id: int
    order: int
    area: str
    text: str
    note: str


# --- the sign-off step --------------------------------------------------------------------------

class FindingFields(QGroupBox):
    """What one 不合格 item asks: the problem (its note), departments, measure, deadline."""

    def __init__(self, item: FailedItem, departments: Sequence[tuple[str, int]],
                 default_day: date, workdays: int, errors: FieldErrors,
                 cached: FindingInput | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.default_day = default_day
        self.setTitle(self.tr("第 {0} 项【{1}】{2}").format(item.order, item.area, item.text))
        rid = item.result_id
        self.problem_label = problem = QLabel(
            item.note or self.tr("（未填写：请回到检查表在该项填写存在的问题）"))
        problem.setWordWrap(True)
        problem.setStyleSheet("" if item.note else "color: #c62828;")
        self.departments = DepartmentPicker(departments)
        self.measure_edit = text_box(self.tr("不填写时为：{0}").format(default_measure(item.text)),
                                     48)
        self.deadline_edit = date_edit(default_day)
        hint = QLabel(self.tr("默认：检查日后 {0} 个工作日（{1:%Y-%m-%d}）").format(
            workdays, default_day))
        hint.setStyleSheet("color: #616161;")
        deadline_row = QWidget()
        row = QHBoxLayout(deadline_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.deadline_edit)
        row.addWidget(hint, 1)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("存在问题"), problem)
        form.addRow(self.tr("责任科室"), errors.wrap(self.departments, f"department_ids:{rid}"))
        form.addRow(self.tr("整改措施"), errors.wrap(self.measure_edit, f"measure:{rid}"))
        form.addRow(self.tr("整改时限"), errors.wrap(deadline_row, f"deadline:{rid}"))
        if cached is not None:
            self.departments.set_checked_ids(cached.department_ids)
            self.measure_edit.setPlainText(cached.measure)
            if cached.deadline is not None:
                self.deadline_edit.setDate(date_edit(cached.deadline).date())

    def finding(self) -> FindingInput:
        """The finding; the deadline only when changed from the default (else the data layer's)."""
        deadline = from_qdate(self.deadline_edit.date())
        return FindingInput(self.item.result_id, self.departments.checked_ids(),
                            self.measure_edit.toPlainText(),
                            None if deadline == self.default_day else deadline)


class SignOffDialog(FormDialog):
    """签字确认: the summary, and for each 不合格 item its rectification (departments, measure,
    deadline). OK calls `save(findings)`; an error of the form itself (a header field or an
    item) closes this step so the form can show it where it belongs."""

    def __init__(self, parent: QWidget | None, summary: str, items: Sequence[FailedItem],
                 departments: Sequence[tuple[str, int]], default_day: date, workdays: int,
                 cache: dict[int, FindingInput],
                 save: Callable[[list[FindingInput]], InspectionDetail]) -> None:
        super().__init__(parent, self.tr("签字确认"))
        self.setMinimumWidth(760)
        self._save = save
        self._cache = cache
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确认签字"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("返回修改"))
        self.form.addRow(note_label(self.tr(
            "签字确认后，本记录不能再修改（只能更正，更正原因与原记录一并保留）。"
            "每个不合格项生成一项整改事项，进入整改台账，按时限整改、复查后销号。")))
        summary_label = QLabel(summary)
        summary_label.setTextFormat(Qt.TextFormat.RichText)
        summary_label.setWordWrap(True)
        self.form.addRow(summary_label)
        self.findings_fields: dict[int, FindingFields] = {}
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 6, 0)
        for item in items:
            box = FindingFields(item, departments, default_day, workdays, self.errors,
                                cache.get(item.result_id))
            self.findings_fields[item.result_id] = box
            column.addWidget(box)
        if not items:
            column.addWidget(QLabel(self.tr("本次检查没有不合格项，无需整改。")))
        column.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(content)
        add_below_form(self, self.scroll)
        fit_to_screen(self, 820, 250 + 200 * min(max(len(items), 1), 3))

    def findings(self) -> list[FindingInput]:
        return [box.finding() for box in self.findings_fields.values()]

    def submit(self) -> InspectionDetail:
        return self._save(self.findings())

    def accept(self) -> None:
        self.errors.clear()
        try:
            result = self.submit()
        except ValidationError as exc:
            if self.errors.show(exc):
                rid = exc.field.partition(":")[2]
                box = self.findings_fields.get(int(rid)) if rid.isdigit() else None
                if box is not None:
                    self.scroll.ensureWidgetVisible(box)
            elif is_form_field(exc.field):  # the form shows it at its field or item
                QDialog.reject(self)
            else:
                show_error(self, exc)
            return
        except Exception as exc:  # noqa: BLE001 - shown by the one error dialog
            show_error(self, exc)
            return
        self.result_value = result
        QDialog.accept(self)

    def done(self, result: int) -> None:
        for finding in self.findings():  # back to the form: reopened, the step keeps them
            self._cache[finding.result_id] = finding
        super().done(result)

    @classmethod
    def ask(cls, parent: QWidget | None, summary: str, items: Sequence[FailedItem],
            departments: Sequence[tuple[str, int]], default_day: date, workdays: int,
            cache: dict[int, FindingInput],
            save: Callable[[list[FindingInput]], InspectionDetail]) -> InspectionDetail | None:
        return cls._run(cls(parent, summary, items, departments, default_day, workdays, cache,
                            save))


# --- amendments ---------------------------------------------------------------------------------

def _same(a: object, b: object) -> bool:
    if isinstance(a, datetime) and isinstance(b, datetime):
        return a.replace(second=0, microsecond=0) == b.replace(second=0, microsecond=0)
    if isinstance(a, str) or isinstance(b, str):
        return (a or "").strip() == (b or "").strip()  # type: ignore[union-attr]
    return a == b


class AmendInspectionDialog(FormDialog):
    """更正: the header and the items pre-filled as they stand; only what differs is sent,
    with the required reason. The values as signed stay beside the amendment."""

    def __init__(self, parent: QWidget | None, detail: InspectionDetail, lists: FormLists,
                 save: Callable[..., InspectionDetail], now: datetime) -> None:
        super().__init__(parent, self.tr("更正检查记录 — {0}").format(fmt_day(detail.friday)))
        self._save = save
        self.detail = detail
        self.form.addRow(note_label(self.tr(
            "已签字确认的记录不能修改。更正与原因一起保留在原记录旁边，两者都可查看。"
            "只改需要更正的内容；已生成整改事项的不合格项不能改为合格或不适用。")))
        self.header_fields = HeaderFields(self.errors, lists.leaders, lists.chairs,
                                          [name for name, _id in lists.departments],
                                          detail.header.inspected_at or now)
        self.header_fields.set_header(detail.header)
        self.checklist = Checklist(detail.results, editable=True, photos=False)
        for row in self.checklist.rows.values():
            if row.row.rectification_id is not None:
                row.lock_result(KEEP_FAILED)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 6, 0)
        header_box = QGroupBox(self.tr("检查信息"))
        QVBoxLayout(header_box).addWidget(self.header_fields)
        column.addWidget(header_box)
        column.addWidget(self.checklist)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(content)
        self.reason_edit = text_box(self.tr("为什么更正，如：录入时选错、补记漏填的参加人员"), 48)
        reason_form = QFormLayout()
        reason_form.addRow(self.tr("更正原因"), self.errors.wrap(self.reason_edit, "reason"))
        add_below_form(self, self.scroll, reason_form)
        self.router = ErrorRouter(self.errors, self.scroll, lambda: self.checklist.rows,
                                  lambda: self.header_fields.field_widgets)
        fit_to_screen(self, 1100, 700)

    def changes(self) -> dict[str, Any]:
        """The edited values that differ from the record as it stands."""
        edited = self.header_fields.header()
        changes: dict[str, Any] = {
            name: getattr(edited, name) for name in HEADER_FIELDS
            if not _same(getattr(edited, name), getattr(self.detail.header, name))}
        for result in self.detail.results:
            row = self.checklist.rows[result.id]
            if row.result != result.result:
                changes[f"result:{result.id}"] = row.result
            if not _same(row.note, result.note):
                changes[f"note:{result.id}"] = row.note
        return changes

    def submit(self) -> InspectionDetail:
        return self._save(changes=self.changes(), reason=self.reason_edit.toPlainText())

    def accept(self) -> None:
        self.router.clear()
        try:
            result = self.submit()
        except ValidationError as exc:
            if not self.router.show(exc):
                show_error(self, exc)
            return
        except Exception as exc:  # noqa: BLE001 - shown by the one error dialog
            show_error(self, exc)
            return
        self.result_value = result
        QDialog.accept(self)

    @classmethod
    def ask(cls, parent: QWidget | None, detail: InspectionDetail, lists: FormLists,
            save: Callable[..., InspectionDetail], now: datetime) -> InspectionDetail | None:
        return cls._run(cls(parent, detail, lists, save, now))


# --- the record ---------------------------------------------------------------------------------
