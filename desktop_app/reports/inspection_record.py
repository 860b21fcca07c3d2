"""周五行政总检查记录表: one Friday inspection on paper (DESIGN §1.5; seed 004 §三(一)4).

Portrait A4, in this order:

- the heading form: 检查时间, the Friday it counts for (and the move with its
  note when the inspection was moved off a holiday), 分工院长, 工会主席,
  参加科室, 参加人员, the record's state and checklist version;
- 一、检查情况: the counts, then the checklist by area (卫生 … 疫情防控) with
  each item's result and note; a 不合格 row is shaded and framed, an item
  changed by an amendment says so;
- 二、发现问题及整改要求: each 不合格 with its rectification item (责任科室,
  整改措施, 整改期限, 当前状态) — in a draft these are still to be set;
- 三、检查小结; 四、更正记录 (time, by whom, what changed, why) if any;
- the signature lines 分工院长签字 / 工会主席签字 / 记录人, with the sign-off
  recorded in the program printed under them;
- 附：现场照片: small thumbnails of the items' photos (a missing or unreadable
  file prints a note in its place, never an error).

A draft carries 草稿（未签字确认） in the page header of every page and in a
box under the title.

Plain data in (`InspectionDetail`, the rectification rows of its 不合格 items),
PDF bytes out.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image as PILImage
from PIL import ImageOps
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)

from desktop_app.domain.inspections import (
    INSPECTION_AREAS,
    INSPECTION_STATUS_LABELS,
    ITEM_RESULT_LABELS,
    InspectionStatus,
    ItemResult,
)
from desktop_app.domain.rectification import RECTIFICATION_STATUS_LABELS, RectificationStatus
from desktop_app.reports.complaint_common import (
    NONE_TEXT,
    escape,
    fmt_date,
    fmt_datetime,
    list_table_style,
)
from desktop_app.reports.complaint_form import FormSizes, RuledForm, RuledLines, frame_width
from desktop_app.reports.fonts import register_fonts
from desktop_app.reports.layout import PageHeader, build_document, styles

if TYPE_CHECKING:
    from desktop_app.records.inspection_rows import (
        InspectionAmendmentRow,
        InspectionDetail,
        PhotoRow,
        ResultRow,
    )
    from desktop_app.records.rectification_rows import RectificationRow

TITLE = "周五行政总检查记录表"
DRAFT_MARK = "草稿（未签字确认）"
SIGNATURES = ("分工院长签字", "工会主席签字", "记录人")
WEEKDAYS = "一二三四五六日"

_FAILED_FILL = colors.HexColor("#E6E6E6")
_AREA_FILL = colors.HexColor("#F2F2F2")
_FAILED_TEXT = "#9A0000"
_HINT = "#555555"
_FORM_SIZES = FormSizes(font=9.5, leading=13.5, content_height=0, title=17)
_THUMB_WIDTH = 40 * mm
_THUMB_HEIGHT = 30 * mm
_THUMB_PIXELS = 480  # the longer side of the embedded thumbnail
_THUMBS_PER_ROW = 4


def weekday(day: date) -> str:
    """2026-11-20 → "星期五"."""
    return f"星期{WEEKDAYS[day.weekday()]}"


def day_text(day: date) -> str:
    """2026-11-20 → "2026-11-20（星期五）"."""
    return f"{day:%Y-%m-%d}（{weekday(day)}）"


def _styles() -> dict:
    base = styles()
    return {
        "title": base["title"].clone("ir_title", fontSize=17, leading=24, spaceAfter=1),
        "subtitle": base["cell_center"].clone("ir_subtitle", fontSize=10, leading=15,
                                              spaceAfter=3 * mm),
        "draft": base["cell_center"].clone("ir_draft", fontSize=13, leading=18,
                                           textColor=_FAILED_TEXT),
        "draft_note": base["cell_center"].clone("ir_draft_note", fontSize=8.5, leading=12,
                                                textColor=_FAILED_TEXT),
        "heading": base["heading"].clone("ir_heading", fontSize=11.5, leading=16,
                                         spaceBefore=4 * mm, spaceAfter=2 * mm),
        "body": base["body"].clone("ir_body", fontSize=9.5, leading=14),
        "head": base["cell_center"].clone("ir_head", fontSize=8.5, leading=11),
        "cell": base["cell"].clone("ir_cell", fontSize=8.5, leading=11.5),
        "cell_center": base["cell_center"].clone("ir_cell_c", fontSize=8.5, leading=11.5),
        "area": base["cell"].clone("ir_area", fontSize=9, leading=12),
        "failed": base["cell_center"].clone("ir_failed", fontSize=9, leading=11.5,
                                            textColor=_FAILED_TEXT),
        "hint": base["cell"].clone("ir_hint", fontSize=7.5, leading=10, textColor=_HINT),
        "sign": base["body"].clone("ir_sign", fontSize=10.5, leading=15, spaceAfter=0),
        "sign_hint": base["small"].clone("ir_sign_hint", fontSize=8, leading=11,
                                         textColor=_HINT),
        "after": base["small"].clone("ir_after", fontSize=8, leading=11, textColor=_HINT,
                                     spaceBefore=1.5 * mm),
        "caption": base["cell_center"].clone("ir_caption", fontSize=7.5, leading=10),
    }


def _result_label(code: str | None) -> str:
    if not code:
        return "未填"
    try:
        return ITEM_RESULT_LABELS[ItemResult(code)]
    except ValueError:
        return code


def _rect_status_label(code: str | None) -> str:
    try:
        return RECTIFICATION_STATUS_LABELS[RectificationStatus(code or "")]
    except ValueError:
        return code or NONE_TEXT


# --- heading ------------------------------------------------------------------------------------


def friday_text(detail: InspectionDetail) -> str:
    """The Friday the inspection counts for, with its move: "2026-10-02（改至 …；国庆节放假）"."""
    text = f"{detail.friday:%Y-%m-%d}（{weekday(detail.friday)}）"
    if detail.due_day != detail.friday:
        text += f"，改至 {day_text(detail.due_day)}"
        if detail.move_note:
            text += f"；改期原因：{detail.move_note}"
    return text


def _header_form(detail: InspectionDetail) -> Table:
    header = detail.header
    at = header.inspected_at
    form = RuledForm(_FORM_SIZES)
    form.pair("检查时间", f"{at:%Y-%m-%d %H:%M}（{weekday(at.date())}）" if at else "",
              "记录状态", INSPECTION_STATUS_LABELS.get(detail.status, detail.status)
              + f"（检查表第 {detail.template_version} 版）")
    form.wide("对应周五", friday_text(detail))
    form.pair("分工院长", header.leader, "工会主席", header.union_chair)
    form.wide("参加科室", header.departments)
    form.wide("参加人员", header.participants)
    return form.table(frame_width())


def _draft_box() -> Table:
    st = _styles()
    box = Table([[Paragraph(DRAFT_MARK, st["draft"])],
                 [Paragraph("本表尚未经分工院长签字确认，内容可能修改，不作为正式检查记录。",
                            st["draft_note"])]],
                colWidths=[110 * mm])
    box.setStyle([("BOX", (0, 0), (-1, -1), 1.5, colors.HexColor(_FAILED_TEXT)),
                  ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)])
    box.spaceAfter = 3 * mm
    return box


# --- 一、检查情况 ---------------------------------------------------------------------------------


def counts_text(detail: InspectionDetail) -> str:
    """"共 30 项：合格 28 项，不合格 1 项，不适用 1 项" (+ "，未填 n 项" in a draft)."""
    counts = detail.counts
    text = (f"共检查 {len(detail.results)} 项：合格 {counts.get(ItemResult.passed.value, 0)} 项，"
            f"不合格 {counts.get(ItemResult.failed.value, 0)} 项，"
            f"不适用 {counts.get(ItemResult.not_applicable.value, 0)} 项")
    if counts.get(""):
        text += f"，未填 {counts['']} 项"
    return text + "。"


def _areas(results: Sequence[ResultRow]) -> list[str]:
    """The areas present, in the seed's order, then any others as they come."""
    present = list(dict.fromkeys(r.area for r in results))
    return [a for a in INSPECTION_AREAS if a in present] + [
        a for a in present if a not in INSPECTION_AREAS]


