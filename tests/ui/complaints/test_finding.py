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


def test_record_change_and_clear_a_finding(make_tab, member, register, dialogs) -> None:
    matter = register()
    tab = make_tab(member)
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


def test_the_button_is_only_for_criticism_complaint_and_report(make_tab, member, register) -> None:
    tab = make_tab(member)
    consultation = tab.open_detail(register(request_type="consultation", category="other").id)
    assert consultation.finding_button.isHidden()
    report = tab.open_detail(register(request_type="report").id)
    assert not report.finding_button.isHidden()


def test_finding_text() -> None:
    assert finding_text(None) == "" and finding_text("") == ""
    assert finding_text("partly") == "部分属实"
    assert finding_text("unverifiable", "当事人未留联系方式") == "无法核实（当事人未留联系方式）"
