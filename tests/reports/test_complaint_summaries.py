"""每日汇总 and 每月通报: figures read back from the PDF match the data; phones masked."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from desktop_app.domain.errors import ValidationError
from desktop_app.reports.complaint_charts import category_bar_chart
from desktop_app.reports.complaint_summaries import (
    CountRow,
    DailySummaryData,
    MonthFigures,
    MonthlyBulletinData,
    RecurringProblem,
    RepeatComplainant,
    SummaryMatter,
    build_daily_summary,
    build_monthly_bulletin,
    bulletin_title,
    format_change,
    format_percent,
    format_rate_change,
    on_time_rate,
    satisfaction_rate,
)

PRINTED_AT = datetime(2026, 11, 2, 8, 15)
INSTITUTION = "示例镇卫生院"
UNMASKED_MOBILE = re.compile(r"1[3-9]\d{9}")


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def matter(serial: str, **changes) -> SummaryMatter:
    values = dict(
        serial=serial, received_at=datetime(2026, 10, 20, 9, 30), request_type="complaint",
        channel="walk_in", complainant="张某某", phone_masked="139****1234",
        target="收费室 / 李某某", status="dispatched", deadline=date(2026, 11, 3),
    )
    values.update(changes)
    return SummaryMatter(**values)


def daily_data() -> DailySummaryData:
    return DailySummaryData(
        institution_name=INSTITUTION,
        day=date(2026, 10, 20),
        received=(
            matter("2026-0101"),
            matter("2026-0102", request_type="consultation", channel="hotline_12345",
                   complainant="匿名", phone_masked="", deadline=date(2026, 10, 22)),
            matter("2026-0103", channel="hotline_12345", complainant="王某某",
                   phone_masked="13900001234", target="内科"),  # unmasked by mistake
        ),
        closed=(matter("2026-0090", request_type="suggestion", status="closed",
                       closed_at=datetime(2026, 10, 20, 15, 0)),),
        due_soon=(matter("2026-0085", deadline=date(2026, 10, 21), provisional=True),),
        overdue=(matter("2026-0070", deadline=date(2026, 10, 16), round=2,
                        status="rehandling", target="住院部护士站"),),
    )


def test_rates_and_formatting():
    assert on_time_rate(7, 8) == 0.875
    assert on_time_rate(0, 0) is None
    assert satisfaction_rate(9, 10) == 0.9
    assert satisfaction_rate(0, 0) is None
    assert format_percent(0.875) == "87.5%"
    assert format_percent(2 / 3) == "66.7%"
    assert format_percent(None) == "—"
    assert format_change(12, 9) == "+3" and format_change(3, 5) == "-2"
    assert format_change(4, 4) == "0"
    assert format_rate_change(0.9, 0.8) == "+10.0个百分点"
    assert format_rate_change(None, 0.8) == "—"
    with pytest.raises(ValueError):
        on_time_rate(5, 4)


def test_months():
    assert bulletin_title("2026-10") == "2026年10月投诉举报情况通报"
    assert bulletin_title("2026-1") == "2026年1月投诉举报情况通报"
    for bad in ("2026-13", "2026/10", "202610"):
        with pytest.raises(ValidationError, match="YYYY-MM"):
            bulletin_title(bad)


def test_daily_counts_and_lists():
    data = daily_data()
    assert data.received_by_type == {"complaint": 2, "consultation": 1}
    assert data.received_by_channel == {"walk_in": 1, "hotline_12345": 2}
    texts = page_texts(build_daily_summary(data, printed_at=PRINTED_AT))
    text = flat("".join(texts))
    assert "2026年10月20日（星期二）" in text
    assert "本日受理群众诉求3件，办结1件；一个工作日内到期1件，超期未办结1件。" in text
    assert "投诉21" not in text  # complaint row: 受理 2, 办结 0
    assert "投诉20" in text and "咨询10" in text and "建议01" in text
    assert "12345政务服务热线20" in text and "现场来访11" in text
    assert "合计31" in text
    for serial in ("2026-0101", "2026-0102", "2026-0103", "2026-0090", "2026-0085", "2026-0070"):
        assert serial in text
    assert "2026-10-21（待核定）" in text
    assert "2026-10-16（超期4天）" in text
    assert "再次办理第2次办理" in text


def test_daily_summary_masks_every_phone_and_has_the_frame():
    texts = page_texts(build_daily_summary(daily_data(), printed_at=PRINTED_AT))
    assert not UNMASKED_MOBILE.search(flat("".join(texts)))
    assert "139****1234" in texts[0]
    for number, text in enumerate(texts, start=1):
        assert f"第 {number} 页 / 共 {len(texts)} 页" in text
        assert "打印时间：2026-11-02 08:15" in text
        assert INSTITUTION in text


def test_empty_day_says_so():
    data = DailySummaryData(INSTITUTION, date(2026, 10, 25), (), (), (), ())
    text = flat(page_texts(build_daily_summary(data, printed_at=PRINTED_AT))[0])
    assert "本日无受理事项" in text and "无超期事项" in text
    assert "合计00" in text


THIS_MONTH = MonthFigures(received=23, closed=20, closed_on_time=18, callbacks_answered=16,
                          callbacks_satisfied=15)
LAST_MONTH = MonthFigures(received=19, closed=17, closed_on_time=15, callbacks_answered=14,
                          callbacks_satisfied=12)


def bulletin_data(**changes) -> MonthlyBulletinData:
    values = dict(
        institution_name=INSTITUTION,
        month="2026-10",
        this_month=THIS_MONTH,
        last_month=LAST_MONTH,
        by_type=(CountRow("complaint", 9, 6, 8), CountRow("consultation", 8, 7, 8),
                 CountRow("suggestion", 4, 5, 3), CountRow("criticism", 2, 1, 1)),
        by_channel=(CountRow("walk_in", 10, 8, 9), CountRow("hotline_12345", 6, 4, 5),
                    CountRow("outpatient_survey", 4, 5, 4), CountRow("liaison_card_phone", 3, 2, 2)),
        by_category=(CountRow("attitude", 7, 4, 6), CountRow("efficiency", 6, 6, 5),
                     CountRow("charges", 4, 2, 4), CountRow("ethics", 2, 0, 1),
                     CountRow("environment", 3, 5, 3), CountRow("insurance", 1, 2, 1)),
        by_department=(CountRow("收费室", 5, 2, 5), CountRow("内科", 6, 5, 5),
                       CountRow("住院部护士站", 3, 4, 2)),
        rehandled=(matter("2026-0007", round=2, category="attitude", status="closed"),),
        overdue=(matter("2026-0031", deadline=date(2026, 10, 16), status="closed",
                        closed_at=datetime(2026, 10, 19, 10, 0)),
                 matter("2026-0044", deadline=date(2026, 10, 28), phone_masked="13900005678")),
        recurring_problems=(RecurringProblem("attitude", "收费室", 3,
                                             ("2026-0007", "2026-0012", "2026-0040")),),
        repeat_complainants=(RepeatComplainant("张某某", "139****1234", 2,
                                               ("2026-0007", "2026-0040")),),
        conclusion="针对收费室服务态度问题，组织窗口人员开展沟通技巧培训。",
    )
    values.update(changes)
    return MonthlyBulletinData(**values)


@pytest.fixture(scope="module")
def bulletin_texts() -> list[str]:
    return page_texts(build_monthly_bulletin(bulletin_data(), printed_at=PRINTED_AT))


def test_bulletin_title_and_summary_paragraph(bulletin_texts):
    text = flat("".join(bulletin_texts))
    assert "2026年10月投诉举报情况通报" in text
    assert flat(
        "本月共受理群众诉求 23 件，环比增加 4 件（上月 19 件）；办结 20 件，按期办结率 90.0%；"
        "回访满意率 93.8%。再次办理 1 件，超期 2 件。"
    ) in text
    assert "反映较多的问题为服务态度7件、服务效率/流程6件、收费及告知4件。" in text


def test_bulletin_figures_match_the_data(bulletin_texts):
    text = flat("".join(bulletin_texts))
    assert format_percent(THIS_MONTH.on_time_rate) == "90.0%"
    assert format_percent(LAST_MONTH.on_time_rate) == "88.2%"
    assert format_percent(THIS_MONTH.satisfaction_rate) == "93.8%"
    assert format_percent(LAST_MONTH.satisfaction_rate) == "85.7%"
    assert "受理件数2319+4" in text
    assert "办结件数2017+3" in text
    assert "按期办结率90.0%88.2%+1.8个百分点" in text
    assert "回访满意率93.8%85.7%+8.1个百分点" in text
    assert "本月（2026年10月）" in text and "上月（2026年9月）" in text
    # by type: all six types printed, missing ones as 0, in the domain's order
    assert "投诉96+38" in text and "咨询87+18" in text and "求助000" in text
    assert "合计2319+420" in text
    # by channel and category
    assert "12345政务服务热线64+25" in text
    assert "服务态度74+36" in text and "就医环境/设施35-23" in text
    assert "医德医风（红包、回扣等）20+21" in text
    assert "政策宣传000" in text
    # departments sorted by this month
    assert text.index("内科65+15") < text.index("收费室52+35") < text.index("住院部护士站34-12")


def test_bulletin_lists_and_recurring_problems(bulletin_texts):
    text = flat("".join(bulletin_texts))
    assert "2026-0007" in text and "第2次" in text
    assert "2026-0031" in text and "已办结2026-10-19" in text
    assert "2026-0044" in text
    assert "服务态度收费室32026-0007、2026-0012、2026-0040" in text
    assert "张某某139****123422026-0007、2026-0040" in text
    assert "针对收费室服务态度问题" in text


def test_bulletin_masks_every_phone(bulletin_texts):
    text = flat("".join(bulletin_texts))
    assert not UNMASKED_MOBILE.search(text)
    assert "139****5678" in text


def test_bulletin_has_the_charts(bulletin_texts):
    text = "".join(bulletin_texts)
    assert "图1 2026年10月受理渠道分布" in text
    assert "图2 各类问题件数（本月与上月对比）" in text
    # the bar chart's axis uses the short labels (the table has the long ones)
    assert "医德医风" in text.replace("医德医风（红包、回扣等）", "")
    assert "现场来访10件（43%）" in flat(text)  # pie legend


def test_bar_chart_carries_the_figures():
    drawing = category_bar_chart(["服务态度", "其他"], [7, 1], [4, 0], title="图")
    chart = next(c for c in drawing.contents if hasattr(c, "categoryAxis"))
    assert chart.data == [[7, 1], [4, 0]]
    assert chart.categoryAxis.categoryNames == ["服务态度", "其他"]


def test_bulletin_every_page_framed(bulletin_texts):
    assert len(bulletin_texts) >= 2
    for number, text in enumerate(bulletin_texts, start=1):
        assert f"第 {number} 页 / 共 {len(bulletin_texts)} 页" in text
        assert "每月通报" in text


def test_quiet_month_without_data():
    empty = MonthFigures(0, 0, 0, 0, 0)
    data = bulletin_data(this_month=empty, last_month=empty, by_type=(), by_channel=(),
                         by_category=(), by_department=(), rehandled=(), overdue=(),
                         recurring_problems=(), repeat_complainants=(), conclusion=None)
    text = flat("".join(page_texts(build_monthly_bulletin(data, printed_at=PRINTED_AT))))
    assert "本月共受理群众诉求0件，与上月持平（上月0件）；办结0件；本月无回访记录。" in text
    assert "按期办结率——" in text
    assert "本月无受理事项" in text
    assert "本月无再次办理事项" in text and "本月无超期事项" in text
    assert "九、下一步工作" not in text


def test_bad_month_is_refused():
    with pytest.raises(ValidationError, match="YYYY-MM"):
        build_monthly_bulletin(bulletin_data(month="2026-10-01"), printed_at=PRINTED_AT)


def test_same_input_gives_same_bytes():
    data = bulletin_data()
    assert build_monthly_bulletin(data, printed_at=PRINTED_AT) == build_monthly_bulletin(
        data, printed_at=PRINTED_AT)
