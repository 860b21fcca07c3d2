"""The checklist template editor of the Friday inspection (DESIGN §1.5).

The items of the six areas (卫生, 安全, 设备, 设施, 工作秩序, 疫情防控) can be
added, removed, reordered within their area and reworded; 保存为新版本 stores
them as a NEW version (`save_template`) with an optional note. Old records keep
the items they were recorded with; earlier versions are listed read-only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QMessageBox, QPushButton, QSplitter, QStyledItemDelegate,
    QStyleOptionViewItem, QTabWidget, QVBoxLayout, QWidget,
)

from desktop_app.db.database import Database
from desktop_app.db.services.inspection_rows import TemplateItemRow, TemplateVersionRow
from desktop_app.db.services.inspections import save_template
from desktop_app.db.services.inspections_query import get_template, list_template_versions
from desktop_app.db.tx import Actor
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.inspections import (
    INSPECTION_AREAS, ITEM_TEXT_MAX, ChecklistEntry, default_checklist,
)
from desktop_app.domain.roles import Permission, allows
from desktop_app.ui.errors import make_error_label, show_error
from desktop_app.ui.inspections.inspection_parts import fmt_dt
from desktop_app.ui.settings.fields import (
    FieldErrors, call_service, make_table_view, note_label, select_row, selected_row,
)

Index = QModelIndex | QPersistentModelIndex
CENTER = Qt.AlignmentFlag.AlignCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
READ_ONLY_NOTE = "只有值班院长和办公室主任可以修改检查表，这里仅供查看。"


def _confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask yes/no; tests replace this function."""
    return QMessageBox.question(parent, title, text) == QMessageBox.StandardButton.Yes


# --- models -------------------------------------------------------------------------------------

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


class VersionTableModel(QAbstractTableModel):
    """The stored template versions, newest first."""

    HEADERS = ("版本", "保存时间", "保存人", "项目数", "修改说明", "状态")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TemplateVersionRow] = []

    def set_rows(self, rows: Sequence[TemplateVersionRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def version_at(self, row: int) -> TemplateVersionRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.HEADERS)):
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        v = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (f"第 {v.version} 版", fmt_dt(v.created_at), v.created_by, str(len(v.items)),
                    v.note, "使用中" if v.active else "")[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return LEFT if index.column() == 4 else CENTER
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 4:
            return v.note or None
        return None


class ChecklistTableModel(QAbstractTableModel):
    """The items of one stored version, read-only: number, area, text."""

    HEADERS = ("序号", "类别", "检查内容")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TemplateItemRow] = []

    def set_rows(self, rows: Iterable[TemplateItemRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.HEADERS)):
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (str(item.order), item.area, item.text)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return LEFT if index.column() == 2 else CENTER
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:
            return item.text
        return None