def _amended(row: ResultRow) -> bool:
    return row.result != row.original_result or row.note != row.original_note


def _note_cell(row: ResultRow, st: dict) -> list[Flowable]:
    failed = row.result == ItemResult.failed
    text = escape(row.note)
    if failed:
        text = f"存在问题：{text or NONE_TEXT}"
    cell: list[Flowable] = [Paragraph(text, st["cell"])]
    extra = []
    if row.photos:
        extra.append(f"附照片 {len(row.photos)} 张")
    if _amended(row):
        extra.append(f"已更正，原为：{_result_label(row.original_result)}"
                     + (f"，{row.original_note}" if row.original_note else ""))
    if extra:
        cell.append(Paragraph(escape("（" + "；".join(extra) + "）"), st["hint"]))
    return cell


_CHECK_COLUMNS = (("序号", 9), ("检查内容", 84), ("结果", 15), ("说明", 66))


def _checklist_table(detail: InspectionDetail) -> Table:
    st = _styles()
    rows: list[list] = [[Paragraph(name, st["head"]) for name, _ in _CHECK_COLUMNS]]
    style = list_table_style()
    style.add("VALIGN", (0, 1), (-1, -1), "TOP")
    for area in _areas(detail.results):
        items = [r for r in detail.results if r.area == area]
        failed = sum(r.result == ItemResult.failed for r in items)
        line = len(rows)
        label = f"{area}（{len(items)} 项" + (f"，不合格 {failed} 项）" if failed else "）")
        rows.append([Paragraph(escape(label), st["area"]), "", "", ""])
        style.add("SPAN", (0, line), (-1, line))
        style.add("BACKGROUND", (0, line), (-1, line), _AREA_FILL)
        for row in items:
            line = len(rows)
            is_failed = row.result == ItemResult.failed
            result = (Paragraph("不合格", st["failed"]) if is_failed
                      else Paragraph(_result_label(row.result), st["cell_center"]))
            rows.append([Paragraph(str(row.order), st["cell_center"]),
                         Paragraph(escape(row.text), st["cell"]), result, _note_cell(row, st)])
            if is_failed:
                style.add("BACKGROUND", (0, line), (-1, line), _FAILED_FILL)
                style.add("BOX", (0, line), (-1, line), 1.2, colors.black)
    scale = frame_width() / sum(w for _, w in _CHECK_COLUMNS)
    table = Table(rows, colWidths=[w * scale for _, w in _CHECK_COLUMNS], repeatRows=1)
    table.setStyle(style)
    return table


