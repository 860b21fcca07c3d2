"""The dialog driver of the GUI tests (not a test module; fixtures `dialogs`/`driver` in
tests/ui/conftest.py): instead of running a dialog modally, its `ask` is replaced by one that
builds the real dialog, fills it through its own widgets and presses OK."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class DialogDriver:
    """Replaces dialog classes' `ask`; `dialogs` (also `opened`) are the dialogs built so far."""

    def __init__(self, monkeypatch, *, delete_after: bool = False) -> None:
        self.monkeypatch = monkeypatch
        self.delete_after = delete_after  # deleteLater() each dialog once `ask` returns
        self.dialogs: list[Any] = []

    @property
    def opened(self) -> list[Any]:
        return self.dialogs

    @property
    def last(self) -> Any:
        return self.dialogs[-1]

    def drive(self, dialog_cls: type, *fills: Callable[[Any], None], accept: bool = True) -> None:
        """Each call of `ask` uses the next fill (the last one again when they run out), then
        presses OK (unless `accept` is False); `ask` returns the result of an accepted dialog."""
        driver, queue = self, list(fills)

        def ask(cls, parent, *args, **kwargs):
            dialog = cls(parent, *args, **kwargs)
            driver.dialogs.append(dialog)
            fill = queue.pop(0) if len(queue) > 1 else queue[0]
            fill(dialog)
            if accept:
                dialog.accept()
            value = dialog.result_value if dialog.result() else None
            if driver.delete_after:
                dialog.deleteLater()
            return value

        self.monkeypatch.setattr(dialog_cls, "ask", classmethod(ask))

    def forbid(self, dialog_cls: type) -> None:
        """Fail the test if the dialog opens at all."""
        def ask(cls, *args, **kwargs):
            raise AssertionError(f"{cls.__name__} should not open")

        self.monkeypatch.setattr(dialog_cls, "ask", classmethod(ask))
