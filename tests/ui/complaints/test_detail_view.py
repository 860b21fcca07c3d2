"""The life of a matter through the detail view and the step dialogs' own widgets."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate

from desktop_app.domain.matters import Action
from desktop_app.ui.complaints import detail_view
from desktop_app.ui.complaints.close_dialogs import (
    CloseUnreachableDialog, ExtensionDialog, OnTheSpotDialog, WithdrawDialog,
)
from desktop_app.ui.widgets.inputs import to_qdatetime
from desktop_app.ui.complaints.step_dialogs import CallbackDialog, DispatchDialog, ReplyDialog
from desktop_app.ui.widgets.print_dialog import PrintPreviewDialog


def reply(dialog: ReplyDialog) -> None:
    dialog.replier_edit.setText("张某某")  # contacted: now (the default), after the sheet was issued
    dialog.content_edit.setPlainText("已电话致歉并解释检查结果")


def test_whole_life_two_rounds(make_tab, member, departments, register, dialogs) -> None:
    matter = register()
    tab = make_tab(member)
    detail = tab.open_detail(matter.id)
    assert detail.isVisible()
    assert Action.dispatch in detail.offered_actions()
    assert Action.callback not in detail.offered_actions()
    assert detail.step_buttons[Action.reply].isHidden()

    # round 1: dispatch to 内科 (the target, preselected), reply-by = the deadline
    dialogs.drive(DispatchDialog, lambda d: d.instructions_edit.setPlainText("请三日内联系当事人"))
    detail.step_buttons[Action.dispatch].click()
    sent = dialogs.last
    assert sent.department_ids == [departments["内科"]]
    assert sent.reply_by_edit.date() == QDate(2026, 12, 4)
    assert detail.detail.row.status == "dispatched"
    assert tab.visible_rows()[0].status == "dispatched"  # the tab refreshed

    dialogs.drive(ReplyDialog, reply)
    detail.step_buttons[Action.reply].click()
    assert detail.detail.row.status == "replied"
    assert detail.detail.sheets[0].replier == "张某某"

    def unsatisfied(dialog: CallbackDialog) -> None:
        dialog.satisfaction.set_value("unsatisfied")
        assert dialog.unsatisfied_box.isEnabled() and not dialog.explanation_edit.isEnabled()
        dialog.next_step.set_value("rehandle")
        dialog.words_edit.setPlainText("医生仍未解释清楚")
    dialogs.drive(CallbackDialog, unsatisfied)
    detail.step_buttons[Action.callback].click()
    assert dialogs.last.values()["next_step"] == "rehandle"
    assert detail.detail.row.status == "rehandling"
    assert tab.proxy.index(0, 7).data() == "再次办理"

    # round 2: both departments this time
    dialogs.drive(DispatchDialog, lambda d: d.set_departments(list(departments.values())))
    detail.step_buttons[Action.dispatch].click()
    assert detail.detail.row.round == 2
    assert tab.proxy.index(0, 7).data() == "已转办（第2轮）"
    for _ in range(2):
        dialogs.drive(ReplyDialog, reply)
        detail.step_buttons[Action.reply].click()
    assert detail.detail.row.status == "replied"

    dialogs.drive(CallbackDialog, lambda d: d.satisfaction.set_value("satisfied"))
    detail.step_buttons[Action.callback].click()
    assert detail.detail.row.status == "closed"
    assert tab.visible_rows()[0].status == "closed"

    # the timeline lists each step; a closed matter offers no step at all
    actions = [e.action for e in detail.detail.events]
    assert actions == ["registered", "dispatch", "reply", "callback", "dispatch", "reply",
                       "reply", "callback"]
    lines = detail.timeline_lines()
    assert len(lines) == 8 and "登记答复" in lines[2] and "回访" in lines[3]
    text = detail.timeline.toPlainText()
    for event in detail.detail.events:
        assert event.summary in text
    assert detail.offered_actions() == []
    assert detail.step_buttons[Action.dispatch].isHidden()
    assert all(b.isHidden() for b in detail.step_buttons.values())
    assert detail.sheets_tree.topLevelItemCount() == 3
    assert detail.callbacks_tree.topLevelItemCount() == 2
    assert detail.pages.tabText(1) == "反馈单（3）"


def test_step_error_shown_under_the_field(make_tab, member, departments, register,
                                          dialogs) -> None:
    matter = register()
    detail = make_tab(member).open_detail(matter.id)
    dialogs.drive(DispatchDialog, lambda d: d.set_departments([]))
    detail.step_buttons[Action.dispatch].click()
    assert dialogs.last.result_value is None
    assert "承办科室" in dialogs.last.errors.text("department_ids")
    assert detail.detail.row.status == "registered"


def test_explained_close_needs_the_explanation(make_tab, member, departments, register,
                                              dialogs) -> None:
    matter = register()
    detail = make_tab(member).open_detail(matter.id)
    dialogs.drive(DispatchDialog, lambda d: None)
    detail.dispatch()
    dialogs.drive(ReplyDialog, reply)
    detail.record_reply()

    def explain(dialog: CallbackDialog) -> None:
        dialog.satisfaction.set_value("unsatisfied")
        dialog.next_step.set_value("explain")
        assert dialog.explanation_edit.isEnabled() and dialog.path_edit.isEnabled()
    dialogs.drive(CallbackDialog, explain)
    detail.callback()
    refused = dialogs.last
    assert refused.errors.text("explanation")
    assert detail.detail.row.status == "replied"
    refused.explanation_edit.setPlainText("检查项目为医保目录外，确无法减免")
    refused.path_edit.setText("可向县医保局咨询")
    refused.accept()
    assert refused.result_value is not None
    detail._done(refused.result_value)
    assert detail.detail.row.status == "closed"
    assert detail.detail.close_reason == "explained"


def test_close_unreachable_defaults_to_anonymous(make_tab, member, departments, register,
                                                 dialogs) -> None:
    matter = register(anonymous=True, complainant_name="", phone="")
    detail = make_tab(member).open_detail(matter.id)
    dialogs.drive(DispatchDialog, lambda d: None)
    detail.dispatch()
    dialogs.drive(ReplyDialog, reply)
    detail.record_reply()
    assert Action.close_unreachable in detail.offered_actions()
    dialogs.drive(CloseUnreachableDialog, lambda d: None)
    detail.step_buttons[Action.close_unreachable].click()
    assert dialogs.last.values()["reason"] == "anonymous"
    assert detail.detail.row.status == "closed"
    assert detail.detail.close_reason == "anonymous"


def test_on_the_spot(make_tab, member, departments, register, dialogs) -> None:
    matter = register()
    detail = make_tab(member).open_detail(matter.id)

    def fill(dialog: OnTheSpotDialog) -> None:
        dialog.resolution_edit.setPlainText("当场协调重新排号")
        dialog.satisfaction.set_value("basically")
    dialogs.drive(OnTheSpotDialog, fill)
    detail.step_buttons[Action.close_on_the_spot].click()
    assert detail.detail.row.status == "closed"
    assert detail.detail.on_the_spot_resolution == "当场协调重新排号"


def test_office_member_sees_no_extension(make_tab, member, departments, register) -> None:
    matter = register()
    detail = make_tab(member).open_detail(matter.id)
    assert Action.extend not in detail.offered_actions()
    assert detail.step_buttons[Action.extend].isHidden()
    assert not detail.step_buttons[Action.withdraw].isHidden()


def test_director_extends_with_consent(make_tab, admin, departments, register, dialogs) -> None:
    matter = register()
    detail = make_tab(admin).open_detail(matter.id)
    assert not detail.step_buttons[Action.extend].isHidden()

    def fill(dialog: ExtensionDialog) -> None:
        dialog.consent_by_edit.setText("张某某")
        dialog.consent_at_edit.setDateTime(to_qdatetime(datetime(2026, 11, 23, 9, 0)))
        dialog.method_combo.setCurrentIndex(dialog.method_combo.findData("phone"))
        dialog.reason_edit.setPlainText("需调取监控核实，情况复杂")
        dialog.new_deadline_edit.setDate(QDate(2026, 12, 4))  # not later: refused
    dialogs.drive(ExtensionDialog, fill)
    detail.extend()
    refused = dialogs.last
    assert "晚于" in refused.errors.text("new_deadline")
    refused.new_deadline_edit.setDate(QDate(2026, 12, 18))
    refused.accept()
    detail._done(refused.result_value)
    assert detail.detail.row.deadline == date(2026, 12, 18)
    assert detail.extensions_tree.topLevelItemCount() == 1


def test_withdraw_keeps_the_matter_visible(make_tab, member, departments, register,
                                           dialogs) -> None:
    matter = register()
    tab = make_tab(member)
    detail = tab.open_detail(matter.id)
    dialogs.drive(WithdrawDialog, lambda d: d.reason_edit.setPlainText("当事人主动撤回"))
    detail.step_buttons[Action.withdraw].click()
    assert detail.detail.row.status == "withdrawn"
    assert tab.proxy.index(0, 7).data() == "已撤销"
    assert detail.offered_actions() == []


def test_print_requests_reach_the_tab(make_tab, member, departments, register, dialogs,
                                      qtbot, monkeypatch) -> None:
    """The detail's print buttons reach the tab, which prints through its own `printing`."""
    shown: list[str] = []
    monkeypatch.setattr(PrintPreviewDialog, "show_pdf", classmethod(
        lambda cls, parent, pdf, title, name: shown.append(name)))
    matter = register()
    tab = make_tab(member)
    detail = tab.open_detail(matter.id)
    assert not detail.print_feedback_button.isEnabled()
    with qtbot.waitSignal(tab.print_registration_requested) as blocker:
        detail.print_registration_button.click()
    assert blocker.args == [matter.id]
    assert shown == [f"医院投诉登记表-{matter.id}.pdf"]
    dialogs.drive(DispatchDialog, lambda d: d.set_departments(list(departments.values())))
    detail.dispatch()
    sheets = detail.detail.sheets
    monkeypatch.setattr(detail_view, "choose_sheet", lambda parent, s: s[1].id)
    with qtbot.waitSignal(tab.print_feedback_requested) as blocker:
        detail.print_feedback_button.click()
    assert blocker.args == [matter.id, sheets[1].id]
    assert shown[-1] == f"服务问题反馈单-{matter.id}-{sheets[1].id}.pdf"


def test_opening_twice_reuses_the_window(make_tab, member, departments, register) -> None:
    matter = register()
    tab = make_tab(member)
    assert tab.open_detail(matter.id) is tab.open_detail(matter.id)


def test_reply_before_the_sheet_was_issued_is_refused_at_the_field(make_tab, member, departments,
                                                                  register, dialogs) -> None:
    matter = register()
    detail = make_tab(member).open_detail(matter.id)
    dialogs.drive(DispatchDialog, lambda d: None)
    detail.dispatch()

    def too_early(dialog: ReplyDialog) -> None:
        reply(dialog)
        dialog.contacted_edit.setDateTime(to_qdatetime(datetime(2026, 11, 23, 9, 0)))
    dialogs.drive(ReplyDialog, too_early)
    detail.record_reply()
    assert "不能早于" in dialogs.last.errors.text("contacted_at")
    assert detail.detail.row.status == "dispatched"
