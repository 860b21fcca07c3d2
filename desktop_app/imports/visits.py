"""Reading an outpatient-visits export and turning its cells into values (issue 6, DESIGN §1.7).

The HIS (or the registration office's statistics) exports each day's
outpatient visits per department as Excel (.xlsx) or CSV (UTF-8 or GBK),
one row per day and department: 日期, 科室, 门诊人次. This module knows
nothing of the database:

- `read_visits_table` reads the first sheet into a `RawTable`; the header is
  the first of the first ten rows that names at least two of the three
  columns (a title row above it is common); anything unreadable is
  ValidationError("file", …).
- `guess_visits_mapping` presets which column is which from common header
  names (就诊日期, 挂号科室, 门诊量 …).
- `parse_visits_day`, `parse_visits_count` turn one cell into a value or raise
  ValidationError with a Chinese message naming the column.
- `is_total_label` tells a 合计 / 小计 / 全院 row, which an export often ends with.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from desktop_app.imports.discharges import (
    COMPACT_DATE,
    DATE,
    RawTable,
    norm,
    parse_text,
    read_spreadsheet,
)
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.satisfaction import VISITS_MAX

EMPTY_FILE = "文件中没有内容：请确认选择的是导出的门诊人次统计表"
NO_DATA_ROWS = "文件中只有表头，没有门诊人次数据"

VISITS_FIELDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    # field, label, header synonyms (exact first, then a header containing one)
    ("day", "日期", ("日期", "就诊日期", "门诊日期", "统计日期", "挂号日期", "业务日期",
                    "接诊日期", "时间", "就诊时间", "统计时间")),
    ("department", "科室", ("科室", "科室名称", "就诊科室", "门诊科室", "挂号科室", "科别",
                          "部门", "临床科室", "科室名")),
    ("visits", "门诊人次", ("门诊人次", "人次", "就诊人次", "门诊量", "门急诊人次", "挂号人次",
                          "门诊人数", "就诊人数", "诊疗人次", "接诊人次", "人数", "数量")),
)
FIELD_LABELS: dict[str, str] = {name: label for name, label, _ in VISITS_FIELDS}
TOTAL_LABELS = frozenset({"合计", "总计", "小计", "全院", "全院合计", "汇总", "总数"})


def guess_visits_mapping(headers: Sequence[str]) -> dict[str, int]:
    """Which column holds 日期 / 科室 / 门诊人次: exact synonyms first, then containing ones."""
    names = [norm(h) for h in headers]
    mapping: dict[str, int] = {}
    used: set[int] = set()
    for containing in (False, True):
        for field, _label, synonyms in VISITS_FIELDS:
            if field in mapping:
                continue
            for synonym in synonyms:
                hit = next((i for i, n in enumerate(names) if i not in used and n and (
                    synonym in n if containing else n == synonym)), None)
                if hit is not None:
                    mapping[field] = hit
                    used.add(hit)
                    break
    return mapping


def _is_visits_header(cells: Sequence[object]) -> bool:
    return len(guess_visits_mapping([str(c or "") for c in cells])) >= 2


def read_visits_table(path: Path | str) -> RawTable:
    """The first sheet of an .xlsx, or a CSV (UTF-8, else GB18030/GBK), as a RawTable;
    the header is the first row naming two of 日期/科室/门诊人次 (`read_spreadsheet`)."""
    return read_spreadsheet(path, _is_visits_header, empty=EMPTY_FILE, no_rows=NO_DATA_ROWS)


def department_key(value: object) -> str:
    """A department name as compared: NFKC, no spaces."""
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", parse_text(value)))


def is_total_label(value: object) -> bool:
    """合计 / 总计 / 小计 / 全院 …: a summary row, not a department."""
    return department_key(value) in TOTAL_LABELS


def parse_visits_day(value: object) -> date:
    """A date cell or 2026-11-16 / 2026/11/16 / 2026年11月16日 / 20261116 (a time may follow)."""
    if value is None or value == "":
        raise ValidationError("day", "日期为空")
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = parse_text(value)
    match = DATE.fullmatch(text) or COMPACT_DATE.fullmatch(text)
    if match is None:
        raise ValidationError("day", f"日期“{text}”无法识别，请写成 2026-11-16 的形式")
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        raise ValidationError("day", f"日期“{text}”不是有效的日期") from None


_COUNT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.0+)?\s*(?:人次|人|次)?")


def parse_visits_count(value: object) -> int:
    """40, 40.0, "40", "40人次", "1,234" → an integer from 0 to 100000."""
    if value is None or value == "":
        raise ValidationError("visits", "门诊人次为空")
    if isinstance(value, bool):
        raise ValidationError("visits", f"门诊人次“{value}”不是数字")
    if isinstance(value, int | float):
        if not float(value).is_integer():
            raise ValidationError("visits", f"门诊人次“{value}”应为整数")
        count = int(value)
    else:
        text = parse_text(value)
        match = _COUNT.fullmatch(text)
        if match is None:
            raise ValidationError("visits", f"门诊人次“{text}”不是有效的人数")
        count = int(match.group(1).replace(",", ""))
    if not 0 <= count <= VISITS_MAX:
        raise ValidationError("visits", f"门诊人次“{count}”须在 0 到 {VISITS_MAX} 之间")
    return count
