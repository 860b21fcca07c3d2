"""Discharges and their tasks: generation, rescheduling, work-list states (DESIGN §1.4)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import select

from desktop_app.db.models import Discharge, FollowUpTask
from desktop_app.db.services.discharges import update_discharge
from desktop_app.records.followup_rows import TaskFilter
from desktop_app.db.services.followups import record_followup
from desktop_app.db.services.followups_query import count_tasks, list_assignees, list_tasks
from desktop_app.db.services.settings import update_settings
from desktop_app.domain.errors import ValidationError
from tests.support.db import audit_rows
from tests.support.followups import (
    GOOD_OUTCOME,
    call,
    department,
    discharge_input,
    register,
)


def _windows(session, discharge_id: int) -> dict[int, tuple[date, date, str]]:
    tasks = session.exec(select(FollowUpTask).where(FollowUpTask.discharge_id == discharge_id))
    return {t.tier: (t.window_start, t.window_end, t.status) for t in tasks}


def test_a_discharge_gets_tier_1_and_2_with_the_default_windows(session, admin, now):
    dep = department(session, admin, now)
    row = register(session, admin, now, dep)
    assert _windows(session, row.id) == {
        1: (date(2026, 11, 17), date(2026, 11, 23), "open"),
        2: (date(2026, 11, 24), date(2026, 11, 30), "open"),
    }
    tasks = list_tasks(session=session, filters=TaskFilter(state=None), today=now.date())
    assert [(t.tier, t.assignee) for t in tasks] == [(1, "孙某某、周某某"), (2, "服务群众管理办公室")]
    assert audit_rows(session)[-1].table_name == "discharge"


def test_a_special_patient_also_gets_the_leadership_home_visit(session, admin, now):
    dep = department(session, admin, now)
    row = register(session, admin, now, dep, special=True, special_reason="elderly_alone")
    assert _windows(session, row.id)[3] == (date(2026, 11, 17), date(2026, 12, 16), "open")


def test_windows_follow_the_settings(session, admin, now):
    update_settings(session=session, actor=admin, values={"followup_tier1_end": 5}, now=now)
    dep = department(session, admin, now)
    row = register(session, admin, now, dep)
    assert _windows(session, row.id)[1][:2] == (date(2026, 11, 17), date(2026, 11, 21))


def test_changing_the_discharge_date_reschedules_open_tasks_but_not_done_ones(session, admin, now):
    dep = department(session, admin, now)
    row = register(session, admin, now, dep)
    tier1 = list_tasks(session=session, filters=TaskFilter(state="due", tier=1), today=now.date())[0]
    record_followup(session=session, actor=admin, task_id=tier1.id,
                    attempt=call(datetime(2026, 11, 23, 9, 0)), outcome=GOOD_OUTCOME, now=now)
    update_discharge(session=session, actor=admin, discharge_id=row.id,
                     data=discharge_input(dep, discharged_on=date(2026, 11, 18)), now=now)
    windows = _windows(session, row.id)
    assert windows[1] == (date(2026, 11, 17), date(2026, 11, 23), "done")
    assert windows[2] == (date(2026, 11, 26), date(2026, 12, 2), "open")
    assert "2级回访改为 2026-11-26–2026-12-02" in audit_rows(session)[-1].after


def test_the_special_flag_adds_and_cancels_tier_3(session, admin, now):
    dep = department(session, admin, now)
    row = register(session, admin, now, dep)
    special = discharge_input(dep, special=True, special_reason="disabled")
    update_discharge(session=session, actor=admin, discharge_id=row.id, data=special, now=now)
    assert _windows(session, row.id)[3][2] == "open"
    update_discharge(session=session, actor=admin, discharge_id=row.id,
                     data=discharge_input(dep), now=now)
    assert _windows(session, row.id)[3][2] == "cancelled"
    all_listed = list_tasks(session=session, filters=TaskFilter(state=None), today=now.date())
    assert [t.tier for t in all_listed] == [1, 2]
    update_discharge(session=session, actor=admin, discharge_id=row.id, data=special, now=now)
    assert _windows(session, row.id)[3][2] == "open"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"discharged_on": date(2026, 11, 8)}, "discharged_on", "出院日期不能早于入院日期"),
        ({"discharged_on": date(2026, 11, 24)}, "discharged_on", "出院日期不能晚于今天"),
        ({"age": 131}, "age", "年龄应在 0 到 130 岁之间"),
        ({"age": None}, "age", "请填写年龄"),
        ({"phone": "1390000"}, "phone", None),
        ({"patient_name": "  "}, "patient_name", "请填写患者姓名"),
        ({"sex": None}, "sex", "请选择性别"),
        ({"doctor_name": ""}, "doctor_name", "请填写主治医生"),
        ({"special": True, "special_reason": None}, "special_reason", "请选择特殊患者的原因"),
        ({"special": True, "special_reason": "other"}, "special_note", "请填写原因说明"),
    ],
)
def test_bad_discharge_input_is_refused_at_its_field_and_nothing_saved(
    session, admin, now, changes, field, message
):
    dep = department(session, admin, now)
    with pytest.raises(ValidationError) as caught:
        register(session, admin, now, dep, **changes)
    assert caught.value.field == field
    if message:
        assert caught.value.message == message
    assert session.exec(select(Discharge)).all() == []
    assert session.exec(select(FollowUpTask)).all() == []


def test_the_same_patient_and_discharge_date_is_registered_once(session, admin, now):
    dep = department(session, admin, now)
    register(session, admin, now, dep)
    with pytest.raises(ValidationError, match="已登记"):
        register(session, admin, now, dep, phone="139 0000 5678")
    register(session, admin, now, dep, discharged_on=date(2026, 11, 20))


def test_an_unknown_department_is_refused(session, admin, now):
    department(session, admin, now)
    with pytest.raises(ValidationError) as caught:
        register(session, admin, now, 999)
    assert caught.value.field == "department_id"


def test_a_duty_director_may_register_a_discharge(session, admin, duty, now):
    dep = department(session, admin, now)
    assert register(session, duty, now, dep).patient_name == "钱某某"


@pytest.mark.parametrize(
    ("today", "state", "wording"),
    [
        (date(2026, 11, 16), "upcoming", "1 天后开始"),
        (date(2026, 11, 17), "due", "剩 6 天"),
        (date(2026, 11, 21), "due", "剩 2 天"),
        (date(2026, 11, 23), "due", "今天截止"),
        (date(2026, 11, 24), "overdue", "逾期 1 天"),
    ],
)
def test_the_tier_1_window_state_on_a_given_day(session, admin, now, today, state, wording):
    dep = department(session, admin, now)
    register(session, admin, now, dep)
    [row] = list_tasks(session=session, filters=TaskFilter(state=None, tier=1), today=today)
    assert (row.state, row.window_text) == (state, wording)
    listed = list_tasks(session=session, filters=TaskFilter(state=state, tier=1), today=today)
    assert [r.id for r in listed] == [row.id]
    soon = list_tasks(session=session, filters=TaskFilter(state="soon", tier=1), today=today)
    assert bool(soon) == (state == "due" and wording in ("剩 2 天", "今天截止"))


def test_done_and_lost_leave_the_open_lists(session, admin, now):
    dep = department(session, admin, now)
    register(session, admin, now, dep)
    register(session, admin, now, dep, patient_name="孙某某", phone="13900001111")
    due = list_tasks(session=session, filters=TaskFilter(state="due", tier=1), today=now.date())
    assert count_tasks(session=session, today=now.date()) == {"due": 2, "soon": 2, "overdue": 0}
    record_followup(session=session, actor=admin, task_id=due[0].id,
                    attempt=call(datetime(2026, 11, 23, 9, 0)), outcome=GOOD_OUTCOME, now=now)
    assert count_tasks(session=session, today=now.date())["due"] == 1
    done = list_tasks(session=session, filters=TaskFilter(state="done"), today=now.date())
    assert [(r.id, r.state, r.window_text) for r in done] == [(due[0].id, "done", "已完成")]
    later = list_tasks(session=session, filters=TaskFilter(state="overdue"), today=date(2026, 12, 1))
    assert {(r.patient_name, r.tier) for r in later} == {("孙某某", 1), ("钱某某", 2), ("孙某某", 2)}


def test_lists_filter_by_department_person_text_and_month(session, admin, now):
    inner = department(session, admin, now)
    outer = department(session, admin, now, "外科")
    register(session, admin, now, inner)
    register(session, admin, now, outer, patient_name="吴某某", phone="13900002222",
             doctor_name="郑某某", nurse_name="")
    every = TaskFilter(state=None)

    def names(**kw) -> list[tuple[str, int]]:
        rows = list_tasks(session=session, filters=TaskFilter(**{"state": None} | kw),
                          today=now.date())
        return [(r.patient_name, r.tier) for r in rows]

    assert names(department_id=outer) == [("吴某某", 1), ("吴某某", 2)]
    assert names(assignee="郑某某") == [("吴某某", 1)]
    assert names(text="2222") == [("吴某某", 1), ("吴某某", 2)]
    assert names(text="钱") == [("钱某某", 1), ("钱某某", 2)]
    assert names(month="2026-12") == []
    assert len(list_tasks(session=session, filters=every, today=now.date())) == 4
    assert list_assignees(session=session) == sorted(
        ["孙某某", "周某某", "郑某某", "服务群众管理办公室"])
    rows = list_tasks(session=session, filters=every, today=now.date())
    assert all("****" in r.phone_masked for r in rows)
