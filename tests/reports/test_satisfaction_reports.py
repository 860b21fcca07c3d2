"""The 满意度调查结果 and 科室月度满意度考评表 builders on plain rows, read back from the PDF."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import datetime

from pypdf import PdfReader

from desktop_app.records.survey_rows import DepartmentScoreRow, MonthScores
from desktop_app.domain.satisfaction import AnswerCounts, ScoreInputs, department_score
from desktop_app.reports.department_scores import (
    department_scores_pdf_bytes,
    format_score,
    remark,
    rule_text,
)
from desktop_app.reports.satisfaction_results import satisfaction_results_pdf_bytes, trend_chart
from desktop_app.records.satisfaction_text import below_top, lowest_text
from tests.support import satisfaction_samples as samples

PRINTED = datetime(2026, 12, 1, 9, 0)


def pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def joined(pdf: bytes) -> str:
    """All text without any whitespace (CJK lines wrap anywhere)."""
    return "".join("".join(pages(pdf)).split())


def results_pdf(results=None, trend=None) -> bytes:
    return satisfaction_results_pdf_bytes(
        results or samples.satisfaction_results(), samples.trend() if trend is None else trend,
        institution="示例镇卫生院", printed_at=PRINTED)


# --- 满意度调查结果 --------------------------------------------------------------------------


def test_results_overview_names_the_best_and_lowest_items() -> None:
    text = joined(results_pdf())
    assert "2026年11月满意度调查结果" in text
    assert "本月共收回满意度调查表30份，综合满意率93.9%" in text
    assert ("“服务态度”“业务技术”“政策宣传”“文明服务”四项满意率最高，为100.0%；"
            "“费用告知及收费合理性”一项满意率最低，为78.6%，其次为“服务环境”89.7%、“服务效率”90.0%。"
            ) in text
    assert "登记门诊人次的21天中，有4天存在科室未达到抽样比例。" in text


def test_results_tables_rank_ties_together_and_name_the_weakest_department() -> None:
    text = " ".join(" ".join(pages(results_pdf())).split())
    assert "费用告知及收费合理性 16 6 6 2 28 78.6% 7" in text
    assert "服务态度 25 5 0 0 30 100.0% 1" in text and "文明服务 26 4 0 0 30 100.0% 1" in text
    assert "收费室 10 90.0% 100.0%" in text
    # one overall figure: the phone survey's answers are a row of their own, so that the
    # 合计 row adds up and is the overview's 综合满意率 and the 全院 row's
    assert "公卫电话调查总体满意度 5 2 1 2 8 87.5% —" in text
    assert "合计（综合满意率） 154 45 13 8 212 93.9% —" in text
    assert "全院 30 90.0% 100.0% 100.0% 100.0% 100.0% 89.7% 78.6% 93.9%" in text
    assert "综合满意率（即“合计”行、“全院”行）按全部作答人次计算" in "".join(text.split())
    assert "“费用告知及收费合理性”满意率78.6%，不满意6人次，科室中收费室最低，为60.0%。" in joined(
        results_pdf())


def test_results_other_surveys_and_comments() -> None:
    text = joined(results_pdf())
    assert "拨打12人次，接通10人次，接通率83.3%" in text
    assert "发放医患连心卡18张" in text
    assert "".join(samples.LONG_COMMENT.split()) in text  # wrapped, not cut
    assert "2026-0031" in text and "公卫电话" in text


def test_trend_chart_labels_months_and_leaves_a_gap() -> None:
    text = joined(results_pdf())
    assert "图1综合满意率月度趋势（2025年12月—2026年11月）" in text
    assert "12月192人次1月196人次2月200人次3月0人次4月208人次" in text
    chart = pages(results_pdf())[0].split("图1")[1].split("示例镇卫生院")[0]
    points = [line for line in chart.split() if line.endswith("%") and "." in line]
    assert len(points) == 11  # March: no answers, no point
    drawing = trend_chart(samples.trend(), title="趋势")
    assert drawing.height > 50


def test_only_outpatient_forms_leave_out_the_other_surveys() -> None:
    results = samples.satisfaction_results(kinds=("outpatient",))
    text = joined(results_pdf(results))
    assert "调查类别：门诊满意度问卷；" in text
    assert "其他调查" not in text and "五、意见和建议" in text


def test_without_phone_answers_the_total_is_the_items() -> None:
    results = samples.satisfaction_results(kinds=("outpatient",))
    results = replace(results, phone_counts=AnswerCounts(), phone_called=0, phone_reached=0,
                      total=AnswerCounts(149, 43, 12, 6))
    text = " ".join(" ".join(pages(results_pdf(results))).split())
    assert "公卫电话调查总体满意度" not in text
    assert "合计（综合满意率） 149 43 12 6 204 94.1% —" in text
    assert "综合满意率 94.1%" in text


def test_an_empty_month_says_so() -> None:
    empty = samples.satisfaction_results(empty=True)
    trend = [replace(p, counts=AnswerCounts()) for p in samples.trend()]
    text = joined(results_pdf(empty, trend))
    assert "2026年11月未收回满意度调查表。" in text
    assert "近12个月无作答的调查数据" in text
    assert "本月调查表未填写意见和建议。" in text
    assert lowest_text(empty) == ""


def test_all_items_at_the_same_rate_call_none_out() -> None:
    results = samples.satisfaction_results()
    same = tuple(replace(d, counts=AnswerCounts(5, 0, 0, 0)) for d in results.dimensions)
    tied = replace(results, dimensions=same, lowest=same[:3])
    assert lowest_text(tied) == "各调查项目满意率均为 100.0%。"
    assert "四、满意率较低的项目各调查项目满意率均为100.0%。" in joined(results_pdf(tied))


def test_items_tied_with_the_best_are_not_called_low() -> None:
    """服务效率 at 2999/3000 prints 100.0%: it ties with the best, however low the service ranks it."""
    results = samples.satisfaction_results()
    counts = {"efficiency": AnswerCounts(2999, 0, 1), "fees": AnswerCounts(3, 0, 1)}
    dims = tuple(replace(d, counts=counts.get(d.dimension, AnswerCounts(4))) for d in
                 results.dimensions)
    by_code = {d.dimension: d for d in dims}
    tied = replace(results, dimensions=dims,
                   lowest=(by_code["fees"], by_code["efficiency"], by_code["attitude"]))
    assert [d.dimension for d in below_top(tied)] == ["fees"]
    words = ("“服务效率”“服务态度”“业务技术”“政策宣传”“文明服务”“服务环境”六项满意率最高，为100.0%；"
             "“费用告知及收费合理性”一项满意率最低，为75.0%。")
    assert lowest_text(tied).replace(" ", "") == words
    text = joined(results_pdf(tied))
    assert words in text
    lowest_part = text.split("四、满意率较低的项目")[1].split("五、")[0]
    assert "“费用告知及收费合理性”满意率75.0%" in lowest_part and "服务效率" not in lowest_part


def test_phones_in_comments_are_masked() -> None:
    results = samples.satisfaction_results()
    comment = replace(results.comments[1], comment="请回电13812345678，座机0538-5991234找张某某")
    text = joined(results_pdf(replace(results, comments=(comment,))))
    assert "请回电138****5678，座机0538-***1234找张某某" in text
    assert "13812345678" not in text and "5991234" not in text


# --- 科室月度满意度考评表 ---------------------------------------------------------------------


def scores_pdf(scores: MonthScores | None = None) -> bytes:
    return department_scores_pdf_bytes(scores or samples.month_scores(), printed_at=PRINTED)


def test_score_sheet_rows_weights_and_remarks() -> None:
    text = " ".join(" ".join(pages(scores_pdf())).split())
    assert "问卷满意率 （权重 40%）" in text and "投诉 （权重 10%）" in text
    assert "总分 = 问卷满意率得分 × 40% ＋ 回访满意率得分 × 30%" in text
    assert "内科 97.1% (136/140) 97.1 95.0% (38/40) 95.0 90.0% (18/20) 90.0 1 件 90.0 94.36 1" in text
    assert "外科 — 不计分 80.0% (20/25) 80.0 100.0% (10/10) 100.0 2 件 80.0 86.67 3" in text
    assert "药房 — 不计分 — 不计分 — 不计分 0 件 不计分 — —" in text
    flat = "".join(text.split())
    assert "属实投诉：2026-0015、2026-0021；问卷满意率无数据，不计分，权重按比例分摊" in flat
    assert "本月无考评数据，不参加排名" in flat


def test_score_sheet_is_landscape_with_signatures_at_the_end() -> None:
    reader = PdfReader(io.BytesIO(scores_pdf()))
    box = reader.pages[0].mediabox
    assert box.width > box.height
    text = "".join(reader.pages[-1].extract_text().split())
    for label in ("制表人：", "审核人（办公室主任）：", "分管院长：", "日期：年月日"):
        assert label in text


def test_many_departments_repeat_the_header_on_each_page() -> None:
    base = samples.month_scores()
    inputs = ScoreInputs(AnswerCounts(40, 5, 1, 0), 10, 9, 4, 0, 0)
    score = department_score(inputs, base.weights)
    rows = tuple(DepartmentScoreRow(i, f"第{i}病区（示例长名称科室）", inputs, score, 1, ())
                 for i in range(1, 41))
    texts = pages(scores_pdf(replace(base, rows=rows)))
    assert len(texts) >= 2
    assert all("问卷满意率" in t and "名次" in t for t in texts)
    assert "第40病区" in texts[-1] and "制表人" in "".join(texts[-1].split())


def test_format_score_and_rule() -> None:
    assert format_score(95.04) == "95.0" and format_score(None) == "不计分"
    assert format_score(89.145, 2) == "89.14" or format_score(89.145, 2) == "89.15"
    text = rule_text(samples.WEIGHTS)
    assert "100 − 属实投诉件数 × 10（最低 0 分）" in text
    assert "问卷满意率得分 × 40% ＋ 回访满意率得分 × 30% ＋ 回访落实得分 × 20% ＋ 投诉得分 × 10%" in text
    medicine = samples.month_scores().rows[0]
    assert remark(medicine) == "属实投诉：2026-0012"


def test_a_department_scored_on_complaints_alone_is_noted_and_not_ranked() -> None:
    from desktop_app.reports.department_scores import remark

    inputs = ScoreInputs(AnswerCounts(), 0, 0, 0, 0, 1)
    weights = samples.WEIGHTS
    row = DepartmentScoreRow(9, "药剂科", inputs, department_score(inputs, weights), None,
                             ("2026-0105",))
    assert row.score.total == 100 - weights.complaint_deduction and not row.score.ranked
    assert remark(row) == "属实投诉：2026-0105；仅投诉一项有数据，只计分、不参加排名"
