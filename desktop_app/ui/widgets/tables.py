"""The kit's tables: one read-only model over frozen rows, and the table view's look.

`RowTableModel` shows a list of frozen row objects (the services' dataclasses). A
subclass declares its columns either as `columns` (a tuple of `Column`: header, text,
alignment) or as `HEADERS` + `cells(row)` (+ `CENTERED`), and may add the row colours,
tooltips and sort keys through the hooks. The models never touch the database: a page
loads rows through a service and hands them over with `set_rows`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, NamedTuple, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel, QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")

SORT_ROLE = Qt.ItemDataRole.UserRole
CENTER = Qt.AlignmentFlag.AlignCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
Colour = QBrush | QColor


class Column(NamedTuple):
    header: str
    value: Callable[[Any], str]
    align: Qt.AlignmentFlag | None = None


class RowTableModel(QAbstractTableModel, Generic[T]):
    """Read-only rows of frozen objects (with an `id` where `row_of` is used).

    Hooks: `cells(row)` (default: the columns' texts), `sort_key(row, column)`
    (default: the cell text), `background(row)`, `foreground(row, column)`,
    `tooltip(row, column)` (default: none). A cell's text is made on first use and kept.
    """

    columns: tuple[Column, ...] = ()
    HEADERS: tuple[str, ...] = ()
    CENTERED: frozenset[int] = frozenset()

    def __init__(self, parent: QObject | None = None, *, rows: Sequence[T] = ()) -> None:
        super().__init__(parent)
        self._rows: list[T] = list(rows)
        self._cells: list[tuple[str, ...] | None] = [None] * len(self._rows)

    # to override ----------------------------------------------------------------------------
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns) if self.columns else self.HEADERS

    def cells(self, row: T) -> tuple[str, ...]:
        return tuple(c.value(row) for c in self.columns)

    def alignment(self, column: int) -> Qt.AlignmentFlag:
        if self.columns and self.columns[column].align is not None:
            return self.columns[column].align
        return CENTER if column in self.CENTERED else LEFT

    def sort_key(self, row: T, column: int) -> Any:
        return self.cells(row)[column]

    def background(self, row: T) -> Colour | None:
        return None

    def foreground(self, row: T, column: int) -> Colour | None:
        return None

    def tooltip(self, row: T, column: int) -> str | None:
        return None

    # rows -----------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._replace_rows(rows)
        self.endResetModel()

    def _replace_rows(self, rows: Sequence[T]) -> None:
        """Swap the rows without telling the views (inside the caller's begin/end)."""
        self._rows = list(rows)
        self._cells = [None] * len(self._rows)

    def _extend_rows(self, rows: Sequence[T]) -> None:
        """Append rows without telling the views (inside the caller's beginInsertRows)."""
        self._rows.extend(rows)
        self._cells.extend([None] * len(rows))

    def rows(self) -> list[T]:
        """A copy of the rows, in the order shown."""
        return list(self._rows)

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def row_of(self, row_id: Any) -> int:
        """The row number of the row with `id` == row_id, or -1."""
        return self.find(lambda r: getattr(r, "id", None) == row_id)

    def find(self, predicate: Callable[[T], bool]) -> int:
        """The first row number whose row matches, or -1."""
        return next((i for i, r in enumerate(self._rows) if predicate(r)), -1)

    def cell(self, row: int, column: int) -> str:
        """The text shown in a cell (made once per row)."""
        shown = self._cells[row]
        if shown is None:
            shown = self._cells[row] = self.cells(self._rows[row])
        return shown[column]

    # Qt -------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self.headers())

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        headers = self.headers()
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(headers)):
            return headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        number, column = index.row(), index.column()
        if not 0 <= column < len(self.headers()):
            return None
        row = self._rows[number]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(number, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.background(row)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        if role == SORT_ROLE:
            return self.sort_key(row, column)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by `sort_key` (ties by id), keeping the selection on its rows."""
        if not 0 <= column < len(self.headers()):
            return
        rows = self._rows
        order_ = sorted(range(len(rows)),
                        key=lambda i: (self.sort_key(rows[i], column), getattr(rows[i], "id", i)),
                        reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutAboutToBeChanged.emit()
        new_row = [0] * len(rows)
        for new, old in enumerate(order_):
            new_row[old] = new
        self._rows = [rows[i] for i in order_]
        self._cells = [self._cells[i] for i in order_]
        old_indexes = self.persistentIndexList()
        self.changePersistentIndexList(
            old_indexes, [self.index(new_row[i.row()], i.column()) for i in old_indexes])
        self.layoutChanged.emit()


# --- the table view --------------------------------------------------------------------------

def make_table_view(model: QAbstractItemModel, parent: QWidget | None = None) -> QTableView:
    """A read-only, row-selecting table for one of the row models."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


def size_list_columns(view: QTableView, widths: Sequence[int], stretch: int, *,
                      coloured_rows: bool = True) -> QTableView:
    """A work list's look: fixed 26 px rows, the given column widths, column `stretch` takes
    the rest; `coloured_rows` turns alternating colours off (the row colours carry meaning)."""
    if coloured_rows:
        view.setAlternatingRowColors(False)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(26)
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    for column, width in enumerate(widths):
        header.resizeSection(column, width)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def fit_columns(view: QTableView, stretch: int, padding: int = 24) -> None:
    """Size the columns to their contents plus some air; column `stretch` takes the rest."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.resizeColumnsToContents()
    for column in range(header.count()):
        header.resizeSection(column, header.sectionSize(column) + padding)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def selected_row(view: QTableView) -> int:
    """The selected row number, or -1."""
    rows = view.selectionModel().selectedRows()
    return rows[0].row() if rows else -1


def select_row(view: QTableView, row: int) -> None:
    if row >= 0:
        view.selectRow(row)
        view.scrollTo(view.model().index(row, 0))
