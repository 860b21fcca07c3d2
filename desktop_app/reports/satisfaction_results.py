"""满意度调查结果: a month's survey results, the way seed 000 reports them (DESIGN §1.7–1.8).

Portrait A4:
- an overview paragraph: forms collected, the overall 满意率, the item with
  the highest and the ones with the lowest 满意率 named in words ("“费用告知
  及收费合理性”一项满意率最低，为 91.7%"), and the outpatient quota days;
- 一、each questionnaire item's answers and 满意率 (with its place), the phone
  survey's 总体满意度 when it counts, and 合计 = every answer, so that the 合计
  row, the 全院 row and the overview's 综合满意率 are the same figure;
- 二、满意率 per department × item, 全院 last;
- 三、the 12-month trend of the overall 满意率 (ReportLab graphics);
- 四、the lowest items, with the department where each is lowest (the words of
  `satisfaction_text`, shared with the 结果与考评 page);
- 五、the public-health phone survey and the 医患连心卡 handed out;
- 六、the comments, with the matter serial where one was registered.

满意率 = (满意 + 基本满意) ÷ answered (seed 000); "—" without answers. Plain
rows in (`SatisfactionResults`, `TrendPoint`), PDF bytes out; no phones.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table

from desktop_app.domain.months import Month
from desktop_app.domain.satisfaction import SURVEY_KIND_LABELS, AnswerCounts, SurveyKind
from desktop_app.domain.validation import mask_phones_in_text
from desktop_app.reports.complaint_common import NONE_TEXT, escape, fmt_date, list_table
from desktop_app.reports.complaint_figures import format_percent, month_title
from desktop_app.reports.fonts import register_fonts
from desktop_app.reports.layout import (
    PageHeader, build_document, content_box, table_report_styles,
)
from desktop_app.records.satisfaction_text import (
    below_top,
    lowest_text,
    places,
    ranked,
    same_rate_text,
)

if TYPE_CHECKING:
    from desktop_app.records.survey_rows import (
        CommentRow,
        SatisfactionResults,
        TrendPoint,
    )

TITLE = "满意度调查结果"
_FRAME_PADDING = 12  # SimpleDocTemplate's frame: 6 pt on each side
_WIDTH = content_box().width - _FRAME_PADDING
_LINE_COLOR = colors.HexColor("#2F5D8A")
_GRID_COLOR = colors.HexColor("#DDDDDD")

PHONE_ROW = "公卫电话调查总体满意度"
TOTAL_ROW = "合计（综合满意率）"
# Column heads of the department table, broken by hand so no character is left alone.
_DIMENSION_HEADS = {
    "efficiency": "服务\n效率", "attitude": "服务\n态度", "skill": "业务\n技术",
    "publicity": "政策\n宣传", "civility": "文明\n服务", "environment": "服务\n环境",
    "fees": "费用告知\n及收费\n合理性",
}
_SHORT_KIND = {SurveyKind.outpatient: "门诊", SurveyKind.inpatient: "住院",
               SurveyKind.public_health: "公卫电话"}
_NOTES = (
    "说明：1. 满意率 =（满意＋基本满意）÷ 作答人次，未答的不计入；综合满意率（即“合计”行、"
    "“全院”行）按全部作答人次计算，含基本公卫电话调查的总体满意度。",
    "2. 门诊抽样：每日各科室收回门诊问卷份数不少于当日门诊人次 × 抽样比例为达标。",
)


def results_title(month: str) -> str:
    """ "2026-11" → "2026年11月满意度调查结果"."""
    return f"{month_title(month)}{TITLE}"


def _styles() -> dict:
    return table_report_styles("sr")


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float], *,
           left: Collection[int] = (0,), total_row: bool = False) -> Table:
    """A list table `_WIDTH` wide (`complaint_common.list_table`)."""
    return list_table(header, rows, widths, width=_WIDTH, styles=_styles(), left=left,
                      total_row=total_row)


def _pct(counts: AnswerCounts) -> str:
    return format_percent(counts.rate)


# --- words --------------------------------------------------------------------------------


def kinds_text(kinds: Sequence[str]) -> str:
    return "、".join(SURVEY_KIND_LABELS.get(k, k) for k in kinds) or NONE_TEXT  # type: ignore[call-overload]


def overview_text(results: SatisfactionResults) -> str:
    """The opening paragraph, written from the totals."""
    if not results.forms:
        return f"{month_title(results.month)}未收回满意度调查表。"
    t = results.total
    text = f"本月共收回满意度调查表 {results.forms} 份"
    text += (f"，综合满意率 {_pct(t)}，其中满意 {t.satisfied} 人次、基本满意 {t.basic} 人次、"
             f"不满意 {t.dissatisfied} 人次。" if t.answered else "，均未作答满意度项目。")
    text += lowest_text(results)
    if results.quota_days_with_visits:
        short = results.quota_short_days
        text += (f"门诊问卷抽样：登记门诊人次的 {results.quota_days_with_visits} 天中，"
                 + (f"有 {short} 天存在科室未达到抽样比例。" if short else "各科室均达到抽样比例。"))
    return text


# --- tables -------------------------------------------------------------------------------


def _counts_row(label: str, c: AnswerCounts, place: str = NONE_TEXT) -> list[str]:
    return [label, str(c.satisfied), str(c.basic), str(c.dissatisfied), str(c.unanswered),
            str(c.answered), _pct(c), place]


def _phone_counted(results: SatisfactionResults) -> bool:
    """Whether `results.total` holds phone-survey overall answers (the item table lists them)."""
    c = results.phone_counts
    return bool(c.satisfied + c.basic + c.dissatisfied + c.unanswered)


def _dimension_table(results: SatisfactionResults) -> Flowable:
    """The items, the phone survey's 总体满意度, and 合计 = `results.total` (the 综合满意率)."""
    if not results.total.answered:
        return Paragraph("本月无作答的调查项目。", _styles()["note"])
    place = places(results.dimensions)
    rows = [_counts_row(d.label, d.counts, str(place.get(d.dimension, NONE_TEXT)))
            for d in results.dimensions]
    if _phone_counted(results):
        rows.append(_counts_row(PHONE_ROW, results.phone_counts))
    rows.append(_counts_row(TOTAL_ROW, results.total))
    return _table(("调查项目", "满意", "基本满意", "不满意", "未答", "作答人次", "满意率", "排序"),
                  rows, [44, 14, 16, 14, 12, 16, 18, 12], total_row=True)


