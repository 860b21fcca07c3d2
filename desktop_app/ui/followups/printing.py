"""The 出院回访 tab's printouts: the day's 回访工作单 and the 月度统计 (with its window).

Each is built by `desktop_app.printouts.followups` with the clock's time and
shown in the one print dialog over the window of `parent` (errors as calm
dialogs).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desktop_app.db.database import Database
from desktop_app.db.services.departments import list_departments
from desktop_app.ui.followups.results_dialog import ResultsDialog
from desktop_app.ui.widgets.period_dialogs import CallListDialog
from desktop_app.ui.widgets.preview import preview_pdf
from desktop_app.ui.widgets.service import call_service
from desktop_app.ui.widgets.lazy import lazy_module

fp = lazy_module("desktop_app.printouts.followups")  # ReportLab on the first print

Now = Callable[[], datetime]


def print_call_list(parent: QWidget, db: Database, day: date, *, now: Now) -> None:
    """Ask for the day (`day` first) and the department, then its 回访工作单."""
    window = parent.window()
    ok, departments = call_service(window, db, lambda s: [
        (d.name, d.id) for d in list_departments(session=s, include_inactive=False)
        if d.is_clinical])
    choice = CallListDialog.ask(window, day, departments if ok and departments else [])
    if choice is not None:
        chosen_day, department_id = choice
        preview_pdf(window, lambda: fp.call_list_pdf(db, chosen_day, department_id,
                                                      printed_at=now()),
                    "出院患者回访工作单", f"回访工作单-{chosen_day:%Y%m%d}.pdf")


def show_results(parent: QWidget, db: Database, *, now: Now) -> ResultsDialog:
    """The 月度统计 window (modeless); its 打印 prints the month shown."""
    window = parent.window()
    dialog = ResultsDialog(db, now().date(), window)
    dialog.print_requested.connect(lambda month: preview_pdf(
        window, lambda: fp.followup_results_pdf(db, month, today=now().date(),
                                                printed_at=now()),
        "出院患者回访月度统计", f"回访月度统计-{month}.pdf"))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
