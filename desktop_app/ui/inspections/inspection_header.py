"""The inspection form's header fields (检查时间, 分工院长, 工会主席, 参加科室 …), the department
picker, the routing of a service error to its field or item, and the HTML of a record's header
and amendments. The checklist and photo widgets are in `inspection_parts`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QMenu, QPushButton,
    QScrollArea, QWidget,
)

from desktop_app.records.inspection_rows import (
    HEADER_FIELDS, InspectionAmendmentRow, InspectionDetail, InspectionHeader,
)
from desktop_app.domain.errors import ValidationError
from desktop_app.ui.widgets.inputs import datetime_edit, from_qdatetime, text_box, to_qdatetime
from desktop_app.ui.inspections.inspection_parts import ItemRow, fmt_dt, is_item_field
from desktop_app.ui.widgets.forms import FieldErrors


def _names_combo(names: Sequence[str]) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems(list(names))
    combo.setCurrentIndex(-1)
    combo.setEditText("")
    combo.lineEdit().setMaxLength(30)
    combo.lineEdit().setPlaceholderText("选择或输入姓名")
    combo.setMinimumWidth(150)
    return combo


def append_name(edit: QLineEdit, name: str) -> None:
    """Add `name` to a "、"-separated list in a line edit, once."""
    names = [n for n in edit.text().replace("，", "、").replace(",", "、").split("、") if n.strip()]
    if name not in [n.strip() for n in names]:
        names.append(name)
    edit.setText("、".join(n.strip() for n in names))


class HeaderFields(QWidget):
    """检查时间, 分工院长 (staff with the leader role), 工会主席 (union chair), 参加科室 (with a
    picker of the departments), 参加人员, 检查小结 — each with its red message under it."""

    def __init__(self, errors: FieldErrors, leaders: Sequence[str], chairs: Sequence[str],
                 departments: Sequence[str], default_at: datetime,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.default_at = default_at
        self.at_edit = datetime_edit(default_at)
        self.leader_combo = _names_combo(leaders)
        self.chair_combo = _names_combo(chairs)
        self.departments_edit = QLineEdit()
        self.departments_edit.setMaxLength(200)
        self.departments_edit.setPlaceholderText(self.tr("如：院办公室、总务科、政工科"))
        self.pick_button = QPushButton(self.tr("选择科室"))
        self.pick_button.setToolTip(self.tr("从科室列表中添加"))
        menu = QMenu(self.pick_button)
        for name in departments:
            menu.addAction(name, lambda n=name: append_name(self.departments_edit, n))
        self.pick_button.setMenu(menu)
        self.pick_button.setEnabled(bool(departments))
        self.participants_edit = QLineEdit()
        self.participants_edit.setMaxLength(300)
        self.participants_edit.setPlaceholderText(self.tr("参加检查的人员，用“、”分隔"))
        self.summary_edit = text_box(self.tr("检查小结：总体情况、当场整改的问题、下一步要求"), 52)
        departments_box = QWidget()
        row = QHBoxLayout(departments_box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.departments_edit, 1)
        row.addWidget(self.pick_button)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setColumnStretch(5, 1)
        cells = [
            (0, 0, 1, self.tr("检查时间"), self.at_edit, "inspected_at"),
            (0, 2, 1, self.tr("分工院长"), self.leader_combo, "leader"),
            (0, 4, 1, self.tr("工会主席"), self.chair_combo, "union_chair"),
            (1, 0, 3, self.tr("参加科室"), departments_box, "departments"),
            (1, 4, 1, self.tr("参加人员"), self.participants_edit, "participants"),
            (2, 0, 5, self.tr("检查小结"), self.summary_edit, "summary"),
        ]
        self.field_widgets: dict[str, QWidget] = {}
        for r, c, span, caption, widget, field in cells:
            label = QLabel(caption)
            label.setFixedHeight(self.at_edit.sizeHint().height())
            grid.addWidget(label, r, c, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(errors.wrap(widget, field), r, c + 1, 1, span)
            self.field_widgets[field] = widget

    def header(self) -> InspectionHeader:
        return InspectionHeader(
            inspected_at=from_qdatetime(self.at_edit.dateTime()),
            leader=self.leader_combo.currentText(), union_chair=self.chair_combo.currentText(),
            departments=self.departments_edit.text(), participants=self.participants_edit.text(),
            summary=self.summary_edit.toPlainText())

    def set_header(self, header: InspectionHeader) -> None:
        at = header.inspected_at or self.default_at
        self.at_edit.setDateTime(to_qdatetime(at))
        self.leader_combo.setEditText(header.leader)
        self.chair_combo.setEditText(header.union_chair)
        self.departments_edit.setText(header.departments)
        self.participants_edit.setText(header.participants)
        self.summary_edit.setPlainText(header.summary)


# --- the responsible departments ----------------------------------------------------------------

class DepartmentPicker(QWidget):
    """Check boxes of the active departments in a grid; `checked_ids` in list order."""

    COLUMNS = 5

    def __init__(self, departments: Sequence[tuple[str, int]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.checks: dict[int, QCheckBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        for n, (name, dept_id) in enumerate(departments):
            check = QCheckBox(name)
            self.checks[dept_id] = check
            grid.addWidget(check, n // self.COLUMNS, n % self.COLUMNS)
        grid.setColumnStretch(self.COLUMNS, 1)
        if not departments:
            grid.addWidget(QLabel(self.tr("（尚未设置科室，可在“设置”中添加）")), 0, 0)

    def checked_ids(self) -> tuple[int, ...]:
        return tuple(dept_id for dept_id, check in self.checks.items() if check.isChecked())

    def set_checked_ids(self, ids: Iterable[int]) -> None:
        wanted = set(ids)
        for dept_id, check in self.checks.items():
            check.setChecked(dept_id in wanted)


# --- errors at the field or item they name ------------------------------------------------------

class ErrorRouter:
    """A ValidationError at its header field (FieldErrors) or checklist item, scrolled into view."""

    def __init__(self, errors: FieldErrors, scroll: QScrollArea,
                 rows: Callable[[], dict[int, ItemRow]],
                 widgets: Callable[[], dict[str, QWidget]]) -> None:
        self.errors = errors
        self.scroll = scroll
        self._rows = rows
        self._widgets = widgets

    def clear(self) -> None:
        self.errors.clear()
        for row in self._rows().values():
            row.clear_error()

    def show(self, exc: ValidationError) -> bool:
        """True if the form had a place for it (else the caller shows a message box)."""
        self.clear()
        if is_item_field(exc.field):
            row = self._rows().get(int(exc.field.partition(":")[2]))
            if row is None:
                return False
            row.show_error(exc.message)
            self.scroll.ensureWidgetVisible(row, 40, 60)
            target = row.choice if exc.field.startswith("result:") else row.note_edit
            if target is not None:
                target.setFocus()
            return True
        if self.errors.show(exc):
            widget = self._widgets().get(exc.field)
            if widget is not None:
                self.scroll.ensureWidgetVisible(widget, 40, 60)
            return True
        return False


# --- a signed record as text --------------------------------------------------------------------

def esc(text: str) -> str:
    """`text` safe inside a rich-text label (line breaks kept)."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "<br>"))