class ItemTextDelegate(QStyledItemDelegate):
    """A line editor limited to the longest item text."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setMaxLength(ITEM_TEXT_MAX)
        return editor


# --- the dialog ---------------------------------------------------------------------------------

class TemplateDialog(QDialog):
    """检查表模板: edit the items by area and save a new version; earlier versions read-only."""

    def __init__(self, parent: QWidget | None, db: Database, actor: Actor,
                 now: Callable[[], datetime]) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self._now = now
        self.editable = allows(actor.role, Permission.record_inspection)
        self.current: TemplateVersionRow | None = None
        self.saved: TemplateVersionRow | None = None
        self._loaded: list[ChecklistEntry] = []
        self.errors = FieldErrors()
        self.setWindowTitle(self.tr("周五检查表模板"))

        # editing page
        self.version_label = QLabel()
        self.version_label.setStyleSheet("font-weight: bold;")
        self.version_note = note_label("")
        self.area_list = QListWidget()
        self.area_list.setFixedWidth(150)
        self.area_list.setStyleSheet("QListWidget::item { padding: 4px 2px; }")
        self.model = AreaItemsModel(self, editable=self.editable)
        self.items_view = make_table_view(self.model)
        self.items_view.setItemDelegateForColumn(0, ItemTextDelegate(self.items_view))
        self.items_view.verticalHeader().setVisible(True)  # the item numbers
        self.items_view.verticalHeader().setMinimumWidth(40)
        if self.editable:
            self.items_view.setEditTriggers(
                QAbstractItemView.EditTrigger.DoubleClicked
                | QAbstractItemView.EditTrigger.EditKeyPressed
                | QAbstractItemView.EditTrigger.SelectedClicked)
        self.items_view.horizontalHeader().setStretchLastSection(True)
        self.items_error = make_error_label()
        self.add_button = QPushButton(self.tr("添加检查项"))
        self.remove_button = QPushButton(self.tr("删除"))
        self.up_button = QPushButton(self.tr("上移"))
        self.down_button = QPushButton(self.tr("下移"))
        self.default_button = QPushButton(self.tr("载入默认检查表"))
        self.default_button.setToolTip(self.tr("用程序自带的默认检查表替换当前编辑内容（保存后才生效）"))
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(200)
        self.note_edit.setPlaceholderText(self.tr("选填，如：按县卫健局要求增加配电室检查"))
        self.status_label = QLabel()
        self.status_label.setStyleSheet("color: #2e7d32;")
        self.save_button = QPushButton(self.tr("保存为新版本"))
        self.close_button = QPushButton(self.tr("关闭"))

        side = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            side.addWidget(button)
        side.addStretch(1)
        side.addWidget(self.default_button)
        items_column = QVBoxLayout()
        items_column.addWidget(self.items_view, 1)
        items_column.addWidget(self.items_error)
        editor = QHBoxLayout()
        editor.addWidget(self.area_list)
        editor.addLayout(items_column, 1)
        editor.addLayout(side)
        note_row = QHBoxLayout()
        note_row.addWidget(QLabel(self.tr("修改说明")))
        note_row.addWidget(self.errors.wrap(self.note_edit, "note"), 1)
        edit_page = QWidget()
        page = QVBoxLayout(edit_page)
        page.addWidget(self.version_label)
        page.addWidget(self.version_note)
        page.addLayout(editor, 1)
        page.addLayout(note_row)

        # history page
        self.versions_model = VersionTableModel(self)
        self.versions_view = make_table_view(self.versions_model)
        self.version_items_model = ChecklistTableModel(self)
        self.version_items_view = make_table_view(self.version_items_model)
        for view, widths, stretch in ((self.versions_view, (80, 140, 90, 70, 300, 80), 4),
                                      (self.version_items_view, (56, 90, 400), 2)):
            header = view.horizontalHeader()
            header.setStretchLastSection(False)
            for column, width in enumerate(widths):
                header.resizeSection(column, width)
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.versions_view)
        splitter.addWidget(self.version_items_view)
        splitter.setSizes([160, 360])
        history_page = QWidget()
        history = QVBoxLayout(history_page)
        history.addWidget(QLabel(self.tr(
            "已保存的各版本（只读）。每次检查记录保存的是当时所用版本的检查项。")))
        history.addWidget(splitter, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(edit_page, self.tr("编辑检查表"))
        self.tabs.addTab(history_page, self.tr("历史版本"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

        for widget in (self.add_button, self.remove_button, self.up_button, self.down_button,
                       self.default_button, self.save_button, self.note_edit):
            widget.setVisible(self.editable)
        self.area_list.currentRowChanged.connect(self._area_changed)
        self.add_button.clicked.connect(lambda: self.add_item(edit=True))
        self.remove_button.clicked.connect(lambda: self.remove_selected())
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.default_button.clicked.connect(self.load_default)
        self.save_button.clicked.connect(lambda: self.save())
        self.close_button.clicked.connect(self.reject)
        self.items_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.model.rowsInserted.connect(lambda *_: self._update_counts())
        self.model.rowsRemoved.connect(lambda *_: self._update_counts())
        self.model.dataChanged.connect(lambda *_: self._update_buttons())
        self.versions_view.selectionModel().selectionChanged.connect(
            lambda *_: self._version_selected())
        self._fit_size()
        self.reload()

    def _fit_size(self) -> None:
        width, height = 1000, 660
        screen = self.screen()
        if screen is not None:
            available = screen.availableGeometry()
            width, height = min(width, available.width() - 20), min(height, available.height() - 40)
        self.resize(width, height)

    # loading ----------------------------------------------------------------------------------
    def reload(self) -> bool:
        ok, loaded = call_service(self, self.db, lambda s: (
            get_template(session=s), list_template_versions(session=s)))
        if not ok or loaded is None:
            return False
        current, versions = loaded
        self.current = current
        self._loaded = [ChecklistEntry(i.area, i.text) for i in current.items]
        self.model.load((e.area, e.text) for e in self._loaded)
        if current.id is None:
            self.version_label.setText(self.tr(
                "当前使用：程序自带的默认检查表（共 {0} 项；第一次记录检查时保存为第 1 版）").format(
                len(current.items)))
        else:
            self.version_label.setText(self.tr("当前使用：第 {0} 版（{1} {2} 保存，共 {3} 项）").format(
                current.version, fmt_dt(current.created_at), current.created_by,
                len(current.items)))
        next_version = versions[0].version + 1 if versions else 1
        self.version_note.setText(self.tr(
            "保存后生成第 {0} 版，此后新开始的检查使用新版本；已有的检查记录保留原来的检查项，不受影响。"
            "双击检查内容可修改文字。").format(next_version) if self.editable
            else self.tr(READ_ONLY_NOTE))
        self.versions_model.set_rows(versions)
        self._fill_areas()
        if versions:
            select_row(self.versions_view, 0)
        self._version_selected()
        return True

    def _fill_areas(self) -> None:
        keep = max(0, self.area_list.currentRow())
        self.area_list.blockSignals(True)
        self.area_list.clear()
        for area in INSPECTION_AREAS:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, area)
            self.area_list.addItem(item)
        self.area_list.blockSignals(False)
        self._update_counts()
        self.area_list.setCurrentRow(keep)
        self._area_changed(keep)

    def _update_counts(self) -> None:
        for i in range(self.area_list.count()):
            item = self.area_list.item(i)
            area = item.data(Qt.ItemDataRole.UserRole)
            item.setText(f"{area}（{self.model.count(area)} 项）")
        self._update_buttons()

    def _area_changed(self, row: int) -> None:
        if 0 <= row < len(INSPECTION_AREAS):
            self.model.set_area(INSPECTION_AREAS[row])
            self._update_buttons()

    def _version_selected(self) -> None:
        row = selected_row(self.versions_view)
        self.version_items_model.set_rows(
            self.versions_model.version_at(row).items if row >= 0 else ())

    def _update_buttons(self) -> None:
        row = selected_row(self.items_view)
        count = self.model.rowCount()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
        self.save_button.setEnabled(self.is_modified())

    def is_modified(self) -> bool:
        return self.model.entries() != self._loaded

    # editing ----------------------------------------------------------------------------------
    def select_area(self, area: str) -> None:
        self.area_list.setCurrentRow(INSPECTION_AREAS.index(area))

    def add_item(self, text: str = "", edit: bool = False) -> int:
        """Add an item at the end of the current area (and start editing it); its row."""
        row = self.model.insert_item(text)
        select_row(self.items_view, row)
        if edit:
            self.items_view.edit(self.model.index(row, 0))
        return row

    def set_item_text(self, row: int, text: str) -> bool:
        return self.model.setData(self.model.index(row, 0), text)

    def remove_selected(self) -> None:
        row = selected_row(self.items_view)
        if row >= 0:
            self.model.remove_item(row)
            select_row(self.items_view, min(row, self.model.rowCount() - 1))
            self._update_buttons()

    def move_selected(self, delta: int) -> None:
        row = selected_row(self.items_view)
        if row >= 0:
            select_row(self.items_view, self.model.move_item(row, delta))
            self._update_buttons()

    def load_default(self) -> None:
        self.model.load((e.area, e.text) for e in default_checklist())
        self._fill_areas()
        self.status_label.setText(self.tr("已载入默认检查表（尚未保存）"))

    # saving -----------------------------------------------------------------------------------
    def save(self) -> TemplateVersionRow | None:
        """保存为新版本; a refusal is shown at the item (or the note) it names."""
        if not self.editable:
            return None
        self.errors.clear()
        self.items_error.setVisible(False)
        entries, note = self.model.entries(), self.note_edit.text()
        try:
            with self.db.session() as session:
                row = save_template(session=session, actor=self.actor, items=entries, note=note,
                                    now=self._now())
        except ValidationError as exc:
            self.show_validation(exc)
            return None
        except Exception as exc:  # noqa: BLE001 - shown by the one error dialog
            show_error(self, exc)
            return None
        self.saved = row
        self.note_edit.clear()
        self.reload()
        self.status_label.setText(self.tr("已保存为第 {0} 版").format(row.version))
        return row

    def show_validation(self, exc: ValidationError) -> None:
        kind, _, number = exc.field.partition(":")
        if kind == "item" and number.isdigit():
            place = self.model.locate(int(number))
            if place is not None:
                self.select_area(place[0])
                select_row(self.items_view, place[1])
            self.items_error.setText(exc.message)
            self.items_error.setVisible(True)
        elif exc.field == "items":
            self.items_error.setText(exc.message)
            self.items_error.setVisible(True)
        elif not self.errors.show(exc):
            show_error(self, exc)

    @property
    def items_error_text(self) -> str:
        return self.items_error.text() if not self.items_error.isHidden() else ""

    def reject(self) -> None:
        if self.editable and self.is_modified() and not _confirm(
                self, self.tr("未保存的修改"), self.tr("检查表的修改还没有保存，确定放弃吗？")):
            return
        super().reject()

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database, actor: Actor,
            now: Callable[[], datetime]) -> TemplateVersionRow | None:
        """Run the editor; the version saved last (None if nothing was saved)."""
        dialog = cls(parent, db, actor, now)
        try:
            dialog.exec()
            return dialog.saved
        finally:
            dialog.deleteLater()
