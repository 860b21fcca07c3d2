"""`followups due` and `report followups` as a scheduled task would run them."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.app.cli import main
from desktop_app.clock import Clock
from tests.support.followups import LATE, november_database

CLOCK = Clock.fixed(LATE)  # the commands' clock: every record of November is entered by then


def _text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "f.sqlite3"
    november_database(path)
    return path


def test_due_writes_the_call_list_to_out(db_path: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "calls.pdf"
    assert main(["--db", str(db_path), "followups", "due", "--date", "2026-11-23",
                 "--out", str(out)], clock=CLOCK) == 0
    assert str(out) in capsys.readouterr().out
    text = _text(out)
    assert "出院患者回访工作单" in text and "全院" in text
    assert "李某某" in text and "13900000003" in text


def test_due_without_out_writes_a_default_file_here(db_path: Path, tmp_path: Path,
                                                    monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["--db", str(db_path), "followups", "due", "--date", "2026-11-23",
                 "--department", "外科"], clock=CLOCK) == 0
    expected = tmp_path / "出院回访工作单-2026-11-23-外科.pdf"
    assert expected.is_file()
    assert str(expected) in capsys.readouterr().out
    text = _text(expected)
    assert "范围：外科" in text and "郑某某" in text and "李某某" not in text


def test_unknown_department_is_a_user_error(db_path: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "x.pdf"
    assert main(["--db", str(db_path), "followups", "due", "--date", "2026-11-23",
                 "--department", "口腔科", "--out", str(out)], clock=CLOCK) == 2
    err = capsys.readouterr().err
    assert "找不到科室“口腔科”" in err and "内科" in err
    assert not out.exists()


@pytest.mark.parametrize("date_text", ["2026-13-01", "23.11.2026", "明天"])
def test_bad_date_exits_2_with_a_chinese_message(db_path: Path, date_text: str, capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--db", str(db_path), "followups", "due", "--date", date_text], clock=CLOCK)
    assert stop.value.code == 2
    assert "日期格式应为 YYYY-MM-DD" in capsys.readouterr().err


def test_missing_database_is_reported_not_created(tmp_path: Path, capsys) -> None:
    path = tmp_path / "none.sqlite3"
    assert main(["--db", str(path), "followups", "due", "--date", "2026-11-23"], clock=CLOCK) == 2
    assert "不存在" in capsys.readouterr().err
    assert not path.exists()


def test_report_followups_writes_the_monthly_results(db_path: Path, tmp_path: Path,
                                                     monkeypatch, capsys) -> None:
    out = tmp_path / "m.pdf"
    assert main(["--db", str(db_path), "report", "followups", "--month", "2026-11",
                 "--out", str(out)], clock=CLOCK) == 0
    flat = " ".join(_text(out).split())
    assert "出院患者回访月度统计 2026年11月" in flat
    assert "合计 11 6 1 1 " in flat  # due, in window, late, lost (the rest depend on today)
    monkeypatch.chdir(tmp_path)
    assert main(["--db", str(db_path), "report", "followups", "--month", "2026-11"], clock=CLOCK) == 0
    assert (tmp_path / "出院回访月度统计-2026-11.pdf").is_file()


def test_report_followups_bad_month(db_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--db", str(db_path), "report", "followups", "--month", "11/2026"], clock=CLOCK)
    assert stop.value.code == 2
    assert "月份格式应为 YYYY-MM" in capsys.readouterr().err


def test_help_says_printing_is_not_possible_from_the_command_line() -> None:
    result = subprocess.run([sys.executable, "-m", "desktop_app", "followups", "due", "--help"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0
    assert "不能直接送打印机" in " ".join(result.stdout.split())
