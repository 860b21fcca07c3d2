"""The follow-up task dialog, driven through its own widgets (issue 4 §4–7, DESIGN §1.4).

The patient of the `discharge` fixture left hospital on 2026-11-16: on 2026-11-23
(the fixed clock) tier 1 is on its last day, tier 2 opens on 11-24.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel

from desktop_app.db.database import Database
from desktop_app.records.followup_rows import AttemptInput, OutcomeInput, TaskDetail
from desktop_app.db.services.followups import close_lost, record_followup
from desktop_app.db.services.followups_query import get_task, tasks_for_discharge
from desktop_app.db.tx import Actor
from desktop_app.ui.complaints.register_dialog import RegisterDialog
from desktop_app.ui.followups.task_dialog import TaskDialog
from desktop_app.ui.followups.task_forms import AmendDialog, LostDialog
from desktop_app.ui.main_window import tab_navigator
from tests.support.clock import FIXED_NOW

TIER2_NOW = datetime(2026, 11, 25, 10, 0)
GOOD = OutcomeInput(condition="improved", medication_guidance=True, rehab_guidance=False,
                    guidance_note="按时服药", satisfaction="satisfied", words="")


@pytest.fixture
def tasks(db: Database, discharge) -> Callable[..., dict[int, int]]:
    """Register a discharge and return its tasks: tier → task id."""
    def make(**changes) -> dict[int, int]:
        row = discharge(**changes)
        with db.session() as session:
            return {t.tier: t.id for t in tasks_for_discharge(
                session=session, discharge_id=row.id, today=FIXED_NOW.date())}
    return make


@pytest.fixture
def open_dialog(qtbot, db: Database) -> Callable[..., TaskDialog]:
    def make(actor: Actor, task_id: int, now: datetime = FIXED_NOW) -> TaskDialog:
        dialog = TaskDialog(None, db, actor, task_id, lambda: now,
                            navigator=tab_navigator(db, actor, lambda: now))
        qtbot.addWidget(dialog)
        return dialog
    return make


def replace_outcome(**changes) -> OutcomeInput:
    return replace(GOOD, **changes)


def plain(label: QLabel) -> str:
    document = QTextDocument()
    document.setHtml(label.text())
    return document.toPlainText()


def stored(db: Database, task_id: int, now: datetime = FIXED_NOW) -> TaskDetail:
    with db.session() as session:
        return get_task(session=session, task_id=task_id, today=now.date())


def fill_outcome(dialog, *, satisfaction: str | None = "satisfied", words: str = "") -> None:
    dialog.reached_choice.set_value("yes")
    fields = dialog.outcome_fields
    fields.condition.set_value("improved")
    fields.medication_check.setChecked(True)
    fields.guidance_note_edit.setText("按时服药，一周后复查")
    if satisfaction is not None:
        fields.satisfaction.set_value(satisfaction)
    fields.words_edit.setPlainText(words)


def record_outcome(db: Database, actor: Actor, task_id: int, outcome: OutcomeInput = GOOD,
                   at: datetime = datetime(2026, 11, 23, 9, 0)) -> TaskDetail:
    with db.session() as session:
        return record_followup(session=session, actor=actor, task_id=task_id,
                               attempt=AttemptInput(at, "phone", True), outcome=outcome,
                               now=FIXED_NOW)


def test_the_header_shows_the_patient_with_the_whole_phone(open_dialog, member, tasks) -> None:
    dialog = open_dialog(member, tasks()[1])
    header = plain(dialog.header_label)
    for text in ("一级回访", "今天截止", "钱某某（女，68 岁）", "13900005678", "示例镇东村 3 组",
                 "内科", "孙某某 / 周某某", "2026-11-09 至 2026-11-16", "社区获得性肺炎",
                 "孙某某、周某某"):
        assert text in header
    assert dialog.method_choice.value == "phone"
    assert not dialog.record_box.outcome_box.isEnabled()  # until the patient is reached


def test_tier_3_is_a_home_visit_of_a_special_patient(open_dialog, member, tasks) -> None:
    ids = tasks(special=True, special_reason="elderly_alone")
    dialog = open_dialog(member, ids[3])
    assert dialog.method_choice.value == "visit"
    assert "三级回访" in plain(dialog.header_label)
    assert "是：高龄独居" in plain(dialog.header_label)
    assert dialog.tier1_box is None and dialog.check_fields is None


def test_two_failed_attempts_are_listed(open_dialog, member, tasks, db, qtmodeltester,
                                        message_boxes) -> None:
    task_id = tasks()[1]
    dialog = open_dialog(member, task_id)
    for note in ("无人接听", "关机"):
        dialog.reached_choice.set_value("no")
        assert not dialog.record_box.outcome_box.isEnabled()
        dialog.note_edit.setText(note)
        dialog.save_button.click()
        assert dialog.errors.text("reached") == ""
        assert dialog.reached_choice.value is None and dialog.note_edit.text() == ""  # ready again
    model = dialog.attempts_model
    assert model.rowCount() == 2
    assert [model.index(r, 2).data() for r in range(2)] == ["未联系上", "未联系上"]
    assert [model.index(r, 3).data() for r in range(2)] == ["无人接听", "关机"]
    assert model.index(0, 0).data() == "2026-11-23 09:30" and model.index(0, 4).data() == "卫某某"
    qtmodeltester.check(model)
    assert "共 2 次，未联系上 2 次" in dialog.attempts_box.title()
    assert not dialog.record_box.isHidden()  # still open
    assert not dialog.lost_button.isEnabled()
    assert dialog.saved_anything and "未联系上" in dialog.status_label.text()
    assert stored(db, task_id).task.status == "open"
    assert message_boxes == []


def test_reached_with_an_outcome_closes_the_task(open_dialog, member, tasks, db) -> None:
    task_id = tasks()[1]
    dialog = open_dialog(member, task_id)
    fill_outcome(dialog, words="希望出院结算窗口多开一个")
    assert dialog.record_box.outcome_box.isEnabled()
    dialog.save_button.click()
    detail = stored(db, task_id)
    assert detail.task.status == "done"
    assert detail.outcome.current["condition"] == "improved"
    assert detail.outcome.current["words"] == "希望出院结算窗口多开一个"
    assert dialog.record_box.isHidden() and dialog.save_button.isHidden()
    assert not dialog.result_box.isHidden()
    shown = plain(dialog.outcome_label)
    assert "好转" in shown and "希望出院结算窗口多开一个" in shown and "更正后" not in shown
    assert "已完成" in plain(dialog.header_label)
    assert not dialog.amend_button.isHidden()
    assert not dialog.to_matter_button.isHidden() and dialog.to_matter_button.isEnabled()


def test_a_missing_satisfaction_is_shown_at_the_field_and_nothing_is_saved(
        open_dialog, member, tasks, db, message_boxes) -> None:
    task_id = tasks()[1]
    dialog = open_dialog(member, task_id)
    dialog.save_button.click()
    assert dialog.errors.text("reached") == "请选择是否联系上患者"
    fill_outcome(dialog, satisfaction=None)
    dialog.save_button.click()
    assert dialog.errors.text("satisfaction") == "请选择满意度"
    assert message_boxes == []
    detail = stored(db, task_id)
    assert detail.attempts == () and detail.outcome is None  # not even the attempt
    assert not dialog.saved_anything and dialog.attempts_model.rowCount() == 0
    dialog.outcome_fields.satisfaction.set_value("basically")
    dialog.save_button.click()
    assert dialog.errors.text("satisfaction") == ""
    assert stored(db, task_id).outcome.current["satisfaction"] == "basically"


def test_three_failed_attempts_allow_closing_as_lost(open_dialog, member, tasks, db,
                                                     driver) -> None:
    task_id = tasks()[1]
    dialog = open_dialog(member, task_id)
    for _ in range(3):
        assert not dialog.lost_button.isEnabled()
        dialog.reached_choice.set_value("no")
        dialog.save_button.click()
    assert dialog.lost_button.isEnabled()

    def fill(lost: LostDialog) -> None:
        lost.accept()  # no reason yet: refused at the field, the dialog stays
        assert lost.errors.text("reason") == "请填写失访原因"
        assert stored(db, task_id).task.status == "open"
        lost.reason_edit.setPlainText("电话停机，家属电话为空号")
    driver.drive(LostDialog, fill)
    dialog.lost_button.click()
    detail = stored(db, task_id)
    assert detail.task.status == "lost" and detail.lost_reason == "电话停机，家属电话为空号"
    assert dialog.lost_button.isHidden() and dialog.record_box.isHidden()
    assert "失访" in dialog.ended_label.text() and "电话停机" in dialog.ended_label.text()
    assert "失访" in plain(dialog.header_label)


def test_tier_2_checks_tier_1_shown_beside_it(open_dialog, member, admin, tasks, db,
                                              qtmodeltester, message_boxes) -> None:
    ids = tasks()
    record_outcome(db, admin, ids[1])
    dialog = open_dialog(member, ids[2], TIER2_NOW)
    assert dialog.tier1_box is not None and dialog.check_fields is not None
    beside = dialog.tier1_box.text()
    assert "记录人：王某某" in beside and "好转" in beside and "按时服药" in beside
    assert dialog.tier1_box.model.rowCount() == 1
    qtmodeltester.check(dialog.tier1_box.model)
    assert not dialog.record_box.check_box.isEnabled()

    fill_outcome(dialog, words="出院后没人给我打过电话")
    assert dialog.record_box.check_box.isEnabled()
    check = dialog.check_fields
    dialog.save_button.click()
    assert dialog.errors.text("confirms_call") == "请选择患者是否确认接到一级回访"
    check.confirms.set_value("no")
    check.matches.set_value("no")
    check.verdict.set_value("done")
    dialog.save_button.click()
    assert "不能是“已落实”" in dialog.errors.text("verdict")
    check.verdict.set_value("untrue")
    dialog.save_button.click()
    assert dialog.errors.text("check_note") == "请填写核查说明"
    assert stored(db, ids[2], TIER2_NOW).attempts == ()
    check.note_edit.setPlainText("患者称未接到一级回访电话，记录的用药指导与所述不符")
    dialog.save_button.click()
    assert message_boxes == []
    detail = stored(db, ids[2], TIER2_NOW)
    assert detail.task.status == "done"
    assert detail.outcome.current["verdict"] == "untrue"
    assert detail.outcome.current["confirms_call"] is False
    shown = plain(dialog.outcome_label)
    assert "记录不实" in shown and "患者称未接到一级回访电话" in shown
    assert dialog.record_box.check_box.isHidden()


@pytest.mark.parametrize("lost", [False, True])
def test_tier_2_says_when_tier_1_is_not_done(open_dialog, member, admin, tasks, db,
                                             lost) -> None:
    ids = tasks()
    if lost:
        with db.session() as session:
            for hour in (9, 10, 11):
                record_followup(session=session, actor=admin, task_id=ids[1],
                                attempt=AttemptInput(datetime(2026, 11, 20, hour), "phone", False),
                                now=FIXED_NOW)
        with db.session() as session:
            close_lost(session=session, actor=admin, task_id=ids[1], reason="空号", now=FIXED_NOW)
    dialog = open_dialog(member, ids[2], TIER2_NOW)
    beside = dialog.tier1_box.text()
    assert ("一级回访失访：空号" if lost else "一级回访尚未完成") in beside
    assert dialog.tier1_box.model.rowCount() == (3 if lost else 0)


def test_an_amendment_keeps_the_original_beside_the_correction(open_dialog, member, tasks, db,
                                                               driver) -> None:
    task_id = tasks()[1]
    record_outcome(db, member, task_id)
    dialog = open_dialog(member, task_id)
    assert not dialog.amend_button.isHidden()

    def fill(amend: AmendDialog) -> None:
        assert amend.outcome.satisfaction.value == "satisfied"  # pre-filled with the current
        assert amend.outcome.guidance_note_edit.text() == "按时服药"
        amend.outcome.satisfaction.set_value("basically")
        amend.outcome.words_edit.setPlainText("药房取药排队太久")
        amend.accept()  # no reason: refused at the field
        assert amend.errors.text("reason") == "请填写更正原因"
        amend.reason_edit.setPlainText("患者次日回电补充意见")
    driver.drive(AmendDialog, fill)
    dialog.amend_button.click()
    assert driver.last.changes() == {"satisfaction": "basically", "words": "药房取药排队太久"}
    detail = stored(db, task_id)
    assert detail.outcome.original["satisfaction"] == "satisfied"
    assert detail.outcome.current["satisfaction"] == "basically"
    shown = plain(dialog.outcome_label)
    assert "原始记录" in shown and "更正后（现行）" in shown
    assert "满意" in shown and "基本满意" in shown
    assert "第1次更正 2026-11-23 09:30 卫某某" in shown
    assert "满意度 满意 → 基本满意" in shown and "原因：患者次日回电补充意见" in shown
    assert dialog.result_box.title() == "回访结果（已更正 1 次）"
    assert dialog.saved_anything
    assert dialog.to_matter_button.isEnabled()  # the amended words now carry an opinion


def test_an_opinion_becomes_a_matter_and_the_link_shows(open_dialog, member, tasks, db,
                                                        departments, driver) -> None:
    task_id = tasks()[1]
    record_outcome(db, member, task_id, replace_outcome(words="希望增加出院结算窗口"))
    dialog = open_dialog(member, task_id)
    assert dialog.matter_row.isHidden()

    def fill(form: RegisterDialog) -> None:
        assert form.channel == "discharge_followup"
        assert form.request_type == "suggestion"
        assert form.name_edit.text() == "钱某某" and form.phone_edit.text() == "13900005678"
        assert form.relation_combo.currentText() == "本人"
        assert form.department_combo.currentData() == departments["内科"]
        assert form.content_edit.toPlainText() == "希望增加出院结算窗口"
        assert form.receiver_combo.currentText() == "卫某某"
        assert form.matter_input().received_at == datetime(2026, 11, 23, 9, 0)
        assert form.matter_input().source_ref == f"followup:{task_id}"
        form.set_category("efficiency")
    driver.drive(RegisterDialog, fill)
    dialog.to_matter_button.click()
    matter = driver.last.result_value
    assert matter is not None and matter.channel == "discharge_followup"
    assert not dialog.matter_row.isHidden()
    assert dialog.matter_label.text() == f"已转为诉求 {matter.serial}"
    assert dialog.to_matter_button.isHidden()
    assert stored(db, task_id).matter_id == matter.id
    detail = dialog.open_matter()
    assert detail is not None and detail.detail.row.id == matter.id
    assert detail.detail.row.channel == "discharge_followup"
    assert dialog.open_matter() is detail  # one window per matter
    detail.close()


@pytest.mark.parametrize("satisfaction, words, enabled, request_type, content", [
    ("unsatisfied", "", True, "complaint", "出院回访不满意"),
    ("unsatisfied", "护士态度差", True, "complaint", "出院回访不满意：护士态度差"),
    ("basically", "  ", False, None, None),
])
def test_what_can_become_a_matter(open_dialog, member, tasks, db, satisfaction, words, enabled,
                                  request_type, content) -> None:
    task_id = tasks()[1]
    record_outcome(db, member, task_id, replace_outcome(satisfaction=satisfaction, words=words))
    dialog = open_dialog(member, task_id)
    assert dialog.to_matter_button.isEnabled() is enabled
    if enabled:
        data = dialog.matter_input()
        assert (data.request_type, data.content, data.channel) == (
            request_type, content, "discharge_followup")


def test_open_says_whether_anything_was_saved(monkeypatch, member, tasks, db) -> None:
    task_id = tasks()[1]

    def exec_saving(self) -> int:
        self.reached_choice.set_value("no")
        self.save()
        return 0
    monkeypatch.setattr(TaskDialog, "exec", exec_saving)
    assert TaskDialog.open(None, db, member, task_id, lambda: FIXED_NOW) is True
    monkeypatch.setattr(TaskDialog, "exec", lambda self: 0)
    assert TaskDialog.open(None, db, member, task_id, lambda: FIXED_NOW) is False
    assert len(stored(db, task_id).attempts) == 1
