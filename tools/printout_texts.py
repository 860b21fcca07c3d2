"""Every printout of the demo database as text, one file each (a script, not a test).

    .venv/bin/python tools/printout_texts.py OUT_DIR

For a before/after check of a restructuring: the same fictional demo on a
fixed day, every PDF read back with pypdf, the monthly workbook's cells
dumped; `diff -r BEFORE AFTER` must print nothing.
"""

from __future__ import annotations

import io
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader
from sqlmodel import select

from desktop_app.db.database import Database
from desktop_app.db.models import Matter

try:  # issue 13 moved these; the old places keep a before/after run possible
    from desktop_app.demo.fill import fill_demo
    from desktop_app.printouts import complaints as cp, followups as fp, inspections as ip
    from desktop_app.printouts import satisfaction as sp
    from desktop_app.printouts.liaison import liaison_cards_pdf
except ImportError:  # pragma: no cover
    from desktop_app import complaint_printouts as cp, followup_printouts as fp
    from desktop_app import inspection_printouts as ip, satisfaction_printouts as sp
    from desktop_app.db.demo import fill_demo
    from desktop_app.printouts import liaison_cards_pdf

NOW = datetime(2026, 11, 23, 9, 30)
TODAY = NOW.date()


def pdf_text(data: bytes) -> str:
    return "\n\f".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    db = Database.open(Path(tempfile.mkdtemp()) / "demo.sqlite3", create=True, now=NOW)
    with db.session() as session:
        fill_demo(session=session, now=NOW, today=TODAY)
        matters = session.exec(select(Matter.id).order_by(Matter.id)).all()[:3]
        from desktop_app.db.models_inspections import Inspection
        inspections = session.exec(select(Inspection.id).order_by(Inspection.id)).all()[:2]
    at = dict(printed_at=NOW)
    pdfs = {
        "liaison": lambda: liaison_cards_pdf(db, **at),
        "daily": lambda: cp.daily_summary_pdf(db, date(2026, 11, 20), **at),
        "monthly": lambda: cp.monthly_bulletin_pdf(db, "2026-10", today=TODAY, **at),
        "call_list": lambda: fp.call_list_pdf(db, TODAY, **at),
        "followup_results": lambda: fp.followup_results_pdf(db, "2026-10", today=TODAY, **at),
        "notices": lambda: ip.rectification_notices_pdf(db, today=TODAY, **at),
        "ledger": lambda: ip.rectification_ledger_pdf(db, today=TODAY, open_only=False,
                                                      start=date(2026, 1, 1), end=TODAY, **at),
        "duty_log": lambda: ip.duty_log_pdf(db, date(2026, 11, 20), **at),
        "satisfaction": lambda: sp.satisfaction_results_pdf(db, "2026-10", **at),
        "scores": lambda: sp.department_scores_pdf(db, "2026-10", today=TODAY, **at),
    }
    for m in matters:
        pdfs[f"registration_{m}"] = lambda m=m: cp.registration_sheet_pdf(db, m, today=TODAY, **at)
    for i in inspections:
        pdfs[f"inspection_{i}"] = lambda i=i: ip.inspection_record_pdf(db, i, **at)
    for name, make in pdfs.items():
        try:
            text = pdf_text(make())
        except Exception as exc:  # noqa: BLE001 - recorded, so a diff shows it
            text = f"ERROR {type(exc).__name__}: {exc}"
        (out / f"{name}.txt").write_text(text, encoding="utf-8")
    book = load_workbook(io.BytesIO(sp.monthly_workbook(db, "2026-10", today=TODAY)))
    cells = [f"{ws.title}!{c.coordinate}={c.value}" for ws in book for row in ws.iter_rows()
             for c in row if c.value is not None]
    (out / "workbook.txt").write_text("\n".join(cells), encoding="utf-8")
    db.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/printout_texts"))
