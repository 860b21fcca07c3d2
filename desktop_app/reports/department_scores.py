"""科室月度满意度考评表: the department monthly score sheet (DESIGN §1.8; seed 004 §四(四)).

Landscape A4, for the performance-pay meeting:
- the rule and the weights (settings) printed above the table, so the sheet
  explains its own figures;
- one row per department: each item's figure and score, the total, the rank
  (ties share it), and 备注 listing the substantiated complaints' serials and
  which items had no data (their weight shared out over the others);
- signature lines: 制表人 / 审核人（办公室主任）/ 分管院长 / 日期.

Scores are out of 100 and print with one decimal (the total with two); an
item without data prints "不计分". The scoring itself is
`domain.satisfaction.department_score`; this builder only lays it out.
Plain rows in (`MonthScores`), PDF bytes out.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from desktop_app.domain.satisfaction import SCORE_ITEM_LABELS, ScoreWeights
from desktop_app.reports.complaint_common import NONE_TEXT, escape, list_table_style
from desktop_app.reports.complaint_figures import format_percent, month_title
from desktop_app.reports.fonts import register_fonts
from desktop_app.reports.layout import (
    PageHeader, build_document, content_box, styles, table_report_styles,
)

if TYPE_CHECKING:
    from desktop_app.records.survey_rows import DepartmentScoreRow, MonthScores

TITLE = "科室月度满意度考评表"
PAGESIZE = landscape(A4)
_FRAME_PADDING = 12
_WIDTH = content_box(PAGESIZE).width - _FRAME_PADDING
_UNSCORED = "不计分"
_SIGNATURES = ("制表人：", "审核人（办公室主任）：", "分管院长：", "日期：")
# 科室 | 4 × (figure, score) | 总分 | 名次 | 备注
_WIDTHS = (21, 19, 12, 19, 12, 19, 12, 15, 12, 14, 10, 62)


def sheet_title(month: str) -> str:
    """ "2026-11" → "2026年11月科室月度满意度考评表"."""
    return f"{month_title(month)}{TITLE}"


def _styles() -> dict:
    shared = table_report_styles("ds")
    base = styles()
    return shared | {
        "subtitle": shared["subtitle"].clone("ds_subtitle_tight", spaceAfter=3 * mm),
        "rule": base["small"].clone("ds_rule", fontSize=9, leading=13, spaceAfter=3 * mm),
        "sign": base["body"].clone("ds_sign", fontSize=10.5, leading=16),
    }


def format_score(score: float | None, digits: int = 1) -> str:
    """95.04 → "95.0"; None → "不计分"."""
    return _UNSCORED if score is None else f"{score:.{digits}f}"


def rule_text(weights: ScoreWeights) -> str:
    """The scoring rule with this month's weights, as printed on the sheet."""
    survey, followup, check, complaints = weights.items
    return (
        f"考评办法：四项各按 100 分计。{SCORE_ITEM_LABELS[0]}得分 = 本科室门诊、住院问卷及公卫电话调查的"
        f"满意率 × 100；{SCORE_ITEM_LABELS[1]}得分 = 本科室出院患者回访满意率 × 100；"
        f"{SCORE_ITEM_LABELS[2]}得分 = 二级回访核查一级回访中已落实（非“未落实”“记录不实”）的比例 × 100；"
        f"{SCORE_ITEM_LABELS[3]}得分 = 100 − 属实投诉件数 × {weights.complaint_deduction}（最低 0 分），"
        f"属实投诉指本月受理、核实结论为属实或部分属实的批评、投诉、举报。"
        f"总分 = {SCORE_ITEM_LABELS[0]}得分 × {survey}% ＋ {SCORE_ITEM_LABELS[1]}得分 × {followup}% ＋ "
        f"{SCORE_ITEM_LABELS[2]}得分 × {check}% ＋ {SCORE_ITEM_LABELS[3]}得分 × {complaints}%。"
        f"某项当月无数据的不计分，其权重按比例分摊到其余各项；仅有投诉一项的科室只计分、不参加排名，各项均无数据的科室不计分。名次按总分由高到低排列，总分相同的名次相同。"
    )


def _figure(part: int, whole: int) -> str:
    return f"{format_percent(part / whole)}\n({part}/{whole})" if whole else NONE_TEXT


def item_figures(row: DepartmentScoreRow) -> tuple[str, str, str, str]:
    """What each item was scored on: the rates with their counts, the complaints counted."""
    i = row.inputs
    survey = _figure(i.survey.satisfied + i.survey.basic, i.survey.answered)
    followup = _figure(i.followup_satisfied, i.followup_answered)
    check = _figure(i.checked - i.check_failed, i.checked)
    return survey, followup, check, f"{i.substantiated} 件"


def unscored_note(row: DepartmentScoreRow) -> str:
    """Which items had no data (their weight shared out), or that nothing was measured."""
    if row.score.total is None:
        return "本月无考评数据，不参加排名"
    if not row.score.ranked:
        return "仅投诉一项有数据，只计分、不参加排名"
    unscored = [item.label for item in row.score.items if item.score is None]
    return "、".join(unscored) + "无数据，不计分，权重按比例分摊" if unscored else ""


