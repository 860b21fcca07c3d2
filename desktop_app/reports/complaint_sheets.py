"""The paper forms of one matter: 医院投诉登记表 and 服务问题反馈单.

Seed 004 §四 / DESIGN §1.3:

- 医院投诉登记表 (`build_registration_sheet`): the matter's own record, one A4
  page as a ruled form — every key element (受理时间, 反映问题, 投诉对象 …),
  the external work order if any, the deadline and its extensions, then every
  round of handling (feedback sheets, the departments' replies, the callback
  and its satisfaction) and how the matter ended, with signature lines. When
  many rounds do not fit one page the form is set in a smaller size first;
  only a form that still does not fit flows on to a second page.
- 服务问题反馈单 (`build_feedback_sheet`): what one department receives in
  one round, with an empty reply section it fills in by hand ("承办科室接反馈单
  后，要第一时间向当事人联系答复"), the date by which the sheet comes back, and
  a receipt stub the office keeps when the department signs for the sheet.

Phones: both forms print the phone whole. They are not summaries (DESIGN §3
masks phones in lists, summaries and exports): the 登记表 is the matter's own
detail record, and the department holding a 反馈单 must call the complainant
back, which it cannot do from a masked number. `whole_phone=False` masks it
on the feedback sheet for an office that prefers to give the number by phone.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from desktop_app.domain.matters import MatterStatus, is_external
from desktop_app.domain.validation import mask_phone
from desktop_app.reports.complaint_common import (
    NONE_TEXT,
    category_label,
    channel_label,
    close_reason_label,
    consent_method_label,
    escape,
    fmt_date,
    fmt_datetime,
    fmt_deadline,
    prepare_fonts,
    satisfaction_label,
    status_label,
    type_label,
)
from desktop_app.reports.complaint_form import (
    DashedCutLine,
    FormSizes,
    RuledForm,
    RuledLines,
    frame_height,
    frame_width,
    story_height,
)
from desktop_app.reports.layout import PageHeader, build_document, styles

if TYPE_CHECKING:
    from desktop_app.records.matter_rows import CallbackRow, MatterDetail, SheetRow

REGISTRATION_TITLE = "医院投诉登记表"
FEEDBACK_TITLE = "服务问题反馈单"
OFFICE_NAME = "服务群众管理办公室"
REGISTRATION_SIGNATURES = ("登记人", "科室负责人", "办公室主任", "日期")
"""The signature lines under the 登记表, printed as 登记人：__________ …"""
STANDARD_INSTRUCTION = (
    "请承办科室接单后第一时间与当事人联系答复，如实填写办理情况，"
    "于回复期限前将本单交回服务群众管理办公室。"
)


_NORMAL = FormSizes(font=9.5, leading=13.5, content_height=38 * mm, title=18)
_COMPACT = FormSizes(font=8.5, leading=11.5, content_height=20 * mm, title=16, padding=2)
_TIGHT = FormSizes(font=7.5, leading=9.5, content_height=12 * mm, title=14, padding=1.2)
_REGISTRATION_SIZES = (_NORMAL, _COMPACT, _TIGHT)
"""Tried in order: the registration sheet uses the first that fits one page."""
_FEEDBACK_SIZES = (
    FormSizes(font=9, leading=12.5, content_height=16 * mm, title=18),
    FormSizes(font=8, leading=10.5, content_height=12 * mm, title=16, padding=2),
)


def round_label(round_number: int) -> str:
    """第 N 次办理 as printed on both forms (第1次办理, 第2次办理 …)."""
    return f"第{round_number}次办理"


def _title(text: str, sizes: FormSizes) -> Paragraph:
    style = styles()["title"].clone("form_title", fontSize=sizes.title,
                                    leading=sizes.title * 1.4, spaceAfter=3 * mm)
    return Paragraph(text, style)


def _target(detail: MatterDetail) -> str:
    parts = [
        f"科室：{detail.target_department}" if detail.target_department else "",
        f"人员：{detail.target_staff}" if detail.target_staff else "",
        f"具体对象：{detail.target_text}" if detail.target_text else "",
    ]
    return "；".join(p for p in parts if p) or NONE_TEXT


def _complainant(detail: MatterDetail) -> str:
    if detail.anonymous:
        return "匿名"
    return detail.complainant_name or NONE_TEXT


def _channel(code: str) -> str:
    try:
        side = "外部渠道" if is_external(code) else "内部渠道"
    except ValueError:
        return channel_label(code)
    return f"{channel_label(code)}（{side}）"


def _rounds(detail: MatterDetail) -> list[int]:
    return sorted({s.round for s in detail.sheets} | {c.round for c in detail.callbacks})


def _callback_result(callback: CallbackRow) -> str:
    result = satisfaction_label(callback.satisfaction)
    if callback.outcome == "rehandle":
        result += "（责令再次办理）"
    elif callback.outcome == "explain":
        result += "（解释说明后办结）"
    return result


def _explanation(callback: CallbackRow) -> str:
    parts = [callback.explanation.strip()]
    if callback.path_offered.strip():
        parts.append(f"提出的解决途径：{callback.path_offered.strip()}")
    return "；".join(p for p in parts if p)


def _add_key_elements(form: RuledForm, detail: MatterDetail, phone: str) -> None:
    row = detail.row
    form.pair("受理时间", fmt_datetime(row.received_at), "诉求类型", type_label(row.request_type))
    form.wide("受理渠道", _channel(row.channel))
    form.pair("投诉人", _complainant(detail), "联系电话", phone)
    form.pair("与患者关系", detail.relation, "首诉责任人", detail.first_receiver_name)
    form.wide("投诉对象", _target(detail))


def _add_deadline(form: RuledForm, detail: MatterDetail) -> None:
    row = detail.row
    if _is_external(row.channel):
        form.pair("工单编号", detail.upstream_order_no, "签收时间", fmt_datetime(detail.signed_at))
        form.pair("上级回复期限", fmt_date(detail.upstream_deadline),
                  "本院办理期限", fmt_date(detail.local_deadline))
    extended = f"已延期 {len(detail.extensions)} 次" if detail.extensions else "未延期"
    form.pair("办理期限", fmt_deadline(row.deadline, row.provisional), "延期", extended)
    for number, ext in enumerate(detail.extensions, start=1):
        form.wide(
            f"延期情况{number}",
            f"{fmt_datetime(ext.consent_at)} 经{ext.consent_by}"
            f"{consent_method_label(ext.consent_method)}同意，办理期限由 "
            f"{fmt_date(ext.old_deadline)} 延至 {fmt_date(ext.new_deadline)}；"
            f"理由：{ext.reason}；批准人：{ext.granted_by}",
        )


def _is_external(channel: str) -> bool:
    try:
        return is_external(channel)
    except ValueError:
        return False


def _add_round(form: RuledForm, detail: MatterDetail, round_number: int) -> None:
    sheets = [s for s in detail.sheets if s.round == round_number]
    callbacks = [c for c in detail.callbacks if c.round == round_number]
    form.section(round_label(round_number) if sheets else "回访")
    for sheet in sheets:
        form.pair("承办科室", sheet.department_name, "回复期限", fmt_date(sheet.reply_by))
        issued = f"{fmt_datetime(sheet.issued_at)} 由{sheet.issued_by}转办反馈单"
        if sheet.instructions.strip():
            issued += f"；办理要求：{sheet.instructions.strip()}"
        form.wide("转办", issued)
        if sheet.replied_at is None and not sheet.reply_content:
            form.wide("办理情况", "（承办科室尚未答复）")
            continue
        form.pair("承办人", sheet.replier, "联系时间", fmt_datetime(sheet.contacted_at))
        form.wide("办理情况", sheet.reply_content)
    for callback in callbacks:
        form.pair("回访时间", f"{fmt_datetime(callback.at)}（{callback.recorded_by}）",
                  "满意度", _callback_result(callback))
        form.wide("当事人意见", callback.words)
        explanation = _explanation(callback)
        if explanation:
            form.wide("解释说明", explanation)


def _add_result(form: RuledForm, detail: MatterDetail) -> None:
    row = detail.row
    form.section("办结情况")
    if row.status == MatterStatus.withdrawn:
        form.wide("撤销原因", detail.withdrawn_reason)
    elif row.status == MatterStatus.closed:
        how = close_reason_label(detail.close_reason)
        if detail.final_satisfaction:
            how += f"（{satisfaction_label(detail.final_satisfaction)}）"
        form.pair("办结方式", how, "办结时间", fmt_datetime(row.closed_at))
    else:
        form.wide("办理状态", f"办理中（{status_label(row.status)}，{round_label(row.round)}）")


def _registration_story(detail: MatterDetail, sizes: FormSizes) -> list[Flowable]:
    form = RuledForm(sizes)
    form.pair("编号", detail.row.serial, "当前状态", status_label(detail.row.status))
    _add_key_elements(form, detail, detail.phone.strip() or NONE_TEXT)
    form.wide("问题分类", category_label(detail.row.category))
    form.wide("反映问题", detail.row.content, min_height=sizes.content_height)
    _add_deadline(form, detail)
    if detail.on_the_spot_resolution.strip():
        form.section("当场处理（首诉负责制）")
        form.wide("处理情况", detail.on_the_spot_resolution)
    for round_number in _rounds(detail):
        _add_round(form, detail, round_number)
    _add_result(form, detail)
    signature_style = styles()["body"].clone(
        "signatures", fontSize=sizes.font + 0.5,
        spaceBefore=6 * mm if sizes is _NORMAL else 3.5 * mm, spaceAfter=0,
    )
    return [_title(REGISTRATION_TITLE, sizes), form.table(frame_width()),
            Paragraph(("&nbsp;" * 8).join(f"{label}：____________"
                                          for label in REGISTRATION_SIGNATURES),
                      signature_style)]


def build_registration_sheet(
    detail: MatterDetail, *, institution_name: str, printed_at: datetime
) -> bytes:
    """The 医院投诉登记表 of one matter; the PDF bytes.

    One A4 page: a form with many rounds is set smaller (two steps) to fit;
    only one that still does not fit flows on to further pages.
    """
    prepare_fonts()
    room = frame_height()
    sizes = next(
        (size for size in _REGISTRATION_SIZES
         if story_height(_registration_story(detail, size), frame_width()) <= room),
        _REGISTRATION_SIZES[-1],
    )
    header = PageHeader(institution_name=institution_name, title=REGISTRATION_TITLE,
                        printed_at=printed_at)
    return build_document(header, _registration_story(detail, sizes))


# --- 服务问题反馈单 ------------------------------------------------------------


def _add_previous_rounds(form: RuledForm, detail: MatterDetail, sheet: SheetRow) -> None:
    """Why the matter is handled again: each earlier round's replies and callbacks, a row each."""
    for round_number in [r for r in _rounds(detail) if r < sheet.round]:
        for earlier in (s for s in detail.sheets if s.round == round_number):
            form.wide(f"第{round_number}次办理\n{earlier.department_name}答复",
                      earlier.reply_content.strip() or "（未答复）")
        for callback in (c for c in detail.callbacks if c.round == round_number):
            text = f"{fmt_datetime(callback.at)} 回访：{_callback_result(callback)}"
            if callback.words.strip():
                text += f"；当事人意见：{callback.words.strip()}"
            explanation = _explanation(callback)
            if explanation:
                text += f"；解释说明：{explanation}"
            form.wide(f"第{round_number}次回访", text)


