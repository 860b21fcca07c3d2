"""Widgets of the Friday inspection form (DESIGN §1.5; seed 004 §三(一)4).

- `ItemRow`: one checklist item — 合格 / 不合格 / 不适用, a note, photos; read-only
  on a signed record, with its amendment and rectification item beside it.
- `PhotoStrip` / `PhotoThumb`: thumbnails from the stored copy of each photo.
- The header fields, department picker, error routing and the record's rich text are in
  `inspection_header`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QDialog, QFileDialog, QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QToolButton,
    QVBoxLayout, QWidget,
)

from desktop_app.records.inspection_rows import HEADER_FIELDS, PhotoRow, ResultInput, ResultRow
from desktop_app.domain.inspections import INSPECTION_AREAS, ITEM_RESULT_LABELS, ItemResult
from desktop_app.domain.rectification import RECTIFICATION_STATUS_LABELS, RectificationStatus
from desktop_app.ui.widgets.inputs import RadioChoice
from desktop_app.ui.widgets.forms import FieldErrors

RESULT_CHOICES: tuple[tuple[str, str], ...] = tuple(
    (r.value, ITEM_RESULT_LABELS[r]) for r in ItemResult)
RESULT_COLOURS = {ItemResult.passed.value: "#2e7d32", ItemResult.failed.value: "#c62828",
                  ItemResult.not_applicable.value: "#616161"}
UNANSWERED = "未填"
WEEKDAYS = "一二三四五六日"
THUMB_SIZE = QSize(64, 48)
RESULT_COLUMN_WIDTH = 250
AMENDED_STYLE = "color: #8a4b00; background: #fff3e0; padding: 2px 6px; border-radius: 3px;"
RECTIFICATION_STYLE = "color: #0d47a1;"
AREA_STYLE = ("background: #e3f2fd; color: #0d47a1; font-weight: bold; padding: 4px 8px;"
              " border-radius: 3px;")
ITEM_STYLE = "QFrame#inspection_item { border-bottom: 1px solid #e6e6e6; }"
FAILED_ITEM_STYLE = ("QFrame#inspection_item { background: #fdecea; border-radius: 4px;"
                     " border-bottom: 1px solid #f5c6cb; }")
NOTE_PLACEHOLDER = "情况说明（不合格时必填：存在的问题、位置）"
FINDING_FIELDS = ("department_ids:", "measure:", "deadline:")


def fmt_dt(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def fmt_day(day: date) -> str:
    """"2026-11-20（周五）"."""
    return f"{day:%Y-%m-%d}（周{WEEKDAYS[day.weekday()]}）"


def result_text(code: str | None) -> str:
    return ITEM_RESULT_LABELS[ItemResult(code)] if code else UNANSWERED


def is_item_field(field: str) -> bool:
    """"result:{id}" / "note:{id}": an error shown at a checklist item."""
    kind, _, rid = field.partition(":")
    return kind in ("result", "note") and rid.isdigit()


def is_form_field(field: str) -> bool:
    """A field of the inspection form itself (header or an item), not of the sign-off step."""
    return field in HEADER_FIELDS or is_item_field(field)


def choose_photos(parent: QWidget | None) -> list[str]:
    """Ask for picture files; tests replace this function."""
    paths, _filter = QFileDialog.getOpenFileNames(
        parent, parent.tr("选择照片") if parent else "选择照片", "",
        "图片 (*.jpg *.jpeg *.png);;所有文件 (*)")
    return list(paths)


# --- photos -------------------------------------------------------------------------------------

class PhotoPreview(QDialog):
    """A photo at a readable size, with its file name and who added it (modeless)."""

    def __init__(self, photo: PhotoRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("照片 — {0}").format(photo.original_name))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picture = QLabel()
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pixmap = QPixmap(str(photo.file_path))
        if pixmap.isNull():
            picture.setText(self.tr("无法显示该照片（文件缺失或已损坏）：{0}").format(photo.file_path))
        else:
            picture.setPixmap(pixmap.scaled(QSize(960, 600), Qt.AspectRatioMode.KeepAspectRatio,
                                            Qt.TransformationMode.SmoothTransformation)
                              if pixmap.width() > 960 or pixmap.height() > 600 else pixmap)
        caption = QLabel(self.tr("{0}　{1} 于 {2} 添加").format(
            photo.original_name, photo.added_by, fmt_dt(photo.added_at)))
        caption.setStyleSheet("color: #616161;")
        layout = QVBoxLayout(self)
        layout.addWidget(picture, 1)
        layout.addWidget(caption)


class PhotoThumb(QWidget):
    """One photo as a thumbnail from the stored copy; click to enlarge; 移除 on a draft."""

    remove_requested = Signal(object)  # PhotoRow

    def __init__(self, photo: PhotoRow, removable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.photo = photo
        self.pixmap = QPixmap(str(photo.file_path))
        self.button = QToolButton()
        self.button.setAutoRaise(True)
        if self.pixmap.isNull():
            self.button.setText(self.tr("无法显示"))
        else:
            self.button.setIcon(QIcon(self.pixmap.scaled(
                THUMB_SIZE, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation)))
            self.button.setIconSize(THUMB_SIZE)
        self.button.setToolTip(self.tr("{0}\n{1} 于 {2} 添加\n点击查看大图").format(
            photo.original_name, photo.added_by, fmt_dt(photo.added_at)))
        self.button.clicked.connect(self.preview)
        self.remove_button = QToolButton()
        self.remove_button.setText(self.tr("移除"))
        self.remove_button.setAutoRaise(True)
        self.remove_button.setStyleSheet("color: #c62828;")
        self.remove_button.setVisible(removable)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self.photo))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignHCenter)

    def preview(self) -> PhotoPreview:
        dialog = PhotoPreview(self.photo, self.window())
        dialog.show()
        return dialog


class PhotoStrip(QWidget):
    """The photos of one item in a row; empty (hidden) when there are none."""

    remove_requested = Signal(object)  # PhotoRow

    def __init__(self, removable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.removable = removable
        self.thumbs: list[PhotoThumb] = []
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self._layout.addStretch(1)
        self.setVisible(False)

    def set_photos(self, photos: Iterable[PhotoRow]) -> None:
        for thumb in self.thumbs:
            thumb.setParent(None)
            thumb.deleteLater()
        self.thumbs = []
        for photo in photos:
            self.add_photo(photo)
        self.setVisible(bool(self.thumbs))

    def add_photo(self, photo: PhotoRow) -> PhotoThumb:
        thumb = PhotoThumb(photo, self.removable)
        thumb.remove_requested.connect(self.remove_requested)
        self._layout.insertWidget(len(self.thumbs), thumb)
        self.thumbs.append(thumb)
        self.setVisible(True)
        return thumb

    def remove_photo(self, photo_id: int) -> None:
        for thumb in list(self.thumbs):
            if thumb.photo.id == photo_id:
                self.thumbs.remove(thumb)
                thumb.setParent(None)
                thumb.deleteLater()
        self.setVisible(bool(self.thumbs))

    @property
    def photo_ids(self) -> list[int]:
        return [t.photo.id for t in self.thumbs]


# --- one checklist item -------------------------------------------------------------------------

class ItemRow(QFrame):
    """One checklist item: number, text, result, note, photos, and a red message under it.

    `editable`: radios and a note box (a draft, or the amendment dialog); else the
    result and note as text. `photos`: show the photo strip (and 添加照片… when editable).
    """

    changed = Signal()
    add_photo_requested = Signal(int)  # result id
    remove_photo_requested = Signal(object)  # PhotoRow

    def __init__(self, row: ResultRow, *, editable: bool, photos: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.result_id = row.id
        self.editable = editable
        self.setObjectName("inspection_item")
        number = QLabel(f"{row.order}.")
        number.setFixedWidth(30)
        number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.text_label = QLabel(row.text)
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label.setWordWrap(True)
        self.text_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(3)
        grid.setColumnStretch(1, 1)
        grid.setColumnMinimumWidth(2, RESULT_COLUMN_WIDTH)
        grid.addWidget(number, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.text_label, 0, 1)

        self.choice: RadioChoice | None = None
        self.note_edit: QLineEdit | None = None
        self.add_photo_button: QToolButton | None = None
        self.result_label: QLabel | None = None
        self.note_label: QLabel | None = None
        if editable:
            self.choice = RadioChoice(RESULT_CHOICES)
            self.choice.setFixedWidth(RESULT_COLUMN_WIDTH)
            self.note_edit = QLineEdit()
            self.note_edit.setMaxLength(500)
            self.note_edit.setPlaceholderText(self.tr(NOTE_PLACEHOLDER))
            grid.addWidget(self.choice, 0, 2, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(self.note_edit, 1, 1)
            if photos:
                self.add_photo_button = QToolButton()
                self.add_photo_button.setText(self.tr("添加照片…"))
                self.add_photo_button.clicked.connect(
                    lambda: self.add_photo_requested.emit(self.result_id))
                grid.addWidget(self.add_photo_button, 1, 2, Qt.AlignmentFlag.AlignLeft)
            self.choice.group.buttonToggled.connect(lambda *_: self._edited())
            self.note_edit.textChanged.connect(lambda _t: self._edited())
        else:
            self.result_label = QLabel()
            self.result_label.setFixedWidth(RESULT_COLUMN_WIDTH)
            self.note_label = QLabel()
            self.note_label.setTextFormat(Qt.TextFormat.PlainText)
            self.note_label.setWordWrap(True)
            self.note_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(self.result_label, 0, 2, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(self.note_label, 1, 1, 1, 2)

        self.photo_strip = PhotoStrip(removable=editable, parent=self)
        self.photo_strip.remove_requested.connect(self.remove_photo_requested)
        if photos:
            grid.addWidget(self.photo_strip, 2, 1, 1, 2)
            self.photo_strip.set_photos(row.photos)
        else:
            self.photo_strip.hide()
        self.errors = FieldErrors()
        self.error_label = self.errors.label("result")
        grid.addWidget(self.error_label, 3, 1, 1, 2)
        self.extra_label = QLabel()
        self.extra_label.setTextFormat(Qt.TextFormat.PlainText)
        self.extra_label.setWordWrap(True)
        self.extra_label.setVisible(False)
        grid.addWidget(self.extra_label, 4, 1, 1, 2)
        self.rectification_label = QLabel()
        self.rectification_label.setStyleSheet(RECTIFICATION_STYLE)
        self.rectification_label.setVisible(False)
        grid.addWidget(self.rectification_label, 5, 1, 1, 2)
        self.set_value(row.result, row.note)

    # values ---------------------------------------------------------------------------------
    @property
    def result(self) -> str | None:
        if self.choice is not None:
            return self.choice.value
        return self.row.result

    @property
    def note(self) -> str:
        return self.note_edit.text() if self.note_edit is not None else self.row.note

    def value(self) -> ResultInput:
        return ResultInput(self.result_id, self.result, self.note)

    def set_value(self, result: str | None, note: str) -> None:
        if self.choice is not None and self.note_edit is not None:
            self.choice.group.setExclusive(False)
            for button in self.choice.buttons.values():
                button.setChecked(False)
            self.choice.group.setExclusive(True)
            if result:
                self.choice.set_value(result)
            self.note_edit.setText(note)
        elif self.result_label is not None and self.note_label is not None:
            colour = RESULT_COLOURS.get(result or "", "#9e9e9e")
            self.result_label.setText(f"<b style='color:{colour}'>{result_text(result)}</b>")
            self.note_label.setText(self.tr("说明：{0}").format(note) if note else "")
            self.note_label.setVisible(bool(note))
        self._paint()

    def set_result(self, code: str) -> None:
        if self.choice is not None:
            self.choice.set_value(code)

    def set_note(self, text: str) -> None:
        if self.note_edit is not None:
            self.note_edit.setText(text)

    def lock_result(self, reason: str) -> None:
        """Only 不合格 stays choosable (an item that already has a rectification item)."""
        if self.choice is not None:
            for code, button in self.choice.buttons.items():
                if code != ItemResult.failed:
                    button.setEnabled(False)
                    button.setToolTip(reason)

    # showing --------------------------------------------------------------------------------
    def _edited(self) -> None:
        self._paint()
        self.changed.emit()

    def _paint(self) -> None:
        failed = self.result == ItemResult.failed
        self.setStyleSheet(FAILED_ITEM_STYLE if failed else ITEM_STYLE)

    def show_error(self, message: str) -> None:
        self.errors.place([("result", message)])

    def clear_error(self) -> None:
        self.errors.clear()

    @property
    def error_text(self) -> str:
        return self.errors.text("result")

    def show_history(self, amended_at: datetime | None) -> None:
        """On a signed record: the values as signed off, when an amendment changed them."""
        row = self.row
        parts = []
        if row.result != row.original_result:
            parts.append(self.tr("原结果：{0}").format(result_text(row.original_result)))
        if row.note != row.original_note:
            parts.append(self.tr("原说明：{0}").format(row.original_note or "（空）"))
        if parts:
            when = self.tr("（{0} 更正）").format(fmt_dt(amended_at)) if amended_at else ""
            self.extra_label.setText(self.tr("已更正 — ") + "；".join(parts) + when)
            self.extra_label.setStyleSheet(AMENDED_STYLE)
            self.extra_label.setVisible(True)
        if row.rectification_id is not None and row.rectification_status:
            label = RECTIFICATION_STATUS_LABELS[RectificationStatus(row.rectification_status)]
            self.rectification_label.setText(self.tr("整改事项：{0}（详见整改台账）").format(label))
            self.rectification_label.setVisible(True)


def area_header(area: str, count: int) -> QLabel:
    label = QLabel(f"{area}（{count} 项）")
    label.setStyleSheet(AREA_STYLE)
    return label


def by_area(results: Sequence[ResultRow]) -> list[tuple[str, list[ResultRow]]]:
    """The items grouped by area (the six areas in seed order, then any other), in item order."""
    areas = list(INSPECTION_AREAS) + sorted({r.area for r in results} - set(INSPECTION_AREAS))
    groups = [(area, [r for r in results if r.area == area]) for area in areas]
    return [(area, rows) for area, rows in groups if rows]


class Checklist(QWidget):
    """The items of a record under their area headings; `rows` by result id."""

    changed = Signal()

    def __init__(self, results: Sequence[ResultRow], *, editable: bool, photos: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: dict[int, ItemRow] = {}
        self.area_labels: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for area, rows in by_area(results):
            label = area_header(area, len(rows))
            self.area_labels[area] = label
            layout.addSpacing(6)
            layout.addWidget(label)
            for result in rows:
                item = ItemRow(result, editable=editable, photos=photos)
                item.changed.connect(self.changed)
                self.rows[result.id] = item
                layout.addWidget(item)
        layout.addStretch(1)

    def inputs(self) -> list[ResultInput]:
        return [row.value() for row in self.rows.values()]

    def counts(self) -> dict[str, int]:
        counts = {r.value: 0 for r in ItemResult} | {"": 0}
        for row in self.rows.values():
            counts[row.result or ""] += 1
        return counts

    def area_counts(self, area: str) -> tuple[int, int, int]:
        """(items, unanswered, 不合格) of one area."""
        rows = [r for r in self.rows.values() if r.row.area == area]
        return (len(rows), sum(1 for r in rows if not r.result),
                sum(1 for r in rows if r.result == ItemResult.failed))

    def clear_errors(self) -> None:
        for row in self.rows.values():
            row.clear_error()


def counts_text(counts: dict[str, int]) -> str:
    """"合格 28 / 不合格 1 / 不适用 1 / 未填 0"."""
    return (f"合格 {counts[ItemResult.passed]} / 不合格 {counts[ItemResult.failed]} / "
            f"不适用 {counts[ItemResult.not_applicable]} / 未填 {counts['']}")


# --- the header ---------------------------------------------------------------------------------
