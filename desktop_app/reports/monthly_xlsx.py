"""The month's tables as one Excel workbook, for reporting upward (DESIGN §1.8, §3).

Four sheets, each opening with a title row and then one or more blocks
(a bold, shaded header row, the rows, a blank row):

- 满意度: 满意率 per department × questionnaire item (全院 last), each item's
  answers, the phone survey and the 医患连心卡;
- 科室考评: the 科室月度满意度考评 (figures, item scores, total, rank,
  substantiated complaints), the weights and the rule under it;
- 投诉通报: the figures of the 每月通报 (this month and last, by type, channel,
  category, department; re-handled and overdue matters);
- 回访结果: follow-up results by department and tier, and the tier-1 records
  found 未落实 / 记录不实.

Rates are numbers formatted "0.0%", scores "0.0"; "—" where there is no
data, "不计分" for an item not scored. Phones only ever appear masked
(DESIGN §3: exports too). Plain rows in, .xlsx bytes out; no database here.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desktop_app import APP_NAME
from desktop_app.domain.deadlines import RequestType
from desktop_app.domain.followup import FOLLOWUP_TIER_LABELS
from desktop_app.domain.followup_records import VERDICT_LABELS
from desktop_app.domain.matters import Channel, IssueCategory
from desktop_app.domain.satisfaction import SCORE_ITEM_LABELS, AnswerCounts
from desktop_app.domain.validation import mask_phones_in_text
from desktop_app.reports.complaint_common import (
    NONE_TEXT,
    category_label,
    channel_label,
    fmt_date,
    fmt_datetime,
    status_label,
    summary_phone,
    type_label,
)
from desktop_app.reports.complaint_figures import month_title
from desktop_app.reports.complaint_summary_data import CountRow
from desktop_app.reports.department_scores import rule_text, unscored_note

if TYPE_CHECKING:
    from desktop_app.records.followup_results import FollowUpResults, ResultFigures
    from desktop_app.records.survey_rows import MonthScores, SatisfactionResults
    from desktop_app.reports.complaint_summary_data import MonthlyBulletinData, SummaryMatter

PERCENT = "0.0%"
SCORE = "0.0"
UNSCORED = "不计分"
_HEADER_FONT = Font(bold=True)
_TITLE_FONT = Font(bold=True, size=13)
_HEADER_FILL = PatternFill("solid", fgColor="E4E4E4")
_MAX_WIDTH = 48


class _Sheet:
    """Writes blocks one under another and sets the column widths from what was written."""

    def __init__(self, ws: Worksheet, title: str) -> None:
        self.ws = ws
        self.row = 1
        self.widths: dict[int, float] = {}
        ws.cell(1, 1, title).font = _TITLE_FONT
        self.row = 3

    def block(self, header: Sequence[str], rows: Sequence[Sequence[Any]], *,
              formats: dict[int, str] | None = None, caption: str = "",
              bold_last: bool = False) -> None:
        """An optional bold caption, the bold header row, the rows, a blank row."""
        if caption:
            self.ws.cell(self.row, 1, caption).font = _HEADER_FONT
            self.row += 1
        for col, text in enumerate(header, start=1):
            cell = self.ws.cell(self.row, col, text)
            cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            self._measure(col, text)
        self.row += 1
        for index, values in enumerate(rows):
            for col, value in enumerate(values, start=1):
                cell = self.ws.cell(self.row, col, value)
                if formats and col in formats and isinstance(value, float):  # not counts
                    cell.number_format = formats[col]
                if bold_last and index == len(rows) - 1:
                    cell.font = _HEADER_FONT
                self._measure(col, value)
            self.row += 1
        if not rows:
            self.ws.cell(self.row, 1, "（无）")
            self.row += 1
        self.row += 1

    def note(self, text: str, columns: int) -> None:
        """A long line of text over `columns` merged columns, wrapped."""
        cell = self.ws.cell(self.row, 1, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        self.ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row,
                            end_column=columns)
        width = sum(self.widths.get(c, 8) for c in range(1, columns + 1))
        self.ws.row_dimensions[self.row].height = 15 * (1 + int(_text_width(text) / max(width, 1)))
        self.row += 2

    def _measure(self, col: int, value: Any) -> None:
        text = "100.00%" if isinstance(value, float) else str(value)
        longest = max((_text_width(line) for line in text.split("\n")), default=0)
        self.widths[col] = max(self.widths.get(col, 6), min(_MAX_WIDTH, longest + 2))

    def finish(self) -> None:
        for col, width in self.widths.items():
            self.ws.column_dimensions[get_column_letter(col)].width = width


def _text_width(text: str) -> float:
    """Excel column units: a CJK character is about two Latin ones."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _rate(value: float | None) -> float | str:
    return NONE_TEXT if value is None else value


# --- 满意度 ---------------------------------------------------------------------------------


