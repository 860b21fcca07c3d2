"""导入门诊人次: a spreadsheet of daily visits per department → columns → preview → import.

Step 1 chooses the .xlsx or CSV file and which column is 日期, 科室 and
门诊人次 (preset from the header names); step 2 lists every row with what
the import would do — 新增, 更新 (with the figure it replaces), 不变, 有误
with the reason, 合计 rows left out — and warns where a day's visits would
fall below the questionnaires already entered. The import is all or
nothing (`db.services.visits_import`): with a wrong row the 导入 button stays
off until the file is corrected and loaded again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QStackedWidget, QVBoxLayout, QWidget,
)

from desktop_app.db.database import Database
from desktop_app.db.services.discharge_import_parse import parse_text
from desktop_app.db.services.visits_import import (
    VISITS_FIELDS,
    RawTable,
    VisitsImportResult,
    VisitsPreview,
    guess_visits_mapping,
    import_visits,
    preview_visits_import,
    read_visits_table,
)
from desktop_app.db.tx import Actor
from desktop_app.domain.errors import ValidationError
from desktop_app.ui.followups.import_dialog import (
    DONE_STYLE, DUPLICATE_STYLE, ERROR_STYLE, FILE_FILTER, GOOD_STYLE, NOT_MAPPED, REQUIRED_MARK,
    column_letter,
)
from desktop_app.ui.settings.fields import FieldErrors, call_service, make_table_view, note_label

Index = QModelIndex | QPersistentModelIndex

STATUS_TEXT = {"new": "新增", "changed": "更新", "same": "不变", "error": "有误",
               "ignored": "不导入"}
ERROR_BRUSH = QBrush(QColor("#fdecea"))
WARNING_BRUSH = QBrush(QColor("#fff8e1"))
IGNORED_COLOR = QColor("#757575")


@dataclass(frozen=True)
class PreviewLine:
    """One row of the file as the preview shows it."""

    row_no: int
    day: str
    department: str
    visits: str
    previous: str  # the stored figure it replaces, "" if none
    status: str  # new / changed / same / error / ignored
    note: str  # the error, the warning or ""

    @property
    def warning(self) -> bool:
        return self.status not in ("error", "ignored") and bool(self.note)


class VisitsPreviewModel(QAbstractTableModel):
    """The file's rows: 行号, 日期, 科室, 门诊人次, 原人次, 处理, 说明."""

    HEADERS = ("行号", "日期", "科室", "门诊人次", "原人次", "处理", "说明")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines: list[PreviewLine] = []

    def set_lines(self, lines: Sequence[PreviewLine]) -> None:
        self.beginResetModel()
        self._lines = sorted(lines, key=lambda line: line.row_no)
        self.endResetModel()

    def line_at(self, row: int) -> PreviewLine:
        return self._lines[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self._lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (str(line.row_no), line.day, line.department, line.visits, line.previous,
                    STATUS_TEXT[line.status], line.note)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return line.note or None if column == 6 else None
        if role == Qt.ItemDataRole.BackgroundRole:
            if line.status == "error":
                return ERROR_BRUSH
            return WARNING_BRUSH if line.warning else None
        if role == Qt.ItemDataRole.ForegroundRole and line.status == "ignored":
            return QBrush(IGNORED_COLOR)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 3, 4, 5):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.HEADERS)):
            return self.HEADERS[section]
        return None


