"""操作日志: the audit log, read-only, newest first, fetched 200 rows at a time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QHeaderView, QLabel, QPlainTextEdit, QPushButton, QSplitter,
    QVBoxLayout, QWidget,
)

from desktop_app.db.database import Database
from desktop_app.db.services.audit import AuditRow, count_audit, list_audit
from desktop_app.db.tx import Actor
from desktop_app.ui.settings.panel import Panel
from desktop_app.ui.widgets.service import call_service
from desktop_app.ui.widgets.tables import make_table_view, selected_row
from desktop_app.ui.widgets.labels import title_label
from desktop_app.ui.settings.audit_model import TABLE_LABELS, AuditTableModel, audit_detail


class AuditPanel(Panel):
    """Who changed what and when; the detail box shows the full before/after."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 now: Callable[[], datetime]) -> None:
        super().__init__(db, actor, parent, now=now)
        self.model = AuditTableModel(self)
        self.view = make_table_view(self.model, self)
        self.view.horizontalHeader().setStretchLastSection(False)
        self.table_filter = QComboBox()
        self.table_filter.addItem(self.tr("全部"), None)
        for code, label in TABLE_LABELS.items():
            self.table_filter.addItem(self.tr(label), code)
        self.table_filter.setMinimumWidth(140)
        self.table_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.count_label = QLabel()
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.clicked.connect(self.refresh)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText(self.tr("选中一行查看修改前后的完整内容"))
        self.view.selectionModel().selectionChanged.connect(self._show_detail)

        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("操作日志")))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("表：")))
        bar.addWidget(self.table_filter)
        bar.addSpacing(12)
        bar.addWidget(self.count_label, 1)
        bar.addWidget(self.refresh_button)
        layout.addLayout(bar)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)
        self.refresh()

    def _load_page(self, table: str | None):
        def load(offset: int, limit: int) -> list[AuditRow]:
            ok, rows = call_service(self, self.db, lambda s: list_audit(
                session=s, actor=self.actor, offset=offset, limit=limit, table=table))
            return rows if ok else []
        return load

    def refresh(self) -> None:
        table = self.table_filter.currentData()
        ok, total = call_service(self, self.db,
                                 lambda s: count_audit(session=s, actor=self.actor, table=table))
        if not ok:
            return
        self.model.reset(self._load_page(table), total)
        self.count_label.setText(self.tr("共 {0} 条").format(total))
        self._size_columns()
        self.detail.clear()

    def _size_columns(self) -> None:
        header = self.view.horizontalHeader()
        for column, width in enumerate((150, 80, 70, 90, 80)):
            header.resizeSection(column, width)
        for column in (5, 6):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def _show_detail(self, *_args: object) -> None:
        current = selected_row(self.view)
        if current < 0:
            self.detail.clear()
        else:
            self.detail.setPlainText(audit_detail(self.model.row_at(current)))
