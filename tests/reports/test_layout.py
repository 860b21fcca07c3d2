"""The shared page layout: header and footer on every page of every printout."""

from __future__ import annotations

import io
from datetime import datetime

from pypdf import PdfReader
from reportlab.platypus import Paragraph

from desktop_app.reports.fonts import FONT_NAME, register_fonts
from desktop_app.reports.layout import (
    PageHeader,
    build_canvas_document,
    build_document,
    styles,
)

HEADER = PageHeader(
    institution_name="示例镇卫生院",
    title="服务问题反馈单",
    printed_at=datetime(2026, 11, 23, 10, 5),
)

PARAGRAPH = (
    "患者张某某反映门诊挂号排队时间较长，导诊台无人引导。经服务群众管理办公室"
    "转办，门诊部已增加高峰时段导诊人员，并在大厅张贴就诊流程示意图。"
)


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_register_fonts_is_idempotent():
    assert register_fonts() == FONT_NAME
    assert register_fonts() == FONT_NAME


def test_styles_use_the_cjk_font_and_cjk_wrapping():
    all_styles = styles()
    assert {"title", "heading", "body", "small", "cell"} <= set(all_styles)
    for style in all_styles.values():
        assert style.fontName == FONT_NAME
        assert style.wordWrap == "CJK"


def test_every_page_has_the_header_and_page_numbers():
    style = styles()
    story = [Paragraph("整改情况说明", style["title"])]
    story += [Paragraph(f"{n}. {PARAGRAPH}", style["body"]) for n in range(1, 61)]
    texts = page_texts(build_document(HEADER, story))
    assert len(texts) >= 2
    for number, text in enumerate(texts, start=1):
        assert "示例镇卫生院" in text
        assert "服务问题反馈单" in text
        assert f"第 {number} 页 / 共 {len(texts)} 页" in text
        assert "打印时间：2026-11-23 10:05" in text
    body = "".join(texts).replace("\n", "")
    assert "60. 患者张某某" in body


def test_bold_markup_does_not_break():
    story = [Paragraph("<b>处理结果：</b>已办结", styles()["body"])]
    assert "处理结果" in page_texts(build_document(HEADER, story))[0]


def test_canvas_document_gets_the_same_frame():
    def draw(text):
        def page(canvas, box):
            canvas.setFont(FONT_NAME, 12)
            canvas.drawString(box.x, box.top - 20, text)

        return page

    texts = page_texts(build_canvas_document(HEADER, [draw("第一张"), draw("第二张")]))
    assert len(texts) == 2
    for number, text in enumerate(texts, start=1):
        assert "示例镇卫生院" in text
        assert f"第 {number} 页 / 共 2 页" in text
        assert "打印时间：2026-11-23 10:05" in text
    assert "第一张" in texts[0]
    assert "第二张" in texts[1]
