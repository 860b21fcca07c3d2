"""The matters list: a table model over frozen `MatterRow`s, and the proxy that searches it.

Fast with thousands of rows: display strings are made once per row, on first
use; the search text (serial, complainant, content) once per row up front.
Sorting happens in Python in the model by each column's raw key (`SORT_ROLE`:
serial number, received datetime, deadline date, code order …); the proxy
only filters by the search text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel, QModelIndex, QPersistentModelIndex,
    QSortFilterProxyModel, Qt,
)
from PySide6.QtGui import QBrush, QColor

from desktop_app.records.matter_rows import MatterRow
from desktop_app.domain.deadlines import REQUEST_TYPE_LABELS, RequestType
from desktop_app.domain.matters import CHANNEL_LABELS, STATUS_LABELS, Channel, MatterStatus

Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2

OVERDUE_COLOR = QColor("#f8d7da")
DUE_SOON_COLOR = QColor("#fff3cd")
OVERDUE_BRUSH = QBrush(OVERDUE_COLOR)
DUE_SOON_BRUSH = QBrush(DUE_SOON_COLOR)

HEADERS = ("编号", "受理时间", "类型", "渠道", "投诉人", "电话", "投诉对象", "状态", "办理期限")
CENTERED = frozenset({0, 1, 2, 5, 7, 8})
TOOLTIP_COLUMNS = frozenset({3, 6})
CENTER = Qt.AlignmentFlag.AlignCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

_TYPE_ORDER = {code: i for i, code in enumerate(RequestType)}
_CHANNEL_ORDER = {code: i for i, code in enumerate(Channel)}
_STATUS_ORDER = {code: i for i, code in enumerate(MatterStatus)}


def type_label(code: str) -> str:
    try:
        return REQUEST_TYPE_LABELS[RequestType(code)]
    except ValueError:
        return code


def channel_label(code: str) -> str:
    try:
        return CHANNEL_LABELS[Channel(code)]
    except ValueError:
        return code


def status_text(status: str, round_no: int) -> str:
    """已转办, or 已转办（第2轮） from the second round on."""
    try:
        label = STATUS_LABELS[MatterStatus(status)]
    except ValueError:
        label = status
    return f"{label}（第{round_no}轮）" if round_no >= 2 else label


def deadline_text(row: MatterRow) -> str:
    text = f"{row.deadline:%Y-%m-%d}"
    return text + " 待核定" if row.provisional else text


def serial_key(serial: str) -> int:
    """2026-0007 → 202600007, so serials sort by year then number even past 9999."""
    year, _, number = serial.partition("-")
    try:
        return int(year) * 100000 + int(number)
    except ValueError:
        return 0


def _display(row: MatterRow) -> tuple[str, ...]:
    return (
        row.serial,
        row.received_at.strftime("%Y-%m-%d %H:%M"),
        type_label(row.request_type),
        channel_label(row.channel),
        row.complainant,
        row.phone_masked,
        row.target,
        status_text(row.status, row.round),
        deadline_text(row),
    )


# The raw sort key of each column (also returned for SORT_ROLE).
SORT_KEYS: tuple[Callable[[MatterRow], Any], ...] = (
    lambda r: serial_key(r.serial),
    lambda r: r.received_at,
    lambda r: _TYPE_ORDER.get(r.request_type, 99),
    lambda r: _CHANNEL_ORDER.get(r.channel, 99),
    lambda r: r.complainant,
    lambda r: r.phone_masked,
    lambda r: r.target,
    lambda r: (_STATUS_ORDER.get(r.status, 99), r.round),
    lambda r: r.deadline,
)


def search_text(row: MatterRow) -> str:
    """What the text search looks in: serial, complainant and content, case-folded."""
    return f"{row.serial}\n{row.complainant}\n{row.content}".casefold()


class MatterTableModel(QAbstractTableModel):
    """Read-only list of matters; `set_rows` replaces them all, `sort` orders them in Python.

    Display strings are made on first use and kept (only the rows on screen
    ever need them); the search texts are made for every row up front.
    """

    def __init__(self, rows: Sequence[MatterRow] = (), parent=None) -> None:
        super().__init__(parent)
        self._sort: tuple[int, bool] | None = None  # (column, descending)
        self._rows: list[MatterRow] = []
        self._display: list[tuple[str, ...] | None] = []
        self._search: list[str] = []
        self._load(rows)

    def _load(self, rows: Sequence[MatterRow]) -> None:
        self._rows = list(rows)
        if self._sort is not None:
            column, descending = self._sort
            self._rows.sort(key=SORT_KEYS[column], reverse=descending)
        self._display = [None] * len(self._rows)
        self._search = [search_text(r) for r in self._rows]

    def _shown(self, row: int) -> tuple[str, ...]:
        display = self._display[row]
        if display is None:
            display = self._display[row] = _display(self._rows[row])
        return display

    # Qt overrides ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not 0 <= row < len(self._rows) or not 0 <= column < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown(row)[column]
        if role == Qt.ItemDataRole.BackgroundRole:
            matter = self._rows[row]
            return OVERDUE_BRUSH if matter.overdue else DUE_SOON_BRUSH if matter.due_soon else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return CENTER if column in CENTERED else LEFT
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._shown(row)[column] if column in TOOLTIP_COLUMNS else None
        if role == SORT_ROLE:
            return SORT_KEYS[column](self._rows[row])
        if role == ROW_ROLE:
            return self._rows[row]
        if role == SEARCH_ROLE:
            return self._search[row]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(HEADERS)):
            return HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by the raw key of `column` (stable; kept across `set_rows`)."""
        if not 0 <= column < len(HEADERS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self._sort = (column, descending)
        key = SORT_KEYS[column]
        rows = self._rows
        order_ = sorted(range(len(rows)), key=lambda i: key(rows[i]), reverse=descending)
        if order_ == list(range(len(rows))):
            return
        self.layoutAboutToBeChanged.emit()
        new_row = [0] * len(rows)
        for new, old in enumerate(order_):
            new_row[old] = new
        self._rows = [rows[i] for i in order_]
        self._display = [self._display[i] for i in order_]
        self._search = [self._search[i] for i in order_]
        old_indexes = self.persistentIndexList()
        self.changePersistentIndexList(
            old_indexes, [self.index(new_row[i.row()], i.column()) for i in old_indexes])
        self.layoutChanged.emit()

    # our API --------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[MatterRow]) -> None:
        self.beginResetModel()
        self._load(rows)
        self.endResetModel()

    def rows(self) -> tuple[MatterRow, ...]:
        return tuple(self._rows)

    def row_at(self, row: int) -> MatterRow:
        return self._rows[row]

    def search_text(self, row: int) -> str:
        return self._search[row]

    def find(self, matter_id: int) -> int:
        """The row number of matter `matter_id`, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.id == matter_id), -1)


class MatterFilterProxy(QSortFilterProxyModel):
    """The view's model: keeps the rows whose search text contains the query.

    Sorting is handed to the source model, which orders its rows in Python by
    the raw keys (a Qt-side sort would call `data()` n·log n times).
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._needle = ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)

    def set_search(self, text: str) -> None:
        needle = text.strip().casefold()
        if needle != self._needle:
            self.beginFilterChange()
            self._needle = needle
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        if not self._needle:
            return True
        source = self.sourceModel()
        if isinstance(source, MatterTableModel):
            return self._needle in source.search_text(source_row)
        return super().filterAcceptsRow(source_row, source_parent)

    def matter_at(self, proxy_row: int) -> MatterRow:
        return self.index(proxy_row, 0).data(ROW_ROLE)

    def proxy_row_of(self, matter_id: int) -> int:
        """The visible row of matter `matter_id`, or -1."""
        source = self.sourceModel()
        if not isinstance(source, MatterTableModel):
            return -1
        row = source.find(matter_id)
        if row < 0:
            return -1
        return self.mapFromSource(source.index(row, 0)).row()
