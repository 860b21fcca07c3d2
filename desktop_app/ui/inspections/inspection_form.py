"""The Friday inspection record (DESIGN §1.5; seed 004 §三(一)4 每周五行政总检查).

- A draft: the header (检查时间, 分工院长, 工会主席, 参加科室, 参加人员, 小结) and the
  checklist grouped by area, each item 合格 / 不合格 / 不适用 with a note and photos.
  保存草稿 keeps what is filled in (partial allowed); 签字确认… asks, for each
  不合格 item, the responsible departments, measure and deadline, then signs off
  (each 不合格 becomes a rectification item). A refusal is shown at the field or
  item it names, scrolled into view; nothing is saved half-way.
- A signed record opens read-only: amendments (更正) are shown beside the values
  as signed; 更正… records a change with its reason.
- 打印… is wired by the caller (`print_requested`, or `open(on_print=…)`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog, QFrame, QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMessageBox,
    QPushButton, QScrollArea, QVBoxLayout, QWidget,
)
from sqlmodel import Session

from desktop_app.db.database import Database
from desktop_app.db.engine import as_storage_error
from desktop_app.db.services.calendar import load_work_calendar
from desktop_app.db.services.inspection_photos import add_photo, remove_photo
from desktop_app.db.services.inspection_rows import (
    FindingInput, InspectionDetail, InspectionHeader, PhotoRow, ResultInput,
)
from desktop_app.db.services.inspection_signoff import amend_inspection, sign_off
from desktop_app.db.services.inspections import discard_draft, save_draft
from desktop_app.db.services.inspections_query import get_inspection
from desktop_app.db.services.settings import get_settings
from desktop_app.db.tx import Actor
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.inspections import INSPECTION_STATUS_LABELS, InspectionStatus, ItemResult
from desktop_app.domain.rectification import default_deadline
from desktop_app.domain.roles import Permission, allows
from desktop_app.ui.errors import show_error
from desktop_app.ui.inspections import inspection_parts as parts
from desktop_app.ui.inspections.inspection_header import (
    ErrorRouter, HeaderFields, amendments_html, esc, header_html,
)
from desktop_app.ui.inspections.inspection_parts import (
    Checklist, ItemRow, counts_text, fmt_day, fmt_dt, is_form_field,
)
from desktop_app.ui.inspections.inspection_dialogs import (  # noqa: F401 (re-exported)
    AmendInspectionDialog, FailedItem, FormLists, SignOffDialog, fit_to_screen, load_lists,
)
from desktop_app.ui.settings.fields import FieldErrors, note_label

PREFERRED_SIZE = (1280, 700)
SAVED_STYLE = "color: #2e7d32;"
SIGNED_NOTE = "本记录已签字确认，不能再修改；如有错漏，请使用“更正”（更正原因与原记录一并保留）。"
READ_ONLY_NOTE = "只有值班院长和办公室主任可以记录周五检查，这里仅供查看。"


def _confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask yes/no; tests replace this function."""
    return QMessageBox.question(parent, title, text) == QMessageBox.StandardButton.Yes


