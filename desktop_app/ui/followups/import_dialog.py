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

from PySide6.QtWidgets import QComboBox, QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget
from sqlmodel import Session

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
from desktop_app.imports.discharges import parse_text
from desktop_app.db.tx import Actor
from desktop_app.domain.followup_records import SEX_LABELS, Sex
from desktop_app.domain.validation import mask_phone
from desktop_app.ui.widgets.import_wizard import (
    DUPLICATE_STYLE, ImportWizard, column_letter, styled_label, wrapped_label,
)
from desktop_app.ui.widgets.tables import RowTableModel, make_table_view

__all__ = ["ImportDialog", "SkippedRow", "SkippedRowsModel", "column_letter"]


@dataclass(frozen=True)
class SkippedRow:
    """One line of the skipped-rows list."""

    row_no: int
    name: str
    kind: str  # 重复 / 有误
    reason: str


class SkippedRowsModel(RowTableModel[SkippedRow]):
    """The rows an import skips, in file order: 行号, 姓名, 类别, 原因 (the reason also as
    its tooltip)."""

    HEADERS = ("行号", "姓名", "类别", "原因")
    CENTERED = frozenset({0, 2})

    def set_rows(self, rows: Sequence[SkippedRow]) -> None:
        super().set_rows(sorted(rows, key=lambda r: r.row_no))

    def cells(self, row: SkippedRow) -> tuple[str, ...]:
        return (str(row.row_no), row.name, row.kind, row.reason)

    def tooltip(self, row: SkippedRow, column: int) -> str | None:
        return row.reason if column == 3 else None


class ImportDialog(ImportWizard):
    """导入出院患者名单: file and column mapping, then preview and import."""

    TITLE = "导入出院患者名单"
    MIN_SIZE = (760, 600)
    INTRO = ("选择从医院信息系统（HIS）导出的出院患者名单：Excel（.xlsx）或 CSV 文件，"
             "第一行为表头。然后核对每一项对应文件中的哪一列。")
    MAPPING_TITLE = "列对应（带 * 的为必需）"
    FILE_DIALOG_TITLE = "选择出院患者名单"
    PREVIEW_HINT = "有误的行不会导入：请在原文件中改正后再导入一次，已导入的行会作为重复跳过。"

    preview: ImportPreview | None
    import_result: ImportResult | None

    def __init__(self, parent: QWidget | None, db: Database, actor: Actor,
                 now: Callable[[], datetime]) -> None:
        super().__init__(parent, db, actor)
        self.now = now

    # --- pages -------------------------------------------------------------------------------

    def _add_combos(self, box: QGroupBox) -> None:
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(10)
        half = (len(IMPORT_FIELDS) + 1) // 2
        for i, field in enumerate(IMPORT_FIELDS):
            label = self._field_label(field.label, field.required)
            combo = self._new_combo(field.name, 14)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            row, column = i % half, (i // half) * 2
            grid.addWidget(label, row, column)
            grid.addWidget(combo, row, column + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

    def _preview_labels(self) -> tuple[QLabel, QLabel]:
        self.duplicate_label = styled_label(DUPLICATE_STYLE)
        self.sample_label = wrapped_label()
        return self.duplicate_label, self.sample_label

    def _add_rows_view(self, layout: QVBoxLayout) -> None:
        layout.addWidget(QLabel(self.tr("不导入的行：")))
        self.skipped_model = SkippedRowsModel(self)
        self.skipped_view = make_table_view(self.skipped_model)
        self.skipped_view.setWordWrap(True)
        header = self.skipped_view.horizontalHeader()
        for column, width in enumerate((56, 90, 56)):
            header.resizeSection(column, width)
        layout.addWidget(self.skipped_view, 1)

    # --- step 1: file and mapping --------------------------------------------------------------

    def _read_table(self, path: Path) -> RawTable:
        return read_table(path)

    def _guess_mapping(self, headers: Sequence[str]) -> dict[str, int | None]:
        return guess_mapping(headers)

    def _samples(self) -> dict[int, list[str]]:
        """The first three non-empty values of each column, for the combos' tooltips."""
        found: dict[int, list[str]] = {}
        if self.table is None:
            return found
        for i in range(len(self.table.headers)):
            values = (parse_text(self.table.cell(r, i)) for r in self.table.rows[:20])
            found[i] = [v for v in values if v][:3]
        return found

    # --- step 2: preview and import -----------------------------------------------------------

    def _previewer(self, table: RawTable, mapping: dict[str, int | None]
                   ) -> Callable[[Session], ImportPreview]:
        today = self.now().date()
        return lambda s: preview_import(session=s, table=table, mapping=mapping, today=today)

    def _show_preview(self, preview: ImportPreview) -> None:
        self._show_counts(len(preview.good), preview.duplicates, preview.errors)
        self.sample_label.setText(self._sample_text(preview))
        self.sample_label.setVisible(bool(preview.good))

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

    def _importer(self, table: RawTable, mapping: dict[str, int | None]
                  ) -> Callable[[Session], ImportResult]:
        actor, now = self.actor, self.now()
        return lambda s: import_discharges(
            session=s, actor=actor, table=table, mapping=mapping, now=now)

    def _show_result(self, result: ImportResult) -> None:
        self._show_counts(result.imported, result.duplicates, result.errors)
        self.good_label.setText(self.tr("已导入 {n} 行").format(n=result.imported))
        self.sample_label.setVisible(False)
        self.result_label.setText(self.tr(
            "导入完成：已导入 {n} 名出院患者并生成回访任务；跳过重复 {d} 行、有误 {e} 行。").format(
            n=result.imported, d=len(result.duplicates), e=len(result.errors)))

    def _importable(self) -> tuple[bool, int]:
        good = len(self.preview.good) if self.preview is not None else 0
        return good > 0, good

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database, actor: Actor,
            now: Callable[[], datetime]) -> ImportResult | None:
        """Run the dialog; the import's result, or None if nothing was imported."""
        return cls(parent, db, actor, now)._exec_for_result()
