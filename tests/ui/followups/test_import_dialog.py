"""The import dialog: load an .xlsx, the mapping preset from its headers, the preview's counts
and skipped rows, the import, the rows in the database; file and mapping errors at the field."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from sqlmodel import select

from desktop_app.db.models import Discharge, FollowUpTask
from desktop_app.db.services.discharge_import import IMPORT_FIELDS
from desktop_app.ui.followups.import_dialog import (
    ImportDialog,
    SkippedRow,
    SkippedRowsModel,
    column_letter,
)
from tests.support.clock import FIXED_NOW

HEADERS = ["住院号", "患者姓名", "性别", "年龄", "手机号码", "现住址", "科室", "主治医师",
           "责任护士", "入院日期", "出院日期", "出院诊断", "特殊患者", "特殊原因"]
ROWS = [
    ["Z101", "张某某", "男", 70, 13900007001, "示例镇北村", "内科", "孙某某", "周某某",
     datetime(2026, 11, 12), datetime(2026, 11, 19), "慢性阻塞性肺疾病", "否", None],
    ["Z102", "李某某", "女", "81岁", "13900007002", "示例镇南村", "外科", "赵某某", "",
     "2026-11-10", "2026-11-20", "股骨颈骨折", "是", "高龄独居"],
    ["Z103", "王某某", "男", 60, "13900007003", "", "内科", "孙某某", "",
     "2026-11-20", "2026-11-15", "", "否", None],                      # discharge before admission
    ["Z104", "陈某某", "男", 50, "13900007004", "", "眼科", "孙某某", "",
     "2026-11-10", "2026-11-15", "", "否", None],                      # unknown department
    ["Z105", "钱某某", "女", 68, "13900005678", "", "内科", "孙某某", "",
     "2026-11-09", "2026-11-16", "", "否", None],                      # already registered
    ["Z101", "张某某", "男", 70, "13900007001", "示例镇北村", "内科", "孙某某", "周某某",
     "2026-11-12", "2026-11-19", "", "否", None],                      # same as row 2
]


@pytest.fixture
def his_file(tmp_path: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in ROWS:
        sheet.append(row)
    path = tmp_path / "出院患者名单.xlsx"
    workbook.save(path)
    return path


@pytest.fixture
def make_dialog(qtbot, db):
    def make(actor) -> ImportDialog:
        dialog = ImportDialog(None, db, actor, lambda: FIXED_NOW)
        qtbot.addWidget(dialog)
        return dialog
    return make


def imported(db) -> list[Discharge]:
    with db.session() as session:
        return list(session.exec(select(Discharge).where(Discharge.source == "import")
                                 .order_by(Discharge.id)).all())


def test_load_preview_and_import(make_dialog, member, departments, discharge, db, his_file,
                                 message_boxes):
    discharge()  # 钱某某 13900005678, discharged 2026-11-16
    dialog = make_dialog(member)
    dialog.show()
    assert not dialog.next_button.isEnabled()

    assert dialog.load_file(his_file)
    assert dialog.mapping == {
        "patient_name": 1, "sex": 2, "age": 3, "phone": 4, "address": 5, "department_id": 6,
        "doctor_name": 7, "nurse_name": 8, "admitted_on": 9, "discharged_on": 10,
        "diagnosis": 11, "inpatient_no": 0, "special": 12, "special_reason": 13,
        "special_note": None,
    }
    assert dialog.combos["discharged_on"].currentText() == "K 列：出院日期"
    assert dialog.next_button.isEnabled()

    assert dialog.show_preview()
    assert dialog.stack.currentIndex() == 1
    assert dialog.good_label.text() == "可导入 2 行"
    assert dialog.duplicate_label.text() == "重复 2 行"
    assert dialog.error_label.text() == "有误 2 行"
    assert "张某某" in dialog.sample_label.text() and "139****7001" in dialog.sample_label.text()
    model = dialog.skipped_model
    rows = [model.row_at(i) for i in range(model.rowCount())]
    assert [(r.row_no, r.name, r.kind) for r in rows] == [
        (4, "王某某", "有误"), (5, "陈某某", "有误"), (6, "钱某某", "重复"), (7, "张某某", "重复")]
    assert rows[0].reason.startswith("出院日期不能早于入院日期")
    assert rows[1].reason == "科室“眼科”不存在或已停用，请先在“设置 → 科室”中添加"
    assert rows[3].reason == "与第 2 行重复（姓名、电话、出院日期相同），已跳过"
    assert imported(db) == []  # the preview saves nothing
    assert dialog.import_button.text() == "导入 2 行"

    result = dialog.run_import()
    assert result is not None and result.imported == 2
    assert dialog.result_label.isVisible()
    assert "已导入 2 名出院患者" in dialog.result_label.text()
    assert dialog.close_button.text() == "完成"
    assert not dialog.import_button.isVisible()
    assert message_boxes == []

    saved = imported(db)
    assert [(d.patient_name, d.phone, d.special, d.created_by) for d in saved] == [
        ("张某某", "13900007001", False, "卫某某"), ("李某某", "13900007002", True, "卫某某")]
    with db.session() as session:
        tiers = sorted((t.discharge_id, t.tier) for t in session.exec(
            select(FollowUpTask).where(FollowUpTask.discharge_id.in_([d.id for d in saved]))))
    assert tiers == [(saved[0].id, 1), (saved[0].id, 2),
                     (saved[1].id, 1), (saved[1].id, 2), (saved[1].id, 3)]

    dialog.close_button.click()
    assert dialog.result() == ImportDialog.DialogCode.Accepted


def test_a_file_that_is_not_a_spreadsheet_is_shown_at_the_file(make_dialog, member, tmp_path,
                                                               message_boxes):
    path = tmp_path / "照片.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n")
    dialog = make_dialog(member)
    dialog.show()
    assert not dialog.load_file(path)
    assert dialog.errors.text("file") == "无法读取该文件：请选择 Excel（.xlsx）或 CSV 文件"
    assert not dialog.next_button.isEnabled()
    assert not dialog.mapping_box.isEnabled()
    assert message_boxes == []


def test_a_missing_required_column_is_shown_at_the_mapping(make_dialog, member, departments,
                                                           his_file, db, message_boxes):
    dialog = make_dialog(member)
    dialog.show()
    dialog.load_file(his_file)
    dialog.set_column("discharged_on", None)
    dialog.set_column("phone", None)
    assert not dialog.show_preview()
    assert dialog.errors.text("mapping") == "缺少必需的列：联系电话、出院日期"
    assert dialog.stack.currentIndex() == 0
    assert message_boxes == []
    assert imported(db) == []


def test_back_changes_the_mapping_and_the_preview_follows(make_dialog, member, departments,
                                                          his_file):
    dialog = make_dialog(member)
    dialog.load_file(his_file)
    dialog.show_preview()
    dialog.back_button.click()
    assert dialog.stack.currentIndex() == 0
    dialog.set_column("admitted_on", dialog.mapping["discharged_on"])
    dialog.set_column("discharged_on", 9)  # 入院日期 and 出院日期 swapped
    assert dialog.show_preview()
    assert dialog.good_label.text() == "可导入 1 行"  # only 王某某's reversed dates now fit


def test_without_the_permission_nothing_is_imported(make_dialog, member, departments, his_file,
                                                    db, message_boxes, monkeypatch):
    from desktop_app.domain import roles
    from desktop_app.domain.roles import Permission, Role

    dialog = make_dialog(member)
    dialog.load_file(his_file)
    dialog.show_preview()
    grants = dict(roles._GRANTS)
    grants[Role.office_member] = grants[Role.office_member] - {Permission.record_followup}
    monkeypatch.setattr(roles, "_GRANTS", grants)
    assert dialog.run_import() is None
    assert [b.title for b in message_boxes] == ["没有权限"]
    assert imported(db) == []
    assert dialog.close_button.text() == "取消"


def test_ask_returns_the_result_after_an_import(qtbot, db, member, departments, his_file,
                                                monkeypatch):
    def fake_exec(dialog) -> int:
        dialog.load_file(his_file)
        dialog.show_preview()
        dialog.run_import()
        dialog.close_button.click()
        return int(dialog.result())

    monkeypatch.setattr(ImportDialog, "exec", fake_exec)
    result = ImportDialog.ask(None, db, member, lambda: FIXED_NOW)
    assert result is not None and result.imported == 3


def test_ask_returns_none_when_cancelled(db, member, monkeypatch):
    monkeypatch.setattr(ImportDialog, "exec", lambda dialog: 0)
    assert ImportDialog.ask(None, db, member, lambda: FIXED_NOW) is None


def test_every_field_has_a_combo_and_required_ones_are_marked(make_dialog, member):
    dialog = make_dialog(member)
    assert list(dialog.combos) == [f.name for f in IMPORT_FIELDS]


@pytest.mark.parametrize(("index", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"),
                                                (702, "AAA")])
def test_column_letters(index, letters):
    assert column_letter(index) == letters


def test_the_skipped_rows_model(qtmodeltester):
    model = SkippedRowsModel()
    model.set_rows([SkippedRow(7, "张某某", "重复", "与第 2 行重复"),
                    SkippedRow(4, "王某某", "有误", "出院日期不能早于入院日期")])
    qtmodeltester.check(model)
    assert model.row_at(0).row_no == 4
    assert model.headerData(3, Qt.Orientation.Horizontal) == "原因"
    assert model.data(model.index(1, 3)) == "与第 2 行重复"
