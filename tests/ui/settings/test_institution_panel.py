"""机构信息: saving the settings form, field errors, read-only for non-admins."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox

from desktop_app.db.services.settings import SETTING_FIELDS, get_settings
from desktop_app.domain.validation import PHONE_FORMAT_MESSAGE


def _settings(db):
    with db.session() as session:
        return get_settings(session=session)


def test_every_setting_has_an_input(make_tab, admin):
    panel = make_tab(admin).panel("institution")
    assert set(panel.inputs) == set(SETTING_FIELDS)
    assert isinstance(panel.inputs["limit_complaint_workdays"], QSpinBox)
    assert panel.inputs["limit_complaint_workdays"].suffix() == " 个工作日"
    assert panel.inputs["limit_consultation_days"].suffix() == " 个自然日"
    assert panel.inputs["sampling_ratio"].value() == round(_settings(panel.db).sampling_ratio * 100)


def test_admin_saves_name_and_complaint_phone(make_tab, admin, db, qtbot):
    tab = make_tab(admin)
    panel = tab.panel("institution")
    panel.inputs["name"].setText("示例镇卫生院")
    panel.inputs["complaint_phone"].setText("0538 1234500")
    panel.inputs["sampling_ratio"].setValue(25)
    panel.inputs["followup_tier2_end"].setValue(15)
    with qtbot.waitSignal(tab.data_changed, timeout=1000):
        panel.save_button.click()

    saved = _settings(db)  # a new session
    assert saved.name == "示例镇卫生院"
    assert saved.complaint_phone == "0538-1234500"
    assert saved.sampling_ratio == 0.25
    assert saved.followup_tier2_end == 15
    assert panel.inputs["complaint_phone"].text() == "0538-1234500"  # shown as cleaned
    assert panel.status_label.text() == "已保存"


def test_admin_sets_the_rectification_time_limit(make_tab, admin, db, qtbot):
    tab = make_tab(admin)
    panel = tab.panel("institution")
    spin = panel.inputs["rectification_workdays"]
    assert isinstance(spin, QSpinBox)
    assert (spin.minimum(), spin.maximum(), spin.value()) == (1, 60, 5)
    assert "整改时限（工作日）" in [w.text() for w in panel.findChildren(QLabel)]
    panel.inputs["name"].setText("示例镇卫生院")
    spin.setValue(8)
    with qtbot.waitSignal(tab.data_changed, timeout=1000):
        panel.save_button.click()
    assert _settings(db).rectification_workdays == 8
    assert panel.status_label.text() == "已保存"
    panel.refresh(force=True)
    assert spin.value() == 8


def test_bad_phone_shows_under_the_field_and_saves_nothing(make_tab, admin, db, message_boxes):
    before = _settings(db)
    panel = make_tab(admin).panel("institution")
    panel.inputs["name"].setText("另一个名字卫生院")
    panel.inputs["complaint_phone"].setText("12345")
    panel.save_button.click()

    assert panel.errors.text("complaint_phone") == PHONE_FORMAT_MESSAGE
    assert panel.errors.text("name") == ""
    assert message_boxes == []
    assert _settings(db) == before
    # fixing it clears the message and saves
    panel.inputs["complaint_phone"].setText("13812341234")
    panel.save_button.click()
    assert panel.errors.text("complaint_phone") == ""
    assert _settings(db).name == "另一个名字卫生院"


def test_follow_up_window_error_is_under_its_row(make_tab, admin, db):
    before = _settings(db)
    panel = make_tab(admin).panel("institution")
    panel.inputs["name"].setText("示例镇卫生院")
    panel.inputs["followup_tier1_start"].setValue(9)
    panel.inputs["followup_tier1_end"].setValue(3)
    panel.save_button.click()
    assert "不能早于开始日" in panel.errors.text("followup_tier1_end")
    assert _settings(db) == before


def test_empty_name_is_refused(make_tab, admin, db):
    panel = make_tab(admin).panel("institution")
    panel.inputs["name"].setText("  ")
    panel.save_button.click()
    assert panel.errors.text("name") == "请填写机构名称"


def test_office_member_sees_the_form_read_only(make_tab, member):
    panel = make_tab(member).panel("institution")
    assert all(not w.isEnabled() for w in panel.inputs.values())
    assert not panel.save_button.isEnabled()
    assert not panel.read_only_note.isHidden()
    assert panel.read_only_note.text() == "仅办公室主任可修改机构设置"
    assert isinstance(panel.inputs["name"], QLineEdit)


def test_unsaved_edits_survive_switching_panels(make_tab, admin):
    tab = make_tab(admin)
    panel = tab.panel("institution")
    panel.inputs["office_location"].setText("门诊楼一楼")
    panel.inputs["office_location"].textEdited.emit("门诊楼一楼")
    tab.show_panel("departments")
    tab.show_panel("institution")
    assert panel.inputs["office_location"].text() == "门诊楼一楼"


def test_score_weights_show_their_sum_and_a_bad_sum_is_refused_at_the_field(make_tab, admin, db):
    before = _settings(db)
    panel = make_tab(admin).panel("institution")
    assert panel.weight_sum.text() == "100 %"
    panel.inputs["name"].setText("示例镇卫生院")
    panel.inputs["score_weight_survey"].setValue(45)
    assert "105 %" in panel.weight_sum.text() and "须为 100%" in panel.weight_sum.text()
    panel.save_button.click()
    assert "合计须为 100%" in panel.errors.text("score_weights")
    assert _settings(db) == before
    panel.inputs["score_weight_followup"].setValue(25)
    panel.save_button.click()
    assert _settings(db).score_weight_survey == 45
