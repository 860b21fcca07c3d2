"""The monthly results on screen, and the main window's follow-up tab, call list and results PDF."""

from __future__ import annotations

from datetime import datetime

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.clock import Clock
from desktop_app.db.database import Database
from desktop_app.db.services import users
from desktop_app.ui import main_window as mw
from desktop_app.ui.followups.results_dialog import ResultsDialog
from desktop_app.ui.widgets.period_dialogs import CallListDialog
from desktop_app.ui.widgets.print_dialog import PrintPreviewDialog
from tests.support.followups import AFTER, MIDDLE, november_database

T0 = datetime(2026, 11, 23, 9, 30)  # the fixed time of these tests


@pytest.fixture
def november(tmp_path: Path):
    path = tmp_path / "nov.sqlite3"
    november_database(path)
    database = Database.open(path, now=T0)
    yield database
    database.close()


def _column(table, column: int) -> list[str]:
    return [table.item(r, column).text() for r in range(table.rowCount())]


def test_results_show_each_department_the_total_and_the_findings(qtbot, november):
    dialog = ResultsDialog(november, AFTER)
    qtbot.addWidget(dialog)
    dialog.set_month("2026-11")
    assert _column(dialog.department_table, 0) == ["内科", "外科", "合计"]
    total = [dialog.department_table.item(2, c).text() for c in range(1, 12)]
    results = dialog.results
    assert total[0] == str(results.total.due) == "11"
    assert total[7] == "71.4%"  # satisfaction over the amended outcomes, 5 of 7
    assert _column(dialog.tier_table, 0) == ["一级回访", "二级回访"]
    assert sorted(_column(dialog.finding_table, 4)) == ["未落实", "记录不实"]
    assert "应访 11 项" in dialog.summary_label.text()
    with qtbot.waitSignal(dialog.print_requested) as printed:
        dialog.print_button.click()
    assert printed.args == ["2026-11"]
    dialog.set_month("2026-10")
    assert _column(dialog.department_table, 0)[-1] == "合计"


def test_main_window_tab_title_call_list_and_results_pdf(qtbot, november, monkeypatch):
    with november.session() as session:
        admin = users.authenticate(session=session, username="zhuren", password="Zhuren2026", now=T0)
    window = mw.MainWindow(november, admin, clock=Clock.fixed(MIDDLE))
    qtbot.addWidget(window)
    due = window.followups_tab.counts["due"]
    assert due > 0
    index = window.tabs.indexOf(window.followups_tab)
    assert window.tabs.tabText(index) == f"出院回访（待访 {due}）"
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(PrintPreviewDialog, "show_pdf", classmethod(
        lambda cls, parent, pdf, title, name: shown.append(
            (name, " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)))))
    monkeypatch.setattr(CallListDialog, "ask", classmethod(
        lambda cls, parent, today, departments: (today, None)))
    window.followups_tab.call_list_button.click()
    name, text = shown[-1]
    assert name == "回访工作单-20261123.pdf"
    assert "出院患者回访工作单" in text and "13900000003" in text
    window.followups_tab.results_button.click()
    dialog = window.findChild(ResultsDialog)
    dialog.set_month("2026-11")
    dialog.print_button.click()
    name, text = shown[-1]
    assert name == "回访月度统计-2026-11.pdf" and "出院患者回访月度统计" in text
    dialog.close()
    window.followups_tab.day_edit.setDate(date(2026, 11, 30))
    assert window.tabs.tabText(index) == f"出院回访（待访 {due}）"  # another day: title kept