def _header_value(name: str, header: InspectionHeader) -> str:
    value = getattr(header, name)
    if isinstance(value, datetime):
        return fmt_dt(value)
    return str(value or "")


HEADER_CAPTIONS = {"inspected_at": "检查时间", "leader": "分工院长", "union_chair": "工会主席",
                   "departments": "参加科室", "participants": "参加人员", "summary": "检查小结"}


def header_html(detail: InspectionDetail) -> str:
    """The header of a signed record; a field changed by an amendment shows its signed value."""
    cells = []
    for name in HEADER_FIELDS:
        now_value = _header_value(name, detail.header)
        was = _header_value(name, detail.original_header)
        text = esc(now_value) if now_value else "<span style='color:#9e9e9e'>（空）</span>"
        if now_value != was:
            text += (f" <span style='color:#8a4b00; background:#fff3e0'>"
                     f"（已更正，原为：{esc(was) or '（空）'}）</span>")
        cells.append(f"<tr><td style='color:#616161; padding-right:10px' valign='top'>"
                     f"{HEADER_CAPTIONS[name]}</td><td>{text}</td></tr>")
    signed = (f"<tr><td style='color:#616161'>签字确认</td><td><b>{esc(detail.signed_by)}</b>"
              f"　{fmt_dt(detail.signed_at)}　（记录人：{esc(detail.recorded_by)}）</td></tr>")
    return "<table cellspacing='2'>" + "".join(cells) + signed + "</table>"


def amendments_html(amendments: Sequence[InspectionAmendmentRow]) -> str:
    """Each amendment: when, by whom, why, and what changed (old → new)."""
    parts = []
    for n, a in enumerate(amendments, start=1):
        lines = "".join(f"<li>{esc(line)}</li>" for line in a.described)
        parts.append(f"<p style='margin:4px 0'><b>第 {n} 次更正</b>　{fmt_dt(a.at)}　"
                     f"{esc(a.recorded_by)}<br>更正原因：{esc(a.reason)}</p>"
                     f"<ul style='margin-top:0'>{lines}</ul>")
    return "".join(parts)
