"""Build a printout and show it in the one print dialog (each tab's `printing` module uses this).

DESIGN §3: an error while building it (no data, disk full, a bug) is a calm
dialog through `errors.show_error`, never a crash; the preview is modal.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from desktop_app.ui.widgets.errors import show_error
from desktop_app.ui.widgets.print_dialog import PrintPreviewDialog


def preview_pdf(parent: QWidget | None, make_pdf: Callable[[], bytes], title: str,
                suggested_filename: str) -> bool:
    """Show `make_pdf()` over `parent`; False (the error shown) if it could not be built."""
    try:
        pdf = make_pdf()
    except Exception as exc:  # noqa: BLE001 (shown, and logged if a bug)
        show_error(parent, exc)
        return False
    PrintPreviewDialog.show_pdf(parent, pdf, title, suggested_filename)
    return True