def _reply_section(form: RuledForm, result_lines: int) -> None:
    hint = styles()["cell"].clone("hint", fontSize=8.5, leading=12)
    blank = Spacer(1, 1)
    form.section("以下由承办科室填写")
    form.wide("联系当事人情况", [
        Paragraph("联系时间：________年_____月_____日_____时_____分"
                  "&nbsp;&nbsp;&nbsp;&nbsp;联系方式：□电话&nbsp;&nbsp;□当面&nbsp;&nbsp;□其他________",
                  hint),
        RuledLines(3, spacing=7 * mm),
    ])
    form.wide("办理结果", [
        Paragraph("（办理经过、整改措施及向当事人答复的内容）", hint),
        RuledLines(result_lines, spacing=7 * mm),
    ])
    form.pair("承办人签字", blank, "科室负责人签字", blank, height=10 * mm)
    form.wide("日期", "________年_____月_____日")


def _feedback_story(
    detail: MatterDetail, sheet: SheetRow, phone: str, sizes: FormSizes, result_lines: int
) -> list[Flowable]:
    row = detail.row
    form = RuledForm(sizes)
    form.pair("编号", row.serial, "办理轮次", round_label(sheet.round))
    form.pair("承办科室", sheet.department_name, "回复期限", fmt_date(sheet.reply_by))
    _add_key_elements(form, detail, phone or NONE_TEXT)
    form.pair("问题分类", category_label(row.category),
              "转办时间", f"{fmt_datetime(sheet.issued_at)}（{sheet.issued_by}）")
    form.wide("反映问题", row.content, min_height=sizes.content_height)
    others = [s.department_name for s in detail.sheets
              if s.round == sheet.round and s.id != sheet.id]
    if others:
        form.wide("同时转办", "、".join(others))
    instructions = [sheet.instructions.strip(), STANDARD_INSTRUCTION]
    form.wide("办理要求", "\n".join(i for i in instructions if i))
    if sheet.round >= 2:
        form.section("前次办理及回访情况（本次为再次办理）")
        _add_previous_rounds(form, detail, sheet)
    _reply_section(form, result_lines)

    base = styles()
    note = base["body"].clone("return_note", fontSize=11, leading=16, spaceBefore=2.5 * mm)
    stub = base["small"].clone("stub", fontSize=9, leading=15)
    nbsp = "&nbsp;" * 4
    return [
        _title(FEEDBACK_TITLE, sizes),
        form.table(frame_width()),
        Paragraph(f"请于 {fmt_date(sheet.reply_by)} 前将本单交回{OFFICE_NAME}。", note),
        Spacer(1, 2 * mm),
        DashedCutLine(f"沿虚线裁开，下联由{OFFICE_NAME}留存", prepare_fonts()),
        Spacer(1, 1.5 * mm),
        Paragraph(
            f"反馈单签收联{nbsp}编号：{escape(row.serial)}（{round_label(sheet.round)}）{nbsp}"
            f"承办科室：{escape(sheet.department_name)}{nbsp}回复期限：{fmt_date(sheet.reply_by)}"
            f"<br/>承办科室签收人：______________{nbsp}"
            "签收时间：________年_____月_____日_____时_____分",
            stub,
        ),
    ]


