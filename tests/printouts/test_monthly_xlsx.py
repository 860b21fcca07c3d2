"""The monthly workbook read back with openpyxl (the data of tests/printouts/test_satisfaction.py)."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from desktop_app.printouts import satisfaction as sp
from desktop_app.db.database import Database
from desktop_app.domain.errors import ValidationError
from tests.support.followups import AFTER, LATE
from tests.support.satisfaction_month import survey_database


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "x.sqlite3"
    survey_database(path)
    database = Database.open(path, now=LATE)
    yield database
    database.close()


@pytest.fixture(scope="module")
def workbook(db):
    return load_workbook(io.BytesIO(sp.monthly_workbook(db, "2026-11", today=AFTER)))


def block(ws: Worksheet, first_header: str) -> tuple[list, dict[str, list]]:
    """The header row starting with `first_header` and the rows under it, by their first cell."""
    rows = list(ws.iter_rows())
    start = next(i for i, row in enumerate(rows) if row[0].value == first_header)
    header = [c.value for c in rows[start] if c.value is not None]
    body: dict[str, list] = {}
    for row in rows[start + 1:]:
        if row[0].value is None:
            break
        body[row[0].value] = [c.value for c in row[:len(header)]]
    return [c for c in rows[start][:len(header)]], body


def test_four_sheets_with_titles(workbook) -> None:
    assert workbook.sheetnames == ["满意度", "科室考评", "投诉通报", "回访结果"]
    assert workbook["满意度"]["A1"].value == "示例镇卫生院 2026年11月满意度调查结果"
    assert workbook["科室考评"]["A1"].value == "示例镇卫生院 2026年11月科室月度满意度考评表"
    for ws in workbook:
        assert ws["A1"].font.bold


def test_satisfaction_sheet_is_dimension_by_department(workbook) -> None:
    header, rows = block(workbook["满意度"], "科室")
    assert [c.value for c in header] == ["科室", "份数", "服务效率", "服务态度", "业务技术", "政策宣传",
                                         "文明服务", "服务环境", "费用告知及收费合理性", "综合满意率"]
    assert all(c.font.bold for c in header)
    assert rows["内科"][:2] == ["内科", 17]
    assert rows["内科"][5] == pytest.approx(15 / 17)  # 政策宣传
    assert rows["内科"][9] == pytest.approx(115 / 117)
    assert rows["公共卫生科"][2] == "—" and rows["公共卫生科"][9] == pytest.approx(2 / 3)
    assert rows["全院"][1] == 25 and rows["全院"][5] == pytest.approx(19 / 21)
    _header, items = block(workbook["满意度"], "调查项目")
    assert items["政策宣传"][1:6] == [19, 0, 2, 0, 21]
    _header, other = block(workbook["满意度"], "项目")
    assert other["基本公卫电话调查 拨打人次"][1] == 4
    assert other["住院患者征求意见 发放医患连心卡（张）"][1] == 8
    ws = workbook["满意度"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == pytest.approx(115 / 117))
    assert cell.number_format == "0.0%"
    assert ws.column_dimensions["I"].width >= 20  # 费用告知及收费合理性 fits


def test_scores_sheet_has_the_hand_computed_scores_and_weights(workbook) -> None:
    header, rows = block(workbook["科室考评"], "科室")
    assert [c.value for c in header][-4:] == ["总分", "名次", "属实投诉编号", "备注"]
    assert all(c.font.bold for c in header)
    medicine, surgery, health = rows["内科"], rows["外科"], rows["公共卫生科"]
    assert medicine[1:13] == [pytest.approx(115 / 117), 98.29, 1, 100, 2, 1, 50, 0, 100, 89.15, 1,
                              "—"]
    assert surgery[8:13] == [1, 85, 65.17, 3, "2026-0001"]
    assert health[3:5] == ["—", "不计分"] and health[10:12] == [72.22, 2]
    assert "回访满意率、回访落实无数据" in health[13]
    _header, weights = block(workbook["科室考评"], "考评项目")
    assert [weights[k][1] for k in ("问卷满意率", "回访满意率", "回访落实", "投诉")] == [
        "50%", "20%", "20%", "10%"]
    assert weights["每件属实投诉扣分"][1] == 15
    texts = [c.value for row in workbook["科室考评"].iter_rows() for c in row if c.value]
    assert any(isinstance(t, str) and t.startswith("考评办法：") and "× 50%" in t for t in texts)


def test_bulletin_sheet_has_the_figures_and_masks_phones(workbook) -> None:
    ws = workbook["投诉通报"]
    _header, overview = block(ws, "指标")
    assert overview["受理件数"][1:3] == [2, 0]
    _header, types = block(ws, "诉求类型")
    assert types["投诉"][1] == 2 and types["合计"][1] == 2
    _header, departments = block(ws, "涉及科室")
    assert departments["内科"][1] == 1 and departments["外科"][1] == 1
    _header, rehandled = block(ws, "编号")  # the first list: 再次办理事项
    assert list(rehandled) == ["（无）"]
    values = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert "139****1234" in values
    assert not any("13900001234" in v for v in values)


def test_followups_sheet_matches_the_followup_results(workbook) -> None:
    ws = workbook["回访结果"]
    _header, rows = block(ws, "科室")
    assert rows["内科"][1:7] == [7, 3, 1, 1, 2, 0]
    assert rows["合计"][1] == 11 and rows["合计"][10] == pytest.approx(5 / 7)
    assert rows["合计"][0] == "合计" and ws.cell(row=_row_of(ws, "合计"), column=1).font.bold
    _header, findings = block(ws, "患者")
    assert findings["王某某"][4] == "记录不实" and findings["赵某某"][4] == "未落实"


def _row_of(ws: Worksheet, first: str) -> int:
    return next(row[0].row for row in ws.iter_rows() if row[0].value == first)


def test_a_malformed_month_is_refused(db) -> None:
    with pytest.raises(ValidationError):
        sp.monthly_workbook(db, "2026/11", today=AFTER)
