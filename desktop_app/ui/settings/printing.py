"""The 设置 tab's printout: the 医患连心卡 (every clinical department's phone, DESIGN §1.2).

Built by `desktop_app.printouts.liaison` with the clock's time and shown in
the one print dialog over the window of `parent` (errors as calm dialogs).
The 科室 panel's button and the menu 文件 → 打印医患连心卡… lead here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QWidget

from desktop_app.db.database import Database
from desktop_app.ui.widgets.preview import preview_pdf
from desktop_app.ui.widgets.lazy import lazy_module

liaison = lazy_module("desktop_app.printouts.liaison")  # ReportLab on the first print


def print_liaison_cards(parent: QWidget, db: Database, *, now: Callable[[], datetime]) -> None:
    preview_pdf(parent.window(), lambda: liaison.liaison_cards_pdf(db, printed_at=now()),
                "医患连心卡", "医患连心卡.pdf")
