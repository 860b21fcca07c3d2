"""The kit's one way to run a service call from the UI and route its error.

- `call_service(parent, db, action, errors)`: `action(session)` in one short session;
  a ValidationError goes under its fields (`errors`), anything else to the one error
  dialog (`widgets.errors.show_error`). `Database.session` already turns a locked, full
  or damaged file into a StorageError (DESIGN §3: one short session per user action).
- `saver(db, actor, now, service, **fixed)`: the `save(**values)` a dialog calls on OK;
  its errors propagate to the dialog (FormDialog shows them under the fields).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from PySide6.QtWidgets import QWidget
from sqlmodel import Session

from desktop_app.db.database import Database
from desktop_app.db.tx import Actor
from desktop_app.domain.errors import ValidationError
from desktop_app.ui.widgets.errors import show_error
from desktop_app.ui.widgets.forms import FieldErrors

T = TypeVar("T")


def call_service(
    parent: QWidget, db: Database, action: Callable[[Session], T],
    errors: FieldErrors | None = None,
) -> tuple[bool, T | None]:
    """Run `action(session)` in one short session: (True, result), or (False, None) after
    showing the error under its fields (those `errors` knows) or in the error dialog."""
    if errors is not None:
        errors.clear()
    try:
        with db.session() as session:
            return True, action(session)
    except ValidationError as exc:
        if errors is None:
            show_error(parent.window(), exc)
        else:
            errors.report(parent, exc)
    except Exception as exc:  # noqa: BLE001 - ui.errors sorts them by who is to blame
        show_error(parent.window(), exc)
    return False, None


def saver(db: Database, actor: Actor, now: Callable[[], datetime],
          service: Callable[..., Any], **fixed: Any) -> Callable[..., Any]:
    """`save(**values)` for a dialog: `service(session=, actor=, now=now(), **fixed,
    **values)` in one short session, its result returned (a StorageError for a locked or
    full file, a ValidationError for the dialog's fields, both raised to the dialog)."""
    def save(**values: Any) -> Any:
        with db.session() as session:
            return service(session=session, actor=actor, now=now(), **fixed, **values)
    return save


def ok_if_none(save: Callable[..., Any]) -> Callable[..., Any]:
    """`save` whose None result reads as done (True): a dialog's `ask` gives None only on
    cancel, so a service that returns nothing still closes its dialog as saved."""
    def done(**values: Any) -> Any:
        result = save(**values)
        return True if result is None else result
    return done