def _department_table(results: SatisfactionResults) -> Flowable:
    if not results.departments:
        return Paragraph("本月无科室调查数据。", _styles()["note"])
    codes = [d.dimension for d in results.dimensions]
    header = ("科室", "份数", *(_DIMENSION_HEADS.get(c, c) for c in codes), "综合\n满意率")
    rows = []
    for dep in results.departments:
        by_code = {d.dimension: d.counts for d in dep.dimensions}
        rows.append([dep.department_name, str(dep.forms),
                     *(_pct(by_code.get(c, AnswerCounts())) for c in codes), _pct(dep.total)])
    rows.append(["全院", str(results.forms), *(_pct(d.counts) for d in results.dimensions),
                 _pct(results.total)])
    return _table(header, rows, [22, 10, *([13] * len(codes)), 14], total_row=True)


def _low_department(results: SatisfactionResults, dimension: str) -> str:
    """ "最低为收费室（85.0%）" for the department with the lowest 满意率 on `dimension`."""
    found = [(c.rate, dep.department_name) for dep in results.departments
             for d in dep.dimensions if d.dimension == dimension
             for c in (d.counts,) if c.rate is not None]
    if len(found) < 2:
        return ""
    rate, name = min(found, key=lambda f: f[0])
    return f"，科室中{name}最低，为 {format_percent(rate)}"


