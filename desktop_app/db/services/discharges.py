"""Discharged patients and their follow-up tasks (DESIGN §1.4, seed 004 三级回访).

Each discharge gets its tasks from `followup.plan()` with the windows of the
settings: tier 1 to the department's doctor and nurse, tier 2 to the office,
tier 3 (special patients) to the leadership. Changing the discharge date or
the special flag reschedules the open tasks; closed tasks stay as they are.
A tier-3 task no longer wanted is cancelled, never deleted.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlmodel import Session, select

from desktop_app.db.models import Department, Discharge, FollowUpTask
from desktop_app.records.followup_rows import DischargeInput, DischargeRow
from desktop_app.db.services.settings import get_settings
from desktop_app.db.tx import Actor, require, snapshot, transactional, write_audit
from desktop_app.domain.defaults import FollowUpWindowSetting
from desktop_app.domain.errors import ValidationError, gather_errors
from desktop_app.domain.followup import FollowUpTier, FollowUpWindow, plan
from desktop_app.domain.followup_records import AGE_MAX, Sex, SpecialReason, TaskStatus
from desktop_app.domain.roles import Permission
from desktop_app.domain.validation import clean_choice, clean_phone, clean_text

OFFICE_ASSIGNEE = "服务群众管理办公室"
LEADER_ASSIGNEE = "院领导"


def windows_setting(session: Session) -> list[FollowUpWindowSetting]:
    """The three tiers' windows from the settings."""
    s = get_settings(session=session)
    return [
        FollowUpWindowSetting(1, s.followup_tier1_start, s.followup_tier1_end),
        FollowUpWindowSetting(2, s.followup_tier2_start, s.followup_tier2_end),
        FollowUpWindowSetting(3, s.followup_tier3_start, s.followup_tier3_end),
    ]


def assignee_for(tier: int, doctor: str, nurse: str) -> str:
    """Who does a tier: tier 1 the doctor and nurse, tier 2 the office, tier 3 the leadership."""
    if tier == FollowUpTier.first:
        return "、".join(name for name in (doctor, nurse) if name)
    return OFFICE_ASSIGNEE if tier == FollowUpTier.second else LEADER_ASSIGNEE


def clean_discharge(
    data: DischargeInput, today: date, departments: dict[int, str]
) -> dict[str, Any]:
    """Checked values of a discharge, or one ValidationError with every bad field's problem.

    `departments` maps the active department ids to names.
    """
    name, sex, _age, phone, address, _dept, doctor, nurse, _in, _out, diagnosis, special, \
        inpatient_no = gather_errors(
            lambda: clean_text(data.patient_name, field="patient_name", label="患者姓名", max_len=30),
            lambda: clean_choice(Sex, data.sex, field="sex", message="请选择性别"),
            lambda: _check_age(data.age),
            lambda: clean_phone(data.phone, field="phone", label="联系电话", required=True),
            lambda: clean_text(data.address, field="address", label="住址", max_len=100,
                               required=False),
            lambda: _require(data.department_id in departments, "department_id", "请选择出院科室"),
            lambda: clean_text(data.doctor_name, field="doctor_name", label="主治医生", max_len=30),
            lambda: clean_text(data.nurse_name, field="nurse_name", label="责任护士", max_len=30,
                               required=False),
            lambda: _require(data.admitted_on is not None, "admitted_on", "请填写入院日期"),
            lambda: _check_discharged_on(data, today),
            lambda: clean_text(data.diagnosis, field="diagnosis", label="出院诊断", max_len=200,
                               required=False),
            lambda: _special(data),
            lambda: clean_text(data.inpatient_no, field="inpatient_no", label="住院号", max_len=30,
                               required=False),
        )
    reason, note = special
    return dict(
        patient_name=name, sex=sex, age=data.age, phone=phone, address=address,
        department_id=data.department_id, doctor_name=doctor, nurse_name=nurse,
        admitted_on=data.admitted_on, discharged_on=data.discharged_on, diagnosis=diagnosis,
        special=bool(data.special), special_reason=reason, special_note=note,
        inpatient_no=inpatient_no,
    )


def _require(ok: bool, field: str, message: str) -> None:
    if not ok:
        raise ValidationError(field, message)


def _check_age(age: int | None) -> None:
    if age is None:
        raise ValidationError("age", "请填写年龄")
    if not 0 <= age <= AGE_MAX:
        raise ValidationError("age", f"年龄应在 0 到 {AGE_MAX} 岁之间")


def _check_discharged_on(data: DischargeInput, today: date) -> None:
    """Given, not after today, and (once the admission day is given) not before it."""
    if data.discharged_on is None:
        raise ValidationError("discharged_on", "请填写出院日期")
    if data.discharged_on > today:
        raise ValidationError("discharged_on", "出院日期不能晚于今天")
    if data.admitted_on is not None and data.discharged_on < data.admitted_on:
        raise ValidationError("discharged_on", "出院日期不能早于入院日期")


def _special(data: DischargeInput) -> tuple[str | None, str]:
    """A special patient's reason and note (the note is required for 其他); (None, "") if not special."""
    if not data.special:
        return None, ""
    reason = clean_choice(SpecialReason, data.special_reason, field="special_reason",
                          message="请选择特殊患者的原因")
    note = clean_text(data.special_note, field="special_note", label="原因说明", max_len=100,
                      required=reason == SpecialReason.other)
    return reason, note


def active_departments(session: Session) -> dict[int, str]:
    rows = session.exec(select(Department.id, Department.name).where(Department.active)).all()
    return {i: n for i, n in rows}


