"""The widgets of the Friday inspection form and how one record is shown in them.

`InspectionFormView` lays out the title, the section list, the scrolled form
and the footer buttons, and `show_detail` builds the form for a record: the
header as fields on a draft (as text once signed), the amendments, the
checklist by area. It reads the values back (`header_input`, `result_inputs`)
and knows whether they changed; it makes no service calls —
`inspection_form.InspectionDialog` derives from it and saves, signs and amends.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog, QFrame, QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton,
    QScrollArea, QVBoxLayout, QWidget,
)

from desktop_app.records.inspection_rows import InspectionDetail, InspectionHeader, ResultInput
from desktop_app.db.tx import Actor
from desktop_app.domain.inspections import INSPECTION_STATUS_LABELS, InspectionStatus
from desktop_app.domain.roles import Permission, allows
from desktop_app.ui.inspections.inspection_dialogs import FormLists
from desktop_app.ui.inspections.inspection_header import (
    ErrorRouter, HeaderFields, amendments_html, esc, header_html,
)
from desktop_app.ui.inspections.inspection_parts import (
    Checklist, ItemRow, counts_text, fmt_day, fmt_dt,
)
from desktop_app.ui.widgets.forms import FieldErrors
from desktop_app.ui.widgets.labels import note_label

SAVED_STYLE = "color: #2e7d32;"
SIGNED_NOTE = "本记录已签字确认，不能再修改；如有错漏，请使用“更正”（更正原因与原记录一并保留）。"
READ_ONLY_NOTE = "只有值班院长和办公室主任可以记录周五检查，这里仅供查看。"


def default_time(due_day: date, now: datetime) -> datetime:
    """The time offered for a new record: now on the due day (or before it), else 15:00 that day."""
    now = now.replace(second=0, microsecond=0)
    return datetime.combine(due_day, time(15, 0)) if now.date() > due_day else now


class InspectionFormView(QDialog):
    """The form's widgets and the record shown in them (`detail`); no service calls.

    An item row's photo buttons are passed on as `add_photo_requested` (result id)
    and `remove_photo_requested` (the photo).
    """

    add_photo_requested = Signal(int)  # result id
    remove_photo_requested = Signal(object)  # PhotoRow

    def __init__(self, parent: QWidget | None, actor: Actor,
                 now: Callable[[], datetime]) -> None:
        super().__init__(parent)
        self.actor = actor
        self._now = now
        self.detail: InspectionDetail | None = None
        self.lists = FormLists((), (), ())
        self.errors = FieldErrors()
        self.header_fields: HeaderFields | None = None
        self.checklist: Checklist | None = None
        self.sections: dict[str, QWidget] = {}
        self._snapshot: tuple[InspectionHeader | None, list[ResultInput]] = (None, [])
        self.setWindowTitle(self.tr("周五行政总检查"))

        self.title_label = QLabel()
        self.title_label.setTextFormat(Qt.TextFormat.RichText)
        self.title_label.setWordWrap(True)
        self.state_note = note_label("")
        self.nav = QListWidget()
        self.nav.setFixedWidth(170)
        self.nav.setStyleSheet("QListWidget::item { padding: 4px 2px; }")
        self.nav.setToolTip(self.tr("点击跳到该部分"))
        self.nav.itemClicked.connect(self._jump)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.router = ErrorRouter(self.errors, self.scroll, self._rows, self._header_widgets)
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.scroll, 1)

        self.counter_label = QLabel()
        self.counter_label.setStyleSheet("font-weight: bold;")
        self.fill_button = QPushButton(self.tr("未填项设为合格"))
        self.fill_button.setToolTip(self.tr("把还没有填写结果的项目都设为“合格”"))
        self.status_label = QLabel()
        self.status_label.setStyleSheet(SAVED_STYLE)
        self.discard_button = QPushButton(self.tr("删除草稿"))
        self.save_button = QPushButton(self.tr("保存草稿"))
        self.sign_button = QPushButton(self.tr("签字确认…"))
        self.sign_button.setDefault(True)
        self.amend_button = QPushButton(self.tr("更正…"))
        self.print_button = QPushButton(self.tr("打印…"))
        self.close_button = QPushButton(self.tr("关闭"))
        footer = QHBoxLayout()
        footer.addWidget(self.counter_label)
        footer.addWidget(self.fill_button)
        footer.addStretch(1)
        footer.addWidget(self.status_label)
        for button in (self.discard_button, self.save_button, self.sign_button, self.amend_button,
                       self.print_button, self.close_button):
            footer.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.state_note)
        layout.addLayout(body, 1)
        layout.addLayout(footer)

    # state ----------------------------------------------------------------------------------
    @property
    def can_record(self) -> bool:
        return allows(self.actor.role, Permission.record_inspection)

    @property
    def editable(self) -> bool:
        """A draft, and the user may record inspections."""
        return (self.detail is not None and self.detail.status == InspectionStatus.draft
                and self.can_record)

    def _rows(self) -> dict[int, ItemRow]:
        return self.checklist.rows if self.checklist is not None else {}

    def _header_widgets(self) -> dict[str, QWidget]:
        return self.header_fields.field_widgets if self.header_fields is not None else {}

    def item(self, order: int) -> ItemRow:
        """The item row of checklist item number `order` (tests, screenshots)."""
        return next(r for r in self._rows().values() if r.row.order == order)

    def header_input(self) -> InspectionHeader:
        assert self.header_fields is not None
        return self.header_fields.header()

    def result_inputs(self) -> list[ResultInput]:
        return self.checklist.inputs() if self.checklist is not None else []

    def counts(self) -> dict[str, int]:
        assert self.checklist is not None
        return self.checklist.counts()

    def is_dirty(self) -> bool:
        if not self.editable or self.header_fields is None:
            return False
        return (self.header_input(), self.result_inputs()) != self._snapshot

    def _take_snapshot(self) -> None:
        if self.editable and self.header_fields is not None:
            self._snapshot = (self.header_input(), self.result_inputs())

    # showing --------------------------------------------------------------------------------
    def show_detail(self, detail: InspectionDetail) -> None:
        """Build the form for `detail`: editable as a draft, read-only once signed."""
        position = self.scroll.verticalScrollBar().value() if self.detail is not None else 0
        self.detail = detail
        self.errors = FieldErrors()
        self.router.errors = self.errors
        self.sections = {}
        moved = (self.tr("　改在 {0} 检查（{1}）").format(fmt_day(detail.due_day),
                                                       esc(detail.move_note))
                 if detail.due_day != detail.friday else "")
        colour = "#2e7d32" if detail.signed else "#8a6d00"
        status = INSPECTION_STATUS_LABELS[InspectionStatus(detail.status)]
        self.setWindowTitle(self.tr("周五行政总检查 — {0}").format(f"{detail.friday:%Y-%m-%d}"))
        self.title_label.setText(
            f"<span style='font-size:13pt; font-weight:bold'>周五行政总检查　{fmt_day(detail.friday)}"
            f"</span>{moved}　<span style='color:{colour}; font-weight:bold'>【{status}】</span>"
            f"　<span style='color:#616161'>检查表第 {detail.template_version} 版"
            f"　记录人：{esc(detail.recorded_by)}</span>")

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 8, 0)
        header_box = QGroupBox(self.tr("检查信息"))
        header_layout = QVBoxLayout(header_box)
        self.sections[self.tr("检查信息")] = header_box
        if self.editable:
            self.header_fields = HeaderFields(
                self.errors, self.lists.leaders, self.lists.chairs,
                [name for name, _id in self.lists.departments],
                default_time(detail.due_day, self._now()))
            self.header_fields.set_header(detail.header)
            if not detail.header.union_chair and len(self.lists.chairs) == 1:
                self.header_fields.chair_combo.setEditText(self.lists.chairs[0])
            header_layout.addWidget(self.header_fields)
        else:
            self.header_fields = None
            label = QLabel(header_html(detail) if detail.signed else self._draft_html(detail))
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            header_layout.addWidget(label)
        column.addWidget(header_box)
        if detail.amendments:
            box = QGroupBox(self.tr("更正记录（{0} 次）").format(len(detail.amendments)))
            label = QLabel(amendments_html(detail.amendments))
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            QVBoxLayout(box).addWidget(label)
            box.setStyleSheet("QGroupBox { color: #8a4b00; }")
            self.amendments_label = label
            self.sections[self.tr("更正记录")] = box
            column.addWidget(box)

        self.checklist = Checklist(detail.results, editable=self.editable)
        self.checklist.changed.connect(self._update_counts)
        for row in self.checklist.rows.values():
            row.add_photo_requested.connect(self.add_photo_requested)
            row.remove_photo_requested.connect(self.remove_photo_requested)
            if not self.editable:
                row.show_history(self._amended_at(row.result_id))
        for area, label in self.checklist.area_labels.items():
            self.sections[area] = label
        column.addWidget(self.checklist)
        self.scroll.setWidget(content)
        if position:  # after an amendment, stay where the user was
            bar = self.scroll.verticalScrollBar()
            QTimer.singleShot(0, bar, lambda: bar.setValue(position))

        self.state_note.setText(self.tr(SIGNED_NOTE) if detail.signed
                                else "" if self.can_record else self.tr(READ_ONLY_NOTE))
        self.state_note.setVisible(bool(self.state_note.text()))
        draft = self.editable
        for button in (self.fill_button, self.discard_button, self.save_button, self.sign_button):
            button.setVisible(draft)
        self.amend_button.setVisible(detail.signed and self.can_record)
        self.print_button.setVisible(detail.signed)
        self._update_counts()
        self._take_snapshot()

    def _draft_html(self, detail: InspectionDetail) -> str:
        h = detail.header
        return (f"检查时间：{fmt_dt(h.inspected_at) or '（未填）'}"
                f"　分工院长：{esc(h.leader) or '（未填）'}"
                f"　工会主席：{esc(h.union_chair) or '（未填）'}<br>参加科室：{esc(h.departments)}"
                f"　参加人员：{esc(h.participants)}<br>检查小结：{esc(h.summary)}")

    def _amended_at(self, result_id: int) -> datetime | None:
        assert self.detail is not None
        keys = {f"result:{result_id}", f"note:{result_id}"}
        times = [a.at for a in self.detail.amendments if keys & set(a.changes)]
        return max(times) if times else None

    def _update_counts(self) -> None:
        if self.checklist is None:
            return
        counts = self.checklist.counts()
        self.counter_label.setText(counts_text(counts))
        self.fill_button.setEnabled(counts[""] > 0)
        self.nav.clear()
        for name, widget in self.sections.items():
            text = name
            item = QListWidgetItem()
            if name in self.checklist.area_labels:
                total, unanswered, failed = self.checklist.area_counts(name)
                text = f"{name}（{total}）"
                if unanswered and self.editable:
                    text += f" 未填 {unanswered}"
                if failed:
                    text += f" 不合格 {failed}"
                    item.setForeground(QColor("#c62828"))
            item.setText(text)
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.nav.addItem(item)

    def _jump(self, item: QListWidgetItem) -> None:
        widget = self.sections.get(item.data(Qt.ItemDataRole.UserRole))
        if widget is not None:
            bar = self.scroll.verticalScrollBar()
            bar.setValue(min(bar.maximum(), max(0, widget.mapTo(self.scroll.widget(),
                                                                widget.rect().topLeft()).y() - 6)))
