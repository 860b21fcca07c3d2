"""What the follow-up task dialog shows as text: labels of the codes, the header with the
patient, the outcome beside its amendments, and the tier-1 record for the tier-2 check.

Plain strings and HTML built from a `TaskDetail` (no widgets), easy to test and reuse
(DESIGN §1.4: a correction is shown beside the original).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from html import escape
from typing import Any

from desktop_app.records.followup_rows import AmendmentRow, OutcomeView, TaskDetail
from desktop_app.domain.followup import FOLLOWUP_TIER_LABELS, FollowUpTier
from desktop_app.domain.followup_records import (
    CONDITION_LABELS, SEX_LABELS, SPECIAL_REASON_LABELS, VERDICT_LABELS,
)
from desktop_app.domain.matters import SATISFACTION_LABELS

OUTCOME_LABELS: dict[str, str] = {
    "condition": "目前情况",
    "medication_guidance": "用药指导",
    "rehab_guidance": "康复指导",
    "guidance_note": "指导说明",
    "satisfaction": "满意度",
    "words": "意见建议",
    "confirms_call": "确认接到一级回访",
    "record_matches": "记录与患者所述相符",
    "verdict": "核查结论",
    "check_note": "核查说明",
}
BASE_FIELDS = ("condition", "medication_guidance", "rehab_guidance", "guidance_note",
               "satisfaction", "words")
CHECK_FIELDS = ("confirms_call", "record_matches", "verdict", "check_note")
TEXT_FIELDS = frozenset({"guidance_note", "words", "check_note"})

GREY = "#757575"
STATE_COLORS = {"overdue": "#c62828", "done": "#2e7d32", "lost": "#616161",
                "cancelled": "#616161", "upcoming": "#37474f"}
SOON_COLOR = "#b26a00"
DUE_COLOR = "#0d47a1"
CHANGED_BG = "#fff3e0"


# labels ---------------------------------------------------------------------------------
def label_of(mapping: Mapping[Any, str], code: object) -> str:
    """The Chinese label of a code (StrEnum keys match plain codes); the code if unknown."""
    if code is None or code == "":
        return ""
    return mapping.get(code, str(code))  # type: ignore[call-overload]


def tier_text(tier: int) -> str:
    return FOLLOWUP_TIER_LABELS.get(FollowUpTier(tier), f"{tier}级回访")


def fmt_dt(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value is not None else ""


def fmt_d(value: date | None) -> str:
    return f"{value:%Y-%m-%d}" if value is not None else ""


def value_text(field: str, value: object) -> str:
    """An outcome field's value as the form shows it."""
    if field == "condition":
        return label_of(CONDITION_LABELS, value)
    if field == "satisfaction":
        return label_of(SATISFACTION_LABELS, value)
    if field == "verdict":
        return label_of(VERDICT_LABELS, value)
    if field in ("medication_guidance", "rehab_guidance"):
        return "已指导" if value else "未指导"
    if field in ("confirms_call", "record_matches"):
        return "是" if value else "否"
    return str(value or "")


def outcome_fields(values: Mapping[str, object]) -> tuple[str, ...]:
    """The fields an outcome has: the check fields only on a tier-2 outcome."""
    return BASE_FIELDS + (CHECK_FIELDS if values.get("verdict") is not None else ())


def special_text(detail: TaskDetail) -> str:
    d = detail.discharge
    if not d.special:
        return "否"
    text = "是：" + (label_of(SPECIAL_REASON_LABELS, d.special_reason) or "未注明原因")
    return text + (f"（{d.special_note}）" if d.special_note else "")


def window_color(detail: TaskDetail) -> str:
    task = detail.task
    if task.state == "due":
        return SOON_COLOR if task.soon else DUE_COLOR
    return STATE_COLORS.get(task.state, GREY)


def status_line(detail: TaskDetail) -> str:
    """How the task ended (done / 失访), or "" while it is open."""
    if detail.task.status == "done":
        return f"已完成 {fmt_dt(detail.closed_at)} {detail.closed_by}"
    if detail.task.status == "lost":
        return f"失访 {fmt_dt(detail.closed_at)} {detail.closed_by}：{detail.lost_reason}"
    if detail.task.status == "cancelled":
        return "已取消（患者不再是特殊患者）"
    return ""