# --- 二、发现问题及整改要求 -----------------------------------------------------------------------

_FINDING_COLUMNS = (("序号", 9), ("检查项目", 35), ("存在的问题", 35), ("责任科室", 20),
                    ("整改措施", 40), ("整改期限", 19), ("状态", 22))
_UNSET = "签字确认时确定责任科室、整改措施和整改期限"



def _finding_row(number: int, row: ResultRow, item: RectificationRow | None, signed: bool,
                 st: dict) -> list:
    what = Paragraph(f"第 {row.order} 项　{escape(row.area)}<br/>{escape(row.text)}", st["cell"])
    problem = Paragraph(escape(row.note) or NONE_TEXT, st["cell"])
    if item is None:  # a draft: the rectification item is made at sign-off
        return [Paragraph(str(number), st["cell_center"]), what, problem,
                Paragraph(f"（{_UNSET if not signed else '未生成整改事项'}）", st["hint"]), "", "",
                Paragraph("未生成", st["cell_center"])]
    deadline = fmt_date(item.deadline)
    if item.overdue:
        deadline += f"<br/>{escape(item.deadline_text)}"
    return [
        Paragraph(str(number), st["cell_center"]), what, problem,
        Paragraph(escape(item.departments) or "未指定", st["cell"]),
        Paragraph(escape(item.measure), st["cell"]),
        Paragraph(deadline, st["failed"] if item.overdue else st["cell_center"]),
        Paragraph(_rect_status_label(item.status), st["cell_center"]),
    ]


def _findings(detail: InspectionDetail, findings: Mapping[int, RectificationRow]) -> Flowable:
    st = _styles()
    failed = detail.failed
    if not failed:
        return Paragraph("本次检查未发现不合格项。", st["body"])
    rows: list[list] = [[Paragraph(name, st["head"]) for name, _ in _FINDING_COLUMNS]]
    rows += [_finding_row(n, row, findings.get(row.id), detail.signed, st)
             for n, row in enumerate(failed, start=1)]
    scale = frame_width() / sum(w for _, w in _FINDING_COLUMNS)
    table = Table(rows, colWidths=[w * scale for _, w in _FINDING_COLUMNS], repeatRows=1)
    style = list_table_style()
    style.add("VALIGN", (0, 1), (-1, -1), "TOP")
    for line, row in enumerate(failed, start=1):
        if row.id not in findings:
            style.add("SPAN", (3, line), (5, line))
    table.setStyle(style)
    return table


