"""The page content of the 每日汇总 and the 每月通报 (Platypus stories).

Lays out the data of `complaint_summary_data`; `complaint_summaries` (the
public builders) turns these stories into PDFs. Every phone goes through `summary_phone`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table

from desktop_app.domain.deadlines import RequestType
from desktop_app.domain.matters import Channel, IssueCategory
from desktop_app.domain.months import Month
from desktop_app.reports.complaint_charts import category_bar_chart, channel_pie_chart
from desktop_app.reports.complaint_common import (
    NONE_TEXT,
    category_label,
    channel_label,
    escape,
    fmt_date,
    fmt_datetime,
    list_table_style,
    prepare_fonts,
    status_label,
    summary_phone,
    type_label,
)
from desktop_app.reports.complaint_figures import (
    bulletin_title,
    format_change,
    format_percent,
    format_rate_change,
    month_title,
)
from desktop_app.reports.complaint_form import frame_width
from desktop_app.reports.layout import PageHeader, build_document, styles

from desktop_app.reports.complaint_summary_data import (
    CountRow,
    DailySummaryData,
    MonthlyBulletinData,
    SummaryMatter,
)

_WIDTH = frame_width()
_WEEKDAYS = "一二三四五六日"


def _styles() -> dict:
    base = styles()
    return {
        "title": base["title"].clone("summary_title", fontSize=17, leading=24, spaceAfter=2),
        "subtitle": base["cell_center"].clone("summary_subtitle", fontSize=10, leading=14,
                                              spaceAfter=5 * mm),
        "heading": base["heading"].clone("summary_heading", spaceBefore=5 * mm),
        "body": base["body"].clone("summary_body", firstLineIndent=21, leading=18),
        "cell": base["cell"].clone("summary_cell", fontSize=8, leading=10.5),
        "cell_center": base["cell_center"].clone("summary_cell_c", fontSize=8, leading=10.5),
        "head": base["cell_center"].clone("summary_head", fontSize=8.5, leading=11),
        "note": base["small"].clone("summary_note", textColor="#444444", spaceBefore=2),
        "note_indented": base["small"].clone("summary_note_i", leftIndent=21),
        "subheading": base["body"].clone("summary_subheading", spaceBefore=6, firstLineIndent=21),
    }


def summary_document(institution_name: str, title: str, story: list[Flowable],
                     printed_at: datetime) -> bytes:
    """Lay the story out under the shared page frame; the PDF bytes."""
    header = PageHeader(institution_name=institution_name, title=title, printed_at=printed_at)
    return build_document(header, story)


# --- tables -------------------------------------------------------------------


def _table(header: Sequence[str], rows: Iterable[Sequence[str]], widths: Sequence[float],
           *, centered: Collection[int] | None = None, total_row: bool = False,
           width: float = _WIDTH) -> Table:
    """A table `width` wide, columns in the proportions of `widths`; header row shaded.

    Cells of the `centered` columns (default: all but the first) are centred,
    the others left-aligned.
    """
    st = _styles()
    middle = set(range(1, len(header)) if centered is None else centered)
    body = [[Paragraph(escape(text), st["cell_center"] if col in middle else st["cell"])
             for col, text in enumerate(row)] for row in rows]
    cells = [[Paragraph(text, st["head"]) for text in header], *body]
    scale = width / sum(widths)
    table = Table(cells, colWidths=[w * scale for w in widths], repeatRows=1)
    style = list_table_style()
    if total_row and body:
        style.add("BACKGROUND", (0, -1), (-1, -1), "#F3F3F3")
    table.setStyle(style)
    return table


_Count = tuple[str, int, int, int]
"""(key, this month, last month, closed this month): a `CountRow` as a plain tuple."""


def _count_table(first: str, rows: Sequence[_Count], label: Callable[[str], str],
                 *, total: bool = True) -> Table:
    lines = [[label(key), str(this), str(last), format_change(this, last), str(closed)]
             for key, this, last, closed in rows]
    if total:
        this = sum(r[1] for r in rows)
        last = sum(r[2] for r in rows)
        lines.append(["合计", str(this), str(last), format_change(this, last),
                      str(sum(r[3] for r in rows))])
    if not lines:
        lines = [[NONE_TEXT] * 5]
    return _table([first, "本月受理", "上月受理", "环比增减", "本月办结"], lines,
                  [52, 25, 25, 25, 25], total_row=total)


def _in_order(rows: Sequence[CountRow], codes: Sequence[str], *, fill: bool) -> list[_Count]:
    """Rows in the domain's order of `codes` (zero rows added when `fill`), unknown keys last."""
    counts = {r.key: (r.key, r.this_month, r.last_month, r.closed_this_month) for r in rows}
    ordered = [counts.get(code, (code, 0, 0, 0)) for code in codes if fill or code in counts]
    return ordered + [counts[r.key] for r in rows if r.key not in codes]


