"""Fictional demo discharges and their three-tier follow-ups (DESIGN §1.4, seed 004 三级回访).

About 65 patients discharged in the six weeks before `today` from the
clinical wards of 示例镇卫生院, worked through the real service functions
(`register_discharge`, `record_followup`, `close_lost`, `amend_outcome`,
`register_matter`), so tasks, attempts, outcomes and the audit log are as
the program would write them. On `today` every work list has rows: tier 1
due (some on their last day, so also 即将到期), tier 2 not yet started,
overdue tasks, tasks done in their window and done late, 失访 after three
failed attempts, special patients with a tier-3 home visit, tier-2 checks
with each verdict (已落实 / 未落实 / 记录不实), amendments, and opinions
turned into registered matters (channel 出院回访).

All people, phones and addresses are invented (钱某某, 139000xxxxx,
示例镇东河村). Every step is dated before 18:00 of the day before `today`
(and not after `now`), attempts fall on or after the discharge day, and the
steps of all patients run in time order. Choices are pseudo-random but
deterministic (random.Random(2027)) for a given `today`.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, func, select

from desktop_app.demo.matters import DemoPeople
from desktop_app.db.models import FollowUpTask, Matter
from desktop_app.db.services import matters
from desktop_app.db.services.discharges import register_discharge
from desktop_app.records.followup_rows import (
    AttemptInput,
    CheckInput,
    DischargeInput,
    OutcomeInput,
)
from desktop_app.db.services.followups import amend_outcome, close_lost, record_followup
from desktop_app.db.services.followups_query import matter_source_ref
from desktop_app.records.matter_rows import MatterInput
from desktop_app.db.services.settings import get_settings
from desktop_app.domain.followup_records import SpecialReason
from desktop_app.domain.matters import Channel

DAYS_BACK = 42
SEED = 2027

# ward: (doctor, nurse, ages, diagnoses, guidance notes, weight of random discharges)
WARDS: dict[str, tuple[str, str, tuple[int, int], list[str], list[str], int]] = {
    "内科": ("张某某", "李某某", (45, 92),
             ["社区获得性肺炎", "2型糖尿病", "高血压病3级", "慢性阻塞性肺疾病急性加重", "冠心病 稳定型心绞痛",
              "脑梗死恢复期"],
             ["按时服药，监测血压血糖，一周后门诊复查", "低盐低脂饮食，戒烟限酒", "如有胸闷气短及时就诊"], 6),
    "外科": ("赵某某", "钱某某", (18, 85),
             ["急性阑尾炎术后", "腹股沟疝修补术后", "胆囊结石 腹腔镜术后", "左桡骨远端骨折", "软组织挫伤"],
             ["伤口保持清洁干燥，术后十天门诊拆线", "一个月内避免提重物", "石膏固定期间抬高患肢"], 4),
    "妇产科": ("孙某某", "韩某某", (22, 41),
               ["足月顺产", "剖宫产术后", "先兆流产", "盆腔炎"],
               ["注意恶露情况，产后42天复查", "坚持母乳喂养，按时接种疫苗"], 2),
    "儿科": ("周某某", "杨某某", (1, 13),
             ["支气管肺炎", "急性胃肠炎", "手足口病", "热性惊厥"],
             ["多喝水，体温超过38.5℃按医嘱服退热药", "饮食清淡，三天后复诊"], 2),
    "中医科": ("吴某某", "朱某某", (40, 86),
               ["腰椎间盘突出症", "颈椎病", "失眠"],
               ["按疗程服用中药，避免久坐", "每日做颈部功能锻炼"], 1),
    "康复科": ("沈某某", "郑某某", (50, 88),
               ["脑卒中后遗症", "膝关节置换术后康复", "腰椎骨折术后"],
               ["每日坚持康复训练，注意防跌倒", "家属协助翻身，预防压疮"], 1),
}
SURNAMES = list("赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜谢邹喻柏水窦章")
VILLAGES = ["东河村", "西岭村", "南湖村", "北山村", "前进村", "新庄村", "柳树村", "王楼村", "镇区"]
FAILED_NOTES = ["无人接听", "无人接听", "关机", "占线", "家属说患者在休息，约好再打", "号码暂时无法接通"]
FAILED_VISIT_NOTES = ["上门未遇，家中无人", "上门时患者外出复查，约定改日"]
REACHED_NOTES = ["", "", "患者本人接听", "家属代接，患者在旁"]
LOST_REASONS = [
    "连续三次电话无人接听，短信未回复",
    "登记电话已停机，联系人电话也无法接通",
    "家属告知患者已外出务工，不愿提供新的联系方式",
]
SATISFIED_WORDS = ["护士很耐心，谢谢", "医生讲得很清楚", "", "", "住院期间照顾得很好", "出院时交代得很细"]
BASIC_WORDS = ["出院手续办得有点慢", "病房晚上有点吵", "食堂饭菜偏咸"]
UNSATISFIED_WORDS = ["出院结账排队太久，没人引导", "住院期间夜里按铃，护士过了很久才来",
                     "出院带药没讲清楚怎么吃"]
SPECIAL_NOTES = {SpecialReason.other: "独居，子女在外地，需上门确认用药"}


@dataclass
class _Case:
    """One discharge and what happens to each of its tiers.

    A tier's `kind`: "open" (not finished: a few failed calls at most),
    "done" (reached in the window), "late" (reached after the window), "lost"
    (三次联系失败后失访), or "auto" (chosen at random for the discharge's age).
    """

    back: int  # days from the discharge to today
    ward: str
    special: SpecialReason | None = None
    kinds: dict[int, str] = field(default_factory=dict)
    fails: dict[int, int] = field(default_factory=dict)
    verdict: str | None = None  # forced tier-2 verdict
    amend: tuple[int, str] | None = None  # (tier, what) corrected after the outcome
    matter: int | None = None  # tier whose opinion becomes a matter
    done_back: dict[int, int] = field(default_factory=dict)  # tier → days before today it was done
    satisfaction: dict[int, str] = field(default_factory=dict)
    words: dict[int, str] = field(default_factory=dict)  # forced patient's words


# The opinions that become matters, by tier:
# (request type, category, target text, the patient's words, dispatched to, instructions)
MATTER_TEXT = {
    1: ("complaint", "attitude", "", "住院期间夜里按铃，护士过了很久才来，家属找了两次", None, ""),
    2: ("suggestion", "efficiency", "出院结算窗口", "出院结账排队太久，没人引导，希望增开窗口",
        "院办公室", "请核实患者反映的出院结算排队问题，于期限内联系患者反馈"),
}
# The show cases: every list state, verdict, an amendment of each kind, the matter links.
SHOWCASES = [
    _Case(7, "内科", kinds={1: "open"}, fails={1: 2}),  # last day today
    _Case(7, "外科", kinds={1: "open"}, fails={1: 0}),
    _Case(6, "儿科", kinds={1: "open"}, fails={1: 1}),
    _Case(5, "妇产科", kinds={1: "open"}, fails={1: 0}),
    _Case(1, "内科", SpecialReason.elderly_alone, kinds={1: "open", 3: "open"}),
    _Case(14, "内科", kinds={1: "done", 2: "open"}, fails={2: 1}),  # tier 2 last day
    _Case(13, "外科", kinds={1: "done", 2: "open"}),
    _Case(11, "中医科", kinds={1: "open", 2: "open"}, fails={1: 1}),  # tier 1 overdue
    _Case(20, "内科", kinds={1: "open", 2: "done"}, fails={1: 0}, verdict="not_done"),
    _Case(25, "外科", kinds={1: "done", 2: "done"}, verdict="untrue"),
    _Case(18, "康复科", SpecialReason.disabled, kinds={1: "done", 2: "done", 3: "done"},
          verdict="done"),
    _Case(33, "内科", SpecialReason.critical, kinds={1: "done", 2: "done", 3: "open"},
          verdict="done"),  # tier 3 overdue
    _Case(16, "儿科", kinds={1: "lost", 2: "lost"}),
    _Case(22, "内科", kinds={1: "done", 2: "lost"}),
    _Case(19, "外科", kinds={1: "late", 2: "done"}),
    _Case(27, "内科", kinds={1: "done", 2: "done"}, verdict="done", amend=(2, "verdict"),
          satisfaction={2: "satisfied"}),
    _Case(9, "妇产科", kinds={1: "done", 2: "open"}, amend=(1, "note")),
    _Case(24, "中医科", kinds={1: "done", 2: "done"}, verdict="done", amend=(1, "satisfaction"),
          satisfaction={1: "satisfied"}),
    _Case(3, "内科", kinds={1: "done"}, matter=1, done_back={1: 1},
          satisfaction={1: "unsatisfied"}, words={1: MATTER_TEXT[1][3]}),
    _Case(10, "外科", kinds={1: "done", 2: "done"}, verdict="done", matter=2, done_back={2: 1},
          satisfaction={2: "basically"}, words={2: MATTER_TEXT[2][3]}),
    _Case(12, "康复科", SpecialReason.other, kinds={1: "done", 2: "open", 3: "open"}),
    _Case(29, "内科", SpecialReason.dispute_risk, kinds={1: "done", 2: "late", 3: "done"}),
    _Case(38, "中医科", kinds={1: "late", 2: "open"}, fails={2: 2}),  # tier 2 overdue
]


@dataclass
class _Plan:
    """What the dice decided for one tier: the attempt times (the last one reached if done)."""

    kind: str
    times: list[datetime]
    lost_at: datetime | None = None

    @property
    def done_at(self) -> datetime | None:
        return self.times[-1] if self.kind in ("done", "late") else None


def _cutoff(now: datetime, today: date) -> datetime:
    """No step happens after 18:00 of the day before `today`, nor after `now`."""
    return min(now, datetime.combine(today, time(0)) - timedelta(hours=6))


def _random_cases(r: random.Random, today: date) -> list[_Case]:
    wards = [name for name, spec in WARDS.items() for _ in range(spec[5])]
    cases = []
    for back in range(1, DAYS_BACK + 1):
        weekday = (today - timedelta(days=back)).weekday() < 5
        for _ in range(r.choice((0, 1, 1, 2, 2) if weekday else (0, 0, 1))):
            ward = r.choice(wards)
            special = None
            if ward not in ("儿科", "妇产科") and r.random() < 0.08:
                special = r.choice([SpecialReason.elderly_alone, SpecialReason.disabled,
                                    SpecialReason.critical, SpecialReason.dispute_risk])
            cases.append(_Case(back, ward, special))
    return cases


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _times(r: random.Random, days: list[date]) -> list[datetime]:
    """One office-hours time for each day given (08:15–17:10), sorted, at least 45 minutes apart."""
    times: list[datetime] = []
    for day in sorted(set(days)):
        slots = r.sample(range(12), days.count(day))  # 08:15, 09:00 … 16:30, + up to 40 min
        times += [datetime.combine(day, time(8, 15)) + timedelta(minutes=45 * s + r.randrange(0, 5))
                  for s in sorted(slots)]
    return times


def _auto_kind(r: random.Random, tier: int, start: date, end: date, today: date) -> str:
    if start >= today:
        return "open"
    if end < today:
        weights = {1: (82, 6, 7, 5), 2: (78, 7, 9, 6), 3: (85, 5, 10, 0)}[tier]
        return r.choices(("done", "late", "open", "lost"), weights)[0]
    share = (today - start).days / (end - start + timedelta(days=2)).days
    return "done" if r.random() < share else "open"


def _plan_tier(r: random.Random, case: _Case, tier: int, start: date, end: date, today: date,
               last_day: date) -> _Plan:
    """The attempts of one tier, all on days in [start, last_day]; falls back to "open"."""
    kind = case.kinds.get(tier, "auto")
    if kind == "auto":
        kind = _auto_kind(r, tier, start, end, today)
    in_window = _days(start, min(end, last_day))
    after = _days(end + timedelta(days=1), last_day)
    if kind == "late" and not after:
        kind = "done"
    if kind in ("done", "lost") and not in_window:
        kind = "open"
    fails = case.fails.get(tier, r.choice((0,) * 9 + (1,)))
    if kind == "open":
        return _Plan(kind, _times(r, sorted(r.choice(in_window) for _ in range(fails)))
                     if in_window else [])
    if kind == "lost":
        days = sorted(r.sample(in_window, 3) if len(in_window) >= 3
                      else [r.choice(in_window) for _ in range(3)])
        times = _times(r, days)
        return _Plan(kind, times, times[-1] + timedelta(minutes=r.randrange(20, 40)))
    if tier in case.done_back:
        success = today - timedelta(days=case.done_back[tier])
    elif kind == "late":
        success = r.choice(after[:4])
    else:  # early in the window, as most calls are
        success = in_window[min(int(r.expovariate(0.5)), len(in_window) - 1)]
    before = [d for d in in_window if d <= success] or [success]
    times = _times(r, sorted(r.choice(before) for _ in range(fails)) + [success])
    return _Plan(kind, times)


class _Filler:
    """Plans the demo and runs its steps in time order."""

    def __init__(self, session: Session, people: DemoPeople, now: datetime, today: date) -> None:
        self.session = session
        self.people = people
        self.today = today
        self.cutoff = _cutoff(now, today)
        self.last_day = (self.cutoff.date() if self.cutoff.time() >= time(18)
                         else self.cutoff.date() - timedelta(days=1))
        self.r = random.Random(SEED + 1)
        self.steps: list[tuple[datetime, int, Callable[[], None]]] = []
        self.task_ids: dict[tuple[int, int], int] = {}  # (case no, tier) → task id
        settings = get_settings(session=session)
        self.windows = {
            1: (settings.followup_tier1_start, settings.followup_tier1_end),
            2: (settings.followup_tier2_start, settings.followup_tier2_end),
            3: (settings.followup_tier3_start, settings.followup_tier3_end),
        }
        last_matter = session.exec(select(func.max(Matter.created_at))).one()
        self.after_matters = last_matter or datetime.min
        self.inpatient_no = 0
        self.words: dict[tuple[int, int], str] = {}

    def step(self, at: datetime, fn: Callable[[], None]) -> None:
        if at <= self.cutoff:
            self.steps.append((at, len(self.steps), fn))

    def run(self) -> None:
        for _at, _seq, fn in sorted(self.steps, key=lambda s: (s[0], s[1])):
            fn()

    # --- planning ---------------------------------------------------------------------------

    def plan(self, no: int, case: _Case) -> None:
        r = random.Random(self.r.randrange(2**31))
        discharged = self.today - timedelta(days=case.back)
        if discharged > self.last_day:
            return
        doctor, nurse, (young, old), diagnoses, _notes, _w = WARDS[case.ward]
        elderly = case.special == SpecialReason.elderly_alone
        age = r.randint(78, 92) if elderly else r.randint(young, old)
        self.inpatient_no += 1
        data = DischargeInput(
            patient_name=f"{r.choice(SURNAMES)}某某",
            sex="female" if case.ward == "妇产科" else r.choice(("male", "female")), age=age,
            phone=f"139000{r.randrange(10**5):05d}",
            address=f"示例镇{r.choice(VILLAGES)}{r.randint(1, 12)}组",
            department_id=self.people.departments[case.ward], doctor_name=doctor, nurse_name=nurse,
            admitted_on=discharged - timedelta(days=r.randint(3, 14)), discharged_on=discharged,
            diagnosis=r.choice(diagnoses), special=case.special is not None,
            special_reason=case.special.value if case.special else None,
            special_note=SPECIAL_NOTES.get(case.special, "") if case.special else "",
            inpatient_no=f"ZY{discharged:%Y}{self.inpatient_no:05d}",
        )
        registered = datetime.combine(discharged, time(15)) + timedelta(minutes=r.randrange(150))
        self.step(registered, lambda: self.register(no, data, registered))
        plans: dict[int, _Plan] = {}
        for tier in (1, 2, 3) if case.special else (1, 2):
            first, last = self.windows[tier]
            start, end = discharged + timedelta(days=first), discharged + timedelta(days=last)
            plans[tier] = _plan_tier(r, case, tier, start, end, self.today, self.last_day)
        for tier, plan in plans.items():
            self.plan_work(r, no, case, tier, plan, plans, data)

    def plan_work(self, r: random.Random, no: int, case: _Case, tier: int, plan: _Plan,
                  plans: dict[int, _Plan], data: DischargeInput) -> None:
        actor = self.people.duty if tier == 3 else self.people.member
        method = "visit" if tier == 3 else None
        done_at = plan.done_at
        for at in plan.times:
            reached = at == done_at
            attempt = AttemptInput(
                at=at, method=method or r.choice(("phone",) * 8 + ("wechat", "sms")),
                reached=reached,
                note=("院领导到户走访，查看居家康复情况" if tier == 3 else r.choice(REACHED_NOTES))
                if reached else r.choice(FAILED_VISIT_NOTES if tier == 3 else FAILED_NOTES))
            outcome = check = None
            if reached:
                outcome = self.outcome(r, case, tier)
                self.words[no, tier] = outcome.words
                if tier == 2:
                    check = self.check(r, case, plans[1], at)
            recorded = at + timedelta(minutes=r.randrange(2, 15))
            self.step(recorded, lambda t=tier, a=attempt, o=outcome, c=check, n=recorded:
                      record_followup(session=self.session, actor=actor,
                                      task_id=self.task_ids[no, t], attempt=a, outcome=o,
                                      check=c, now=n))
        if plan.lost_at is not None:
            reason = r.choice(LOST_REASONS)
            self.step(plan.lost_at, lambda: close_lost(
                session=self.session, actor=actor, task_id=self.task_ids[no, tier], reason=reason,
                now=plan.lost_at))
        if done_at is None:
            return
        if case.amend and case.amend[0] == tier:
            amended = datetime.combine(done_at.date() + timedelta(days=1), time(9)) + timedelta(
                minutes=r.randrange(0, 120))
            if amended.date() > self.last_day:
                amended = done_at + timedelta(minutes=30)
            self.step(amended, lambda: self.amend(no, tier, case.amend[1], amended))
        if case.matter == tier:
            self.plan_matter(no, tier, done_at, data)

    def outcome(self, r: random.Random, case: _Case, tier: int) -> OutcomeInput:
        satisfaction = case.satisfaction.get(tier) or r.choices(
            ("satisfied", "basically", "unsatisfied"), (78, 18, 4))[0]
        words = {"satisfied": SATISFIED_WORDS, "basically": BASIC_WORDS,
                 "unsatisfied": UNSATISFIED_WORDS}[satisfaction]
        return OutcomeInput(
            condition=r.choices(("improved", "stable", "worse", "readmitted"), (52, 38, 6, 4))[0],
            medication_guidance=r.random() < 0.92, rehab_guidance=r.random() < 0.7,
            guidance_note=r.choice(WARDS[case.ward][4]), satisfaction=satisfaction,
            words=case.words.get(tier) or r.choice(words))

    def check(self, r: random.Random, case: _Case, tier1: _Plan, at: datetime) -> CheckInput:
        """Tier 2's check of tier 1, as the patient tells it at `at`."""
        tier1_done = tier1.done_at is not None and tier1.done_at < at
        verdict = case.verdict or ("not_done" if not tier1_done else
                                   r.choices(("done", "untrue"), (88, 12))[0])
        if verdict == "not_done" or not tier1_done:
            return CheckInput(False, False, "not_done",
                              "患者表示出院后一周内未接到科室回访电话，一级回访未按期完成")
        if verdict == "untrue":
            return CheckInput(True, False, "untrue",
                              "患者表示科室来电只问了恢复情况，未作用药指导，与一级记录不符")
        return CheckInput(True, True, "done", r.choice(("", "", "患者确认科室已电话回访，内容相符")))

    def plan_matter(self, no: int, tier: int, done_at: datetime, data: DischargeInput) -> None:
        """The patient's opinion registered as a matter (channel 出院回访), after the demo matters."""
        if done_at + timedelta(minutes=20) > self.cutoff:
            return
        registered = min(max(done_at + timedelta(minutes=20),
                             self.after_matters + timedelta(minutes=3 + 3 * no % 7)), self.cutoff)
        self.after_matters = registered
        request_type, category, target_text, _words, dispatch_to, instructions = MATTER_TEXT[tier]
        member = self.people.member

        def register() -> None:
            task_id = self.task_ids[no, tier]
            row = matters.register_matter(session=self.session, actor=member, data=MatterInput(
                received_at=done_at, channel=Channel.discharge_followup.value,
                request_type=request_type, complainant_name=data.patient_name, anonymous=False,
                phone=data.phone, relation="本人",
                target_department_id=None if target_text else data.department_id,
                target_staff_id=None, target_text=target_text, category=category,
                content=f"{'一' if tier == 1 else '二'}级出院回访时患者反映：{self.words[no, tier]}",
                first_receiver_name=member.display_name, source_ref=matter_source_ref(task_id),
            ), now=registered)
            sent = registered + timedelta(minutes=5)
            if dispatch_to and sent <= self.cutoff:
                matters.dispatch(session=self.session, actor=member, matter_id=row.id,
                                 department_ids=[self.people.departments[dispatch_to]],
                                 reply_by=None, instructions=instructions, now=sent)

        self.step(registered, register)

    # --- the steps --------------------------------------------------------------------------

    def register(self, no: int, data: DischargeInput, now: datetime) -> None:
        row = register_discharge(session=self.session, actor=self.people.member, data=data,
                                 now=now)
        tasks = select(FollowUpTask.id, FollowUpTask.tier)
        for task_id, tier in self.session.exec(tasks.where(FollowUpTask.discharge_id == row.id)):
            self.task_ids[no, tier] = task_id

    def amend(self, no: int, tier: int, what: str, now: datetime) -> None:
        task_id = self.task_ids[no, tier]
        if what == "satisfaction":
            changes = {"satisfaction": "basically"}
            reason = "录入时误选“满意”，经与患者再次核实为基本满意"
        elif what == "note":  # the show case is a 妇产科 patient
            changes = {"guidance_note": "注意恶露情况，产后42天复查；已指导新生儿黄疸观察"}
            reason = "原记录遗漏新生儿护理指导内容，补充"
        else:
            changes = {"record_matches": False, "verdict": "untrue",
                       "check_note": "复听通话后发现患者称未作康复指导，与一级记录不符"}
            reason = "复核二级回访录音后更正核查结论"
        amend_outcome(session=self.session, actor=self.people.member, task_id=task_id,
                      changes=changes, reason=reason, now=now)


def fill_followups(*, session: Session, people: DemoPeople, now: datetime, today: date) -> int:
    """Register and work the demo discharges; returns how many discharges were registered.

    The office member enters the discharges and the tier-1 and tier-2 records
    (the demo has no department logins), the duty director the tier-3 visits.
    """
    filler = _Filler(session, people, now, today)
    rng = random.Random(SEED)
    cases = SHOWCASES + _random_cases(rng, today)
    for no, case in enumerate(cases):
        filler.plan(no, case)
    filler.run()
    return len({no for no, _tier in filler.task_ids})
