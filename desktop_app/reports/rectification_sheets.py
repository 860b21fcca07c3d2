"""整改通知单 and 整改台账 (DESIGN §1.5: rectification items from every source).

- 整改通知单 (`build_rectification_notices`): one notice per responsible
  department, each starting on a new page: to the department, its open items
  the way the seeds' rectification plans write them (来源, 存在的问题,
  整改措施, 整改期限), overdue ones marked; blank lines for 整改完成情况 to be
  filled in by hand, a 科室负责人签收 line with its date, and the office's
  name and the day it was issued.
- 整改台账 (`build_rectification_ledger`): landscape A4, one line per item
  (序号, 来源, 发现日期, 问题, 整改措施, 责任科室, 整改期限, 状态,
  整改情况, 复查人/日期, 销号日期); overdue lines shaded with 逾期 N 天; the
  period and whether only open items or all are printed in the heading; the
  totals by status at the top and in a table at the end.

Plain data in (`RectificationRow`, `RectificationNotice` from the
rectification services), PDF bytes out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from desktop_app.domain.rectification import (
    RECTIFICATION_SOURCE_LABELS,
    RECTIFICATION_STATUS_LABELS,
    RectificationSource,
    RectificationStatus,
)
from desktop_app.reports.complaint_common import NONE_TEXT, escape, fmt_date, list_table_style
from desktop_app.reports.complaint_form import RuledLines, frame_width
from desktop_app.reports.fonts import register_fonts
from desktop_app.reports.layout import PageHeader, build_document, content_box, styles

if TYPE_CHECKING:
    from desktop_app.records.rectification_rows import RectificationNotice, RectificationRow

NOTICE_TITLE = "整改通知单"
LEDGER_TITLE = "整改台账"
OFFICE_NAME = "服务群众管理办公室"
LEDGER_PAGESIZE = landscape(A4)
_FRAME_PADDING = 12  # SimpleDocTemplate's frame: 6 pt on each side
_LEDGER_WIDTH = content_box(LEDGER_PAGESIZE).width - _FRAME_PADDING
_OVERDUE_FILL = colors.HexColor("#E6E6E6")
_TOTAL_FILL = colors.HexColor("#F3F3F3")
_MARK = "#9A0000"
_HINT = "#555555"
_NOTICE_LINES = 6


def _styles() -> dict:
    base = styles()
    return {
        "title": base["title"].clone("rs_title", fontSize=17, leading=24, spaceAfter=1),
        "subtitle": base["cell_center"].clone("rs_subtitle", fontSize=10, leading=15,
                                              spaceAfter=4 * mm),
        "to": base["body"].clone("rs_to", fontSize=12, leading=18, spaceAfter=1 * mm),
        "body": base["body"].clone("rs_body", fontSize=10, leading=16, firstLineIndent=20),
        "plain": base["body"].clone("rs_plain", fontSize=9.5, leading=14),
        "heading": base["heading"].clone("rs_heading", fontSize=11, leading=15,
                                         spaceBefore=4 * mm, spaceAfter=1.5 * mm),
        "head": base["cell_center"].clone("rs_head", fontSize=8.5, leading=11),
        "cell": base["cell"].clone("rs_cell", fontSize=8.5, leading=11.5),
        "cell_center": base["cell_center"].clone("rs_cell_c", fontSize=8.5, leading=11.5),
        "overdue": base["cell_center"].clone("rs_overdue", fontSize=8.5, leading=11.5,
                                             textColor=_MARK),
        "hint": base["cell"].clone("rs_hint", fontSize=7.5, leading=10, textColor=_HINT),
        "sign": base["body"].clone("rs_sign", fontSize=10.5, leading=16, spaceAfter=0),
        "issuer": base["body"].clone("rs_issuer", fontSize=10.5, leading=16, alignment=TA_RIGHT),
        "note": base["small"].clone("rs_note", textColor="#444444", spaceBefore=2),
    }


def status_label(code: str) -> str:
    try:
        return RECTIFICATION_STATUS_LABELS[RectificationStatus(code)]
    except ValueError:
        return code


def source_label(code: str) -> str:
    try:
        return RECTIFICATION_SOURCE_LABELS[RectificationSource(code)]
    except ValueError:
        return code


def date_cn(day: date) -> str:
    """2026-11-23 → "2026年11月23日"."""
    return f"{day.year}年{day.month}月{day.day}日"


def _source(row: RectificationRow) -> str:
    """来源: the kind, and the source's own wording when it says more."""
    label = source_label(row.source_kind)
    text = row.source_text.strip()
    if not text:
        return escape(label)
    return f"{escape(label)}<br/><font size=7.5 color='{_HINT}'>{escape(text)}</font>"