def _satisfaction_sheet(sheet: _Sheet, results: SatisfactionResults) -> None:
    labels = [d.label for d in results.dimensions]
    codes = [d.dimension for d in results.dimensions]
    rows: list[list[Any]] = []
    for dep in results.departments:
        by_code = {d.dimension: d.counts for d in dep.dimensions}
        rows.append([dep.department_name, dep.forms,
                     *(_rate(by_code.get(c, AnswerCounts()).rate) for c in codes),
                     _rate(dep.total.rate)])
    rows.append(["全院", results.forms, *(_rate(d.counts.rate) for d in results.dimensions),
                 _rate(results.total.rate)])
    percent = {col: PERCENT for col in range(3, len(codes) + 4)}
    sheet.block(["科室", "份数", *labels, "综合满意率"], rows, formats=percent, bold_last=True,
                caption="各科室各项目满意率")
    items = [[d.label, d.counts.satisfied, d.counts.basic, d.counts.dissatisfied,
              d.counts.unanswered, d.counts.answered, _rate(d.counts.rate)]
             for d in results.dimensions]
    sheet.block(["调查项目", "满意", "基本满意", "不满意", "未答", "作答人次", "满意率"], items,
                formats={7: PERCENT}, caption="各调查项目作答情况")
    phone = results.phone_counts
    sheet.block(["项目", "数量"], [
        ["基本公卫电话调查 拨打人次", results.phone_called],
        ["基本公卫电话调查 接通人次", results.phone_reached],
        ["基本公卫电话调查 总体满意率", _rate(phone.rate)],
        ["住院患者征求意见 发放医患连心卡（张）", results.cards_given],
        ["门诊抽样 登记门诊人次的天数", results.quota_days_with_visits],
        ["门诊抽样 有科室未达标的天数", results.quota_short_days],
    ], formats={2: PERCENT}, caption="其他调查")
    sheet.note("满意率 =（满意＋基本满意）÷ 作答人次，未答的不计入；综合满意率含基本公卫电话调查的总体满意度。",
               len(codes) + 3)


# --- 科室考评 ------------------------------------------------------------------------------


def _score_value(score: float | None) -> float | str:
    return UNSCORED if score is None else round(score, 2)


def _scores_sheet(sheet: _Sheet, scores: MonthScores) -> None:
    header = ["科室", "问卷满意率", f"{SCORE_ITEM_LABELS[0]}得分", "回访满意率",
              f"{SCORE_ITEM_LABELS[1]}得分", "核查一级回访", "未落实/记录不实",
              f"{SCORE_ITEM_LABELS[2]}得分", "属实投诉（件）", f"{SCORE_ITEM_LABELS[3]}得分", "总分",
              "名次", "属实投诉编号", "备注"]
    rows = []
    for r in scores.rows:
        i, items = r.inputs, r.score.items
        follow = i.followup_satisfied / i.followup_answered if i.followup_answered else None
        rows.append([
            r.department_name, _rate(i.survey.rate), _score_value(items[0].score), _rate(follow),
            _score_value(items[1].score), i.checked, i.check_failed, _score_value(items[2].score),
            i.substantiated, _score_value(items[3].score),
            NONE_TEXT if r.score.total is None else round(r.score.total, 2),
            NONE_TEXT if r.rank is None else r.rank, "、".join(r.complaints) or NONE_TEXT,
            unscored_note(r),
        ])
    sheet.block(header, rows, formats={2: PERCENT, 3: SCORE, 4: PERCENT, 5: SCORE, 8: SCORE,
                                       10: SCORE, 11: "0.00"})
    w = scores.weights
    sheet.block(["考评项目", "权重"], [[label, f"{weight}%"] for label, weight in
                                      zip(SCORE_ITEM_LABELS, w.items, strict=True)]
                + [["每件属实投诉扣分", w.complaint_deduction]], caption="权重（设置）")
    sheet.note(rule_text(w), len(header))


# --- 投诉通报 ------------------------------------------------------------------------------


def _in_order(rows: Sequence[CountRow], codes: Sequence[str], *, fill: bool) -> list[CountRow]:
    """Rows in the domain's order (zero rows added when `fill`), unknown keys last."""
    by_key = {r.key: r for r in rows}
    ordered = [by_key.get(code, CountRow(code, 0, 0, 0)) for code in codes if fill or code in by_key]
    return ordered + [r for r in rows if r.key not in codes]


def _count_block(sheet: _Sheet, caption: str, first: str, rows: Sequence[CountRow], label) -> None:
    lines: list[list[Any]] = [[label(r.key), r.this_month, r.last_month, r.closed_this_month]
                              for r in rows]
    lines.append(["合计", sum(r.this_month for r in rows), sum(r.last_month for r in rows),
                  sum(r.closed_this_month for r in rows)])
    sheet.block([first, "本月受理", "上月受理", "本月办结"], lines, caption=caption, bold_last=True)


def _matter_rows(matters: Sequence[SummaryMatter]) -> list[list[str]]:
    return [[m.serial, fmt_datetime(m.received_at), type_label(m.request_type),
             m.complainant or NONE_TEXT, summary_phone(m.phone_masked), m.target or NONE_TEXT,
             status_label(m.status), fmt_date(m.deadline),
             fmt_date(m.closed_at.date()) if m.closed_at else NONE_TEXT] for m in matters]


