"""The kit's labels and their styles: a page title, a yellow note, the red field-error text.

STYLE: red text under a field for bad input, a calm yellow note for explanations.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

ERROR_STYLE = "color: #c62828;"
NOTE_STYLE = "color: #8a6d00; background: #fff8e1; padding: 4px 8px; border-radius: 3px;"
TITLE_STYLE = "font-size: 13pt; font-weight: bold;"


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


def error_label(parent: QWidget | None = None) -> QLabel:
    """A hidden red label to put under a form field (FieldErrors fills it)."""
    label = QLabel(parent)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setVisible(False)
    label.setObjectName("field_error")
    return label