_MATTER_HEADER = ["编号", "受理时间", "类型", "投诉人", "联系电话", "投诉对象", "状态", "办理期限"]
_MATTER_WIDTHS = [17, 25, 10, 16, 20, 44, 16, 24]


def _deadline_cell(m: SummaryMatter, note: str = "") -> str:
    """The date on its own line, then （待核定） or the note below it."""
    lines = [fmt_date(m.deadline), "（待核定）" if m.provisional else "", note]
    return "\n".join(line for line in lines if line)


def _matter_row(m: SummaryMatter, deadline_note: str = "") -> list[str]:
    deadline = _deadline_cell(m, deadline_note)
    status = status_label(m.status)
    if m.round >= 2:
        status += f"\n第{m.round}次办理"
    return [m.serial, fmt_datetime(m.received_at), type_label(m.request_type),
            m.complainant or NONE_TEXT, summary_phone(m.phone_masked), m.target or NONE_TEXT,
            status, deadline]


def _matter_table(matters: Sequence[SummaryMatter], empty: str,
                  note: Callable[[SummaryMatter], str] = lambda m: "") -> Flowable:
    if not matters:
        return Paragraph(empty, _styles()["note"])
    return _table(_MATTER_HEADER, [_matter_row(m, note(m)) for m in matters], _MATTER_WIDTHS,
                  centered=(6, 7))


# --- 每日汇总 -------------------------------------------------------------------


def _day_title(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日（星期{_WEEKDAYS[day.weekday()]}）"


def daily_story(data: DailySummaryData) -> list[Flowable]:
    """Counts by type and channel, then the day's lists."""
    prepare_fonts()
    st = _styles()
    overview = (
        f"本日受理群众诉求 {len(data.received)} 件，办结 {len(data.closed)} 件；"
        f"一个工作日内到期 {len(data.due_soon)} 件，超期未办结 {len(data.overdue)} 件。"
    )
    types = [t.value for t in RequestType]
    type_rows = [[type_label(t), str(data.received_by_type[t]), str(data.closed_by_type[t])]
                 for t in types]
    type_rows.append(["合计", str(len(data.received)), str(len(data.closed))])
    channels = [c.value for c in Channel]
    used = set(data.received_by_channel) | set(data.closed_by_channel)
    channel_keys = [c for c in channels if c in used] + sorted(used - set(channels))
    channel_rows = [[channel_label(c), str(data.received_by_channel[c]),
                     str(data.closed_by_channel[c])] for c in channel_keys]
    channel_rows.append(["合计", str(len(data.received)), str(len(data.closed))])
    half = (_WIDTH - 6 * mm) / 2
    side_by_side = Table(
        [[_small_table("诉求类型", type_rows, half), _small_table("受理渠道", channel_rows, half)]],
        colWidths=[half + 3 * mm, half + 3 * mm],
        style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
               ("RIGHTPADDING", (0, 0), (-1, -1), 0)],
    )

    def overdue_days(m: SummaryMatter) -> str:
        return f"（超期{(data.day - m.deadline).days}天）" if data.day > m.deadline else ""

    return [
        Paragraph("每日汇总", st["title"]),
        Paragraph(_day_title(data.day), st["subtitle"]),
        Paragraph(overview, st["body"]),
        Paragraph("一、本日受理、办结情况", st["heading"]),
        side_by_side,
        Paragraph("二、本日受理事项", st["heading"]),
        _matter_table(data.received, "本日无受理事项。"),
        Paragraph("三、本日办结事项", st["heading"]),
        _matter_table(data.closed, "本日无办结事项。"),
        Paragraph("四、一个工作日内到期事项", st["heading"]),
        _matter_table(data.due_soon, "无一个工作日内到期的事项。"),
        Paragraph("五、超期未办结事项", st["heading"]),
        _matter_table(data.overdue, "无超期事项。", overdue_days),
    ]


