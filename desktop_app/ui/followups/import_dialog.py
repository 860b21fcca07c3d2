"""导入出院患者: an HIS export (.xlsx or CSV) → column mapping → preview → import (issue 4).

Step 1 chooses the file and maps its columns to the discharge form's fields
(preset from the header names); step 2 previews what would happen — how many
rows go in, which are skipped as duplicates or errors, each with its row
number and reason — and imports. The import itself re-checks every row in
one transaction (`db.services.discharge_import`); the result replaces the
preview's summary and the skipped rows stay listed so they can be fixed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFileDialog, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QStackedWidget, QVBoxLayout, QWidget,
)

from desktop_app.db.database import Database
from desktop_app.db.services.discharge_import import (
    IMPORT_FIELDS,
    ImportPreview,
    ImportResult,
    RawTable,
    RowIssue,
    guess_mapping,
    import_discharges,
    preview_import,
    read_table,
)
from desktop_app.db.services.discharge_import_parse import parse_text
from desktop_app.db.tx import Actor
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.followup_records import SEX_LABELS, Sex
from desktop_app.domain.validation import mask_phone
from desktop_app.ui.settings.fields import FieldErrors, call_service, make_table_view, note_label

Index = QModelIndex | QPersistentModelIndex

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


@dataclass(frozen=True)
class SkippedRow:
    """One line of the skipped-rows list."""

    row_no: int
    name: str
    kind: str  # 重复 / 有误
    reason: str


class SkippedRowsModel(QAbstractTableModel):
    """The rows an import skips: 行号, 姓名, 类别, 原因."""

    HEADERS = ("行号", "姓名", "类别", "原因")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SkippedRow] = []

    def set_rows(self, rows: Sequence[SkippedRow]) -> None:
        self.beginResetModel()
        self._rows = sorted(rows, key=lambda r: r.row_no)
        self.endResetModel()

    def row_at(self, row: int) -> SkippedRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if role == Qt.ItemDataRole.ToolTipRole and column != 3:
                return None
            return (str(row.row_no), row.name, row.kind, row.reason)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 2):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.HEADERS)):
            return self.HEADERS[section]
        return None


class ImportDialog(QDialog):
    """导入出院患者名单: file and column mapping, then preview and import."""

    def __init__(self, parent: QWidget | None, db: Database, actor: Actor,
                 now: Callable[[], datetime]) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.now = now
        self.table: RawTable | None = None
        self.preview: ImportPreview | None = None
        self.import_result: ImportResult | None = None
        self.errors = FieldErrors()
        self.setWindowTitle(self.tr("导入出院患者名单"))
        self.setMinimumSize(760, 600)

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

    # --- pages -------------------------------------------------------------------------------

    def _mapping_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(note_label(self.tr(
            "选择从医院信息系统（HIS）导出的出院患者名单：Excel（.xlsx）或 CSV 文件，"
            "第一行为表头。然后核对每一项对应文件中的哪一列。")))
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

        self.mapping_box = QGroupBox(self.tr("列对应（带 * 的为必需）"))
        grid = QGridLayout(self.mapping_box)
        grid.setHorizontalSpacing(10)
        self.combos: dict[str, QComboBox] = {}
        half = (len(IMPORT_FIELDS) + 1) // 2
        for i, field in enumerate(IMPORT_FIELDS):
            label = QLabel(self.tr(field.label) + (" " + REQUIRED_MARK if field.required else ""))
            label.setTextFormat(Qt.TextFormat.RichText)
            combo = QComboBox()
            combo.setMinimumContentsLength(14)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.addItem(self.tr(NOT_MAPPED), None)
            self.combos[field.name] = combo
            row, column = i % half, (i // half) * 2
            grid.addWidget(label, row, column)
            grid.addWidget(combo, row, column + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.mapping_box.setEnabled(False)
        layout.addWidget(self.errors.wrap(self.mapping_box, "mapping"))
        layout.addStretch(1)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        layout.addWidget(self.file_label)
        counts = QHBoxLayout()
        self.good_label = QLabel()
        self.good_label.setStyleSheet(GOOD_STYLE)
        self.duplicate_label = QLabel()
        self.duplicate_label.setStyleSheet(DUPLICATE_STYLE)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        for label in (self.good_label, self.duplicate_label, self.error_label):
            counts.addWidget(label)
        counts.addStretch(1)
        layout.addLayout(counts)
        self.sample_label = QLabel()
        self.sample_label.setWordWrap(True)
        layout.addWidget(self.sample_label)
        self.result_label = QLabel()
        self.result_label.setStyleSheet(DONE_STYLE)
        self.result_label.setWordWrap(True)
        self.result_label.setVisible(False)
        layout.addWidget(self.result_label)
        layout.addWidget(QLabel(self.tr("不导入的行：")))
        self.skipped_model = SkippedRowsModel(self)
        self.skipped_view = make_table_view(self.skipped_model)
        self.skipped_view.setWordWrap(True)
        header = self.skipped_view.horizontalHeader()
        for column, width in enumerate((56, 90, 56)):
            header.resizeSection(column, width)
        layout.addWidget(self.skipped_view, 1)
        self.hint_label = note_label(self.tr(
            "有误的行不会导入：请在原文件中改正后再导入一次，已导入的行会作为重复跳过。"))
        layout.addWidget(self.hint_label)
        return page

    # --- step 1: file and mapping --------------------------------------------------------------

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择出院患者名单"), "",
                                              self.tr(FILE_FILTER))
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path | str) -> bool:
        """Read the file and preset the mapping; a file that cannot be read is shown at it."""
        self.errors.clear()
        path = Path(path)
        self.file_edit.setText(str(path))
        try:
            with _busy():
                table = read_table(path)
        except ValidationError as exc:
            self.table = None
            self._fill_combos(())
            self.errors.show(exc)
            self._update_buttons()
            return False
        self.table = table
        self._fill_combos(table.headers)
        for name, column in guess_mapping(table.headers).items():
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
                if samples[i]:
                    combo.setItemData(combo.count() - 1, self.tr("例：") + "、".join(samples[i]),
                                      Qt.ItemDataRole.ToolTipRole)
        self.mapping_box.setEnabled(bool(headers))

    def _samples(self) -> dict[int, list[str]]:
        """The first three non-empty values of each column, for the combos' tooltips."""
        found: dict[int, list[str]] = {}
        if self.table is None:
            return found
        for i in range(len(self.table.headers)):
            values = (parse_text(self.table.cell(r, i)) for r in self.table.rows[:20])
            found[i] = [v for v in values if v][:3]
        return found

    def set_column(self, field: str, column: int | None) -> None:
        """Map `field` to the file's column `column` (0-based), or to none."""
        combo = self.combos[field]
        combo.setCurrentIndex(max(combo.findData(column), 0))

    @property
    def mapping(self) -> dict[str, int | None]:
        return {name: combo.currentData() for name, combo in self.combos.items()}

    # --- step 2: preview and import -----------------------------------------------------------

    def show_preview(self) -> bool:
        """Check the mapping and every row (nothing saved) and show the counts and skipped rows."""
        if self.table is None:
            self.errors.show(ValidationError("file", self.tr("请先选择要导入的文件")))
            return False
        table, mapping, today = self.table, self.mapping, self.now().date()
        with _busy():
            ok, preview = call_service(self, self.db, lambda s: preview_import(
                session=s, table=table, mapping=mapping, today=today), self.errors)
        if not ok or preview is None:
            return False
        self.preview = preview
        self.file_label.setText(self.tr("文件：{name}（共 {n} 行数据）").format(
            name=table.name, n=len(table.rows)))
        self._show_counts(len(preview.good), preview.duplicates, preview.errors)
        self.sample_label.setText(self._sample_text(preview))
        self.sample_label.setVisible(bool(preview.good))
        self.stack.setCurrentIndex(1)
        self._update_buttons()
        return True

    def _show_counts(self, good: int, duplicates: list[RowIssue], errors: list[RowIssue]) -> None:
        self.good_label.setText(self.tr("可导入 {n} 行").format(n=good))
        self.duplicate_label.setText(self.tr("重复 {n} 行").format(n=len(duplicates)))
        self.error_label.setText(self.tr("有误 {n} 行").format(n=len(errors)))
        names = self._names()
        self.skipped_model.set_rows(
            [SkippedRow(r.row_no, names.get(r.row_no, ""), self.tr("重复"), r.message)
             for r in duplicates]
            + [SkippedRow(r.row_no, names.get(r.row_no, ""), self.tr("有误"), r.message)
               for r in errors])
        self.skipped_view.resizeRowsToContents()

    def _names(self) -> dict[int, str]:
        column = self.mapping.get("patient_name")
        if self.table is None or column is None:
            return {}
        return {r.number: parse_text(self.table.cell(r, column)) for r in self.table.rows}

    def _sample_text(self, preview: ImportPreview) -> str:
        if not preview.good or self.table is None:
            return ""
        row_no, data = preview.good[0]
        raw = next(r for r in self.table.rows if r.number == row_no)
        department = parse_text(self.table.cell(raw, self.mapping.get("department_id")))
        sex = SEX_LABELS.get(Sex(data.sex), "") if data.sex else ""
        return self.tr("请核对第 {row} 行读出的内容：{name}，{sex}，{age} 岁，电话 {phone}，{dept}，"
                       "医生 {doctor}，入院 {admitted}，出院 {discharged}").format(
            row=row_no, name=data.patient_name, sex=sex, age=data.age, phone=mask_phone(data.phone),
            dept=department, doctor=data.doctor_name, admitted=data.admitted_on,
            discharged=data.discharged_on)

    def run_import(self) -> ImportResult | None:
        """Import every good row in one transaction; show what was done."""
        if self.table is None:
            return None
        table, mapping, actor, now = self.table, self.mapping, self.actor, self.now()
        with _busy():
            ok, result = call_service(self, self.db, lambda s: import_discharges(
                session=s, actor=actor, table=table, mapping=mapping, now=now), self.errors)
        if not ok or result is None:
            if self.errors.text("mapping"):
                self.stack.setCurrentIndex(0)
                self._update_buttons()
            return None
        self.import_result = result
        self._show_counts(result.imported, result.duplicates, result.errors)
        self.good_label.setText(self.tr("已导入 {n} 行").format(n=result.imported))
        self.sample_label.setVisible(False)
        self.result_label.setText(self.tr(
            "导入完成：已导入 {n} 名出院患者并生成回访任务；跳过重复 {d} 行、有误 {e} 行。").format(
            n=result.imported, d=len(result.duplicates), e=len(result.errors)))
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
        good = len(self.preview.good) if self.preview is not None else 0
        self.import_button.setEnabled(good > 0)
        self.import_button.setText(self.tr("导入 {n} 行").format(n=good) if good else self.tr("导入"))
        self.close_button.setText(self.tr("完成") if done else self.tr("取消"))
        self.choose_button.setEnabled(not done)

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database, actor: Actor,
            now: Callable[[], datetime]) -> ImportResult | None:
        """Run the dialog; the import's result, or None if nothing was imported."""
        dialog = cls(parent, db, actor, now)
        try:
            dialog.exec()
            return dialog.import_result
        finally:
            dialog.deleteLater()


class _busy:
    """A wait cursor while a file is read or rows are checked."""

    def __enter__(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc: object) -> None:
        QGuiApplication.restoreOverrideCursor()
