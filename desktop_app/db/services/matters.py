"""Working a registered matter (诉求) — DESIGN §1.3, seed 004 §四 工作流程.

The life of a matter, each step one audited transaction with one timeline
event, in the order `domain.matters.check_action` allows:

1. 受理 `register_matter` (in `matters_register`, re-exported here).
2. 转办 `dispatch`: one 服务问题反馈单 per department for the round.
3. 登记答复 `record_reply`: the department's reply; the matter is answered
   when every sheet of the round is.
4. 回访 `record_callback`: 满意/基本满意 close; 不满意 re-handles (a new round)
   or closes after an explanation (确因现实条件限制…解释说明);
   `close_unreachable` for anonymous or unreachable complainants.
- `close_on_the_spot` (首诉负责制), `extend_deadline` (office director only,
  with the complainant's consent), `withdraw` (with a reason).

Every role that may register matters may work them; only the office
director may extend. Services take `now` and never read the clock otherwise.
This module is the public API of matters: registration and deadlines come
from `matters_register`, reading (list, detail, reminders, month data) from
`matters_query`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlmodel import Session, func, select

from desktop_app.db.models import Department, FeedbackSheet, Matter, MatterCallback, MatterExtension
from desktop_app.records.matter_rows import MatterDetail
from desktop_app.db.services.matters_query import (
    count_overdue,
    get_matter,
    list_matters,
    matters_closed_between,
    matters_received_between,
    reminders,
)
from desktop_app.db.services.matters_register import (
    CONTENT_MAX,
    detail_after,
    fmt_day,
    load_matter,
    not_future,
    preview_deadline,
    recompute_provisional,
    recompute_provisional_in,
    record_step,
    register_matter,
)
from desktop_app.db.tx import Actor, require, snapshot, transactional
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.matters import (
    CLOSE_REASON_LABELS,
    CONSENT_METHOD_LABELS,
    SATISFACTION_LABELS,
    Action,
    CloseReason,
    ConsentMethod,
    MatterStatus,
    Satisfaction,
    check_action,
    is_satisfied,
)
from desktop_app.domain.roles import Permission
from desktop_app.domain.validation import clean_text

__all__ = [
    "preview_deadline", "register_matter", "dispatch", "record_reply", "record_callback",
    "close_unreachable", "close_on_the_spot", "extend_deadline", "withdraw",
    "recompute_provisional", "recompute_provisional_in", "get_matter", "list_matters",
    "reminders", "count_overdue", "matters_received_between", "matters_closed_between",
]

NEXT_STEPS_SATISFIED = ("close",)
NEXT_STEPS_UNSATISFIED = ("rehandle", "explain")
UNREACHABLE_REASONS = (CloseReason.anonymous.value, CloseReason.unreachable.value)


def _satisfaction(value: str | None) -> str:
    try:
        return Satisfaction(value).value
    except ValueError:
        raise ValidationError("satisfaction", "请选择满意程度（满意、基本满意或不满意）") from None


# --- 转办 / 答复 ----------------------------------------------------------------------------

@transactional
def dispatch(
    *, session: Session, actor: Actor, matter_id: int, department_ids: Sequence[int],
    reply_by: date | None, instructions: str, now: datetime,
) -> MatterDetail:
    """Issue a 服务问题反馈单 to each department for this round (round+1 after 再次办理).

    The reply-by date defaults to the matter's deadline (today if that has
    passed) and may not be before today.
    """
    require(actor, Permission.register_matter)
    matter = load_matter(session, matter_id)
    check_action(matter.status, Action.dispatch)
    wanted = list(dict.fromkeys(department_ids or ()))
    if not wanted:
        raise ValidationError("department_ids", "请选择至少一个承办科室")
    departments: list[Department] = []
    for dept_id in wanted:
        dept = session.get(Department, dept_id)
        if dept is None:
            raise ValidationError("department_ids", "所选科室不存在")
        if not dept.active:
            raise ValidationError("department_ids", f"科室“{dept.name}”已停用，不能转办")
        departments.append(dept)
    today = now.date()
    if reply_by is None:
        reply_by = max(matter.deadline, today)
    elif reply_by < today:
        raise ValidationError("reply_by", "答复期限不能早于今天")
    instructions = clean_text(instructions, field="instructions", label="办理要求", max_len=500,
                              required=False)
    before = snapshot(matter)
    if matter.status == MatterStatus.rehandling:
        matter.round += 1
    sheets = [
        FeedbackSheet(matter_id=matter.id, round=matter.round, department_id=d.id, reply_by=reply_by,
                      instructions=instructions, issued_at=now, issued_by=actor.display_name[:30])
        for d in departments
    ]
    session.add_all(sheets)
    matter.status = MatterStatus.dispatched.value
    session.flush()
    names = "、".join(d.name for d in departments)
    summary = f"第{matter.round}轮转办至{names}，答复期限 {fmt_day(reply_by)}"
    record_step(session, actor, matter, "dispatch", summary, before, now, [snapshot(s) for s in sheets])
    return detail_after(session, matter, now)


@transactional
def record_reply(
    *, session: Session, actor: Actor, sheet_id: int, replier: str, contacted_at: datetime | None,
    content: str, now: datetime,
) -> MatterDetail:
    """Record a department's reply on its sheet; answered once every sheet of the round is."""
    require(actor, Permission.register_matter)
    sheet = session.get(FeedbackSheet, sheet_id)
    if sheet is None:
        raise ValidationError("sheet_id", "该反馈单不存在")
    matter = load_matter(session, sheet.matter_id)
    check_action(matter.status, Action.reply)
    if sheet.round != matter.round:
        raise ValidationError("sheet_id", "该反馈单不属于当前办理轮次")
    if sheet.replied_at is not None:
        raise ValidationError("sheet_id", "该反馈单已登记答复")
    replier = clean_text(replier, field="replier", label="答复人（联系当事人的人员）", max_len=30)
    contacted_at = not_future(contacted_at, now, "contacted_at", "联系当事人的时间")
    if contacted_at < sheet.issued_at.replace(second=0, microsecond=0):  # forms give minutes
        raise ValidationError("contacted_at", "联系当事人的时间不能早于反馈单下发时间")
    content = clean_text(content, field="content", label="答复内容（办理情况）", max_len=CONTENT_MAX)
    before = snapshot(matter)
    sheet.replier, sheet.contacted_at, sheet.reply_content = replier, contacted_at, content
    sheet.replied_at, sheet.recorded_by = now, actor.display_name[:30]
    session.add(sheet)
    session.flush()
    pending = session.exec(
        select(func.count(FeedbackSheet.id)).where(
            FeedbackSheet.matter_id == matter.id, FeedbackSheet.round == matter.round,
            FeedbackSheet.replied_at == None,  # noqa: E711
        )
    ).one()
    if pending == 0:
        matter.status = MatterStatus.replied.value
    dept = session.get(Department, sheet.department_id)
    summary = f"{dept.name if dept else ''}答复（{replier}，{contacted_at:%m-%d %H:%M}联系当事人）：{content}"
    record_step(session, actor, matter, "reply", summary, before, now, snapshot(sheet))
    return detail_after(session, matter, now)


