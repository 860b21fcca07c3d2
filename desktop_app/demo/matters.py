"""Fictional demo matters (诉求) for 示例镇卫生院: about 120 over the last four months, every state.

All people and phone numbers are invented (张某某, 李女士, 139000xxxxx). The
matters go through the real service functions, so the timeline and the audit
log are as the program would write them; every step gets an explicit `now`
in the past, and the steps of all matters run in time order. Choices are
pseudo-random but deterministic (random.Random(2026)) for a given `today`.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Generator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel import Session

from desktop_app.db.services import matters
from desktop_app.records.matter_rows import MatterInput
from desktop_app.db.services.work_calendar import load_work_calendar
from desktop_app.db.tx import Actor
from desktop_app.domain.matters import Channel

MATTER_COUNT = 120
DAYS_BACK = 120

# (category, what was reported, target text, department the sheet goes to; None = a clinical one)
ISSUES = [
    ("efficiency", "挂号排队时间长，早上只开了一个挂号窗口", "挂号窗口", "院办公室"),
    ("attitude", "护士态度生硬，询问输液顺序时不耐烦", "", None),
    ("charges", "收费不清楚，费用清单上的项目看不懂", "收费处", "院办公室"),
    ("environment", "门诊楼卫生间不干净，没有洗手液", "门诊楼卫生间", "总务科"),
    ("efficiency", "抽血后检验报告等了两个多小时才出来", "", "检验科"),
    ("technique", "输液时扎了三次针才扎上，孩子哭闹", "", None),
    ("attitude", "医生看病时一直看手机，没听完病情就开药", "", None),
    ("environment", "候诊区座位太少，老人只能站着排队", "候诊区", "总务科"),
    ("charges", "同一项检查两次收费金额不一样", "收费处", "院办公室"),
    ("insurance", "慢病门诊医保报销比例没有讲清楚", "医保窗口", "院办公室"),
    ("publicity", "不知道家庭医生签约有哪些服务，没人讲解", "", "公共卫生科"),
    ("efficiency", "取药窗口排队太长，药房人手不够", "药房", "药剂科"),
    ("environment", "住院部夜间热水供应不足", "住院部", "总务科"),
    ("other", "停车位不够，门口经常堵车", "停车场", "总务科"),
    ("ethics", "反映有医生暗示患者到院外药店买药", "", None),
    ("technique", "孩子发烧复诊两次，感觉用药效果不好", "", None),
]
CONSULTATIONS = [
    ("publicity", "咨询老年人免费体检的时间和需要带的材料", "公共卫生科"),
    ("insurance", "咨询异地就医备案怎么办理", "院办公室"),
    ("publicity", "咨询儿童疫苗接种的时间安排", "公共卫生科"),
    ("other", "老人行动不便，求助安排轮椅陪同就诊", "院办公室"),
]
COMPLAINANTS = ["张某某", "李女士", "王先生", "赵某某", "刘女士", "陈先生", "杨某某", "黄女士",
                "周先生", "吴某某", "孙女士", "郑先生"]
RELATIONS = ["本人", "本人", "家属", "家属", "朋友"]
INTERNAL = [Channel.walk_in, Channel.walk_in, Channel.walk_in, Channel.outpatient_survey,
            Channel.inpatient_form, Channel.liaison_card_phone, Channel.public_health_phone,
            Channel.discharge_followup, Channel.duty_director, Channel.mailbox]
EXTERNAL = [Channel.hotline_12345, Channel.hotline_12345, Channel.president_hotline,
            Channel.superior_assigned, Channel.letter, Channel.online_opinion]
REPLIES = [
    "已电话联系当事人说明情况并致歉，已对当事人员进行批评教育",
    "已在高峰时段增开窗口并安排导医分流",
    "已安排保洁每小时巡查一次并补齐洗手液",
    "已核对收费明细，当面向患者逐项解释",
    "科室已组织学习服务规范，当事人表示理解",
    "已调整排班，增加药房高峰时段人手",
]
SATISFIED_WORDS = ["处理及时，满意", "态度很好，谢谢", "问题解决了", ""]
UNSATISFIED_WORDS = ["问题没有解决", "只是口头道歉，没有改进", "还是要排很久"]

# scenario: how many of the matters follow it
SCENARIOS = {
    "satisfied": 39, "round2": 8, "round3": 3, "explained": 6, "anonymous": 6, "unreachable": 4,
    "on_the_spot": 12, "extended": 5, "withdrawn": 4, "external": 10, "registered": 6,
    "dispatched": 8, "replied": 4, "rehandling": 3,
}


@dataclass
class DemoPeople:
    admin: Actor
    member: Actor
    duty: Actor
    departments: dict[str, int]
    staff: dict[str, tuple[int, str]]  # name -> (id, department name)


@dataclass
class _Plan:
    received: datetime
    scenario: str
    seed: int
    request_type: str | None = None  # forced type (due-soon examples)


def _cutoff(today: date) -> datetime:
    """No step happens after 18:00 of the day before `today`."""
    return datetime.combine(today, time(0)) - timedelta(hours=6)


def _plans(rng: random.Random, today: date, session: Session) -> list[_Plan]:
    scenarios = [name for name, n in SCENARIOS.items() for _ in range(n)]
    rng.shuffle(scenarios)
    plans = []
    for scenario in scenarios[:MATTER_COUNT]:
        day = today - timedelta(days=rng.randrange(1, DAYS_BACK + 1))
        received = datetime.combine(day, time(rng.randrange(8, 17), rng.randrange(0, 60)))
        plans.append(_Plan(received, scenario, rng.randrange(2**31)))
    # Make sure the reminders panel has something due within one working day.
    calendar = load_work_calendar(session=session)
    soon = calendar.next_workday(today)
    for back in range(1, 40):
        day = today - timedelta(days=back)
        if matters.preview_deadline(session=session, request_type="complaint", received_on=day)[0] == soon:
            plans.append(_Plan(datetime.combine(day, time(10, 5)), "dispatched", rng.randrange(2**31),
                               "complaint"))
            break
    yesterday = today - timedelta(days=1)
    plans.append(_Plan(datetime.combine(yesterday, time(15, 40)), "registered", rng.randrange(2**31),
                       "consultation"))
    return sorted(plans, key=lambda p: p.received)


def _input(r: random.Random, plan: _Plan, people: DemoPeople, actor: Actor,
           session: Session) -> tuple[MatterInput, str]:
    """The registration form of a plan and the department its sheets go to."""
    scenario = plan.scenario
    forced_quick = plan.request_type == "consultation"
    if forced_quick or (scenario == "on_the_spot" and r.random() < 0.7):
        category, content, dept = r.choice(CONSULTATIONS)
        request_type = plan.request_type or r.choice(["consultation", "consultation", "help"])
        target_text, target_dept, target_staff = "服务咨询", None, None
    else:
        category, content, target_text, dept = r.choice(ISSUES)
        request_type = plan.request_type or r.choice(
            ["complaint"] * 4 + ["criticism"] * 2 + ["suggestion"] * 2 + ["report"])
        target_dept = target_staff = None
        if dept is None:
            dept = r.choice(["内科", "外科", "妇产科", "儿科", "中医科", "口腔科", "急诊科"])
            in_dept = [sid for sid, d in people.staff.values() if d == dept]
            if in_dept and r.random() < 0.5:
                target_staff = in_dept[0]
        if not target_text:
            target_dept = people.departments[dept]
    anonymous = scenario == "anonymous"
    external = scenario == "external" or (scenario == "extended" and r.random() < 0.4)
    channel = r.choice(EXTERNAL if external else INTERNAL)
    if scenario == "on_the_spot":
        channel = Channel.walk_in
    order_no, signed_at, upstream = "", None, None
    if external:
        order_no = f"{'12345' if channel == Channel.hotline_12345 else 'SJ'}-{plan.received:%Y%m%d}-{r.randrange(1, 999):03d}"
        signed_at = plan.received + timedelta(minutes=15)
        local = matters.preview_deadline(session=session, request_type=request_type,
                                         received_on=plan.received.date())[0]
        upstream = max(plan.received.date(), local - timedelta(days=r.randrange(2, 6)))
    receiver = actor.display_name if channel != Channel.duty_director else people.duty.display_name
    data = MatterInput(
        received_at=plan.received, channel=channel.value, request_type=request_type,
        complainant_name="" if anonymous else r.choice(COMPLAINANTS), anonymous=anonymous,
        phone="" if anonymous else f"13900{r.randrange(10**6):06d}",
        relation="" if anonymous else r.choice(RELATIONS), target_department_id=target_dept,
        target_staff_id=target_staff, target_text=target_text, category=category, content=content,
        first_receiver_name=receiver, upstream_order_no=order_no, signed_at=signed_at,
        upstream_deadline=upstream,
    )
    return data, dept


def _life(session: Session, people: DemoPeople, plan: _Plan, cutoff: datetime
          ) -> Generator[datetime, None, None]:
    """One matter's steps; yields the time of each next step before taking it, stops at `cutoff`."""
    r = random.Random(plan.seed)
    scenario = plan.scenario
    actor = people.duty if r.random() < 0.15 else people.member
    data, dept = _input(r, plan, people, actor, session)
    t = plan.received + timedelta(minutes=r.randrange(20, 40))
    yield t
    row = matters.register_matter(session=session, actor=actor, data=data, now=t)
    mid, deadline = row.id, row.deadline

    def later(delta: timedelta) -> bool:
        """Move on by `delta` (kept within office hours 08:00–17:59); False past the cutoff."""
        nonlocal t
        t += delta
        if t.hour >= 18:
            t = t.replace(hour=8 + t.hour % 3) + timedelta(days=1)
        elif t.hour < 8:
            t = t.replace(hour=8 + t.hour % 3)
        return t <= cutoff

    if scenario == "registered":
        return
    if scenario == "on_the_spot":
        if later(timedelta(minutes=r.randrange(5, 30))):
            yield t
            matters.close_on_the_spot(session=session, actor=actor, matter_id=mid,
                                      resolution="当场查询并解释清楚，已引导办理",
                                      satisfaction=r.choice(["satisfied", "satisfied", "basically"]),
                                      words=r.choice(SATISFIED_WORDS), now=t)
        return
    if scenario == "withdrawn":
        if later(timedelta(days=r.randrange(0, 3), hours=2)):
            yield t
            matters.withdraw(session=session, actor=actor, matter_id=mid,
                             reason=r.choice(["当事人表示已自行解决，主动撤回", "与前一件重复登记"]), now=t)
        return
    if scenario == "extended":
        if not later(timedelta(days=r.randrange(1, 4))):
            return
        yield t
        deadline += timedelta(days=r.randrange(7, 15))
        matters.extend_deadline(session=session, actor=people.admin, matter_id=mid,
                                consent_by=data.complainant_name or "当事人",
                                consent_at=t - timedelta(hours=1), consent_method=r.choice(
                                    ["phone", "in_person", "written"]),
                                reason="涉及多个科室，需调取监控并核实费用", new_deadline=deadline, now=t)
    rounds = {"round2": 2, "round3": 3, "rehandling": 2}.get(scenario, 1)
    late = r.random() < 0.25
    for round_no in range(1, rounds + 1):
        if scenario == "rehandling" and round_no == 2:
            return
        if not later(timedelta(hours=r.randrange(1, 5))):
            return
        yield t
        depts = [people.departments[dept]]
        if r.random() < 0.15:
            depts.append(people.departments["院办公室" if dept != "院办公室" else "总务科"])
        detail = matters.dispatch(session=session, actor=actor, matter_id=mid, department_ids=depts,
                                  reply_by=None, instructions="请于期限内联系当事人并反馈办理情况", now=t)
        if scenario == "dispatched":
            return
        wait = r.randrange(9, 19) if late else r.randrange(1, 6)
        if not later(timedelta(days=wait, hours=r.randrange(0, 5))):
            return
        yield t
        for sheet in [s for s in detail.sheets if s.round == detail.row.round]:
            matters.record_reply(session=session, actor=actor, sheet_id=sheet.id,
                                 replier=r.choice(["科室主任", "护士长", "值班医生"]),
                                 contacted_at=t - timedelta(minutes=r.randrange(20, 90)),
                                 content=r.choice(REPLIES), now=t)
        if scenario == "replied" or not later(timedelta(days=1, hours=r.randrange(0, 4))):
            return
        yield t
        if scenario == "anonymous" or scenario == "unreachable":
            matters.close_unreachable(session=session, actor=actor, matter_id=mid, reason=scenario,
                                      note="" if scenario == "anonymous" else "回访电话三次无人接听",
                                      now=t)
            return
        if round_no < rounds:
            matters.record_callback(session=session, actor=actor, matter_id=mid,
                                    satisfaction="unsatisfied", words=r.choice(UNSATISFIED_WORDS),
                                    next_step="rehandle", now=t)
        elif scenario == "explained":
            matters.record_callback(session=session, actor=actor, matter_id=mid,
                                    satisfaction="unsatisfied", words=r.choice(UNSATISFIED_WORDS),
                                    next_step="explain",
                                    explanation="受场地条件限制暂无法扩建，已向当事人耐心解释",
                                    path_offered="建议错峰就诊，也可拨打12345反映", now=t)
        else:
            matters.record_callback(session=session, actor=actor, matter_id=mid,
                                    satisfaction=r.choice(["satisfied", "satisfied", "basically"]),
                                    words=r.choice(SATISFIED_WORDS), next_step="close", now=t)


def fill_demo_matters(*, session: Session, people: DemoPeople, today: date) -> int:
    """Register and work the demo matters; returns how many were registered."""
    rng = random.Random(2026)
    cutoff = _cutoff(today)
    queue: list[tuple[datetime, int, Generator[datetime, None, None]]] = []
    for seq, plan in enumerate(_plans(rng, today, session)):
        life = _life(session, people, plan, cutoff)
        first = next(life, None)
        if first is not None:
            heapq.heappush(queue, (first, seq, life))
    while queue:
        _at, seq, life = heapq.heappop(queue)
        following = next(life, None)  # takes the step, then tells when the next one is due
        if following is not None:
            heapq.heappush(queue, (following, seq, life))
    return len(matters.list_matters(session=session, today=today))
