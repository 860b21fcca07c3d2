"""The main window's printing for the 周五检查 tab (a mixin; the window owns `_preview`).

The record sheet of one inspection, the 整改通知单 of every department with
open items, the 整改台账 for a period, and a day's 值班日志 — each built by
`desktop_app.printouts.inspections` and shown in the one print dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from desktop_app.printouts import inspections as ip
from desktop_app.clock import Clock
from desktop_app.ui.widgets.period_dialogs import LedgerPrintDialog


class InspectionPrinting:
    """Print handlers wired to the InspectionsTab's signals."""

    db: object
    clock: Clock
    today: Callable[[], date]
    _preview: Callable[..., None]

    def print_inspection(self, inspection_id: int) -> None:
        self._preview(lambda: ip.inspection_record_pdf(self.db, inspection_id,
                                                       printed_at=self.clock.now()),
                      "周五行政总检查记录表", f"周五行政总检查记录表-{inspection_id}.pdf")

    def print_rectification_notices(self) -> None:
        self._preview(lambda: ip.rectification_notices_pdf(self.db, today=self.today(),
                                                           printed_at=self.clock.now()),
                      "整改通知单", f"整改通知单-{self.today():%Y%m%d}.pdf")

    def print_rectification_ledger(self) -> None:
        choice = LedgerPrintDialog.ask(self, self.today())
        if choice is None:
            return
        open_only, start, end = choice
        self._preview(lambda: ip.rectification_ledger_pdf(
            self.db, today=self.today(), open_only=open_only, start=start, end=end,
            printed_at=self.clock.now()), "整改台账", f"整改台账-{start:%Y%m%d}-{end:%Y%m%d}.pdf")

    def print_duty_log(self, day: date) -> None:
        self._preview(lambda: ip.duty_log_pdf(self.db, day, printed_at=self.clock.now()),
                      "值班日志", f"值班日志-{day:%Y%m%d}.pdf")