def _problem(row: RectificationRow) -> str:
    """存在的问题, with the checklist item it was found against (grey, smaller)."""
    text = escape(row.problem) or NONE_TEXT
    if row.item_text:
        item = f"{row.area}：{row.item_text}" if row.area else row.item_text
        text += f"<br/><font size=7.5 color='{_HINT}'>检查项：{escape(item)}</font>"
    return text


def _deadline(row: RectificationRow, st: dict, *, with_status: bool = False) -> Paragraph:
    """The deadline and 剩 N 天 / 【逾期 N 天】 (with `with_status`: also 待复查 / 已销号)."""
    text = fmt_date(row.deadline)
    if row.overdue:
        return Paragraph(f"{text}<br/>【{escape(row.deadline_text)}】", st["overdue"])
    if row.status == RectificationStatus.pending or with_status:
        return Paragraph(f"{text}<br/>{escape(row.deadline_text)}", st["cell_center"])
    return Paragraph(text, st["cell_center"])


def _found(row: RectificationRow) -> str:
    """来源 and the day found (unless the source's wording already says the day)."""
    day = fmt_date(row.found_on)
    return _source(row) + ("" if day in row.source_text else f"<br/>发现：{day}")


def _table(header: Sequence[tuple[str, float]], rows: Sequence[Sequence], width: float,
           overdue: Sequence[bool] = ()) -> Table:
    st = _styles()
    cells = [[Paragraph(name, st["head"]) for name, _ in header], *rows]
    scale = width / sum(w for _, w in header)
    table = Table(cells, colWidths=[w * scale for _, w in header], repeatRows=1)
    style = list_table_style()
    style.add("VALIGN", (0, 1), (-1, -1), "TOP")
    for line, late in enumerate(overdue, start=1):
        if late:
            style.add("BACKGROUND", (0, line), (-1, line), _OVERDUE_FILL)
    table.setStyle(style)
    return table


# --- 整改通知单 -----------------------------------------------------------------------------------

_NOTICE_COLUMNS = (("序号", 9), ("来源", 32), ("存在的问题", 53), ("整改措施", 53),
                   ("整改期限", 24))


