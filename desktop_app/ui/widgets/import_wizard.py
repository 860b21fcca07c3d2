"""The two-page import wizard shared by 导入出院名单 and 导入门诊人次.

Page 1 chooses an .xlsx or CSV file and maps its columns to the import's
fields (preset from the header names); page 2 previews what the import would
do and runs it. `ImportWizard` holds the file choosing, the combo mapping,
the preview/import flow and the buttons (上一步 / 下一步：预览 / 导入 / 取消);
a subclass supplies the texts, the fields' combos, reading the file, the
preview page's own widgets, and the service calls for preview and import.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFileDialog, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QStackedWidget, QVBoxLayout, QWidget,
)
from sqlmodel import Session

from desktop_app.db.database import Database
from desktop_app.imports.discharges import RawTable
from desktop_app.db.tx import Actor
from desktop_app.domain.errors import ValidationError
from desktop_app.ui.widgets.forms import FieldErrors
from desktop_app.ui.widgets.service import call_service
from desktop_app.ui.widgets.labels import note_label

FILE_FILTER = "Excel 或 CSV 文件 (*.xlsx *.xlsm *.csv);;所有文件 (*)"
NOT_MAPPED = "（不导入）"
REQUIRED_MARK = "<span style='color:#c62828'>*</span>"
COUNT_STYLE = "font-size: 12pt; font-weight: bold; padding: 6px 12px; border-radius: 4px; %s"
GOOD_STYLE = COUNT_STYLE % "color: #1b5e20; background: #e8f5e9;"
DUPLICATE_STYLE = COUNT_STYLE % "color: #8a6d00; background: #fff8e1;"
ERROR_STYLE = COUNT_STYLE % "color: #b71c1c; background: #fdecea;"
DONE_STYLE = "color: #1b5e20; font-weight: bold;"


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: the spreadsheet's column name."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def styled_label(style: str) -> QLabel:
    label = QLabel()
    label.setStyleSheet(style)
    return label


def wrapped_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    return label


class ImportWizard(QDialog):
    """File and column mapping, then preview and import; see the subclasses' hooks below."""

    TITLE = ""
    MIN_SIZE = (720, 560)
    INTRO = ""  # the note at the top of the mapping page
    MAPPING_TITLE = "列对应"
    FILE_DIALOG_TITLE = ""
    PREVIEW_HINT = ""  # the note under the preview's table ("" for none)
    MAPPING_PAGE_ERRORS: tuple[str, ...] = ("mapping",)  # a failed import shown on page 1

    def __init__(self, parent: QWidget | None, db: Database, actor: Actor) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.table: RawTable | None = None
        self.preview: Any = None
        self.import_result: Any = None
        self.errors = FieldErrors()
        self.setWindowTitle(self.tr(self.TITLE))
        self.setMinimumSize(*self.MIN_SIZE)

        self.stack = QStackedWidget()
        self.stack.addWidget(self._mapping_page())
        self.stack.addWidget(self._preview_page())

        self.back_button = QPushButton(self.tr("上一步"))
        self.next_button = QPushButton(self.tr("下一步：预览"))
        self.import_button = QPushButton(self.tr("导入"))
        self.close_button = QPushButton(self.tr("取消"))
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.show_preview)
        self.import_button.clicked.connect(self.run_import)
        self.close_button.clicked.connect(self._close_clicked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.import_button, self.close_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    # --- hooks for the subclasses --------------------------------------------------------------

    def _add_combos(self, box: QGroupBox) -> None:
        """Lay out one combo per field in `box` (made with `_new_combo`)."""
        raise NotImplementedError

    def _read_table(self, path: Path) -> RawTable:
        raise NotImplementedError

    def _guess_mapping(self, headers: Sequence[str]) -> dict[str, int | None]:
        raise NotImplementedError

    def _samples(self) -> dict[int, list[str]]:
        """Example values per column, shown as the combo items' tooltips (none by default)."""
        return {}

    def _preview_labels(self) -> tuple[QLabel, QLabel]:
        """The preview's middle count label and the label under the counts."""
        raise NotImplementedError

    def _add_rows_view(self, layout: QVBoxLayout) -> None:
        """Add the preview's table of rows to `layout`."""
        raise NotImplementedError

    def _previewer(self, table: RawTable, mapping: dict[str, int | None]
                   ) -> Callable[[Session], Any]:
        """The service call that checks every row and returns the preview."""
        raise NotImplementedError

    def _show_preview(self, preview: Any) -> None:
        """Fill the preview page from `preview`."""
        raise NotImplementedError

    def _may_import(self) -> bool:
        return True

    def _importer(self, table: RawTable, mapping: dict[str, int | None]
                  ) -> Callable[[Session], Any]:
        """The service call that imports and returns the result."""
        raise NotImplementedError

    def _show_result(self, result: Any) -> None:
        """Show what the import did (the result label is shown afterwards)."""
        raise NotImplementedError

    def _importable(self) -> tuple[bool, int]:
        """Whether 导入 is enabled, and the number of rows it names (0 for none)."""
        raise NotImplementedError

    # --- pages -------------------------------------------------------------------------------

    def _mapping_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(note_label(self.tr(self.INTRO)))
        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(self.tr("尚未选择文件"))
        self.choose_button = QPushButton(self.tr("选择文件…"))
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose_file)
        file_row = QWidget()
        file_layout = QHBoxLayout(file_row)
        file_layout.setContentsMargins(0, 0, 0, 0)
        file_layout.addWidget(QLabel(self.tr("文件")))
        file_layout.addWidget(self.file_edit, 1)
        file_layout.addWidget(self.choose_button)
        layout.addWidget(self.errors.wrap(file_row, "file"))

        self.mapping_box = QGroupBox(self.tr(self.MAPPING_TITLE))
        self.combos: dict[str, QComboBox] = {}
        self._add_combos(self.mapping_box)
        self.mapping_box.setEnabled(False)
        layout.addWidget(self.errors.wrap(self.mapping_box, "mapping"))
        layout.addStretch(1)
        return page

    def _new_combo(self, field: str, min_length: int) -> QComboBox:
        combo = QComboBox()
        combo.setMinimumContentsLength(min_length)
        combo.addItem(self.tr(NOT_MAPPED), None)
        self.combos[field] = combo
        return combo

    def _field_label(self, label: str, required: bool) -> QLabel:
        caption = QLabel(self.tr(label) + (" " + REQUIRED_MARK if required else ""))
        caption.setTextFormat(Qt.TextFormat.RichText)
        return caption

    def _preview_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.file_label = wrapped_label()
        layout.addWidget(self.file_label)
        counts = QHBoxLayout()
        self.good_label = styled_label(GOOD_STYLE)
        middle, details = self._preview_labels()
        self.error_label = styled_label(ERROR_STYLE)
        for label in (self.good_label, middle, self.error_label):
            counts.addWidget(label)
        counts.addStretch(1)
        layout.addLayout(counts)
        layout.addWidget(details)
        self.result_label = wrapped_label()
        self.result_label.setStyleSheet(DONE_STYLE)
        self.result_label.setVisible(False)
        layout.addWidget(self.result_label)
        self._add_rows_view(layout)
        self.hint_label = note_label(self.tr(self.PREVIEW_HINT) if self.PREVIEW_HINT else "")
        layout.addWidget(self.hint_label)
        return page

    # --- step 1: file and mapping --------------------------------------------------------------

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr(self.FILE_DIALOG_TITLE), "",
                                              self.tr(FILE_FILTER))
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path | str) -> bool:
        """Read the file and preset the mapping; a file that cannot be read is shown at it."""
        self.errors.clear()
        path = Path(path)
        self.file_edit.setText(str(path))
        try:
            with busy():
                table = self._read_table(path)
        except ValidationError as exc:
            self.table = None
            self._fill_combos(())
            self.errors.show(exc)
            self._update_buttons()
            return False
        self.table = table
        self._fill_combos(table.headers)
        for name, column in self._guess_mapping(table.headers).items():
            self.set_column(name, column)
        self._update_buttons()
        return True

    def _fill_combos(self, headers: Sequence[str]) -> None:
        samples = self._samples()
        for combo in self.combos.values():
            combo.clear()
            combo.addItem(self.tr(NOT_MAPPED), None)
            for i, header in enumerate(headers):
                combo.addItem(f"{column_letter(i)} 列：{header}", i)
                if samples.get(i):
                    combo.setItemData(combo.count() - 1, self.tr("例：") + "、".join(samples[i]),
                                      Qt.ItemDataRole.ToolTipRole)
        self.mapping_box.setEnabled(bool(headers))

    def set_column(self, field: str, column: int | None) -> None:
        """Map `field` to the file's column `column` (0-based), or to none."""
        combo = self.combos[field]
        combo.setCurrentIndex(max(combo.findData(column), 0))

    @property
    def mapping(self) -> dict[str, int | None]:
        return {name: combo.currentData() for name, combo in self.combos.items()}

    # --- step 2: preview and import -----------------------------------------------------------

    def show_preview(self) -> bool:
        """Check the mapping and every row (nothing saved) and show what the import would do."""
        if self.table is None:
            self.errors.show(ValidationError("file", self.tr("请先选择要导入的文件")))
            return False
        table = self.table
        action = self._previewer(table, self.mapping)
        with busy():
            ok, preview = call_service(self, self.db, action, self.errors)
        if not ok or preview is None:
            return False
        self.preview = preview
        self.file_label.setText(self.tr("文件：{name}（共 {n} 行数据）").format(
            name=table.name, n=len(table.rows)))
        self._show_preview(preview)
        self.stack.setCurrentIndex(1)
        self._update_buttons()
        return True

    def run_import(self) -> Any:
        """Import in one transaction; show what was done. The result, or None."""
        if self.table is None or not self._may_import():
            return None
        action = self._importer(self.table, self.mapping)
        with busy():
            ok, result = call_service(self, self.db, action, self.errors)
        if not ok or result is None:
            if any(self.errors.text(field) for field in self.MAPPING_PAGE_ERRORS):
                self.stack.setCurrentIndex(0)
                self._update_buttons()
            return None
        self.import_result = result
        self._show_result(result)
        self.result_label.setVisible(True)
        self._update_buttons()
        return result

    # --- buttons -------------------------------------------------------------------------------

    def go_back(self) -> None:
        self.stack.setCurrentIndex(0)
        self._update_buttons()

    def _close_clicked(self) -> None:
        if self.import_result is not None:
            self.accept()
        else:
            self.reject()

    def _update_buttons(self) -> None:
        on_preview = self.stack.currentIndex() == 1
        done = self.import_result is not None
        self.back_button.setVisible(on_preview and not done)
        self.next_button.setVisible(not on_preview)
        self.next_button.setEnabled(self.table is not None)
        self.import_button.setVisible(on_preview and not done)
        enabled, n = self._importable()
        self.import_button.setEnabled(enabled)
        self.import_button.setText(self.tr("导入 {n} 行").format(n=n) if n else self.tr("导入"))
        self.close_button.setText(self.tr("完成") if done else self.tr("取消"))
        self.choose_button.setEnabled(not done)

    def _exec_for_result(self) -> Any:
        """Run the dialog and delete it; the import's result, or None if nothing was imported."""
        try:
            self.exec()
            return self.import_result
        finally:
            self.deleteLater()


class busy:
    """A wait cursor while a file is read or rows are checked."""

    def __enter__(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc: object) -> None:
        QGuiApplication.restoreOverrideCursor()
