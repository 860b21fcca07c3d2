"""The one page layout of every printout.

Every page gets the same frame, drawn by `draw_page_frame`:

- header: the institution name (left) and the document title (right) above a
  thin rule, inside the top margin;
- footer: below a thin rule, "打印时间：2026-11-23 10:05" (left) and
  "第 x 页 / 共 y 页" (right), inside the bottom margin.

The total page count is only known once the whole document is laid out, so the
frame is drawn by a two-pass canvas (`NumberedCanvas`): it keeps every finished
page and decorates them all when the document is saved.

Two ways to fill the content area between header and footer share that canvas:

- `build_document(header, story)`: flowing Platypus text and tables;
- `build_canvas_document(header, pages)`: free drawing on the canvas (the
  医患连心卡 card sheet), one callback per page.

Builders pass the print time in (`PageHeader.printed_at`); nothing here reads
the clock, and the PDF is written in ReportLab's invariant mode so the same
input always gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate

from desktop_app import APP_NAME
from desktop_app.reports.fonts import register_fonts

DEFAULT_MARGINS_MM: tuple[float, float, float, float] = (15, 15, 18, 18)
"""(left, right, top, bottom) in millimetres; header and footer sit inside top/bottom."""

HEADER_FONT_SIZE = 10.0
TITLE_FONT_SIZE = 9.0
FOOTER_FONT_SIZE = 8.0
RULE_GAP = 4.5 * mm  # distance between the content area and the header/footer rule
RULE_COLOR = colors.HexColor("#555555")
FRAME_TEXT_COLOR = colors.HexColor("#333333")


@dataclass(frozen=True)
class PageHeader:
    """What the frame of every page shows: who prints, what, and when."""

    institution_name: str
    title: str
    printed_at: datetime


@dataclass(frozen=True)
class ContentBox:
    """The area between header and footer, in points from the page's bottom left."""

    x: float
    y: float
    width: float
    height: float

    @property
    def top(self) -> float:
        return self.y + self.height

    @property
    def right(self) -> float:
        return self.x + self.width


PageCallback = Callable[[Canvas, ContentBox], None]
"""Draws one page's content inside the given box (for `build_canvas_document`)."""


def content_box(
    pagesize: tuple[float, float] = A4,
    margins_mm: tuple[float, float, float, float] = DEFAULT_MARGINS_MM,
) -> ContentBox:
    """The content area of a page of `pagesize` with (left, right, top, bottom) margins."""
    width, height = pagesize
    left, right, top, bottom = (m * mm for m in margins_mm)
    return ContentBox(x=left, y=bottom, width=width - left - right, height=height - top - bottom)


def format_printed_at(printed_at: datetime) -> str:
    return f"打印时间：{printed_at:%Y-%m-%d %H:%M}"


def format_page_number(page_number: int, page_count: int) -> str:
    return f"第 {page_number} 页 / 共 {page_count} 页"


def _fit_font_size(text: str, font_name: str, size: float, max_width: float) -> float:
    """`size`, or smaller so `text` fits in `max_width` (never below 5 pt)."""
    width = stringWidth(text, font_name, size)
    if width <= max_width or width == 0:
        return size
    return max(5.0, size * max_width / width)


def draw_page_frame(
    canvas: Canvas,
    header: PageHeader,
    *,
    page_number: int,
    page_count: int,
    pagesize: tuple[float, float] = A4,
    margins_mm: tuple[float, float, float, float] = DEFAULT_MARGINS_MM,
) -> None:
    """Draw the shared header and footer of one page (used by every printout)."""
    font = register_fonts()
    box = content_box(pagesize, margins_mm)
    canvas.saveState()
    canvas.setFillColor(FRAME_TEXT_COLOR)
    canvas.setStrokeColor(RULE_COLOR)
    canvas.setLineWidth(0.5)
    canvas.setDash()

    # Header: institution name left, document title right, rule below.
    header_rule_y = box.top + RULE_GAP
    header_text_y = header_rule_y + 2 * mm
    name_size = _fit_font_size(header.institution_name, font, HEADER_FONT_SIZE, box.width * 0.55)
    title_size = _fit_font_size(header.title, font, TITLE_FONT_SIZE, box.width * 0.43)
    canvas.setFont(font, name_size)
    canvas.drawString(box.x, header_text_y, header.institution_name)
    canvas.setFont(font, title_size)
    canvas.drawRightString(box.right, header_text_y, header.title)
    canvas.line(box.x, header_rule_y, box.right, header_rule_y)

    # Footer: rule, then print time left and page x / y right.
    footer_rule_y = box.y - RULE_GAP
    footer_text_y = footer_rule_y - 2 * mm - FOOTER_FONT_SIZE * 0.8
    canvas.line(box.x, footer_rule_y, box.right, footer_rule_y)
    canvas.setFont(font, FOOTER_FONT_SIZE)
    canvas.drawString(box.x, footer_text_y, format_printed_at(header.printed_at))
    canvas.drawRightString(box.right, footer_text_y, format_page_number(page_number, page_count))
    canvas.restoreState()


