"""Reading a hospital-information-system export and turning its cells into form values.

Issue 4 (DESIGN §1.4): discharges arrive in bulk as an Excel (.xlsx) or CSV
export of the HIS. This module knows nothing of the database:

- `read_table` reads the first sheet of an .xlsx (or a CSV in UTF-8 or GBK/
  GB18030) into a `RawTable`; a file that is not a spreadsheet is a
  ValidationError("file", …), never a traceback.
- `IMPORT_FIELDS` names the `DischargeInput` fields an import can fill, with
  their Chinese labels; `guess_mapping` presets which column holds which
  field from the header synonyms common in HIS exports.
- `parse_*` turn one cell into a value, or raise ValidationError(field, 中文).
"""

from __future__ import annotations

import csv
import io
import logging
import re
import unicodedata
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.followup_records import SPECIAL_REASON_LABELS, Sex, SpecialReason

NOT_A_SPREADSHEET = "无法读取该文件：请选择 Excel（.xlsx）或 CSV 文件"
OLD_EXCEL = "不支持旧版 Excel（.xls）文件：请在 Excel 中“另存为”.xlsx 或 CSV 后再导入"
EMPTY_FILE = "文件中没有内容：请确认选择的是导出的出院患者名单"
NO_DATA_ROWS = "文件中只有表头，没有患者数据"
log = logging.getLogger("desktop_app")

HEADER_SCAN_ROWS = 10  # a title row or two above the header is common in HIS exports


class RawRow(NamedTuple):
    """One data row: its 1-based row number in the sheet and its cells (None = empty)."""

    number: int
    cells: tuple[object, ...]


@dataclass(frozen=True)
class RawTable:
    """A sheet as read: the file's name, the header cells, the non-empty rows under them."""

    name: str
    headers: tuple[str, ...]
    rows: tuple[RawRow, ...]
    header_row: int = 1

    def cell(self, row: RawRow, column: int | None) -> object:
        """The cell of `row` in `column` (None for no column or past the row's end)."""
        if column is None or column >= len(row.cells):
            return None
        return row.cells[column]


@dataclass(frozen=True)
class ImportField:
    """A field an import can fill: its DischargeInput name, Chinese label, whether required."""

    name: str
    label: str
    required: bool
    synonyms: tuple[str, ...]


IMPORT_FIELDS: tuple[ImportField, ...] = (
    ImportField("patient_name", "姓名", True,
                ("姓名", "患者姓名", "病人姓名", "患者名称", "病人名称", "出院患者", "名字")),
    ImportField("sex", "性别", True, ("性别", "患者性别")),
    ImportField("age", "年龄", True, ("年龄", "患者年龄", "岁数", "年龄岁")),
    ImportField("phone", "联系电话", True,
                ("联系电话", "电话", "手机", "手机号", "手机号码", "联系方式", "患者电话",
                 "电话号码", "联系人电话", "家属电话", "病人电话")),
    ImportField("address", "住址", False,
                ("住址", "家庭住址", "地址", "现住址", "联系地址", "家庭地址", "户籍地址",
                 "居住地址")),
    ImportField("department_id", "出院科室", True,
                ("出院科室", "科室", "科室名称", "所在科室", "出院科别", "科别", "出院病区",
                 "病区", "住院科室", "入院科室")),
    ImportField("doctor_name", "主治医生", True,
                ("主治医生", "主治医师", "管床医生", "管床医师", "经治医生", "经治医师",
                 "主管医生", "主管医师", "住院医师", "责任医生", "医生", "医师")),
    ImportField("nurse_name", "责任护士", False,
                ("责任护士", "管床护士", "主管护士", "护士")),
    ImportField("admitted_on", "入院日期", True,
                ("入院日期", "入院时间", "入院", "入院日期时间")),
    ImportField("discharged_on", "出院日期", True,
                ("出院日期", "出院时间", "出院", "出院日期时间")),
    ImportField("diagnosis", "出院诊断", False,
                ("出院诊断", "诊断", "主要诊断", "出院主要诊断", "疾病名称", "诊断名称",
                 "入院诊断")),
    ImportField("inpatient_no", "住院号", False,
                ("住院号", "住院号码", "病案号", "住院病历号", "病历号", "住院编号")),
    ImportField("special", "特殊患者(是/否)", False,
                ("特殊患者", "是否特殊患者", "特殊")),
    ImportField("special_reason", "特殊原因", False,
                ("特殊原因", "特殊患者原因", "特殊类型", "特殊患者类型")),
    ImportField("special_note", "原因说明", False, ("原因说明", "特殊说明", "特殊原因说明")),
)
FIELD_LABELS: dict[str, str] = {f.name: f.label for f in IMPORT_FIELDS}
# too short to look for inside a longer header ("出院" is in "出院诊断")
EXACT_ONLY = frozenset({"出院", "入院", "特殊", "名字"})


