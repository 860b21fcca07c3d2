"""Bulk import of discharges from a hospital-information-system export (issue 4, DESIGN §1.4).

The office exports the discharged patients from the HIS as Excel (.xlsx) or
CSV, maps its columns to the discharge form's fields, previews, and imports:

- every row is checked like the discharge form (`clean_discharge`); a bad row
  is listed with its row number and reason and skipped, the good rows still
  go in;
- a row with the same name, phone and discharge date as a stored discharge,
  or as an earlier row of the same file, is a duplicate: skipped with a note;
- all good rows, with their follow-up tasks (`new_tasks`), go in in one
  transaction with one audit row for the whole import (DESIGN §3).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import insert
from sqlmodel import Session, select

from desktop_app.db.models import Discharge, FollowUpTask
from desktop_app.imports.discharges import (
    FIELD_LABELS,
    IMPORT_FIELDS,
    ImportField,
    RawRow,
    RawTable,
    guess_mapping,
    parse_age,
    parse_date,
    parse_flag,
    parse_phone,
    parse_reason,
    parse_sex,
    parse_text,
    read_table,
)
from desktop_app.db.services.discharges import (
    active_departments,
    clean_discharge,
    new_tasks,
    windows_setting,
)
from desktop_app.records.followup_rows import DischargeInput
from desktop_app.db.tx import Actor, require, transactional, write_audit
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.roles import Permission

__all__ = [
    "FIELD_LABELS", "IMPORT_FIELDS", "ImportField", "ImportPreview", "ImportResult", "RawRow",
    "RawTable", "RowIssue", "check_mapping", "guess_mapping", "import_discharges",
    "preview_import", "read_table",
]

TASK_COLUMNS = ("discharge_id", "tier", "window_start", "window_end", "assignee", "status")
DUPLICATE_STORED = "与已登记的出院记录重复（姓名、电话、出院日期相同），已跳过"


class RowIssue(NamedTuple):
    """A skipped row: its number in the sheet and why (the message names the field)."""

    row_no: int
    message: str

    @property
    def text(self) -> str:
        """"第 5 行：出院日期不能早于入院日期"."""
        return f"第 {self.row_no} 行：{self.message}"


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do: the rows that would go in, the duplicates and the bad rows."""

    good: list[tuple[int, DischargeInput]]
    duplicates: list[RowIssue]
    errors: list[RowIssue]


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    imported: int
    duplicates: list[RowIssue] = field(default_factory=list)
    errors: list[RowIssue] = field(default_factory=list)
    discharge_ids: list[int] = field(default_factory=list)


def check_mapping(table: RawTable, mapping: Mapping[str, int | None]) -> dict[str, int]:
    """The mapping without unmapped fields; ValidationError("mapping", …) if a required field
    has no column, a column is used twice, or a column is not in the table."""
    chosen = {f: c for f, c in mapping.items() if c is not None and f in FIELD_LABELS}
    missing = [f.label for f in IMPORT_FIELDS if f.required and f.name not in chosen]
    if missing:
        raise ValidationError("mapping", "缺少必需的列：" + "、".join(missing))
    by_column: dict[int, str] = {}
    for name, column in chosen.items():
        if not 0 <= column < len(table.headers):
            raise ValidationError("mapping", f"{FIELD_LABELS[name]}对应的列不在文件中")
        if column in by_column:
            first, second = FIELD_LABELS[by_column[column]], FIELD_LABELS[name]
            raise ValidationError(
                "mapping", f"“{table.headers[column]}”列不能同时作为{first}和{second}")
        by_column[column] = name
    return chosen


def _department_ids(departments: dict[int, str]) -> dict[str, int]:
    return {unicodedata.normalize("NFKC", name).strip(): i for i, name in departments.items()}


def _row_input(table: RawTable, row: RawRow, mapping: dict[str, int],
               department_ids: dict[str, int]) -> DischargeInput:
    """One row as the discharge form would hold it; ValidationError at a cell it cannot read."""
    def cell(name: str) -> object:
        return table.cell(row, mapping.get(name))

    department_name = parse_text(cell("department_id"))
    department_id = department_ids.get(department_name)
    if department_name and department_id is None:
        raise ValidationError("department_id", f"科室“{department_name}”不存在或已停用，"
                                               "请先在“设置 → 科室”中添加")
    reason, reason_note = parse_reason(cell("special_reason"))
    special = parse_flag(cell("special"))
    if special is None:
        special = reason is not None  # a reason alone marks the patient special
    return DischargeInput(
        patient_name=parse_text(cell("patient_name")),
        sex=parse_sex(cell("sex")),
        age=parse_age(cell("age")),
        phone=parse_phone(cell("phone")),
        address=parse_text(cell("address")),
        department_id=department_id,
        doctor_name=parse_text(cell("doctor_name")),
        nurse_name=parse_text(cell("nurse_name")),
        admitted_on=parse_date(cell("admitted_on"), "admitted_on"),
        discharged_on=parse_date(cell("discharged_on"), "discharged_on"),
        diagnosis=parse_text(cell("diagnosis")),
        special=special,
        special_reason=reason if special else None,
        special_note=(parse_text(cell("special_note")) or reason_note) if special else "",
        inpatient_no=parse_text(cell("inpatient_no")),
    )


