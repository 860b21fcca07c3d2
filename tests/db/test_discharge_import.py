"""Bulk import of discharges from an HIS export (issue 4, DESIGN §1.4): reading .xlsx and CSV,
the column mapping, cell parsing, row errors, duplicates, tasks, one transaction, one audit row."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlmodel import func, select

from desktop_app.db.models import Discharge, FollowUpTask
from desktop_app.db.services import users
from desktop_app.db.services.departments import create_department, update_department
from desktop_app.db.services.discharge_import import (
    IMPORT_FIELDS,
    check_mapping,
    guess_mapping,
    import_discharges,
    preview_import,
    read_table,
)
from desktop_app.imports.discharges import (
    parse_age,
    parse_date,
    parse_flag,
    parse_phone,
    parse_reason,
    parse_sex,
)
from desktop_app.domain import roles
from desktop_app.domain.errors import PermissionDenied, ValidationError
from desktop_app.domain.roles import Permission, Role
from tests.support.db import audit_count, audit_rows
from tests.support.followups import department, register

HEADERS = ["住院号", "患者姓名", "性别", "年龄", "联系电话", "家庭住址", "出院科室", "管床医生",
           "责任护士", "入院时间", "出院时间", "出院诊断", "是否特殊患者", "特殊原因"]


def _row(no: str, name: str, phone: object, admitted: object, discharged: object, *,
         sex: object = "男", age: object = 68, dept: str = "内科", special: object = None,
         reason: object = None) -> list[object]:
    return [no, name, sex, age, phone, "示例镇西村 1 组", dept, "孙某某", "周某某", admitted,
            discharged, "高血压病", special, reason]


# row 1 is the header; the comments are the sheet's row numbers
ROWS: list[list[object] | None] = [
    _row("Z001", "张某某", 13900001001, datetime(2026, 11, 10, 8, 30),
         datetime(2026, 11, 17, 10, 0)),                                                   # 2
    _row("Z002", "李某某", "139 0000 1002", "2026/11/10", "2026年11月18日", sex="女",
         age="72岁", dept="外科", special="是", reason="高龄独居"),                            # 3
    _row("Z003", "王某某", "13900001003", "2026-11-18", "2026-11-12"),                       # 4
    _row("Z004", "赵某某", "13900001004", "2026-11-18", "2026-11-24"),                       # 5
    _row("Z005", "孙某某", "12345", "2026-11-10", "2026-11-17"),                             # 6
    _row("Z006", "周某某", "13900001006", "2026-11-10", "2026-11-17", age=200),              # 7
    _row("Z007", "吴某某", "13900001007", "2026-11-10", "2026-11-17", dept="眼科"),          # 8
    _row("Z008", "钱某某", "13900005678", "2026-11-09", "2026-11-16", sex="女"),             # 9
    _row("Z009", "张某某", "139-0000-1001", "2026.11.10", "20261117"),                       # 10
    None,                                                                                     # 11
    _row("Z010", "郑某某", 13900001011.0, "2026-11-15", 20261120, sex="F", age=45.0),        # 12
]


def write_xlsx(path: Path, headers: list[str], rows: list[list[object] | None],
               title: str | None = None) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.append([title])
    sheet.append(headers)
    for row in rows:
        sheet.append(row if row is not None else [])
    workbook.save(path)
    return path


@pytest.fixture
def departments(session, admin, now) -> dict[str, int]:
    return {"内科": department(session, admin, now, "内科"),
            "外科": department(session, admin, now, "外科")}


@pytest.fixture
def his_xlsx(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "出院患者.xlsx", HEADERS, ROWS)


def _count(session, model) -> int:
    return session.exec(select(func.count(model.id))).one()


# --- reading files -------------------------------------------------------------------------

def test_an_xlsx_is_read_with_its_sheet_row_numbers(his_xlsx):
    table = read_table(his_xlsx)
    assert table.name == "出院患者.xlsx"
    assert list(table.headers) == HEADERS
    assert [r.number for r in table.rows] == [2, 3, 4, 5, 6, 7, 8, 9, 10, 12]
    assert table.rows[0].cells[4] == 13900001001


def test_a_title_row_above_the_header_is_passed_over(tmp_path):
    table = read_table(write_xlsx(tmp_path / "t.xlsx", HEADERS, ROWS[:1],
                                  title="示例镇卫生院出院患者名单"))
    assert table.header_row == 2
    assert list(table.headers) == HEADERS
    assert [r.number for r in table.rows] == [3]


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-8"])
def test_a_csv_in_gbk_or_utf8_is_read(tmp_path, encoding):
    path = tmp_path / "出院.csv"
    lines = [",".join(HEADERS),
             "Z001,张某某,男,68,13900001001,示例镇西村,内科,孙某某,周某某,2026-11-10,2026-11-17,"
             "高血压病,否,"]
    path.write_bytes("\r\n".join(lines).encode(encoding))
    table = read_table(path)
    assert list(table.headers) == HEADERS
    assert table.rows[0].number == 2
    assert table.rows[0].cells[1] == "张某某"


@pytest.mark.parametrize(("name", "content"), [
    ("图片.xlsx", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    ("损坏.xlsx", b"PK\x03\x04 not really a zip"),
    ("二进制.csv", b"\x00\x01\x02\x03\xff\xfe"),
    ("空.csv", b""),
    ("空白.csv", b"\r\n,,\r\n"),
    ("说明.docx", b"PK\x03\x04"),
    ("名单.pdf", b"%PDF-1.4"),
])
def test_a_file_that_is_not_a_spreadsheet_gets_a_clear_message(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ValidationError) as caught:
        read_table(path)
    assert caught.value.field == "file"
    assert "无法读取该文件" in caught.value.message or "没有内容" in caught.value.message


def test_an_old_xls_file_is_refused_with_how_to_convert_it(tmp_path):
    path = tmp_path / "出院.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    with pytest.raises(ValidationError, match="另存为"):
        read_table(path)


def test_a_header_without_rows_says_so(tmp_path):
    with pytest.raises(ValidationError, match="只有表头"):
        read_table(write_xlsx(tmp_path / "t.xlsx", HEADERS, []))


def test_a_wrong_dimension_tag_does_not_cut_columns_off(tmp_path):
    """Some exporters write <dimension ref="A1"/>; every cell is still read."""
    import re
    import zipfile

    good = write_xlsx(tmp_path / "good.xlsx", HEADERS, ROWS[:1])
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, n = re.subn(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1"/>', data)
                assert n == 1
            dst.writestr(item, data)
    table = read_table(bad)
    assert list(table.headers) == HEADERS
    assert table.rows[0].cells[1] == "张某某"


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(ValidationError, match="找不到文件"):
        read_table(tmp_path / "没有.xlsx")


# --- the mapping ---------------------------------------------------------------------------

def test_the_mapping_is_guessed_from_his_header_names():
    mapping = guess_mapping(HEADERS)
    assert {f: HEADERS[c] for f, c in mapping.items()} == {
        "inpatient_no": "住院号", "patient_name": "患者姓名", "sex": "性别", "age": "年龄",
        "phone": "联系电话", "address": "家庭住址", "department_id": "出院科室",
        "doctor_name": "管床医生", "nurse_name": "责任护士", "admitted_on": "入院时间",
        "discharged_on": "出院时间", "diagnosis": "出院诊断", "special": "是否特殊患者",
        "special_reason": "特殊原因",
    }


@pytest.mark.parametrize(("headers", "field", "expected"), [
    (["入院科室", "出院科室"], "department_id", "出院科室"),
    (["科室"], "department_id", "科室"),
    (["手机号码"], "phone", "手机号码"),
    (["患者联系电话"], "phone", "患者联系电话"),
    (["* 出院日期（必填）"], "discharged_on", "* 出院日期（必填）"),
    (["主治医师", "医生"], "doctor_name", "主治医师"),
    (["姓名", "医生姓名"], "patient_name", "姓名"),
])
def test_header_synonyms(headers, field, expected):
    assert headers[guess_mapping(headers)[field]] == expected


def test_a_short_synonym_is_not_found_inside_another_header():
    assert "discharged_on" not in guess_mapping(["出院诊断", "出院科室"])


def test_missing_required_columns_are_named(his_xlsx):
    table = read_table(his_xlsx)
    mapping = guess_mapping(table.headers)
    del mapping["age"], mapping["discharged_on"]
    with pytest.raises(ValidationError) as caught:
        check_mapping(table, mapping)
    assert caught.value.field == "mapping"
    assert caught.value.message == "缺少必需的列：年龄、出院日期"


def test_a_column_used_for_two_fields_is_refused(his_xlsx):
    table = read_table(his_xlsx)
    mapping = guess_mapping(table.headers) | {"address": 1}
    with pytest.raises(ValidationError, match="不能同时作为姓名和住址"):
        check_mapping(table, mapping)


def test_required_fields_are_those_the_form_requires():
    assert [f.label for f in IMPORT_FIELDS if f.required] == [
        "姓名", "性别", "年龄", "联系电话", "出院科室", "主治医生", "入院日期", "出院日期"]


# --- cells ---------------------------------------------------------------------------------

@pytest.mark.parametrize("value", [
    date(2026, 11, 16), datetime(2026, 11, 16, 14, 5), "2026-11-16", "2026/11/16", "2026.11.16",
    "2026年11月16日", "20261116", 20261116, "2026-11-16 14:05", "2026/11/16 14:05:33",
    "2026-11-16T14:05:00", "2026年11月16日 8:00", "２０２６－１１－１６",
])
def test_dates(value):
    assert parse_date(value, "discharged_on") == date(2026, 11, 16)


@pytest.mark.parametrize(("value", "message"), [
    ("2026-02-30", "不是有效的日期"), ("16/11/2026", "无法识别"), ("昨天", "无法识别"),
])
def test_bad_dates_name_the_field(value, message):
    with pytest.raises(ValidationError, match=f"出院日期“{value}”{message}"):
        parse_date(value, "discharged_on")


@pytest.mark.parametrize(("value", "expected"), [
    ("男", "male"), ("女", "female"), ("M", "male"), ("f", "female"), ("男性", "male"),
    ("女性", "female"), (1, "male"), ("2", "female"), (None, None),
])
def test_sex(value, expected):
    assert parse_sex(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (68, 68), (68.0, 68), ("68", 68), ("68岁", 68), ("68.0", 68), ("2岁3月", 2), ("5月", 0),
    ("12天", 0), (None, None),
])
def test_age(value, expected):
    assert parse_age(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (13900001234, "13900001234"), (13900001234.0, "13900001234"),
    (" 139 0000 1234", "139 0000 1234"),
    ("13900001234/13900005678", "13900001234"), (None, ""),
])
def test_phone_cells(value, expected):
    assert parse_phone(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("是", True), ("否", False), ("Y", True), ("n", False), (1, True), (0, False), ("1", True),
    (True, True), (None, None),
])
def test_special_flag(value, expected):
    assert parse_flag(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("高龄独居", ("elderly_alone", "")), ("失能", ("disabled", "")),
    ("其他：独居且行动不便", ("other", "独居且行动不便")), ("其他（家属在外地）", ("other", "家属在外地")),
    (None, (None, "")),
])
def test_special_reason(value, expected):
    assert parse_reason(value) == expected


def test_an_unknown_special_reason_lists_the_choices():
    with pytest.raises(ValidationError, match="应为：高龄独居、失能、病情危重、有纠纷隐患、其他"):
        parse_reason("脾气差")


# --- preview and import ---------------------------------------------------------------------

@pytest.fixture
def stored(session, admin, now, departments):
    """钱某某 13900005678, discharged 2026-11-16 from 内科, already registered."""
    return register(session, admin, now, departments["内科"])


def test_preview_sorts_rows_into_good_duplicate_and_bad(session, his_xlsx, departments, stored,
                                                        today):
    table = read_table(his_xlsx)
    discharges_before = _count(session, Discharge)
    preview = preview_import(session=session, table=table, mapping=guess_mapping(table.headers),
                             today=today)
    assert [n for n, _ in preview.good] == [2, 3, 12]
    assert [d.patient_name for _, d in preview.good] == ["张某某", "李某某", "郑某某"]
    assert dict(preview.errors) == {
        4: "出院日期不能早于入院日期（文件中为“2026-11-12”）",
        5: "出院日期不能晚于今天（文件中为“2026-11-24”）",
        6: "电话格式不正确：请填写11位手机号或带区号的固定电话（如 0538-1234567，分机可写 -123）"
           "（文件中为“12345”）",
        7: "年龄应在 0 到 130 岁之间（文件中为“200”）",
        8: "科室“眼科”不存在或已停用，请先在“设置 → 科室”中添加",
    }
    assert preview.errors[0].text == "第 4 行：出院日期不能早于入院日期（文件中为“2026-11-12”）"
    assert dict(preview.duplicates) == {
        9: "与已登记的出院记录重复（姓名、电话、出院日期相同），已跳过",
        10: "与第 2 行重复（姓名、电话、出院日期相同），已跳过",
    }
    assert _count(session, Discharge) == discharges_before  # a preview saves nothing


def test_import_saves_the_good_rows_with_their_tasks_and_one_audit_row(
        session, admin, his_xlsx, departments, stored, now):
    table = read_table(his_xlsx)
    audits_before = audit_count(session)
    result = import_discharges(session=session, actor=admin, table=table,
                               mapping=guess_mapping(table.headers), now=now)
    assert result.imported == 3
    assert [r.row_no for r in result.duplicates] == [9, 10]
    assert [r.row_no for r in result.errors] == [4, 5, 6, 7, 8]

    imported = session.exec(select(Discharge).where(Discharge.source == "import")
                            .order_by(Discharge.id)).all()
    assert [d.id for d in imported] == result.discharge_ids
    zhang, li, zheng = imported
    assert (zhang.patient_name, zhang.sex, zhang.age, zhang.phone, zhang.inpatient_no) == (
        "张某某", "male", 68, "13900001001", "Z001")
    assert (zhang.admitted_on, zhang.discharged_on) == (date(2026, 11, 10), date(2026, 11, 17))
    assert (li.sex, li.age, li.phone, li.department_id) == (
        "female", 72, "13900001002", departments["外科"])
    assert (li.special, li.special_reason) == (True, "elderly_alone")
    assert (zheng.sex, zheng.age, zheng.phone, zheng.discharged_on) == (
        "female", 45, "13900001011", date(2026, 11, 20))
    assert {d.created_by for d in imported} == {admin.display_name}
    assert {d.created_at for d in imported} == {now}

    tasks = session.exec(select(FollowUpTask).where(
        FollowUpTask.discharge_id.in_(result.discharge_ids))).all()
    tiers = sorted((t.discharge_id, t.tier) for t in tasks)
    assert tiers == [(zhang.id, 1), (zhang.id, 2), (li.id, 1), (li.id, 2), (li.id, 3),
                     (zheng.id, 1), (zheng.id, 2)]
    tier1 = next(t for t in tasks if t.discharge_id == zhang.id and t.tier == 1)
    assert (tier1.window_start, tier1.window_end, tier1.assignee) == (
        date(2026, 11, 18), date(2026, 11, 24), "孙某某、周某某")

    assert audit_count(session) == audits_before + 1
    audit = audit_rows(session)[-1]
    assert (audit.action, audit.table_name, audit.username) == ("import", "discharge", "zhuren")
    assert '"file": "出院患者.xlsx"' in audit.after and '"imported": 3' in audit.after


def test_importing_the_same_file_again_imports_nothing_new(session, admin, his_xlsx, departments,
                                                           now):
    table = read_table(his_xlsx)
    mapping = guess_mapping(table.headers)
    first = import_discharges(session=session, actor=admin, table=table, mapping=mapping, now=now)
    audits = audit_count(session)
    again = import_discharges(session=session, actor=admin, table=table, mapping=mapping, now=now)
    assert again.imported == 0
    assert len(again.duplicates) == first.imported + len(first.duplicates)
    assert audit_count(session) == audits  # nothing imported, nothing to audit


def test_a_gbk_csv_imports(session, member, departments, now, tmp_path):
    path = tmp_path / "his.csv"
    path.write_bytes("\r\n".join([
        "姓名,性别,年龄,电话,科室,医生,入院日期,出院日期,特殊原因",
        "冯某某,女,80岁,13900002001,内科,孙某某,2026/11/12,2026/11/19,其他：子女在外地",
        "陈某某,男,55,13900002002,外科,赵某某,2026/11/12,2026/11/20,",
    ]).encode("gbk"))
    table = read_table(path)
    result = import_discharges(session=session, actor=member, table=table,
                               mapping=guess_mapping(table.headers), now=now)
    assert (result.imported, result.errors, result.duplicates) == (2, [], [])
    feng = session.get(Discharge, result.discharge_ids[0])
    assert (feng.patient_name, feng.special, feng.special_reason, feng.special_note) == (
        "冯某某", True, "other", "子女在外地")
    assert feng.created_by == member.display_name


def test_an_inactive_department_is_a_row_error(session, admin, departments, now, tmp_path):
    update_department(session=session, actor=admin, department_id=departments["外科"],
                      name="外科", is_clinical=True, phone="", active=False, now=now)
    table = read_table(write_xlsx(tmp_path / "t.xlsx", HEADERS, [ROWS[1]]))
    preview = preview_import(session=session, table=table, mapping=guess_mapping(table.headers),
                             today=now.date())
    assert preview.errors == [(2, "科室“外科”不存在或已停用，请先在“设置 → 科室”中添加")]


def test_empty_required_cells_and_unreadable_cells_are_row_errors(session, departments, now,
                                                                  tmp_path):
    rows = [_row("", "", "13900003001", "2026-11-10", "2026-11-17"),
            _row("", "韩某某", "13900003002", "2026-11-10", "2026-11-17", sex="未知"),
            _row("", "杨某某", "13900003003", "2026-11-10", "下周一"),
            _row("", "朱某某", "", "2026-11-10", "2026-11-17"),
            _row("", "秦某某", "13900003005", "2026-11-10", "2026-11-17", special="是")]
    table = read_table(write_xlsx(tmp_path / "t.xlsx", HEADERS, rows))
    preview = preview_import(session=session, table=table, mapping=guess_mapping(table.headers),
                             today=now.date())
    assert preview.good == []
    assert dict(preview.errors) == {
        2: "请填写患者姓名",
        3: "性别“未知”无法识别，应为“男”或“女”",
        4: "出院日期“下周一”无法识别，请写成 2026-11-16 的形式",
        5: "请填写联系电话",
        6: "请填写特殊患者的原因",
    }


def test_a_bad_mapping_is_refused_before_anything_is_read(session, admin, his_xlsx, departments,
                                                          now):
    table = read_table(his_xlsx)
    with pytest.raises(ValidationError, match="缺少必需的列：出院科室"):
        import_discharges(session=session, actor=admin, table=table,
                          mapping=guess_mapping(table.headers) | {"department_id": None}, now=now)
    assert _count(session, Discharge) == 0


def test_nothing_is_saved_without_the_permission(session, member, his_xlsx, departments, now,
                                                 monkeypatch):
    grants = dict(roles._GRANTS)
    grants[Role.office_member] = grants[Role.office_member] - {Permission.record_followup}
    monkeypatch.setattr(roles, "_GRANTS", grants)
    table = read_table(his_xlsx)
    audits = audit_count(session)
    with pytest.raises(PermissionDenied, match="无权登记出院患者和回访"):
        import_discharges(session=session, actor=member, table=table,
                          mapping=guess_mapping(table.headers), now=now)
    assert _count(session, Discharge) == 0
    assert _count(session, FollowUpTask) == 0
    assert audit_count(session) == audits


def test_nothing_is_saved_for_a_deactivated_user(session, admin, member, his_xlsx, departments,
                                                 now):
    users.update_user(session=session, actor=admin, user_id=member.user_id,
                      display_name=member.display_name, role=member.role, active=False, now=now)
    table = read_table(his_xlsx)
    with pytest.raises(PermissionDenied):
        import_discharges(session=session, actor=member, table=table,
                          mapping=guess_mapping(table.headers), now=now)
    assert _count(session, Discharge) == 0


def test_a_failure_half_way_leaves_nothing_behind(session, admin, his_xlsx, departments, now,
                                                  monkeypatch):
    from desktop_app.db.services import discharge_import

    def broken(discharge, windows):
        raise RuntimeError("boom")

    monkeypatch.setattr(discharge_import, "new_tasks", broken)
    table = read_table(his_xlsx)
    with pytest.raises(RuntimeError):
        import_discharges(session=session, actor=admin, table=table,
                          mapping=guess_mapping(table.headers), now=now)
    assert _count(session, Discharge) == 0


def test_a_second_department_with_the_same_name_elsewhere_is_not_needed(session, admin, now,
                                                                        tmp_path):
    """Department names are matched after NFKC and trimming (full-width spaces, etc.)."""
    dept = create_department(session=session, actor=admin, name="妇产科", is_clinical=True,
                             phone="", now=now).id
    rows = [_row("", "褚某某", "13900004001", "2026-11-10", "2026-11-17", dept=" 妇产科　")]
    table = read_table(write_xlsx(tmp_path / "t.xlsx", HEADERS, rows))
    preview = preview_import(session=session, table=table, mapping=guess_mapping(table.headers),
                             today=now.date())
    assert [d.department_id for _, d in preview.good] == [dept]
