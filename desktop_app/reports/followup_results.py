"""出院患者回访月度统计: a month's follow-up results (DESIGN §1.4, §1.8).

Portrait A4: an overview paragraph, the table by department with a total row,
a small table by tier, and the tier-1 records that the tier-2 check found
未落实 or 记录不实 (patient, department, tier-1 assignee, the check note).
No phone numbers. Rates print as "87.5%" with the counts under them, "—"
without data. Figures are defined in `db.services.followup_results`.

Plain data in (`FollowUpResults`), PDF bytes out.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table

from desktop_app.domain.followup import FOLLOWUP_TIER_LABELS
from desktop_app.domain.followup_records import VERDICT_LABELS
from desktop_app.reports.complaint_common import (
    NONE_TEXT,
    escape,
    fmt_date,
    fmt_datetime,
    list_table,
)
from desktop_app.reports.complaint_figures import format_percent, month_title
from desktop_app.reports.fonts import register_fonts
from desktop_app.reports.layout import (
    PageHeader, build_document, content_box, table_report_styles,
)

if TYPE_CHECKING:
    from desktop_app.records.followup_results import (
        CheckFinding,
        FollowUpResults,
        ResultFigures,
    )

TITLE = "出院患者回访月度统计"
_FRAME_PADDING = 12  # SimpleDocTemplate's frame: 6 pt on each side
_WIDTH = content_box().width - _FRAME_PADDING

# Header cells break by hand ("\n") so a narrow column never leaves one character alone.
_FIGURE_HEADER = ("应访", "按时\n完成", "逾期\n完成", "失访", "逾期\n未访", "进行中",
                  "按时\n完成率", "满意率")
_CHECK_HEADER = ("核查\n一级", "未落实", "记录\n不实")


_NOTES = (
    "说明：1. 按时完成：回访结果的时间不晚于回访期最后一天；逾期未访：回访期已过仍未完成；"
    "进行中：回访期尚未结束。",
    "2. 满意率 =（满意＋基本满意）÷ 回答满意度的人次；回访结果经更正的，按更正后的内容统计。",
)


def results_title(month: str) -> str:
    """ "2026-11" → "出院患者回访月度统计 2026年11月"."""
    return f"{TITLE} {month_title(month)}"


def _styles() -> dict:
    return table_report_styles("fr")


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float], *,
           left: Collection[int] = (0,), total_row: bool = False) -> Table:
    """A list table `_WIDTH` wide (`complaint_common.list_table`)."""
    return list_table(header, rows, widths, width=_WIDTH, styles=_styles(), left=left,
                      total_row=total_row)


def _rate(value: float | None, part: int, whole: int) -> str:
    return f"{format_percent(value)}\n({part}/{whole})" if whole else NONE_TEXT


def _figures(f: ResultFigures, *, checks: bool) -> list[str]:
    cells = [str(f.due), str(f.done_in_window), str(f.done_late), str(f.lost), str(f.overdue),
             str(f.pending), _rate(f.in_window_rate, f.done_in_window, f.due),
             _rate(f.satisfaction_rate, f.satisfied, f.answered)]
    if checks:
        cells += [str(f.checked), str(f.not_done), str(f.untrue)]
    return cells


def overview_text(results: FollowUpResults) -> str:
    """The opening paragraph, written from the totals."""
    t = results.total
    if not t.due:
        return f"{month_title(results.month)}没有回访期截止的出院患者回访任务。"
    text = (f"本月应访出院患者 {t.due} 人次，按时完成 {t.done_in_window} 人次"
            f"（按时完成率 {format_percent(t.in_window_rate)}），逾期完成 {t.done_late} 人次，"
            f"失访 {t.lost} 人次，逾期未访 {t.overdue} 人次")
    text += f"，尚在回访期内 {t.pending} 人次；" if t.pending else "；"
    text += (f"回访满意率 {format_percent(t.satisfaction_rate)}（{t.satisfied}/{t.answered}）。"
             if t.answered else "本月无回访满意度记录。")
    if t.checked:
        text += (f"二级回访核查一级回访 {t.checked} 人次，发现未落实 {t.not_done} 人次、"
                 f"记录不实 {t.untrue} 人次。")
    return text


def _department_table(results: FollowUpResults) -> Flowable:
    if not results.departments:
        return Paragraph("本月无回访任务。", _styles()["note"])
    rows = [[d.department_name, *_figures(d.figures, checks=True)] for d in results.departments]
    rows.append(["合计", *_figures(results.total, checks=True)])
    return _table(("科室", *_FIGURE_HEADER, *_CHECK_HEADER), rows,
                  [20, 9, 11, 11, 9, 11, 11, 16, 16, 11, 10, 11], total_row=True)


def _tier_table(results: FollowUpResults) -> Flowable:
    if not results.tiers:
        return Paragraph("本月无回访任务。", _styles()["note"])
    rows = [[FOLLOWUP_TIER_LABELS.get(t.tier, str(t.tier)),  # type: ignore[call-overload]
             *_figures(t.figures, checks=False)] for t in results.tiers]
    rows.append(["合计", *_figures(results.total, checks=False)])
    return _table(("回访级别", *_FIGURE_HEADER), rows, [22, 10, 12, 12, 10, 12, 12, 18, 18],
                  total_row=True)


def _finding_row(number: int, f: CheckFinding) -> list[str]:
    verdict = VERDICT_LABELS.get(f.verdict, f.verdict)  # type: ignore[call-overload]
    return [str(number), f.patient_name, f.department_name, fmt_date(f.discharged_on),
            f.tier1_assignee or NONE_TEXT, verdict, f.note or NONE_TEXT,
            f"{f.checked_by or NONE_TEXT}\n{fmt_datetime(f.checked_at)}"]


def _findings_table(findings: Sequence[CheckFinding]) -> Flowable:
    if not findings:
        return Paragraph("本月二级回访核查未发现未落实或记录不实的一级回访。", _styles()["note"])
    return _table(("序号", "患者", "科室", "出院日期", "一级回访\n责任人", "核查结论", "核查说明",
                   "核查人 / 时间"),
                  [_finding_row(i, f) for i, f in enumerate(findings, start=1)],
                  [7, 14, 14, 17, 24, 13, 42, 28], left=(1, 4, 6))


def results_story(results: FollowUpResults) -> list[Flowable]:
    """Title, overview, the department and tier tables, the findings, the definitions."""
    register_fonts()
    st = _styles()
    scope = (f"统计范围：回访期截止日在 {fmt_date(results.first_day)} 至 "
             f"{fmt_date(results.last_day)} 的回访任务（不含已取消）；统计截至 "
             f"{fmt_date(results.today)}")
    return [
        Paragraph(escape(results_title(results.month)), st["title"]),
        Paragraph(escape(scope), st["subtitle"]),
        Paragraph(escape(overview_text(results)), st["body"]),
        Paragraph("一、各科室回访情况", st["heading"]),
        _department_table(results),
        Paragraph("“核查一级”等三列为二级回访对一级回访的核查，计入一级回访所在科室。", st["note"]),
        CondPageBreak(50 * mm),
        Paragraph("二、分级回访情况", st["heading"]),
        _tier_table(results),
        CondPageBreak(50 * mm),
        Paragraph("三、一级回访核查发现的问题（未落实、记录不实）", st["heading"]),
        _findings_table(results.findings),
        Paragraph(escape(_NOTES[0]), st["note"]),
        *(Paragraph(escape(line), st["note_more"]) for line in _NOTES[1:]),
    ]


def build_followup_results(results: FollowUpResults, *, institution_name: str,
                           printed_at: datetime) -> bytes:
    """The 出院患者回访月度统计 of `results.month` as PDF bytes."""
    header = PageHeader(institution_name=institution_name, title=TITLE, printed_at=printed_at)
    return build_document(header, results_story(results))