def build_feedback_sheet(
    detail: MatterDetail,
    sheet_id: int,
    *,
    institution_name: str,
    printed_at: datetime,
    whole_phone: bool = True,
) -> bytes:
    """The 服务问题反馈单 `sheet_id` of `detail` (one department, one round); the PDF.

    One A4 page: the 办理结果 area gets as many ruled lines (7 down to 3) as
    the page leaves room for, in a smaller size if need be; a sheet with very
    long texts flows on to a second page. Raises ValueError (Chinese message)
    when the matter has no such sheet.
    """
    sheet = next((s for s in detail.sheets if s.id == sheet_id), None)
    if sheet is None:
        raise ValueError(f"事项 {detail.row.serial} 没有编号为 {sheet_id} 的反馈单")
    prepare_fonts()
    phone = detail.phone.strip() if whole_phone else mask_phone(detail.phone)
    room = frame_height()
    sizes, lines = next(
        ((size, count) for size in _FEEDBACK_SIZES for count in range(7, 2, -1)
         if story_height(_feedback_story(detail, sheet, phone, size, count),
                          frame_width()) <= room),
        (_FEEDBACK_SIZES[-1], 6),
    )
    header = PageHeader(institution_name=institution_name, title=FEEDBACK_TITLE,
                        printed_at=printed_at)
    return build_document(header, _feedback_story(detail, sheet, phone, sizes, lines))
