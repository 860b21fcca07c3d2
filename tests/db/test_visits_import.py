"""Importing daily outpatient visits (issue 6 §1, bad input): reading .xlsx and CSV (UTF-8 and
GBK), guessing the columns, cell parsing, row errors, 合计 rows, the warning when visits fall below
the questionnaires, all-or-nothing saving with one audit row."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlmodel import func, select

from desktop_app.db.models import OutpatientVisits
from desktop_app.db.services.surveys import quota_day
from desktop_app.db.services.visits_import import (
    check_visits_mapping,
    guess_visits_mapping,
    import_visits,
    preview_visits_import,
    read_visits_table,
)
from desktop_app.imports.visits import parse_visits_count, parse_visits_day
from desktop_app.domain import roles
from desktop_app.domain.errors import PermissionDenied, ValidationError
from desktop_app.domain.roles import Permission, Role
from tests.support.db import audit_count, audit_rows
from tests.support.surveys import OUTPATIENT, make_departments, survey, visits


@pytest.fixture
def deps(session, admin, now) -> dict[str, int]:
    return make_departments(session, admin, now)


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


GOOD = [
    ["示例镇卫生院门诊工作量统计"],                      # a title row above the header
    ["就诊日期", "挂号科室", "门诊人次", "备注"],
    [datetime(2026, 11, 19), "内科", 40, None],
    ["2026/11/19", "外 科", "25人次", None],
    ["2026年11月20日", "内科", 38.0, None],
    ["合计", None, 103, None],
]


def _count(session) -> int:
    return session.exec(select(func.count(OutpatientVisits.id))).one()


def _visits(session) -> dict[tuple[date, int], int]:
    return {(v.day, v.department_id): v.visits
            for v in session.exec(select(OutpatientVisits)).all()}


def test_an_xlsx_is_previewed_and_imported(session, member, deps, today, now, tmp_path):
    table = read_visits_table(_xlsx(tmp_path / "门诊量.xlsx", GOOD))
    assert table.headers == ("就诊日期", "挂号科室", "门诊人次", "备注") and table.header_row == 2
    mapping = guess_visits_mapping(table.headers)
    assert mapping == {"day": 0, "department": 1, "visits": 2}
    preview = preview_visits_import(session=session, table=table, mapping=mapping, today=today)
    assert preview.can_import and not preview.errors and not preview.warnings
    assert [(r.row_no, r.day, r.department_name, r.visits, r.status) for r in preview.rows] == [
        (3, date(2026, 11, 19), "内科", 40, "new"), (4, date(2026, 11, 19), "外科", 25, "new"),
        (5, date(2026, 11, 20), "内科", 38, "new")]
    assert [i.text for i in preview.ignored] == ["第 6 行：合计行，不导入"]
    assert _count(session) == 0  # a preview saves nothing

    result = import_visits(session=session, actor=member, table=table, mapping=mapping,
                           today=today, now=now)
    assert (result.created, result.updated, result.unchanged, result.imported) == (3, 0, 0, 3)
    assert _visits(session) == {(date(2026, 11, 19), deps["内科"]): 40,
                                (date(2026, 11, 19), deps["外科"]): 25,
                                (date(2026, 11, 20), deps["内科"]): 38}
    audit = audit_rows(session)[-1]
    assert (audit.action, audit.table_name, audit.record_id) == (
        "import", "outpatient_visits", "2026-11-19..2026-11-20")
    after = json.loads(audit.after)
    assert after["created"] == 3 and after["changes"] == []
    # the log holds each new figure, so the import can be reconstructed from it
    assert after["created_rows"] == [
        {"day": "2026-11-19", "department_id": deps["内科"], "department": "内科", "visits": 40},
        {"day": "2026-11-19", "department_id": deps["外科"], "department": "外科", "visits": 25},
        {"day": "2026-11-20", "department_id": deps["内科"], "department": "内科", "visits": 38}]


def test_a_second_import_replaces_and_reports_what_changed(session, member, deps, today, now,
                                                            tmp_path):
    visits(session, member, today, date(2026, 11, 19), deps["内科"], 30)
    for _ in range(30):
        survey(session, member, today, OUTPATIENT, deps["外科"], day=date(2026, 11, 19))
    visits(session, member, today, date(2026, 11, 20), deps["内科"], 38)
    table = read_visits_table(_xlsx(tmp_path / "v.xlsx", GOOD))
    mapping = guess_visits_mapping(table.headers)
    preview = preview_visits_import(session=session, table=table, mapping=mapping, today=today)
    assert [(r.status, r.previous, r.surveys) for r in preview.rows] == [
        ("changed", 30, 0), ("new", None, 30), ("same", 38, 0)]
    # 外科 had 30 questionnaires that day: 25 visits is a warning, not a refusal
    assert [w.text for w in preview.warnings] == [
        "第 4 行：2026-11-19 外科：门诊 25 人次，少于已录入的 30 份门诊问卷，请核对"]
    assert preview.can_import
    result = import_visits(session=session, actor=member, table=table, mapping=mapping,
                           today=today, now=now)
    assert (result.created, result.updated, result.unchanged, len(result.warnings)) == (1, 1, 1, 1)
    assert quota_day(session=session, day=date(2026, 11, 19), department_id=deps["内科"]).visits \
        == 40
    after = json.loads(audit_rows(session)[-1].after)
    assert [(c["before"], c["after"]) for c in after["changes"]] == [(30, 40)]
    assert [(r["day"], r["department"], r["visits"]) for r in after["created_rows"]] == [
        ("2026-11-19", "外科", 25)]  # the unchanged 11-20 figure is only counted


BAD = [
    ["日期", "科室", "门诊人次"],
    ["2026-11-19", "内科", 40],                 # 2 good
    ["2026-11-24", "内科", 10],                 # 3 after today
    ["2026-11-19", "眼科", 10],                 # 4 unknown department
    ["2026-11-18", "内科", "很多"],             # 5 not a number
    ["2026-11-18", "外科", 12.5],               # 6 not an integer
    ["2026-11-18", "外科", -3],                 # 7 negative
    ["2026-11-18", "内科", 100001],             # 8 too many
    ["2026-11-19", "内科", 41],                 # 9 same day and department as row 2
    ["昨天", None, None],                        # 10 three problems at once
]


def test_row_errors_refuse_the_whole_import(session, member, deps, today, now, tmp_path):
    table = read_visits_table(_xlsx(tmp_path / "bad.xlsx", BAD))
    mapping = guess_visits_mapping(table.headers)
    preview = preview_visits_import(session=session, table=table, mapping=mapping, today=today)
    assert not preview.can_import and len(preview.rows) == 1
    assert [e.text for e in preview.errors] == [
        "第 3 行：日期 2026-11-24 晚于今天",
        "第 4 行：科室“眼科”不存在：请改正科室名称，或先在“设置”中添加该科室",
        "第 5 行：门诊人次“很多”不是有效的人数",
        "第 6 行：门诊人次“12.5”应为整数",
        "第 7 行：门诊人次“-3”须在 0 到 100000 之间",
        "第 8 行：门诊人次“100001”须在 0 到 100000 之间",
        "第 9 行：与第 2 行重复（2026-11-19 内科）",
        "第 10 行：日期“昨天”无法识别，请写成 2026-11-16 的形式；科室为空；门诊人次为空",
    ]
    audits = audit_count(session)
    with pytest.raises(ValidationError, match="文件中有 8 行有误，未导入任何数据") as caught:
        import_visits(session=session, actor=member, table=table, mapping=mapping, today=today,
                      now=now)
    assert caught.value.field == "file"
    assert _count(session) == 0 and audit_count(session) == audits


def test_a_deactivated_department_is_a_row_error(session, admin, deps, today, tmp_path, now):
    from desktop_app.db.services.departments import update_department

    update_department(session=session, actor=admin, department_id=deps["外科"], name="外科",
                      is_clinical=True, active=False, now=now)
    table = read_visits_table(_xlsx(tmp_path / "v.xlsx", GOOD))
    preview = preview_visits_import(session=session, table=table,
                                    mapping=guess_visits_mapping(table.headers), today=today)
    assert [e.text for e in preview.errors] == ["第 4 行：科室“外 科”已停用"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
def test_csv_in_utf8_and_gbk(session, member, deps, today, now, tmp_path, encoding):
    path = tmp_path / "visits.csv"
    path.write_bytes("统计日期,科室名称,就诊人次\n2026-11-19,内科,40\n20261120,外科,\"1,234\"\n"
                     .encode(encoding))
    table = read_visits_table(path)
    mapping = guess_visits_mapping(table.headers)
    result = import_visits(session=session, actor=member, table=table, mapping=mapping,
                           today=today, now=now)
    assert result.created == 2
    assert _visits(session)[(date(2026, 11, 20), deps["外科"])] == 1234


def test_wrong_columns_get_a_clear_message(session, member, deps, today, now, tmp_path):
    table = read_visits_table(_xlsx(tmp_path / "x.xlsx", [["姓名", "科室", "电话"],
                                                          ["张某某", "内科", "13900001234"]]))
    mapping = guess_visits_mapping(table.headers)
    assert mapping == {"department": 1}
    with pytest.raises(ValidationError, match="文件中找不到日期、门诊人次列") as caught:
        preview_visits_import(session=session, table=table, mapping=mapping, today=today)
    assert caught.value.field == "mapping"
    with pytest.raises(ValidationError, match="不能同时作为日期和门诊人次"):
        check_visits_mapping(table, {"day": 0, "department": 1, "visits": 0})
    with pytest.raises(ValidationError, match="门诊人次对应的列不在文件中"):
        check_visits_mapping(table, {"day": 0, "department": 1, "visits": 7})
    with pytest.raises(ValidationError, match="文件中找不到"):
        import_visits(session=session, actor=member, table=table, mapping=mapping, today=today,
                      now=now)
    assert _count(session) == 0


@pytest.mark.parametrize(("name", "content", "message"), [
    ("a.xls", b"whatever", "不支持旧版 Excel"),
    ("a.pdf", b"%PDF", "无法读取该文件"),
    ("a.xlsx", b"not a zip", "无法读取该文件"),
    ("a.csv", b"", "文件中没有内容"),
    ("a.csv", "日期,科室,门诊人次\n".encode(), "只有表头"),
])
def test_unreadable_files(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ValidationError, match=message) as caught:
        read_visits_table(path)
    assert caught.value.field == "file"


def test_a_missing_file(tmp_path):
    with pytest.raises(ValidationError, match="找不到文件"):
        read_visits_table(tmp_path / "none.csv")


@pytest.mark.parametrize(("value", "expected"), [
    (datetime(2026, 11, 19, 8, 0), date(2026, 11, 19)), (date(2026, 11, 19), date(2026, 11, 19)),
    ("2026-11-19", date(2026, 11, 19)), ("2026.11.19 08:00", date(2026, 11, 19)),
    ("20261119", date(2026, 11, 19)), ("2026年11月19日", date(2026, 11, 19)),
])
def test_parse_day(value, expected):
    assert parse_visits_day(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (40, 40), (40.0, 40), ("40", 40), ("40人次", 40), ("１２", 12), ("1,234", 1234), (0, 0),
])
def test_parse_count(value, expected):
    assert parse_visits_count(value) == expected


@pytest.mark.parametrize("value", [None, "", True, 1.5, "abc", -1, 100_001, "2026-02-30"])
def test_parse_count_refuses(value):
    with pytest.raises(ValidationError):
        parse_visits_count(value)


def test_parse_day_refuses_an_impossible_date():
    with pytest.raises(ValidationError, match="不是有效的日期"):
        parse_visits_day("2026-02-30")


@pytest.mark.parametrize(("headers", "expected"), [
    (["日期", "科室", "门诊人次"], {"day": 0, "department": 1, "visits": 2}),
    (["门诊科室", "门诊量", "业务日期"], {"department": 0, "visits": 1, "day": 2}),
    (["序号", "统计日期（年月日）", "科室名称", "门急诊人次合计"],
     {"day": 1, "department": 2, "visits": 3}),
])
def test_guess_mapping(headers, expected):
    assert guess_visits_mapping(headers) == expected


def test_nothing_is_saved_without_the_permission(session, member, deps, today, now, tmp_path,
                                                 monkeypatch):
    grants = dict(roles._GRANTS)
    grants[Role.office_member] = grants[Role.office_member] - {Permission.record_survey}
    monkeypatch.setattr(roles, "_GRANTS", grants)
    table = read_visits_table(_xlsx(tmp_path / "v.xlsx", GOOD))
    with pytest.raises(PermissionDenied):
        import_visits(session=session, actor=member, table=table,
                      mapping=guess_visits_mapping(table.headers), today=today, now=now)
    assert _count(session) == 0
