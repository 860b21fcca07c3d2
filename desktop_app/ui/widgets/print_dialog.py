"""The one print dialog: preview any report's PDF bytes, print them or save them.

Every printout (登记表, 反馈单, 通报 …) is built as PDF by `reports/`; this dialog
shows it with QPdfView, prints it page by page onto a QPrinter, or writes the
bytes to a file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, QStandardPaths, Qt
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton,
                               QVBoxLayout, QWidget)

from desktop_app.ui.widgets.errors import show_warning

MAX_RENDER_DPI = 600
ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.25, 5.0


class PrintPreviewDialog(QDialog):
    """Preview of a PDF with 打印… / 另存为 PDF… / 关闭."""

    def __init__(self, pdf_bytes: bytes, title: str, suggested_filename: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._pdf_bytes = bytes(pdf_bytes)
        self._title = title
        self._suggested_filename = suggested_filename
        # The document reads from the buffer lazily: both must outlive the view.
        self._data = QByteArray(self._pdf_bytes)
        self._buffer = QBuffer(self)
        self._buffer.setData(self._data)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._document = QPdfDocument(self)
        self._document.load(self._buffer)

        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setStyleSheet("QPdfView { background: #808080; }")
        self.view.setDocument(self._document)

        self.zoom_out_button = QPushButton("−", self)
        self.zoom_in_button = QPushButton("+", self)
        self.fit_width_button = QPushButton(self.tr("适合宽度"), self)
        for button in (self.zoom_out_button, self.zoom_in_button):
            button.setFixedWidth(36)
        self.zoom_out_button.setToolTip(self.tr("缩小"))
        self.zoom_in_button.setToolTip(self.tr("放大"))
        self.page_count_label = QLabel(self)
        self.print_button = QPushButton(self.tr("打印…"), self)
        self.save_button = QPushButton(self.tr("另存为 PDF…"), self)
        self.close_button = QPushButton(self.tr("关闭"), self)
        self.print_button.setDefault(True)

        top = QHBoxLayout()
        top.addWidget(self.zoom_out_button)
        top.addWidget(self.zoom_in_button)
        top.addWidget(self.fit_width_button)
        top.addStretch(1)
        top.addWidget(self.page_count_label)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.print_button)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)

        self.zoom_in_button.clicked.connect(lambda: self._zoom_by(ZOOM_STEP))
        self.zoom_out_button.clicked.connect(lambda: self._zoom_by(1 / ZOOM_STEP))
        self.fit_width_button.clicked.connect(self.fit_width)
        self.print_button.clicked.connect(self._on_print)
        self.save_button.clicked.connect(self._on_save)
        self.close_button.clicked.connect(self.reject)

        ok = self._document.status() == QPdfDocument.Status.Ready
        self.print_button.setEnabled(ok)
        self.page_count_label.setText(
            self.tr("共 {n} 页").format(n=self.page_count()) if ok else self.tr("无法显示此文件"))
        self.resize(900, 760)

    @classmethod
    def show_pdf(cls, parent: QWidget | None, pdf_bytes: bytes, title: str,
                 suggested_filename: str) -> None:
        """Show the preview modally."""
        dialog = cls(pdf_bytes, title, suggested_filename, parent)
        dialog.exec()
        dialog.deleteLater()

    # properties ----------------------------------------------------------------------
    def document(self) -> QPdfDocument:
        return self._document

    def page_count(self) -> int:
        return self._document.pageCount()

    # zoom ----------------------------------------------------------------------------
    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def _effective_zoom(self) -> float:
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom or self.page_count() == 0:
            return self.view.zoomFactor()
        margins = self.view.documentMargins()
        available = self.view.viewport().width() - margins.left() - margins.right()
        page_px = self._document.pagePointSize(0).width() * self.view.logicalDpiX() / 72
        return available / page_px if page_px > 0 else 1.0

    def _zoom_by(self, step: float) -> None:
        factor = min(ZOOM_MAX, max(ZOOM_MIN, self._effective_zoom() * step))
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)

    # save ----------------------------------------------------------------------------
    def _ask_save_path(self) -> Path | None:
        """Ask where to save; tests patch this."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        start = str(Path(folder) / self._suggested_filename) if folder else self._suggested_filename
        name, _ = QFileDialog.getSaveFileName(self, self.tr("另存为 PDF"), start,
                                              self.tr("PDF 文件 (*.pdf)"))
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def save_to(self, path: Path) -> None:
        Path(path).write_bytes(self._pdf_bytes)

    def _on_save(self) -> None:
        path = self._ask_save_path()
        if path is None:
            return
        try:
            self.save_to(path)
        except OSError as exc:
            show_warning(self, self.tr("无法保存"),
                         self.tr("无法保存文件：{path}\n{reason}").format(
                             path=path, reason=exc.strerror or exc))

    # print ---------------------------------------------------------------------------
    def _make_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._title)
        if self.page_count() > 0:
            size = self._document.pagePointSize(0)
            orientation = (QPageLayout.Orientation.Landscape if size.width() > size.height()
                           else QPageLayout.Orientation.Portrait)
            printer.setPageOrientation(orientation)
        # The PDF carries its own margins: use as much of the paper as the printer allows.
        layout = printer.pageLayout()
        printer.setPageMargins(layout.minimumMargins(), layout.units())
        return printer

    def _on_print(self) -> None:
        printer = self._make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("打印"))
        dialog.setMinMax(1, max(1, self.page_count()))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._print_to(printer)

    def _page_range(self, printer: QPrinter) -> range:
        count = self.page_count()
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            return range(max(0, printer.fromPage() - 1), min(count, printer.toPage()))
        return range(count)

    def _print_to(self, printer: QPrinter) -> None:
        """Render each page at (up to) printer resolution, fitted into the page rect."""
        pages = self._page_range(printer)
        if not pages:
            return
        dpi = min(printer.resolution(), MAX_RENDER_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            show_warning(self, self.tr("无法打印"), self.tr("打印机无法开始打印，请检查打印机。"))
            return
        try:
            for n, page in enumerate(pages):
                if n > 0:
                    printer.newPage()
                self._paint_page(painter, printer, page, dpi)
        finally:
            painter.end()

    def _paint_page(self, painter: QPainter, printer: QPrinter, page: int, dpi: int) -> None:
        point_size = self._document.pagePointSize(page)
        image = self._document.render(page, QSize(round(point_size.width() * dpi / 72),
                                                  round(point_size.height() * dpi / 72)))
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        target = QSize(round(point_size.width()), round(point_size.height()))
        target.scale(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x = (area.width() - target.width()) // 2
        y = (area.height() - target.height()) // 2
        painter.drawImage(QRect(x, y, target.width(), target.height()), image)

