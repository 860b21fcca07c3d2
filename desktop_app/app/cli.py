"""Command line: `python -m desktop_app [--db PATH] [demo | check | backup --to DIR | restore FILE | report … | export …]`.

Also `followups due …` (the day's follow-up call list) and `report followups …`
(the monthly follow-up results), defined in `cli_followups.py`; `report scores …`,
`report satisfaction …` and `export …` (the monthly workbook), defined in
`cli_satisfaction.py`.

Without a command the program opens. A user error prints a clear Chinese
message and exits non-zero, never a traceback.

`main` makes the run's one clock (issue 12) and reads it once; each command is
given that `now` (and `now.date()` as today) instead of reading the time itself.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app import APP_NAME, __version__
from desktop_app.clock import Clock
from desktop_app.app.cli_followups import (
    add_followups_command,
    add_results_report,
    call_list_file,
    results_file,
)
from desktop_app.app.cli_satisfaction import (
    REPORTS as SATISFACTION_REPORTS,
    add_export_command,
    add_satisfaction_reports,
    export_file,
    report_file,
)
from desktop_app.domain.errors import DomainError, ValidationError
from desktop_app.domain.months import Month

if TYPE_CHECKING:
    from desktop_app.db.database import Database

EXIT_USER_ERROR = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own errors in plain words
        self.print_usage(sys.stderr)
        print(f"参数错误：{message}", file=sys.stderr)
        raise SystemExit(EXIT_USER_ERROR)


def _program_name() -> str:
    """How the user started us, for the usage line: `fwqz-cli` in the bundle, else the module."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).stem
    return "python -m desktop_app"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=_program_name(), description=f"{APP_NAME} {__version__}")
    parser.add_argument("--db", type=Path, help="数据库文件路径（默认在用户数据文件夹）")
    parser.add_argument("--self-test", action="store_true",
                        help="自检：在临时文件夹中建库、写入、生成 PDF、打开主窗口，不动用户数据")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("demo", help="在新数据库中填入虚构的演示数据")
    sub.add_parser("check", help="对数据库做完整性检查")
    backup = sub.add_parser("backup", help="把数据库备份到指定文件夹")
    backup.add_argument("--to", type=Path, required=True, help="备份文件夹")
    restore = sub.add_parser("restore", help="用备份文件恢复数据库（先检查备份，并先备份当前数据）")
    restore.add_argument("file", type=Path, help="备份文件（.sqlite3）")
    report = sub.add_parser("report", help="生成报表 PDF（供计划任务定时打印）")
    kinds = report.add_subparsers(dest="report", required=True)
    daily = kinds.add_parser("daily", help="每日汇总")
    daily.add_argument("--date", type=_day, required=True, help="日期 YYYY-MM-DD")
    daily.add_argument("--out", type=Path, required=True, help="输出 PDF 文件")
    monthly = kinds.add_parser("monthly", help="每月通报")
    monthly.add_argument("--month", type=_month, required=True, help="月份 YYYY-MM")
    monthly.add_argument("--out", type=Path, required=True, help="输出 PDF 文件")
    add_results_report(kinds, _month)
    add_satisfaction_reports(kinds, _month)
    add_followups_command(sub, _day)
    add_export_command(sub, _month)
    return parser


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD：{text}") from None


def _month(text: str) -> str:
    """"2026-3" or "2026-03" → "2026-03", read by the one Month type (domain/months.py)."""
    try:
        return str(Month.parse(text))
    except ValidationError:
        raise argparse.ArgumentTypeError(f"月份格式应为 YYYY-MM：{text}") from None


def _db_path(args: argparse.Namespace) -> Path:
    from desktop_app.paths import default_db_path

    return args.db if args.db is not None else default_db_path()


def cmd_demo(path: Path, *, now: datetime) -> int:
    from desktop_app.db.database import Database
    from desktop_app.demo.fill import DEMO_PASSWORD, fill_demo

    fresh = not path.exists()
    db = Database.open(path, create=True, now=now)
    try:
        with db.session() as session:
            fill_demo(session=session, now=now, today=now.date())
    except BaseException:
        db.close()
        if fresh:  # never leave a half-filled demo database behind
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
    db.close()
    print(f"已写入演示数据：{path}\n管理员账号 admin，密码 {DEMO_PASSWORD}")
    return 0


def cmd_check(path: Path) -> int:
    from desktop_app.db.backup import integrity_check
    from desktop_app.db.engine import check_database_file
    from desktop_app.domain.errors import StorageError

    if not path.exists():
        raise StorageError(f"数据库文件不存在：{path}", "missing", str(path))
    check_database_file(path)
    result = integrity_check(path)
    if result == ["ok"]:
        print(f"完整性检查通过：{path}")
        return 0
    print(f"完整性检查未通过：{path}", file=sys.stderr)
    for line in result[:20]:
        print(f"  {line}", file=sys.stderr)
    return 1