def _lowest_paragraphs(results: SatisfactionResults) -> list[Flowable]:
    st = _styles()
    if not ranked(results.dimensions):
        return [Paragraph("本月无作答的调查项目。", st["note"])]
    lowest = below_top(results)
    if not lowest:
        return [Paragraph(escape(same_rate_text(results)), st["body"])]
    return [Paragraph(escape(
        f"{i}. “{d.label}”满意率 {_pct(d.counts)}，不满意 {d.counts.dissatisfied} 人次"
        f"{_low_department(results, d.dimension)}。"), st["body"])
        for i, d in enumerate(lowest, start=1)]


def other_surveys_text(results: SatisfactionResults) -> list[str]:
    """The phone survey and the 医患连心卡 figures, one sentence each (kinds counted only)."""
    lines = []
    if SurveyKind.public_health in results.kinds:
        if results.phone_called:
            reach = format_percent(results.phone_reached / results.phone_called)
            c = results.phone_counts
            line = (f"基本公卫电话调查：拨打 {results.phone_called} 人次，接通 "
                    f"{results.phone_reached} 人次，接通率 {reach}")
            line += (f"；作答总体满意度 {c.answered} 人次，满意及基本满意 {c.satisfied + c.basic} "
                     f"人次，总体满意率 {_pct(c)}。" if c.answered else "；无总体满意度作答。")
        else:
            line = "基本公卫电话调查：本月无调查记录。"
        lines.append(line)
    if SurveyKind.inpatient in results.kinds:
        lines.append(f"住院患者征求意见：随征求意见表发放医患连心卡 {results.cards_given} 张。")
    return lines


def _comment_row(number: int, c: CommentRow) -> list[str]:
    return [str(number), fmt_date(c.day), _SHORT_KIND.get(c.kind, c.kind),  # type: ignore[call-overload]
            c.department_name, mask_phones_in_text(c.comment), "有" if c.negative else "",
            c.matter_serial or NONE_TEXT]


def _comments_table(comments: Sequence[CommentRow]) -> Flowable:
    if not comments:
        return Paragraph("本月调查表未填写意见和建议。", _styles()["note"])
    return _table(("序号", "日期", "类别", "科室", "意见和建议", "含不满\n意项目", "登记诉求\n编号"),
                  [_comment_row(i, c) for i, c in enumerate(comments, start=1)],
                  [8, 18, 13, 16, 80, 12, 17], left=(3, 4))


# --- the trend chart -------------------------------------------------------------------------