def header_html(detail: TaskDetail) -> str:
    """Who the patient is (phone whole: this is the detail form) and where the task stands."""
    d, task = detail.discharge, detail.task
    sex = label_of(SEX_LABELS, d.sex)
    who = f"{escape(d.patient_name)}（{sex}，{d.age} 岁）"
    pairs = [
        ("患者", f"<b>{who}</b>"), ("联系电话", f"<b>{escape(d.phone)}</b>"),
        ("住址", escape(d.address) or "—"),
        ("出院科室", escape(d.department_name)),
        ("主治医师 / 责任护士", f"{escape(d.doctor_name)} / {escape(d.nurse_name)}"),
        ("住院", f"{fmt_d(d.admitted_on)} 至 {fmt_d(d.discharged_on)}"),
        ("出院诊断", escape(d.diagnosis) or "—"), ("住院号", escape(d.inpatient_no) or "—"),
        ("特殊患者", escape(special_text(detail))),
    ]
    cells = []
    for i in range(0, len(pairs), 3):
        row = "".join(
            f"<td style='color:{GREY}; padding-right:6px;'>{caption}</td>"
            f"<td style='padding-right:24px;'>{value}</td>" for caption, value in pairs[i:i + 3])
        cells.append(f"<tr>{row}</tr>")
    color = window_color(detail)
    ended = status_line(detail)
    title = (
        f"<span style='font-size:14pt; font-weight:bold;'>{tier_text(task.tier)}</span>"
        f"&nbsp;&nbsp;回访时限 {fmt_d(task.window_start)} 至 {fmt_d(task.window_end)}"
        f"&nbsp;&nbsp;<span style='color:{color}; font-weight:bold;'>"
        f"{escape(task.window_text)}</span>"
        f"&nbsp;&nbsp;负责：{escape(task.assignee)}"
    )
    if ended and task.status != "done":
        title += f"&nbsp;&nbsp;<span style='color:{color};'>{escape(ended)}</span>"
    return f"<div>{title}</div><table cellspacing='0' cellpadding='1'>{''.join(cells)}</table>"


def _cell(text: str, changed: bool = False) -> str:
    style = f" style='background:{CHANGED_BG};'" if changed else ""
    return f"<td{style}>{escape(text) or '—'}</td>"


def outcome_html(view: OutcomeView) -> str:
    """The outcome as first recorded, and when amended the current values beside it."""
    amended = bool(view.amendments)
    head = (f"<th align='left'>项目</th><th align='left'>原始记录（{fmt_dt(view.at)} "
            f"{escape(view.recorded_by)}）</th>")
    if amended:
        head += "<th align='left'>更正后（现行）</th>"
    rows = [f"<tr style='background:#eceff1;'>{head}</tr>"]
    for field in outcome_fields(view.original):
        original = value_text(field, view.original.get(field))
        row = f"<td style='color:{GREY};'>{OUTCOME_LABELS[field]}</td>{_cell(original)}"
        if amended:
            current = value_text(field, view.current.get(field))
            row += _cell(current, current != original)
        rows.append(f"<tr>{row}</tr>")
    html = f"<table width='100%' cellspacing='0' cellpadding='3' border='1' " \
           f"style='border-color:#cfd8dc; border-style:solid;'>{''.join(rows)}</table>"
    if amended:
        items = "".join(f"<li>{escape(amendment_line(n, a))}</li>"
                        for n, a in enumerate(view.amendments, 1))
        html += f"<p style='margin-top:8px;'><b>更正记录</b>（原始记录保留不变）</p><ol>{items}</ol>"
    return html


def amendment_line(number: int, amendment: AmendmentRow) -> str:
    """"第1次更正 2026-11-24 10:00 卫某某：满意度 满意 → 基本满意。原因：……"."""
    def shown(field: str, value: object) -> str:
        text = value_text(field, value)
        if not text:
            return "（空）"
        return f"“{text}”" if field in TEXT_FIELDS else text

    changes = "；".join(
        f"{OUTCOME_LABELS.get(field, field)} {shown(field, old)} → {shown(field, new)}"
        for field, (old, new) in amendment.changes.items())
    return (f"第{number}次更正 {fmt_dt(amendment.at)} {amendment.recorded_by}：{changes}。"
            f"原因：{amendment.reason}")


def tier1_html(tier1: TaskDetail | None) -> str:
    """The tier-1 record summed up for the tier-2 check (current values, who recorded them)."""
    if tier1 is None:
        return "<p style='color:#c62828;'>该患者没有一级回访任务。</p>"
    task = tier1.task
    lines = [f"负责：{escape(task.assignee)}",
             f"时限：{fmt_d(task.window_start)} 至 {fmt_d(task.window_end)}"]
    if tier1.outcome is None:
        if task.status == "lost":
            state = f"一级回访失访：{escape(tier1.lost_reason)}"
        else:
            state = f"一级回访尚未完成（{escape(task.window_text)}）"
        lines.append(f"<b style='color:#c62828;'>{state}</b>")
        return "<br>".join(lines)
    view = tier1.outcome
    lines.append(f"<b>记录人：{escape(view.recorded_by)}</b>，{fmt_dt(view.at)}")
    rows = "".join(
        f"<tr><td style='color:{GREY}; padding-right:8px;'>{OUTCOME_LABELS[f]}</td>"
        f"<td>{escape(value_text(f, view.current.get(f))) or '—'}</td></tr>"
        for f in BASE_FIELDS)
    html = "<br>".join(lines) + f"<table cellspacing='0' cellpadding='2'>{rows}</table>"
    if view.amendments:
        html += (f"<p style='color:{SOON_COLOR};'>该记录已更正 {len(view.amendments)} 次，"
                 f"以上为更正后的内容。</p>")
    return html
