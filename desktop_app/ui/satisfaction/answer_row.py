"""One questionnaire item as a row of keyed choices: 1 满意 · 2 基本满意 · 3 不满意 · 0 未答.

The row, not its buttons, takes the keyboard focus, so the front desk types a
paper form as a string of digits: a choice key sets the answer and the row
asks to move on (`answered`); Backspace or Esc asks to go back a row, ↑/↓
move without changing anything. Enter and every other key are left to the
form (Enter saves). The row with the focus is drawn blue with a ▶ so the
clerk always sees which item the next key goes to.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop_app.domain.satisfaction import ANSWER_KEYS, ANSWER_LABELS, Answer

Choice = tuple[str, str, str]  # (key, code, label)

ANSWER_CHOICES: tuple[Choice, ...] = tuple(
    (key, str(answer), ANSWER_LABELS[answer]) for key, answer in ANSWER_KEYS.items()
)
REACHED_CHOICES: tuple[Choice, ...] = (("1", "yes", "已接通"), ("0", "no", "未接通"))

DIGIT_KEYS = {getattr(Qt.Key, f"Key_{n}"): str(n) for n in range(10)}
BACK_KEYS = frozenset({Qt.Key.Key_Backspace, Qt.Key.Key_Escape, Qt.Key.Key_Up})
MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier \
    | Qt.KeyboardModifier.MetaModifier

CHECKED_COLOURS = {
    str(Answer.satisfied): ("#2e7d32", "#ffffff"),
    str(Answer.basic): ("#9ccc65", "#1b3a00"),
    str(Answer.dissatisfied): ("#c62828", "#ffffff"),
    str(Answer.unanswered): ("#9e9e9e", "#ffffff"),
    "yes": ("#2e7d32", "#ffffff"),
    "no": ("#757575", "#ffffff"),
}
ROW_STYLE = ("#answerRow { border: 2px solid transparent; border-radius: 4px; }"
             "#answerRow[current=\"true\"] { background: #e3f2fd; border-color: #1e88e5; }"
             "#answerRow:disabled { background: transparent; }")
BUTTON_STYLE = ("QPushButton { padding: 2px 10px; border: 1px solid #bdbdbd; border-radius: 3px;"
                " background: #fafafa; color: #424242; }"
                "QPushButton:checked { background: %s; color: %s; border-color: %s;"
                " font-weight: bold; }"
                "QPushButton:disabled { color: #bdbdbd; background: #f5f5f5; }")


class AnswerRow(QFrame):
    """One item: a caption and its keyed choices; `value` is the chosen code or None."""

    answered = Signal(str)  # a choice was made (key or click): the form moves on
    back_requested = Signal()
    next_requested = Signal()

    def __init__(self, caption: str, choices: Sequence[Choice] = ANSWER_CHOICES,
                 parent: QWidget | None = None, *, caption_width: int = 150) -> None:
        super().__init__(parent)
        self.setObjectName("answerRow")
        self.setProperty("current", False)
        self.setStyleSheet(ROW_STYLE)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.caption = caption
        self._keys = {key: code for key, code, _label in choices}
        self.marker = QLabel("")
        self.marker.setFixedWidth(14)
        self.marker.setStyleSheet("color: #1e88e5; font-weight: bold;")
        self.label = QLabel(caption)
        self.label.setFixedWidth(caption_width)
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)  # so a choice can be taken back (unchecked)
        self.buttons: dict[str, QPushButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(6)
        layout.addWidget(self.marker)
        layout.addWidget(self.label)
        for key, code, label in choices:
            button = QPushButton(f"{key} {label}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            background, colour = CHECKED_COLOURS.get(code, ("#1e88e5", "#ffffff"))
            button.setStyleSheet(BUTTON_STYLE % (background, colour, background))
            button.clicked.connect(lambda _checked=False, c=code: self._clicked(c))
            self.group.addButton(button)
            self.buttons[code] = button
            layout.addWidget(button)
        layout.addStretch(1)

    # value --------------------------------------------------------------------------
    @property
    def value(self) -> str | None:
        return next((code for code, b in self.buttons.items() if b.isChecked()), None)

    def set_value(self, code: str | None) -> None:
        """Check `code` (None: nothing chosen, saved as 未答)."""
        for key, button in self.buttons.items():
            button.setChecked(key == code)

    def text(self) -> str:
        """The chosen label ("" when nothing is chosen): for tests and screen readers."""
        code = self.value
        return "" if code is None else self.buttons[code].text().split(" ", 1)[1]

    # reactions ----------------------------------------------------------------------
    def _clicked(self, code: str) -> None:
        self.set_value(code)
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.answered.emit(code)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() & MODIFIERS:
            super().keyPressEvent(event)
            return
        key = event.key()
        code = self._keys.get(DIGIT_KEYS.get(key, ""))
        if code is not None:
            self.set_value(code)
            event.accept()
            self.answered.emit(code)
        elif key in BACK_KEYS:
            event.accept()
            self.back_requested.emit()
        elif key == Qt.Key.Key_Down:
            event.accept()
            self.next_requested.emit()
        elif key == Qt.Key.Key_Delete:
            event.accept()
            self.set_value(None)
        else:
            super().keyPressEvent(event)  # Enter, Tab …: the form's business

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._set_current(True)
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._set_current(False)
        super().focusOutEvent(event)

    def is_current(self) -> bool:
        return bool(self.property("current"))

    def _set_current(self, current: bool) -> None:
        self.setProperty("current", current)
        self.marker.setText("▶" if current else "")
        self.label.setStyleSheet("font-weight: bold; color: #0d47a1;" if current else "")
        self.style().unpolish(self)
        self.style().polish(self)
