"""Importing a spreadsheet of daily outpatient visits (issue 6 §1, DESIGN §1.7).

One row per day and department (日期, 科室, 门诊人次), as the HIS exports
it. The office previews, then imports:

- a row is wrong when its date is unreadable or after today, its department
  is unknown or deactivated, its count is not an integer from 0 to 100000,
  or it repeats the day and department of an earlier row; each is listed
  with its row number and reason;
- 合计 / 小计 / 全院 rows are left out with a note;
- a good row replaces the day's stored figure; a figure below the
  outpatient questionnaires already entered for that day is a warning,
  not a refusal (the visits may have been mistyped before);
- the import is all or nothing: with any wrong row nothing is saved; else
  every row goes in in one transaction with one audit row (DESIGN §3) that
  lists each new figure (day, department, visits) and each replaced one
  (before and after), so the import can be reconstructed from the log.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import insert, select
from sqlmodel import Session

from desktop_app.db.models import Department, OutpatientVisits
from desktop_app.db.services.discharge_import import RowIssue
from desktop_app.imports.discharges import RawRow, RawTable, parse_text
from desktop_app.db.services.surveys_query import outpatient_counts
from desktop_app.imports.visits import (
    FIELD_LABELS,
    VISITS_FIELDS,
    department_key,
    guess_visits_mapping,
    is_total_label,
    parse_visits_count,
    parse_visits_day,
    read_visits_table,
)
from desktop_app.db.tx import Actor, require, transactional, write_audit
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.roles import Permission

__all__ = [
    "FIELD_LABELS", "VISITS_FIELDS", "RawTable", "RowIssue", "VisitsImportResult",
    "VisitsImportRow", "VisitsPreview", "check_visits_mapping", "guess_visits_mapping",
    "import_visits", "preview_visits_import", "read_visits_table",
]

TOTAL_ROW = "合计行，不导入"
COLUMNS_HINT = "文件须有“日期”“科室”“门诊人次”三列"


class VisitsImportRow(NamedTuple):
    """A good row: what it says, the figure it replaces and the questionnaires of that day."""

    row_no: int
    day: date
    department_id: int
    department_name: str
    visits: int
    previous: int | None  # the stored figure; None: not entered yet
    surveys: int  # outpatient questionnaires already entered for the day and department

    @property
    def status(self) -> str:
        """"new", "changed" or "same"."""
        if self.previous is None:
            return "new"
        return "same" if self.previous == self.visits else "changed"

    @property
    def below_surveys(self) -> bool:
        return self.visits < self.surveys


@dataclass(frozen=True)
class VisitsPreview:
    """What an import would do: the good rows, the wrong ones, the warnings, the 合计 rows."""

    rows: tuple[VisitsImportRow, ...]
    errors: tuple[RowIssue, ...]
    warnings: tuple[RowIssue, ...]
    ignored: tuple[RowIssue, ...]

    @property
    def can_import(self) -> bool:
        return bool(self.rows) and not self.errors

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)


@dataclass(frozen=True)
class VisitsImportResult:
    """What an import did."""

    created: int
    updated: int
    unchanged: int
    warnings: tuple[RowIssue, ...]

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged


def check_visits_mapping(table: RawTable, mapping: Mapping[str, int | None]) -> dict[str, int]:
    """The mapping of 日期, 科室, 门诊人次 to columns; ValidationError("mapping", …) when one
    has no column, a column is used twice, or a column is not in the file."""
    chosen = {f: c for f, c in mapping.items() if c is not None and f in FIELD_LABELS}
    missing = [label for name, label, _ in VISITS_FIELDS if name not in chosen]
    if missing:
        raise ValidationError(
            "mapping", f"文件中找不到{'、'.join(missing)}列：{COLUMNS_HINT}，请在下方指定对应的列")
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


def _departments(session: Session) -> dict[str, tuple[int, str, bool]]:
    """Department name (as compared) → (id, name, active)."""
    rows = session.execute(select(Department.id, Department.name, Department.active)).all()
    return {department_key(name): (i, name, active) for i, name, active in rows}


def _read_row(table: RawTable, row: RawRow, mapping: dict[str, int], today: date,
              departments: dict[str, tuple[int, str, bool]]) -> tuple[date, int, str, int]:
    """(day, department id, name, visits) of one row; ValidationError listing every bad cell."""
    problems: list[str] = []
    day = department = visits = None
    try:
        day = parse_visits_day(table.cell(row, mapping["day"]))
        if day > today:
            problems.append(f"日期 {day:%Y-%m-%d} 晚于今天")
    except ValidationError as exc:
        problems.append(exc.message)
    name = parse_text(table.cell(row, mapping["department"]))
    if not name:
        problems.append("科室为空")
    else:
        department = departments.get(department_key(name))
        if department is None:
            problems.append(f"科室“{name}”不存在：请改正科室名称，或先在“设置”中添加该科室")
        elif not department[2]:
            problems.append(f"科室“{name}”已停用")
    try:
        visits = parse_visits_count(table.cell(row, mapping["visits"]))
    except ValidationError as exc:
        problems.append(exc.message)
    if problems:
        raise ValidationError("row", "；".join(problems))
    assert day is not None and department is not None and visits is not None
    return day, department[0], department[1], visits


def preview_visits_import(*, session: Session, table: RawTable,
                          mapping: Mapping[str, int | None], today: date) -> VisitsPreview:
    """What `import_visits` would do today, without saving anything."""
    chosen = check_visits_mapping(table, mapping)
    departments = _departments(session)
    read: list[tuple[int, date, int, str, int]] = []
    errors: list[RowIssue] = []
    ignored: list[RowIssue] = []
    first_row: dict[tuple[date, int], int] = {}
    for row in table.rows:
        if (is_total_label(table.cell(row, chosen["department"]))
                or is_total_label(table.cell(row, chosen["day"]))):
            ignored.append(RowIssue(row.number, TOTAL_ROW))
            continue
        try:
            day, dep_id, name, visits = _read_row(table, row, chosen, today, departments)
        except ValidationError as exc:
            errors.append(RowIssue(row.number, exc.message))
            continue
        if (day, dep_id) in first_row:
            errors.append(RowIssue(row.number, f"与第 {first_row[(day, dep_id)]} 行重复"
                                               f"（{day:%Y-%m-%d} {name}）"))
            continue
        first_row[(day, dep_id)] = row.number
        read.append((row.number, day, dep_id, name, visits))
    rows: list[VisitsImportRow] = []
    if read:
        first, last = min(r[1] for r in read), max(r[1] for r in read)
        stored = _stored(session, first, last)
        surveys = outpatient_counts(session, first, last)
        rows = [VisitsImportRow(n, day, dep, name, visits,
                                stored[(day, dep)].visits if (day, dep) in stored else None,
                                surveys.get((day, dep), 0))
                for n, day, dep, name, visits in read]
    warnings = [RowIssue(r.row_no, f"{r.day:%Y-%m-%d} {r.department_name}：门诊 {r.visits} 人次，"
                                   f"少于已录入的 {r.surveys} 份门诊问卷，请核对")
                for r in rows if r.below_surveys]
    return VisitsPreview(tuple(rows), tuple(errors), tuple(warnings), tuple(ignored))


def _stored(session: Session, first: date, last: date) -> dict[tuple[date, int], OutpatientVisits]:
    found = session.execute(select(OutpatientVisits).where(
        OutpatientVisits.day.between(first, last))).scalars().all()
    return {(v.day, v.department_id): v for v in found}


@transactional
def import_visits(*, session: Session, actor: Actor, table: RawTable,
                  mapping: Mapping[str, int | None], today: date,
                  now: datetime) -> VisitsImportResult:
    """Save every row of `table`, all or nothing (see the module docstring). Needs record_survey."""
    require(actor, Permission.record_survey)
    preview = preview_visits_import(session=session, table=table, mapping=mapping, today=today)
    if preview.errors:
        raise ValidationError("file", f"文件中有 {len(preview.errors)} 行有误，未导入任何数据："
                                      "请在原文件中改正后重新导入")
    if not preview.rows:
        raise ValidationError("file", "文件中没有可导入的门诊人次")
    by = actor.display_name[:30]
    stored = _stored(session, min(r.day for r in preview.rows), max(r.day for r in preview.rows))
    new = [dict(day=r.day, department_id=r.department_id, visits=r.visits, updated_at=now,
                updated_by=by) for r in preview.rows if r.status == "new"]
    changes: list[dict[str, object]] = []
    for r in preview.rows:
        if r.status == "changed":
            record = stored[(r.day, r.department_id)]
            changes.append({"id": record.id, "day": r.day.isoformat(),
                            "department_id": r.department_id, "before": record.visits,
                            "after": r.visits})
            record.visits, record.updated_at, record.updated_by = r.visits, now, by
            session.add(record)
    if new:
        session.execute(insert(OutpatientVisits), new)
    result = VisitsImportResult(len(new), len(changes), preview.count("same"), preview.warnings)
    first, last = min(r.day for r in preview.rows), max(r.day for r in preview.rows)
    created_rows = [{"day": r.day.isoformat(), "department_id": r.department_id,
                     "department": r.department_name, "visits": r.visits}
                    for r in preview.rows if r.status == "new"]
    write_audit(session, actor, "import", "outpatient_visits", f"{first}..{last}", None, {
        "file": table.name, "created": result.created, "updated": result.updated,
        "unchanged": result.unchanged, "created_rows": created_rows, "changes": changes,
        "warnings": len(preview.warnings),
    }, now)
    return result