def norm(text: object) -> str:
    """NFKC, no spaces, no required-marks or bracketed notes: "* 出院日期（必填）" → "出院日期"."""
    value = unicodedata.normalize("NFKC", str(text or ""))
    value = re.sub(r"\([^)]*\)|\[[^\]]*\]", "", value)
    return re.sub(r"[\s*:]", "", value)


def guess_mapping(headers: Sequence[str]) -> dict[str, int]:
    """Which column holds which field, from the header names: exact synonyms first (in
    the order listed, so 出院科室 beats 入院科室), then a header containing a synonym."""
    names = [norm(h) for h in headers]
    mapping: dict[str, int] = {}
    used: set[int] = set()
    for containing in (False, True):
        for field in IMPORT_FIELDS:
            if field.name in mapping:
                continue
            for synonym in field.synonyms:
                if containing and synonym in EXACT_ONLY:
                    continue
                hit = next((i for i, n in enumerate(names) if i not in used and n and (
                    synonym in n if containing else n == synonym)), None)
                if hit is not None:
                    mapping[field.name] = hit
                    used.add(hit)
                    break
    return mapping


# --- reading the file --------------------------------------------------------------------

def _cell(value: object) -> object:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _is_header(cells: Sequence[object]) -> bool:
    return len(guess_mapping([str(c or "") for c in cells])) >= 3


def table_of(name: str, raw_rows: list[tuple[int, tuple[object, ...]]],
             is_header: Callable[[Sequence[object]], bool], *, empty: str = EMPTY_FILE,
             no_rows: str = NO_DATA_ROWS) -> RawTable:
    """The sheet's rows as a RawTable: blank rows dropped, the header the first of the first
    `HEADER_SCAN_ROWS` rows that `is_header` accepts (else the first row); `empty` and
    `no_rows` are the messages for a file without rows and one with only a header."""
    rows = [(n, tuple(_cell(c) for c in cells)) for n, cells in raw_rows]
    rows = [(n, cells) for n, cells in rows if any(c is not None for c in cells)]
    if not rows:
        raise ValidationError("file", empty)
    head = next((i for i, (_, cells) in enumerate(rows[:HEADER_SCAN_ROWS]) if is_header(cells)), 0)
    header_no, header_cells = rows[head]
    width = max(i + 1 for i, c in enumerate(header_cells) if c is not None)
    headers = tuple(str(c) if c is not None else f"（第 {i + 1} 列）"
                    for i, c in enumerate(header_cells[:width]))
    data = tuple(RawRow(n, cells[:width]) for n, cells in rows[head + 1:]
                 if any(c is not None for c in cells[:width]))
    if not data:
        raise ValidationError("file", no_rows)
    return RawTable(name, headers, data, header_no)


def read_xlsx(path: Path) -> list[tuple[int, tuple[object, ...]]]:
    """The first sheet's rows as (row number from 1, cell values); every cell is read."""
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it skips
        workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            sheet.reset_dimensions()  # some exporters write a wrong <dimension>; read every cell
            return [(i, tuple(r)) for i, r in enumerate(sheet.iter_rows(values_only=True), 1)]
        finally:
            workbook.close()


def _decode(data: bytes) -> str:
    if b"\x00" in data:
        raise ValidationError("file", NOT_A_SPREADSHEET)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError("file", NOT_A_SPREADSHEET)


def read_csv(path: Path) -> list[tuple[int, tuple[object, ...]]]:
    """A CSV's rows as (row number from 1, cell texts): UTF-8 (BOM or not), else GB18030/GBK;
    the delimiter (comma, tab or semicolon) is sniffed."""
    text = _decode(path.read_bytes())
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], ",\t;")
    except csv.Error:
        dialect = csv.excel
    return [(i, tuple(r)) for i, r in enumerate(csv.reader(io.StringIO(text), dialect), 1)]


def read_table(path: Path) -> RawTable:
    """The first sheet of an .xlsx, or a CSV (UTF-8, else GB18030/GBK), as a RawTable.

    The header is the first row that names at least three known fields among
    the first ten non-empty rows (else the first non-empty row); blank rows
    are dropped; row numbers are the sheet's. Anything unreadable →
    ValidationError("file", …).
    """
    return read_spreadsheet(path, _is_header)