class VisitsImportDialog(QDialog):
    """导入门诊人次: file and columns, then preview and import (all or nothing)."""

    def __init__(self, db: Database, actor: Actor, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.today = today
        self.table: RawTable | None = None
        self.preview: VisitsPreview | None = None
        self.import_result: VisitsImportResult | None = None
        self.errors = FieldErrors()
        self.setWindowTitle(self.tr("导入门诊人次"))
        self.setMinimumSize(720, 560)

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
            "选择门诊工作量统计表：Excel（.xlsx）或 CSV 文件，每行一个科室一天的门诊人次，"
            "须有“日期”“科室”“门诊人次”三列。已录入的同一天同一科室的人次将被替换。")))
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

        self.mapping_box = QGroupBox(self.tr("列对应"))
        form = QFormLayout(self.mapping_box)
        self.combos: dict[str, QComboBox] = {}
        for name, label, _synonyms in VISITS_FIELDS:
            combo = QComboBox()
            combo.setMinimumContentsLength(18)
            combo.addItem(self.tr(NOT_MAPPED), None)
            self.combos[name] = combo
            caption = QLabel(self.tr(label) + " " + REQUIRED_MARK)
            caption.setTextFormat(Qt.TextFormat.RichText)
            form.addRow(caption, combo)
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
        self.warning_label = QLabel()
        self.warning_label.setStyleSheet(DUPLICATE_STYLE)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        for label in (self.good_label, self.warning_label, self.error_label):
            counts.addWidget(label)
        counts.addStretch(1)
        layout.addLayout(counts)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        self.result_label = QLabel()
        self.result_label.setStyleSheet(DONE_STYLE)
        self.result_label.setWordWrap(True)
        self.result_label.setVisible(False)
        layout.addWidget(self.result_label)
        self.lines_model = VisitsPreviewModel(self)
        self.lines_view = make_table_view(self.lines_model)
        self.lines_view.setWordWrap(True)
        header = self.lines_view.horizontalHeader()
        for column, width in enumerate((50, 92, 80, 70, 60, 56)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        layout.addWidget(self.lines_view, 1)
        self.hint_label = note_label("")
        layout.addWidget(self.hint_label)
        return page

    # --- step 1: file and columns ---------------------------------------------------------------

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择门诊人次统计表"), "",
                                              self.tr(FILE_FILTER))
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path | str) -> bool:
        """Read the file and preset the columns; a file that cannot be read is shown at it."""
        self.errors.clear()
        path = Path(path)
        self.file_edit.setText(str(path))
        self.preview = None
        try:
            with _busy():
                table = read_visits_table(path)
        except ValidationError as exc:
            self.table = None
            self._fill_combos(())
            self.errors.show(exc)
            self._update_buttons()
            return False
        self.table = table
        self._fill_combos(table.headers)
        for name, column in guess_visits_mapping(table.headers).items():
            self.set_column(name, column)
        self._update_buttons()
        return True

    def _fill_combos(self, headers: Sequence[str]) -> None:
        for combo in self.combos.values():
            combo.clear()
            combo.addItem(self.tr(NOT_MAPPED), None)
            for i, header in enumerate(headers):
                combo.addItem(f"{column_letter(i)} 列：{header}", i)
        self.mapping_box.setEnabled(bool(headers))

    def set_column(self, field: str, column: int | None) -> None:
        """Map `field` (day / department / visits) to the file's column (0-based), or none."""
        combo = self.combos[field]
        combo.setCurrentIndex(max(combo.findData(column), 0))

    @property
    def mapping(self) -> dict[str, int | None]:
        return {name: combo.currentData() for name, combo in self.combos.items()}

    # --- step 2: preview and import ---------------------------------------------------------------

    def show_preview(self) -> bool:
        """Check the columns and every row (nothing saved) and list what the import would do."""
        if self.table is None:
            self.errors.show(ValidationError("file", self.tr("请先选择要导入的文件")))
            return False
        table, mapping, today = self.table, self.mapping, self.today
        with _busy():
            ok, preview = call_service(self, self.db, lambda s: preview_visits_import(
                session=s, table=table, mapping=mapping, today=today), self.errors)
        if not ok or preview is None:
            return False
        self.preview = preview
        self.file_label.setText(self.tr("文件：{name}（共 {n} 行数据）").format(
            name=table.name, n=len(table.rows)))
        good = self.tr("正确 {n} 行") if preview.errors else self.tr("可导入 {n} 行")
        self.good_label.setText(good.format(n=len(preview.rows)))
        self.warning_label.setText(self.tr("需核对 {n} 行").format(n=len(preview.warnings)))
        self.error_label.setText(self.tr("有误 {n} 行").format(n=len(preview.errors)))
        self.summary_label.setText(self.tr(
            "其中新增 {new} 行、更新 {changed} 行（替换原人次）、不变 {same} 行；"
            "合计行 {ignored} 行不导入。").format(
            new=preview.count("new"), changed=preview.count("changed"),
            same=preview.count("same"), ignored=len(preview.ignored)))
        self.lines_model.set_lines(self._lines(preview))
        self.lines_view.resizeRowsToContents()
        if preview.errors:
            hint = self.tr("有误的行须在原文件中改正后重新选择文件：导入要么全部成功，要么什么都不保存。")
        elif preview.warnings:
            hint = self.tr("黄色的行门诊人次少于当天已录入的问卷份数：请核对人次或问卷，仍可导入。")
        else:
            hint = ""
        self.hint_label.setText(hint)
        self.hint_label.setVisible(bool(hint))
        self.result_label.setVisible(False)
        self.stack.setCurrentIndex(1)
        self._update_buttons()
        return True

    def _lines(self, preview: VisitsPreview) -> list[PreviewLine]:
        warnings = {w.row_no: w.message for w in preview.warnings}
        lines = [PreviewLine(r.row_no, f"{r.day:%Y-%m-%d}", r.department_name, str(r.visits),
                             "" if r.previous is None else str(r.previous), r.status,
                             warnings.get(r.row_no, ""))
                 for r in preview.rows]
        raw = {row.number: row for row in self.table.rows} if self.table is not None else {}
        mapping = self.mapping
        for status, issues in (("error", preview.errors), ("ignored", preview.ignored)):
            for issue in issues:
                row = raw.get(issue.row_no)

                def cell(name: str, row=row) -> str:
                    if row is None or self.table is None:
                        return ""
                    return parse_text(self.table.cell(row, mapping.get(name)))
                lines.append(PreviewLine(issue.row_no, cell("day"), cell("department"),
                                         cell("visits"), "", status, issue.message))
        return lines

    def run_import(self) -> VisitsImportResult | None:
        """Import every row in one transaction (refused as a whole if any row is wrong)."""
        if self.table is None or self.preview is None or not self.preview.can_import:
            return None
        table, mapping, actor, today = self.table, self.mapping, self.actor, self.today
        with _busy():
            ok, result = call_service(self, self.db, lambda s: import_visits(
                session=s, actor=actor, table=table, mapping=mapping, today=today), self.errors)
        if not ok or result is None:
            if self.errors.text("mapping") or self.errors.text("file"):
                self.stack.setCurrentIndex(0)
                self._update_buttons()
            return None
        self.import_result = result
        self.good_label.setText(self.tr("已导入 {n} 行").format(n=result.imported))
        self.result_label.setText(self.tr(
            "导入完成：新增 {c} 条、更新 {u} 条、不变 {s} 条门诊人次。").format(
            c=result.created, u=result.updated, s=result.unchanged))
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
        can = self.preview is not None and self.preview.can_import
        self.import_button.setEnabled(can)
        n = len(self.preview.rows) if can and self.preview is not None else 0
        self.import_button.setText(self.tr("导入 {n} 行").format(n=n) if n else self.tr("导入"))
        self.close_button.setText(self.tr("完成") if done else self.tr("取消"))
        self.choose_button.setEnabled(not done)

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database, actor: Actor,
            today: date) -> VisitsImportResult | None:
        """Run the dialog; the import's result, or None if nothing was imported."""
        dialog = cls(db, actor, today, parent)
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
