"""医院投诉登记表 and 服务问题反馈单: the text read back from the PDF matches the matter."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from desktop_app.records.matter_rows import (
    CallbackRow,
    ExtensionRow,
    MatterDetail,
    MatterRow,
    SheetRow,
)
from desktop_app.reports.complaint_sheets import (
    REGISTRATION_SIGNATURES,
    build_feedback_sheet,
    build_registration_sheet,
)

PRINTED_AT = datetime(2026, 11, 23, 10, 5)
INSTITUTION = "示例镇卫生院"
PHONE = "13900001234"
CONTENT = (
    "患者家属反映10月12日上午在门诊收费窗口排队缴费时，收费员态度生硬，"
    "询问医保报销比例时未予解释，要求科室加强服务态度教育并给予答复。"
)


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def two_round_matter(**changes) -> MatterDetail:
    """A complaint answered by 收费室, called back unsatisfied, re-handled, then satisfied."""
    row = MatterRow(
        id=7, serial="2026-0007", received_at=datetime(2026, 10, 12, 9, 30),
        request_type="complaint", channel="walk_in", complainant="张某某",
        phone_masked="139****1234", target="收费室 / 李某某", department_id=3,
        category="attitude", status="closed", round=2, deadline=date(2026, 10, 27),
        provisional=False, overdue=False, due_soon=False,
        closed_at=datetime(2026, 10, 23, 16, 0), content=CONTENT,
    )
    sheets = (
        SheetRow(id=11, round=1, department_id=3, department_name="收费室",
                 reply_by=date(2026, 10, 20), instructions="请核实当班收费员服务情况",
                 issued_at=datetime(2026, 10, 12, 10, 0), issued_by="王某",
                 replier="赵某某", contacted_at=datetime(2026, 10, 14, 15, 20),
                 reply_content="已与当事人电话沟通并致歉，对当班收费员进行批评教育。",
                 replied_at=datetime(2026, 10, 14, 16, 0), recorded_by="王某"),
        SheetRow(id=12, round=2, department_id=4, department_name="医保办",
                 reply_by=date(2026, 10, 22), instructions="请向当事人当面解释医保报销比例",
                 issued_at=datetime(2026, 10, 16, 9, 0), issued_by="王某",
                 replier="孙某", contacted_at=datetime(2026, 10, 20, 10, 0),
                 reply_content="已约当事人到医保窗口，逐项讲解住院报销比例及起付线。",
                 replied_at=datetime(2026, 10, 20, 11, 0), recorded_by="王某"),
        SheetRow(id=13, round=2, department_id=3, department_name="收费室",
                 reply_by=date(2026, 10, 22), instructions="",
                 issued_at=datetime(2026, 10, 16, 9, 0), issued_by="王某"),
    )
    callbacks = (
        CallbackRow(id=21, round=1, at=datetime(2026, 10, 15, 9, 0),
                    satisfaction="unsatisfied", words="道歉收到了，但报销比例仍未讲清楚。",
                    outcome="rehandle", explanation="", path_offered="", recorded_by="王某"),
        CallbackRow(id=22, round=2, at=datetime(2026, 10, 23, 15, 30),
                    satisfaction="satisfied", words="医保办讲得很清楚，感谢。",
                    outcome="close", explanation="", path_offered="", recorded_by="王某"),
    )
    values = dict(
        row=row, complainant_name="张某某", anonymous=False, phone=PHONE, relation="家属",
        target_department="收费室", target_staff="李某某", target_text="门诊收费窗口",
        first_receiver_name="王某", registered_by="王某", upstream_order_no="",
        signed_at=None, upstream_deadline=None, local_deadline=date(2026, 10, 27),
        close_reason="satisfied", final_satisfaction="satisfied", withdrawn_reason="",
        on_the_spot_resolution="", source_ref="", sheets=sheets, callbacks=callbacks,
    )
    values.update(changes)
    return MatterDetail(**values)


def external_matter() -> MatterDetail:
    """A 12345 hotline order still open, with an earlier upstream deadline and an extension."""
    base = two_round_matter()
    row = replace(base.row, serial="2026-0031", channel="hotline_12345", status="dispatched",
                  round=1, deadline=date(2026, 11, 20), provisional=True, closed_at=None)
    extension = ExtensionRow(
        id=1, consent_by="张某某", consent_at=datetime(2026, 11, 10, 9, 0),
        consent_method="phone", reason="需调取监控核实", old_deadline=date(2026, 11, 13),
        new_deadline=date(2026, 11, 20), granted_by="陈某", at=datetime(2026, 11, 10, 9, 5),
    )
    return replace(
        base, row=row, upstream_order_no="GD20261105-0088",
        signed_at=datetime(2026, 11, 5, 8, 40), upstream_deadline=date(2026, 11, 25),
        local_deadline=date(2026, 11, 13), close_reason=None, final_satisfaction=None,
        sheets=base.sheets[:1], callbacks=(), extensions=(extension,),
    )


@pytest.fixture(scope="module")
def registration_text() -> str:
    pdf = build_registration_sheet(two_round_matter(), institution_name=INSTITUTION,
                                   printed_at=PRINTED_AT)
    texts = page_texts(pdf)
    assert len(texts) == 1
    return texts[0]


def test_registration_sheet_has_the_key_elements(registration_text):
    text = flat(registration_text)
    for expected in ("医院投诉登记表", "2026-0007", "2026-10-1209:30", "现场来访", "投诉",
                     "张某某", PHONE, "家属", "收费室", "李某某", "门诊收费窗口",
                     "服务态度", "首诉责任人", "王某", flat(CONTENT)):
        assert expected in text, expected


def test_registration_sheet_has_every_round(registration_text):
    text = flat(registration_text)
    assert "第1次办理" in text and "第2次办理" in text
    assert "医保办" in text
    assert "已与当事人电话沟通并致歉" in text
    assert "逐项讲解住院报销比例" in text
    assert "赵某某" in text and "2026-10-1415:20" in text
    assert "不满意（责令再次办理）" in text
    assert "道歉收到了，但报销比例仍未讲清楚。" in text
    assert "（承办科室尚未答复）" in text  # 收费室's round-2 sheet
    assert "回访满意办结（满意）" in text
    assert "2026-10-2316:00" in text


def test_registration_sheet_has_signature_lines_and_frame(registration_text):
    assert REGISTRATION_SIGNATURES == ("登记人", "科室负责人", "办公室主任", "日期")
    assert "登记人：____________科室负责人：____________办公室主任：____________日期：____________" \
        in flat(registration_text)
    assert "第 1 页 / 共 1 页" in registration_text
    assert "打印时间：2026-11-23 10:05" in registration_text
    assert INSTITUTION in registration_text


def test_external_fields_only_on_external_matters(registration_text):
    assert "工单编号" not in registration_text
    assert "上级回复期限" not in registration_text
    pdf = build_registration_sheet(external_matter(), institution_name=INSTITUTION,
                                   printed_at=PRINTED_AT)
    text = flat(page_texts(pdf)[0])
    assert "12345政务服务热线（外部渠道）" in text
    assert "GD20261105-0088" in text
    assert "2026-11-0508:40" in text
    assert "上级回复期限2026-11-25" in text
    assert "本院办理期限2026-11-13" in text
    assert "2026-11-20（待核定）" in text
    assert "已延期1次" in text
    assert "经张某某电话同意" in text and "需调取监控核实" in text
    assert "办理中（已转办，第1次办理）" in text


def test_anonymous_and_withdrawn():
    detail = two_round_matter(anonymous=True, complainant_name="", phone="",
                              withdrawn_reason="当事人主动撤回", close_reason=None,
                              final_satisfaction=None)
    detail = replace(detail, row=replace(detail.row, status="withdrawn", closed_at=None))
    text = flat(page_texts(build_registration_sheet(
        detail, institution_name=INSTITUTION, printed_at=PRINTED_AT))[0])
    assert "投诉人匿名" in text
    assert "撤销原因当事人主动撤回" in text
    assert "办结方式" not in text


def test_on_the_spot_close_shows_the_resolution_and_callback():
    base = two_round_matter()
    detail = replace(
        base, row=replace(base.row, round=0), sheets=(),
        callbacks=(replace(base.callbacks[1], round=0),), close_reason="on_the_spot",
        on_the_spot_resolution="首诉责任人当场联系收费室核对费用明细，退还多收的检查费。",
    )
    text = flat(page_texts(build_registration_sheet(
        detail, institution_name=INSTITUTION, printed_at=PRINTED_AT))[0])
    assert "当场处理（首诉负责制）处理情况首诉责任人当场联系收费室" in text
    assert "满意度满意" in text
    assert "当场办结（满意）" in text
    assert text.index("当场处理") < text.index("回访时间") < text.index("办结方式")
    assert "第1次办理" not in text


def test_many_rounds_shrink_then_flow_with_page_numbers():
    base = two_round_matter()
    sheets = tuple(replace(base.sheets[0], id=100 + n, round=n) for n in range(1, 9))
    callbacks = tuple(replace(base.callbacks[0], id=200 + n, round=n) for n in range(1, 9))
    detail = replace(base, sheets=sheets, callbacks=callbacks)
    texts = page_texts(build_registration_sheet(detail, institution_name=INSTITUTION,
                                                printed_at=PRINTED_AT))
    assert len(texts) >= 2
    for number, text in enumerate(texts, start=1):
        assert f"第 {number} 页 / 共 {len(texts)} 页" in text
    assert "第8次办理" in flat("".join(texts))
    assert "办公室主任：" in texts[-1]


@pytest.fixture(scope="module")
def feedback_text() -> str:
    pdf = build_feedback_sheet(two_round_matter(), 12, institution_name=INSTITUTION,
                               printed_at=PRINTED_AT)
    texts = page_texts(pdf)
    assert len(texts) == 1
    return texts[0]


def test_feedback_sheet_names_round_department_and_return_date(feedback_text):
    text = flat(feedback_text)
    assert "服务问题反馈单" in text
    assert "2026-0007" in text
    assert "第2次办理" in text
    assert "承办科室医保办" in text
    assert "回复期限2026-10-22" in text
    assert "请于 2026-10-22 前将本单交回服务群众管理办公室" in feedback_text
    assert "请向当事人当面解释医保报销比例" in text
    assert "同时转办收费室" in text
    assert flat(CONTENT) in text
    assert "第 1 页 / 共 1 页" in feedback_text


def test_feedback_sheet_prints_the_phone_whole_for_the_callback(feedback_text):
    assert PHONE in flat(feedback_text)
    masked = build_feedback_sheet(two_round_matter(), 12, institution_name=INSTITUTION,
                                  printed_at=PRINTED_AT, whole_phone=False)
    text = flat(page_texts(masked)[0])
    assert PHONE not in text and "139****1234" in text


def test_feedback_sheet_reply_section_is_empty(feedback_text):
    text = flat(feedback_text)
    for label in ("以下由承办科室填写", "联系当事人情况", "办理结果", "承办人签字",
                  "科室负责人签字", "日期"):
        assert label in text, label
    assert "逐项讲解住院报销比例" not in text  # this sheet's own reply is not pre-filled


def test_round_two_feedback_sheet_says_why_it_is_handled_again(feedback_text):
    text = flat(feedback_text)
    assert "前次办理及回访情况（本次为再次办理）" in text
    assert "第1次办理收费室答复已与当事人电话沟通并致歉" in text
    assert "第1次回访2026-10-1509:00回访：不满意（责令再次办理）" in text
    assert "当事人意见：道歉收到了，但报销比例仍未讲清楚。" in text


def test_round_one_feedback_sheet_has_no_previous_rounds():
    pdf = build_feedback_sheet(two_round_matter(), 11, institution_name=INSTITUTION,
                               printed_at=PRINTED_AT)
    text = flat(page_texts(pdf)[0])
    assert "第1次办理" in text
    assert "前次办理" not in text
    assert "请于2026-10-20前" in text


def test_unknown_sheet_is_a_clear_error():
    with pytest.raises(ValueError, match="没有编号为 99 的反馈单"):
        build_feedback_sheet(two_round_matter(), 99, institution_name=INSTITUTION,
                             printed_at=PRINTED_AT)


def test_same_input_gives_same_bytes():
    detail = two_round_matter()
    first = build_registration_sheet(detail, institution_name=INSTITUTION, printed_at=PRINTED_AT)
    assert first == build_registration_sheet(detail, institution_name=INSTITUTION,
                                             printed_at=PRINTED_AT)


def test_longest_texts_flow_without_layout_errors():
    """Texts at their length limits (反映问题/答复 2000 字, 意见 500 字) never break the layout."""
    long = ("患者反映候诊时间过长，导诊人员解释不清，" * 100)[:2000]
    base = two_round_matter()
    sheets = tuple(replace(base.sheets[0], id=100 + n, round=n, reply_content=long,
                           instructions=long[:500]) for n in range(1, 5))
    callbacks = tuple(replace(base.callbacks[0], id=200 + n, round=n, words=long[:500],
                              explanation=long[:500], path_offered=long[:500])
                      for n in range(1, 4))
    detail = replace(base, row=replace(base.row, content=long, round=4), sheets=sheets,
                     callbacks=callbacks)
    for pdf in (
        build_registration_sheet(detail, institution_name=INSTITUTION, printed_at=PRINTED_AT),
        build_feedback_sheet(detail, 104, institution_name=INSTITUTION, printed_at=PRINTED_AT),
    ):
        texts = page_texts(pdf)
        assert len(texts) >= 2
        for number, text in enumerate(texts, start=1):
            assert f"第 {number} 页 / 共 {len(texts)} 页" in text
        assert long[-20:] in flat("".join(texts))
