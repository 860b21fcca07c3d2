"""The 结果与考评 page: its table models on plain rows, then the panel on known October data
(figures hand-computed in results_support.py), its printouts and the xlsx export."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import QModelIndex, Qt

from desktop_app.clock import Clock
from desktop_app.db.services import users
from desktop_app.records.survey_rows import (
    CommentRow, DepartmentSatisfaction, DepartmentScoreRow, DimensionResult, MonthScores,
    SatisfactionResults,
)
from desktop_app.domain.satisfaction import (
    DIMENSION_LABELS, AnswerCounts, Dimension, ScoreInputs, ScoreWeights, department_score,
)
from desktop_app.records.satisfaction_text import lowest_text
from desktop_app.ui.satisfaction import results_panel as rp
from desktop_app.ui.satisfaction.results_models import (
    LOW_TEXT, LOWEST_BRUSH, CommentsTableModel, SatisfactionTableModel,
)
from desktop_app.ui.satisfaction.scores_model import SORT_ROLE, ScoresTableModel, weights_text
from desktop_app.ui.widgets.print_dialog import PrintPreviewDialog
from tests.support.satisfaction_results import COMMENT, MONTH, TODAY, october_database

WEIGHTS = ScoreWeights(40, 30, 10, 20, 10)


def dims(**rates: AnswerCounts) -> tuple[DimensionResult, ...]:
    return tuple(DimensionResult(d.value, DIMENSION_LABELS[d], rates.get(d.value, AnswerCounts(3)))
                 for d in Dimension)


def plain_results() -> SatisfactionResults:
    inner = dims(fees=AnswerCounts(1, 0, 1), attitude=AnswerCounts(2, 0, 0))
    outer = dims(attitude=AnswerCounts(1, 0, 1))
    total = dims(fees=AnswerCounts(4, 0, 1), attitude=AnswerCounts(3, 0, 1))
    lowest = (total[1], total[6])
    return SatisfactionResults(
        month="2026-10", kinds=("outpatient",), forms=5, dimensions=total,
        departments=(DepartmentSatisfaction(1, "内科", 3, inner, AnswerCounts(20, 0, 1)),
                     DepartmentSatisfaction(2, "外科", 2, outer, AnswerCounts(19, 0, 1))),
        total=AnswerCounts(39, 0, 2), lowest=lowest, phone_called=0, phone_reached=0,
        phone_counts=AnswerCounts(), cards_given=0,
        comments=(CommentRow(7, "outpatient", date(2026, 10, 8), "内科", "收费看不懂", True, None),
                  CommentRow(8, "inpatient", date(2026, 10, 9), "外科", "护士很好", False,
                             "2026-0003"),
                  CommentRow(9, "outpatient", date(2026, 10, 9), "外科",
                             "请回电13812345678或0538-5991234", True, None)),
        quota_short_days=1, quota_days_with_visits=3)


def score_row(dep_id: int, name: str, inputs: ScoreInputs, rank: int | None,
              complaints: tuple[str, ...] = ()) -> DepartmentScoreRow:
    return DepartmentScoreRow(dep_id, name, inputs, department_score(inputs, WEIGHTS), rank,
                              complaints)


def plain_scores() -> MonthScores:
    return MonthScores("2026-10", "示例镇卫生院", WEIGHTS, (
        score_row(1, "内科", ScoreInputs(AnswerCounts(18, 0, 2), 10, 9, 4, 1, 0), 1),
        score_row(2, "外科", ScoreInputs(AnswerCounts(9, 0, 1), 0, 0, 0, 0, 2), 2,
                  ("2026-0011", "2026-0014")),
        score_row(3, "药房", ScoreInputs(AnswerCounts(), 0, 0, 0, 0, 0), None),
    ))


def cell(model, row: int, column: int, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, column), role)


# --- the models on plain rows -------------------------------------------------------------


def test_satisfaction_model(qtmodeltester):
    model = SatisfactionTableModel()
    model.set_results(plain_results())
    qtmodeltester.check(model)
    assert [cell(model, r, 0) for r in range(3)] == ["内科", "外科", "全院合计"]
    assert cell(model, 0, 1) == "3"
    assert cell(model, 0, 8) == "50.0%"  # 内科 费用告知 1 of 2
    assert cell(model, 2, 8) == "80.0%" and cell(model, 2, 9) == "95.1%"  # 39 of 41
    assert "不满意 1" in cell(model, 0, 8, Qt.ItemDataRole.ToolTipRole)
    assert cell(model, 0, 8, Qt.ItemDataRole.ForegroundRole) == LOW_TEXT  # 内科's lowest item
    assert cell(model, 2, 8, Qt.ItemDataRole.BackgroundRole) == LOWEST_BRUSH
    assert model.headerData(8, Qt.Orientation.Horizontal) == "▼ 费用告知及\n收费合理性"
    assert "最低" in model.headerData(8, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(2, Qt.Orientation.Horizontal) == "服务效率"
    model.set_results(None)
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def tied_results() -> SatisfactionResults:
    """服务态度 at 75%, 服务效率 at 99.96% (prints 100.0%, as the best), the rest 100%;
    the service's three lowest include 服务效率 and 业务技术, tied with the best."""
    base = plain_results()
    total = dims(attitude=AnswerCounts(3, 0, 1), efficiency=AnswerCounts(2499, 0, 1))
    lowest = (total[1], total[0], total[2])  # 服务态度, 服务效率, 业务技术
    inner = dims(attitude=AnswerCounts(1, 0, 1), efficiency=AnswerCounts(2499, 0, 1))
    return replace(base, dimensions=total, lowest=lowest,
                   departments=(replace(base.departments[0], dimensions=inner),
                                replace(base.departments[1], dimensions=dims())))


