"""Small helpers shared by the settings panels and dialogs.

- `FieldErrors`: a red label under each form field; a ValidationError is shown
  under the field it names (DESIGN §3: bad input gets a message next to the field).
- `call_service`: run one user action in its own short session; any other
  error goes to the one error dialog (`ui.errors.show_error`).
- `Panel`: the base of every page of the settings tab.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TypeVar

from PySide6.QtCore import QAbstractItemModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget,
)
from sqlmodel import Session

from desktop_app.db.database import Database
from desktop_app.db.engine import as_storage_error
from desktop_app.db.tx import Actor
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.roles import Permission, allows
from desktop_app.ui.widgets.errors import show_error

T = TypeVar("T")

ERROR_STYLE = "color: #c62828;"
NOTE_STYLE = "color: #8a6d00; background: #fff8e1; padding: 4px 8px; border-radius: 3px;"
TITLE_STYLE = "font-size: 13pt; font-weight: bold;"


class FieldErrors:
    """Red error labels under form fields, keyed by the service's field names."""

    def __init__(self) -> None:
        self._labels: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}

    def wrap(self, widget: QWidget, *fields: str) -> QWidget:
        """`widget` with a hidden red label under it; errors of any of `fields` go there."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        label = QLabel()
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.setVisible(False)
        label.setObjectName("field_error")
        layout.addWidget(label)
        for field in fields:
            self._labels[field] = label
            self._widgets[field] = widget
        return box

    def show(self, exc: ValidationError) -> bool:
        """Show `exc` under its field; False if no field of this form has that name."""
        self.clear()
        label = self._labels.get(exc.field)
        if label is None:
            return False
        label.setText(exc.message)
        label.setVisible(True)
        self._widgets[exc.field].setFocus()
        return True

    def clear(self) -> None:
        for label in self._labels.values():
            label.clear()
            label.setVisible(False)

    def text(self, field: str) -> str:
        """The error shown under `field` ("" if none): for tests and for the form itself."""
        label = self._labels[field]
        return label.text() if not label.isHidden() else ""


def call_service(
    parent: QWidget, db: Database, action: Callable[[Session], T],
    errors: FieldErrors | None = None,
) -> tuple[bool, T | None]:
    """Run `action(session)` in one short session: (True, result), or (False, None) after
    showing the error under its field (if `errors` knows it) or in the error dialog."""
    if errors is not None:
        errors.clear()
    try:
        with db.session() as session:
            return True, action(session)
    except ValidationError as exc:
        if errors is None or not errors.show(exc):
            show_error(parent.window(), exc)
    except Exception as exc:  # noqa: BLE001 - ui.errors sorts them by who is to blame
        storage = as_storage_error(exc, str(db.path))
        show_error(parent.window(), storage if storage is not None else exc)
    return False, None


def title_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(TITLE_STYLE)
    return label


def note_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(NOTE_STYLE)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return label


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


def set_filter_items(combo: QComboBox, items: Sequence[tuple[str, object]],
                     all_label: str = "全部") -> None:
    """Refill a filter combo (first item "全部" = any) keeping its choice; no signal when
    nothing changed, so a refresh does not re-query."""
    if [(combo.itemText(i), combo.itemData(i)) for i in range(1, combo.count())] == list(items):
        return
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(all_label, None)
    for label, data in items:
        combo.addItem(label, data)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(False)


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


class Panel(QWidget):
    """One page of the settings tab: loads its data in `refresh()`, emits `changed` after a save."""

    changed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 now: Callable[[], datetime]) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self._now = now  # the tab's clock: every save and "locked until" is judged by it

    def today(self) -> date:
        return self._now().date()

    def can(self, permission: Permission) -> bool:
        return allows(self.actor.role, permission)

    def refresh(self) -> None:  # pragma: no cover - every panel overrides it
        pass
