"""The 周五检查 tab in the main window: its three pages, the ledger's overdue count, and every
printout reaching the print dialog; a signed inspection's finding shows in the ledger at once."""

from __future__ import annotations

import io
from datetime import date, datetime

from pypdf import PdfReader

from desktop_app.clock import Clock
from desktop_app.db.services.duty_log import add_duty_entry, open_duty_log
from desktop_app.records.inspection_rows import DutyEntryInput
from desktop_app.records.rectification_rows import RectificationInput
from desktop_app.db.services.rectifications import add_rectification
from desktop_app.ui.inspections import printing as inspection_printing
from desktop_app.ui import main_window as mw
from desktop_app.ui.widgets.print_dialog import PrintPreviewDialog
from tests.support.inspections import FIRE_EXIT_NOTE, signed
from tests.support.clock import FIXED_NOW


def test_the_tab_hosts_its_pages_counts_overdue_and_prints(qtbot, db, admin, duty, departments,
                                                            monkeypatch):
    with db.session() as session:
        add_rectification(session=session, actor=admin, now=FIXED_NOW, data=RectificationInput(
            source_kind="superior_inspection", found_on=date(2026, 11, 2),
            problem="门诊楼无障碍通道被电动车占用", measure="设置电动车停放区，安排保安巡查",
            department_ids=(departments["总务科"],), deadline=date(2026, 11, 16),
            source_text="县卫健局院感督查"))
        log = open_duty_log(session=session, actor=duty, day=date(2026, 11, 22), director="赵某某",
                            now=FIXED_NOW)
        add_duty_entry(session=session, actor=duty, log_id=log.id, now=FIXED_NOW,
                       data=DutyEntryInput(at=FIXED_NOW.replace(day=22, hour=10),
                                           kind="logistics", content="住院部三楼开水器故障",
                                           result="通知总务科维修，已恢复供水"))
    window = mw.MainWindow(db, duty, clock=Clock.fixed(FIXED_NOW))
    qtbot.addWidget(window)
    tab = window.inspections_tab
    assert window.tabs.tabText(window.tabs.indexOf(tab)) == "周五检查"
    assert [tab.pages.tabText(i) for i in range(3)] == ["周五检查", "整改台账（逾期 1）", "值班日志"]
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(PrintPreviewDialog, "show_pdf", classmethod(
        lambda cls, parent, pdf, title, name: shown.append(
            (name, " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)))))
    monkeypatch.setattr(inspection_printing.LedgerPrintDialog, "ask", classmethod(
        lambda cls, parent, today: (True, date(2026, 1, 1), today)))
    tab.print_ledger_requested.emit()
    assert shown[-1][0] == "整改台账-20260101-20261123.pdf"
    assert "门诊楼无障碍通道被电动车占用" in shown[-1][1]
    tab.print_notices_requested.emit()
    assert "整改通知单" in shown[-1][1] and "总务科" in shown[-1][1]
    tab.print_duty_log_requested.emit(date(2026, 11, 22))
    assert shown[-1][0] == "值班日志-20261122.pdf" and "住院部三楼开水器故障" in shown[-1][1]

    with db.session() as session:
        inspection = signed(session, duty, FIXED_NOW)
    tab.friday_panel.changed.emit()  # what the panel says after a sign-off
    assert tab.pages.tabText(1) == "整改台账（逾期 1）"
    assert any(r.problem.startswith(FIRE_EXIT_NOTE) or FIRE_EXIT_NOTE in r.problem
               for r in tab.ledger_panel.visible_rows())
    tab.print_inspection_requested.emit(inspection.id)
    assert shown[-1][0] == f"周五行政总检查记录表-{inspection.id}.pdf"
    assert "周五行政总检查记录表" in shown[-1][1] and FIRE_EXIT_NOTE in shown[-1][1]


def test_a_friday_recorded_in_the_tab_is_rectified_and_closed_in_its_ledger(
        qtbot, db, duty, departments, monkeypatch):
    """The duty director's Friday, end to end: one 不合格 item, sign-off, the ledger, re-check."""
    from desktop_app.ui.widgets.inputs import to_qdate, to_qdatetime
    from desktop_app.ui.inspections.inspection_form import InspectionDialog, SignOffDialog
    from desktop_app.ui.inspections.rectification_dialogs import RecheckDialog, RectifiedDialog
    from desktop_app.ui.inspections.tab import InspectionsTab
    from tests.support.inspections import FIRE_EXIT
    from tests.support.clock import FRIDAY

    clock = Clock.fixed(FIXED_NOW)
    tab = InspectionsTab(db, duty, clock=clock)
    qtbot.addWidget(tab)

    def drive(cls, work):
        def ask(klass, parent, *args, **kwargs):
            dialog = klass(parent, *args, **kwargs)
            work(dialog)
            dialog.accept()
            return dialog.result_value if dialog.result() else None
        monkeypatch.setattr(cls, "ask", classmethod(ask))

    def findings(step: SignOffDialog) -> None:
        (box,) = step.findings_fields.values()
        box.departments.set_checked_ids([departments["总务科"]])
        box.measure_edit.setPlainText("立即清理纸箱，设禁放标识")

    def record(dialog: InspectionDialog) -> int:
        dialog.header_fields.leader_combo.setEditText("孙某某")
        for row in dialog.checklist.rows.values():
            row.set_result("passed")
        fire = dialog.item(FIRE_EXIT)
        fire.set_result("failed")
        fire.set_note(FIRE_EXIT_NOTE)
        assert dialog.sign_off()
        return 1

    drive(SignOffDialog, findings)
    monkeypatch.setattr(InspectionDialog, "exec", record)
    assert tab.friday_panel.select_friday(FRIDAY)
    assert tab.friday_panel.record_selected()
    assert tab.friday_panel.selected_friday().state_label == "已检查"

    ledger = tab.ledger_panel
    [item] = [r for r in ledger.visible_rows() if r.problem == FIRE_EXIT_NOTE]
    assert (item.status_label, item.departments) == ("待整改", "总务科")
    assert ledger.select_item(item.id)

    def rectified(dialog: RectifiedDialog) -> None:
        dialog.rectified_edit.setDateTime(to_qdatetime(datetime(2026, 11, 24, 10, 0)))
        dialog.note_edit.setPlainText("纸箱已清走，已张贴禁放标识")

    def recheck(dialog: RecheckDialog) -> None:
        dialog.by_combo.setCurrentText("孙某某")
        dialog.on_edit.setDate(to_qdate(date(2026, 11, 25)))
        dialog.set_passed(True)

    clock.set(datetime(2026, 11, 24, 10, 30))
    drive(RectifiedDialog, rectified)
    ledger.rectified_button.click()
    assert ledger.selected_item().status_label == "已整改待复查"
    clock.set(datetime(2026, 11, 25, 9, 0))
    drive(RecheckDialog, recheck)
    ledger.recheck_button.click()
    row = ledger.selected_item()
    assert (row.status_label, row.recheck_by, row.recheck_passed) == ("已销号", "孙某某", True)
