"""The 周五检查 tab's printouts: the record sheet of one inspection, the 整改通知单 of every
department with open items, the 整改台账 for a period, and a day's 值班日志.

Each is built by `desktop_app.printouts.inspections` with the clock's time and
shown in the one print dialog over the window of `parent` (errors as calm
dialogs). The tab's print signals lead here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtWidgets import QWidget

from desktop_app.db.database import Database
from desktop_app.ui.widgets.period_dialogs import LedgerPrintDialog
from desktop_app.ui.widgets.preview import preview_pdf
from desktop_app.ui.widgets.lazy import lazy_module

ip = lazy_module("desktop_app.printouts.inspections")  # ReportLab on the first print

Now = Callable[[], datetime]


def print_inspection(parent: QWidget, db: Database, inspection_id: int, *, now: Now) -> None:
    preview_pdf(parent.window(), lambda: ip.inspection_record_pdf(db, inspection_id,
                                                                  printed_at=now()),
                "周五行政总检查记录表", f"周五行政总检查记录表-{inspection_id}.pdf")


def print_rectification_notices(parent: QWidget, db: Database, *, now: Now) -> None:
    preview_pdf(parent.window(), lambda: ip.rectification_notices_pdf(
        db, today=now().date(), printed_at=now()),
        "整改通知单", f"整改通知单-{now().date():%Y%m%d}.pdf")


def print_rectification_ledger(parent: QWidget, db: Database, *, now: Now) -> None:
    """Ask what the 台账 covers (open items or all, which period), then print it."""
    window = parent.window()
    choice = LedgerPrintDialog.ask(window, now().date())
    if choice is None:
        return
    open_only, start, end = choice
    preview_pdf(window, lambda: ip.rectification_ledger_pdf(
        db, today=now().date(), open_only=open_only, start=start, end=end,
        printed_at=now()), "整改台账", f"整改台账-{start:%Y%m%d}-{end:%Y%m%d}.pdf")


def print_duty_log(parent: QWidget, db: Database, day: date, *, now: Now) -> None:
    preview_pdf(parent.window(), lambda: ip.duty_log_pdf(db, day, printed_at=now()),
                "值班日志", f"值班日志-{day:%Y%m%d}.pdf")