def cmd_backup(path: Path, dest: Path, *, now: datetime) -> int:
    from desktop_app.db.backup import backup_database
    from desktop_app.db.engine import check_database_file
    from desktop_app.domain.errors import StorageError

    if not path.exists():
        raise StorageError(f"数据库文件不存在：{path}", "missing", str(path))
    check_database_file(path)
    target = backup_database(path, dest, now=now)
    print(f"已备份到：{target}")
    return 0


def cmd_restore(path: Path, backup_file: Path, *, now: datetime) -> int:
    """Check the backup, back up the current data (pre-restore), then put the backup in place."""
    from desktop_app.db.backup import restore_database
    from desktop_app.paths import log_dir
    from desktop_app.app.single_instance import database_in_use

    if database_in_use(path, log_dir()):
        print(f"错误：数据库“{path}”正在程序窗口中打开。请先退出程序，再恢复备份；"
              "也可以在程序中用 文件 → 恢复备份…。", file=sys.stderr)
        return EXIT_USER_ERROR
    outcome = restore_database(backup_file, path, now=now)
    if outcome.pre_restore is not None:
        print(f"恢复前的数据已备份到：{outcome.pre_restore}")
    elif outcome.kept is not None:
        print(f"原数据库文件无法读取，未能备份；已改名保留：{outcome.kept}")
    print(f"已从备份恢复：{backup_file}\n数据库：{path}")
    if outcome.kept is not None and outcome.pre_restore is not None:
        print(f"被替换的文件已改名保留：{outcome.kept}")
    if outcome.photos_copied:
        print(f"已恢复检查照片 {outcome.photos_copied} 张")
    if outcome.photos_missing:
        print(f"注意：有 {outcome.photos_missing} 张检查照片在备份中找不到", file=sys.stderr)
    return 0


def _has_display() -> bool:
    """False on a Linux machine with no X or Wayland display (Qt would abort)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _open_existing(path: Path, *, now: datetime) -> Database:
    """The database at `path`, which must exist (a report never creates one)."""
    from desktop_app.db.database import Database
    from desktop_app.domain.errors import StorageError

    if not path.exists():
        raise StorageError(f"数据库文件不存在：{path}", "missing", str(path))
    return Database.open(path, now=now)


def _write_pdf(pdf: bytes, out: Path) -> int:
    from desktop_app.domain.errors import StorageError

    try:
        out.write_bytes(pdf)
    except OSError as exc:
        raise StorageError(f"无法写入文件“{out}”：{exc.strerror}", "io", str(out)) from exc
    print(f"已生成：{out}")
    return 0


def cmd_report(path: Path, args: argparse.Namespace, *, now: datetime) -> int:
    from desktop_app.printouts import complaints as cp

    db = _open_existing(path, now=now)
    try:
        if args.report == "daily":
            pdf, out = cp.daily_summary_pdf(db, args.date, printed_at=now), args.out
        elif args.report == "monthly":
            pdf = cp.monthly_bulletin_pdf(db, args.month, today=now.date(), printed_at=now)
            out = args.out
        elif args.report in SATISFACTION_REPORTS:
            pdf, out = report_file(db, args, today=now.date(), printed_at=now)
        else:
            pdf, out = results_file(db, args, today=now.date(), printed_at=now)
    finally:
        db.close()
    return _write_pdf(pdf, out)


def cmd_followups(path: Path, args: argparse.Namespace, *, now: datetime) -> int:
    db = _open_existing(path, now=now)
    try:
        pdf, out = call_list_file(db, args, printed_at=now)
    finally:
        db.close()
    return _write_pdf(pdf, out)


def cmd_export(path: Path, args: argparse.Namespace, *, now: datetime) -> int:
    db = _open_existing(path, now=now)
    try:
        data, out = export_file(db, args, today=now.date())
    finally:
        db.close()
    return _write_pdf(data, out)


def main(argv: list[str] | None = None, clock: Clock | None = None) -> int:
    """Run one command; `clock` (tests: `Clock.fixed(...)`) defaults to the system's."""
    clock = clock or Clock.system()  # the one clock of the run
    args = build_parser().parse_args(argv)
    if args.self_test:  # before anything touches the user data folder
        from desktop_app.app.selftest import run_self_test

        return run_self_test(clock=clock)
    path = _db_path(args)
    now = clock.now()  # read once: a command's files, stamps and "today" agree
    try:
        if args.command == "demo":
            return cmd_demo(path, now=now)
        if args.command == "check":
            return cmd_check(path)
        if args.command == "backup":
            return cmd_backup(path, args.to, now=now)
        if args.command == "restore":
            return cmd_restore(path, args.file, now=now)
        if args.command == "report":
            return cmd_report(path, args, now=now)
        if args.command == "followups":
            return cmd_followups(path, args, now=now)
        if args.command == "export":
            return cmd_export(path, args, now=now)
        if not _has_display():
            print("错误：找不到图形桌面（DISPLAY 未设置），无法打开程序窗口。"
                  "请在桌面环境中运行，或用 demo/check/backup 等命令行功能。", file=sys.stderr)
            return EXIT_USER_ERROR
        from desktop_app.app.gui import run_gui

        return run_gui(path, explicit=args.db is not None, clock=clock)
    except DomainError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return EXIT_USER_ERROR
