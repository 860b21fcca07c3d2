import io

import pytest
from PySide6.QtGui import QPageLayout
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from desktop_app.ui.widgets.print_dialog import PrintPreviewDialog


def make_pdf(pages: int = 2) -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    for n in range(1, pages + 1):
        pdf.setFont("Helvetica", 24)
        pdf.drawString(72, 760, f"Page {n}")
        pdf.rect(72, 72, 451, 600)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


@pytest.fixture
def pdf_bytes() -> bytes:
    return make_pdf(2)


@pytest.fixture
def dialog(qtbot, pdf_bytes):
    dlg = PrintPreviewDialog(pdf_bytes, "医院投诉登记表", "投诉登记表.pdf")
    qtbot.addWidget(dlg)
    return dlg


def test_loads_all_pages(dialog):
    assert dialog.document().status() == QPdfDocument.Status.Ready
    assert dialog.page_count() == 2
    assert dialog.page_count_label.text() == "共 2 页"
    assert dialog.windowTitle() == "医院投诉登记表"
    assert dialog.view.pageMode() == QPdfView.PageMode.MultiPage
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitToWidth


def test_buttons(dialog):
    texts = {dialog.print_button.text(), dialog.save_button.text(), dialog.close_button.text()}
    assert texts == {"打印…", "另存为 PDF…", "关闭"}


def test_zoom_buttons(dialog, qtbot):
    dialog.resize(900, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.zoom_in_button.click()
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.Custom
    bigger = dialog.view.zoomFactor()
    dialog.zoom_out_button.click()
    dialog.zoom_out_button.click()
    assert dialog.view.zoomFactor() < bigger
    dialog.fit_width_button.click()
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitToWidth


def test_save_as_writes_identical_bytes(dialog, pdf_bytes, tmp_path, monkeypatch):
    target = tmp_path / "投诉登记表.pdf"
    monkeypatch.setattr(dialog, "_ask_save_path", lambda: target)
    dialog.save_button.click()
    assert target.read_bytes() == pdf_bytes


def test_save_cancelled_writes_nothing(dialog, tmp_path, monkeypatch):
    monkeypatch.setattr(dialog, "_ask_save_path", lambda: None)
    dialog.save_button.click()
    assert list(tmp_path.iterdir()) == []


def test_save_failure_is_a_warning(dialog, tmp_path, monkeypatch, message_boxes):
    monkeypatch.setattr(dialog, "_ask_save_path", lambda: tmp_path / "无此目录" / "a.pdf")
    dialog.save_button.click()
    assert "无法保存文件" in message_boxes[0].text


def test_print_to_pdf_printer(dialog, tmp_path):
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    dialog._print_to(printer)
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    printed = QPdfDocument()
    assert printed.load(str(out)) == QPdfDocument.Error.None_
    assert printed.pageCount() == 2
    printed.close()


def test_broken_pdf_disables_printing(qtbot):
    dlg = PrintPreviewDialog(b"not a pdf", "坏文件", "x.pdf")
    qtbot.addWidget(dlg)
    assert not dlg.print_button.isEnabled()
    assert dlg.page_count_label.text() == "无法显示此文件"


def test_printer_setup(dialog):
    printer = dialog._make_printer()
    assert printer.docName() == "医院投诉登记表"
    assert dialog._page_range(printer) == range(2)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 2)
    assert dialog._page_range(printer) == range(1, 2)


def test_landscape_pdf_gets_a_landscape_printer(qtbot):
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(842, 595))
    pdf.drawString(72, 500, "landscape")
    pdf.showPage()
    pdf.save()
    dlg = PrintPreviewDialog(out.getvalue(), "通报", "通报.pdf")
    qtbot.addWidget(dlg)
    assert dlg._make_printer().pageLayout().orientation() == QPageLayout.Orientation.Landscape
