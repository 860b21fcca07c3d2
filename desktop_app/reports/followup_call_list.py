"""出院患者回访工作单: the day's call list, the working paper for the follow-up calls.

Landscape A4, one table per tier (一级, 二级, 三级), each sorted by window end
so the overdue calls come first (shaded, marked 逾期). It carries the
patients' whole phone numbers — the only printout that does (DESIGN §3) — so
every page's header and the heading say it is for the calls only and is to
be collected after use. The last three columns are left empty to be
filled in by hand (回访情况, 满意度, 签名).

Plain data in (`CallListRow` from the follow-up service), PDF bytes out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table

from desktop_app.domain.followup import FOLLOWUP_TIER_LABELS, FollowUpTier
from desktop_app.domain.followup_records import SEX_LABELS, SPECIAL_REASON_LABELS
from desktop_app.reports.complaint_common import NONE_TEXT, escape, fmt_date, list_table_style
from desktop_app.reports.fonts import register_fonts
from desktop_app.reports.layout import PageHeader, build_document, content_box, styles

if TYPE_CHECKING:
    from desktop_app.records.followup_results import CallListRow

TITLE = "出院患者回访工作单"
CAUTION = "内含患者联系电话，仅供回访使用，用后收回"
PAGESIZE = landscape(A4)
_FRAME_PADDING = 12  # SimpleDocTemplate's frame: 6 pt on each side
_WIDTH = content_box(PAGESIZE).width - _FRAME_PADDING
_WEEKDAYS = "一二三四五六日"
_OVERDUE_FILL = colors.HexColor("#EDEDED")
_HINT = "#555555"

_TIER_HOW = {
    FollowUpTier.first: "科室医生、护士电话回访",
    FollowUpTier.second: "服务群众管理办公室电话回访，并核查一级回访",
    FollowUpTier.third: "院领导到户回访，仅特殊患者",
}

_COLUMNS: tuple[tuple[str, float], ...] = (
    ("序号", 8), ("患者", 19), ("联系电话", 24), ("住址", 33), ("科室", 14), ("出院日期", 17),
    ("出院诊断", 30), ("回访期限", 22), ("已联系", 15), ("责任人", 18),
    ("回访情况（手填）", 29), ("满意度", 17), ("签名", 15),
)


def _styles() -> dict:
    base = styles()
    return {
        "title": base["title"].clone("call_title", fontSize=17, leading=24, spaceAfter=1),
        "subtitle": base["cell_center"].clone("call_subtitle", fontSize=10.5, leading=15),
        "caution": base["cell_center"].clone("call_caution", fontSize=9, leading=13,
                                             spaceAfter=3 * mm),
        "body": base["body"].clone("call_body", fontSize=10, leading=15),
        "heading": base["heading"].clone("call_heading", fontSize=11.5, leading=16,
                                         spaceBefore=4 * mm, spaceAfter=2 * mm),
        "head": base["cell_center"].clone("call_head", fontSize=8.5, leading=11),
        "cell": base["cell"].clone("call_cell", fontSize=8, leading=10.5),
        "cell_center": base["cell_center"].clone("call_cell_c", fontSize=8, leading=10.5),
        "phone": base["cell_center"].clone("call_phone", fontSize=9.5, leading=12),
        "hint": base["cell"].clone("call_hint", fontSize=7.5, leading=11, textColor=_HINT),
        "note": base["small"].clone("call_note", textColor="#444444", spaceBefore=3 * mm),
    }


def day_title(day: date) -> str:
    """2026-11-23 → "2026年11月23日（星期一）"."""
    return f"{day.year}年{day.month}月{day.day}日（星期{_WEEKDAYS[day.weekday()]}）"


def _lines(*parts: str) -> str:
    return "<br/>".join(escape(p) for p in parts if p)


def _patient(row: CallListRow) -> str:
    sex = SEX_LABELS.get(row.sex, row.sex)  # type: ignore[call-overload]
    special = reason = ""
    if row.special:
        reason = SPECIAL_REASON_LABELS.get(row.special_reason, "")  # type: ignore[call-overload]
        special = "特殊患者"
    return _lines(row.patient_name, f"{sex} {row.age}岁", special, reason)


def _window(row: CallListRow) -> str:
    span = f"{row.window_start:%m-%d}至{row.window_end:%m-%d}"
    status = f"【{row.window_text}】" if row.overdue else row.window_text
    return _lines(span, status)


def _attempts(row: CallListRow) -> str:
    if not row.attempts:
        return "未联系"
    failed = f"未接通 {row.failed_attempts}" if row.failed_attempts else ""
    return _lines(f"{row.attempts} 次", failed)


def _row(number: int, row: CallListRow, st: dict) -> list[Paragraph]:
    hint = st["hint"]
    return [
        Paragraph(str(number), st["cell_center"]),
        Paragraph(_patient(row), st["cell"]),
        Paragraph(escape(row.phone) or NONE_TEXT, st["phone"]),
        Paragraph(escape(row.address) or NONE_TEXT, st["cell"]),
        Paragraph(escape(row.department_name), st["cell_center"]),
        Paragraph(fmt_date(row.discharged_on), st["cell_center"]),
        Paragraph(escape(row.diagnosis) or NONE_TEXT, st["cell"]),
        Paragraph(_window(row), st["cell_center"]),
        Paragraph(_attempts(row), st["cell_center"]),
        Paragraph(_lines(*row.assignee.split("、")) or NONE_TEXT, st["cell"]),  # a name a line
        Paragraph("□已接通 □未接通", hint),
        Paragraph("□满意<br/>□基本满意<br/>□不满意", hint),
        Paragraph("", st["cell"]),
    ]


def _tier_table(rows: Sequence[CallListRow], start: int, st: dict) -> Table:
    header = [Paragraph(name, st["head"]) for name, _ in _COLUMNS]
    body = [_row(start + i, row, st) for i, row in enumerate(rows)]
    scale = _WIDTH / sum(w for _, w in _COLUMNS)
    table = Table([header, *body], colWidths=[w * scale for _, w in _COLUMNS], repeatRows=1)
    style = list_table_style()
    style.add("VALIGN", (10, 1), (-1, -1), "TOP")
    for i, row in enumerate(rows, start=1):
        if row.overdue:
            style.add("BACKGROUND", (0, i), (-1, i), _OVERDUE_FILL)
    table.setStyle(style)
    return table


def _overview(rows: Sequence[CallListRow]) -> str:
    by_tier = {tier: sum(r.tier == tier for r in rows) for tier in FollowUpTier}
    parts = "，".join(f"{FOLLOWUP_TIER_LABELS[t]} {n}" for t, n in by_tier.items() if n)
    overdue = sum(r.overdue for r in rows)
    text = f"本日待访 {len(rows)} 人次（{parts}）" if rows else "本日没有待访的出院患者。"
    if overdue:
        text += (f"；其中 {overdue} 人次已过回访期仍未完成（底色标出），请尽快补访，"
                 "联系失败满 3 次的可登记失访")
    return text + ("。" if rows else "")


def call_list_story(rows: Sequence[CallListRow], *, day: date, scope: str) -> list[Flowable]:
    """The heading, the overview and one table per tier."""
    register_fonts()
    st = _styles()
    story: list[Flowable] = [
        Paragraph(TITLE, st["title"]),
        Paragraph(escape(f"{day_title(day)}　　范围：{scope}"), st["subtitle"]),
        Paragraph(f"（{CAUTION}）", st["caution"]),
        Paragraph(escape(_overview(rows)), st["body"]),
    ]
    number = 1
    for tier in FollowUpTier:
        group = [r for r in rows if r.tier == tier]
        if not group:
            continue
        overdue = sum(r.overdue for r in group)
        heading = f"{FOLLOWUP_TIER_LABELS[tier]}（{_TIER_HOW[tier]}）　共 {len(group)} 人"
        if overdue:
            heading += f"，逾期 {overdue} 人"
        story += [CondPageBreak(45 * mm),  # the heading never ends a page alone
                  Paragraph(escape(heading), st["heading"]), _tier_table(group, number, st)]
        number += len(group)
    story.append(Paragraph(
        "回访后请当天在“出院回访”中录入每次联系和回访结果；患者意见建议可在录入时转为登记事项。"
        f"本工作单{CAUTION}，不得复印、拍照或外传。", st["note"]))
    return story


def build_call_list(rows: Sequence[CallListRow], *, day: date, scope: str,
                    institution_name: str, printed_at: datetime) -> bytes:
    """The 出院患者回访工作单 of `day` for `scope` (a department's name or 全院) as PDF bytes."""
    header = PageHeader(institution_name=institution_name, title=f"{TITLE}（{CAUTION}）",
                        printed_at=printed_at)
    return build_document(header, call_list_story(rows, day=day, scope=scope), pagesize=PAGESIZE)
