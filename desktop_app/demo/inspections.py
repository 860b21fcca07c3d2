"""Fictional demo Friday inspections, rectification items and duty logs (DESIGN §1.5–1.6).

Seed 004 §三(一)4 每周五行政总检查 and §三(一)5 值班院长行政总值班 for the
fictional 示例镇卫生院, worked through the real service functions
(`move_friday`, `start_inspection`, `add_photo`, `save_draft`, `sign_off`,
`amend_inspection`, `add_rectification`, `mark_rectified`,
`recheck_rectification`, `update_rectification_plan`, `open_duty_log`,
`add_duty_entry`, `duty_entry_matter_prefill` + `register_matter`), so the
records, the item histories and the audit log are as the program writes them.

What the 周五检查 tab shows on `today`:
- the Fridays of the last ten weeks, signed off by the 分工院长 and recorded
  by the duty director; one of them missed (已漏检); a Friday that is a
  holiday moved to a working day of its week with a note (国庆节放假 …);
  this week's Friday with a prepared draft (记录未完成) when a working day of
  this week lies before the cutoff, else 本周待检查;
- 不合格 items at every stage: 待整改 (one of them overdue), 已整改待复查, a
  failed re-check back to 待整改 with a new deadline, 已销号 after a passing
  re-check (one with before/after photos, generated in memory, when the
  database is a file);
- two items entered by hand, a satisfaction survey's and a superior's
  inspection's, written like the seeds' plans (问题, 整改措施 一是…二是…,
  整改时限, 责任科室);
- an amendment of a signed record;
- duty logs for most working days of the last three weeks, 2–5 entries of
  every kind; two entries of the last log registered as matters (channel
  值班院长接待), after every other demo matter so serial numbers follow time.

All people are invented (褚某某, 陈某某, 刘女士, 139000xxxxx). Every step is
dated before 18:00 of the day before `today` and not after `now`; the steps
run in time order. Choices are pseudo-random but deterministic
(random.Random(2028)) for a given `today` and `now`.
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlmodel import Session, func, select

from desktop_app.demo.inspections_data import (
    SHOW_A,
    SHOW_B,
    SHOW_C,
    SHOW_D,
    SHOW_E,
    SHOW_F,
    DUTY_DAYS_BACK,
    DUTY_SKIP,
    DUTY_TEXTS,
    FAILED_RECHECK,
    FINDINGS,
    KIND_WEIGHTS,
    MATTER_ENTRIES,
    NOT_APPLICABLE,
    PARTICIPANTS,
    PASSED_RECHECK_NOTES,
    SEED,
    TAKING_PART,
    WEEKDAYS,
    WEEKS_BACK,
    demo_png,
)
from desktop_app.demo.matters import DemoPeople
from desktop_app.db.models import Matter
from desktop_app.db.services import departments as dept_svc
from desktop_app.db.services import matters
from desktop_app.db.services.departments import StaffRole
from desktop_app.db.services.work_calendar import list_calendar_days, load_work_calendar
from desktop_app.db.services.duty_log import (
    add_duty_entry,
    duty_entry_matter_prefill,
    open_duty_log,
)
from desktop_app.db.services.inspection_photos import add_photo, data_folder
from desktop_app.records.inspection_rows import (
    DutyEntryInput,
    FindingInput,
    InspectionDetail,
    InspectionHeader,
    ResultInput,
)
from desktop_app.db.services.inspection_signoff import amend_inspection, sign_off
from desktop_app.db.services.inspections import move_friday, save_draft, start_inspection
from desktop_app.records.rectification_rows import PlanInput, RecheckInput, RectificationInput
from desktop_app.db.services.rectifications import (
    add_rectification,
    mark_rectified,
    recheck_rectification,
    update_rectification_plan,
)
from desktop_app.db.services.settings import get_settings
from desktop_app.domain.errors import StorageError
from desktop_app.domain.inspections import inspection_days, week_of
from desktop_app.domain.rectification import RectificationSource
from desktop_app.domain.workdays import WorkCalendar

def _cutoff(now: datetime, today: date) -> datetime:
    """No step happens after 18:00 of the day before `today`, nor after `now`."""
    return min(now, datetime.combine(today, time(0)) - timedelta(hours=6))


def _staff_with(session: Session, role: StaffRole) -> list[str]:
    return [s.name for s in dept_svc.list_staff(session=session, role=role,
                                                include_inactive=False)]


@dataclass
class _Friday:
    """One scheduled Friday of the demo: its due day, what happens, its failed items."""

    friday: date
    due: date
    kind: str  # "signed", "missed", "draft"
    started: datetime
    inspected: datetime
    signed_at: datetime
    next_due: date | None = None  # the due day of the next signed record
    failed: list[int] = field(default_factory=list)
    deadlines: dict[int, date] = field(default_factory=dict)
    not_applicable: bool = False
    photo_item: int | None = None


class _Filler:
    """Plans the demo's inspections, ledger and duty logs, then runs the steps in time order."""

    def __init__(self, session: Session, people: DemoPeople, now: datetime, today: date) -> None:
        self.session = session
        self.people = people
        self.today = today
        self.cutoff = _cutoff(now, today)
        self.calendar: WorkCalendar = load_work_calendar(session=session)
        self.r = random.Random(SEED)
        self.steps: list[tuple[datetime, int, Callable[[], None]]] = []
        self.workdays = get_settings(session=session).rectification_workdays
        self.leader, self.union_chair, self.directors = self._people()
        self.results: dict[date, dict[int, int]] = {}  # friday → item no → result id
        self.inspections: dict[date, int] = {}  # friday → inspection id
        self.logs: dict[date, int] = {}  # day → duty log id
        self.items: dict[tuple[date, int], int] = {}  # (friday, item no) → rectification id
        self.manual: dict[str, int] = {}
        self.entries: dict[int, int] = {}  # matter entry no → duty entry id
        self.photo_dir: Path | None = None
        self.recorded = 0
        last_matter = session.exec(select(func.max(Matter.created_at))).one()
        self.after_matters = last_matter or datetime.min

    def _people(self) -> tuple[str, str, list[str]]:
        """The 分工院长, the 工会主席 and the duty directors; adds staff for a missing role."""
        session, people = self.session, self.people
        leaders = _staff_with(session, StaffRole.leader)
        directors = _staff_with(session, StaffRole.duty_director)
        chairs = _staff_with(session, StaffRole.union_chair)
        if not leaders:
            self._add_staff("褚某某", "院办公室", [StaffRole.leader, StaffRole.duty_director])
            leaders, directors = ["褚某某"], directors + ["褚某某"]
        if not chairs:
            self._add_staff("陈某某", "政工科", [StaffRole.union_chair])
            chairs = ["陈某某"]
        # the director in charge: a leader who is not the duty login, else the first leader
        leader = next((n for n in leaders if n in directors and n != people.duty.display_name),
                      leaders[0])
        return leader, chairs[0], directors or [people.duty.display_name]

    def _add_staff(self, name: str, department: str, roles: list[StaffRole]) -> None:
        dept_svc.create_staff(session=self.session, actor=self.people.admin, name=name,
                              department_id=self.people.departments.get(department), roles=roles,
                              now=self.cutoff)

    def step(self, at: datetime, fn: Callable[[], None]) -> None:
        if at <= self.cutoff:
            self.steps.append((at, len(self.steps), fn))

    def run(self) -> None:
        for _at, _seq, fn in sorted(self.steps, key=lambda s: (s[0], s[1])):
            fn()

    def workday_after(self, day: date, n: int = 1) -> date:
        return self.calendar.add_workdays(day, n)

    def at(self, day: date, hour: int, minute: int = 0, spread: int = 0) -> datetime:
        return datetime.combine(day, time(hour, minute)) + timedelta(
            minutes=self.r.randrange(spread) if spread else 0)

    # --- the Friday schedule --------------------------------------------------------------

    def plan_fridays(self) -> None:
        _monday, sunday = week_of(self.today)
        names = {d.day: d.name for year in {self.today.year - 1, self.today.year}
                 for d in list_calendar_days(session=self.session, year=year)}
        fridays: list[_Friday] = []
        for friday in inspection_days(self.today - timedelta(weeks=WEEKS_BACK), sunday):
            due = friday
            if not self.calendar.is_workday(friday):
                due = self.plan_move(friday, names.get(friday, "节假日"))
                if due is None:
                    continue
            started = self.at(due, 14, 5, 10)
            inspected = self.at(due, 14, 30, 15)
            signed_at = inspected + timedelta(minutes=95 + self.r.randrange(30))
            kind = "signed" if signed_at <= self.cutoff else "draft"
            fridays.append(_Friday(friday, due, kind, started, inspected, signed_at))
        past = [f for f in fridays if f.kind == "signed"]
        middle = [f for f in past[1:-3] if f.due == f.friday]
        if middle:
            self.r.choice(middle).kind = "missed"
        signed = [f for f in past if f.kind == "signed"]
        for f, after in zip(signed, signed[1:]):
            f.next_due = after.due
        self.plan_findings(signed)
        for f in fridays:
            if f.kind == "signed":
                self.plan_signed(f)
            elif f.kind == "draft":
                self.plan_draft(f)
        if len(signed) >= 4:
            self.plan_amendment(signed[-4])

    def plan_move(self, friday: date, holiday: str) -> date | None:
        """A holiday Friday moves to the last working day before it in its week, else after."""
        before = [friday - timedelta(days=n) for n in range(1, 5)]
        after = [friday + timedelta(days=n) for n in range(1, 7)]
        new_day = next((d for d in before if self.calendar.is_workday(d)),
                       next((d for d in after if self.calendar.is_workday(d)), None))
        if new_day is None:
            return None
        word = "提前" if new_day < friday else "推迟"
        note = (f"{holiday}放假，本周检查{word}至{new_day.month}月{new_day.day}日"
                f"（周{WEEKDAYS[new_day.weekday()]}）下午")
        last_week = friday - timedelta(days=7)
        moved_at = (self.at(last_week, 17, 20) if self.calendar.is_workday(last_week)
                    else self.at(friday - timedelta(days=4), 9, 10))
        self.step(moved_at, lambda: move_friday(
            session=self.session, actor=self.people.duty, friday=friday, new_day=new_day,
            note=note, now=moved_at))
        return new_day

    def plan_findings(self, signed: list[_Friday]) -> None:
        """The 不合格 items: the show cases on the last three records, random ones before."""
        shows = {-1: [SHOW_A, SHOW_B], -2: [SHOW_C, SHOW_D], -3: [SHOW_E, SHOW_F]}
        pool = [n for n in FINDINGS if n not in (SHOW_A, SHOW_B, SHOW_C, SHOW_D, SHOW_E, SHOW_F)]
        for index, f in enumerate(signed):
            back = index - len(signed)
            if back in shows:
                f.failed = list(shows[back])
            else:
                f.failed = self.r.sample(pool, self.r.choice((0, 1, 1, 2, 2, 3)))
        if len(signed) >= 2:  # 限期三天: long past by today
            signed[-2].deadlines[SHOW_C] = signed[-2].due + timedelta(days=3)
        if len(signed) >= 3:
            signed[-3].photo_item = SHOW_E
        if len(signed) >= 5:
            signed[-5].not_applicable = True

    def header(self, inspected_at: datetime | None, summary: str = "",
               participants: str = PARTICIPANTS) -> InspectionHeader:
        return InspectionHeader(
            inspected_at=inspected_at, leader=self.leader, union_chair=self.union_chair,
            departments=TAKING_PART, participants=participants, summary=summary)

    def plan_signed(self, f: _Friday) -> None:
        self.step(f.started, lambda: self.start(f, f.started))
        if f.photo_item is not None:
            photographed = f.inspected + timedelta(minutes=12)
            self.step(photographed, lambda: self.add_photo(f, photographed))
        self.step(f.signed_at, lambda: self.sign(f))
        for no in f.failed:
            self.plan_rectification(f, no)

    def start(self, f: _Friday, now: datetime) -> InspectionDetail:
        detail = start_inspection(session=self.session, actor=self.people.duty, friday=f.friday,
                                  now=now)
        self.results[f.friday] = {r.order: r.id for r in detail.results}
        self.inspections[f.friday] = detail.id
        self.recorded += 1
        return detail

    def add_photo(self, f: _Friday, now: datetime) -> None:
        if self.photo_dir is not None and f.photo_item is not None:
            add_photo(session=self.session, actor=self.people.duty,
                      result_id=self.results[f.friday][f.photo_item],
                      file=self.photo_dir / "现场照片_消防通道.png", now=now)

    def sign(self, f: _Friday) -> None:
        answers, findings = [], []
        failed = na = 0
        for no, rid in self.results[f.friday].items():
            if no in f.failed and no in FINDINGS:
                problem, dept, measure, _done = FINDINGS[no]
                answers.append(ResultInput(rid, "failed", problem))
                dept_id = self.people.departments.get(dept)
                findings.append(FindingInput(rid, (dept_id,) if dept_id else (), measure,
                                             f.deadlines.get(no)))
                failed += 1
            elif f.not_applicable and no == NOT_APPLICABLE[0]:
                answers.append(ResultInput(rid, "not_applicable", NOT_APPLICABLE[1]))
                na += 1
            else:
                answers.append(ResultInput(rid, "passed"))
        passed = len(answers) - failed - na
        summary = (f"共检查{len(answers)}项，合格{passed}项，"
                   + (f"不适用{na}项，" if na else "")
                   + (f"不合格{failed}项，已当场反馈责任科室限期整改" if failed
                      else "未发现问题，继续保持"))
        detail = sign_off(session=self.session, actor=self.people.duty,
                          inspection_id=self.inspections[f.friday],
                          header=self.header(f.inspected, summary), results=answers,
                          findings=findings, now=f.signed_at)
        for r in detail.results:
            if r.rectification_id is not None:
                self.items[f.friday, r.order] = r.rectification_id

    def plan_draft(self, f: _Friday) -> None:
        """This week's Friday, not yet inspected: the form prepared on a working day of its week."""
        first = max(week_of(f.due)[0], f.due - timedelta(days=6))
        day = min(self.cutoff.date(), f.due)
        while day >= first:
            if self.calendar.is_workday(day):
                opened = min(self.at(day, 16), self.cutoff - timedelta(minutes=20))
                if opened >= self.at(day, 8):
                    self.step(opened, lambda: self.draft(f, opened))
                    return
            day -= timedelta(days=1)

    def draft(self, f: _Friday, now: datetime) -> None:
        detail = self.start(f, now)
        save_draft(session=self.session, actor=self.people.duty, inspection_id=detail.id,
                   header=self.header(None, participants=""),
                   now=now + timedelta(minutes=5))

    def plan_amendment(self, f: _Friday) -> None:
        at = self.at(self.workday_after(f.due), 9, 20, 20)
        self.step(at, lambda: amend_inspection(
            session=self.session, actor=self.people.duty, inspection_id=self.inspections[f.friday],
            changes={"participants": PARTICIPANTS + "、药剂科施某某"},
            reason="补记参加检查人员：药剂科施某某全程参加，签字确认时漏记", now=at))

    # --- the rectification items ------------------------------------------------------------

    def plan_rectification(self, f: _Friday, no: int) -> None:
        if no not in FINDINGS:
            return
        done_text = FINDINGS[no][3]
        if no in (SHOW_A, SHOW_C):
            return  # 待整改 (C past its three-day limit)
        if no == SHOW_B:  # reported done the next working day, or on the spot
            done = self.at(self.workday_after(f.due), 10, 0, 40)
            if done + timedelta(minutes=20) > self.cutoff:
                done = f.signed_at + timedelta(minutes=25)
            self.rectify(f, no, done, done_text)
            return
        if no == SHOW_D:  # done, found not done at the next inspection, a new deadline
            done = self.at(self.workday_after(f.due), 10, 30, 30)
            self.rectify(f, no, done, done_text)
            nxt = self.at(f.next_due or f.due + timedelta(days=7), 17, 5)
            self.recheck(f, no, nxt, passed=False, by=self.leader, note=FAILED_RECHECK[no])
            self.plan_update(f, no, nxt + timedelta(minutes=10))
            return
        done = self.at(self.workday_after(f.due, self.r.randint(1, 3)), 9, 0, 360)
        self.rectify(f, no, done, done_text)
        if no == SHOW_F:
            failed_at = self.at(self.workday_after(done.date()), 15, 0, 60)
            self.recheck(f, no, failed_at, passed=False, by=self.union_chair,
                         note=FAILED_RECHECK[no])
            done = self.at(self.workday_after(failed_at.date()), 10, 0, 60)
            self.rectify(f, no, done, "两个诊室均已张贴医患连心卡和投诉电话")
        checked = self.at(self.workday_after(done.date(), self.r.randint(1, 2)), 15, 0, 90)
        by = self.r.choice((self.leader, self.leader, self.union_chair))
        photo = no == f.photo_item
        self.recheck(f, no, checked, passed=True, by=by, photo=photo,
                     note="消防通道已清理，标识已张贴，同意销号" if photo
                     else self.r.choice(PASSED_RECHECK_NOTES))

    def rectify(self, f: _Friday, no: int, done: datetime, note: str) -> None:
        entered = done + timedelta(minutes=10 + self.r.randrange(30))
        self.step(entered, lambda: mark_rectified(
            session=self.session, actor=self.people.member, item_id=self.items[f.friday, no],
            rectified_at=done, note=note, now=entered))

    def recheck(self, f: _Friday, no: int, at: datetime, *, passed: bool, by: str, note: str,
                photo: bool = False) -> None:
        def run() -> None:
            file = (self.photo_dir / "复查照片_消防通道.png"
                    if photo and self.photo_dir is not None else None)
            recheck_rectification(
                session=self.session, actor=self.people.duty, item_id=self.items[f.friday, no],
                data=RecheckInput(by=by, on=at.date(), passed=passed, note=note, photo=file),
                now=at)

        self.step(at, run)

    def plan_update(self, f: _Friday, no: int, at: datetime) -> None:
        problem, dept, _measure, _done = FINDINGS[no]
        dept_id = self.people.departments.get(dept)
        deadline = self.calendar.add_workdays(at.date(), self.workdays)
        self.step(at, lambda: update_rectification_plan(
            session=self.session, actor=self.people.member, item_id=self.items[f.friday, no],
            data=PlanInput(problem=f"{problem}；复查时废旧桌椅仍未处置", measure=(
                "一是废旧桌椅登记造册，可修复的入库，其余报废处置；二是锅炉房周边划为禁放区，"
                "总务科每日巡查"), department_ids=(dept_id,) if dept_id else (),
                deadline=deadline), now=at))

    def plan_manual(self) -> None:
        """Two items entered by hand, as the seeds' rectification plans write them."""
        departments = self.people.departments
        survey_day = self._workday_before(self.today - timedelta(days=28))
        surveyed = self.at(survey_day, 10, 30)
        survey = RectificationInput(
            source_kind=RectificationSource.satisfaction_survey.value, found_on=survey_day,
            problem=("门诊满意度调查中“服务效率”满意率为82.6%，群众反映上午取药排队时间长、"
                     "高峰时段发药窗口少"),
            measure=("一是药房在8:00—10:30高峰时段增开一个发药窗口；二是导诊人员在取药区引导"
                     "分流，优先照顾老年人；三是下月满意度调查复核取药等候时间"),
            department_ids=tuple(departments[d] for d in ("药剂科", "院办公室") if d in departments),
            deadline=survey_day + timedelta(days=14),
            source_text=f"{survey_day.year}年{survey_day.month}月门诊满意度调查", area="工作秩序")
        self.step(surveyed, lambda: self.add_manual("survey", survey, surveyed))
        done = self.at(self.workday_after(survey_day, 7), 16, 0)
        self.step(done + timedelta(minutes=15), lambda: mark_rectified(
            session=self.session, actor=self.people.member, item_id=self.manual["survey"],
            rectified_at=done, note="已于高峰时段增开发药窗口并安排导诊分流，取药平均等候由25分钟降至10分钟左右",
            now=done + timedelta(minutes=15)))
        checked = self.at(self.workday_after(done.date(), 3), 11, 0)
        self.step(checked, lambda: recheck_rectification(
            session=self.session, actor=self.people.member, item_id=self.manual["survey"],
            data=RecheckInput(by=self.people.member.display_name, on=checked.date(), passed=True,
                              note="抽查三个上午高峰时段，取药等候均在15分钟以内，同意销号"),
            now=checked))

        superior_day = self._workday_before(self.today - timedelta(days=9))
        entered = self.at(superior_day, 16, 10)
        superior = RectificationInput(
            source_kind=RectificationSource.superior_inspection.value, found_on=superior_day,
            problem=("县卫生健康局医疗质量督导抽查门诊病历10份，2份主诉与现病史描述不一致；"
                     "处方点评发现3张抗菌药物处方未注明用药理由"),
            measure=("一是组织临床科室开展病历书写规范培训；二是科室主任每周抽查本科室门诊病历"
                     "不少于5份并登记；三是药剂科每月开展处方点评并全院通报"),
            department_ids=tuple(departments[d] for d in ("内科", "外科", "药剂科")
                                 if d in departments),
            deadline=superior_day + timedelta(days=30), source_text="县卫生健康局医疗质量督导检查")
        self.step(entered, lambda: self.add_manual("superior", superior, entered))

    def _workday_before(self, day: date) -> date:
        day = min(day, self.cutoff.date())
        while not self.calendar.is_workday(day):
            day -= timedelta(days=1)
        return day

    def add_manual(self, key: str, data: RectificationInput, now: datetime) -> None:
        row = add_rectification(session=self.session, actor=self.people.member, data=data, now=now)
        self.manual[key] = row.id

    # --- the duty director's log ------------------------------------------------------------

    def plan_duty(self) -> None:
        last = self.cutoff.date() if self.cutoff.time() >= time(12) else (
            self.cutoff.date() - timedelta(days=1))
        kinds = list(KIND_WEIGHTS)
        weights = list(KIND_WEIGHTS.values())
        for back in range(DUTY_DAYS_BACK, 0, -1):
            day = self.today - timedelta(days=back)
            if day > last:
                break
            if day != last and (not self.calendar.is_workday(day) or self.r.random() < DUTY_SKIP):
                continue
            director = self.directors[day.toordinal() % len(self.directors)]
            end = datetime.combine(day, time(17, 40))
            if day == last:
                end = min(end, self.cutoff - timedelta(minutes=35))
            count = self.r.randint(2, 5)
            slots = (end - datetime.combine(day, time(8, 10))) // timedelta(minutes=25)
            if slots < 2:
                continue
            starts = sorted(self.r.sample(range(slots), min(count, slots)))
            times = [self.at(day, 8, 10) + timedelta(minutes=25 * s + self.r.randrange(10))
                     for s in starts]
            opened = self.at(day, 7, 50)
            self.step(opened, lambda d=day, n=director, t=opened: self.open_log(d, n, t))
            matter_slots = len(MATTER_ENTRIES) if day == last else 0
            used: set[str] = set()
            for i, at in enumerate(times):
                no = i - (len(times) - matter_slots)
                if no >= 0:
                    kind, content, result, _form = MATTER_ENTRIES[no]
                else:
                    kind = self.r.choices(kinds, weights)[0]
                    options = [t for t in DUTY_TEXTS[kind] if t[0] not in used] or DUTY_TEXTS[kind]
                    content, result = self.r.choice(options)
                used.add(content)
                entered = at + timedelta(minutes=3 + self.r.randrange(12))
                self.step(entered, lambda d=day, e=DutyEntryInput(at, kind.value, content, result),
                          t=entered, m=no: self.add_entry(d, e, t, m))
                if no >= 0:
                    registered = max(entered + timedelta(minutes=10),
                                     self.after_matters + timedelta(minutes=3))
                    self.after_matters = registered
                    self.step(registered, lambda m=no, t=registered: self.register(m, t))

    def open_log(self, day: date, director: str, now: datetime) -> None:
        self.logs[day] = open_duty_log(session=self.session, actor=self.people.duty, day=day,
                                       director=director, now=now).id

    def add_entry(self, day: date, data: DutyEntryInput, now: datetime, matter_no: int) -> None:
        row = add_duty_entry(session=self.session, actor=self.people.duty, log_id=self.logs[day],
                             data=data, now=now)
        if matter_no >= 0:
            self.entries[matter_no] = row.id

    def register(self, no: int, now: datetime) -> None:
        """The duty director registers the entry as a matter from its prefilled form."""
        if no not in self.entries:
            return
        form = dict(MATTER_ENTRIES[no][3])
        target = form.pop("target", None)
        if target in self.people.departments:
            form["target_department_id"] = self.people.departments[target]
        elif target is not None:
            form["target_text"] = target
        phone = f"139000{random.Random(SEED + no).randrange(10**5):05d}"
        prefill = duty_entry_matter_prefill(session=self.session, entry_id=self.entries[no])
        matters.register_matter(session=self.session, actor=self.people.duty,
                                data=replace(prefill, phone=phone, **form), now=now)


def fill_inspections(*, session: Session, people: DemoPeople, now: datetime, today: date) -> int:
    """Record the demo inspections, rectification items and duty logs; returns the inspections.

    The duty director records the inspections (signed off by the 分工院长)
    and the duty logs; the office member keeps the ledger. Photos are
    generated in memory and added only when the database is a file.
    """
    filler = _Filler(session, people, now, today)
    filler.plan_fridays()
    filler.plan_manual()
    filler.plan_duty()
    with tempfile.TemporaryDirectory(prefix="fwqz-demo-") as folder:
        try:
            data_folder(session)
        except StorageError:
            pass  # an in-memory database keeps no photos
        else:
            filler.photo_dir = Path(folder)
            (filler.photo_dir / "现场照片_消防通道.png").write_bytes(demo_png(boxes=True))
            (filler.photo_dir / "复查照片_消防通道.png").write_bytes(demo_png(boxes=False))
        filler.run()
    return filler.recorded