def _axis_floor(rates: Sequence[float]) -> int:
    """The bottom of the percent axis: 10 points under the lowest rate, to the 10 below."""
    low = min(rates) * 100
    return max(0, int((low - 5) // 10) * 10)


def _month_label(month: str) -> str:
    return f"{Month.parse(month).month}月"


def trend_span(trend: Sequence[TrendPoint]) -> str:
    """ "（2025年12月—2026年11月）"; "" without points."""
    if not trend:
        return ""
    return f"（{month_title(trend[0].month)}—{month_title(trend[-1].month)}）"


def trend_chart(trend: Sequence[TrendPoint], *, title: str, width: float = _WIDTH,
                height: float = 66 * mm) -> Drawing:
    """The overall 满意率 month by month: a line with its values; gaps where nobody answered."""
    font = register_fonts()
    rates = [p.counts.rate for p in trend]
    known = [r for r in rates if r is not None]
    if not known:
        height = 16 * mm
    drawing = Drawing(width, height)
    drawing.add(String(width / 2, height - 12, title, fontName=font, fontSize=10,
                       textAnchor="middle"))
    if not known:
        drawing.add(String(width / 2, 2 * mm, "近12个月无作答的调查数据", fontName=font,
                           fontSize=8.5, textAnchor="middle"))
        return drawing
    left, right, bottom, top = 14 * mm, 4 * mm, 15 * mm, height - 22
    floor = _axis_floor(known)
    step = 5 if 100 - floor <= 30 else 10
    y_of = lambda rate: bottom + (rate * 100 - floor) / (100 - floor) * (top - bottom)  # noqa: E731
    for value in range(floor, 101, step):
        y = y_of(value / 100)
        drawing.add(Line(left, y, width - right, y, strokeColor=_GRID_COLOR, strokeWidth=0.4))
        drawing.add(String(left - 3, y - 2.5, f"{value}%", fontName=font, fontSize=7,
                           textAnchor="end"))
    drawing.add(Line(left, bottom, width - right, bottom, strokeColor=colors.black,
                     strokeWidth=0.6))
    slot = (width - left - right) / max(1, len(trend))
    xs = [left + slot * (i + 0.5) for i in range(len(trend))]
    for i, point in enumerate(trend):
        drawing.add(String(xs[i], bottom - 10, _month_label(point.month), fontName=font,
                           fontSize=7, textAnchor="middle"))
        drawing.add(String(xs[i], bottom - 19, f"{point.counts.answered}人次", fontName=font,
                           fontSize=6, textAnchor="middle", fillColor=colors.HexColor("#666666")))
    segment: list[float] = []
    for x, rate in [*zip(xs, rates, strict=True), (0.0, None)]:
        if rate is None:
            if len(segment) >= 4:
                drawing.add(PolyLine(segment, strokeColor=_LINE_COLOR, strokeWidth=1.2))
            segment = []
            continue
        segment += [x, y_of(rate)]
    for x, rate in zip(xs, rates, strict=True):
        if rate is not None:
            y = y_of(rate)
            drawing.add(Circle(x, y, 1.8, fillColor=_LINE_COLOR, strokeColor=_LINE_COLOR))
            drawing.add(String(x, y + 4, format_percent(rate), fontName=font, fontSize=6.5,
                               textAnchor="middle"))
    return drawing


# --- the document ------------------------------------------------------------------------


def _scope(results: SatisfactionResults) -> str:
    month = Month.parse(results.month)
    return (f"调查类别：{kinds_text(results.kinds)}；统计期间：{fmt_date(month.first_day)} 至 "
            f"{fmt_date(month.last_day)}")


def results_story(results: SatisfactionResults, trend: Sequence[TrendPoint]) -> list[Flowable]:
    """Title, overview, the item and department tables, the trend, lowest items, comments."""
    register_fonts()
    st = _styles()
    others = other_surveys_text(results)
    story: list[Flowable] = [
        Paragraph(escape(results_title(results.month)), st["title"]),
        Paragraph(escape(_scope(results)), st["subtitle"]),
        Paragraph(escape(overview_text(results)), st["body"]),
        Paragraph("一、各调查项目满意率", st["heading"]),
        _dimension_table(results),
        CondPageBreak(45 * mm),
        Paragraph("二、各科室满意率", st["heading"]),
        _department_table(results),
        CondPageBreak(80 * mm),
        Paragraph("三、近12个月综合满意率", st["heading"]),
        trend_chart(trend, title=f"图1 综合满意率月度趋势{trend_span(trend)}"),
        KeepTogether([Paragraph("四、满意率较低的项目", st["heading"]),
                      *_lowest_paragraphs(results)]),
    ]
    number = "五"
    if others:
        story += [KeepTogether([Paragraph("五、其他调查", st["heading"]),
                                *(Paragraph(escape(line), st["body"]) for line in others)])]
        number = "六"
    story += [
        CondPageBreak(30 * mm),  # the heading not alone at the foot of a page
        Paragraph(f"{number}、意见和建议", st["heading"]),
        _comments_table(results.comments),
        Spacer(1, 2 * mm),
        Paragraph(escape(_NOTES[0]), st["note"]),
        *(Paragraph(escape(line), st["note_more"]) for line in _NOTES[1:]),
    ]
    return story


def satisfaction_results_pdf_bytes(results: SatisfactionResults, trend: list[TrendPoint], *,
                                   institution: str, printed_at: datetime) -> bytes:
    """The 满意度调查结果 of `results.month` as PDF bytes."""
    header = PageHeader(institution_name=institution, title=TITLE, printed_at=printed_at)
    return build_document(header, results_story(results, trend))
