"""Text helpers and table models of the 值班日志 page (`duty_log_panel`).

How a day, an entry's time and an entry's kind are written, the table of one
day's entries (those turned into matters in blue, with the serial) and the
list of the recent days' logs.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtGui import QBrush, QColor

from desktop_app.records.inspection_rows import DutyEntryRow, DutyLogRow
from desktop_app.domain.inspections import DUTY_ENTRY_KIND_LABELS, DutyEntryKind
from desktop_app.ui.widgets.tables import RowTableModel

WEEKDAYS = "一二三四五六日"
LINKED_BRUSH = QBrush(QColor("#e8f0fe"))


def weekday_text(day: date) -> str:
    return f"{day:%Y-%m-%d} 周{WEEKDAYS[day.weekday()]}"


def entry_time_text(entry: DutyEntryRow, day: date) -> str:
    """"14:20", or "次日 01:10" for the small hours after the duty day."""
    prefix = "次日 " if entry.at.date() > day else ""
    return f"{prefix}{entry.at:%H:%M}"


def kind_label(code: str) -> str:
    try:
        return DUTY_ENTRY_KIND_LABELS[DutyEntryKind(code)]
    except ValueError:
        return code



class DutyEntryTableModel(RowTableModel[DutyEntryRow]):
    """The entries of one day's log by time; entries turned into matters show the serial."""

    HEADERS = ("时间", "类别", "事项内容", "处理结果", "已转诉求")
    CENTERED = frozenset({0, 1, 4})

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.day: date | None = None

    def set_day(self, day: date, entries: tuple[DutyEntryRow, ...]) -> None:
        self.day = day
        self.set_rows(entries)

    def cells(self, row: DutyEntryRow) -> tuple[str, ...]:
        return (entry_time_text(row, self.day or row.at.date()), kind_label(row.kind),
                row.content, row.result, row.matter_serial)

    def sort_key(self, row: DutyEntryRow, column: int) -> Any:
        return (row.at, row.kind, row.content, row.result, row.matter_serial)[column]

    def background(self, row: DutyEntryRow) -> QBrush | None:
        return LINKED_BRUSH if row.linked else None

    def tooltip(self, row: DutyEntryRow, column: int) -> str | None:
        if column == 2:
            return row.content
        if column == 3:
            return row.result or None
        if column == 4 and row.linked:
            return f"已登记为诉求 {row.matter_serial}：不能再修改或删除"
        if column == 0:
            return f"{row.at:%Y-%m-%d %H:%M}　记录人：{row.recorded_by}"
        return None


class DutyLogDaysModel(RowTableModel[DutyLogRow]):
    """The recent days' logs, newest first: day, director, entries, matters registered."""

    HEADERS = ("日期", "值班院长", "记录", "转诉求")
    CENTERED = frozenset({0, 1, 2, 3})

    def cells(self, row: DutyLogRow) -> tuple[str, ...]:
        return (weekday_text(row.day), row.director, str(row.entries),
                str(row.matters) if row.matters else "")

    def sort_key(self, row: DutyLogRow, column: int) -> Any:
        return (row.day, row.director, row.entries, row.matters)[column]

    def tooltip(self, row: DutyLogRow, column: int) -> str | None:
        parts = [f"{kind_label(k)} {n}" for k, n in sorted(
            row.by_kind.items(), key=lambda kv: list(DutyEntryKind).index(DutyEntryKind(kv[0]))
            if kv[0] in DutyEntryKind._value2member_map_ else 99)]
        return "、".join(parts) or "（无记录）"