def _ask_unsaved(parent: QWidget) -> str:
    """"save", "discard" or "cancel" for closing with unsaved changes; tests replace this."""
    box = QMessageBox(QMessageBox.Icon.Question, parent.tr("未保存的修改"),
                      parent.tr("检查记录有未保存的修改，是否保存为草稿？"), parent=parent)
    save = box.addButton(parent.tr("保存草稿"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(parent.tr("不保存"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(parent.tr("取消"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    return "save" if clicked is save else "discard" if clicked is discard else "cancel"


def default_time(due_day: date, now: datetime) -> datetime:
    """The time offered for a new record: now on the due day (or before it), else 15:00 that day."""
    now = now.replace(second=0, microsecond=0)
    return datetime.combine(due_day, time(15, 0)) if now.date() > due_day else now


class InspectionDialog(QDialog):
    """One Friday's inspection record; `open` runs it and says whether anything was saved."""

    print_requested = Signal(int)  # inspection id
    changed = Signal(int)  # inspection id (saved, photo added, signed, amended, discarded)

    def __init__(self, parent: QWidget | None, db: Database, actor: Actor, inspection_id: int,
                 now: Callable[[], datetime]) -> None:
        super().__init__(parent)
        self.db, self.actor, self.inspection_id = db, actor, inspection_id
        self._now = now
        self.detail: InspectionDetail | None = None
        self.lists = FormLists((), (), ())
        self.saved_anything = False
        self.discarded = False
        self.findings_cache: dict[int, FindingInput] = {}
        self._form_error: ValidationError | None = None
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
        self.fill_button.clicked.connect(self.fill_unanswered)
        self.discard_button.clicked.connect(lambda: self.discard())
        self.save_button.clicked.connect(lambda: self.save_draft())
        self.sign_button.clicked.connect(lambda: self.sign_off())
        self.amend_button.clicked.connect(lambda: self.amend())
        self.print_button.clicked.connect(self.request_print)
        self.close_button.clicked.connect(self.reject)
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
        fit_to_screen(self, *PREFERRED_SIZE)

        ok, loaded = self._call(lambda s: (
            get_inspection(session=s, inspection_id=inspection_id), load_lists(s)))
        if ok and loaded is not None:
            self.lists = loaded[1]
            self.show_detail(loaded[0])

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
            row.add_photo_requested.connect(self.choose_photos_for)
            row.remove_photo_requested.connect(self.remove_photo)
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

    # service calls --------------------------------------------------------------------------
    def _call(self, action: Callable[[Session], Any],
              item: ItemRow | None = None) -> tuple[bool, Any]:
        """Run one service call; a refusal goes to its field or item (or the photo's item)."""
        self.router.clear()
        try:
            with self.db.session() as session:
                return True, action(session)
        except ValidationError as exc:
            if item is not None and exc.field == "photo":
                item.show_error(exc.message)
                self.scroll.ensureWidgetVisible(item, 40, 60)
            elif not self.router.show(exc):
                show_error(self, exc)
        except Exception as exc:  # noqa: BLE001 - ui.errors sorts them by who is to blame
            storage = as_storage_error(exc, str(self.db.path))
            show_error(self, storage if storage is not None else exc)
        return False, None

    def _saved(self, detail: InspectionDetail | None, message: str, rebuild: bool) -> None:
        self.saved_anything = True
        if detail is not None:
            if rebuild:
                self.show_detail(detail)
            else:
                self.detail = detail
                self._take_snapshot()
        self.status_label.setText(message)
        self.changed.emit(self.inspection_id)

    def save_draft(self) -> bool:
        """保存草稿: the header and every item as filled in so far."""
        if not self.editable:
            return False
        header, results = self.header_input(), self.result_inputs()
        ok, detail = self._call(lambda s: save_draft(
            session=s, actor=self.actor, inspection_id=self.inspection_id, header=header,
            results=results, now=self._now()))
        if ok:
            self._saved(detail, self.tr("草稿已保存 {0:%H:%M}").format(self._now()), rebuild=False)
        return ok

    def fill_unanswered(self) -> None:
        for row in self._rows().values():
            if not row.result:
                row.set_result(ItemResult.passed.value)

    def failed_items(self) -> list[FailedItem]:
        return [FailedItem(r.result_id, r.row.order, r.row.area, r.row.text, r.note.strip())
                for r in self._rows().values() if r.result == ItemResult.failed]

    def sign_off(self) -> bool:
        """签字确认…: the findings step, then `sign_off`; True once signed."""
        if not self.editable or self.detail is None:
            return False
        header, results = self.header_input(), self.result_inputs()
        day = header.inspected_at.date() if header.inspected_at else self.detail.due_day
        ok, defaults = self._call(lambda s: (
            get_settings(session=s).rectification_workdays, load_work_calendar(session=s)))
        if not ok:
            return False
        workdays, calendar = defaults
        counts = self.counts()
        summary = self.tr(
            "签字人（分工院长）：<b>{0}</b>　检查时间：{1}<br>{2}").format(
            esc(header.leader.strip()) or "<span style='color:#c62828'>（未填写）</span>",
            fmt_dt(header.inspected_at), counts_text(counts))

        def save(findings: list[FindingInput]) -> InspectionDetail:
            with self.db.session() as session:
                return sign_off(session=session, actor=self.actor,
                                inspection_id=self.inspection_id, header=header, results=results,
                                findings=findings, now=self._now())

        self.router.clear()
        dialog_result = SignOffDialog.ask(self, summary, self.failed_items(),
                                          self.lists.departments,
                                          default_deadline(day, workdays, calendar), workdays,
                                          self.findings_cache, self._remember_form_error(save))
        if dialog_result is None:
            if self._form_error is not None:
                self.router.show(self._form_error)
            return False
        self._saved(dialog_result, self.tr("已签字确认"), rebuild=True)
        return True

    def _remember_form_error(self, save: Callable[[list[FindingInput]], InspectionDetail]
                             ) -> Callable[[list[FindingInput]], InspectionDetail]:
        """Keep a refusal the form must show (a header field or an item) after the step closes."""
        self._form_error = None

        def wrapped(findings: list[FindingInput]) -> InspectionDetail:
            self._form_error = None
            try:
                return save(findings)
            except ValidationError as exc:
                if is_form_field(exc.field):
                    self._form_error = exc
                raise
        return wrapped

    def amend(self) -> bool:
        """更正…: changes with a reason, kept beside the original."""
        if self.detail is None or not self.detail.signed or not self.can_record:
            return False

        def save(changes: dict[str, Any], reason: str) -> InspectionDetail:
            with self.db.session() as session:
                return amend_inspection(session=session, actor=self.actor,
                                        inspection_id=self.inspection_id, changes=changes,
                                        reason=reason, now=self._now())

        result = AmendInspectionDialog.ask(self, self.detail, self.lists, save)
        if result is None:
            return False
        self._saved(result, self.tr("已保存更正"), rebuild=True)
        return True

    def discard(self) -> bool:
        """删除草稿 (a record opened by mistake); closes the form."""
        if not self.editable or not _confirm(self, self.tr("删除草稿"), self.tr(
                "删除这份草稿？已填写的内容和照片将不再保留，该周五重新显示为未检查。")):
            return False
        ok, _ = self._call(lambda s: discard_draft(
            session=s, actor=self.actor, inspection_id=self.inspection_id, now=self._now()))
        if ok:
            self.saved_anything = self.discarded = True
            self.changed.emit(self.inspection_id)
            QDialog.reject(self)
        return ok

    # photos ---------------------------------------------------------------------------------
    def choose_photos_for(self, result_id: int) -> None:
        for path in parts.choose_photos(self):
            if not self.add_photo_file(result_id, path):
                break

    def add_photo_file(self, result_id: int, path: str | Any) -> bool:
        """Add the picture at `path` to an item; a refusal shows at that item's photos."""
        row = self._rows().get(result_id)
        if row is None or not self.editable:
            return False
        ok, photo = self._call(lambda s: add_photo(
            session=s, actor=self.actor, result_id=result_id, file=path, now=self._now()),
            item=row)
        if ok and photo is not None:
            row.photo_strip.add_photo(photo)
            self._saved(None, self.tr("已添加照片：{0}").format(photo.original_name),
                        rebuild=False)
        return ok

    def remove_photo(self, photo: PhotoRow) -> bool:
        row = self._rows().get(photo.result_id or 0)
        ok, _ = self._call(lambda s: remove_photo(
            session=s, actor=self.actor, photo_id=photo.id, now=self._now()), item=row)
        if ok and row is not None:
            row.photo_strip.remove_photo(photo.id)
            self._saved(None, self.tr("已移除照片"), rebuild=False)
        return ok

    # printing and closing -------------------------------------------------------------------
    def request_print(self) -> None:
        if self.detail is not None and self.detail.signed:
            self.print_requested.emit(self.inspection_id)

    def reject(self) -> None:
        if self.is_dirty():
            answer = _ask_unsaved(self)
            if answer == "cancel" or (answer == "save" and not self.save_draft()):
                return
        super().reject()

    @classmethod
    def open(cls, parent: QWidget | None, db: Database, actor: Actor, inspection_id: int,
             now: Callable[[], datetime],
             on_print: Callable[[int], None] | None = None) -> bool:
        """Run the form for `inspection_id`; True if anything was saved (the list should refresh)."""
        dialog = cls(parent, db, actor, inspection_id, now)
        try:
            if dialog.detail is None:
                return False
            if on_print is not None:
                dialog.print_requested.connect(on_print)
            dialog.exec()
            return dialog.saved_anything
        finally:
            dialog.deleteLater()