# --- 三、小结, 四、更正记录 ------------------------------------------------------------------------


def _summary(detail: InspectionDetail) -> list[Flowable]:
    st = _styles()
    text = detail.header.summary.strip()
    if text:
        return [Paragraph(escape(text), st["body"])]
    if detail.signed:
        return [Paragraph("（无）", st["body"])]
    return [RuledLines(4, spacing=8 * mm)]


_AMEND_COLUMNS = (("序号", 9), ("更正时间", 26), ("更正人", 18), ("更正内容", 80), ("更正原因", 41))


def _amendments(amendments: Sequence[InspectionAmendmentRow]) -> Table:
    st = _styles()
    rows: list[list] = [[Paragraph(name, st["head"]) for name, _ in _AMEND_COLUMNS]]
    for n, a in enumerate(amendments, start=1):
        rows.append([Paragraph(str(n), st["cell_center"]),
                     Paragraph(fmt_datetime(a.at), st["cell_center"]),
                     Paragraph(escape(a.recorded_by) or NONE_TEXT, st["cell_center"]),
                     Paragraph("<br/>".join(escape(d) for d in a.described) or NONE_TEXT,
                               st["cell"]),
                     Paragraph(escape(a.reason) or NONE_TEXT, st["cell"])])
    scale = frame_width() / sum(w for _, w in _AMEND_COLUMNS)
    table = Table(rows, colWidths=[w * scale for _, w in _AMEND_COLUMNS], repeatRows=1)
    style = list_table_style()
    style.add("VALIGN", (0, 1), (-1, -1), "TOP")
    table.setStyle(style)
    return table


# --- signatures ---------------------------------------------------------------------------------


def signature_notes(detail: InspectionDetail) -> tuple[str, str, str]:
    """What the program recorded under each signature line (分工院长, 工会主席, 记录人)."""
    header = detail.header
    if detail.signed:
        leader = f"已在系统中签字确认：{detail.signed_by or header.leader}"
        if detail.signed_at:
            leader += f"　{fmt_datetime(detail.signed_at)}"
    else:
        leader = "尚未签字确认" + (f"（分工院长：{header.leader}）" if header.leader else "")
    chair = f"工会主席：{header.union_chair}" if header.union_chair else ""
    recorder = f"系统记录人：{detail.recorded_by}" if detail.recorded_by else ""
    return leader, chair, recorder


def _signatures(detail: InspectionDetail) -> Flowable:
    st = _styles()
    line = "_" * 14
    notes = signature_notes(detail)
    cells = [[Paragraph(f"{label}：{line}", st["sign"]) for label in SIGNATURES],
             [Paragraph(escape(note), st["sign_hint"]) for note in notes],
             [Paragraph("日期：________年____月____日", st["sign_hint"]), "", ""]]
    width = frame_width()
    table = Table(cells, colWidths=[width * 0.36, width * 0.33, width * 0.31])
    table.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 1), (-1, -1), 1),
                    ("TOPPADDING", (0, 2), (-1, 2), 4)])
    return KeepTogether([Spacer(1, 8 * mm), table])


# --- photos -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Thumbnail:
    """A photo ready to print: the scaled picture, or None and why not."""

    photo: PhotoRow
    item: ResultRow
    image: Image | None
    problem: str = ""


def thumbnail(photo: PhotoRow, item: ResultRow) -> Thumbnail:
    """A small picture of a stored photo, turned upright; a missing or bad file gives a note."""
    path = Path(photo.file_path)
    if not path.is_file():
        return Thumbnail(photo, item, None, "照片文件缺失")
    try:
        with PILImage.open(path) as opened:
            picture = ImageOps.exif_transpose(opened)
            picture.thumbnail((_THUMB_PIXELS, _THUMB_PIXELS))
            buffer = io.BytesIO()
            picture.convert("RGB").save(buffer, format="JPEG", quality=80)
            width, height = picture.size
    except Exception:  # noqa: BLE001 - any unreadable picture prints as a note
        return Thumbnail(photo, item, None, "照片无法读取")
    buffer.seek(0)
    scale = min(_THUMB_WIDTH / width, _THUMB_HEIGHT / height)
    return Thumbnail(photo, item, Image(buffer, width * scale, height * scale))


