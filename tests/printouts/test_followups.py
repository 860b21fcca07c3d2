"""The follow-up printouts gathered from the database, read back out of the PDF.

November 2026 of tests/db/test_followup_results.py, plus one 外科 patient with
a long address and diagnosis (tier 1 11-19..11-25, still open).
"""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from desktop_app.printouts import followups as fp
from desktop_app.db.database import Database
from desktop_app.db.services import users
from desktop_app.domain.errors import ValidationError
from tests.support.followups import register
from tests.support.followups import AFTER, LATE, MIDDLE, november_database

LONG_ADDRESS = "示例镇西湖村第十二村民小组幸福路南段一百二十三号院内东侧平房（邻居代接电话）"
LONG_DIAGNOSIS = "2型糖尿病伴多个并发症；高血压病3级（极高危）；冠状动脉粥样硬化性心脏病；慢性肾功能不全"
PRINTED = datetime(2026, 11, 23, 7, 30)


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _flat(pdf: bytes) -> str:
    """The text with every run of whitespace made one space (table cells come out a line each)."""
    return " ".join(_text(pdf).split())


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    path = tmp_path_factory.mktemp("fp") / "fp.sqlite3"
    ids = november_database(path)
    database = Database.open(path, now=LATE)
    with database.session() as s:
        admin = users.authenticate(session=s, username="zhuren", password="Zhuren2026", now=LATE)
        register(s, admin, LATE, ids["外科"], patient_name="欧阳某某", phone="13900000008",
                 address=LONG_ADDRESS, admitted_on=date(2026, 11, 1),
                 discharged_on=date(2026, 11, 18), diagnosis=LONG_DIAGNOSIS)
    yield database, ids
    database.close()


def test_call_list_has_the_days_patients_with_whole_phones(setup) -> None:
    db, _ids = setup
    text = _text(fp.call_list_pdf(db, MIDDLE, printed_at=PRINTED))
    assert "出院患者回访工作单" in text and "2026年11月23日（星期一）" in text and "全院" in text
    assert "内含患者联系电话，仅供回访使用，用后收回" in text
    for name in ("何某某", "郑某某", "李某某", "欧阳某某"):
        assert name in text
    assert "张某某" not in text  # both tasks done
    assert "吴某某" not in text  # windows start 11-26
    assert "13900000003" in text and "13900000008" in text  # whole, not 139****0003
    assert "****" not in text
    assert "逾期 7 天" in text and "剩 3 天" in text
    assert "打印时间：2026-11-23 07:30" in text


def test_long_address_and_diagnosis_are_wrapped_not_cut(setup) -> None:
    db, _ids = setup
    text = "".join(_text(fp.call_list_pdf(db, MIDDLE, printed_at=PRINTED)).split())
    assert LONG_ADDRESS in text and LONG_DIAGNOSIS in text


def test_call_list_of_one_department(setup) -> None:
    db, ids = setup
    text = _text(fp.call_list_pdf(db, MIDDLE, ids["外科"], printed_at=PRINTED))
    assert "范围：外科" in text
    assert "郑某某" in text and "欧阳某某" in text
    assert "李某某" not in text and "何某某" not in text


def test_a_day_without_calls_says_so(setup) -> None:
    db, _ids = setup
    text = _text(fp.call_list_pdf(db, date(2026, 9, 1), printed_at=PRINTED))
    assert "本日没有待访的出院患者" in text


def test_unknown_department_is_refused(setup) -> None:
    db, _ids = setup
    with pytest.raises(ValidationError):
        fp.call_list_pdf(db, MIDDLE, 999, printed_at=PRINTED)


def test_results_print_the_department_and_tier_totals(setup) -> None:
    db, _ids = setup
    pdf = fp.followup_results_pdf(db, "2026-11", today=AFTER, printed_at=datetime(2026, 12, 5, 8))
    flat = _flat(pdf)
    assert "出院患者回访月度统计 2026年11月" in flat
    # 科室 应访 按时 逾期完成 失访 逾期未访 进行中 按时完成率 满意率 核查 未落实 记录不实
    assert "内科 7 3 1 1 2 0 42.9% (3/7) 100.0% (4/4) 2 0 1" in flat
    assert "外科 5 3 0 0 2 0 60.0% (3/5) 33.3% (1/3) 1 1 0" in flat  # with 欧阳某某 overdue
    assert "合计 12 6 1 1 4 0 50.0% (6/12) 71.4% (5/7) 3 1 1" in flat
    assert "一级回访 6 3 1 1 1 0" in flat and "二级回访 6 3 0 0 3 0" in flat
    assert "王某某" in flat and "记录不实" in flat and "患者称未被询问用药情况" in flat
    assert "赵某某" in flat and "冯某某" in flat and "患者称出院后未接到科室电话" in flat
    assert "1390000" not in flat  # no phones on the results


def test_results_of_an_empty_month(setup) -> None:
    db, _ids = setup
    text = _text(fp.followup_results_pdf(db, "2026-08", today=AFTER, printed_at=PRINTED))
    assert "2026年8月没有回访期截止的出院患者回访任务" in text
    assert "本月无回访任务" in text