class NumberedCanvas(Canvas):
    """A canvas that holds back every page and decorates them all on `save()`.

    `decorate(canvas, page_number, page_count)` is called once per page, after
    the page's own content, when the total page count is known.
    """

    def __init__(
        self,
        *args: Any,
        decorate: Callable[[Canvas, int, int], None],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._decorate = decorate
        self._saved_page_states: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._saved_page_states.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        page_count = len(self._saved_page_states)
        for page_number, state in enumerate(self._saved_page_states, start=1):
            self.__dict__.update(state)
            self._decorate(self, page_number, page_count)
            super().showPage()
        super().save()


def _frame_decorator(
    header: PageHeader,
    pagesize: tuple[float, float],
    margins_mm: tuple[float, float, float, float],
) -> Callable[[Canvas, int, int], None]:
    def decorate(canvas: Canvas, page_number: int, page_count: int) -> None:
        draw_page_frame(
            canvas,
            header,
            page_number=page_number,
            page_count=page_count,
            pagesize=pagesize,
            margins_mm=margins_mm,
        )

    return decorate


def build_document(
    header: PageHeader,
    story: list,
    *,
    pagesize: tuple[float, float] = A4,
    margins_mm: tuple[float, float, float, float] = DEFAULT_MARGINS_MM,
) -> bytes:
    """Lay out a Platypus `story` in the content area of framed pages; return the PDF."""
    font = register_fonts()
    left, right, top, bottom = (m * mm for m in margins_mm)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=header.title,
        author=header.institution_name,
        creator=APP_NAME,
        invariant=1,
        initialFontName=font,
    )
    canvasmaker = partial(
        NumberedCanvas, decorate=_frame_decorator(header, pagesize, margins_mm)
    )
    doc.build(list(story), canvasmaker=canvasmaker)
    return buffer.getvalue()


def build_canvas_document(
    header: PageHeader,
    pages: Sequence[PageCallback],
    *,
    pagesize: tuple[float, float] = A4,
    margins_mm: tuple[float, float, float, float] = DEFAULT_MARGINS_MM,
) -> bytes:
    """Draw each page with its callback inside the content box of a framed page.

    For printouts laid out by hand (cards, forms); they get exactly the same
    header and footer as `build_document`.
    """
    if not pages:
        raise ValueError("至少需要一页内容")
    font = register_fonts()
    buffer = io.BytesIO()
    canvas = NumberedCanvas(
        buffer,
        pagesize=pagesize,
        invariant=1,
        initialFontName=font,
        decorate=_frame_decorator(header, pagesize, margins_mm),
    )
    canvas.setTitle(header.title)
    canvas.setAuthor(header.institution_name)
    canvas.setCreator(APP_NAME)
    box = content_box(pagesize, margins_mm)
    for draw_page in pages:
        canvas.saveState()
        draw_page(canvas, box)
        canvas.restoreState()
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles of every printout, all in the CJK font with CJK wrapping.

    Keys: title, heading, body, small, cell, cell_center. A fresh dict each
    call, so a builder may adjust its copy.
    """
    font = register_fonts()
    base = ParagraphStyle(
        "base",
        fontName=font,
        fontSize=10.5,
        leading=16,
        wordWrap="CJK",
        textColor=colors.black,
    )
    return {
        "title": ParagraphStyle(
            "title", parent=base, fontSize=16, leading=22, alignment=TA_CENTER,
            spaceAfter=8,
        ),
        "heading": ParagraphStyle(
            "heading", parent=base, fontSize=12, leading=17, spaceBefore=8, spaceAfter=4,
        ),
        "body": ParagraphStyle("body", parent=base, spaceAfter=4),
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=12),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=12.5),
        "cell_center": ParagraphStyle(
            "cell_center", parent=base, fontSize=9, leading=12.5, alignment=TA_CENTER,
        ),
    }


def table_report_styles(prefix: str) -> dict[str, ParagraphStyle]:
    """The styles of a monthly table report (回访统计, 满意度结果, 科室考评): a 16 pt title,
    a subtitle line, body and headings, 8.5 pt table cells, grey notes ("说明：" and the
    lines under it). `prefix` keeps the style names apart per report."""
    base = styles()
    return {
        "title": base["title"].clone(f"{prefix}_title", fontSize=16, leading=23, spaceAfter=2),
        "subtitle": base["cell_center"].clone(f"{prefix}_subtitle", fontSize=9.5, leading=14,
                                              spaceAfter=4 * mm),
        "body": base["body"].clone(f"{prefix}_body", firstLineIndent=21, leading=18),
        "heading": base["heading"].clone(f"{prefix}_heading", spaceBefore=5 * mm),
        "head": base["cell_center"].clone(f"{prefix}_head", fontSize=8.5, leading=11),
        "cell": base["cell"].clone(f"{prefix}_cell", fontSize=8.5, leading=11),
        "cell_center": base["cell_center"].clone(f"{prefix}_cell_c", fontSize=8.5, leading=11),
        "note": base["small"].clone(f"{prefix}_note", textColor="#444444", spaceBefore=2),
        "note_more": base["small"].clone(f"{prefix}_note_more", textColor="#444444",
                                         leftIndent=3 * base["small"].fontSize),  # under "说明："
    }
