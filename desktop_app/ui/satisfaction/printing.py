"""The 满意度 tab's printouts: the month's 满意度调查结果 (the kinds picked) and the
科室月度满意度考评表.

Each is built by `desktop_app.printouts.satisfaction` with the clock's time and
shown in the one print dialog over the window of `parent` (errors as calm
dialogs). The 结果与考评 page's buttons lead here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QWidget

from desktop_app.db.database import Database
from desktop_app.ui.widgets.preview import preview_pdf
from desktop_app.ui.widgets.lazy import lazy_module

sp = lazy_module("desktop_app.printouts.satisfaction")  # ReportLab on the first print

Now = Callable[[], datetime]


def print_results(parent: QWidget, db: Database, month: str, kinds: tuple[str, ...], *,
                  now: Now) -> None:
    preview_pdf(parent.window(), lambda: sp.satisfaction_results_pdf(
        db, month, kinds=kinds, printed_at=now()),
        "满意度调查结果", f"满意度调查结果-{month}.pdf")


def print_scores(parent: QWidget, db: Database, month: str, *, now: Now) -> None:
    preview_pdf(parent.window(), lambda: sp.department_scores_pdf(
        db, month, today=now().date(), printed_at=now()),
        "科室月度满意度考评表", f"科室月度满意度考评表-{month}.pdf")
