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

The widgets and the showing of a record are in `inspection_form_view`
(`InspectionFormView`, re-exported here with its helpers); this module adds
the service calls.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget
from sqlmodel import Session

from desktop_app.db.database import Database
from desktop_app.db.engine import as_storage_error
from desktop_app.db.services.work_calendar import load_work_calendar
from desktop_app.db.services.inspection_photos import add_photo, remove_photo
from desktop_app.records.inspection_rows import FindingInput, InspectionDetail, PhotoRow
from desktop_app.db.services.inspection_signoff import amend_inspection, sign_off
from desktop_app.db.services.inspections import discard_draft, save_draft
from desktop_app.db.services.inspections_query import get_inspection
from desktop_app.db.services.settings import get_settings
from desktop_app.db.tx import Actor
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.inspections import ItemResult
from desktop_app.domain.rectification import default_deadline
from desktop_app.ui.widgets.errors import show_error
from desktop_app.ui.inspections import inspection_parts as parts
from desktop_app.ui.inspections.inspection_dialogs import (
    AmendInspectionDialog, FailedItem, FormLists, SignOffDialog, fit_to_screen, load_lists,
)
from desktop_app.ui.inspections.inspection_form_view import (
    READ_ONLY_NOTE, SAVED_STYLE, SIGNED_NOTE, InspectionFormView, default_time,
)
from desktop_app.ui.inspections.inspection_header import esc
from desktop_app.ui.inspections.inspection_parts import ItemRow, counts_text, fmt_dt, is_form_field

__all__ = [  # the sign-off and amendment steps and the view are re-exported from their modules
    "PREFERRED_SIZE", "READ_ONLY_NOTE", "SAVED_STYLE", "SIGNED_NOTE", "AmendInspectionDialog",
    "FailedItem", "FormLists", "InspectionDialog", "InspectionFormView", "SignOffDialog",
    "default_time", "fit_to_screen", "load_lists",
]

PREFERRED_SIZE = (1280, 700)


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


class InspectionDialog(InspectionFormView):
    """One Friday's inspection record; `open` runs it and says whether anything was saved."""

    print_requested = Signal(int)  # inspection id
    changed = Signal(int)  # inspection id (saved, photo added, signed, amended, discarded)

    def __init__(self, parent: QWidget | None, db: Database, actor: Actor, inspection_id: int,
                 now: Callable[[], datetime]) -> None:
        super().__init__(parent, actor, now)
        self.db, self.inspection_id = db, inspection_id
        self.saved_anything = False
        self.discarded = False
        self.findings_cache: dict[int, FindingInput] = {}
        self._form_error: ValidationError | None = None
        self.add_photo_requested.connect(self.choose_photos_for)
        self.remove_photo_requested.connect(self.remove_photo)
        self.fill_button.clicked.connect(self.fill_unanswered)
        self.discard_button.clicked.connect(lambda: self.discard())
        self.save_button.clicked.connect(lambda: self.save_draft())
        self.sign_button.clicked.connect(lambda: self.sign_off())
        self.amend_button.clicked.connect(lambda: self.amend())
        self.print_button.clicked.connect(self.request_print)
        self.close_button.clicked.connect(self.reject)
        fit_to_screen(self, *PREFERRED_SIZE)

        ok, loaded = self._call(lambda s: (
            get_inspection(session=s, inspection_id=inspection_id), load_lists(s)))
        if ok and loaded is not None:
            self.lists = loaded[1]
            self.show_detail(loaded[0])

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

        result = AmendInspectionDialog.ask(self, self.detail, self.lists, save, self._now())
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
