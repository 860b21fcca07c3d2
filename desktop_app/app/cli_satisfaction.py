"""The 满意度 commands of the command line (DESIGN §1.7–1.8).

- `report scores --month YYYY-MM [--out FILE.pdf]`: the 科室月度满意度考评表;
- `report satisfaction --month YYYY-MM [--out FILE.pdf]`: the month's survey results;
- `export --month YYYY-MM [--out FILE.xlsx]`: every monthly table in one
  workbook (满意度, 科室考评, 投诉通报, 回访结果) for reporting upward.

As in `cli_followups.py`: without `--out` the file is written to a default
name in the current folder and its path printed; nothing goes to a printer.
`cli.py` wires these into its parser and its error handling.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.app.cli_followups import NO_PRINTER

if TYPE_CHECKING:
    from desktop_app.db.database import Database

SCORES_NAME = "科室月度满意度考评表"
SATISFACTION_NAME = "满意度调查结果"
EXPORT_NAME = "月度报表"
REPORTS = ("scores", "satisfaction")


def add_satisfaction_reports(kinds: argparse._SubParsersAction,
                             month: Callable[[str], str]) -> None:
    """`report scores …` and `report satisfaction …` beside `report daily|monthly|followups`."""
    for name, title, file_name in (("scores", "科室月度满意度考评表（含权重和签字栏）", SCORES_NAME),
                                   ("satisfaction", "满意度调查月度结果（含12个月趋势）",
                                    SATISFACTION_NAME)):
        report = kinds.add_parser(name, help=title, description=f"生成{title} PDF。{NO_PRINTER}")
        report.add_argument("--month", type=month, required=True, help="月份 YYYY-MM")
        report.add_argument("--out", type=Path, metavar="FILE.pdf",
                            help=f"输出 PDF 文件（默认写到当前文件夹：{file_name}-月份.pdf）")


def add_export_command(sub: argparse._SubParsersAction, month: Callable[[str], str]) -> None:
    """`export --month … [--out FILE.xlsx]` under the main parser's commands."""
    export = sub.add_parser(
        "export", help="导出某月全部月度报表为 Excel（.xlsx）",
        description="把某月的满意度、科室考评、投诉通报和回访结果导出为一个 Excel 文件"
                    "（电话号码已隐藏中间四位），供向上级报送。")
    export.add_argument("--month", type=month, required=True, help="月份 YYYY-MM")
    export.add_argument("--out", type=Path, metavar="FILE.xlsx",
                        help=f"输出 Excel 文件（默认写到当前文件夹：{EXPORT_NAME}-月份.xlsx）")


def report_file(db: Database, args: argparse.Namespace, *, today: date,
                printed_at: datetime) -> tuple[bytes, Path]:
    """The PDF of `report scores|satisfaction` and the file to write it to."""
    from desktop_app.printouts import satisfaction as sp

    if args.report == "scores":
        pdf = sp.department_scores_pdf(db, args.month, today=today, printed_at=printed_at)
        name = SCORES_NAME
    else:
        pdf = sp.satisfaction_results_pdf(db, args.month, printed_at=printed_at)
        name = SATISFACTION_NAME
    return pdf, args.out or Path.cwd() / f"{name}-{args.month}.pdf"


def export_file(db: Database, args: argparse.Namespace, *, today: date) -> tuple[bytes, Path]:
    """The workbook of `export` and the file to write it to."""
    from desktop_app.printouts.satisfaction import monthly_workbook

    data = monthly_workbook(db, args.month, today=today)
    return data, args.out or Path.cwd() / f"{EXPORT_NAME}-{args.month}.xlsx"