def _photo_cell(thumb: Thumbnail, st: dict) -> list[Flowable]:
    caption = f"第 {thumb.item.order} 项　{_result_label(thumb.item.result)}"
    if thumb.image is None:
        missing = Paragraph(escape(f"（{thumb.problem}：{thumb.photo.original_name}）"),
                            st["caption"])
        box = Table([[missing]], colWidths=[_THUMB_WIDTH], rowHeights=[_THUMB_HEIGHT])
        box.setStyle([("BOX", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                      ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
        return [box, Paragraph(escape(caption), st["caption"])]
    return [thumb.image, Paragraph(escape(caption), st["caption"])]


def _photos(thumbs: Sequence[Thumbnail]) -> Table:
    st = _styles()
    cells = [_photo_cell(t, st) for t in thumbs]
    cells += [""] * (-len(cells) % _THUMBS_PER_ROW)
    rows = [cells[i:i + _THUMBS_PER_ROW] for i in range(0, len(cells), _THUMBS_PER_ROW)]
    width = frame_width() / _THUMBS_PER_ROW
    table = Table(rows, colWidths=[width] * _THUMBS_PER_ROW)
    table.setStyle([("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6)])
    return table


# --- the whole sheet ----------------------------------------------------------------------------


def record_story(detail: InspectionDetail, findings: Mapping[int, RectificationRow]
                 ) -> list[Flowable]:
    """The record sheet's flowables; `findings` maps a 不合格 result's id to its rectification item."""
    register_fonts()
    st = _styles()
    at = detail.header.inspected_at
    day = at.date() if at else detail.due_day
    subtitle = f"{day.year}年{day.month}月{day.day}日（{weekday(day)}）"
    if not at:
        subtitle += "　检查时间未填"

    story: list[Flowable] = [Paragraph(TITLE, st["title"]),
                             Paragraph(escape(subtitle), st["subtitle"])]
    if not detail.signed:
        story.append(_draft_box())
    story += [
        _header_form(detail),
        Paragraph("一、检查情况", st["heading"]),
        Paragraph(escape(counts_text(detail)) + "不合格项底色加框标出。", st["body"]),
        _checklist_table(detail),
        CondPageBreak(40 * mm),
        Paragraph("二、发现问题及整改要求", st["heading"]),
        _findings(detail, findings),
    ]
    if detail.failed and detail.signed:
        story.append(Paragraph("每个不合格项已生成整改事项，列入整改台账；整改完成后经复查合格方可销号。",
                               st["after"]))
    story += [CondPageBreak(30 * mm), Paragraph("三、检查小结", st["heading"]),
              *_summary(detail)]
    if detail.amendments:
        story += [CondPageBreak(30 * mm), Paragraph("四、更正记录", st["heading"]),
                  Paragraph("以下为签字确认后的更正；表中检查结果和说明为更正后的内容。", st["sign_hint"]),
                  Spacer(1, 1.5 * mm), _amendments(detail.amendments)]
    story.append(_signatures(detail))
    thumbs = [thumbnail(p, r) for r in detail.results for p in r.photos]
    if thumbs:
        story += [CondPageBreak(50 * mm), Paragraph("附：现场照片", st["heading"]), _photos(thumbs)]
    return story


def record_title(detail: InspectionDetail) -> str:
    """The page header's title: the sheet's name, and 草稿（未签字确认） on a draft."""
    return TITLE if detail.status == InspectionStatus.signed else f"{TITLE}　{DRAFT_MARK}"


def build_inspection_record(detail: InspectionDetail, findings: Mapping[int, RectificationRow],
                            *, institution_name: str, printed_at: datetime) -> bytes:
    """The 周五行政总检查记录表 of one inspection as PDF bytes."""
    header = PageHeader(institution_name=institution_name, title=record_title(detail),
                        printed_at=printed_at)
    return build_document(header, record_story(detail, findings))