def notice_story(notice: RectificationNotice, *, today: date) -> list[Flowable]:
    """One department's 整改通知单 (starts on its own page when following another)."""
    st = _styles()
    items = notice.items
    overdue = sum(r.overdue for r in items)
    count = f"共 {len(items)} 项" + (f"，其中 {overdue} 项已逾期（底色标出），请立即整改" if overdue
                                    else "")
    rows = [[Paragraph(str(n), st["cell_center"]),
             Paragraph(_found(r), st["cell"]),
             Paragraph(_problem(r), st["cell"]),
             Paragraph(escape(r.measure) or NONE_TEXT, st["cell"]),
             _deadline(r, st, with_status=True)] for n, r in enumerate(items, start=1)]
    table = _table(_NOTICE_COLUMNS, rows, frame_width(), [r.overdue for r in items])
    finish = Table([[Paragraph("整改完成情况（由责任科室填写，逐项写明整改措施落实情况及完成时间）：",
                               st["plain"])],
                    [RuledLines(_NOTICE_LINES, spacing=8 * mm)]],
                   colWidths=[frame_width()])
    finish.setStyle([("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                     ("LEFTPADDING", (0, 0), (-1, -1), 5), ("RIGHTPADDING", (0, 0), (-1, -1), 5)])
    receipt = Paragraph(
        f"科室负责人签收：________________{'&nbsp;' * 6}签收日期：________年____月____日",
        st["sign"])
    done = Paragraph(
        f"整改完成日期：________年____月____日{'&nbsp;' * 6}复查人：______________",
        st["sign"])
    return [
        Paragraph(NOTICE_TITLE, st["title"]),
        Paragraph(escape(f"{OFFICE_NAME}　{date_cn(today)}"), st["subtitle"]),
        Paragraph(f"{escape(notice.department_name)}：", st["to"]),
        Paragraph(
            "根据周五行政总检查及有关检查、调查中发现的问题，现将你科室需整改的事项通知如下。"
            "请科室负责人签收后按整改措施认真落实，于整改期限前完成整改，填写整改完成情况，"
            f"交回{OFFICE_NAME}；办公室组织复查，复查合格后销号。", st["body"]),
        Paragraph(escape(count + "。"), st["plain"]),
        Spacer(1, 1.5 * mm),
        table,
        KeepTogether([Spacer(1, 5 * mm), finish, Spacer(1, 5 * mm), receipt,
                      Spacer(1, 3 * mm), done, Spacer(1, 6 * mm),
                      Paragraph(OFFICE_NAME, st["issuer"]),
                      Paragraph(date_cn(today), st["issuer"])]),
    ]


def build_rectification_notices(notices: Sequence[RectificationNotice], *, today: date,
                                institution_name: str, printed_at: datetime) -> bytes:
    """The 整改通知单 of each department in `notices`, a new page each; the PDF bytes."""
    if not notices:
        raise ValueError("没有需要发出整改通知的科室")
    register_fonts()
    story: list[Flowable] = []
    for n, notice in enumerate(notices):
        if n:
            story.append(PageBreak())
        story += notice_story(notice, today=today)
    header = PageHeader(institution_name=institution_name, title=NOTICE_TITLE,
                        printed_at=printed_at)
    return build_document(header, story)


# --- 整改台账 -------------------------------------------------------------------------------------

_LEDGER_COLUMNS = (("序号", 9), ("来源", 24), ("发现日期", 19), ("问题", 50), ("整改措施", 45),
                   ("责任科室", 19), ("整改期限", 24), ("状态", 14), ("整改情况", 37),
                   ("复查人/日期", 20), ("销号日期", 19))
"""Relative widths: a date column just holds 2026-11-23, 整改期限 holds 【逾期 38 天】."""


def _rectified(row: RectificationRow) -> str:
    """整改情况: the department's report; a failed re-check's finding when sent back."""
    parts = []
    if row.rectified_note:
        who = "，".join(p for p in (row.rectified_by,
                                     f"{row.rectified_at:%Y-%m-%d}" if row.rectified_at else "")
                       if p)
        parts.append(escape(row.rectified_note)
                     + (f"<br/><font color='{_HINT}'>（{escape(who)}）</font>" if who else ""))
    if row.recheck_passed is False and row.status == RectificationStatus.pending:
        parts.append(f"<font color='{_MARK}'>复查不合格：{escape(row.recheck_note)}</font>")
    return "<br/>".join(parts) or NONE_TEXT


def _recheck(row: RectificationRow) -> str:
    if not row.recheck_by:
        return NONE_TEXT
    verdict = "" if row.recheck_passed is None else ("合格" if row.recheck_passed else "不合格")
    return "<br/>".join(p for p in (escape(row.recheck_by), fmt_date(row.recheck_on), verdict)
                        if p)


def _ledger_row(number: int, row: RectificationRow, st: dict) -> list:
    status = escape(status_label(row.status))
    return [
        Paragraph(str(number), st["cell_center"]),
        Paragraph(_source(row), st["cell"]),
        Paragraph(fmt_date(row.found_on), st["cell_center"]),
        Paragraph(_problem(row), st["cell"]),
        Paragraph(escape(row.measure) or NONE_TEXT, st["cell"]),
        Paragraph(escape(row.departments) or "未指定", st["cell"]),
        _deadline(row, st),
        Paragraph(status + ("<br/>逾期" if row.overdue else ""),
                  st["overdue"] if row.overdue else st["cell_center"]),
        Paragraph(_rectified(row), st["cell"]),
        Paragraph(_recheck(row), st["cell_center"]),
        Paragraph(fmt_date(row.closed_at.date() if row.closed_at else None), st["cell_center"]),
    ]


def status_totals(rows: Sequence[RectificationRow]) -> dict[str, int]:
    """Items per status code, and "overdue" (待整改 past the deadline)."""
    totals = {s.value: 0 for s in RectificationStatus} | {"overdue": 0}
    for row in rows:
        totals[row.status] = totals.get(row.status, 0) + 1
        totals["overdue"] += row.overdue
    return totals


def totals_text(rows: Sequence[RectificationRow]) -> str:
    """"共 5 项：待整改 2 项（其中逾期 1 项），已整改待复查 1 项，已销号 2 项"."""
    t = status_totals(rows)
    pending = f"待整改 {t[RectificationStatus.pending.value]} 项"
    if t["overdue"]:
        pending += f"（其中逾期 {t['overdue']} 项）"
    return (f"共 {len(rows)} 项：{pending}，已整改待复查 {t[RectificationStatus.rectified.value]} 项，"
            f"已销号 {t[RectificationStatus.closed.value]} 项")


def ledger_scope(*, open_only: bool, start: date | None, end: date | None, today: date) -> str:
    """The heading's line: the period of 发现日期, open only or all, the day it stands at."""
    if start and end:
        period = f"发现日期 {fmt_date(start)} 至 {fmt_date(end)}"
    elif start:
        period = f"发现日期 {fmt_date(start)} 起"
    elif end:
        period = f"发现日期至 {fmt_date(end)}"
    else:
        period = "全部日期"
    which = "仅未销号事项" if open_only else "全部事项（含已销号）"
    return f"{period}　{which}　统计截至 {fmt_date(today)}"


def _totals_table(rows: Sequence[RectificationRow]) -> Table:
    """按状态合计: one labelled row of counts (待整改, 其中逾期, 已整改待复查, 已销号, 合计)."""
    st = _styles()
    t = status_totals(rows)
    header = [("按状态合计", 1.3), ("待整改", 1), ("其中逾期", 1), ("已整改待复查", 1.2),
              ("已销号", 1), ("合计", 1)]
    values = [t[RectificationStatus.pending.value], t["overdue"],
              t[RectificationStatus.rectified.value], t[RectificationStatus.closed.value],
              len(rows)]
    cells = [Paragraph("项数", st["cell_center"])]
    cells += [Paragraph(str(v), st["overdue"] if n == 1 and v else st["cell_center"])
              for n, v in enumerate(values)]
    table = _table(header, [cells], 150 * mm)
    table.hAlign = "LEFT"
    table.setStyle([("BACKGROUND", (-1, 1), (-1, 1), _TOTAL_FILL)])
    return table


def ledger_story(rows: Sequence[RectificationRow], *, today: date, open_only: bool,
                 start: date | None, end: date | None) -> list[Flowable]:
    """Title, scope, the totals by status, the ledger table and what 逾期 means."""
    register_fonts()
    st = _styles()
    title = LEDGER_TITLE + ("（未销号）" if open_only else "")
    story: list[Flowable] = [
        Paragraph(escape(title), st["title"]),
        Paragraph(escape(ledger_scope(open_only=open_only, start=start, end=end, today=today)),
                  st["subtitle"]),
    ]
    if not rows:
        story.append(Paragraph("没有符合条件的整改事项。", st["plain"]))
        return story
    story += [
        _totals_table(rows),
        Spacer(1, 3 * mm),
        _table(_LEDGER_COLUMNS, [_ledger_row(n, r, st) for n, r in enumerate(rows, start=1)],
               _LEDGER_WIDTH, [r.overdue for r in rows]),
        Paragraph(escape(f"{totals_text(rows)}。说明：逾期事项底色标出，指整改期限已过仍为“待整改”；"
                         "已整改待复查的事项经复查合格后销号，复查不合格的退回待整改。"), st["note"]),
    ]
    return story


def build_rectification_ledger(rows: Sequence[RectificationRow], *, today: date, open_only: bool,
                               start: date | None, end: date | None, institution_name: str,
                               printed_at: datetime) -> bytes:
    """The 整改台账 of `rows` (already filtered) as landscape PDF bytes."""
    header = PageHeader(institution_name=institution_name, title=LEDGER_TITLE,
                        printed_at=printed_at)
    story = ledger_story(rows, today=today, open_only=open_only, start=start, end=end)
    return build_document(header, story, pagesize=LEDGER_PAGESIZE)