def _small_table(first: str, rows: list[list[str]], width: float) -> Table:
    return _table([first, "受理", "办结"], rows, [3, 1, 1], total_row=True, width=width)


# --- 每月通报 -------------------------------------------------------------------


def bulletin_summary_text(data: MonthlyBulletinData) -> str:
    """The opening paragraph, written from the figures."""
    this, last = data.this_month, data.last_month
    diff = this.received - last.received
    if diff > 0:
        change = f"环比增加 {diff} 件"
    elif diff < 0:
        change = f"环比减少 {-diff} 件"
    else:
        change = "与上月持平"
    text = f"本月共受理群众诉求 {this.received} 件，{change}（上月 {last.received} 件）；"
    text += f"办结 {this.closed} 件"
    text += (f"，按期办结率 {format_percent(this.on_time_rate)}；"
             if this.on_time_rate is not None else "；")
    text += (f"回访满意率 {format_percent(this.satisfaction_rate)}。"
             if this.satisfaction_rate is not None else "本月无回访记录。")
    text += f"再次办理 {len(data.rehandled)} 件，超期 {len(data.overdue)} 件。"
    top = sorted((r for r in data.by_category if r.this_month > 0),
                 key=lambda r: (-r.this_month, r.key))[:3]
    if top:
        items = "、".join(f"{category_label(r.key)} {r.this_month} 件" for r in top)
        text += f"反映较多的问题为{items}。"
    if data.recurring_problems or data.repeat_complainants:
        text += (f"同一科室同类问题重复出现 {len(data.recurring_problems)} 项，"
                 f"重复反映 {len(data.repeat_complainants)} 人。")
    return text


def _overview_table(data: MonthlyBulletinData) -> Table:
    this, last = data.this_month, data.last_month
    rows = [
        ["受理件数", str(this.received), str(last.received),
         format_change(this.received, last.received)],
        ["办结件数", str(this.closed), str(last.closed), format_change(this.closed, last.closed)],
        ["按期办结件数", str(this.closed_on_time), str(last.closed_on_time),
         format_change(this.closed_on_time, last.closed_on_time)],
        ["按期办结率", format_percent(this.on_time_rate), format_percent(last.on_time_rate),
         format_rate_change(this.on_time_rate, last.on_time_rate)],
        ["回访件数", str(this.callbacks_answered), str(last.callbacks_answered),
         format_change(this.callbacks_answered, last.callbacks_answered)],
        ["回访满意率", format_percent(this.satisfaction_rate),
         format_percent(last.satisfaction_rate),
         format_rate_change(this.satisfaction_rate, last.satisfaction_rate)],
    ]
    return _table(["指标", f"本月（{month_title(data.month)}）",
                   f"上月（{month_title(Month.parse(data.month).previous())}）", "环比"],
                  rows, [52, 36, 36, 28])


def _rehandled_table(matters: Sequence[SummaryMatter]) -> Flowable:
    if not matters:
        return Paragraph("本月无再次办理事项。", _styles()["note"])
    rows = [[m.serial, fmt_datetime(m.received_at), type_label(m.request_type),
             m.complainant or NONE_TEXT, summary_phone(m.phone_masked), m.target or NONE_TEXT,
             category_label(m.category), f"第{m.round}次", status_label(m.status)]
            for m in matters]
    return _table(["编号", "受理时间", "类型", "投诉人", "联系电话", "投诉对象", "问题分类",
                   "轮次", "状态"], rows, [17, 25, 10, 16, 20, 36, 22, 10, 14], centered=(7, 8))


