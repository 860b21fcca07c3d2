"""What the detail view shows, as plain text/HTML built from a `MatterDetail`.

Kept apart from the dialog so the wording is easy to test and to reuse.
"""

from __future__ import annotations

from datetime import date, datetime
from html import escape

from desktop_app.records.matter_rows import CallbackRow, EventRow, MatterDetail, SheetRow
from desktop_app.records.survey_rows import SurveyRow
from desktop_app.domain.matters import (
    CATEGORY_LABELS, CLOSE_REASON_LABELS, CONSENT_METHOD_LABELS, SATISFACTION_LABELS,
    CloseReason, ConsentMethod, IssueCategory, MatterStatus, Satisfaction, is_external,
)
from desktop_app.domain.satisfaction import (
    DIMENSION_LABELS, SURVEY_KIND_LABELS, Answer, Dimension, SurveyKind,
)
from desktop_app.ui.complaints.finding_dialog import finding_text
from desktop_app.ui.complaints.table_model import channel_label, status_text, type_label

EVENT_LABELS = {
    "registered": ("登记受理", "#1565c0"),
    "dispatch": ("转办", "#6a1b9a"),
    "reply": ("登记答复", "#00838f"),
    "callback": ("回访", "#2e7d32"),
    "close_on_the_spot": ("当场办结", "#2e7d32"),
    "close_unreachable": ("无法回访办结", "#5d4037"),
    "extend": ("延期", "#e65100"),
    "withdraw": ("撤销", "#616161"),
    "recompute": ("期限重算", "#616161"),
    "finding": ("核实结论", "#ad1457"),
}
STATUS_COLORS = {
    MatterStatus.registered: "#1565c0",
    MatterStatus.dispatched: "#6a1b9a",
    MatterStatus.replied: "#00838f",
    MatterStatus.rehandling: "#c62828",
    MatterStatus.closed: "#2e7d32",
    MatterStatus.withdrawn: "#616161",
}
NEXT_STEP_TEXT = {"close": "办结", "rehandle": "再次办理", "explain": "解释说明后办结"}


