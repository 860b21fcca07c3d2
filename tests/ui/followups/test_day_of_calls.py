"""A day of calls through the tab: register on the form, find the task in 今日待访 on the right
day, record a failed call and then the outcome, do the tier-2 check days later, and follow the
matter registered from an opinion back to its follow-up."""

from __future__ import annotations

from datetime import date, datetime

from desktop_app.clock import Clock
from desktop_app.db.services.followups_query import matter_source_ref
from desktop_app.records.matter_rows import MatterInput
from desktop_app.db.services.matters import register_matter
from desktop_app.ui.widgets.inputs import to_qdate
from desktop_app.ui.complaints.detail_view import MatterDetailDialog
from desktop_app.ui.followups.discharge_dialog import DischargeDialog
from desktop_app.ui.followups.tab import FollowUpsTab
from desktop_app.ui.followups.task_dialog import TaskDialog
from desktop_app.ui.main_window import tab_navigator

REGISTERED = datetime(2026, 11, 20, 9, 0)


def _open_without_exec(monkeypatch, opened: list[TaskDialog], work) -> None:
    """The tab's 记录回访… opens the real dialog; `work(dialog)` fills and saves it."""
    def open_(cls, parent, db, actor, task_id, now, *, navigator=None) -> bool:
        dialog = cls(parent, db, actor, task_id, now, navigator=navigator)
        opened.append(dialog)
        work(dialog)
        return dialog.saved_anything
    monkeypatch.setattr(TaskDialog, "open", classmethod(open_))


def test_a_day_of_calls(qtbot, db, member, departments, monkeypatch):
    clock = Clock.fixed(REGISTERED)
    tab = FollowUpsTab(db, member, clock=clock)
    qtbot.addWidget(tab)

    def fill(dialog: DischargeDialog) -> None:
        dialog.name_edit.setText("冯某某")
        dialog.sex_choice.set_value("male")
        dialog.age_spin.setValue(81)
        dialog.phone_edit.setText("13900003333")
        dialog.department_combo.setCurrentIndex(dialog.department_combo.findText("内科"))
        dialog.doctor_combo.setCurrentText("孙某某")
        dialog.nurse_combo.setCurrentText("周某某")
        dialog.admitted_edit.setDate(to_qdate(date(2026, 11, 10)))
        dialog.discharged_edit.setDate(to_qdate(date(2026, 11, 19)))

    def ask(cls, parent, *args):
        dialog = cls(parent, *args)
        fill(dialog)
        dialog.accept()
        return dialog.result_value
    monkeypatch.setattr(DischargeDialog, "ask", classmethod(ask))
    tab.register_button.click()
    assert [(r.patient_name, r.tier, r.window_text) for r in tab.visible_rows()] == [
        ("冯某某", 1, "剩 6 天")]

    # Monday 11-23: the first call fails, the second reaches the patient.
    clock.set(datetime(2026, 11, 23, 9, 0))
    tab.today_button.click()
    tab.view.selectRow(0)
    opened: list[TaskDialog] = []

    def two_calls(dialog: TaskDialog) -> None:
        dialog.reached_choice.set_value("no")
        dialog.note_edit.setText("无人接听")
        assert dialog.save()
        clock.set(datetime(2026, 11, 23, 10, 30))
        dialog.at_edit.setDateTime(dialog.at_edit.dateTime().addSecs(90 * 60))
        dialog.reached_choice.set_value("yes")
        fields = dialog.outcome_fields
        fields.condition.set_value("stable")
        fields.medication_check.setChecked(True)
        fields.satisfaction.set_value("unsatisfied")
        fields.words_edit.setPlainText("出院结算排队太久")
        assert dialog.save()
    _open_without_exec(monkeypatch, opened, two_calls)
    with qtbot.waitSignal(tab.records_changed):
        tab.record_button.click()
    assert tab.visible_rows() == []
    tab.show_list("done")
    [done] = tab.visible_rows()
    assert (done.patient_name, done.attempts, done.failed_attempts) == ("冯某某", 2, 1)
    assert opened[0].to_matter_button.isEnabled()  # 不满意: may become a matter

    # The opinion becomes a matter; its detail links back to the follow-up.
    with db.session() as session:
        matter = register_matter(session=session, actor=member, now=clock.now(), data=MatterInput(
            received_at=clock.now(), channel="discharge_followup", request_type="complaint",
            complainant_name="冯某某", anonymous=False, phone="13900003333", relation="本人",
            target_department_id=None, target_staff_id=None, target_text="出院结算窗口",
            category="efficiency", content="出院结算排队太久", first_receiver_name="卫某某",
            source_ref=matter_source_ref(done.id)))
    detail = MatterDetailDialog(db, member, matter.id, now=clock.now,
                                navigator=tab_navigator(db, member, clock.now))
    qtbot.addWidget(detail)
    assert detail.source_button.text() == "出院回访：冯某某 一级回访"
    back: list[int] = []
    monkeypatch.setattr(TaskDialog, "open", classmethod(
        lambda cls, parent, db_, actor, task_id, now, navigator=None:
        back.append(task_id) or False))
    detail.source_button.click()
    assert back == [done.id]

    # Friday 11-27: tier 2 is due; the office checks tier 1 with the patient.
    clock.set(datetime(2026, 11, 27, 15, 0))
    tab.show_list("due")
    tab.today_button.click()
    [tier2] = tab.visible_rows()
    assert (tier2.tier, tier2.window_text) == (2, "剩 6 天")
    tab.view.selectRow(0)

    def check(dialog: TaskDialog) -> None:
        assert dialog.tier1_box.model.rowCount() == 2  # tier 1's two calls, beside the form
        dialog.reached_choice.set_value("yes")
        fields = dialog.outcome_fields
        fields.condition.set_value("improved")
        fields.satisfaction.set_value("basically")
        dialog.check_fields.confirms.set_value("yes")
        dialog.check_fields.matches.set_value("yes")
        dialog.check_fields.verdict.set_value("done")
        assert dialog.save()
    _open_without_exec(monkeypatch, opened, check)
    tab.record_button.click()
    assert tab.visible_rows() == [] and tab.counts["due"] == 0
    assert opened[-1].detail.outcome.current["verdict"] == "done"
