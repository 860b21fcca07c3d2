"""Known October 2026 data for the 结果与考评 tests (not a test module).

Hand-computed figures (answer keys per dimension in questionnaire order:
服务效率 服务态度 业务技术 政策宣传 文明服务 服务环境 费用告知):

内科  outpatient 10-08  1111111 · 1111123 · 2110113 (comment) ; inpatient 10-09 1111111 (2 cards);
      phone 10-10 reached 满意, phone 10-10 not reached
外科  outpatient 10-08  1111111 · 1331111
September: 内科 outpatient 09-15 1131111.
Visits 10-08: 内科 10 (3 forms, 30% → 3 needed, met), 外科 20 (2 forms, 6 needed, short).
One complaint against 外科 received 10-12, found 属实.

- 费用告知 all kinds: 内科 2/4 = 50.0%, 外科 2/2, 全院 4/6 = 66.7% (the lowest);
  服务态度 and 业务技术: 外科 1/2 = 50.0%, 全院 5/6 = 83.3%.
- Outpatient trend: September 6/7 = 85.7%, October 30/34 = 88.2%.
- Scores (weights 40/30/10/20, 10 points per complaint; no follow-ups, so only the
  survey and complaint items count, 2/3 and 1/3):
  内科 survey answers 28, satisfied-or-basic 26 → 92.857 → total 92.857·2/3 + 100/3 = 95.24, rank 1;
  外科 12/14 = 85.714, complaints 90 → 85.714·2/3 + 90/3 = 87.14, rank 2.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from sqlmodel import Session

from desktop_app.db.database import Database
from desktop_app.db.services import users
from desktop_app.db.services.departments import create_department
from desktop_app.db.services.matter_finding import set_matter_finding
from desktop_app.db.services.matters_register import register_matter
from desktop_app.db.tx import Actor
from desktop_app.db.models_surveys import OutpatientVisits, Survey
from desktop_app.domain.satisfaction import ANSWER_KEYS, Dimension
from tests.support.matters import matter_input

TODAY = date(2026, 11, 23)
MONTH = "2026-10"
NOW = datetime(2026, 11, 23, 9, 30)
COMMENT = "收费项目看不懂，希望窗口多解释"
ENTERED = datetime(2026, 11, 1, 9, 0)


def survey(session: Session, department_id: int, day: date, keys: str = "1111111", *,
           kind: str = "outpatient", overall: str = "0", **fields) -> int:
    """One form straight into the table (not through the entry service); `keys` are the
    answer keys of the seven dimensions, `overall` the phone survey's key."""
    answers = {d.value: ANSWER_KEYS[k].value for d, k in zip(Dimension, keys, strict=True)}
    row = Survey(kind=kind, day=day, department_id=department_id, entered_by="测试",
                 overall=ANSWER_KEYS[overall].value, entered_at=ENTERED, **answers, **fields)
    session.add(row)
    session.flush()
    return row.id


def phone_survey(session: Session, department_id: int, day: date, overall: str = "1", *,
                 reached: bool = True, respondent_name: str = "张某某") -> int:
    return survey(session, department_id, day, "0000000", kind="public_health",
                  overall=overall if reached else "0", reached=reached,
                  respondent_name=respondent_name, service_item="老年人健康管理")


def visits(session: Session, department_id: int, day: date, number: int) -> None:
    session.add(OutpatientVisits(day=day, department_id=department_id, visits=number,
                                 updated_at=ENTERED, updated_by="测试"))
    session.flush()


def october_database(path: Path) -> tuple[Database, Actor, dict[str, int]]:
    """A new database file at `path` with the data above; (database, admin, department ids)."""
    db = Database.open(path, create=True, now=NOW)
    with db.session() as s:
        admin = users.create_first_admin(session=s, display_name="王某某", username="zhuren",
                                         password="Zhuren2026", now=NOW)
        ids = {name: create_department(session=s, actor=admin, name=name, is_clinical=True,
                                       phone="", now=NOW).id for name in ("内科", "外科")}
    with db.session() as s:
        inner, outer = ids["内科"], ids["外科"]
        oct8 = date(2026, 10, 8)
        for keys in ("1111111", "1111123"):
            survey(s, inner, oct8, keys)
        survey(s, inner, oct8, "2110113", comment=COMMENT)
        survey(s, inner, date(2026, 10, 9), "1111111", kind="inpatient", patient_name="张某某",
               bed_no="12", cards_given=2)
        phone_survey(s, inner, date(2026, 10, 10), "1")
        phone_survey(s, inner, date(2026, 10, 10), reached=False, respondent_name="李某某")
        survey(s, outer, oct8, "1111111")
        survey(s, outer, oct8, "1331111")
        survey(s, inner, date(2026, 9, 15), "1131111")
        visits(s, inner, oct8, 10)
        visits(s, outer, oct8, 20)
        s.commit()
    with db.session() as s:
        received = datetime(2026, 10, 12, 10, 0)
        data = matter_input(received_at=received, target_department_id=outer)
        matter = register_matter(session=s, actor=admin, now=datetime(2026, 10, 12, 10, 5),
                                 data=data)
        set_matter_finding(session=s, actor=admin, matter_id=matter.id, finding="substantiated",
                           note="经核实属实", now=datetime(2026, 10, 13, 9, 0))
    return db, admin, ids