def fmt_dt(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value is not None else ""


def fmt_d(value: date | None) -> str:
    return f"{value:%Y-%m-%d}" if value is not None else ""


def _label(mapping, enum_cls, code: str | None) -> str:
    if not code:
        return ""
    try:
        return mapping[enum_cls(code)]
    except ValueError:
        return code


def category_text(code: str | None) -> str:
    return _label(CATEGORY_LABELS, IssueCategory, code)


def satisfaction_text(code: str | None) -> str:
    return _label(SATISFACTION_LABELS, Satisfaction, code)


def close_reason_text(code: str | None) -> str:
    return _label(CLOSE_REASON_LABELS, CloseReason, code)


def consent_method_text(code: str | None) -> str:
    return _label(CONSENT_METHOD_LABELS, ConsentMethod, code)


def deadline_state(detail: MatterDetail) -> tuple[str, str]:
    """The deadline line of the header and its colour."""
    row = detail.row
    text = f"办理期限 {fmt_d(row.deadline)}"
    if row.provisional:
        text += "（待核定）"
    if row.overdue:
        return text + " · 已超期", "#c62828"
    if row.due_soon:
        return text + " · 临期", "#b26a00"
    return text, "#37474f"


def header_html(detail: MatterDetail) -> str:
    row = detail.row
    color = STATUS_COLORS.get(row.status, "#37474f")  # StrEnum keys match the plain codes
    deadline, deadline_color = deadline_state(detail)
    return (
        f"<span style='font-size:14pt; font-weight:bold;'>{escape(row.serial)}</span>"
        f"&nbsp;&nbsp;<span style='font-size:12pt;'>{escape(type_label(row.request_type))}"
        f" · {escape(channel_label(row.channel))}</span>&nbsp;&nbsp;"
        f"<span style='color:white; background:{color}; font-weight:bold;'>"
        f"&nbsp;{escape(status_text(row.status, row.round))}&nbsp;</span>&nbsp;&nbsp;"
        f"<span style='color:{deadline_color}; font-weight:bold;'>{escape(deadline)}</span>"
    )


def key_elements(detail: MatterDetail) -> list[tuple[str, str]]:
    """(caption, value) pairs of the registration form, the phone shown whole."""
    row = detail.row
    target = " / ".join(t for t in (detail.target_department, detail.target_staff,
                                    detail.target_text) if t)
    complainant = "匿名" if detail.anonymous else detail.complainant_name
    pairs = [
        ("受理时间", fmt_dt(row.received_at)),
        ("渠道", channel_label(row.channel)),
        ("诉求类型", type_label(row.request_type)),
        ("投诉人", complainant),
        ("联系电话", detail.phone),
        ("与患者关系", detail.relation),
        ("投诉对象", target),
        ("问题分类", category_text(row.category)),
        ("反映问题", row.content),
        ("首诉责任人", detail.first_receiver_name),
        ("登记人", detail.registered_by),
    ]
    if is_external(row.channel) or detail.upstream_order_no:
        pairs += [
            ("工单编号", detail.upstream_order_no),
            ("签收时间", fmt_dt(detail.signed_at)),
            ("上级回复期限", fmt_d(detail.upstream_deadline)),
            ("本院期限", fmt_d(detail.local_deadline)),
        ]
    if detail.on_the_spot_resolution:
        pairs.append(("当场处理", detail.on_the_spot_resolution))
    if row.closed_at is not None:
        pairs.append(("办结时间", fmt_dt(row.closed_at)))
    if detail.close_reason:
        pairs.append(("办结方式", close_reason_text(detail.close_reason)))
    if detail.close_note:
        pairs.append(("无法回访说明", detail.close_note))
    if detail.final_satisfaction:
        pairs.append(("回访满意度", satisfaction_text(detail.final_satisfaction)))
    if detail.withdrawn_reason:
        pairs.append(("撤销原因", detail.withdrawn_reason))
    if detail.finding:
        pairs.append(("核实结论", finding_text(detail.finding, detail.finding_note)))
    return pairs


def event_line(event: EventRow) -> str:
    """One timeline entry as plain text (tests and the clipboard)."""
    label = EVENT_LABELS.get(event.action, (event.action, ""))[0]
    return f"{fmt_dt(event.at)}  {label}  {event.actor}  {event.summary}"


def timeline_html(events: tuple[EventRow, ...]) -> str:
    """The history as a two-column table: time on the left, what happened on the right."""
    if not events:
        return "<p style='color:#757575;'>暂无办理记录</p>"
    rows = []
    for event in events:
        label, color = EVENT_LABELS.get(event.action, (event.action, "#37474f"))
        rows.append(
            "<tr>"
            f"<td style='color:#616161; padding:6px 10px 6px 0; white-space:nowrap;'>"
            f"{escape(fmt_dt(event.at))}</td>"
            f"<td style='padding:6px 0; border-left:3px solid {color}; padding-left:10px;'>"
            f"<span style='color:{color}; font-weight:bold;'>● {escape(label)}</span>"
            f"&nbsp;&nbsp;<span style='color:#616161;'>{escape(event.actor)}</span><br/>"
            f"{escape(event.summary)}</td></tr>"
        )
    return "<table cellspacing='0' width='100%'>" + "".join(rows) + "</table>"


def sheet_cells(sheet: SheetRow) -> list[str]:
    return [
        f"第{sheet.round}轮", sheet.department_name, fmt_d(sheet.reply_by),
        fmt_dt(sheet.issued_at), sheet.replier or "（未答复）", fmt_dt(sheet.contacted_at),
        sheet.reply_content,
    ]


SHEET_HEADERS = ["轮次", "承办科室", "回复期限", "签发时间", "联系人/承办人", "联系时间", "办理情况"]


def callback_cells(callback: CallbackRow) -> list[str]:
    result = NEXT_STEP_TEXT.get(callback.outcome, callback.outcome)
    if callback.explanation:
        result += f"：{callback.explanation}"
    if callback.path_offered:
        result += f"（告知途径：{callback.path_offered}）"
    return [
        f"第{callback.round}轮", fmt_dt(callback.at), satisfaction_text(callback.satisfaction),
        callback.words, result, callback.recorded_by,
    ]


CALLBACK_HEADERS = ["轮次", "回访时间", "满意度", "当事人意见", "处理结果", "记录人"]
EXTENSION_HEADERS = ["同意人", "同意时间", "方式", "原因", "原期限", "新期限", "批准人"]


def extension_cells(ext) -> list[str]:
    return [ext.consent_by, fmt_dt(ext.consent_at), consent_method_text(ext.consent_method),
            ext.reason, fmt_d(ext.old_deadline), fmt_d(ext.new_deadline), ext.granted_by]


def survey_source_text(survey: SurveyRow) -> str:
    """来源 of a matter registered from a survey form: kind, day, department and the 不满意 items."""
    unhappy = [DIMENSION_LABELS[Dimension(code)] for code, answer in survey.answers.items()
               if answer == Answer.dissatisfied]
    if survey.overall == Answer.dissatisfied:
        unhappy.append("总体")
    text = f"{SURVEY_KIND_LABELS[SurveyKind(survey.kind)]} {survey.day:%Y-%m-%d} {survey.department_name}"
    return text + (f"（不满意：{'、'.join(unhappy)}）" if unhappy else "")
