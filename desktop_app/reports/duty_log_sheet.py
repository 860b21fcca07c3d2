"""值班院长行政总值班日志: one duty day on paper (DESIGN §1.6; seed 004 §三(一)5).

Portrait A4: the date with its weekday, the duty director and the place
(便民服务站); the entries by time (时间, 类别, 内容, 处理结果, 转诉求编号 — an
entry after midnight says 次日); the counts by kind and how many entries
became registered matters; the 值班院长签字 line.

Plain data in (`DutyLogDetail`), PDF bytes out.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from desktop_app.domain.inspections import DUTY_ENTRY_KIND_LABELS, DutyEntryKind
from desktop_app.reports.complaint_common import NONE_TEXT, escape, list_table_style
from desktop_app.reports.complaint_form import FormSizes, RuledForm, RuledLines, frame_width
from desktop_app.reports.fonts import register_fonts
from desktop_app.reports.inspection_record import weekday
from desktop_app.reports.layout import PageHeader, build_document, styles

if TYPE_CHECKING:
    from desktop_app.records.inspection_rows import DutyEntryRow, DutyLogDetail

TITLE = "值班院长行政总值班日志"
PLACE = "便民服务站"
_FORM_SIZES = FormSizes(font=10, leading=14, content_height=0, title=17)
_COLUMNS = (("时间", 15), ("类别", 16), ("内容", 62), ("处理结果", 58), ("转诉求编号", 21))


def _styles() -> dict:
    base = styles()
    return {
        "title": base["title"].clone("dl_title", fontSize=17, leading=24, spaceAfter=1),
        "subtitle": base["cell_center"].clone("dl_subtitle", fontSize=10.5, leading=15,
                                              spaceAfter=4 * mm),
        "heading": base["heading"].clone("dl_heading", fontSize=11.5, leading=16,
                                         spaceBefore=4 * mm, spaceAfter=2 * mm),
        "body": base["body"].clone("dl_body", fontSize=9.5, leading=14),
        "head": base["cell_center"].clone("dl_head", fontSize=8.5, leading=11),
        "cell": base["cell"].clone("dl_cell", fontSize=8.5, leading=11.5),
        "cell_center": base["cell_center"].clone("dl_cell_c", fontSize=8.5, leading=11.5),
        "sign": base["body"].clone("dl_sign", fontSize=10.5, leading=16, spaceAfter=0),
        "note": base["small"].clone("dl_note", textColor="#444444", spaceBefore=2),
    }


def kind_label(code: str) -> str:
    try:
        return DUTY_ENTRY_KIND_LABELS[DutyEntryKind(code)]
    except ValueError:
        return code


def entry_time(entry: DutyEntryRow, log: DutyLogDetail) -> str:
    """"09:05", or "次日 01:30" for an entry after midnight."""
    return f"{entry.at:%H:%M}" if entry.at.date() == log.day else f"次日<br/>{entry.at:%H:%M}"


def counts_text(log: DutyLogDetail) -> str:
    """"共 4 条：咨询 1 条，投诉处理 2 条，后勤保障 1 条；登记为诉求 1 条"."""
    if not log.entries:
        return "本日未记录值班事项。"
    kinds = Counter(e.kind for e in log.entries)
    known = {k.value for k in DutyEntryKind}
    parts = "，".join([f"{label} {kinds[kind.value]} 条"
                      for kind, label in DUTY_ENTRY_KIND_LABELS.items() if kinds[kind.value]]
                     + [f"{code} {n} 条" for code, n in kinds.items() if code not in known])
    matters = sum(e.linked for e in log.entries)
    return (f"共 {len(log.entries)} 条：{parts}"
            + (f"；其中 {matters} 条已登记为诉求。" if matters else "。"))


def _entries_table(log: DutyLogDetail) -> Table:
    st = _styles()
    rows: list[list] = [[Paragraph(name, st["head"]) for name, _ in _COLUMNS]]
    rows += [[Paragraph(entry_time(e, log), st["cell_center"]),
              Paragraph(escape(kind_label(e.kind)), st["cell_center"]),
              Paragraph(escape(e.content) or NONE_TEXT, st["cell"]),
              Paragraph(escape(e.result) or NONE_TEXT, st["cell"]),
              Paragraph(escape(e.matter_serial) or NONE_TEXT, st["cell_center"])]
             for e in log.entries]
    scale = frame_width() / sum(w for _, w in _COLUMNS)
    table = Table(rows, colWidths=[w * scale for _, w in _COLUMNS], repeatRows=1)
    style = list_table_style()
    style.add("VALIGN", (0, 1), (-1, -1), "TOP")
    table.setStyle(style)
    return table


def _counts_table(log: DutyLogDetail) -> Table:
    st = _styles()
    kinds = Counter(e.kind for e in log.entries)
    labels = [*DUTY_ENTRY_KIND_LABELS.values(), "合计", "转诉求"]
    values = [kinds[k.value] for k in DUTY_ENTRY_KIND_LABELS]
    values += [len(log.entries), sum(e.linked for e in log.entries)]
    cells = [[Paragraph(label, st["head"]) for label in labels],
             [Paragraph(str(v), st["cell_center"]) for v in values]]
    table = Table(cells, colWidths=[frame_width() / len(labels)] * len(labels))
    table.setStyle(list_table_style())
    return table


def duty_log_story(log: DutyLogDetail) -> list[Flowable]:
    """Title, the day's form, the entries, the counts and the signature line."""
    register_fonts()
    st = _styles()
    day = log.day
    form = RuledForm(_FORM_SIZES)
    form.pair("值班日期", f"{day:%Y-%m-%d}（{weekday(day)}）", "值班地点", PLACE)
    form.pair("值班院长", log.director, "登记人", log.created_by)
    story: list[Flowable] = [
        Paragraph(TITLE, st["title"]),
        Paragraph(escape(f"{day.year}年{day.month}月{day.day}日（{weekday(day)}）"), st["subtitle"]),
        form.table(frame_width()),
        Paragraph("一、值班记录", st["heading"]),
    ]
    if log.entries:
        story.append(_entries_table(log))
    else:
        story += [Paragraph("本日未记录值班事项。", st["body"]), RuledLines(5, spacing=8 * mm)]
    story += [
        KeepTogether([Paragraph("二、分类统计", st["heading"]),
                      Paragraph(escape(counts_text(log)), st["body"]), _counts_table(log)]),
        Paragraph("值班中处理的患者咨询、接待、投诉意见、科室督导检查及后勤保障事项均应记入本日志；"
                  "需要办理的投诉意见已登记为诉求的，注明诉求编号。", st["note"]),
        KeepTogether([
            Spacer(1, 10 * mm),
            Paragraph(f"值班院长签字：________________{'&nbsp;' * 8}"
                      f"交班时间：________年____月____日____时____分", st["sign"]),
        ]),
    ]
    return story


def build_duty_log(log: DutyLogDetail, *, institution_name: str, printed_at: datetime) -> bytes:
    """The 值班院长行政总值班日志 of one day as PDF bytes."""
    header = PageHeader(institution_name=institution_name, title=TITLE, printed_at=printed_at)
    return build_document(header, duty_log_story(log))
