"""The registration form: saved through the tab and found in the list with the right deadline;
key elements missing → the message under the field and nothing saved; live deadline."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QDate

from desktop_app.records.matter_rows import MatterFilter
from desktop_app.db.services.matters import list_matters
from desktop_app.db.services.departments import list_departments, list_staff
from desktop_app.ui.widgets.inputs import to_qdatetime
from desktop_app.ui.complaints.register_dialog import RegisterDialog

from tests.support.clock import FIXED_NOW, FIXED_TODAY
from tests.support.matters import complaint_input as matter_input


def fill_valid(dialog: RegisterDialog) -> None:
    """A complaint received Fri 2026-11-20 10:00 about 内科's 张某某."""
    dialog.received_edit.setDateTime(to_qdatetime(datetime(2026, 11, 20, 10, 0)))
    dialog.set_channel("walk_in")
    dialog.set_request_type("complaint")
    dialog.name_edit.setText("李某某")
    dialog.phone_edit.setText("13800001234")
    dialog.relation_combo.setCurrentText("家属")
    dialog.department_combo.setCurrentIndex(dialog.department_combo.findText("内科"))
    dialog.staff_combo.setCurrentIndex(dialog.staff_combo.findText("张某某"))
    dialog.category_combo.setCurrentIndex(dialog.category_combo.findData("attitude"))
    dialog.content_edit.setPlainText("门诊候诊时医生态度生硬，未解释检查结果")


def make_dialog(qtbot, db, actor, initial=None) -> RegisterDialog:
    with db.session() as session:
        departments = list_departments(session=session)
        staff = list_staff(session=session)
    dialog = RegisterDialog(None, db, actor, departments, staff, FIXED_NOW, initial)
    qtbot.addWidget(dialog)
    return dialog


def saved(db) -> list:
    with db.session() as session:
        return list_matters(session=session, filters=MatterFilter(), today=FIXED_TODAY)


def test_register_through_the_form_and_find_it_in_the_list(make_tab, member, departments,
                                                          dialogs) -> None:
    tab = make_tab(member)
    assert tab.model.rowCount() == 0
    dialogs.drive(RegisterDialog, fill_valid)
    tab.register_button.click()

    form = dialogs.last
    # Fri 2026-11-20 + 10 working days (23–27 Nov, 30 Nov, 1–4 Dec) = Fri 2026-12-04
    assert form.deadline_text() == "办理期限：2026-12-04（10个工作日）"
    assert form.receiver_combo.currentText() == "卫某某"  # 首诉责任人: the logged-in user
    rows = tab.visible_rows()
    assert len(rows) == 1
    row = rows[0]
    assert row.serial == "2026-0001"
    assert row.deadline == date(2026, 12, 4) and not row.provisional
    assert row.complainant == "李某某" and row.phone_masked == "138****1234"
    assert tab.selected_matter() == row
    shown = [tab.proxy.index(0, c).data() for c in range(9)]
    assert shown == ["2026-0001", "2026-11-20 10:00", "投诉", "现场来访", "李某某",
                     "138****1234", row.target, "已登记", "2026-12-04"]
    assert "内科" in row.target and "张某某" in row.target


@pytest.mark.parametrize(("clear", "field", "fragment"), [
    (lambda d: d.content_edit.setPlainText(""), "content", "反映问题"),
    (lambda d: (d.department_combo.setCurrentIndex(0), d.staff_combo.setCurrentIndex(0)),
     "target_department_id", ""),
    (lambda d: d.category_combo.setCurrentIndex(0), "category", "问题分类"),
])
def test_missing_key_element_shown_at_the_field_nothing_saved(qtbot, db, member, departments,
                                                             clear, field, fragment) -> None:
    dialog = make_dialog(qtbot, db, member)
    fill_valid(dialog)
    clear(dialog)
    dialog.accept()
    assert dialog.result_value is None
    message = dialog.errors.text(field)
    assert message and fragment in message
    assert saved(db) == []
    clear_fields = [f for f in ("content", "category", "target_department_id") if f != field]
    assert all(dialog.errors.text(f) == "" for f in clear_fields)


def test_target_error_shown_under_the_target_row_for_any_target_field(qtbot, db, member,
                                                                     departments) -> None:
    dialog = make_dialog(qtbot, db, member)
    for name in ("target_staff_id", "target_text", "target"):
        assert dialog.errors._labels[name] is dialog.errors._labels["target_department_id"]