def _bulletin_sheet(sheet: _Sheet, data: MonthlyBulletinData) -> None:
    this, last = data.this_month, data.last_month
    sheet.block(["指标", "本月", "上月"], [
        ["受理件数", this.received, last.received],
        ["办结件数", this.closed, last.closed],
        ["按期办结件数", this.closed_on_time, last.closed_on_time],
        ["按期办结率", _rate(this.on_time_rate), _rate(last.on_time_rate)],
        ["回访件数", this.callbacks_answered, last.callbacks_answered],
        ["回访满意率", _rate(this.satisfaction_rate), _rate(last.satisfaction_rate)],
    ], caption="总体情况", formats={2: PERCENT, 3: PERCENT})
    _count_block(sheet, "按诉求类型", "诉求类型",
                 _in_order(data.by_type, [t.value for t in RequestType], fill=True), type_label)
    _count_block(sheet, "按受理渠道", "受理渠道",
                 _in_order(data.by_channel, [c.value for c in Channel], fill=False), channel_label)
    _count_block(sheet, "按问题分类", "问题分类",
                 _in_order(data.by_category, [c.value for c in IssueCategory], fill=True),
                 category_label)
    departments = sorted(data.by_department, key=lambda r: (-r.this_month, -r.last_month, r.key))
    _count_block(sheet, "按涉及科室（一件事项涉及多个科室时分别计入）", "涉及科室", departments,
                 lambda key: key)
    header = ["编号", "受理时间", "类型", "投诉人", "联系电话", "投诉对象", "状态", "办理期限", "办结日期"]
    sheet.block(header, _matter_rows(data.rehandled), caption="再次办理事项")
    sheet.block(header, _matter_rows(data.overdue), caption="超期事项")


# --- 回访结果 ------------------------------------------------------------------------------


def _figures(f: ResultFigures) -> list[Any]:
    return [f.due, f.done_in_window, f.done_late, f.lost, f.overdue, f.pending,
            _rate(f.in_window_rate), f.answered, f.satisfied, _rate(f.satisfaction_rate),
            f.checked, f.not_done, f.untrue]


_FOLLOWUP_HEADER = ["应访", "按时完成", "逾期完成", "失访", "逾期未访", "进行中", "按时完成率",
                    "回答满意度", "满意及基本满意", "满意率", "核查一级", "未落实", "记录不实"]


def _followups_sheet(sheet: _Sheet, results: FollowUpResults) -> None:
    rows = [[d.department_name, *_figures(d.figures)] for d in results.departments]
    rows.append(["合计", *_figures(results.total)])
    sheet.block(["科室", *_FOLLOWUP_HEADER], rows, formats={8: PERCENT, 11: PERCENT},
                caption="各科室回访情况", bold_last=True)
    tiers = [[FOLLOWUP_TIER_LABELS.get(t.tier, str(t.tier)), *_figures(t.figures)]  # type: ignore[call-overload]
             for t in results.tiers]
    sheet.block(["回访级别", *_FOLLOWUP_HEADER], tiers, formats={8: PERCENT, 11: PERCENT},
                caption="分级回访情况")
    findings = [[f.patient_name, f.department_name, fmt_date(f.discharged_on),
                 f.tier1_assignee or NONE_TEXT,
                 VERDICT_LABELS.get(f.verdict, f.verdict),  # type: ignore[call-overload]
                 mask_phones_in_text(f.note) or NONE_TEXT, f.checked_by or NONE_TEXT,
                 fmt_datetime(f.checked_at)] for f in results.findings]
    sheet.block(["患者", "科室", "出院日期", "一级回访责任人", "核查结论", "核查说明", "核查人",
                 "核查时间"], findings, caption="一级回访核查发现的问题（未落实、记录不实）")


def build_monthly_workbook(results: SatisfactionResults, scores: MonthScores,
                           bulletin: MonthlyBulletinData, followups: FollowUpResults, *,
                           institution: str) -> bytes:
    """The four sheets of `results.month` as .xlsx bytes."""
    month = month_title(results.month)
    wb = Workbook()
    wb.properties.creator = APP_NAME
    wb.properties.title = f"{institution}{month}月度报表"
    sheets = [
        ("满意度", f"{institution} {month}满意度调查结果", _satisfaction_sheet, results),
        ("科室考评", f"{institution} {month}科室月度满意度考评表", _scores_sheet, scores),
        ("投诉通报", f"{institution} {month}投诉举报情况通报", _bulletin_sheet, bulletin),
        ("回访结果", f"{institution} {month}出院患者回访月度统计", _followups_sheet, followups),
    ]
    wb.remove(wb.active)
    for name, title, fill, data in sheets:
        sheet = _Sheet(wb.create_sheet(name), title)
        fill(sheet, data)
        sheet.finish()
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