# --- 回访 / 办结 ----------------------------------------------------------------------------

def _close(matter: Matter, reason: CloseReason, satisfaction: str | None, now: datetime) -> None:
    matter.status = MatterStatus.closed.value
    matter.closed_at = now
    matter.close_reason = reason.value
    matter.final_satisfaction = satisfaction


@transactional
def record_callback(
    *, session: Session, actor: Actor, matter_id: int, satisfaction: str, words: str,
    next_step: str, explanation: str = "", path_offered: str = "", now: datetime,
) -> MatterDetail:
    """回访: 满意/基本满意 → close; 不满意 → "rehandle" (再次办理) or "explain" (解释说明后办结)."""
    require(actor, Permission.register_matter)
    matter = load_matter(session, matter_id)
    check_action(matter.status, Action.callback)
    satisfaction = _satisfaction(satisfaction)
    words = clean_text(words, field="words", label="当事人意见", max_len=500, required=False)
    if is_satisfied(satisfaction):
        if next_step not in NEXT_STEPS_SATISFIED:
            raise ValidationError("next_step", "当事人满意或基本满意的，应办结")
    elif next_step not in NEXT_STEPS_UNSATISFIED:
        raise ValidationError("next_step", "当事人不满意的，请选择“再次办理”或“解释说明后办结”")
    explanation = clean_text(explanation, field="explanation", label="解释说明", max_len=1000,
                             required=next_step == "explain")
    path_offered = clean_text(path_offered, field="path_offered", label="提出的解决途径", max_len=500,
                              required=False)
    before = snapshot(matter)
    callback = MatterCallback(
        matter_id=matter.id, round=matter.round, at=now, satisfaction=satisfaction, words=words,
        outcome=next_step, explanation=explanation, path_offered=path_offered,
        recorded_by=actor.display_name[:30],
    )
    session.add(callback)
    label = SATISFACTION_LABELS[Satisfaction(satisfaction)]
    if next_step == "close":
        _close(matter, CloseReason.satisfied, satisfaction, now)
        summary = f"回访：{label}，办结"
    elif next_step == "rehandle":
        matter.status = MatterStatus.rehandling.value
        summary = f"回访：{label}，再次办理（第{matter.round + 1}轮）"
    else:
        _close(matter, CloseReason.explained, satisfaction, now)
        summary = f"回访：{label}，解释说明后办结：{explanation}"
    if words:
        summary += f"；当事人意见：{words}"
    session.flush()
    record_step(session, actor, matter, "callback", summary, before, now, snapshot(callback))
    return detail_after(session, matter, now)