def remark(row: DepartmentScoreRow) -> str:
    """备注: the substantiated complaints' serials and the items not scored."""
    parts = ["属实投诉：" + "、".join(row.complaints)] if row.complaints else []
    note = unscored_note(row)
    return "；".join([*parts, note] if note else parts)


def _row_cells(row: DepartmentScoreRow) -> list[str]:
    figures = item_figures(row)
    cells = [row.department_name]
    for figure, item in zip(figures, row.score.items, strict=True):
        cells += [figure, format_score(item.score)]
    cells += [format_score(row.score.total, 2) if row.score.total is not None else NONE_TEXT,
              str(row.rank) if row.rank is not None else NONE_TEXT, remark(row)]
    return cells


_TAIL_ROWS = 2
"""Rows kept on the page of the signature lines, so those never stand alone on a page."""


def _table_style(header_rows: int) -> TableStyle:
    style = list_table_style(header_rows=max(1, header_rows))
    if header_rows == 0:  # the tail: no header, so no shaded first row
        style.add("BACKGROUND", (0, 0), (-1, 0), colors.white)
    else:
        for col in (0, 9, 10, 11):
            style.add("SPAN", (col, 0), (col, 1))
        for col in (1, 3, 5, 7):
            style.add("SPAN", (col, 0), (col + 1, 0))
    style.add("BACKGROUND", (9, header_rows), (9, -1), colors.HexColor("#F3F3F3"))
    return style


def _score_tables(scores: MonthScores) -> tuple[Flowable, Flowable | None]:
    """The table with its two header rows, and the last rows as a headless table to keep
    with the signatures (None when the table is short enough to keep whole)."""
    st = _styles()
    weights = scores.weights.items
    top = ["科室"]
    for label, weight in zip(SCORE_ITEM_LABELS, weights, strict=True):
        top += [f"{label}\n（权重 {weight}%）", ""]
    top += ["总分", "名次", "备注"]
    second = ["", "满意率", "得分", "满意率", "得分", "落实率", "得分", "属实投诉", "得分", "", "", ""]
    head = [[Paragraph(escape(text), st["head"]) for text in line] for line in (top, second)]
    body = [[Paragraph(escape(text), st["cell"] if col in (0, 11) else st["cell_center"])
             for col, text in enumerate(_row_cells(row))] for row in scores.rows]
    widths = [w * _WIDTH / sum(_WIDTHS) for w in _WIDTHS]
    split = len(body) - _TAIL_ROWS if len(body) > 2 * _TAIL_ROWS else len(body)
    table = Table([*head, *body[:split]], colWidths=widths, repeatRows=2)
    table.setStyle(_table_style(2))
    if split == len(body):
        return table, None
    tail = Table(body[split:], colWidths=widths)
    tail.setStyle(_table_style(0))
    return table, tail


def _signatures() -> Flowable:
    """制表人 / 审核人（办公室主任）/ 分管院长 / 日期, each label followed by a line to sign on."""
    st = _styles()
    gap = "&nbsp;" * 8
    cells = []
    for label in _SIGNATURES:
        cells += [Paragraph(escape(label), st["sign"]),
                  Paragraph(f"{gap}年{gap}月{gap}日" if label == "日期：" else "", st["sign"])]
    fractions = (0.07, 0.13, 0.19, 0.13, 0.09, 0.13, 0.05, 0.21)
    table = Table([cells], colWidths=[_WIDTH * f for f in fractions])
    style = TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 2)])
    for col in (1, 3, 5, 7):
        style.add("LINEBELOW", (col, 0), (col, 0), 0.6, colors.black)
    style.add("RIGHTPADDING", (1, 0), (1, 0), 6)
    table.setStyle(style)
    return table


def scores_story(scores: MonthScores) -> list[Flowable]:
    """Title, the rule with the weights, the table, the signature lines."""
    register_fonts()
    st = _styles()
    subtitle = (f"单位：{escape(scores.institution)}{'&nbsp;' * 6}"
                f"考评月份：{month_title(scores.month)}")
    story: list[Flowable] = [
        Paragraph(escape(sheet_title(scores.month)), st["title"]),
        Paragraph(subtitle, st["subtitle"]),
        Paragraph(escape(rule_text(scores.weights)), st["rule"]),
    ]
    ending: list[Flowable] = [
        Paragraph("满意率、落实率下方括号内为（满意及基本满意人次/作答人次）或（已落实/核查人次）。",
                  st["note"]),
        Spacer(1, 9 * mm), _signatures(),
    ]
    if not scores.rows:
        return [*story, Paragraph("没有需要考评的科室。", st["note"]), *ending[1:]]
    table, tail = _score_tables(scores)
    if tail is None:
        return [*story, KeepTogether([table, *ending])]
    return [*story, table, KeepTogether([tail, *ending])]


def department_scores_pdf_bytes(scores: MonthScores, *, printed_at: datetime) -> bytes:
    """The 科室月度满意度考评表 of `scores.month` as PDF bytes (landscape A4)."""
    header = PageHeader(institution_name=scores.institution, title=TITLE, printed_at=printed_at)
    return build_document(header, scores_story(scores), pagesize=PAGESIZE)
