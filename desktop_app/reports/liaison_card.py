"""The 医患连心卡: a cut-out card with every clinical department's phone number.

Seed 004 / DESIGN §1.7: during ward rounds each inpatient is handed a card
carrying each clinical department's phone and the complaint channels
(投诉电话, 投诉邮箱, 投诉信箱, 服务群众管理办公室, 微信公众号).

Eight cards go on one A4 sheet (2 columns × 4 rows) between the shared page
header and footer, separated by light dashed cut lines. When there are many
departments the card steps down through more compact profiles (smaller text,
a one-line heading, a third column) until everything fits inside the card;
at least 20 departments fit legibly.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.pdfgen.canvas import Canvas

from desktop_app.reports.fonts import register_fonts
from desktop_app.reports.layout import ContentBox, PageHeader, build_canvas_document

CARD_TITLE = "医患连心卡"
CARD_SLOGAN = "您的满意是我们的追求，有事请随时联系"
SHEET_TITLE = "连心卡打印页（沿虚线裁开）"
"""Page-header title of the sheet (deliberately not the card title itself)."""

CARD_COLUMNS = 2
CARD_ROWS = 4
CARDS_PER_PAGE = CARD_COLUMNS * CARD_ROWS


@dataclass(frozen=True)
class DepartmentPhone:
    """One clinical department and the phone number patients may call."""

    name: str
    phone: str


@dataclass(frozen=True)
class LiaisonCardData:
    """Everything printed on the card; empty contact values are left off."""

    institution_name: str
    complaint_phone: str
    email: str
    mailbox_location: str
    office_location: str
    wechat_account: str
    departments: tuple[DepartmentPhone, ...]


def build_liaison_cards(
    data: LiaisonCardData, *, printed_at: datetime, copies: int = 8
) -> bytes:
    """Sheets of 医患连心卡, eight to an A4 page, under the shared page frame; the PDF.

    `copies` is rounded up to whole pages (every sheet is printed full), so
    copies=9 gives two pages of eight cards. Raises ValueError (Chinese
    message) for copies < 1 or a card whose content cannot fit.
    """
    if copies < 1:
        raise ValueError("份数至少为 1")
    register_fonts()
    page_count = math.ceil(copies / CARDS_PER_PAGE)
    header = PageHeader(
        institution_name=data.institution_name, title=SHEET_TITLE, printed_at=printed_at
    )
    return build_canvas_document(header, [partial(_draw_sheet, data)] * page_count)


# --- measuring --------------------------------------------------------------

_PAD_X = 4 * mm
_PAD_Y = 3.5 * mm
_COLUMN_GAP = 5 * mm
_NAME_PHONE_GAP = 3 * mm
_SECTION_GAP = 1.5 * mm  # between a separator rule and the text next to it
_DEPARTMENT_LEADING = 1.25
_CONTACT_LEADING = 1.35
_EMPHASIS_EXTRA = 1.5  # the complaint phone is this much larger than other contacts

_ACCENT = colors.HexColor("#9E1B1B")
_MUTED = colors.HexColor("#555555")
_SEPARATOR = colors.HexColor("#999999")
_LEADER = colors.HexColor("#BBBBBB")
_CUT_LINE = colors.HexColor("#AAAAAA")


@dataclass(frozen=True)
class _Profile:
    """One step of compactness: heading style, contact size, department size range."""

    compact_heading: bool
    contact_size: float
    largest_department_size: float
    smallest_department_size: float


# Tried in order; the first profile in which the departments fit wins, at the
# largest department size that fits.
_PROFILES: tuple[_Profile, ...] = (
    _Profile(False, 8.0, 10.0, 8.0),
    _Profile(False, 7.5, 8.0, 6.5),
    _Profile(True, 6.5, 7.5, 5.0),
)
_SIZE_STEP = 0.5


@dataclass(frozen=True)
class _Heading:
    """Sizes and baselines (distance below the card's inner top) of the heading."""

    compact: bool
    name_size: float
    title_size: float
    slogan_size: float
    name_baseline: float
    title_baseline: float
    slogan_baseline: float
    rule: float  # the separator under the heading

    @property
    def height(self) -> float:
        return self.rule + _SECTION_GAP


@dataclass(frozen=True)
class _ContactLine:
    label: str
    value: str
    size: float
    wrapped: tuple[str, ...]  # the value, broken to fit beside the label
    emphasised: bool


@dataclass(frozen=True)
class _CardFit:
    """The profile and sizes at which the card's content fits its box."""

    heading: _Heading
    department_size: float
    department_columns: int
    contacts: tuple[_ContactLine, ...]

    @property
    def contacts_height(self) -> float:
        return _contacts_height(self.contacts)


def _font() -> str:
    return register_fonts()


def _ascent(size: float) -> float:
    return getAscentDescent(_font(), size)[0]


def _width(text: str, size: float) -> float:
    return stringWidth(text, _font(), size)


def _shrunk(text: str, size: float, width: float) -> float:
    """`size`, or smaller so `text` fits in `width`."""
    natural = _width(text, size)
    return size if natural <= width else size * width / natural


def _heading(compact: bool, institution_name: str, width: float) -> _Heading:
    """The heading's layout; a long institution name is set smaller to fit."""
    if compact:
        # One line: institution name and title side by side, then the slogan.
        title_size, slogan_size = 12.0, 6.5
        name_room = width - _width(CARD_TITLE, title_size) - 2 * mm
        name_size = _shrunk(institution_name, 9.0, name_room)
        title_baseline = _ascent(title_size)
        name_baseline = title_baseline
        slogan_baseline = title_baseline + title_size * 0.25 + 1 + _ascent(slogan_size)
    else:
        title_size, slogan_size = 15.0, 7.0
        name_size = _shrunk(institution_name, 8.5, width)
        name_baseline = _ascent(name_size)
        title_baseline = name_baseline + name_size * 0.3 + 1 + _ascent(title_size)
        slogan_baseline = title_baseline + title_size * 0.25 + 1 + _ascent(slogan_size)
    rule = slogan_baseline + slogan_size * 0.4 + 1 * mm
    return _Heading(
        compact, name_size, title_size, slogan_size,
        name_baseline, title_baseline, slogan_baseline, rule,
    )


def _wrap(text: str, size: float, width: float) -> tuple[str, ...]:
    """Break `text` character by character (CJK has no spaces) to fit `width`."""
    lines: list[str] = []
    current = ""
    for char in text.strip():
        if current and _width(current + char, size) > width:
            lines.append(current.rstrip())
            current = "" if char.isspace() else char
        else:
            current += char
    if current:
        lines.append(current)
    return tuple(lines) or ("",)


def _contacts(data: LiaisonCardData, size: float, width: float) -> tuple[_ContactLine, ...]:
    """The non-empty contact lines at `size` (the complaint phone a little larger)."""
    candidates = (
        ("投诉电话：", data.complaint_phone, True),
        ("投诉邮箱：", data.email, False),
        ("投诉信箱：", data.mailbox_location, False),
        ("服务群众管理办公室：", data.office_location, False),
        ("微信公众号：", data.wechat_account, False),
    )
    lines = []
    for label, value, emphasised in candidates:
        if not value.strip():
            continue
        line_size = size + _EMPHASIS_EXTRA if emphasised else size
        value_width = max(width - _width(label, line_size), line_size * 4)
        lines.append(
            _ContactLine(label, value, line_size, _wrap(value, line_size, value_width), emphasised)
        )
    return tuple(lines)


def _contacts_height(contacts: tuple[_ContactLine, ...]) -> float:
    return sum(len(line.wrapped) * line.size * _CONTACT_LEADING for line in contacts)


def _department_sizes(profile: _Profile) -> Iterator[float]:
    size = profile.largest_department_size
    while size >= profile.smallest_department_size - 1e-9:
        yield size
        size -= _SIZE_STEP


def _column_choices(count: int) -> tuple[int, ...]:
    return (1, 2, 3) if count <= 3 else (2, 3, 1)


def _column_width(width: float, columns: int) -> float:
    return (width - (columns - 1) * _COLUMN_GAP) / columns


def _departments_fit(
    departments: tuple[DepartmentPhone, ...],
    size: float,
    columns: int,
    width: float,
    height: float,
) -> bool:
    if not departments:
        return True
    rows = math.ceil(len(departments) / columns)
    if rows * size * _DEPARTMENT_LEADING > height:
        return False
    widest = max(
        _width(d.name, size) + _NAME_PHONE_GAP + _width(d.phone, size) for d in departments
    )
    return widest <= _column_width(width, columns)


def _fit_card(data: LiaisonCardData, card_width: float, card_height: float) -> _CardFit:
    """The first profile, and in it the largest text, at which the whole card fits.

    Raises ValueError (Chinese message) if even the most compact profile overflows.
    """
    inner_width = card_width - 2 * _PAD_X
    inner_height = card_height - 2 * _PAD_Y
    for profile in _PROFILES:
        heading = _heading(profile.compact_heading, data.institution_name, inner_width)
        contacts = _contacts(data, profile.contact_size, inner_width)
        department_height = (
            inner_height - heading.height - _contacts_height(contacts) - 2 * _SECTION_GAP
        )
        for size in _department_sizes(profile):
            for columns in _column_choices(len(data.departments)):
                if _departments_fit(
                    data.departments, size, columns, inner_width, department_height
                ):
                    return _CardFit(heading, size, columns, contacts)
    raise ValueError(
        f"连心卡内容过多（{len(data.departments)} 个科室），一张卡片放不下，"
        "请减少科室或缩短科室名称、地址"
    )


# --- drawing ----------------------------------------------------------------


def _card_boxes(box: ContentBox) -> list[ContentBox]:
    """The eight card rectangles of one sheet, left to right, top to bottom."""
    width = box.width / CARD_COLUMNS
    height = box.height / CARD_ROWS
    return [
        ContentBox(box.x + column * width, box.top - (row + 1) * height, width, height)
        for row in range(CARD_ROWS)
        for column in range(CARD_COLUMNS)
    ]


def _draw_sheet(data: LiaisonCardData, canvas: Canvas, box: ContentBox) -> None:
    cards = _card_boxes(box)
    fit = _fit_card(data, cards[0].width, cards[0].height)
    _draw_cut_lines(canvas, box)
    for card in cards:
        _draw_card(canvas, data, fit, card)


def _draw_cut_lines(canvas: Canvas, box: ContentBox) -> None:
    canvas.saveState()
    canvas.setStrokeColor(_CUT_LINE)
    canvas.setLineWidth(0.4)
    canvas.setDash(3, 2)
    width = box.width / CARD_COLUMNS
    height = box.height / CARD_ROWS
    for column in range(CARD_COLUMNS + 1):
        x = box.x + column * width
        canvas.line(x, box.y, x, box.top)
    for row in range(CARD_ROWS + 1):
        y = box.y + row * height
        canvas.line(box.x, y, box.right, y)
    canvas.restoreState()


def _draw_bold_string(canvas: Canvas, x: float, y: float, text: str, size: float) -> None:
    """The font has no bold face: fill and stroke the glyphs for a bold look."""
    text_object = canvas.beginText(x, y)
    text_object.setFont(_font(), size)
    text_object.setTextRenderMode(2)
    text_object.textOut(text)
    canvas.saveState()
    canvas.setLineWidth(size * 0.03)
    canvas.drawText(text_object)
    canvas.restoreState()


def _draw_card(canvas: Canvas, data: LiaisonCardData, fit: _CardFit, card: ContentBox) -> None:
    left = card.x + _PAD_X
    right = card.right - _PAD_X
    top = card.top - _PAD_Y
    canvas.saveState()
    canvas.setLineWidth(0.4)
    _draw_heading(canvas, data, fit.heading, left, right, top)

    contacts_top = card.y + _PAD_Y + fit.contacts_height
    if fit.contacts:
        canvas.setStrokeColor(_SEPARATOR)
        rule_y = contacts_top + _SECTION_GAP
        canvas.line(left, rule_y, right, rule_y)
    _draw_contacts(canvas, fit.contacts, left, contacts_top)

    # The department list sits in the middle of the space left between the rules.
    departments_top = top - fit.heading.height
    departments_bottom = contacts_top + 2 * _SECTION_GAP
    rows = math.ceil(len(data.departments) / fit.department_columns)
    list_height = rows * fit.department_size * _DEPARTMENT_LEADING
    spare = max(0.0, departments_top - departments_bottom - list_height)
    _draw_departments(canvas, data.departments, fit, left, right, departments_top - spare / 2)
    canvas.restoreState()


def _draw_heading(
    canvas: Canvas, data: LiaisonCardData, heading: _Heading,
    left: float, right: float, top: float,
) -> None:
    font = _font()
    centre = (left + right) / 2
    if heading.compact:
        name_width = _width(data.institution_name, heading.name_size)
        title_width = _width(CARD_TITLE, heading.title_size)
        start = centre - (name_width + 2 * mm + title_width) / 2
        canvas.setFillColor(_MUTED)
        canvas.setFont(font, heading.name_size)
        canvas.drawString(start, top - heading.name_baseline, data.institution_name)
        title_x = start + name_width + 2 * mm
    else:
        canvas.setFillColor(_MUTED)
        canvas.setFont(font, heading.name_size)
        canvas.drawCentredString(centre, top - heading.name_baseline, data.institution_name)
        title_x = centre - _width(CARD_TITLE, heading.title_size) / 2
    canvas.setFillColor(_ACCENT)
    canvas.setStrokeColor(_ACCENT)
    _draw_bold_string(canvas, title_x, top - heading.title_baseline, CARD_TITLE,
                      heading.title_size)
    canvas.setFillColor(_MUTED)
    canvas.setFont(font, heading.slogan_size)
    canvas.drawCentredString(centre, top - heading.slogan_baseline, CARD_SLOGAN)
    canvas.setStrokeColor(_SEPARATOR)
    canvas.line(left, top - heading.rule, right, top - heading.rule)


def _draw_departments(
    canvas: Canvas, departments: tuple[DepartmentPhone, ...], fit: _CardFit,
    left: float, right: float, top: float,
) -> None:
    """Name left, phone right, a dotted leader between; filled column by column."""
    if not departments:
        return
    size = fit.department_size
    leading = size * _DEPARTMENT_LEADING
    columns = fit.department_columns
    rows = math.ceil(len(departments) / columns)
    column_width = _column_width(right - left, columns)
    font = _font()
    for index, department in enumerate(departments):
        column, row = divmod(index, rows)
        x = left + column * (column_width + _COLUMN_GAP)
        baseline = top - row * leading - _ascent(size)
        canvas.setFillColor(colors.black)
        canvas.setFont(font, size)
        canvas.drawString(x, baseline, department.name)
        canvas.drawRightString(x + column_width, baseline, department.phone)
        leader_start = x + _width(department.name, size) + 1.2 * mm
        leader_end = x + column_width - _width(department.phone, size) - 1.2 * mm
        if leader_end > leader_start:
            canvas.saveState()
            canvas.setStrokeColor(_LEADER)
            canvas.setLineWidth(0.6)
            canvas.setLineCap(1)
            canvas.setDash([0, 2])
            canvas.line(leader_start, baseline + 0.5, leader_end, baseline + 0.5)
            canvas.restoreState()


def _draw_contacts(
    canvas: Canvas, contacts: tuple[_ContactLine, ...], left: float, top: float
) -> None:
    font = _font()
    y = top
    for line in contacts:
        label_width = _width(line.label, line.size)
        for number, text in enumerate(line.wrapped):
            y -= line.size * _CONTACT_LEADING
            baseline = y + line.size * 0.3
            if line.emphasised:
                canvas.setFillColor(_ACCENT)
                canvas.setStrokeColor(_ACCENT)
                if number == 0:
                    _draw_bold_string(canvas, left, baseline, line.label, line.size)
                _draw_bold_string(canvas, left + label_width, baseline, text, line.size)
                continue
            canvas.setFont(font, line.size)
            if number == 0:
                canvas.setFillColor(_MUTED)
                canvas.drawString(left, baseline, line.label)
            canvas.setFillColor(colors.black)
            canvas.drawString(left + label_width, baseline, text)
