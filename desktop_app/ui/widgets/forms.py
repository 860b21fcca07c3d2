"""The kit's forms: red errors under the fields, a 确定/取消 form dialog, a step dialog.

- `FieldErrors`: a red label under each form field. A ValidationError is shown under
  the fields it names, every problem at once, and the first such field gets the focus
  (DESIGN §3: bad input gets a message next to the field). Problems naming a field the
  form does not have go to the one error dialog, all in one.
- `FormDialog`: a form whose OK runs `submit()`; a ValidationError keeps it open.
- `StepDialog`: a FormDialog whose OK calls `save(**values())` (see `service.saver`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget,
)

from desktop_app.domain.errors import ValidationError
from desktop_app.ui.widgets.errors import problems_of, show_error
from desktop_app.ui.widgets.labels import error_label

Problem = tuple[str, str]


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
        layout.addWidget(self.label(*fields, focus=widget))
        return box

    def label(self, *fields: str, focus: QWidget | None = None,
              parent: QWidget | None = None) -> QLabel:
        """A hidden red label the caller places itself; errors of `fields` go there and
        `focus` (if given) gets the focus when it shows the first problem."""
        label = error_label(parent)
        for field in fields:
            self._labels[field] = label
            if focus is not None:
                self._widgets[field] = focus
        return label

    def knows(self, field: str) -> bool:
        return field in self._labels

    def place(self, problems: Iterable[Problem]) -> list[Problem]:
        """Show each problem under its field (all at once, after clearing the old ones);
        focus the first such field; return the problems no field of this form takes."""
        self.clear()
        texts: dict[int, list[str]] = {}
        left: list[Problem] = []
        first: str | None = None
        for field, message in problems:
            label = self._labels.get(field)
            if label is None:
                left.append((field, message))
                continue
            if first is None:
                first = field
            shown = texts.setdefault(id(label), [])
            if message not in shown:
                shown.append(message)
                label.setText("\n".join(shown))
                label.setVisible(True)
        if first is not None and first in self._widgets:
            self._widgets[first].setFocus()
        return left

    def show(self, exc: ValidationError) -> bool:
        """Show `exc` under its fields; False if no field of this form has any of them (the
        caller shows the error dialog). Problems for unknown fields beside known ones go to
        the error dialog here."""
        problems = problems_of(exc)
        left = self.place(problems)
        if len(left) == len(problems):
            return False
        if left:
            anchor = next(iter(self._labels.values()))
            show_error(anchor.window(), leftover_error(left))
        return True

    def report(self, parent: QWidget | None, exc: ValidationError) -> None:
        """Show `exc` under its fields; what no field takes goes to one error dialog."""
        left = self.place(problems_of(exc))
        if left:
            show_error(parent.window() if parent is not None else None,
                       exc if len(left) == len(problems_of(exc)) else leftover_error(left))

    def clear(self) -> None:
        for label in self._labels.values():
            label.clear()
            label.setVisible(False)

    def text(self, field: str) -> str:
        """The error shown under `field` ("" if none): for tests and for the form itself."""
        label = self._labels[field]
        return label.text() if not label.isHidden() else ""


def leftover_error(problems: Sequence[Problem]) -> ValidationError:
    """One ValidationError whose message lists `problems`, for the one error dialog."""
    return ValidationError(problems[0][0], "\n".join(message for _f, message in problems))


class FormDialog(QDialog):
    """A form with red error labels under the fields and 确定/取消 buttons."""

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.errors = FieldErrors()
        self.result_value: Any = None
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

    def add_row(self, label: str, widget: QWidget, *fields: str) -> None:
        self.form.addRow(label, self.errors.wrap(widget, *fields) if fields else widget)

    def submit(self) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def accept(self) -> None:
        self.errors.clear()
        try:
            result = self.submit()
        except ValidationError as exc:
            self.errors.report(self, exc)
            return
        except Exception as exc:  # noqa: BLE001 - shown by the one error dialog
            show_error(self, exc)
            return
        self.result_value = result
        super().accept()

    @classmethod
    def _run(cls, dialog: "FormDialog") -> Any:
        try:
            return dialog.result_value if dialog.exec() else None
        finally:
            dialog.deleteLater()


class StepDialog(FormDialog):
    """A step of a matter's life: typed values, `save(**values)` on OK, errors under fields.

    `ask(parent, *args)` builds the dialog with the same arguments, runs it and
    returns what `save` returned (None on cancel), so a test can drive it.
    """

    def __init__(self, parent: QWidget | None, title: str, save: Callable[..., Any]) -> None:
        super().__init__(parent, title)
        self.setMinimumWidth(520)
        self._save = save

    def values(self) -> dict[str, Any]:  # pragma: no cover - overridden
        raise NotImplementedError

    def submit(self) -> Any:
        return self._save(**self.values())

    @classmethod
    def ask(cls, parent: QWidget | None, *args: Any) -> Any:
        return cls._run(cls(parent, *args))
