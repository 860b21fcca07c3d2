"""提醒: the matters overdue (red) and those due within one working day (amber) — issue 3 §5.

Shown by the main window on login when it has items; the tab's 提醒 button
reopens it. Double-clicking a matter asks (signal) for its detail.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from desktop_app.db.database import Database
from desktop_app.db.services.matters import reminders
from desktop_app.ui.complaints.table_model import ROW_ROLE, MatterTableModel
from desktop_app.ui.widgets.service import call_service
from desktop_app.ui.widgets.tables import make_table_view

COLUMN_WIDTHS = (90, 130, 50, 180, 80, 110, 190, 120)
OVERDUE_TITLE_STYLE = "font-weight: bold; color: #c62828;"
DUE_SOON_TITLE_STYLE = "font-weight: bold; color: #8a6d00;"


def _table(model: MatterTableModel, parent: QWidget) -> QTableView:
    view = make_table_view(model, parent)
    view.setAlternatingRowColors(False)  # the row colours carry the meaning
    header = view.horizontalHeader()
    for column, width in enumerate(COLUMN_WIDTHS):
        header.resizeSection(column, width)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


class RemindersDialog(QDialog):
    """Overdue and due-soon matters as of `today`; `open_requested(matter_id)` on double-click."""

    open_requested = Signal(int)

    def __init__(self, db: Database, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.today = db, today
        self.setWindowTitle(self.tr("办理期限提醒"))
        self.overdue_model = MatterTableModel(parent=self)
        self.due_soon_model = MatterTableModel(parent=self)
        self.overdue_view = _table(self.overdue_model, self)
        self.due_soon_view = _table(self.due_soon_model, self)
        self.overdue_title = QLabel()
        self.overdue_title.setStyleSheet(OVERDUE_TITLE_STYLE)
        self.due_soon_title = QLabel()
        self.due_soon_title.setStyleSheet(DUE_SOON_TITLE_STYLE)
        self.empty_label = QLabel(self.tr("没有超期或临期的诉求。"))
        for view in (self.overdue_view, self.due_soon_view):
            view.doubleClicked.connect(self._double_clicked)
        hint = QLabel(self.tr("双击一行查看详情。临期：办理期限在下一个工作日之内。"))
        hint.setStyleSheet("color: #616161;")
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(hint, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.overdue_title)
        layout.addWidget(self.overdue_view, 1)
        layout.addWidget(self.due_soon_title)
        layout.addWidget(self.due_soon_view, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(bottom)
        self.resize(1100, 560)
        self.refresh()

    def refresh(self, today: date | None = None) -> None:
        if today is not None:
            self.today = today
        ok, result = call_service(self, self.db, lambda s: reminders(session=s, today=self.today))
        overdue, due_soon = result if ok and result is not None else ([], [])
        self.overdue_model.set_rows(overdue)
        self.due_soon_model.set_rows(due_soon)
        self.overdue_title.setText(self.tr("已超期（{0} 件）").format(len(overdue)))
        self.due_soon_title.setText(self.tr("临期：一个工作日内到期（{0} 件）").format(len(due_soon)))
        for widget, rows in ((self.overdue_title, overdue), (self.overdue_view, overdue),
                             (self.due_soon_title, due_soon), (self.due_soon_view, due_soon)):
            widget.setVisible(bool(rows))
        self.empty_label.setVisible(not (overdue or due_soon))

    def has_items(self) -> bool:
        return bool(self.overdue_model.rowCount() or self.due_soon_model.rowCount())

    def _double_clicked(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is not None:
            self.open_requested.emit(row.id)