_KEYWORDS = {"patient_name": "姓名", "phone": "电话", "department_id": "科室",
             "special": "特殊", "special_reason": "特殊"}


def _message(exc: ValidationError, value: object = None) -> str:
    """The form's message, with the field's name in front where the message lacks it and
    the cell's text after it ("年龄应在 0 到 130 岁之间（文件中为“200”）")."""
    label = FIELD_LABELS.get(exc.field, "")
    text = exc.message.replace("请选择", "请填写", 1)  # a file is filled in, not chosen from
    if label and _KEYWORDS.get(exc.field, label) not in text:
        text = f"{label}：{text}"
    shown = parse_text(value)
    return f"{text}（文件中为“{shown}”）" if shown and f"“{shown}”" not in text else text


@dataclass
class _Analysis:
    good: list[tuple[int, DischargeInput, dict[str, Any]]]
    duplicates: list[RowIssue]
    errors: list[RowIssue]


def _stored_keys(session: Session, days: set[date]) -> set[tuple[str, str, date]]:
    """(name, phone, discharge date) of the stored discharges on any of `days`."""
    if not days:
        return set()
    rows = session.exec(
        select(Discharge.patient_name, Discharge.phone, Discharge.discharged_on)
        .where(Discharge.discharged_on >= min(days), Discharge.discharged_on <= max(days))
    ).all()
    return {(n, p, d) for n, p, d in rows}


def _analyse(session: Session, table: RawTable, mapping: Mapping[str, int | None],
             today: date) -> _Analysis:
    chosen = check_mapping(table, mapping)
    departments = active_departments(session)
    department_ids = _department_ids(departments)
    result = _Analysis([], [], [])
    checked: list[tuple[int, DischargeInput, dict[str, Any]]] = []
    for row in table.rows:
        try:
            data = _row_input(table, row, chosen, department_ids)
        except ValidationError as exc:
            result.errors.append(RowIssue(row.number, _message(exc)))
            continue
        try:
            checked.append((row.number, data, clean_discharge(data, today, departments)))
        except ValidationError as exc:
            value = table.cell(row, chosen.get(exc.field))
            result.errors.append(RowIssue(row.number, _message(exc, value)))
    stored = _stored_keys(session, {v["discharged_on"] for _, _, v in checked})
    first_row: dict[tuple[str, str, date], int] = {}
    for row_no, data, values in checked:
        key = (values["patient_name"], values["phone"], values["discharged_on"])
        if key in stored:
            result.duplicates.append(RowIssue(row_no, DUPLICATE_STORED))
        elif key in first_row:
            result.duplicates.append(RowIssue(
                row_no, f"与第 {first_row[key]} 行重复（姓名、电话、出院日期相同），已跳过"))
        else:
            first_row[key] = row_no
            result.good.append((row_no, data, values))
    return result


def preview_import(*, session: Session, table: RawTable, mapping: Mapping[str, int | None],
                   today: date) -> ImportPreview:
    """What `import_discharges` would do today, without saving anything."""
    analysis = _analyse(session, table, mapping, today)
    return ImportPreview(
        good=[(row_no, data) for row_no, data, _ in analysis.good],
        duplicates=analysis.duplicates, errors=analysis.errors,
    )


@transactional
def import_discharges(*, session: Session, actor: Actor, table: RawTable,
                      mapping: Mapping[str, int | None], now: datetime) -> ImportResult:
    """Save every good row of `table` with its follow-up tasks, in one transaction.

    Duplicates and bad rows are skipped and returned; one audit row ("import",
    "discharge") records the file and the counts. Needs record_followup.
    """
    require(actor, Permission.record_followup)
    analysis = _analyse(session, table, mapping, now.date())
    stamp = {"source": "import", "created_at": now, "created_by": actor.display_name}
    rows = [values | stamp for _, _, values in analysis.good]
    ids: list[int] = []
    if rows:
        # bulk INSERT … RETURNING: 2,000 rows in one statement, ids in row order
        ids = list(session.scalars(
            insert(Discharge).returning(Discharge.id, sort_by_parameter_order=True), rows))
        windows = windows_setting(session)
        tasks = [
            {name: getattr(task, name) for name in TASK_COLUMNS}
            for discharge_id, row in zip(ids, rows, strict=True)
            for task in new_tasks(Discharge.model_construct(id=discharge_id, **row), windows)
        ]
        session.execute(insert(FollowUpTask), tasks)
        write_audit(session, actor, "import", "discharge", f"{ids[0]}-{ids[-1]}", None, {
            "file": table.name, "imported": len(ids), "tasks": len(tasks),
            "duplicates": len(analysis.duplicates), "errors": len(analysis.errors),
            "first_id": ids[0], "last_id": ids[-1],
        }, now)
    return ImportResult(len(ids), analysis.duplicates, analysis.errors, ids)
