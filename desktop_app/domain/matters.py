"""The life of a registered matter (诉求) — DESIGN §1.2–1.3, seed 004 §三(二), §四.

Codes and their Chinese labels for channels, issue categories, statuses and
satisfaction, and which step may follow which:

已登记 → 已转办 → 已答复 → (已办结 | 再次办理 → 已转办 …); 已撤销 from any open state.

- 转办 (dispatch): from 已登记 (round 1) or 再次办理 (next round).
- 登记答复 (reply): a dispatched sheet of the current round; the matter is
  已答复 once every sheet of the round is answered.
- 回访 (callback): needs a reply first (seed: 反馈答复 → 回访确认). 满意/基本满意
  close; 不满意 either re-handles (再次办理, a new round) or closes after an
  explanation (确因现实条件限制 … 解释说明).
- Anonymous or unreachable complainants close after the reply with that reason.
- 当场办结 (首诉负责制): only straight from 已登记, still with satisfaction.
- 延期 and 撤销: while open.
"""

from __future__ import annotations

from enum import StrEnum

from desktop_app.domain.errors import ValidationError


class Channel(StrEnum):
    """Where a matter came from (DESIGN §1.2)."""

    walk_in = "walk_in"
    outpatient_survey = "outpatient_survey"
    inpatient_form = "inpatient_form"
    liaison_card_phone = "liaison_card_phone"
    public_health_phone = "public_health_phone"
    discharge_followup = "discharge_followup"
    duty_director = "duty_director"
    mailbox = "mailbox"
    hotline_12345 = "hotline_12345"
    president_hotline = "president_hotline"
    online_opinion = "online_opinion"
    letter = "letter"
    superior_assigned = "superior_assigned"


CHANNEL_LABELS: dict[Channel, str] = {
    Channel.walk_in: "现场来访",
    Channel.outpatient_survey: "门诊满意度问卷",
    Channel.inpatient_form: "住院意见建议表",
    Channel.liaison_card_phone: "医患连心卡电话",
    Channel.public_health_phone: "基本公卫电话调查",
    Channel.discharge_followup: "出院回访",
    Channel.duty_director: "值班院长接待",
    Channel.mailbox: "投诉信箱/邮箱/微信公众号",
    Channel.hotline_12345: "12345政务服务热线",
    Channel.president_hotline: "院长热线",
    Channel.online_opinion: "网络舆情",
    Channel.letter: "信函",
    Channel.superior_assigned: "上级交办",
}

EXTERNAL_CHANNELS = frozenset(
    {Channel.hotline_12345, Channel.president_hotline, Channel.online_opinion, Channel.letter,
     Channel.superior_assigned}
)


def is_external(channel: Channel | str) -> bool:
    """External channels (外部渠道) carry an upstream order number and reply deadline."""
    return Channel(channel) in EXTERNAL_CHANNELS


class IssueCategory(StrEnum):
    """问题分类, following the survey dimensions of seed 000 (DESIGN §1.3)."""

    efficiency = "efficiency"
    attitude = "attitude"
    technique = "technique"
    charges = "charges"
    ethics = "ethics"
    environment = "environment"
    publicity = "publicity"
    insurance = "insurance"
    other = "other"


CATEGORY_LABELS: dict[IssueCategory, str] = {
    IssueCategory.efficiency: "服务效率/流程",
    IssueCategory.attitude: "服务态度",
    IssueCategory.technique: "医疗技术/质量",
    IssueCategory.charges: "收费及告知",
    IssueCategory.ethics: "医德医风（红包、回扣等）",
    IssueCategory.environment: "就医环境/设施",
    IssueCategory.publicity: "政策宣传",
    IssueCategory.insurance: "医保政策",
    IssueCategory.other: "其他",
}


class MatterStatus(StrEnum):
    """Where a matter stands (DESIGN §1.3 statuses)."""

    registered = "registered"
    dispatched = "dispatched"
    replied = "replied"
    rehandling = "rehandling"
    closed = "closed"
    withdrawn = "withdrawn"


STATUS_LABELS: dict[MatterStatus, str] = {
    MatterStatus.registered: "已登记",
    MatterStatus.dispatched: "已转办",
    MatterStatus.replied: "已答复",
    MatterStatus.rehandling: "再次办理",
    MatterStatus.closed: "已办结",
    MatterStatus.withdrawn: "已撤销",
}

OPEN_STATUSES = frozenset(
    {MatterStatus.registered, MatterStatus.dispatched, MatterStatus.replied, MatterStatus.rehandling}
)


class Satisfaction(StrEnum):
    """The complainant's verdict on callback (回访确认)."""

    satisfied = "satisfied"
    basically = "basically"
    unsatisfied = "unsatisfied"


