"""The kit's list page: a work list with its toolbar, filters, count and legend.

Layout, top to bottom (STYLE: the same place for the same thing on every list):
a toolbar row (action buttons left, print buttons right), a filter row (the count
on the right), the table, a grey legend line. `refresh()` queries again and keeps
the selected row by its key (`row_key`, by default the row's `id`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.ui.widgets.tables import (
    RowTableModel, make_table_view, select_row, selected_row, size_list_columns,
)

COUNT_STYLE = "color: #424242;"
LEGEND_STYLE = "color: #616161;"
FilterItem = QWidget | tuple[str, QWidget] | int


class ListPage(QWidget):
    """A QWidget base for the work lists; a page builds its widgets, then calls `arrange`.

    Override `load()` (the rows for the current filters, or None when the query
    failed and was reported), and optionally `loaded(rows)` (the count text, the
    buttons) and `fallback_key(rows)` (what to select when the kept row is gone).
    """

    model: RowTableModel
    view: Any

    # building -----------------------------------------------------------------------------
    def make_list(self, model: RowTableModel, widths: Sequence[int], stretch: int) -> None:
        """`self.model` shown in `self.view`: a work list's look (the row colours carry meaning)."""
        self.model = model
        self.view = make_table_view(model, self)
        size_list_columns(self.view, widths, stretch)

    @staticmethod
    def make_count_label() -> QLabel:
        label = QLabel()
        label.setStyleSheet(COUNT_STYLE)
        return label

    @staticmethod
    def toolbar(buttons: Iterable[QPushButton],
                print_buttons: Iterable[QPushButton] = ()) -> QHBoxLayout:
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        for button in print_buttons:
            row.addWidget(button)
        return row

    @staticmethod
    def filter_row(items: Iterable[FilterItem], count: QLabel | None = None, *,
                   count_stretches: bool = False) -> QHBoxLayout:
        """Filters left to right: a widget, a (caption, widget) pair or a spacing in px; the
        count on the right (or, `count_stretches`, right after them taking the rest)."""
        row = QHBoxLayout()
        for item in items:
            if isinstance(item, int):
                row.addSpacing(item)
            elif isinstance(item, tuple):
                row.addWidget(QLabel(item[0]))
                row.addWidget(item[1])
            else:
                row.addWidget(item)
        if count is not None and count_stretches:
            row.addWidget(count, 1)
        else:
            row.addStretch(1)
            if count is not None:
                row.addWidget(count)
        return row

    @staticmethod
    def legend(text: str, *, wrap: bool = False) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet(LEGEND_STYLE)
        label.setWordWrap(wrap)
        return label

    def arrange(self, toolbar: QHBoxLayout, filters: QHBoxLayout, legend: QLabel) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(legend)

    # rows ---------------------------------------------------------------------------------
    def row_key(self, row: Any) -> Any:
        return row.id

    def selected(self) -> Any | None:
        row = selected_row(self.view)
        return self.model.row_at(row) if row >= 0 else None

    def select_key(self, key: Any) -> bool:
        row = self.model.find(lambda r: self.row_key(r) == key)
        select_row(self.view, row)
        return row >= 0

    def load(self) -> Sequence[Any] | None:  # pragma: no cover - every page overrides it
        raise NotImplementedError

    def loaded(self, rows: Sequence[Any]) -> None:
        """After new rows are shown (and selected again): counts, buttons."""

    def fallback_key(self, rows: Sequence[Any]) -> Any | None:
        return None

    def refresh(self, select: Any | None = None) -> None:
        """Query again with the current filters; keep the selection (or move it to `select`)."""
        current = self.selected()
        keep = select if select is not None else (
            self.row_key(current) if current is not None else None)
        rows = self.load()
        if rows is None:
            return
        self.model.set_rows(rows)
        if keep is None or self.model.find(lambda r: self.row_key(r) == keep) < 0:
            keep = self.fallback_key(rows)
        if keep is not None:
            self.select_key(keep)
        self.loaded(rows)