def _overdue_table(matters: Sequence[SummaryMatter]) -> Flowable:
    if not matters:
        return Paragraph("本月无超期事项。", _styles()["note"])
    rows = [[m.serial, fmt_datetime(m.received_at), type_label(m.request_type),
             m.complainant or NONE_TEXT, summary_phone(m.phone_masked), m.target or NONE_TEXT,
             _deadline_cell(m),
             f"已办结 {fmt_date(m.closed_at.date())}" if m.closed_at else status_label(m.status)]
            for m in matters]
    return _table(["编号", "受理时间", "类型", "投诉人", "联系电话", "投诉对象", "办理期限",
                   "办理情况"], rows, [17, 25, 10, 16, 20, 36, 22, 26], centered=(6, 7))


def _recurring(data: MonthlyBulletinData) -> list[Flowable]:
    st = _styles()
    story: list[Flowable] = [Paragraph("（一）同一科室同类问题（本月 2 件及以上）", st["subheading"])]
    if data.recurring_problems:
        story.append(_table(
            ["问题分类", "涉及科室", "件数", "事项编号"],
            [[category_label(p.category), p.department, str(p.count), "、".join(p.serials)]
             for p in data.recurring_problems], [34, 30, 12, 100], centered=(2,)))
    else:
        story.append(Paragraph("无。", st["note_indented"]))
    story.append(Paragraph("（二）重复反映的群众（本月 2 次及以上）", st["subheading"]))
    if data.repeat_complainants:
        story.append(_table(
            ["投诉人", "联系电话", "次数", "事项编号"],
            [[c.complainant or NONE_TEXT, summary_phone(c.phone_masked), str(c.count),
              "、".join(c.serials)] for c in data.repeat_complainants],
            [30, 34, 12, 100], centered=(2,)))
    else:
        story.append(Paragraph("无。", st["note_indented"]))
    return story


def monthly_story(data: MonthlyBulletinData) -> list[Flowable]:
    """Summary paragraph, comparison tables and charts, then the lists."""
    prepare_fonts()
    st = _styles()
    types = _in_order(data.by_type, [t.value for t in RequestType], fill=True)
    categories = _in_order(data.by_category, [c.value for c in IssueCategory], fill=True)
    channels = _in_order(data.by_channel, [c.value for c in Channel], fill=False)
    departments = sorted(((r.key, r.this_month, r.last_month, r.closed_this_month)
                          for r in data.by_department), key=lambda r: (-r[1], -r[2], r[0]))
    recurring = _recurring(data)
    story: list[Flowable] = [
        Paragraph(escape(bulletin_title(data.month)), st["title"]),
        Paragraph(escape(f"{data.institution_name}服务群众管理办公室"), st["subtitle"]),
        Paragraph(escape(bulletin_summary_text(data)), st["body"]),
        Paragraph("一、总体情况", st["heading"]),
        _overview_table(data),
        Paragraph("二、按诉求类型", st["heading"]),
        _count_table("诉求类型", types, type_label),
        CondPageBreak(90 * mm),
        Paragraph("三、按受理渠道", st["heading"]),
        _count_table("受理渠道", channels, channel_label),
        Spacer(1, 3 * mm),
        channel_pie_chart([channel_label(r[0]) for r in channels], [r[1] for r in channels],
                          title=f"图1 {month_title(data.month)}受理渠道分布", width=_WIDTH),
        CondPageBreak(110 * mm),
        Paragraph("四、按问题分类", st["heading"]),
        _count_table("问题分类", categories, category_label),
        Spacer(1, 3 * mm),
        category_bar_chart([category_label(r[0]) for r in categories],
                           [r[1] for r in categories], [r[2] for r in categories],
                           title="图2 各类问题件数（本月与上月对比）", width=_WIDTH),
        Paragraph("五、按涉及科室", st["heading"]),
        _count_table("涉及科室", departments, lambda key: key, total=False),
        Paragraph("一件事项涉及多个科室时分别计入各科室。", st["note"]),
        Paragraph("六、再次办理事项", st["heading"]),
        _rehandled_table(data.rehandled),
        Paragraph("七、超期事项", st["heading"]),
        _overdue_table(data.overdue),
        KeepTogether([Paragraph("八、反复出现的问题", st["heading"]), *recurring[:2]]),
        *recurring[2:],
    ]
    if data.conclusion and data.conclusion.strip():
        story += [Paragraph("九、下一步工作", st["heading"]),
                  Paragraph(escape(data.conclusion.strip()), st["body"])]
    return story
