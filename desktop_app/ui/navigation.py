"""The seam between the tabs (issue 13, "tabs that stand apart").

A tab never imports another tab's package. Where one tab's window leads into
another tab's — a matter registered from a follow-up, a survey form or a
duty-log entry; the follow-up or duty-log entry a matter came from; the
matter a task or an entry became — it asks the `Navigator` it was given
(constructor keyword `navigator=`, passed down like the clock). This module
only says what can be asked; the main window, which alone imports the tab
packages, registers what each destination does (`main_window.tab_navigator`).

A destination is called with the navigator it was reached through first, so
the window it opens gets that same navigator; `overriding` makes a navigator
where some destinations lead elsewhere (the 值班日志 page shows a matter whose
link back to the log selects the entry on that page itself).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # types only: the rows of the services
    from PySide6.QtWidgets import QDialog, QWidget

    from desktop_app.records.matter_rows import MatterInput, MatterRow

DESTINATIONS = ("open_matter", "register_matter", "open_followup_task", "open_duty_log_day")

Destination = Callable[..., Any]
"""`(navigator, *arguments of the Navigator method)` → what that method returns."""


class Navigator:
    """Opens another tab's windows for a tab; filled by the main window."""

    def __init__(self, **destinations: Destination) -> None:
        self._destinations: dict[str, Destination] = {}
        self.register(**destinations)

    def register(self, **destinations: Destination) -> Navigator:
        """Say what the named destinations do (names from DESTINATIONS); returns self."""
        unknown = set(destinations) - set(DESTINATIONS)
        if unknown:
            raise TypeError(f"unknown destinations: {', '.join(sorted(unknown))}")
        self._destinations.update(destinations)
        return self

    def overriding(self, **destinations: Destination) -> Navigator:
        """A copy of this navigator where the named destinations lead elsewhere."""
        return Navigator(**{**self._destinations, **destinations})

    def _go(self, name: str, *args: Any) -> Any:
        destination = self._destinations.get(name)
        if destination is None:  # a window built without the main window's navigator
            raise LookupError(f"no destination registered for {name!r}")
        return destination(self, *args)

    # the destinations ---------------------------------------------------------------------
    def open_matter(self, matter_id: int, parent: QWidget | None = None) -> QDialog | None:
        """Show the matter's detail, modeless over `parent`; the window, or None if unread."""
        return self._go("open_matter", matter_id, parent)

    def register_matter(self, prefill: MatterInput,
                        parent: QWidget | None = None) -> MatterRow | None:
        """The registration form of the 投诉登记 tab filled from `prefill` (a follow-up, a
        survey form, a duty-log entry); the new matter, or None if not registered."""
        return self._go("register_matter", prefill, parent)

    def open_followup_task(self, task_id: int, parent: QWidget | None = None) -> bool:
        """The follow-up task's form (modal); True if anything was saved."""
        return bool(self._go("open_followup_task", task_id, parent))

    def open_duty_log_day(self, day: date, entry_id: int | None = None,
                          parent: QWidget | None = None) -> None:
        """The duty log of `day`, with the entry `entry_id` selected."""
        self._go("open_duty_log_day", day, entry_id, parent)
