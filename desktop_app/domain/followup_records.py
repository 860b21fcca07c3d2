"""What a discharge follow-up records, and where a task stands (DESIGN §1.4, seed 004 三级回访).

- A discharge may be flagged special (特殊患者) with a reason; only special
  patients get tier 3 (院领导到户回访).
- Each attempt has a time, a method, and whether the patient was reached.
  After `MAX_FAILED_ATTEMPTS` failed attempts a task may close as 失访.
- An outcome holds the condition, guidance given, satisfaction and the
  patient's own words. Tier 2 also checks tier 1: did the patient get the
  call, does the record match, and the verdict.
- A task's work state against `today`: 未开始 (window not open), 今日待访
  (window open, not done), 即将到期 (open with at most `SOON_DAYS` days
  left), 已逾期 (window over, not done), 已完成, 失访.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from desktop_app.domain.errors import ValidationError

MAX_FAILED_ATTEMPTS = 3
SOON_DAYS = 2
AGE_MAX = 130


class Sex(StrEnum):
    """性别."""

    male = "male"
    female = "female"


SEX_LABELS: dict[Sex, str] = {Sex.male: "男", Sex.female: "女"}


class SpecialReason(StrEnum):
    """Why a patient gets tier 3 (特殊患者)."""

    elderly_alone = "elderly_alone"
    disabled = "disabled"
    critical = "critical"
    dispute_risk = "dispute_risk"
    other = "other"


SPECIAL_REASON_LABELS: dict[SpecialReason, str] = {
    SpecialReason.elderly_alone: "高龄独居",
    SpecialReason.disabled: "失能",
    SpecialReason.critical: "病情危重",
    SpecialReason.dispute_risk: "有纠纷隐患",
    SpecialReason.other: "其他",
}


class ContactMethod(StrEnum):
    """How an attempt was made (回访方式)."""

    phone = "phone"
    visit = "visit"
    wechat = "wechat"
    sms = "sms"


METHOD_LABELS: dict[ContactMethod, str] = {
    ContactMethod.phone: "电话",
    ContactMethod.visit: "上门",
    ContactMethod.wechat: "微信",
    ContactMethod.sms: "短信",
}


class Condition(StrEnum):
    """The patient's condition since discharge."""

    improved = "improved"
    stable = "stable"
    worse = "worse"
    readmitted = "readmitted"
    deceased = "deceased"


CONDITION_LABELS: dict[Condition, str] = {
    Condition.improved: "好转",
    Condition.stable: "稳定",
    Condition.worse: "加重",
    Condition.readmitted: "再入院",
    Condition.deceased: "死亡",
}


class TaskStatus(StrEnum):
    """A task's stored status; `cancelled` when the patient is no longer special."""

    open = "open"
    done = "done"
    lost = "lost"
    cancelled = "cancelled"


class Verdict(StrEnum):
    """Tier 2's verdict on tier 1 (二级回访核查一级回访)."""

    done = "done"
    not_done = "not_done"
    untrue = "untrue"


VERDICT_LABELS: dict[Verdict, str] = {
    Verdict.done: "已落实",
    Verdict.not_done: "未落实",
    Verdict.untrue: "记录不实",
}


class WorkState(StrEnum):
    """Where a task stands against a day (the work lists)."""

    upcoming = "upcoming"
    due = "due"
    overdue = "overdue"
    done = "done"
    lost = "lost"
    cancelled = "cancelled"


WORK_STATE_LABELS: dict[WorkState, str] = {
    WorkState.upcoming: "未开始",
    WorkState.due: "待访",
    WorkState.overdue: "已逾期",
    WorkState.done: "已完成",
    WorkState.lost: "失访",
    WorkState.cancelled: "已取消",
}


def work_state(status: TaskStatus | str, start: date, end: date, today: date) -> WorkState:
    """The task's state on `today`: closed states first, then by its window."""
    status = TaskStatus(status)
    if status is not TaskStatus.open:
        return WorkState(status.value)
    if today < start:
        return WorkState.upcoming
    if today > end:
        return WorkState.overdue
    return WorkState.due


def is_due_soon(status: TaskStatus | str, start: date, end: date, today: date) -> bool:
    """Open, window open, and at most SOON_DAYS days left (0 = last day today)."""
    return work_state(status, start, end, today) is WorkState.due and (end - today).days <= SOON_DAYS


def window_wording(status: TaskStatus | str, start: date, end: date, today: date) -> str:
    """What the list's 剩余 column says: 剩 N 天 / 今天截止 / 逾期 N 天 / N 天后开始 / 已完成."""
    state = work_state(status, start, end, today)
    if state is WorkState.upcoming:
        return f"{(start - today).days} 天后开始"
    if state is WorkState.overdue:
        return f"逾期 {(today - end).days} 天"
    if state is WorkState.due:
        left = (end - today).days
        return "今天截止" if left == 0 else f"剩 {left} 天"
    return WORK_STATE_LABELS[state]


def can_close_lost(failed_attempts: int) -> bool:
    """失访 needs MAX_FAILED_ATTEMPTS failed attempts first (DESIGN §1.4)."""
    return failed_attempts >= MAX_FAILED_ATTEMPTS


def check_verdict(confirms_call: bool, record_matches: bool, verdict: Verdict | str) -> Verdict:
    """The tier-2 verdict, consistent with what the patient said.

    已落实 needs the patient to confirm the call and the record to match;
    记录不实 is for a record that the patient's account contradicts.
    """
    try:
        verdict = Verdict(verdict)
    except ValueError:
        raise ValidationError("verdict", "请选择核查结论") from None
    if verdict is Verdict.done and not (confirms_call and record_matches):
        raise ValidationError(
            "verdict", "患者未确认接到一级回访或记录不符时，结论不能是“已落实”"
        )
    if verdict is Verdict.untrue and confirms_call and record_matches:
        raise ValidationError("verdict", "患者确认回访且记录相符时，结论不能是“记录不实”")
    return verdict


def rate(part: int, whole: int) -> float | None:
    """part / whole, or None when there is nothing to count."""
    return part / whole if whole else None
