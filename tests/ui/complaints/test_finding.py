"""核实结论… in the matter detail: the dialog's own widgets, the label in the detail, the timeline."""

from __future__ import annotations

from desktop_app.ui.complaints.finding_dialog import CLEAR, FindingDialog, finding_text


def _info(detail) -> dict[str, str]:
    form = detail.info_form
    out = {}
    for row in range(form.rowCount()):
        label = form.itemAt(row, form.ItemRole.LabelRole)
        field = form.itemAt(row, form.ItemRole.FieldRole)
        if label is not None and field is not None and hasattr(field.widget(), "text"):
            out[label.widget().text().rstrip("：")] = field.widget().text()
    return out


def test_record_change_and_clear_a_finding(make_tab, admin, register, dialogs) -> None:
    matter = register()
    tab = make_tab(admin)
    detail = tab.open_detail(matter.id)
    assert not detail.finding_button.isHidden()
    assert "核实结论" not in _info(detail)

    def substantiated(dialog: FindingDialog) -> None:
        assert dialog.finding.value is None and CLEAR not in dialog.finding.buttons
        dialog.finding.set_value("substantiated")
        dialog.note_edit.setPlainText("调取监控，窗口人员确有态度生硬")
    dialogs.drive(FindingDialog, substantiated)
    detail.finding_button.click()
    assert (detail.detail.finding, detail.detail.finding_note) == (
        "substantiated", "调取监控，窗口人员确有态度生硬")
    assert _info(detail)["核实结论"] == "属实（调取监控，窗口人员确有态度生硬）"
    assert "核实结论" in detail.timeline_lines()[-1]
    assert "核实结论：属实" in detail.timeline.toPlainText()

    def unfounded_without_note(dialog: FindingDialog) -> None:
        assert dialog.finding.value == "substantiated" and CLEAR in dialog.finding.buttons
        dialog.finding.set_value("unfounded")
        dialog.note_edit.setPlainText("")
    dialogs.drive(FindingDialog, unfounded_without_note)
    detail.finding_button.click()
    refused = dialogs.last
    assert refused.result_value is None
    assert "核实情况说明" in refused.errors._labels["note"].text()
    assert detail.detail.finding == "substantiated"  # nothing saved

    def cleared(dialog: FindingDialog) -> None:
        dialog.finding.set_value(CLEAR)
    dialogs.drive(FindingDialog, cleared)
    detail.finding_button.click()
    assert (detail.detail.finding, detail.detail.finding_note) == (None, "")
    assert "核实结论" not in _info(detail)


def test_choosing_nothing_is_refused_at_the_field(qtbot) -> None:
    saved = []
    dialog = FindingDialog(None, None, "", lambda **values: saved.append(values))
    qtbot.addWidget(dialog)
    dialog.accept()
    assert saved == [] and "请选择核实结论" in dialog.errors._labels["finding"].text()
    dialog.finding.set_value("partly")
    dialog.accept()
    assert saved == [{"finding": "partly", "note": ""}]


def test_the_button_is_only_for_criticism_complaint_and_report(make_tab, admin, register) -> None:
    tab = make_tab(admin)
    consultation = tab.open_detail(register(request_type="consultation", category="other").id)
    assert consultation.finding_button.isHidden()
    report = tab.open_detail(register(request_type="report").id)
    assert not report.finding_button.isHidden()


def test_finding_text() -> None:
    assert finding_text(None) == "" and finding_text("") == ""
    assert finding_text("partly") == "部分属实"
    assert finding_text("unverifiable", "当事人未留联系方式") == "无法核实（当事人未留联系方式）"


def test_a_matter_from_a_questionnaire_names_its_form_as_source(make_tab, db, member, departments):
    from datetime import date, datetime

    from desktop_app.db.services.matters_register import register_matter
    from desktop_app.records.survey_rows import SurveyInput
    from desktop_app.db.services.surveys import record_survey, survey_matter_prefill

    with db.session() as s:
        saved = record_survey(session=s, actor=member, today=date(2026, 11, 20),
                              now=datetime(2026, 11, 20, 16, 0), data=SurveyInput(
                                  "outpatient", date(2026, 11, 20), departments["内科"],
                                  {"fees": "dissatisfied", "attitude": "satisfied"},
                                  comment="收费项目没有解释清楚"))
        prefill = survey_matter_prefill(session=s, survey_id=saved.survey.id)
        matter = register_matter(session=s, actor=member, data=prefill,
                                 now=datetime(2026, 11, 20, 16, 5))
    detail = make_tab(member).open_detail(matter.id)
    assert _info(detail)["来源"] == "门诊满意度问卷 2026-11-20 内科（不满意：费用告知及收费合理性）"


def test_the_front_desk_does_not_get_the_button(make_tab, member, register) -> None:
    detail = make_tab(member).open_detail(register().id)
    assert detail.finding_button.isHidden()
