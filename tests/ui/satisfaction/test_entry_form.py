"""The keyboard-first entry form: three kinds of form typed with key events only (never
keyClicks of Chinese), the day's ratio after each save, errors at the field."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from desktop_app.db.services.surveys_query import list_surveys
from desktop_app.ui.satisfaction import answer_row
from desktop_app.ui.satisfaction.answer_row import AnswerRow
from desktop_app.ui.satisfaction.entry_form import SurveyEntryForm
from desktop_app.ui.satisfaction.entry_parts import quota_text
from tests.support.clock import FIXED_NOW, FIXED_TODAY
from tests.support.surveys import answers

KEYS = {"1": Qt.Key.Key_1, "2": Qt.Key.Key_2, "3": Qt.Key.Key_3, "0": Qt.Key.Key_0}


@pytest.fixture
def make_form(qtbot, db, member, departments):
    def make(actor=member) -> SurveyEntryForm:
        form = SurveyEntryForm(db, actor, now=lambda: FIXED_NOW)
        qtbot.addWidget(form)
        form.resize(1000, 640)
        form.show()
        form.activateWindow()
        qtbot.waitUntil(form.isActiveWindow, timeout=3000)
        form.focus_first()
        return form
    return make


def press(qtbot, form: SurveyEntryForm, *keys) -> None:
    """Each key (a digit string or a Qt.Key) to whatever has the focus, as the clerk types."""
    for key in keys:
        if isinstance(key, str):
            for digit in key:
                qtbot.keyClick(form.focusWidget(), KEYS[digit])
        else:
            qtbot.keyClick(form.focusWidget(), key)


def stored(db, **filters):
    with db.session() as session:
        return list_surveys(session=session, **filters)


def test_three_outpatient_forms_by_keyboard_and_the_ratio_moves(qtbot, make_form, db,
                                                               departments, set_day_visits):
    set_day_visits(FIXED_TODAY, "内科", 10)
    form = make_form()
    form.set_department(departments["内科"])
    first = form.dimension_rows["efficiency"]
    assert form.focusWidget() is first and first.is_current()
    assert "今日 内科：已收 0 份 / 门诊 10 人次 = 0.0%（要求 30%）" in form.quota_label.text()
    assert form.quota_tone() == "short"

    press(qtbot, form, "1121113", Qt.Key.Key_Return)
    assert "已收 1 份 / 门诊 10 人次 = 10.0%（要求 30%）" in form.quota_label.text()
    assert form.focusWidget() is first  # back on the first dimension, the form empty
    assert all(row.value is None for row in form.dimension_rows.values())
    assert form.kind() == "outpatient" and form.day() == FIXED_TODAY
    assert form.department_id() == departments["内科"]

    press(qtbot, form, "1111111", Qt.Key.Key_Return)
    assert "已收 2 份 / 门诊 10 人次 = 20.0%" in form.quota_label.text()
    press(qtbot, form, "222", Qt.Key.Key_Return)  # the rest left blank: 未答
    assert "已收 3 份 / 门诊 10 人次 = 30.0%（要求 30%）" in form.quota_label.text()
    assert form.quota_tone() == "good"
    assert "本次共录入 3 份" in form.status_label.text()

    rows = stored(db, kind="outpatient")
    assert [r.answers for r in rows] == [answers("2220000"), answers("1111111"),
                                         answers("1121113")]
    assert {r.entered_by for r in rows} == {"卫某某"}


def test_each_key_moves_on_backspace_and_escape_step_back(qtbot, make_form, departments):
    form = make_form()
    form.set_department(departments["外科"])
    rows = list(form.dimension_rows.values())
    press(qtbot, form, "11")
    assert form.focusWidget() is rows[2] and rows[2].is_current()
    assert not rows[1].is_current() and rows[2].marker.text() == "▶"
    press(qtbot, form, Qt.Key.Key_Backspace)
    assert form.focusWidget() is rows[1]
    press(qtbot, form, "3")  # corrected: 不满意, on to the third row
    assert rows[1].text() == "不满意" and form.focusWidget() is rows[2]
    press(qtbot, form, Qt.Key.Key_Escape, Qt.Key.Key_Escape)
    assert form.focusWidget() is rows[0]
    press(qtbot, form, Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Up)
    assert form.focusWidget() is rows[1] and rows[1].text() == "不满意"
    press(qtbot, form, Qt.Key.Key_Down, "21111")  # rows 3..7
    assert form.focusWidget() is form.comment_edit
    press(qtbot, form, Qt.Key.Key_Escape)  # from the comment back to the last item
    assert form.focusWidget() is rows[-1]
    press(qtbot, form, Qt.Key.Key_Delete)
    assert rows[-1].value is None


def test_keypad_digits_count_and_other_keys_do_not(qtbot, make_form, departments):
    form = make_form()
    row = form.dimension_rows["efficiency"]
    qtbot.keyClick(row, Qt.Key.Key_2, Qt.KeyboardModifier.KeypadModifier)
    assert row.value == "basic"
    row.setFocus()
    qtbot.keyClick(row, Qt.Key.Key_5)
    qtbot.keyClick(row, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert row.value == "basic" and form.focusWidget() is row
    qtbot.keyClick(row, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # a new 门诊 form
    assert row.value is None and form.kind() == "outpatient"


def test_inpatient_form_by_keyboard(qtbot, make_form, db, departments):
    form = make_form()
    form.set_department(departments["内科"])
    press(qtbot, form, Qt.Key.Key_Return)  # nothing typed: refused at the answers
    assert form.errors.text("answers") == "问卷未填写任何项目"
    qtbot.keyClick(form.focusWidget(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert form.kind() == "inpatient" and not form.inpatient.isHidden()
    assert form.focusWidget() is form.dimension_rows["efficiency"]
    press(qtbot, form, "1111211")
    assert form.focusWidget() is form.inpatient.patient_edit
    form.inpatient.patient_edit.setText("张某某")
    press(qtbot, form, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.focusWidget(), "12")  # the bed number: digits are fine to type
    press(qtbot, form, Qt.Key.Key_Tab, Qt.Key.Key_Up)  # cards 1 → 2
    press(qtbot, form, Qt.Key.Key_Return)
    assert "住院患者征求意见表已录入 1 份，发放医患连心卡 2 张" in form.quota_label.text()
    (row,) = stored(db, kind="inpatient")
    assert (row.patient_name, row.bed_no, row.cards_given) == ("张某某", "12", 2)
    assert row.answers == answers("1111211")
    assert form.kind() == "inpatient" and form.inpatient.patient_edit.text() == ""
    assert form.inpatient.cards_spin.value() == 1
    assert form.focusWidget() is form.dimension_rows["efficiency"]


def test_phone_survey_by_keyboard(qtbot, make_form, db, departments):
    form = make_form()
    form.set_department(departments["公卫科"])
    qtbot.keyClick(form.focusWidget(), Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert form.kind() == "public_health" and form.dimensions_box.isHidden()
    assert form.focusWidget() is form.phone.respondent_edit
    form.phone.respondent_edit.setText("李某某")
    press(qtbot, form, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.focusWidget(), "13900001234")
    press(qtbot, form, Qt.Key.Key_Tab)
    assert form.current_field() is form.phone.service_combo
    press(qtbot, form, Qt.Key.Key_Down, Qt.Key.Key_Tab)  # the first service item
    assert form.focusWidget() is form.phone.reached_row
    press(qtbot, form, "1")  # reached → the overall answer
    assert form.focusWidget() is form.phone.overall_row
    press(qtbot, form, "2", Qt.Key.Key_Return)
    (row,) = stored(db, kind="public_health")
    assert (row.respondent_name, row.phone, row.service_item, row.reached, row.overall) == (
        "李某某", "139****1234", "居民健康档案管理", True, "basic")
    # the next call: not reached, so the overall answer is skipped
    assert form.focusWidget() is form.phone.respondent_edit
    assert form.phone.service_combo.currentText() == "居民健康档案管理"  # kept for the list
    form.phone.respondent_edit.setText("赵某某")
    press(qtbot, form, Qt.Key.Key_Tab, Qt.Key.Key_Tab, Qt.Key.Key_Tab, "0")
    assert not form.phone.overall_row.isEnabled()
    assert form.focusWidget() is form.comment_edit
    press(qtbot, form, Qt.Key.Key_Return)
    assert [r.reached for r in stored(db, kind="public_health")] == [False, True]
    assert "接通 1 人" in form.quota_label.text()


def test_errors_are_shown_at_their_field(qtbot, make_form, db, departments):
    form = make_form()
    press(qtbot, form, "1", Qt.Key.Key_Return)
    assert form.errors.text("department_id") == "请选择科室"
    form.set_department(departments["内科"])
    form.set_day(FIXED_TODAY + timedelta(days=1))
    press(qtbot, form, Qt.Key.Key_Return)
    assert form.errors.text("day") == "调查日期不能晚于今天"
    form.set_kind("public_health")
    press(qtbot, form, Qt.Key.Key_Tab, Qt.Key.Key_Tab, Qt.Key.Key_Tab, "1")
    form.set_day(FIXED_TODAY)
    press(qtbot, form, Qt.Key.Key_Return)
    assert form.errors.text("respondent_name") != ""
    assert form.focusWidget() is form.phone.respondent_edit
    assert stored(db) == []


def test_more_forms_than_visits_warns_and_the_visits_can_be_corrected(
        qtbot, make_form, db, departments, set_day_visits):
    set_day_visits(FIXED_TODAY, "外科", 1)
    form = make_form()
    form.set_department(departments["外科"])
    press(qtbot, form, "1111111", Qt.Key.Key_Return, "1111111", Qt.Key.Key_Return)
    assert len(stored(db)) == 2  # saved, not refused
    assert form.quota_tone() == "warn"
    assert "问卷份数多于门诊人次" in form.quota_label.text()
    assert form.visits_button.text() == "更正门诊人次…"
    requested = []
    form.visits_requested.connect(lambda day, dep: requested.append((day, dep)))
    form.visits_button.click()  # the page opens the visits dialog (test_tab)
    assert requested == [(FIXED_TODAY, departments["外科"])]


def test_quota_text_reads_like_the_spec():
    from desktop_app.records.survey_rows import QuotaRow

    row = QuotaRow(FIXED_TODAY, 1, "内科", 40, 12, 0.3)
    assert quota_text(row, FIXED_TODAY) == (
        "今日 内科：已收 12 份 / 门诊 40 人次 = 30.0%（要求 30%）　已达标", "good")
    assert quota_text(replace(row, surveys=9), FIXED_TODAY)[0].endswith("还差 3 份")
    assert quota_text(replace(row, visits=None, day=date(2026, 11, 20)), FIXED_TODAY) == (
        "11月20日 内科：已收 12 份，门诊人次未录入（要求 30%）", "none")
    assert quota_text(replace(row, visits=0, surveys=0), FIXED_TODAY)[0].startswith(
        "今日 内科：已收 0 份 / 门诊 0 人次 = —")


def test_answer_row_click_and_digit_map(qtbot):
    row = AnswerRow("服务效率")
    qtbot.addWidget(row)
    got = []
    row.answered.connect(got.append)
    row.buttons["dissatisfied"].click()
    assert got == ["dissatisfied"] and row.text() == "不满意"
    assert answer_row.DIGIT_KEYS[Qt.Key.Key_0] == "0"


def test_enter_in_the_header_of_a_blank_form_goes_to_the_first_item(qtbot, make_form, db,
                                                                     departments):
    form = make_form()
    form.department_combo.setFocus()
    press(qtbot, form, Qt.Key.Key_Down, Qt.Key.Key_Return)  # 内科, then on to the items
    assert form.department_combo.currentText() == "内科"
    assert form.focusWidget() is form.dimension_rows["efficiency"]
    press(qtbot, form, "12")
    form.day_edit.setFocus()
    press(qtbot, form, Qt.Key.Key_Return)  # something typed: Enter saves
    assert len(stored(db)) == 1


def test_an_answers_error_leaves_the_keyboard_on_the_first_item(qtbot, make_form, departments):
    form = make_form()
    form.set_department(departments["内科"])
    form.comment_edit.setFocus()
    press(qtbot, form, Qt.Key.Key_Return)
    assert form.errors.text("answers") == "问卷未填写任何项目"
    assert form.focusWidget() is form.dimension_rows["efficiency"]
    press(qtbot, form, "1")
    assert form.dimension_rows["efficiency"].value == "satisfied"
