"""November 2026 with 满意度 data for the printout and CLI tests (not a test module).

`november_database` (tests/support/followups.py) plus, by `survey_database`, the forms,
visits, weights and matters tabled in tests/printouts/test_satisfaction.py's docstring.
Rows go straight into the tables, so these tests do not depend on the entry services.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from desktop_app.db.database import Database
from desktop_app.db.models_surveys import OutpatientVisits, Survey
from desktop_app.db.services import users
from desktop_app.db.services.departments import create_department
from desktop_app.db.services.matter_finding import set_matter_finding
from desktop_app.db.services.matters_register import register_matter
from desktop_app.db.services.settings import update_settings
from desktop_app.domain.satisfaction import ANSWER_KEYS, Dimension
from tests.support.followups import LATE, november_database
from tests.support.matters import matter_input

PRINTED = datetime(2026, 12, 5, 8, 30)
PHONE_COMMENT = "挂号等候时间太长，收费也没解释清楚，请回电13812345678"
WEIGHTS = {"score_weight_survey": 50, "score_weight_followup": 20, "score_weight_check": 20,
           "score_weight_complaints": 10, "score_complaint_deduction": 15}



def survey(session, department_id: int, day: date, keys: str = "1111111", *,
           kind: str = "outpatient", overall: str = "0", **fields) -> None:
    """One form; `keys` answers the seven dimensions as typed (1/2/3/0), `overall` the phone one."""
    answers = {d.value: ANSWER_KEYS[k].value for d, k in zip(Dimension, keys, strict=True)}
    session.add(Survey(kind=kind, day=day, department_id=department_id,
                       overall=ANSWER_KEYS[overall].value, entered_by="测试", entered_at=LATE,
                       **answers, **fields))
    session.flush()


def many(session, department_id: int, day: date, count: int, keys: str = "1111111",
         **fields) -> None:
    for _ in range(count):
        survey(session, department_id, day, keys, **fields)


def phone_survey(session, department_id: int, day: date, overall: str = "0", *,
                 reached: bool = True, comment: str = "") -> None:
    survey(session, department_id, day, "0000000", kind="public_health", overall=overall,
           reached=reached, comment=comment, respondent_name="张某某", phone="13900005678",
           service_item="老年人健康管理")


def visits(session, department_id: int, day: date, number: int) -> None:
    session.add(OutpatientVisits(day=day, department_id=department_id, visits=number,
                                 updated_at=LATE, updated_by="测试"))
    session.flush()


def survey_database(path: Path) -> dict[str, int]:
    """`november_database` plus the forms, visits and matters of the module docstring."""
    ids = november_database(path)
    db = Database.open(path, now=LATE)
    try:
        with db.session() as s:
            admin = users.authenticate(session=s, username="zhuren", password="Zhuren2026", now=LATE)
            update_settings(session=s, actor=admin, values={**WEIGHTS, "sampling_ratio": 0.3},
                            now=LATE)
            ids["公共卫生科"] = create_department(session=s, actor=admin, name="公共卫生科",
                                                is_clinical=False, now=LATE).id
            medicine, surgery, health = ids["内科"], ids["外科"], ids["公共卫生科"]
            many(s, medicine, date(2026, 11, 2), 10)
            survey(s, medicine, date(2026, 11, 2), "1123110", comment=PHONE_COMMENT)
            survey(s, medicine, date(2026, 11, 2), "1123110")
            many(s, medicine, date(2026, 11, 3), 5)
            visits(s, medicine, date(2026, 11, 2), 40)
            visits(s, medicine, date(2026, 11, 3), 50)
            many(s, surgery, date(2026, 11, 5), 4, "1211111", kind="inpatient",
                 patient_name="李某某", bed_no="12", cards_given=2)
            phone_survey(s, health, date(2026, 11, 20), "1")
            phone_survey(s, health, date(2026, 11, 20), "1")
            phone_survey(s, health, date(2026, 11, 20), "3", comment="随访前希望先告知时间。")
            phone_survey(s, health, date(2026, 11, 20), reached=False)
            found = register_matter(session=s, actor=admin, now=LATE, data=matter_input(
                received_at=datetime(2026, 11, 10, 9, 0), target_department_id=surgery,
                target_text="外科病房", content="护士换药时态度生硬"))
            set_matter_finding(session=s, actor=admin, matter_id=found.id,
                               finding="substantiated", note="", now=LATE)
            unfounded = register_matter(session=s, actor=admin, now=LATE, data=matter_input(
                received_at=datetime(2026, 11, 12, 9, 0), target_department_id=medicine,
                target_text="内科门诊"))
            set_matter_finding(session=s, actor=admin, matter_id=unfounded.id,
                               finding="unfounded", note="经调阅监控，未见所述情况", now=LATE)
        return ids
    finally:
        db.close()
