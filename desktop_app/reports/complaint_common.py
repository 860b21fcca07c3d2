"""Shared pieces of the complaint printouts (登记表, 反馈单, 每日汇总, 每月通报).

Chinese labels for the domain codes (an unknown code prints as itself, so a
printout never fails on data it does not know), date formats, the list table
style and the phone guard of the summaries.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table, TableStyle

from desktop_app.domain.deadlines import REQUEST_TYPE_LABELS
from desktop_app.domain.matters import (
    CATEGORY_LABELS,
    CHANNEL_LABELS,
    CLOSE_REASON_LABELS,
    CONSENT_METHOD_LABELS,
    SATISFACTION_LABELS,
    STATUS_LABELS,
)
from desktop_app.domain.validation import mask_phone
from desktop_app.reports.fonts import register_fonts

HEADER_FILL = colors.HexColor("#E4E4E4")
NONE_TEXT = "—"

def prepare_fonts() -> str:
    """Register the CJK font (with the CJK line-start rule); the font name."""
    return register_fonts()


def _label(mapping: Mapping[Any, str], code: str | None) -> str:
    if not code:
        return NONE_TEXT
    return mapping.get(code, code)  # StrEnum keys compare equal to their string codes


def type_label(code: str | None) -> str:
    return _label(REQUEST_TYPE_LABELS, code)


def channel_label(code: str | None) -> str:
    return _label(CHANNEL_LABELS, code)


def category_label(code: str | None) -> str:
    return _label(CATEGORY_LABELS, code)


def status_label(code: str | None) -> str:
    return _label(STATUS_LABELS, code)


def satisfaction_label(code: str | None) -> str:
    return _label(SATISFACTION_LABELS, code)


def close_reason_label(code: str | None) -> str:
    return _label(CLOSE_REASON_LABELS, code)


def consent_method_label(code: str | None) -> str:
    return _label(CONSENT_METHOD_LABELS, code)


def fmt_datetime(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else NONE_TEXT


def fmt_date(value: date | None) -> str:
    return f"{value:%Y-%m-%d}" if value else NONE_TEXT


def fmt_deadline(due: date | None, provisional: bool) -> str:
    """2026-10-26, or 2026-10-26（待核定） when the year's calendar is not entered yet."""
    return fmt_date(due) + ("（待核定）" if due and provisional else "")


_UNMASKED_DIGITS = re.compile(r"\d{7,}")


def summary_phone(phone: str | None) -> str:
    """A phone for a summary: masked (138****1234), never whole (DESIGN §3).

    The callers pass masked phones already; a value that still holds seven
    digits in a row is masked here as a second guard. Already masked values
    are kept as they are.
    """
    text = (phone or "").strip()
    if not text:
        return NONE_TEXT
    if _UNMASKED_DIGITS.search(re.sub(r"[\s-]", "", text)):
        return mask_phone(text)
    return text


def escape(text: str | None) -> str:
    """Text for a Paragraph: markup characters escaped, line breaks kept."""
    value = (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value.replace("\r\n", "\n").replace("\n", "<br/>")


def list_table_style(header_rows: int = 1) -> TableStyle:
    """A summary list: shaded header row(s), thin grid."""
    return TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#666666")),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
    )


TOTAL_FILL = colors.HexColor("#F3F3F3")


def list_table(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float], *,
               width: float, styles: Mapping[str, ParagraphStyle], left: Collection[int] = (0,),
               total_row: bool = False) -> Table:
    """A list table `width` wide: `widths` are relative; columns in `left` left-aligned, the
    others centred (styles "head", "cell", "cell_center"); a shaded last row if `total_row`."""
    cells = [[Paragraph(escape(h), styles["head"]) for h in header]]
    cells += [[Paragraph(escape(text), styles["cell"] if col in left else styles["cell_center"])
               for col, text in enumerate(row)] for row in rows]
    scale = width / sum(widths)
    table = Table(cells, colWidths=[w * scale for w in widths], repeatRows=1)
    style = list_table_style()
    if total_row and rows:
        style.add("BACKGROUND", (0, -1), (-1, -1), TOTAL_FILL)
    table.setStyle(style)
    return table