@transactional
def close_unreachable(
    *, session: Session, actor: Actor, matter_id: int, reason: str, note: str,
    now: datetime,
) -> MatterDetail:
    """Close after the reply when the complainant is anonymous or cannot be reached (note required then)."""
    require(actor, Permission.register_matter)
    matter = load_matter(session, matter_id)
    check_action(matter.status, Action.close_unreachable)
    if reason not in UNREACHABLE_REASONS:
        raise ValidationError("reason", "请选择无法回访的原因（匿名或无法联系）")
    note = clean_text(note, field="note", label="联系情况说明", max_len=500,
                      required=reason == CloseReason.unreachable)
    before = snapshot(matter)
    _close(matter, CloseReason(reason), None, now)
    matter.close_note = note
    summary = CLOSE_REASON_LABELS[CloseReason(reason)] + "，办结" + (f"：{note}" if note else "")
    record_step(session, actor, matter, "close_unreachable", summary, before, now)
    return detail_after(session, matter, now)


@transactional
def close_on_the_spot(
    *, session: Session, actor: Actor, matter_id: int, resolution: str, satisfaction: str,
    words: str = "", now: datetime,
) -> MatterDetail:
    """当场办结 (首诉负责制): settled at once, with the complainant's satisfaction recorded.

    Only straight after registration; a complainant who is not satisfied is
    not closed on the spot (dispatch instead).
    """
    require(actor, Permission.register_matter)
    matter = load_matter(session, matter_id)
    check_action(matter.status, Action.close_on_the_spot)
    resolution = clean_text(resolution, field="resolution", label="当场处理情况", max_len=1000)
    satisfaction = _satisfaction(satisfaction)
    if not is_satisfied(satisfaction):
        raise ValidationError("satisfaction", "当事人不满意的，不能当场办结，请转办承办科室")
    words = clean_text(words, field="words", label="当事人意见", max_len=500, required=False)
    before = snapshot(matter)
    callback = MatterCallback(
        matter_id=matter.id, round=matter.round, at=now, satisfaction=satisfaction, words=words,
        outcome="close", recorded_by=actor.display_name[:30],
    )
    session.add(callback)
    matter.on_the_spot_resolution = resolution
    _close(matter, CloseReason.on_the_spot, satisfaction, now)
    session.flush()
    summary = f"当场办结（{SATISFACTION_LABELS[Satisfaction(satisfaction)]}）：{resolution}"
    record_step(session, actor, matter, "close_on_the_spot", summary, before, now, snapshot(callback))
    return detail_after(session, matter, now)


# --- 延期 / 撤销 ----------------------------------------------------------------------------

@transactional
def extend_deadline(
    *, session: Session, actor: Actor, matter_id: int, consent_by: str, consent_at: datetime | None,
    consent_method: str, reason: str, new_deadline: date | None, now: datetime,
) -> MatterDetail:
    """延期 (office director only) with the complainant's consent: who, when, how, why, new date.

    The new deadline must be later than the current one; it is final (not 待核定).
    """
    require(actor, Permission.grant_extension)
    matter = load_matter(session, matter_id)
    check_action(matter.status, Action.extend)
    consent_by = clean_text(consent_by, field="consent_by", label="同意人", max_len=30)
    consent_at = not_future(consent_at, now, "consent_at", "同意时间")
    if consent_at < matter.received_at:
        raise ValidationError("consent_at", "同意时间不能早于受理时间")
    try:
        consent_method = ConsentMethod(consent_method).value
    except ValueError:
        raise ValidationError("consent_method", "请选择同意方式（电话、当面或书面）") from None
    reason = clean_text(reason, field="reason", label="延期理由", max_len=500)
    if new_deadline is None:
        raise ValidationError("new_deadline", "请填写新的办理期限")
    if new_deadline <= matter.deadline:
        raise ValidationError("new_deadline", f"新期限须晚于当前期限 {fmt_day(matter.deadline)}")
    before = snapshot(matter)
    extension = MatterExtension(
        matter_id=matter.id, consent_by=consent_by, consent_at=consent_at,
        consent_method=consent_method, reason=reason, old_deadline=matter.deadline,
        new_deadline=new_deadline, granted_by=actor.display_name[:30], at=now,
    )
    session.add(extension)
    matter.deadline, matter.deadline_provisional = new_deadline, False
    session.flush()
    summary = (
        f"经{consent_by}{CONSENT_METHOD_LABELS[ConsentMethod(consent_method)]}同意，期限由 "
        f"{fmt_day(extension.old_deadline)} 延至 {fmt_day(new_deadline)}：{reason}"
    )
    record_step(session, actor, matter, "extend", summary, before, now, snapshot(extension))
    return detail_after(session, matter, now)


@transactional
def withdraw(
    *, session: Session, actor: Actor, matter_id: int, reason: str, now: datetime
) -> MatterDetail:
    """撤销 an open matter with a reason; it stays in the list as 已撤销."""
    require(actor, Permission.register_matter)
    matter = load_matter(session, matter_id)
    check_action(matter.status, Action.withdraw)
    reason = clean_text(reason, field="reason", label="撤销理由", max_len=200)
    before = snapshot(matter)
    matter.status = MatterStatus.withdrawn.value
    matter.withdrawn_reason = reason
    record_step(session, actor, matter, "withdraw", f"撤销：{reason}", before, now)
    return detail_after(session, matter, now)
