"""The ruled paper form of the complaint sheets, and its flowables.

`RuledForm` collects the rows of a four-column form (label, value, label,
value) — a pair row, a wide row whose value spans three columns, a shaded
section row — and turns them into one gridded Table. `RuledLines` gives blank
lines to write on, `MinHeight` a tall cell, `DashedCutLine` a cut line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from desktop_app.reports.complaint_common import NONE_TEXT, escape
from desktop_app.reports.layout import content_box, styles

FORM_LINE = colors.black
LABEL_FILL = colors.HexColor("#F0F0F0")
SECTION_FILL = colors.HexColor("#DDDDDD")
FRAME_PADDING = 12  # SimpleDocTemplate's frame has 6 pt padding on each side
LABEL_WIDTH = 26 * mm


def form_table_style(extra: list[tuple] | None = None) -> TableStyle:
    """A ruled paper-form grid: thin inner lines, a heavier outer box."""
    commands: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.5, FORM_LINE),
        ("BOX", (0, 0), (-1, -1), 1.2, FORM_LINE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    return TableStyle(commands + (extra or []))


@dataclass(frozen=True)
class FormSizes:
    """Type size and spacing of a ruled form."""

    font: float
    leading: float
    content_height: float  # minimum height of the 反映问题 cell
    title: float
    padding: float = 3  # above and below the text of a cell


@dataclass
class RuledForm:
    """The rows of a four-column ruled form (label, value, label, value)."""

    sizes: FormSizes
    rows: list[list] = field(default_factory=list)
    commands: list[tuple] = field(default_factory=list)

    def __post_init__(self) -> None:
        base = styles()
        self.label_style = base["cell_center"].clone(
            "form_label", fontSize=self.sizes.font, leading=self.sizes.leading
        )
        self.value_style = base["cell"].clone(
            "form_value", fontSize=self.sizes.font, leading=self.sizes.leading
        )
        self.section_style = base["cell_center"].clone(
            "form_section", fontSize=self.sizes.font + 1, leading=self.sizes.leading + 2
        )

    def _value(self, value: str | Flowable | list) -> Flowable | list:
        if isinstance(value, (Flowable, list)):
            return value
        text = (value or "").strip()
        return Paragraph(escape(text) if text else NONE_TEXT, self.value_style)

    def pair(self, label1: str, value1: str | Flowable, label2: str, value2: str | Flowable,
             *, height: float = 0) -> None:
        row = len(self.rows)
        cells = [self._value(value1), self._value(value2)]
        if height:
            cells = [MinHeight(cell, height) for cell in cells]
        self.rows.append([Paragraph(escape(label1), self.label_style), cells[0],
                          Paragraph(escape(label2), self.label_style), cells[1]])
        self.commands += [("BACKGROUND", (0, row), (0, row), LABEL_FILL),
                          ("BACKGROUND", (2, row), (2, row), LABEL_FILL)]

    def wide(self, label: str, value: str | Flowable | list, *, min_height: float = 0) -> None:
        row = len(self.rows)
        cell = self._value(value)
        if min_height:
            cell = MinHeight(cell, min_height) if isinstance(cell, Flowable) else cell
            self.commands.append(("VALIGN", (1, row), (3, row), "TOP"))
        self.rows.append([Paragraph(escape(label), self.label_style), cell, "", ""])
        self.commands += [("SPAN", (1, row), (3, row)),
                          ("BACKGROUND", (0, row), (0, row), LABEL_FILL)]

    def section(self, text: str) -> None:
        row = len(self.rows)
        self.rows.append([Paragraph(escape(text), self.section_style), "", "", ""])
        self.commands += [("SPAN", (0, row), (3, row)),
                          ("BACKGROUND", (0, row), (3, row), SECTION_FILL)]

    def table(self, width: float) -> Table:
        label_width = LABEL_WIDTH
        value_width = (width - 2 * label_width) / 2
        padding = [("TOPPADDING", (0, 0), (-1, -1), self.sizes.padding),
                   ("BOTTOMPADDING", (0, 0), (-1, -1), self.sizes.padding)]
        return Table(self.rows, colWidths=[label_width, value_width, label_width, value_width],
                     style=form_table_style(padding + self.commands), splitByRow=1)


def frame_width() -> float:
    """The usable width of the page frame (content box less the frame's padding)."""
    return content_box().width - FRAME_PADDING


def frame_height() -> float:
    """The usable height of the page frame."""
    return content_box().height - FRAME_PADDING


def story_height(story: list[Flowable], width: float) -> float:
    """The height `story` takes laid out at `width` (to choose a size that fits one page)."""
    height = 0.0
    for flowable in story:
        height += flowable.wrap(width, 10_000)[1]
        height += flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return height


class RuledLines(Flowable):
    """Blank ruled lines for an answer written by hand, as wide as the cell."""

    def __init__(self, lines: int, spacing: float = 8 * mm) -> None:
        super().__init__()
        self.lines = lines
        self.spacing = spacing
        self._width = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._width = avail_width
        return avail_width, self.lines * self.spacing

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(colors.HexColor("#999999"))
        canvas.setLineWidth(0.4)
        for index in range(1, self.lines):
            canvas.line(0, index * self.spacing, self._width, index * self.spacing)
        canvas.restoreState()


class MinHeight(Flowable):
    """A flowable padded below to at least `min_height` (a tall form cell)."""

    def __init__(self, content: Flowable, min_height: float) -> None:
        super().__init__()
        self.content = content
        self.min_height = min_height
        self._content_height = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        width, self._content_height = self.content.wrap(avail_width, avail_height)
        return avail_width, max(self._content_height, self.min_height)

    def draw(self) -> None:
        height = max(self._content_height, self.min_height)
        self.content.drawOn(self.canv, 0, height - self._content_height)


class DashedCutLine(Flowable):
    """A dashed line across the frame with a short note in the middle (裁剪线)."""

    def __init__(self, note: str, font: str, font_size: float = 8) -> None:
        super().__init__()
        self.note = note
        self.font = font
        self.font_size = font_size
        self._width = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._width = avail_width
        return avail_width, self.font_size * 1.6

    def draw(self) -> None:
        canvas = self.canv
        y = self.font_size * 0.8
        text_width = stringWidth(self.note, self.font, self.font_size)
        gap_start = (self._width - text_width) / 2 - 2 * mm
        gap_end = (self._width + text_width) / 2 + 2 * mm
        canvas.saveState()
        canvas.setStrokeColor(colors.HexColor("#777777"))
        canvas.setLineWidth(0.5)
        canvas.setDash(4, 3)
        canvas.line(0, y, gap_start, y)
        canvas.line(gap_end, y, self._width, y)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.setFont(self.font, self.font_size)
        canvas.drawCentredString(self._width / 2, y - self.font_size * 0.35, self.note)
        canvas.restoreState()
