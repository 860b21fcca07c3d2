"""Fictional outpatient visits and survey forms for the demo and the benchmark (issue 6).

`generate(...)` gives plain dicts ready for a bulk insert into
`outpatient_visits` and `survey`: per clinical department a day's visits
(fewer at weekends), questionnaires for about a third of them with a few
department-days short of the 30% quota, inpatient opinion forms on working
days, and public-health phone surveys. Answers lean satisfied, the fee item
least, and improve slowly over the period, so the trend chart has a shape.
All names and numbers are invented.
"""

from __future__ import annotations

import math
import random
from datetime import date, datetime, time, timedelta

from desktop_app.domain.satisfaction import PUBLIC_HEALTH_SERVICES, Answer, Dimension, SurveyKind

# department name → (outpatient visits on a weekday, has a ward)
OUTPATIENT = {
    "内科": (60, True), "外科": (26, True), "妇产科": (16, True), "儿科": (30, True),
    "中医科": (20, False), "口腔科": (10, False), "康复科": (8, True), "急诊科": (12, False),
}
PUBLIC_HEALTH_DEPARTMENT = "公共卫生科"
SERVICE_ITEMS = PUBLIC_HEALTH_SERVICES
# dimension → chance of 不满意 at the start of the period (halved by its end)
UNHAPPY = {
    Dimension.efficiency: 0.06, Dimension.attitude: 0.03, Dimension.skill: 0.03,
    Dimension.publicity: 0.05, Dimension.civility: 0.02, Dimension.environment: 0.04,
    Dimension.fees: 0.10,
}
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
PRAISE = (
    "医生看病很耐心，谢谢。", "护士态度好。", "候诊区干净整洁。", "挂号取药都很快。",
)
COMPLAINTS = (
    "收费项目没有解释清楚，希望公示收费标准。", "排队时间太长，希望增加挂号窗口。",
    "卫生间不够干净。", "医生说话太快，没听明白用药方法。", "候诊区座位太少。",
    "检查结果出得慢，来回跑了两趟。",
)


def _answer(rng: random.Random, unhappy: float) -> str:
    roll = rng.random()
    if roll < 0.02:
        return Answer.unanswered.value
    if roll < 0.02 + unhappy:
        return Answer.dissatisfied.value
    if roll < 0.02 + unhappy + 0.18:
        return Answer.basic.value
    return Answer.satisfied.value


def _answers(rng: random.Random, progress: float, penalty: float) -> dict[str, str]:
    return {d.value: _answer(rng, (UNHAPPY[d] + penalty) * (1 - progress / 2)) for d in Dimension}


def _entered(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(16, 30)) + timedelta(minutes=rng.randrange(90))


def _comment(rng: random.Random, answers: dict[str, str]) -> str:
    if Answer.dissatisfied.value in answers.values() and rng.random() < 0.35:
        return rng.choice(COMPLAINTS)
    return rng.choice(PRAISE) if rng.random() < 0.02 else ""


def generate(
    departments: dict[str, int], start: date, end: date, *, seed: int = 6,
    scale: float = 1.0, entered_by: str = "卫某某",
) -> tuple[list[dict], list[dict]]:
    """(visits rows, survey rows) for every day in [start, end]."""
    rng = random.Random(seed)
    visits: list[dict] = []
    surveys: list[dict] = []
    span = max(1, (end - start).days)
    # one department lags in 服务态度 (a finding for the results page)
    lagging = {name: (0.04 if name == "外科" else 0.0) for name in OUTPATIENT}
    day = start
    while day <= end:
        progress = (day - start).days / span
        weekend = day.weekday() >= 5
        for name, (base, ward) in OUTPATIENT.items():
            if name not in departments:
                continue
            dep = departments[name]
            count = max(1, round(base * scale * (0.5 if weekend else 1) * rng.uniform(0.8, 1.2)))
            visits.append({"day": day, "department_id": dep, "visits": count,
                           "updated_at": _entered(day, rng), "updated_by": entered_by})
            short = rng.random() < 0.02
            share = rng.uniform(0.12, 0.27) if short else rng.uniform(0.31, 0.40)
            for _ in range(math.ceil(count * share) if not short else int(count * share)):
                answers = _answers(rng, progress, lagging[name])
                surveys.append(_row(SurveyKind.outpatient.value, day, dep, answers,
                                    _comment(rng, answers), rng, entered_by))
            if ward and not weekend and rng.random() < 0.5:
                answers = _answers(rng, progress, lagging[name])
                row = _row(SurveyKind.inpatient.value, day, dep, answers, _comment(rng, answers),
                           rng, entered_by)
                row.update(patient_name=rng.choice(SURNAMES) + "某某",
                           bed_no=str(rng.randrange(1, 40)), cards_given=1)
                surveys.append(row)
        if PUBLIC_HEALTH_DEPARTMENT in departments and not weekend and rng.random() < 0.8:
            surveys.append(_phone_survey(rng, day, departments[PUBLIC_HEALTH_DEPARTMENT],
                                         progress, entered_by))
        day += timedelta(days=1)
    return visits, surveys


def _row(kind: str, day: date, dep: int, answers: dict[str, str], comment: str,
         rng: random.Random, entered_by: str) -> dict:
    return {"kind": kind, "day": day, "department_id": dep, **answers,
            "overall": Answer.unanswered.value, "comment": comment, "patient_name": "", "bed_no": "",
            "cards_given": 0, "respondent_name": "", "phone": "", "service_item": "",
            "reached": None, "entered_by": entered_by, "entered_at": _entered(day, rng)}


def _phone_survey(rng: random.Random, day: date, dep: int, progress: float,
                  entered_by: str) -> dict:
    reached = rng.random() < 0.85
    unanswered = {d.value: Answer.unanswered.value for d in Dimension}
    row = _row(SurveyKind.public_health.value, day, dep, unanswered, "", rng, entered_by)
    row.update(
        respondent_name=rng.choice(SURNAMES) + "某某",
        phone=f"1390000{rng.randrange(10000):04d}",
        service_item=rng.choice(SERVICE_ITEMS),
        reached=reached,
        overall=_answer(rng, 0.05 * (1 - progress / 2)) if reached else Answer.unanswered.value,
    )
    return row
