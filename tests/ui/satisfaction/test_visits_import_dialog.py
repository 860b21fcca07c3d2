"""The 导入门诊人次 dialog: load an .xlsx, the columns preset from its headers, the preview (new,
replaced, unchanged, wrong and 合计 rows, the warning below the questionnaires), the import, the
figures in the database; a wrong row keeps 导入 off; file and column errors at the field."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from sqlmodel import select

from desktop_app.db.database import Database
from desktop_app.db.models import OutpatientVisits
from desktop_app.db.services import departments as dept_svc
from desktop_app.db.services import users
from desktop_app.records.survey_rows import SurveyInput, VisitsInput
from desktop_app.db.services.surveys import record_survey, set_visits
from desktop_app.db.tx import Actor
from desktop_app.domain.roles import Role
from desktop_app.ui.satisfaction.visits_import_dialog import (
    PreviewLine,
    VisitsImportDialog,
    VisitsPreviewModel,
)

T0 = datetime(2026, 11, 23, 9, 30)  # the fixed time of these tests

TODAY = date(2026, 11, 23)
DAY = date(2026, 11, 19)

ROWS = [
    ["日期", "科室", "门诊人次"],
    [datetime(2026, 11, 19), "内科", 40],   # 2 replaces 30
    ["2026-11-19", "外科", 2],              # 3 new, below the 3 questionnaires
    ["2026-11-20", "内科", 38],             # 4 new
    ["合计", None, 80],                     # 5 left out
]


@pytest.fixture
def vdb(tmp_path: Path, fresh_db_file) -> Iterator[Database]:
    database = Database.open(fresh_db_file(tmp_path / "v.sqlite3", T0), now=T0)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def vmember(vdb: Database) -> Actor:
    with vdb.session() as session:
        admin = users.create_first_admin(session=session, display_name="王某某",
                                         username="admin", password="Zhuren2026", now=T0)
        row = users.create_user(session=session, actor=admin, username="qiantai",
                                display_name="卫某某", role=Role.office_member,
                                password="Qiantai2026", now=T0)
        for name in ("内科", "外科"):
            dept_svc.create_department(session=session, actor=admin, name=name, is_clinical=True, now=T0)
    return Actor(row.id, row.username, row.display_name, row.role)


@pytest.fixture
def deps(vdb: Database, vmember: Actor) -> dict[str, int]:
    with vdb.session() as session:
        return {d.name: d.id for d in dept_svc.list_departments(session=session)}


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


@pytest.fixture
def dialog(qtbot, vdb, vmember) -> VisitsImportDialog:
    dialog = VisitsImportDialog(vdb, vmember, T0)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _stored(vdb: Database) -> dict[tuple[date, int], int]:
    with vdb.session() as session:
        return {(v.day, v.department_id): v.visits
                for v in session.exec(select(OutpatientVisits)).all()}


def _cells(model: VisitsPreviewModel, row: int) -> list[str]:
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


def test_load_preview_and_import(dialog, vdb, vmember, deps, tmp_path, qtmodeltester):
    with vdb.session() as session:
        set_visits(session=session, actor=vmember, today=TODAY,
                   data=VisitsInput(DAY, deps["内科"], 30), now=T0)
        form = SurveyInput(kind="outpatient", day=DAY, department_id=deps["外科"],
                           answers={"attitude": "satisfied"})
        for _ in range(3):
            record_survey(session=session, actor=vmember, today=TODAY, data=form, now=T0)
    assert not dialog.next_button.isEnabled()
    assert dialog.load_file(_xlsx(tmp_path / "门诊人次.xlsx", ROWS))
    assert dialog.mapping == {"day": 0, "department": 1, "visits": 2}
    assert dialog.next_button.isEnabled()

    qtbot_click(dialog.next_button)
    assert dialog.stack.currentIndex() == 1
    assert dialog.good_label.text() == "可导入 3 行"
    assert dialog.warning_label.text() == "需核对 1 行"
    assert dialog.error_label.text() == "有误 0 行"
    assert "新增 2 行、更新 1 行" in dialog.summary_label.text()
    assert "合计行 1 行不导入" in dialog.summary_label.text()
    model = dialog.lines_model
    qtmodeltester.check(model)
    assert model.rowCount() == 4
    assert _cells(model, 0) == ["2", "2026-11-19", "内科", "40", "30", "更新", ""]
    assert _cells(model, 1)[:6] == ["3", "2026-11-19", "外科", "2", "", "新增"]
    assert "少于已录入的 3 份门诊问卷" in _cells(model, 1)[6]
    assert model.data(model.index(1, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert _cells(model, 3)[5:] == ["不导入", "合计行，不导入"]
    assert dialog.import_button.isEnabled() and dialog.import_button.text() == "导入 3 行"
    assert "仍可导入" in dialog.hint_label.text()
    assert _stored(vdb) == {(DAY, deps["内科"]): 30}  # the preview saved nothing

    qtbot_click(dialog.import_button)
    assert dialog.import_result is not None and dialog.import_result.imported == 3
    assert "新增 2 条、更新 1 条、不变 0 条" in dialog.result_label.text()
    assert not dialog.import_button.isVisible() and dialog.close_button.text() == "完成"
    assert _stored(vdb) == {(DAY, deps["内科"]): 40, (DAY, deps["外科"]): 2,
                            (date(2026, 11, 20), deps["内科"]): 38}


def test_a_wrong_row_keeps_import_off(dialog, vdb, deps, tmp_path, message_boxes):
    rows = ROWS[:2] + [["2026-11-19", "眼科", 5], ["2026-11-30", "外科", 5]]
    assert dialog.load_file(_xlsx(tmp_path / "bad.xlsx", rows))
    assert dialog.show_preview()
    assert dialog.error_label.text() == "有误 2 行"
    assert not dialog.import_button.isEnabled()
    assert "改正后重新选择文件" in dialog.hint_label.text()
    model = dialog.lines_model
    assert _cells(model, 1)[1:4] == ["2026-11-19", "眼科", "5"]
    assert _cells(model, 1)[5] == "有误" and "科室“眼科”不存在" in _cells(model, 1)[6]
    assert "晚于今天" in _cells(model, 2)[6]
    assert dialog.run_import() is None
    assert _stored(vdb) == {} and message_boxes == []
    dialog.go_back()
    assert dialog.stack.currentIndex() == 0


def test_wrong_columns_are_shown_at_the_mapping(dialog, deps, tmp_path):
    path = _xlsx(tmp_path / "x.xlsx", [["姓名", "科室", "电话"], ["张某某", "内科", "139"]])
    assert dialog.load_file(path)
    assert dialog.mapping == {"day": None, "department": 1, "visits": None}
    assert not dialog.show_preview()
    assert "文件中找不到日期、门诊人次列" in dialog.errors.text("mapping")
    assert dialog.stack.currentIndex() == 0
    dialog.set_column("day", 0)
    dialog.set_column("visits", 2)
    assert dialog.show_preview()  # every row wrong, but shown
    assert dialog.error_label.text() == "有误 1 行"


def test_an_unreadable_file_is_shown_at_the_file(dialog, tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"x")
    assert not dialog.load_file(path)
    assert "不支持旧版 Excel" in dialog.errors.text("file")
    assert not dialog.next_button.isEnabled() and not dialog.mapping_box.isEnabled()
    assert not dialog.show_preview()
    assert "请先选择要导入的文件" in dialog.errors.text("file")


def test_ask_returns_none_when_cancelled(qtbot, vdb, vmember, monkeypatch):
    monkeypatch.setattr(VisitsImportDialog, "exec", lambda self: 0)
    assert VisitsImportDialog.ask(None, vdb, vmember, T0) is None


def test_the_preview_model_on_its_own(qtmodeltester):
    model = VisitsPreviewModel()
    model.set_lines([PreviewLine(3, "2026-11-19", "外科", "2", "", "new", "需核对"),
                     PreviewLine(2, "", "", "", "", "error", "日期为空")])
    qtmodeltester.check(model)
    assert model.line_at(0).row_no == 2 and model.line_at(1).warning
    assert model.headerData(0, Qt.Orientation.Horizontal) == "行号"
    assert replace(model.line_at(1), note="").warning is False


def qtbot_click(button) -> None:
    button.click()