def read_spreadsheet(path: Path | str, is_header: Callable[[Sequence[object]], bool], *,
                     empty: str = EMPTY_FILE, no_rows: str = NO_DATA_ROWS) -> RawTable:
    """Read an .xlsx/.csv export into a RawTable (`table_of`); the file's troubles as
    ValidationError("file", …) in plain words (old .xls, open in Excel, damaged …)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise ValidationError("file", OLD_EXCEL)
    if suffix not in (".xlsx", ".xlsm", ".csv", ".txt"):
        raise ValidationError("file", NOT_A_SPREADSHEET)
    try:
        raw = read_csv(path) if suffix in (".csv", ".txt") else read_xlsx(path)
    except ValidationError:
        raise
    except FileNotFoundError:
        raise ValidationError("file", f"找不到文件：{path.name}") from None
    except PermissionError:
        raise ValidationError("file", "无法打开该文件：它可能正在 Excel 中打开，请关闭后重试") from None
    except Exception as exc:  # noqa: BLE001 - a damaged workbook can fail in many ways
        log.info("read_spreadsheet: %s is not readable: %r", path.name, exc)
        raise ValidationError("file", NOT_A_SPREADSHEET) from None
    return table_of(path.name, raw, is_header, empty=empty, no_rows=no_rows)


# --- one cell ------------------------------------------------------------------------------

def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        midnight = value.time() == datetime.min.time()
        return f"{value:%Y-%m-%d}" if midnight else f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    return unicodedata.normalize("NFKC", str(value)).strip()


def parse_text(value: object) -> str:
    """A cell as text: NFKC, trimmed; 13900001234.0 → "13900001234"; a date → 2026-11-16."""
    return _text(value)


# 2026-11-16 / 2026/11/16 / 2026.11.16 / 2026年11月16日, and 20261116, a time may follow
DATE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:(?:\s+|T)\d{1,2}:\d{1,2}(?::\d{1,2}(?:\.\d+)?)?)?")
COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})(?:\s*\d{1,2}:?\d{2}(?::?\d{2})?)?")


def parse_date(value: object, field: str) -> date | None:
    """A date cell, or 2026-11-16 / 2026/11/16 / 2026.11.16 / 2026年11月16日 / 20261116,
    each optionally with a time; None if empty."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    match = DATE.fullmatch(text) or COMPACT_DATE.fullmatch(text)
    label = FIELD_LABELS[field]
    if match is None:
        raise ValidationError(field, f"{label}“{text}”无法识别，请写成 2026-11-16 的形式")
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        raise ValidationError(field, f"{label}“{text}”不是有效的日期") from None


_SEX = {"男": Sex.male, "男性": Sex.male, "m": Sex.male, "male": Sex.male, "1": Sex.male,
        "女": Sex.female, "女性": Sex.female, "f": Sex.female, "female": Sex.female,
        "2": Sex.female}  # 1/2: the codes of GB/T 2261.1


def parse_sex(value: object) -> str | None:
    """男/女, 男性/女性, M/F, male/female, 1/2 → a Sex code; None if empty."""
    text = _text(value).lower()
    if not text:
        return None
    if text not in _SEX:
        raise ValidationError("sex", f"性别“{_text(value)}”无法识别，应为“男”或“女”")
    return _SEX[text].value


_AGE = re.compile(r"(\d{1,3})(?:\.0+)?\s*(?:岁|周岁)?(?:\s*\d{1,2}\s*(?:个月|月|天|日))*")
_INFANT_AGE = re.compile(r"(?:\d{1,2}\s*(?:个月|月|天|日|小时)\s*)+")


def parse_age(value: object) -> int | None:
    """68, 68.0, "68", "68岁", "2岁3月"; an infant's "5月" / "12天" is 0 years."""
    if value is None or value == "":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer():
            return int(value)
        raise ValidationError("age", f"年龄“{value}”应为整数岁")
    text = _text(value)
    if _INFANT_AGE.fullmatch(text):
        return 0
    match = _AGE.fullmatch(text)
    if match is None:
        raise ValidationError("age", f"年龄“{text}”无法识别，请写成 68 或 68岁")
    return int(match.group(1))


_PHONE_SEPARATORS = re.compile(r"[/,;、，；]")


def parse_phone(value: object) -> str:
    """The phone as text: a number cell 13900001234(.0) becomes "13900001234"; of several
    numbers ("139…/138…") the first is kept. `clean_phone` checks the format later."""
    text = _text(value)
    return _PHONE_SEPARATORS.split(text, maxsplit=1)[0].strip()


_YES = {"是", "y", "yes", "1", "true", "√", "✓", "特殊"}
_NO = {"否", "n", "no", "0", "false", "×", "不是", "非"}


def parse_flag(value: object) -> bool | None:
    """是/否, Y/N, 1/0 (and TRUE/FALSE cells); None if empty."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValidationError("special", f"特殊患者“{_text(value)}”无法识别，应为“是”或“否”")


_REASON_BY_LABEL = {label: code for code, label in SPECIAL_REASON_LABELS.items()}
_REASON_CODES = frozenset(r.value for r in SpecialReason)


def parse_reason(value: object) -> tuple[str | None, str]:
    """A special reason by its label (高龄独居 …) or code → (code, note); "其他：说明" and
    "其他（说明）" carry their note."""
    text = _text(value)
    if not text:
        return None, ""
    match = re.fullmatch(r"([^:(]*)(?:[:(](.*))?", text, re.DOTALL)
    head, note = match.group(1).strip(), (match.group(2) or "").rstrip(")").strip()
    code = _REASON_BY_LABEL.get(head) or (SpecialReason(head) if head in _REASON_CODES else None)
    if code is None:
        labels = "、".join(SPECIAL_REASON_LABELS.values())
        raise ValidationError("special_reason", f"特殊原因“{text}”无法识别，应为：{labels}")
    return code.value, note
