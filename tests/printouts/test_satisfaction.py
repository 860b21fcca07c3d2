"""The 满意度 printouts gathered from the database, read back out of the PDF.

November 2026 of tests/support/followups.py (follow-ups of 内科 and 外科), plus, by
`survey_database` (tests/support/satisfaction_month.py):

| department | forms (keys: 1 满意 2 基本满意 3 不满意 0 未答)                      |
|------------|-------------------------------------------------------------------|
| 内科       | 11-02: 10 × "1111111", 2 × "1123110" (one comment with a phone);  |
|            | 11-03: 5 × "1111111". Visits 11-02: 40 (quota 12, met), 11-03: 50 |
|            | (quota 15, short)                                                 |
| 外科       | inpatient 11-05: 4 × "1211111", 2 连心卡 each                      |
| 公共卫生科 | phone 11-20: 2 × 满意, 1 × 不满意 (comment), 1 not reached          |

Matters received in November: a complaint at 外科 found 属实 (2026-0001), one at
内科 found 不属实 (does not count). Weights set to 50/20/20/10, 15 per complaint.

By hand (score = Σ item × weight, unscored items' weight shared out):
- 内科: 问卷 115/117 = 98.29 (113 满意, 2 基本满意, 2 不满意, 2 未答); 回访 4/4 = 100;
  落实 1/2 = 50; 投诉 100 → 0.5 × 98.2906 + 20 + 10 + 10 = 89.15, rank 1;
- 外科: 问卷 28/28 = 100; 回访 1/3 = 33.3; 落实 0/1 = 0; 投诉 100 − 15 = 85
  → 50 + 6.6667 + 0 + 8.5 = 65.17, rank 3;
- 公共卫生科: 问卷 2/3 = 66.7; 投诉 100 (only these two scored: 50/60, 10/60)
  → 55.5556 + 16.6667 = 72.22, rank 2.
"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from desktop_app.printouts import satisfaction as sp
from desktop_app.db.database import Database
from desktop_app.domain.errors import ValidationError
from tests.support.followups import AFTER, LATE
from tests.support.satisfaction_month import PRINTED, survey_database


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def flat(pdf: bytes) -> str:
    """The text with every run of whitespace made one space (table cells come out a line each)."""
    return " ".join(text_of(pdf).split())


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("sp") / "sp.sqlite3"
    survey_database(path)
    database = Database.open(path, now=LATE)
    yield database
    database.close()


# --- 科室月度满意度考评表 ---------------------------------------------------------------------


def test_score_sheet_prints_the_weights_and_the_rule(db) -> None:
    text = flat(sp.department_scores_pdf(db, "2026-11", today=AFTER, printed_at=PRINTED))
    assert "2026年11月科室月度满意度考评表" in text
    assert "单位：示例镇卫生院" in text
    for head in ("问卷满意率 （权重 50%）", "回访满意率 （权重 20%）", "回访落实 （权重 20%）",
                 "投诉 （权重 10%）"):
        assert head in text
    assert "问卷满意率得分 × 50%" in text and "投诉得分 × 10%" in text
    assert "属实投诉件数 × 15" in text
    assert "打印时间：2026-12-05 08:30" in text


def test_score_sheet_rows_match_the_hand_computed_figures(db) -> None:
    text = flat(sp.department_scores_pdf(db, "2026-11", today=AFTER, printed_at=PRINTED))
    medicine = text[text.index("内科 98.3%"):text.index("外科 100.0%")]
    assert medicine.split() == ["内科", "98.3%", "(115/117)", "98.3", "100.0%", "(4/4)", "100.0",
                                "50.0%", "(1/2)", "50.0", "0", "件", "100.0", "89.15", "1"]
    surgery = text[text.index("外科 100.0%"):text.index("公共卫生科 66.7%")]
    assert surgery.split()[:15] == ["外科", "100.0%", "(28/28)", "100.0", "33.3%", "(1/3)",
                                    "33.3", "0.0%", "(0/1)", "0.0", "1", "件", "85.0", "65.17", "3"]
    assert "属实投诉：2026-0001" in surgery
    health = text[text.index("公共卫生科 66.7%"):text.index("满意率、落实率下方")]
    assert health.split()[:11] == ["公共卫生科", "66.7%", "(2/3)", "66.7", "—", "不计分", "—",
                                   "不计分", "0", "件", "100.0"]
    assert "72.22 2" in health
    assert "回访满意率、回访落实无数据" in "".join(health.split())
    assert "2026-0002" not in text  # 不属实 does not count


def test_score_sheet_has_the_signature_lines(db) -> None:
    text = flat(sp.department_scores_pdf(db, "2026-11", today=AFTER, printed_at=PRINTED))
    for label in ("制表人：", "审核人（办公室主任）：", "分管院长：", "日期："):
        assert label in text


def test_a_month_without_data_lists_the_clinical_departments_unranked(db) -> None:
    text = flat(sp.department_scores_pdf(db, "2025-06", today=AFTER, printed_at=PRINTED))
    assert "2025年6月科室月度满意度考评表" in text
    assert "内科" in text and "外科" in text
    assert "本月无考评数据，不参加排名" in text


def test_a_malformed_month_is_a_validation_error(db) -> None:
    with pytest.raises(ValidationError):
        sp.department_scores_pdf(db, "2026-13", today=AFTER, printed_at=PRINTED)


# --- 满意度调查结果 --------------------------------------------------------------------------


def test_results_name_the_lowest_items_like_seed_000(db) -> None:
    text = flat(sp.satisfaction_results_pdf(db, "2026-11", printed_at=PRINTED))
    joined = "".join(text.split())
    assert "2026年11月满意度调查结果" in text
    assert "本月共收回满意度调查表25份" in joined  # 17 + 4 + 4 phone calls
    # 政策宣传: 内科 15 满意 2 不满意, 外科 4 满意 → 19/21; every other item 100%.
    assert "“政策宣传”一项满意率最低，为90.5%" in joined
    assert "有1天存在科室未达到抽样比例" in joined
    assert "“政策宣传”满意率90.5%，不满意2人次，科室中内科最低，为88.2%。" in joined
    assert "“服务效率”满意率" not in joined  # 100%: not called out


def test_results_tables_phone_survey_and_cards(db) -> None:
    text = flat(sp.satisfaction_results_pdf(db, "2026-11", printed_at=PRINTED))
    assert "内科 17" in text and "外科 4" in text
    assert "拨打 4 人次，接通 3 人次" in text
    assert "作答总体满意度3人次，满意及基本满意2人次，总体满意率66.7%" in "".join(text.split())
    assert "发放医患连心卡 8 张" in text
    assert "图1 综合满意率月度趋势（2025年12月—2026年11月）" in text


def test_results_comments_are_listed_with_phones_masked(db) -> None:
    joined = "".join(flat(sp.satisfaction_results_pdf(db, "2026-11", printed_at=PRINTED)).split())
    assert "请回电138****5678" in joined
    assert "13812345678" not in joined
    assert "随访前希望先告知时间。" in joined


def test_results_have_one_overall_figure(db) -> None:
    """All kinds: 115/117 outpatient + 28/28 inpatient + 2/3 phone overall = 145/148 = 98.0%,
    in the overview, in the item table's 合计 (the phone answers a row of their own) and 全院."""
    text = flat(sp.satisfaction_results_pdf(db, "2026-11", printed_at=PRINTED))
    assert "综合满意率98.0%" in "".join(text.split())
    assert "公卫电话调查总体满意度 2 0 1 1 3 66.7% —" in text
    # 满意 113 + 24 + 2, 基本满意 2 + 4, 不满意 2 + 1, 未答 2 + 1 (not reached)
    assert "合计（综合满意率） 139 6 3 3 148 98.0% —" in text
    assert text.split("全院 25")[1].split()[7] == "98.0%"


def test_results_can_be_printed_for_some_kinds_only(db) -> None:
    """Outpatient forms only, as the 结果与考评 page's filter asks: 115/117 = 98.3%."""
    text = flat(sp.satisfaction_results_pdf(db, "2026-11", kinds=("outpatient",),
                                            printed_at=PRINTED))
    joined = "".join(text.split())
    assert "调查类别：门诊满意度问卷；" in joined
    assert "本月共收回满意度调查表17份，综合满意率98.3%" in joined
    assert "合计（综合满意率） 113 2 2 2 117 98.3% —" in text
    assert "公卫电话调查总体满意度" not in text and "其他调查" not in joined
    assert "随访前希望先告知时间。" not in joined  # a phone-survey comment
