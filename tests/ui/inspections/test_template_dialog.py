"""The checklist template editor (issue 5 §1, DESIGN §1.5): edits make a new version, and an
inspection recorded with version 1 keeps version 1's items."""

from __future__ import annotations

import pytest

from desktop_app.db.database import Database
from desktop_app.db.services.inspections import start_inspection
from desktop_app.db.services.inspections_query import get_inspection, list_template_versions
from desktop_app.db.tx import Actor
from desktop_app.domain.inspections import INSPECTION_AREAS, default_checklist
from desktop_app.ui.inspections import template_dialog
from desktop_app.ui.inspections.template_dialog import (
    AreaItemsModel, ChecklistTableModel, TemplateDialog, VersionTableModel,
)
from tests.support.inspections import FIRE_EXIT, signed
from tests.support.clock import FIXED_NOW

NEW_ITEM = "配电室门窗完好，有防鼠板"
REWORDED = "消防通道、安全出口畅通，疏散指示标志和应急照明完好"


@pytest.fixture
def open_editor(qtbot, db: Database):
    def make(actor: Actor) -> TemplateDialog:
        dialog = TemplateDialog(None, db, actor, lambda: FIXED_NOW)
        qtbot.addWidget(dialog)
        return dialog
    return make


def texts(dialog: TemplateDialog) -> list[str]:
    return dialog.model.texts()


def test_before_any_version_the_default_is_shown(open_editor, duty):
    dialog = open_editor(duty)
    assert dialog.version_label.text().startswith("当前使用：程序自带的默认检查表")
    assert "保存后生成第 1 版" in dialog.version_note.text()
    assert [dialog.area_list.item(i).text() for i in range(6)][0] == "卫生（5 项）"
    assert dialog.model.entries() == list(default_checklist())
    assert not dialog.save_button.isEnabled()  # nothing changed yet


def test_edits_make_version_2_and_an_old_inspection_keeps_version_1(open_editor, duty, db):
    with db.session() as session:
        old = signed(session, duty, FIXED_NOW)
    dialog = open_editor(duty)
    assert dialog.version_label.text().startswith("当前使用：第 1 版")
    assert "保存后生成第 2 版" in dialog.version_note.text()
    assert "已有的检查记录保留原来的检查项" in dialog.version_note.text()

    dialog.select_area("安全")
    assert dialog.model.area == "安全" and dialog.model.number(0) == FIRE_EXIT
    assert dialog.set_item_text(0, REWORDED)
    row = dialog.add_item(NEW_ITEM)
    assert texts(dialog)[row] == NEW_ITEM
    assert dialog.area_list.currentItem().text() == "安全（7 项）"
    dialog.move_selected(-1)  # the new item one up
    assert texts(dialog)[-2] == NEW_ITEM
    dialog.select_area("疫情防控")
    dialog.items_view.selectRow(0)
    dialog.remove_selected()
    assert dialog.save_button.isEnabled()
    dialog.note_edit.setText("按上级要求调整")

    saved = dialog.save()
    assert saved is not None and (saved.version, saved.note) == (2, "按上级要求调整")
    assert dialog.status_label.text() == "已保存为第 2 版"
    assert dialog.version_label.text().startswith("当前使用：第 2 版")
    assert dialog.versions_model.rowCount() == 2 and not dialog.save_button.isEnabled()

    with db.session() as session:
        again = get_inspection(session=session, inspection_id=old.id)
        versions = list_template_versions(session=session)
        later = start_inspection(session=session, actor=duty, friday=old.friday.replace(day=27),
                                 now=FIXED_NOW)
    assert again.template_version == 1
    assert [(r.area, r.text) for r in again.results] == [(e.area, e.text)
                                                         for e in default_checklist()]
    assert [v.version for v in versions] == [2, 1]
    assert later.template_version == 2
    safety = [r.text for r in later.results if r.area == "安全"]
    assert safety[0] == REWORDED and safety[-2] == NEW_ITEM
    assert len(later.results) == len(default_checklist())  # one added, one removed

    # the history tab lists both, the old one read-only with its own items
    dialog.versions_view.selectRow(1)
    assert dialog.version_items_model.rowCount() == len(default_checklist())
    assert dialog.version_items_model.data(dialog.version_items_model.index(FIRE_EXIT - 1, 2)) \
        == default_checklist()[FIRE_EXIT - 1].text


def test_an_empty_item_is_refused_where_it_is(open_editor, duty, db):
    dialog = open_editor(duty)
    dialog.select_area("设备")
    dialog.add_item("")
    dialog.select_area("卫生")
    assert dialog.save() is None
    number = sum(1 for e in default_checklist() if e.area in ("卫生", "安全", "设备")) + 1
    assert dialog.items_error_text == f"第 {number} 项：请填写检查内容"
    assert dialog.model.area == "设备"
    assert dialog.items_view.selectionModel().selectedRows()[0].row() == dialog.model.rowCount() - 1
    with db.session() as session:
        assert list_template_versions(session=session) == []


def test_closing_with_changes_asks_first(open_editor, duty, monkeypatch):
    answers: list[str] = []
    monkeypatch.setattr(template_dialog, "_confirm",
                        lambda parent, title, text: answers.append(text) or False)
    dialog = open_editor(duty)
    dialog.add_item("新增检查项")
    dialog.reject()
    assert answers and dialog.result() == 0 and dialog.is_modified()


def test_a_front_desk_member_only_reads(open_editor, member):
    dialog = open_editor(member)
    assert not dialog.save_button.isVisibleTo(dialog)
    assert not dialog.add_button.isVisibleTo(dialog)
    assert "仅供查看" in dialog.version_note.text()
    assert dialog.save() is None
    assert not dialog.model.setData(dialog.model.index(0, 0), "改")


def test_the_template_models_pass_the_model_tester(qtmodeltester, open_editor, duty, db):
    with db.session() as session:
        signed(session, duty, FIXED_NOW)
    dialog = open_editor(duty)
    editing = AreaItemsModel()
    editing.load((e.area, e.text) for e in default_checklist())
    editing.set_area("安全")
    qtmodeltester.check(editing)
    editing.insert_item(NEW_ITEM)
    editing.move_item(0, 1)
    editing.remove_item(2)
    qtmodeltester.check(editing)
    assert [editing.count(area) for area in INSPECTION_AREAS][1] == 6

    versions = VersionTableModel()
    versions.set_rows(dialog.versions_model._rows)
    qtmodeltester.check(versions)
    items = ChecklistTableModel()
    items.set_rows(dialog.versions_model.version_at(0).items)
    qtmodeltester.check(items)