def test_ties_with_the_best_are_not_marked_low(qtmodeltester):
    results = tied_results()
    model = SatisfactionTableModel()
    model.set_results(results)
    qtmodeltester.check(model)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(2, 9)]
    assert headers[:3] == ["服务效率", "▼ 服务态度", "业务技术"]
    assert [h for h in headers if h.startswith("▼")] == ["▼ 服务态度"]
    total = model.rowCount() - 1
    assert cell(model, total, 2, Qt.ItemDataRole.BackgroundRole) != LOWEST_BRUSH
    assert cell(model, total, 3, Qt.ItemDataRole.BackgroundRole) == LOWEST_BRUSH
    assert cell(model, 0, 3, Qt.ItemDataRole.ForegroundRole) == LOW_TEXT  # 内科 服务态度
    assert cell(model, 0, 2, Qt.ItemDataRole.ForegroundRole) is None  # 100.0% as printed
    assert all(cell(model, 1, c, Qt.ItemDataRole.ForegroundRole) is None  # 外科 all 100%
               for c in range(2, 9))
    # the same words as the printout: all six best named, only 服务态度 called low
    assert lowest_text(results) == (
        "“服务效率”“业务技术”“政策宣传”“文明服务”“服务环境”“费用告知及收费合理性”六项满意率最高，"
        "为 100.0%；“服务态度”一项满意率最低，为 75.0%。")
    same = replace(results, dimensions=dims(), lowest=dims()[:3])
    model.set_results(same)
    assert not any(model.headerData(c, Qt.Orientation.Horizontal).startswith("▼")
                   for c in range(2, 9))
    assert lowest_text(same) == "各调查项目满意率均为 100.0%。"


def test_comments_model(qtmodeltester):
    model = CommentsTableModel()
    model.set_rows(plain_results().comments)
    qtmodeltester.check(model)
    assert [cell(model, 0, c) for c in range(5)] == [
        "2026-10-08", "门诊满意度问卷", "内科", "收费看不懂", ""]
    assert cell(model, 1, 4) == "2026-0003"
    assert cell(model, 0, 0, Qt.ItemDataRole.BackgroundRole) is not None
    assert cell(model, 1, 0, Qt.ItemDataRole.BackgroundRole) is None
    # phones inside a comment are masked on screen and in the tooltip (DESIGN §3)
    assert cell(model, 2, 3) == "请回电138****5678或0538-***1234"
    tip = cell(model, 2, 3, Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("请回电138****5678或0538-***1234") and "13812345678" not in tip


def test_scores_model(qtmodeltester):
    model = ScoresTableModel()
    model.set_scores(plain_scores())
    qtmodeltester.check(model)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(12)]
    assert headers[1:3] == ["问卷满意率\n满意/有效", "得分\n（40%）"]
    assert headers[7:9] == ["投诉\n属实件数", "得分\n（20%）"]
    assert headers[9:] == ["总分", "名次", "备注"]
    # 内科: survey 90, follow-up 90, checks 3 of 4 → 75, complaints 100
    assert [cell(model, 0, c) for c in range(11)] == [
        "内科", "18/20", "90.0", "9/10", "90.0", "3/4", "75.0", "0", "100.0", "90.50", "1"]
    # 外科: no follow-ups or checks (weights shared out), two complaints
    assert [cell(model, 1, c) for c in (3, 4, 6, 7, 8, 9)] == ["—", "—", "—", "2", "80.0", "86.67"]
    assert cell(model, 1, 11) == "属实投诉：2026-0011、2026-0014"
    assert "不计分" in cell(model, 1, 4, Qt.ItemDataRole.ToolTipRole)
    assert "实际权重 66.7%" in cell(model, 1, 2, Qt.ItemDataRole.ToolTipRole)
    # 药房: nothing measured, no total, no rank
    assert [cell(model, 2, c) for c in (2, 8, 9, 10)] == ["—", "—", "—", "—"]
    assert cell(model, 2, 10, SORT_ROLE) == 10_000
    assert cell(model, 1, 4, SORT_ROLE) == -1.0
    assert "每件属实投诉扣 10 分" in weights_text(WEIGHTS)
    model.set_scores(None)
    qtmodeltester.check(model)
    assert model.headerData(2, Qt.Orientation.Horizontal) == "得分"