def new_tasks(discharge: Discharge, windows: list[FollowUpWindowSetting]) -> list[FollowUpTask]:
    """The tasks of a new discharge, from `plan()`."""
    return [
        FollowUpTask(
            discharge_id=discharge.id, tier=int(w.tier), window_start=w.start, window_end=w.end,
            assignee=assignee_for(w.tier, discharge.doctor_name, discharge.nurse_name),
        )
        for w in plan(discharge.discharged_on, discharge.special, windows)
    ]


def to_row(d: Discharge, department_name: str) -> DischargeRow:
    return DischargeRow(
        id=d.id or 0, patient_name=d.patient_name, sex=d.sex, age=d.age, phone=d.phone,
        address=d.address, inpatient_no=d.inpatient_no, department_id=d.department_id,
        department_name=department_name, doctor_name=d.doctor_name, nurse_name=d.nurse_name,
        admitted_on=d.admitted_on, discharged_on=d.discharged_on, diagnosis=d.diagnosis,
        special=d.special, special_reason=d.special_reason, special_note=d.special_note,
        source=d.source,
    )


def find_duplicate(session: Session, name: str, phone: str, discharged_on: date) -> int | None:
    """The id of a discharge with the same name, phone and discharge date, if any."""
    return session.exec(
        select(Discharge.id).where(
            Discharge.patient_name == name, Discharge.phone == phone,
            Discharge.discharged_on == discharged_on,
        )
    ).first()


@transactional
def register_discharge(
    *, session: Session, actor: Actor, data: DischargeInput, now: datetime
) -> DischargeRow:
    """Save a discharge and its follow-up tasks; refuse a duplicate (same name, phone, date)."""
    require(actor, Permission.record_followup)
    departments = active_departments(session)
    values = clean_discharge(data, now.date(), departments)
    if find_duplicate(session, values["patient_name"], values["phone"], values["discharged_on"]):
        raise ValidationError("patient_name", "该患者（姓名、电话、出院日期相同）已登记")
    discharge = Discharge(**values, created_at=now, created_by=actor.display_name)
    session.add(discharge)
    session.flush()
    tasks = new_tasks(discharge, windows_setting(session))
    session.add_all(tasks)
    write_audit(session, actor, "create", "discharge", discharge.id, None, snapshot(discharge), now)
    return to_row(discharge, departments[discharge.department_id])


def _reschedule(session: Session, discharge: Discharge) -> list[str]:
    """Bring the open tasks in line with the discharge; closed ones stay. Returns what changed."""
    wanted: dict[int, FollowUpWindow] = {
        int(w.tier): w for w in plan(discharge.discharged_on, discharge.special,
                                     windows_setting(session))
    }
    tasks = {t.tier: t for t in session.exec(
        select(FollowUpTask).where(FollowUpTask.discharge_id == discharge.id)).all()}
    changes: list[str] = []
    for tier, task in tasks.items():
        if task.status not in (TaskStatus.open, TaskStatus.cancelled):
            continue
        window = wanted.get(tier)
        if window is None:
            if task.status == TaskStatus.open:
                task.status = TaskStatus.cancelled.value
                changes.append(f"{tier}级回访取消")
            continue
        if task.status == TaskStatus.cancelled:
            task.status = TaskStatus.open.value
            changes.append(f"{tier}级回访恢复")
        if (task.window_start, task.window_end) != (window.start, window.end):
            task.window_start, task.window_end = window.start, window.end
            changes.append(f"{tier}级回访改为 {window.start}–{window.end}")
        task.assignee = assignee_for(tier, discharge.doctor_name, discharge.nurse_name)
        session.add(task)
    for tier, window in wanted.items():
        if tier not in tasks:
            session.add(FollowUpTask(
                discharge_id=discharge.id, tier=tier, window_start=window.start,
                window_end=window.end,
                assignee=assignee_for(tier, discharge.doctor_name, discharge.nurse_name)))
            changes.append(f"新增{tier}级回访")
    return changes


@transactional
def update_discharge(
    *, session: Session, actor: Actor, discharge_id: int, data: DischargeInput, now: datetime
) -> DischargeRow:
    """Correct a discharge; its open tasks are rescheduled, its closed tasks stay."""
    require(actor, Permission.record_followup)
    discharge = session.get(Discharge, discharge_id)
    if discharge is None:
        raise ValidationError("discharge", "该出院记录不存在，可能已被删除")
    departments = active_departments(session)
    if discharge.department_id not in departments:  # a since-deactivated department stays valid
        departments[discharge.department_id] = session.get(Department, discharge.department_id).name
    values = clean_discharge(data, now.date(), departments)
    duplicate = find_duplicate(session, values["patient_name"], values["phone"],
                               values["discharged_on"])
    if duplicate is not None and duplicate != discharge_id:
        raise ValidationError("patient_name", "该患者（姓名、电话、出院日期相同）已登记")
    before = snapshot(discharge)
    for key, value in values.items():
        setattr(discharge, key, value)
    session.add(discharge)
    changes = _reschedule(session, discharge)
    after = snapshot(discharge) | {"tasks": changes}
    write_audit(session, actor, "update", "discharge", discharge.id, before, after, now)
    return to_row(discharge, departments[discharge.department_id])


def get_discharge(*, session: Session, discharge_id: int) -> DischargeRow:
    discharge = session.get(Discharge, discharge_id)
    if discharge is None:
        raise ValidationError("discharge", "该出院记录不存在")
    return to_row(discharge, session.get(Department, discharge.department_id).name)
