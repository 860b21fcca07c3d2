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

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget
from sqlmodel import Session

from desktop_app.db.database import Database
from desktop_app.imports.discharges import parse_text
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
from desktop_app.ui.widgets.import_wizard import (
    DUPLICATE_STYLE, ImportWizard, styled_label, wrapped_label,
)
from desktop_app.ui.widgets.tables import RowTableModel, make_table_view


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


class VisitsPreviewModel(RowTableModel[PreviewLine]):
    """The file's rows in file order: 行号, 日期, 科室, 门诊人次, 原人次, 处理, 说明; wrong rows
    red, warnings yellow, ignored rows grey."""

    HEADERS = ("行号", "日期", "科室", "门诊人次", "原人次", "处理", "说明")
    CENTERED = frozenset({0, 3, 4, 5})

    def set_lines(self, lines: Sequence[PreviewLine]) -> None:
        self.set_rows(sorted(lines, key=lambda line: line.row_no))

    def line_at(self, row: int) -> PreviewLine:
        return self.row_at(row)

    def cells(self, line: PreviewLine) -> tuple[str, ...]:
        return (str(line.row_no), line.day, line.department, line.visits, line.previous,
                STATUS_TEXT[line.status], line.note)

    def tooltip(self, line: PreviewLine, column: int) -> str | None:
        return (line.note or None) if column == 6 else None

    def background(self, line: PreviewLine) -> QBrush | None:
        if line.status == "error":
            return ERROR_BRUSH
        return WARNING_BRUSH if line.warning else None

    def foreground(self, line: PreviewLine, column: int) -> QBrush | None:
        return QBrush(IGNORED_COLOR) if line.status == "ignored" else None


class VisitsImportDialog(ImportWizard):
    """导入门诊人次: file and columns, then preview and import (all or nothing)."""

    TITLE = "导入门诊人次"
    INTRO = ("选择门诊工作量统计表：Excel（.xlsx）或 CSV 文件，每行一个科室一天的门诊人次，"
             "须有“日期”“科室”“门诊人次”三列。已录入的同一天同一科室的人次将被替换。")
    FILE_DIALOG_TITLE = "选择门诊人次统计表"  # MIN_SIZE and MAPPING_TITLE: the defaults
    MAPPING_PAGE_ERRORS = ("mapping", "file")

    preview: VisitsPreview | None
    import_result: VisitsImportResult | None

    def __init__(self, db: Database, actor: Actor, now: datetime,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, db, actor)
        self.now, self.today = now, now.date()  # the clock when the dialog opened

    # --- pages -------------------------------------------------------------------------------

    def _add_combos(self, box: QGroupBox) -> None:
        form = QFormLayout(box)
        for name, label, _synonyms in VISITS_FIELDS:
            combo = self._new_combo(name, 18)
            form.addRow(self._field_label(label, True), combo)

    def _preview_labels(self) -> tuple[QLabel, QLabel]:
        self.warning_label = styled_label(DUPLICATE_STYLE)
        self.summary_label = wrapped_label()
        return self.warning_label, self.summary_label

    def _add_rows_view(self, layout: QVBoxLayout) -> None:
        self.lines_model = VisitsPreviewModel(self)
        self.lines_view = make_table_view(self.lines_model)
        self.lines_view.setWordWrap(True)
        header = self.lines_view.horizontalHeader()
        for column, width in enumerate((50, 92, 80, 70, 60, 56)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        layout.addWidget(self.lines_view, 1)

    # --- step 1: file and columns ---------------------------------------------------------------

    def load_file(self, path: Path | str) -> bool:
        """Read the file and preset the columns; a file that cannot be read is shown at it."""
        self.preview = None
        return super().load_file(path)

    def _read_table(self, path: Path) -> RawTable:
        return read_visits_table(path)

    def _guess_mapping(self, headers: Sequence[str]) -> dict[str, int | None]:
        return guess_visits_mapping(headers)

    # --- step 2: preview and import ---------------------------------------------------------------

    def _previewer(self, table: RawTable, mapping: dict[str, int | None]
                   ) -> Callable[[Session], VisitsPreview]:
        today = self.today
        return lambda s: preview_visits_import(
            session=s, table=table, mapping=mapping, today=today)

    def _show_preview(self, preview: VisitsPreview) -> None:
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

    def _may_import(self) -> bool:
        """The import is refused as a whole if any row is wrong."""
        return self.preview is not None and self.preview.can_import

    def _importer(self, table: RawTable, mapping: dict[str, int | None]
                  ) -> Callable[[Session], VisitsImportResult]:
        actor, today, now = self.actor, self.today, self.now
        return lambda s: import_visits(
            session=s, actor=actor, table=table, mapping=mapping, today=today, now=now)

    def _show_result(self, result: VisitsImportResult) -> None:
        self.good_label.setText(self.tr("已导入 {n} 行").format(n=result.imported))
        self.result_label.setText(self.tr(
            "导入完成：新增 {c} 条、更新 {u} 条、不变 {s} 条门诊人次。").format(
            c=result.created, u=result.updated, s=result.unchanged))

    def _importable(self) -> tuple[bool, int]:
        can = self.preview is not None and self.preview.can_import
        return can, len(self.preview.rows) if can and self.preview is not None else 0

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database, actor: Actor,
            now: datetime) -> VisitsImportResult | None:
        """Run the dialog; the import's result, or None if nothing was imported."""
        return cls(db, actor, now, parent)._exec_for_result()