def test_live_deadline_follows_type_received_time_and_upstream(qtbot, db, member,
                                                               departments) -> None:
    dialog = make_dialog(qtbot, db, member)
    fill_valid(dialog)
    dialog.set_request_type("consultation")
    assert dialog.deadline_text() == "办理期限：2026-11-22（2个自然日）"
    dialog.set_request_type("suggestion")
    dialog.received_edit.setDateTime(to_qdatetime(datetime(2026, 12, 28, 9, 0)))
    assert "待核定：该年节假日尚未录入" in dialog.deadline_text()  # counts into 2027
    dialog.received_edit.setDateTime(to_qdatetime(datetime(2026, 11, 20, 10, 0)))
    dialog.set_channel("hotline_12345")
    assert not dialog.external_box.isHidden()
    dialog.upstream_check.setChecked(True)
    dialog.upstream_edit.setDate(QDate(2026, 11, 27))
    assert dialog.deadline_text() == "办理期限：2026-11-27（上级回复期限早于本院期限）"
    dialog.set_channel("walk_in")
    assert dialog.external_box.isHidden()
    assert dialog.deadline_text() == "办理期限：2026-12-04（10个工作日）"


def test_external_order_saved_with_its_upstream_fields(qtbot, db, member, departments) -> None:
    dialog = make_dialog(qtbot, db, member)
    fill_valid(dialog)
    dialog.set_channel("hotline_12345")
    dialog.order_edit.setText("GD20261120001")
    dialog.signed_edit.setDateTime(to_qdatetime(datetime(2026, 11, 20, 11, 0)))
    dialog.upstream_check.setChecked(True)
    dialog.upstream_edit.setDate(QDate(2026, 11, 27))
    data = dialog.matter_input()
    assert (data.upstream_order_no, data.signed_at, data.upstream_deadline) == (
        "GD20261120001", datetime(2026, 11, 20, 11, 0), date(2026, 11, 27))
    dialog.accept()
    row = dialog.result_value
    assert row is not None and row.deadline == date(2026, 11, 27)


def test_an_order_not_yet_signed_for_has_no_sign_for_time(qtbot, db, member, departments) -> None:
    dialog = make_dialog(qtbot, db, member)
    fill_valid(dialog)
    dialog.set_channel("hotline_12345")
    dialog.order_edit.setText("GD20261120002")
    dialog.signed_check.setChecked(False)
    assert not dialog.signed_edit.isEnabled()
    assert dialog.matter_input().signed_at is None


def test_internal_channel_sends_no_upstream_fields(qtbot, db, member, departments) -> None:
    dialog = make_dialog(qtbot, db, member)
    fill_valid(dialog)
    dialog.order_edit.setText("遗留的编号")
    data = dialog.matter_input()
    assert (data.upstream_order_no, data.signed_at, data.upstream_deadline) == ("", None, None)


def test_anonymous_disables_name_and_phone(qtbot, db, member, departments) -> None:
    dialog = make_dialog(qtbot, db, member)
    fill_valid(dialog)
    dialog.anonymous_check.setChecked(True)
    assert not dialog.name_edit.isEnabled() and not dialog.phone_edit.isEnabled()
    data = dialog.matter_input()
    assert data.anonymous and data.complainant_name == "" and data.phone == ""
    dialog.accept()
    assert dialog.result_value.complainant == "匿名"


def test_staff_follow_the_department(qtbot, db, member, departments) -> None:
    dialog = make_dialog(qtbot, db, member)
    assert dialog.staff_combo.count() == 3  # （不指定人员）, 张某某（内科）, 赵某某（外科）
    dialog.department_combo.setCurrentIndex(dialog.department_combo.findText("外科"))
    assert [dialog.staff_combo.itemText(i) for i in range(dialog.staff_combo.count())] == [
        "（不指定人员）", "赵某某"]


def test_channels_grouped_internal_then_external(qtbot, db, member, departments) -> None:
    dialog = make_dialog(qtbot, db, member)
    combo = dialog.channel_combo
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert texts[0].strip("— ") == "内部渠道"
    assert texts.index("—— 外部渠道 ——") > texts.index("投诉信箱/邮箱/微信公众号")
    assert not combo.model().item(0).isEnabled()
    assert dialog.channel == "walk_in"


def test_prefill_from_another_tab(qtbot, db, member, departments) -> None:
    initial = matter_input(departments["外科"], channel="discharge_followup",
                           content="出院回访时反映换药等候时间长", category=None,
                           source_ref="followup:12", received_at=None)
    dialog = make_dialog(qtbot, db, member, initial)
    assert dialog.channel == "discharge_followup"
    assert dialog.content_edit.toPlainText() == "出院回访时反映换药等候时间长"
    assert dialog.department_combo.currentText() == "外科"
    dialog.accept()
    assert "category" in dialog.errors._labels and dialog.errors.text("category")
    dialog.category_combo.setCurrentIndex(dialog.category_combo.findData("efficiency"))
    dialog.accept()
    assert dialog.result_value is not None
    assert dialog.matter_input().source_ref == "followup:12"


def test_cancel_saves_nothing(qtbot, db, member, departments, make_tab, monkeypatch) -> None:
    tab = make_tab(member)
    monkeypatch.setattr(RegisterDialog, "ask", classmethod(lambda cls, *a: None))
    assert tab.register_new() is None
    assert saved(db) == []
