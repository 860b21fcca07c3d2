"""`report scores`, `report satisfaction` and `export` as a scheduled task would run them."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop_app.app.cli import main
from desktop_app.clock import Clock
from tests.support.satisfaction_month import PRINTED, survey_database

CLOCK = Clock.fixed(PRINTED)  # the commands' clock: November is over


def _flat(path: Path) -> str:
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)
    return " ".join(text.split())


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "s.sqlite3"
    survey_database(path)
    return path


def test_report_scores_writes_the_score_sheet_to_out(db_path: Path, tmp_path: Path,
                                                     capsys) -> None:
    out = tmp_path / "scores.pdf"
    assert main(["--db", str(db_path), "report", "scores", "--month", "2026-11",
                 "--out", str(out)], clock=CLOCK) == 0
    assert f"已生成：{out}" in capsys.readouterr().out
    text = _flat(out)
    assert "2026年11月科室月度满意度考评表" in text
    assert "问卷满意率 （权重 50%）" in text and "内科" in text and "2026-0001" in text


def test_report_satisfaction_without_out_writes_a_default_file_here(
        db_path: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["--db", str(db_path), "report", "satisfaction", "--month", "2026-11"], clock=CLOCK) == 0
    expected = tmp_path / "满意度调查结果-2026-11.pdf"
    assert expected.is_file()
    assert str(expected) in capsys.readouterr().out
    assert "2026年11月满意度调查结果" in _flat(expected)


def test_report_scores_without_out_is_named_by_month(db_path: Path, tmp_path: Path,
                                                     monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["--db", str(db_path), "report", "scores", "--month", "2026-3"], clock=CLOCK) == 0
    assert (tmp_path / "科室月度满意度考评表-2026-03.pdf").is_file()


def test_export_writes_the_workbook(db_path: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "月报.xlsx"
    assert main(["--db", str(db_path), "export", "--month", "2026-11", "--out", str(out)],
                clock=CLOCK) == 0
    assert str(out) in capsys.readouterr().out
    wb = load_workbook(out)
    assert wb.sheetnames == ["满意度", "科室考评", "投诉通报", "回访结果"]


def test_export_without_out_writes_a_default_file_here(db_path: Path, tmp_path: Path,
                                                       monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["--db", str(db_path), "export", "--month", "2026-11"], clock=CLOCK) == 0
    assert load_workbook(tmp_path / "月度报表-2026-11.xlsx")["科室考评"]["A1"].value.endswith(
        "科室月度满意度考评表")


@pytest.mark.parametrize("command", [["report", "scores"], ["report", "satisfaction"], ["export"]])
def test_bad_month_exits_2_with_a_chinese_message(db_path: Path, command: list[str],
                                                  capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--db", str(db_path), *command, "--month", "2026-13"], clock=CLOCK)
    assert stop.value.code == 2
    assert "月份格式应为 YYYY-MM" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["report", "scores"], ["export"]])
def test_missing_database_is_reported_not_created(tmp_path: Path, command: list[str],
                                                  capsys) -> None:
    path = tmp_path / "none.sqlite3"
    assert main(["--db", str(path), *command, "--month", "2026-11",
                 "--out", str(tmp_path / "x")], clock=CLOCK) == 2
    assert "不存在" in capsys.readouterr().err
    assert not path.exists() and not (tmp_path / "x").exists()


def test_unwritable_out_is_a_user_error(db_path: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "no-such-folder" / "m.xlsx"
    assert main(["--db", str(db_path), "export", "--month", "2026-11", "--out", str(out)],
                clock=CLOCK) == 2
    assert "无法写入文件" in capsys.readouterr().err


def test_help_lists_the_new_commands(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["report", "--help"], clock=CLOCK)
    out = capsys.readouterr().out
    assert "scores" in out and "satisfaction" in out
    with pytest.raises(SystemExit):
        main(["--help"], clock=CLOCK)
    assert "export" in capsys.readouterr().out
