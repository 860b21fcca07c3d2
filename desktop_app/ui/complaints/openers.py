"""What the other tabs reach of the 投诉登记 tab, through the navigator (`ui.navigation`):
a matter's detail window, and the registration form filled from a prefill.

`main_window.tab_navigator` registers these; the tab uses them too. A matter's
detail prints its 登记表 and 反馈单 through this tab's `printing`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desktop_app.db.database import Database
from desktop_app.db.services.departments import list_departments, list_staff
from desktop_app.records.matter_rows import MatterInput, MatterRow
from desktop_app.db.tx import Actor
from desktop_app.ui.complaints import printing
from desktop_app.ui.complaints.detail_view import MatterDetailDialog
from desktop_app.ui.complaints.register_dialog import RegisterDialog
from desktop_app.ui.navigation import Navigator
from desktop_app.ui.widgets.service import call_service

Now = Callable[[], datetime]


def matter_window(parent: QWidget | None, db: Database, actor: Actor, matter_id: int, *,
                  now: Now, navigator: Navigator) -> MatterDetailDialog | None:
    """The detail window of a matter (deleted when closed), not shown yet; None if unread."""
    dialog = MatterDetailDialog(db, actor, matter_id, parent, now=now, navigator=navigator)
    if dialog.detail is None:
        dialog.deleteLater()
        return None
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return dialog


def show_matter(parent: QWidget | None, db: Database, actor: Actor, matter_id: int, *,
                now: Now, navigator: Navigator) -> MatterDetailDialog | None:
    """Show the matter's detail modeless over `parent`, printing its own sheets."""
    dialog = matter_window(parent, db, actor, matter_id, now=now, navigator=navigator)
    if dialog is None:
        return None
    dialog.print_registration_requested.connect(
        lambda mid: printing.print_registration(dialog, db, mid, now=now))
    dialog.print_feedback_requested.connect(
        lambda mid, sid: printing.print_feedback(dialog, db, mid, sid, now=now))
    dialog.show()
    return dialog


def register_with(parent: QWidget, db: Database, actor: Actor, prefill: MatterInput | None, *,
                  now: Now) -> MatterRow | None:
    """The registration form (filled from `prefill`) over `parent`; the new matter or None."""
    ok, lists = call_service(parent, db, lambda s: (
        list_departments(session=s, include_inactive=False), list_staff(session=s)))
    if not ok or lists is None:
        return None
    departments, staff = lists  # the form offers the active staff only
    return RegisterDialog.ask(parent, db, actor, departments, staff, now, prefill)
