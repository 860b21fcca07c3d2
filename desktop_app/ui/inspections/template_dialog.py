"""The checklist template editor of the Friday inspection (DESIGN §1.5).

The items of the six areas (卫生, 安全, 设备, 设施, 工作秩序, 疫情防控) can be
added, removed, reordered within their area and reworded; 保存为新版本 stores
them as a NEW version (`save_template`) with an optional note. Old records keep
the items they were recorded with; earlier versions are listed read-only.
The table models behind it are in `template_models` (re-exported here).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QMessageBox, QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget,
)

from desktop_app.db.database import Database
from desktop_app.records.inspection_rows import TemplateVersionRow
from desktop_app.db.services.inspections import save_template
from desktop_app.db.services.inspections_query import get_template, list_template_versions
from desktop_app.db.tx import Actor
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.inspections import INSPECTION_AREAS, ChecklistEntry, default_checklist
from desktop_app.domain.roles import Permission, allows
from desktop_app.ui.widgets.errors import problems_of, show_error
from desktop_app.ui.inspections.inspection_parts import fmt_dt
from desktop_app.ui.inspections.template_models import (
    CENTER, LEFT, AreaItemsModel, ChecklistTableModel, Index, ItemTextDelegate, VersionTableModel,
)
from desktop_app.ui.widgets.forms import FieldErrors, leftover_error
from desktop_app.ui.widgets.service import call_service
from desktop_app.ui.widgets.tables import make_table_view, select_row, selected_row
from desktop_app.ui.widgets.labels import note_label

__all__ = [  # the models are re-exported from `template_models`
    "CENTER", "LEFT", "READ_ONLY_NOTE", "AreaItemsModel", "ChecklistTableModel", "Index",
    "ItemTextDelegate", "TemplateDialog", "VersionTableModel",
]

READ_ONLY_NOTE = "只有值班院长和办公室主任可以修改检查表，这里仅供查看。"


def _confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask yes/no; tests replace this function."""
    return QMessageBox.question(parent, title, text) == QMessageBox.StandardButton.Yes


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
        self.items_error = self.errors.label("items")
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
        """Every problem at once: an item's (`item:<n>`) under the items table, with the
        first such item selected; the note's under the note; the rest in the error dialog."""
        problems, located = [], False
        for field, message in problems_of(exc):
            kind, _, number = field.partition(":")
            if kind == "item" and number.isdigit():
                place = self.model.locate(int(number))
                if place is not None and not located:
                    located = True
                    self.select_area(place[0])
                    select_row(self.items_view, place[1])
                field = "items"
            problems.append((field, message))
        left = self.errors.place(problems)
        if left:
            show_error(self, exc if len(left) == len(problems) else leftover_error(left))

    @property
    def items_error_text(self) -> str:
        return self.errors.text("items")

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
