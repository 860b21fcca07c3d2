"""The table models behind the checklist template editor (`template_dialog`).

`AreaItemsModel` holds the template being edited (every area's item texts, one
area shown at a time); `VersionTableModel` and `ChecklistTableModel` list the
stored versions and one version's items, read-only; `ItemTextDelegate` limits
an item's text to the longest allowed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop_app.records.inspection_rows import TemplateItemRow, TemplateVersionRow
from desktop_app.domain.inspections import INSPECTION_AREAS, ITEM_TEXT_MAX, ChecklistEntry
from desktop_app.ui.inspections.inspection_parts import fmt_dt
from desktop_app.ui.widgets.tables import RowTableModel

Index = QModelIndex | QPersistentModelIndex
CENTER = Qt.AlignmentFlag.AlignCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class AreaItemsModel(QAbstractTableModel):
    """The template being edited: every area's item texts; the rows are those of `area`.

    One column, the item's text (editable); the vertical header gives each row's
    number in the whole checklist (it changes when rows come and go).
    """

    HEADERS = ("检查内容",)

    def __init__(self, parent: QWidget | None = None, editable: bool = True) -> None:
        super().__init__(parent)
        self.editable = editable
        self._items: dict[str, list[str]] = {area: [] for area in INSPECTION_AREAS}
        self._area = INSPECTION_AREAS[0]

    # whole template -------------------------------------------------------------------------
    def load(self, entries: Iterable[tuple[str, str]]) -> None:
        self.beginResetModel()
        self._items = {area: [] for area in INSPECTION_AREAS}
        for area, text in entries:
            self._items.setdefault(area, []).append(text)
        self.endResetModel()

    def entries(self) -> list[ChecklistEntry]:
        """Every item in area order (the order a new version is saved in)."""
        return [ChecklistEntry(area, text) for area, texts in self._items.items()
                for text in texts]

    def count(self, area: str) -> int:
        return len(self._items.get(area, []))

    @property
    def area(self) -> str:
        return self._area

    def set_area(self, area: str) -> None:
        self.beginResetModel()
        self._area = area
        self._items.setdefault(area, [])
        self.endResetModel()

    def texts(self) -> list[str]:
        """The texts of the current area."""
        return list(self._items[self._area])

    def number(self, row: int) -> int:
        """The 1-based position of `row` of the current area in the whole checklist."""
        before = 0
        for area, texts in self._items.items():
            if area == self._area:
                return before + row + 1
            before += len(texts)
        return row + 1

    def locate(self, number: int) -> tuple[str, int] | None:
        """(area, row) of the `number`-th item of the whole checklist."""
        for area, texts in self._items.items():
            if number <= len(texts):
                return area, number - 1
            number -= len(texts)
        return None

    # editing the current area ---------------------------------------------------------------
    def insert_item(self, text: str = "", row: int | None = None) -> int:
        texts = self._items[self._area]
        row = len(texts) if row is None else max(0, min(row, len(texts)))
        self.beginInsertRows(QModelIndex(), row, row)
        texts.insert(row, text)
        self.endInsertRows()
        self._numbers_changed(row)
        return row

    def remove_item(self, row: int) -> None:
        texts = self._items[self._area]
        if not 0 <= row < len(texts):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del texts[row]
        self.endRemoveRows()
        self._numbers_changed(row)

    def move_item(self, row: int, delta: int) -> int:
        """Move a row up (-1) or down (+1) within its area; its new row."""
        texts = self._items[self._area]
        target = row + delta
        if not (0 <= row < len(texts) and 0 <= target < len(texts)) or delta == 0:
            return row
        destination = target + 1 if delta > 0 else target
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
        texts.insert(target, texts.pop(row))
        self.endMoveRows()
        self._numbers_changed(min(row, target))
        return target

    def _numbers_changed(self, first: int) -> None:
        last = len(self._items[self._area]) - 1
        if first <= last:
            self.headerDataChanged.emit(Qt.Orientation.Vertical, first, last)

    # Qt -------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items[self._area])

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
                return self.HEADERS[section]
            if (orientation == Qt.Orientation.Vertical
                    and 0 <= section < len(self._items[self._area])):
                return str(self.number(section))
        if role == Qt.ItemDataRole.TextAlignmentRole and orientation == Qt.Orientation.Vertical:
            return CENTER
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        texts = self._items[self._area]
        if not index.isValid() or not 0 <= index.row() < len(texts):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return texts[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return texts[index.row()] or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return LEFT
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        texts = self._items[self._area]
        if (not self.editable or role != Qt.ItemDataRole.EditRole or not index.isValid()
                or index.column() != 0 or not 0 <= index.row() < len(texts)):
            return False
        texts[index.row()] = str(value if value is not None else "")
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole,
                                             Qt.ItemDataRole.EditRole])
        return True


class VersionTableModel(RowTableModel[TemplateVersionRow]):
    """The stored template versions, newest first."""

    HEADERS = ("版本", "保存时间", "保存人", "项目数", "修改说明", "状态")
    CENTERED = frozenset({0, 1, 2, 3, 5})

    def cells(self, v: TemplateVersionRow) -> tuple[str, ...]:
        return (f"第 {v.version} 版", fmt_dt(v.created_at), v.created_by, str(len(v.items)),
                v.note, "使用中" if v.active else "")

    def tooltip(self, v: TemplateVersionRow, column: int) -> str | None:
        return (v.note or None) if column == 4 else None

    def version_at(self, row: int) -> TemplateVersionRow:
        return self.row_at(row)


class ChecklistTableModel(RowTableModel[TemplateItemRow]):
    """The items of one stored version, read-only: number, area, text."""

    HEADERS = ("序号", "类别", "检查内容")
    CENTERED = frozenset({0, 1})

    def cells(self, item: TemplateItemRow) -> tuple[str, ...]:
        return (str(item.order), item.area, item.text)

    def tooltip(self, item: TemplateItemRow, column: int) -> str | None:
        return item.text if column == 2 else None


class ItemTextDelegate(QStyledItemDelegate):
    """A line editor limited to the longest item text."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setMaxLength(ITEM_TEXT_MAX)
        return editor