def test_summary_and_lowest_text():
    results = plain_results()
    summary = rp.summary_text(results)
    assert summary.startswith("2026 年 10 月（门诊满意度问卷）：收回 5 份，有效答项 41 项，综合满意率 95.1%。")
    assert "有门诊人次记录的 3 天中，1 天有科室未达抽样要求" in summary
    assert "连心卡" not in summary  # inpatient forms not counted here
    assert lowest_text(results) == (
        "“服务效率”“业务技术”“政策宣传”“文明服务”“服务环境”五项满意率最高，为 100.0%；"
        "“服务态度”一项满意率最低，为 75.0%，其次为“费用告知及收费合理性” 80.0%。")


# --- the panel on known data ---------------------------------------------------------------


@pytest.fixture
def october(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    db, admin, ids = october_database(tmp_path / "oct.sqlite3")
    yield db, admin, ids
    db.close()


@pytest.fixture
def panel(qtbot, october):
    db, admin, _ids = october
    widget = rp.ResultsPanel(db, admin, now=Clock.fixed(TODAY).now)
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    return widget


def _row_of(model, name: str) -> int:
    return next(r for r in range(model.rowCount()) if cell(model, r, 0) == name)


def test_panel_shows_the_known_figures(panel, october, qtmodeltester):
    _db, _admin, ids = october
    assert panel.month() == MONTH  # the previous month first
    model = panel.satisfaction_model
    qtmodeltester.check(model)
    inner, outer, total = (_row_of(model, n) for n in ("内科", "外科", "全院合计"))
    assert total == model.rowCount() - 1
    fees, attitude, skill = 8, 3, 4
    assert cell(model, inner, fees) == "50.0%" and cell(model, outer, fees) == "100.0%"
    assert cell(model, total, fees) == "66.7%"
    assert cell(model, outer, attitude) == "50.0%" and cell(model, total, attitude) == "83.3%"
    assert cell(model, total, skill) == "83.3%"
    assert cell(model, total, 1) == str(panel.results.forms)
    assert "“费用告知及收费合理性”一项满意率最低，为 66.7%" in panel.lowest_label.text()
    assert "服务态度" in panel.lowest_label.text()
    summary = panel.summary_label.text()
    assert "2026 年 10 月（全部调查）" in summary
    assert "公卫电话调查 2 人，接通 1 人" in summary and "发放医患连心卡 2 张" in summary
    assert "有门诊人次记录的 1 天中，1 天有科室未达抽样要求" in summary
    comments = panel.comments_model
    qtmodeltester.check(comments)
    assert [cell(comments, r, 3) for r in range(comments.rowCount())] == [COMMENT]
    # the scores
    scores = panel.scores_model
    qtmodeltester.check(scores)
    s_inner, s_outer = _row_of(scores, "内科"), _row_of(scores, "外科")
    assert [cell(scores, s_inner, c) for c in (1, 2, 7, 8, 9, 10)] == [
        "26/28", "92.9", "0", "100.0", "95.24", "1"]
    assert [cell(scores, s_outer, c) for c in (1, 2, 7, 8, 9, 10)] == [
        "12/14", "85.7", "1", "90.0", "87.14", "2"]
    assert cell(scores, s_outer, 11).startswith("属实投诉：")
    assert "问卷满意率 40%" in panel.weights_label.text()
    # the trend: all departments, then one
    assert [p.month for p in panel.trend][-2:] == ["2026-09", "2026-10"] and len(panel.trend) == 12
    panel.set_department(ids["外科"])
    assert panel.chart.rates()[-2] is None
    assert panel.chart.rates()[-1] == pytest.approx(12 / 14)
    assert "外科" in panel.chart.caption()


def test_kind_filter_and_month_change(panel):
    panel.set_kinds(("outpatient",))
    assert panel.results.kinds == ("outpatient",)
    assert panel.results.forms == 5
    assert panel.chart.rates()[-2:] == [pytest.approx(6 / 7), pytest.approx(30 / 34)]
    assert "连心卡" not in panel.summary_label.text()
    panel.set_month("2026-09")
    assert panel.results.forms == 1
    assert cell(panel.satisfaction_model, 0, 4) == "0.0%"  # 内科 业务技术 不满意
    assert panel.scores.month == "2026-09"


def test_printouts_go_to_the_print_dialog(panel, monkeypatch):
    shown: list[tuple[str, str, str]] = []

    def show(cls, parent, pdf, title, name):
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
        shown.append((title, name, text))

    monkeypatch.setattr(PrintPreviewDialog, "show_pdf", classmethod(show))
    panel.print_scores_button.click()
    title, name, text = shown[-1]
    assert (title, name) == ("科室月度满意度考评表", "科室月度满意度考评表-2026-10.pdf")
    assert "内科" in text and "95.24" in text
    panel.print_results_button.click()
    title, name, text = shown[-1]
    assert name == "满意度调查结果-2026-10.pdf" and "费用告知" in text
    flat = "".join(text.split())
    # all kinds: outpatient 30/34, inpatient 7/7, phone 1/1 → 38/42
    assert "调查类别：门诊满意度问卷、" in flat and "综合满意率90.5%" in flat


def test_the_printed_results_follow_the_kind_filter(panel, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(PrintPreviewDialog, "show_pdf", classmethod(
        lambda cls, parent, pdf, title, name: shown.append("".join(
            "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split()))))
    panel.set_kinds(("outpatient",))
    panel.print_results_button.click()
    text = shown[-1]
    assert "调查类别：门诊满意度问卷；" in text
    assert "本月共收回满意度调查表5份，综合满意率88.2%" in text  # 30/34, as on screen
    assert "88.2%" in panel.summary_label.text()
    assert "住院" not in text.split("意见和建议")[0] and "其他调查" not in text
    assert "不受“调查类型”筛选影响" in panel.export_button.toolTip()


def test_export_writes_a_readable_workbook(panel, tmp_path, monkeypatch):
    target = tmp_path / "月报"
    monkeypatch.setattr(rp.QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(target), "")))
    path = panel.export_workbook()
    assert path == tmp_path / "月报.xlsx" and path.exists()
    book = load_workbook(path, read_only=True)
    assert {"满意度", "科室考评", "投诉通报", "回访结果"} <= set(book.sheetnames)
    values = [v for row in book["科室考评"].iter_rows(values_only=True) for v in row if v]
    assert "内科" in values and "外科" in values
    book.close()
    assert str(path) in panel.status_label.text()
    monkeypatch.setattr(rp.QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: ("", "")))
    assert panel.export_workbook() is None  # cancelled


def test_export_to_an_unwritable_place_warns(panel, tmp_path, monkeypatch, message_boxes):
    target = tmp_path / "no-such-folder" / "x.xlsx"
    monkeypatch.setattr(rp.QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(target), "")))
    assert panel.export_workbook() is None
    assert message_boxes[-1].title == "无法保存"


def test_a_failing_printout_is_shown_not_raised(panel, monkeypatch, message_boxes):
    import desktop_app.printouts.satisfaction as sp

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sp, "department_scores_pdf", broken)
    monkeypatch.setattr(PrintPreviewDialog, "show_pdf",
                        classmethod(lambda *a: pytest.fail("no preview expected")))
    panel.print_scores_button.click()
    assert message_boxes, "the error must be shown"


def test_an_empty_month(panel):
    panel.set_month("2026-08")
    assert panel.results.forms == 0
    assert panel.lowest_label.text() == "本月没有满意度调查的有效答项。"
    assert panel.satisfaction_model.rowCount() == len(panel.results.departments) + 1
    assert panel.chart.rates()[-1] is None
    assert panel.scores_model.rowCount() == panel.scores_model.rowCount(QModelIndex())
