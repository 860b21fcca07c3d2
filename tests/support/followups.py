"""Follow-up builders shared by tests (not a test module): the form defaults, and November 2026.

`build_november` (through `november_database`) is used by tests/db/test_followup_results.py,
tests/printouts/test_followups.py and tests/app/test_cli_followups.py. The tasks whose window ends in November:

| patient | dept | tier 1                                   | tier 2                               |
|---------|------|------------------------------------------|--------------------------------------|
| 张某某 | 内科 | 11-17..23 done 11-18 满意                 | 11-24..30 done 11-25 基本满意, 已落实 |
| 王某某 | 内科 | 11-11..17 done 11-19 (late) 不满意→基本满意 | 11-18..24 done 11-20 满意, 记录不实   |
| 李某某 | 内科 | 11-13..19 失访 after 3 failed calls       | 11-20..26 open                       |
| 赵某某 | 外科 | 11-06..12 done 11-07 满意→不满意          | 11-13..19 done 11-14 满意, 未落实     |
| 郑某某 | 外科 | 11-03..09 done 11-04 不满意 (special)     | 11-10..16 open, one failed call      |
| 何某某 | 内科 | 10-21..27 open (October)                 | 11-03 open; tier 3 cancelled         |
| 吴某某 | 内科 | (discharged 11-25: December windows)     |                                      |

郑某某's tier 3 (11-03..12-02) ends in December.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from sqlmodel import Session

from desktop_app.db.database import Database
from desktop_app.db.services import users
from desktop_app.db.services.departments import create_department
from desktop_app.db.services.discharges import register_discharge, update_discharge
from desktop_app.records.followup_rows import (
    AttemptInput,
    CheckInput,
    DischargeInput,
    DischargeRow,
    OutcomeInput,
)
from desktop_app.db.services.followups import amend_outcome, close_lost, record_followup
from desktop_app.db.services.followups_query import tasks_for_discharge
from desktop_app.db.services.settings import update_settings
from desktop_app.db.tx import Actor

DISCHARGED = date(2026, 11, 16)  # Mon; tier 1 window 11-17..11-23, tier 2 11-24..11-30

BASE_DISCHARGE = DischargeInput(
    patient_name="钱某某", sex="female", age=68, phone="13900005678", address="示例镇东村 3 组",
    department_id=None, doctor_name="孙某某", nurse_name="周某某",
    admitted_on=date(2026, 11, 9), discharged_on=DISCHARGED, diagnosis="社区获得性肺炎",
)

GOOD_OUTCOME = OutcomeInput(condition="improved", medication_guidance=True, rehab_guidance=True,
                            guidance_note="按时服药，两周后复查", satisfaction="satisfied",
                            words="护士很耐心")


def department(session: Session, admin: Actor, now: datetime, name: str = "内科") -> int:
    return create_department(session=session, actor=admin, name=name, is_clinical=True,
                             phone="", now=now).id


def discharge_input(department_id: int, **changes) -> DischargeInput:
    return replace(BASE_DISCHARGE, department_id=department_id, **changes)


def register(session: Session, actor: Actor, now: datetime, department_id: int,
             **changes) -> DischargeRow:
    return register_discharge(session=session, actor=actor,
                              data=discharge_input(department_id, **changes), now=now)


def call(at: datetime, reached: bool = True, method: str = "phone", note: str = "") -> AttemptInput:
    return AttemptInput(at=at, method=method, reached=reached, note=note)


LATE = datetime(2026, 12, 20, 9, 0)  # every record is entered by then
AFTER = date(2026, 12, 5)  # November is over: every open task is overdue
MIDDLE = date(2026, 11, 23)


def _at(day: int, month: int = 11) -> datetime:
    return datetime(2026, month, day, 10, 0)


def build_november(session: Session, admin: Actor) -> dict[str, int]:
    """The month of the module docstring; returns the department ids by name."""
    ids = {"内科": department(session, admin, LATE, "内科"),
           "外科": department(session, admin, LATE, "外科")}

    def patient(name: str, dept: str, discharged: date, phone: str, **changes) -> dict[int, int]:
        row = register(session, admin, LATE, ids[dept], patient_name=name, phone=phone,
                       admitted_on=date(2026, 10, 1), discharged_on=discharged, **changes)
        return {t.tier: t.id for t in tasks_for_discharge(session=session, discharge_id=row.id,
                                                          today=MIDDLE)}

    def done(task_id: int, day: int, satisfaction: str, check: CheckInput | None = None) -> None:
        record_followup(session=session, actor=admin, task_id=task_id, attempt=call(_at(day)),
                        outcome=replace(GOOD_OUTCOME, satisfaction=satisfaction), check=check,
                        now=LATE)

    def amend(task_id: int, **changes) -> None:
        amend_outcome(session=session, actor=admin, task_id=task_id, changes=changes,
                      reason="患者次日来电更正", now=LATE)

    confirmed = CheckInput(confirms_call=True, record_matches=True, verdict="done")

    zhang = patient("张某某", "内科", date(2026, 11, 16), "13900000001")
    done(zhang[1], 18, "satisfied")
    done(zhang[2], 25, "basically", confirmed)

    wang = patient("王某某", "内科", date(2026, 11, 10), "13900000002")
    done(wang[1], 19, "unsatisfied")
    amend(wang[1], satisfaction="basically")
    done(wang[2], 20, "satisfied", CheckInput(True, False, "untrue", "患者称未被询问用药情况"))

    li = patient("李某某", "内科", date(2026, 11, 12), "13900000003")
    for day in (14, 15, 16):
        record_followup(session=session, actor=admin, task_id=li[1],
                        attempt=call(_at(day), reached=False), now=LATE)
    close_lost(session=session, actor=admin, task_id=li[1], reason="电话停机，地址不详", now=LATE)

    zhao = patient("赵某某", "外科", date(2026, 11, 5), "13900000004", doctor_name="冯某某",
                   nurse_name="")
    done(zhao[1], 7, "satisfied")
    amend(zhao[1], satisfaction="unsatisfied")
    done(zhao[2], 14, "satisfied", CheckInput(False, False, "not_done", "患者称出院后未接到科室电话"))

    zheng = patient("郑某某", "外科", date(2026, 11, 2), "13900000005", special=True,
                  special_reason="elderly_alone")
    done(zheng[1], 4, "unsatisfied")
    record_followup(session=session, actor=admin, task_id=zheng[2],
                    attempt=call(_at(12), reached=False), now=LATE)

    he = register(session, admin, LATE, ids["内科"], patient_name="何某某", phone="13900000006",
                    admitted_on=date(2026, 10, 10), discharged_on=date(2026, 10, 20), special=True,
                    special_reason="disabled")
    update_discharge(session=session, actor=admin, discharge_id=he.id, now=LATE,
                     data=discharge_input(ids["内科"], patient_name="何某某", phone="13900000006",
                                          admitted_on=date(2026, 10, 10),
                                          discharged_on=date(2026, 10, 20)))

    patient("吴某某", "内科", date(2026, 11, 25), "13900000007")
    return ids


def november_database(path: Path) -> dict[str, int]:
    """A database file at `path` with `build_november` and the name 示例镇卫生院; department ids."""
    db = Database.open(path, create=True, now=LATE)
    try:
        with db.session() as session:
            admin = users.create_first_admin(session=session, display_name="王主任",
                                             username="zhuren", password="Zhuren2026", now=LATE)
            update_settings(session=session, actor=admin, values={"name": "示例镇卫生院"}, now=LATE)
            return build_november(session, admin)
    finally:
        db.close()
