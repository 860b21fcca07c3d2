"""The discharge follow-up commands of the command line (DESIGN §1.4, §1.8).

- `followups due --date YYYY-MM-DD [--department 名称] [--out FILE.pdf]`: the
  day's call list (出院患者回访工作单), for a scheduled morning print;
- `report followups --month YYYY-MM [--out FILE.pdf]`: the monthly results.

Without `--out` the PDF is written to a default name in the current folder
and its path printed. Nothing is sent to a printer: a command run by the
task scheduler has no screen for a print dialog, so the scheduled task prints
the file itself. `cli.py` wires these into its parser and its error handling.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_app.db.database import Database

NO_PRINTER = (
    "命令行只生成 PDF 文件，不能直接送打印机（无界面运行时无法弹出打印对话框）；"
    "定时打印请在计划任务中生成 PDF 后，再用 PDF 阅读器或系统打印命令打印该文件。"
)
CALL_LIST_NAME = "出院回访工作单"
RESULTS_NAME = "出院回访月度统计"


def add_followups_command(sub: argparse._SubParsersAction, day: Callable[[str], date]) -> None:
    """`followups due …` under the main parser's commands."""
    followups = sub.add_parser("followups", help="出院回访：生成某日的回访工作单 PDF",
                               description=NO_PRINTER)
    what = followups.add_subparsers(dest="followups", required=True)
    due = what.add_parser(
        "due", help="某日待访的出院患者回访工作单（含患者完整电话，仅供回访使用）",
        description=f"生成某日的出院患者回访工作单 PDF：当日在回访期内和已逾期未完成的回访，"
                    f"含患者完整联系电话。{NO_PRINTER}")
    due.add_argument("--date", type=day, required=True, help="日期 YYYY-MM-DD")
    due.add_argument("--department", metavar="名称", help="只列该科室的出院患者（默认全院）")
    due.add_argument("--out", type=Path, metavar="FILE.pdf",
                     help=f"输出 PDF 文件（默认写到当前文件夹：{CALL_LIST_NAME}-日期[-科室].pdf）")


def add_results_report(kinds: argparse._SubParsersAction, month: Callable[[str], str]) -> None:
    """`report followups …` beside `report daily|monthly`."""
    results = kinds.add_parser("followups", help="出院患者回访月度统计",
                               description=f"生成出院患者回访月度统计 PDF。{NO_PRINTER}")
    results.add_argument("--month", type=month, required=True, help="月份 YYYY-MM")
    results.add_argument("--out", type=Path, metavar="FILE.pdf",
                         help=f"输出 PDF 文件（默认写到当前文件夹：{RESULTS_NAME}-月份.pdf）")


def _file_part(text: str) -> str:
    """Text safe in a Windows file name."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("_.") or "科室"


def department_id_by_name(db: Database, name: str) -> int:
    """The id of the department called `name`; ValidationError naming the known ones."""
    from desktop_app.db.services.departments import list_departments
    from desktop_app.domain.errors import ValidationError

    with db.session() as session:
        departments = list_departments(session=session)
    wanted = name.strip()
    for department in departments:
        if department.name == wanted:
            return department.id
    known = "、".join(d.name for d in departments) or "（尚未设置科室）"
    raise ValidationError("department", f"找不到科室“{wanted}”。现有科室：{known}")


def call_list_file(db: Database, args: argparse.Namespace, *,
                   printed_at: datetime) -> tuple[bytes, Path]:
    """The call list PDF of `followups due` and the file to write it to."""
    from desktop_app.printouts.followups import call_list_pdf

    department_id = None
    name = f"{CALL_LIST_NAME}-{args.date:%Y-%m-%d}"
    if args.department is not None:
        department_id = department_id_by_name(db, args.department)
        name += f"-{_file_part(args.department.strip())}"
    pdf = call_list_pdf(db, args.date, department_id, printed_at=printed_at)
    return pdf, args.out or Path.cwd() / f"{name}.pdf"


def results_file(db: Database, args: argparse.Namespace, *, today: date,
                 printed_at: datetime) -> tuple[bytes, Path]:
    """The monthly results PDF of `report followups` and the file to write it to."""
    from desktop_app.printouts.followups import followup_results_pdf

    pdf = followup_results_pdf(db, args.month, today=today, printed_at=printed_at)
    return pdf, args.out or Path.cwd() / f"{RESULTS_NAME}-{args.month}.pdf"
