"""医患连心卡: eight cards a page, every department phone legible in the PDF text."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from pypdf import PdfReader

from desktop_app.reports.liaison_card import (
    CARD_TITLE,
    DepartmentPhone,
    LiaisonCardData,
    build_liaison_cards,
)

PRINTED_AT = datetime(2026, 11, 23, 10, 5)

CLINICAL_DEPARTMENTS = (
    DepartmentPhone("内科", "0538-1234501"),
    DepartmentPhone("外科", "0538-1234502"),
    DepartmentPhone("妇产科", "0538-1234503"),
    DepartmentPhone("儿科", "0538-1234504"),
    DepartmentPhone("中医科", "0538-1234505"),
    DepartmentPhone("口腔科", "0538-1234506"),
)

MORE_DEPARTMENTS = (
    DepartmentPhone("急诊科", "0538-1234507"),
    DepartmentPhone("康复医学科", "0538-1234508"),
    DepartmentPhone("眼耳鼻喉科", "0538-1234509"),
    DepartmentPhone("皮肤科", "0538-1234510"),
    DepartmentPhone("检验科", "0538-1234511"),
    DepartmentPhone("放射科", "0538-1234512"),
    DepartmentPhone("超声科", "0538-1234513"),
    DepartmentPhone("药剂科", "0538-1234514"),
    DepartmentPhone("麻醉科", "0538-1234515"),
    DepartmentPhone("全科医学科", "0538-1234516"),
    DepartmentPhone("感染性疾病科", "0538-1234517"),
    DepartmentPhone("针灸推拿科", "0538-1234518"),
    DepartmentPhone("心电图室", "0538-1234519"),
    DepartmentPhone("住院部护士站", "0538-1234520"),
)


def card_data(departments: tuple[DepartmentPhone, ...] = CLINICAL_DEPARTMENTS, **changes):
    values = dict(
        institution_name="示例镇卫生院",
        complaint_phone="0538-1234500",
        email="fuwu@example.com",
        mailbox_location="门诊楼一楼大厅东侧",
        office_location="门诊楼二楼东侧201室",
        wechat_account="示例镇卫生院服务号",
        departments=departments,
    )
    values.update(changes)
    return LiaisonCardData(**values)


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def one_page() -> bytes:
    return build_liaison_cards(card_data(), printed_at=PRINTED_AT)


def test_one_page_holds_eight_cards(one_page):
    texts = page_texts(one_page)
    assert len(texts) == 1
    assert texts[0].count(CARD_TITLE) == 8
    assert texts[0].count("示例镇卫生院") >= 8


def test_every_department_phone_and_complaint_channel_is_printed(one_page):
    text = page_texts(one_page)[0]
    for department in CLINICAL_DEPARTMENTS:
        assert department.name in text
        assert text.count(department.phone) == 8
    assert "投诉电话" in text
    assert text.count("0538-1234500") == 8
    assert "fuwu@example.com" in text
    assert "门诊楼一楼大厅东侧" in text
    assert "门诊楼二楼东侧201室" in text
    assert "示例镇卫生院服务号" in text


def test_non_clinical_departments_are_only_what_the_caller_passes(one_page):
    assert "公卫科" not in page_texts(one_page)[0]


def test_empty_contact_lines_are_left_off():
    pdf = build_liaison_cards(
        card_data(email="", wechat_account="  ", mailbox_location=""), printed_at=PRINTED_AT
    )
    text = page_texts(pdf)[0]
    assert "投诉邮箱" not in text
    assert "微信公众号" not in text
    assert "投诉信箱" not in text
    assert "服务群众管理办公室" in text


@pytest.mark.parametrize(("copies", "pages"), [(1, 1), (8, 1), (9, 2), (16, 2), (17, 3)])
def test_copies_round_up_to_whole_pages(copies, pages):
    pdf = build_liaison_cards(card_data(), printed_at=PRINTED_AT, copies=copies)
    texts = page_texts(pdf)
    assert len(texts) == pages
    assert all(text.count(CARD_TITLE) == 8 for text in texts)


def test_page_frame_shows_institution_page_numbers_and_print_time():
    texts = page_texts(build_liaison_cards(card_data(), printed_at=PRINTED_AT, copies=9))
    assert "第 1 页 / 共 2 页" in texts[0]
    assert "第 2 页 / 共 2 页" in texts[1]
    for text in texts:
        assert "打印时间：2026-11-23 10:05" in text


@pytest.mark.parametrize("copies", [0, -3])
def test_copies_must_be_positive(copies):
    with pytest.raises(ValueError):
        build_liaison_cards(card_data(), printed_at=PRINTED_AT, copies=copies)


def test_font_is_the_embedded_truetype_font(one_page):
    page = PdfReader(io.BytesIO(one_page)).pages[0]
    fonts = [font.get_object() for font in page["/Resources"]["/Font"].values()]
    assert fonts
    for font in fonts:
        assert font["/Subtype"] == "/TrueType"
        assert "WenQuanYiMicroHei" in font["/BaseFont"]
        assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_twenty_departments_all_fit():
    departments = CLINICAL_DEPARTMENTS + MORE_DEPARTMENTS
    assert len(departments) == 20
    text = page_texts(build_liaison_cards(card_data(departments), printed_at=PRINTED_AT))[0]
    assert text.count(CARD_TITLE) == 8
    for department in departments:
        assert text.count(department.phone) == 8
    assert text.count("0538-1234500") == 8


def test_long_institution_name_and_address_still_fit():
    data = card_data(
        institution_name="示例县某某镇中心卫生院（示例县第二人民医院分院）",
        office_location="门诊楼二楼东侧服务群众管理办公室（便民服务站旁边，靠近电梯口）",
    )
    text = page_texts(build_liaison_cards(data, printed_at=PRINTED_AT))[0]
    assert text.count(CARD_TITLE) == 8
    assert "靠近电梯口" in text


def test_too_many_departments_is_a_clear_error():
    departments = tuple(
        DepartmentPhone(f"第{i}临床科室", f"0538-12{i:05d}") for i in range(80)
    )
    with pytest.raises(ValueError, match="放不下"):
        build_liaison_cards(card_data(departments), printed_at=PRINTED_AT)


def test_same_input_gives_same_bytes(one_page):
    assert build_liaison_cards(card_data(), printed_at=PRINTED_AT) == one_page
