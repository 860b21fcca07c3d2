"""The 投诉登记 tab's printouts: a matter's 登记表 and 反馈单, the 每日汇总, the 每月通报.

Each is built by `desktop_app.printouts.complaints` with the clock's time and
shown in the one print dialog over the window of `parent` (errors as calm
dialogs). The tab, and every matter's detail window, print through here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QWidget

from desktop_app.db.database import Database
from desktop_app.ui.widgets.period_dialogs import DayDialog, MonthDialog
from desktop_app.ui.widgets.preview import preview_pdf
from desktop_app.ui.widgets.lazy import lazy_module

cp = lazy_module("desktop_app.printouts.complaints")  # ReportLab on the first print

Now = Callable[[], datetime]


def print_registration(parent: QWidget, db: Database, matter_id: int, *, now: Now) -> None:
    preview_pdf(parent.window(), lambda: cp.registration_sheet_pdf(
        db, matter_id, today=now().date(), printed_at=now()),
        "医院投诉登记表", f"医院投诉登记表-{matter_id}.pdf")


def print_feedback(parent: QWidget, db: Database, matter_id: int, sheet_id: int, *,
                   now: Now) -> None:
    preview_pdf(parent.window(), lambda: cp.feedback_sheet_pdf(
        db, matter_id, sheet_id, today=now().date(), printed_at=now()),
        "服务问题反馈单", f"服务问题反馈单-{matter_id}-{sheet_id}.pdf")


def print_daily(parent: QWidget, db: Database, *, now: Now) -> None:
    """Ask for the day (today first), then its 每日汇总."""
    window = parent.window()
    day = DayDialog.ask(window, "每日汇总", now().date())
    if day is not None:
        preview_pdf(window, lambda: cp.daily_summary_pdf(db, day, printed_at=now()),
                    "每日汇总", f"每日汇总-{day:%Y%m%d}.pdf")


def print_monthly(parent: QWidget, db: Database, *, now: Now) -> None:
    """Ask for the month (the previous one first), then its 每月通报."""
    window = parent.window()
    month = MonthDialog.ask(window, "每月通报", now().date())
    if month is not None:
        preview_pdf(window, lambda: cp.monthly_bulletin_pdf(
            db, month, today=now().date(), printed_at=now()),
            "每月通报", f"每月通报-{month}.pdf")
