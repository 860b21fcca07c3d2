"""Pieces of the registration form: the grouped channel combo, its sections, the deadline wording."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGridLayout, QGroupBox, QLabel, QWidget

from desktop_app.db.database import Database
from desktop_app.db.services.matters import preview_deadline
from desktop_app.db.services.settings import get_settings
from desktop_app.domain.matters import CHANNEL_LABELS, is_external
from desktop_app.ui.widgets.forms import FieldErrors

INTERNAL_HEADER = "—— 内部渠道 ——"
EXTERNAL_HEADER = "—— 外部渠道 ——"
PROVISIONAL_NOTE = "（待核定：该年节假日尚未录入）"


def fill_channel_combo(combo: QComboBox) -> None:
    """Channels grouped under two unselectable headers: internal first, then external."""
    model = combo.model()
    for header, external in ((INTERNAL_HEADER, False), (EXTERNAL_HEADER, True)):
        combo.addItem(header, None)
        item = model.item(combo.count() - 1)  # type: ignore[attr-defined]
        item.setEnabled(False)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        for code, label in CHANNEL_LABELS.items():
            if is_external(code) == external:
                combo.addItem(label, str(code))


def section(errors: FieldErrors, title: str, rows: list[tuple[str, QWidget, tuple[str, ...]]],
            wide: bool = False) -> QGroupBox:
    """A group box with label/field pairs: two pairs per line, or one per line if `wide`.

    Each field gets its red error label (for the service field names given).
    """
    box = QGroupBox(title)
    grid = QGridLayout(box)
    grid.setHorizontalSpacing(10)
    per_line = 1 if wide else 2
    for i, (label, widget, fields) in enumerate(rows):
        line, pair = divmod(i, per_line)
        caption = QLabel(label)
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        caption.setContentsMargins(0, 4, 0, 0)
        grid.addWidget(caption, line, pair * 2)
        grid.addWidget(errors.wrap(widget, *fields), line, pair * 2 + 1)
    for column in range(1, per_line * 2, 2):
        grid.setColumnStretch(column, 1)
    return box


def limit_texts(db: Database) -> dict[str, str]:
    """Each request type's limit in words (10个工作日, 2个自然日), from the settings."""
    try:
        with db.session() as session:
            s = get_settings(session=session)
    except Exception:  # noqa: BLE001 - only the label's wording depends on it
        return {}
    return {
        "consultation": f"{s.limit_consultation_days}个自然日",
        "help": f"{s.limit_help_days}个自然日",
        "suggestion": f"{s.limit_suggestion_workdays}个工作日",
        "criticism": f"{s.limit_criticism_workdays}个工作日",
        "complaint": f"{s.limit_complaint_workdays}个工作日",
        "report": f"{s.limit_report_workdays}个工作日",
    }


def deadline_wording(db: Database, request_type: str, received: date, upstream: date | None,
                     limits: Mapping[str, str]) -> str:
    """办理期限：2026-12-04（10个工作日）, with why and 待核定 when it applies."""
    try:
        with db.session() as session:
            due, provisional = preview_deadline(
                session=session, request_type=request_type, received_on=received,
                upstream_deadline=upstream)
            local = due if upstream is None else preview_deadline(
                session=session, request_type=request_type, received_on=received)[0]
    except Exception:  # noqa: BLE001 - a preview only; saving reports real problems
        return "办理期限：—"
    if upstream is not None and due == upstream and upstream < local:
        why = "上级回复期限早于本院期限"
    else:
        why = limits.get(request_type, "")
    text = f"办理期限：{due:%Y-%m-%d}"
    if why:
        text += f"（{why}）"
    if provisional:
        text += PROVISIONAL_NOTE
    return text