SATISFACTION_LABELS: dict[Satisfaction, str] = {
    Satisfaction.satisfied: "满意",
    Satisfaction.basically: "基本满意",
    Satisfaction.unsatisfied: "不满意",
}


def is_satisfied(value: Satisfaction | str | None) -> bool:
    """满意率 counts 满意 and 基本满意 (seed 000)."""
    return value in (Satisfaction.satisfied, Satisfaction.basically)


class Finding(StrEnum):
    """核实结论: what the office found the complaint to be (counts in the department score)."""

    substantiated = "substantiated"
    partly = "partly"
    unfounded = "unfounded"
    unverifiable = "unverifiable"


FINDING_LABELS: dict[Finding, str] = {
    Finding.substantiated: "属实",
    Finding.partly: "部分属实",
    Finding.unfounded: "不属实",
    Finding.unverifiable: "无法核实",
}

SUBSTANTIATED = frozenset({Finding.substantiated, Finding.partly})
"""Findings that count as a substantiated complaint in the 科室月度满意度考评 (DESIGN §1.8)."""


class CloseReason(StrEnum):
    """How a matter was closed."""

    satisfied = "satisfied"
    explained = "explained"
    anonymous = "anonymous"
    unreachable = "unreachable"
    on_the_spot = "on_the_spot"


CLOSE_REASON_LABELS: dict[CloseReason, str] = {
    CloseReason.satisfied: "回访满意办结",
    CloseReason.explained: "解释说明后办结",
    CloseReason.anonymous: "匿名，无法回访",
    CloseReason.unreachable: "无法联系当事人",
    CloseReason.on_the_spot: "当场办结",
}


class ConsentMethod(StrEnum):
    """How the complainant consented to an extension (征得当事人同意)."""

    phone = "phone"
    in_person = "in_person"
    written = "written"


CONSENT_METHOD_LABELS: dict[ConsentMethod, str] = {
    ConsentMethod.phone: "电话",
    ConsentMethod.in_person: "当面",
    ConsentMethod.written: "书面",
}


class Action(StrEnum):
    """A step in the life of a matter."""

    dispatch = "dispatch"
    reply = "reply"
    callback = "callback"
    close_unreachable = "close_unreachable"
    close_on_the_spot = "close_on_the_spot"
    extend = "extend"
    withdraw = "withdraw"


ACTION_LABELS: dict[Action, str] = {
    Action.dispatch: "转办",
    Action.reply: "登记答复",
    Action.callback: "回访",
    Action.close_unreachable: "无法回访办结",
    Action.close_on_the_spot: "当场办结",
    Action.extend: "延期",
    Action.withdraw: "撤销",
}

_ALLOWED: dict[Action, frozenset[MatterStatus]] = {
    Action.dispatch: frozenset({MatterStatus.registered, MatterStatus.rehandling}),
    Action.reply: frozenset({MatterStatus.dispatched}),
    Action.callback: frozenset({MatterStatus.replied}),
    Action.close_unreachable: frozenset({MatterStatus.replied}),
    Action.close_on_the_spot: frozenset({MatterStatus.registered}),
    Action.extend: OPEN_STATUSES,
    Action.withdraw: OPEN_STATUSES,
}

_WHY_NOT: dict[Action, str] = {
    Action.dispatch: "只有“已登记”或“再次办理”的事项可以转办",
    Action.reply: "只有已转办、尚未答复的事项可以登记答复",
    Action.callback: "须先登记承办科室的答复，才能回访",
    Action.close_unreachable: "须先登记承办科室的答复，才能按无法回访办结",
    Action.close_on_the_spot: "只有刚登记、尚未转办的事项可以当场办结",
    Action.extend: "已办结或已撤销的事项不能延期",
    Action.withdraw: "已办结或已撤销的事项不能撤销",
}


def allowed_actions(status: MatterStatus | str) -> list[Action]:
    """The steps the detail view may offer for a matter in `status`."""
    return [a for a, states in _ALLOWED.items() if MatterStatus(status) in states]


def check_action(status: MatterStatus | str, action: Action) -> None:
    """Refuse a step out of order with a Chinese message (ValidationError on field 'status')."""
    if MatterStatus(status) not in _ALLOWED[action]:
        raise ValidationError(
            "status", f"{_WHY_NOT[action]}（当前状态：{STATUS_LABELS[MatterStatus(status)]}）"
        )


def format_serial(year: int, number: int) -> str:
    """The yearly serial number shown on the form, e.g. 2026-0007."""
    return f"{year}-{number:04d}"
