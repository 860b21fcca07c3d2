"""`desktop_app --self-test`: prove that this installation works, without touching the user's data.

Run from source and, above all, in the PyInstaller bundle (CI runs it there), so
that a data file or hidden import left out of the build is caught before it
reaches the front-desk PC. In a temporary folder it:

1. creates a database and runs the shipped migrations to head;
2. writes through the services (the office director's account, the
   institution's name in the settings, a department) and reads them back,
   logging in once with the password (argon2);
3. starts Qt (offscreen when there is no display) with the bundled font, and
   checks over a burst of Qt calls that PySide6 does not leak references to
   `None` (6.12.0 on Python 3.11 does, and aborts after some minutes of use);
4. builds the 每日汇总 PDF and checks that the bundled CJK font is embedded
   and that the Chinese text reads back (through QtPdf, as the print preview
   does);
5. opens the main window on that database and closes it.

One line on stdout: "自检通过：…" with the timings, exit 0; or
"自检失败：<step>：<reason>", exit 1 (the traceback goes to stderr for the
support person). The environment variable `FWQZ_SELFTEST_FAIL=<step key>`
makes one step fail on purpose (for the tests).

The run has one clock (issue 12), made in `run_self_test` (or given by the
CLI's `main`); every step is given its time, the main window the clock itself.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from desktop_app import __version__
from desktop_app.clock import Clock

FAIL_ENV = "FWQZ_SELFTEST_FAIL"

# step key -> what the user reads
STEPS = {
    "db": "数据库与迁移",
    "record": "写入与读回",
    "qt": "界面库与字体",
    "pdf": "PDF 报表",
    "window": "主窗口",
}

_INSTITUTION = "自检卫生院"
_DEPARTMENT = "自检科室"
_USER, _PASSWORD = "selftest", "selftest-2026"
# A burst of None-returning Qt calls (issue 12): enough to see a leak of one
# reference per call, far too few to use up None's count and abort.
REFCOUNT_CALLS = 2000


class SelfTestError(Exception):
    """A check inside a step did not hold; the message says what (in Chinese)."""


@dataclass
class _State:
    folder: Path
    clock: Clock
    db: Any = None
    actor: Any = None
    app: Any = None
    pdf: bytes = b""
    qt_messages: list[str] = field(default_factory=list)
    previous_handler: Any = False  # False: Qt's message handler was not replaced
    notes: list[str] = field(default_factory=list)


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise SelfTestError(message)


def _step_db(state: _State) -> None:
    from desktop_app.db.database import Database
    from desktop_app.db.migrate import current_revision, head_revision

    state.db = Database.open(state.folder / "selftest.sqlite3", create=True, now=state.clock.now())
    head, current = head_revision(), current_revision(state.db.engine)
    _check(current == head, f"迁移后版本为 {current}，应为 {head}")
    state.notes.append(f"迁移 {head}")


def _step_record(state: _State) -> None:
    from desktop_app.db.services import departments as dept_svc
    from desktop_app.db.services import settings as settings_svc
    from desktop_app.db.services import users as user_svc

    with state.db.session() as session:
        user_svc.create_first_admin(
            session=session, display_name="自检管理员", username=_USER, password=_PASSWORD,
            now=state.clock.now())
    with state.db.session() as session:  # a real log-in: the password hash (argon2) checks out
        state.actor = user_svc.authenticate(session=session, username=_USER, password=_PASSWORD,
                                            now=state.clock.now())
    with state.db.session() as session:
        settings_svc.update_settings(session=session, actor=state.actor, values={"name": _INSTITUTION},
                                     now=state.clock.now())
    with state.db.session() as session:
        dept_svc.create_department(session=session, actor=state.actor, name=_DEPARTMENT,
                                   is_clinical=True, now=state.clock.now())
    with state.db.session() as session:  # read back in fresh sessions
        name = settings_svc.get_settings(session=session).name
        departments = [d.name for d in dept_svc.list_departments(session=session)]
    _check(name == _INSTITUTION, f"读回的单位名称为“{name}”")
    _check(_DEPARTMENT in departments, "读回的科室列表中没有刚写入的科室")


def _step_qt(state: _State) -> None:
    if sys.platform.startswith("linux") and not (
        os.environ.get("QT_QPA_PLATFORM") or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from desktop_app.ui.fonts import app_font_family, install_app_font
    from desktop_app.ui.refcount_probe import is_leaking, none_refcount_drop

    # Qt's chatter (e.g. the offscreen platform's notes) would break the one-line
    # report; it is kept and shown only when a step fails.
    state.previous_handler = qInstallMessageHandler(
        lambda _kind, _context, message: state.qt_messages.append(message))
    state.app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "desktop_app"])
    install_app_font(state.app)
    _check(app_font_family() is not None, "内置界面字体加载失败")
    drop = none_refcount_drop(REFCOUNT_CALLS)
    _check(not is_leaking(drop),
           f"界面库每次调用丢失一个 None 引用（{REFCOUNT_CALLS} 次调用丢失 {drop} 个），"
           "程序用一会儿就会崩溃：请换用 PySide6 6.11.3（Python 3.11）或改用 Python 3.12")
    state.notes.append(f"Qt {state.app.platformName()}")


def _step_pdf(state: _State) -> None:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtPdf import QPdfDocument

    from desktop_app.printouts.complaints import daily_summary_pdf

    now = state.clock.now()
    pdf = daily_summary_pdf(state.db, now.date(), printed_at=now)
    _check(pdf.startswith(b"%PDF"), "生成的文件不是 PDF")
    _check(b"/FontFile2" in pdf and b"+WenQuanYiMicroHei" in pdf, "PDF 中没有嵌入内置中文字体")
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    _check(document.status() == QPdfDocument.Status.Ready and document.pageCount() >= 1, "PDF 无法打开")
    text = "".join(document.getAllText(page).text() for page in range(document.pageCount()))
    document.close()
    _check(_INSTITUTION in text and "汇总" in text, "PDF 中读不出中文文字")
    state.pdf = pdf


def _step_window(state: _State) -> None:
    from PySide6.QtCore import Qt

    from desktop_app.ui.main_window import MainWindow

    window = MainWindow(state.db, state.actor, clock=state.clock)
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)  # never flashes on a real desktop
    window.show()
    state.app.processEvents()
    _check(window.isVisible() and window.tabs.count() > 0, "主窗口没有打开")
    window.close()
    window.deleteLater()
    state.app.processEvents()


_RUNNERS: dict[str, Callable[[_State], None]] = {
    "db": _step_db,
    "record": _step_record,
    "qt": _step_qt,
    "pdf": _step_pdf,
    "window": _step_window,
}


def _reason(exc: BaseException) -> str:
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return " ".join(str(message).split())


_console: list[TextIO] = []


def _output() -> TextIO | None:
    """stdout; in the windowed Windows build (no console) the console of the caller, if any."""
    if sys.stdout is not None:
        return sys.stdout
    if sys.platform == "win32" and not _console:
        try:
            import ctypes

            if ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS
                _console.append(open("CONOUT$", "w", encoding="utf-8"))  # noqa: SIM115
        except OSError:
            pass
    return _console[0] if _console else None


def _say(line: str) -> None:
    out = _output()
    if out is None:
        return
    if not out.isatty() and hasattr(out, "reconfigure"):  # into a file or pipe: always UTF-8
        try:
            out.reconfigure(encoding="utf-8")
        except (OSError, ValueError):
            pass
    try:
        print(line, file=out, flush=True)
    except UnicodeEncodeError:  # a console that cannot encode Chinese: send UTF-8 bytes
        out.buffer.write((line + "\n").encode("utf-8"))
        out.flush()


def run_self_test(clock: Clock | None = None) -> int:
    """Run every step in a temporary folder; print one line; 0 when all passed, else 1."""
    clock = clock or Clock.system()  # the one clock of the self-test
    fail_on = os.environ.get(FAIL_ENV, "")
    timings: list[str] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="fwqz-selftest-", ignore_cleanup_errors=True) as tmp:
        state = _State(Path(tmp), clock)
        try:
            for key, label in STEPS.items():
                t0 = time.perf_counter()
                try:
                    if fail_on == key:
                        raise SelfTestError(f"按 {FAIL_ENV}={key} 模拟的失败")
                    _RUNNERS[key](state)
                except Exception as exc:  # noqa: BLE001 — every failure becomes the one-line report
                    err = sys.stderr if sys.stderr is not None else _output()
                    if err is not None:  # the details, for the support person
                        traceback.print_exc(file=err)
                        for message in state.qt_messages:
                            print(f"Qt: {message}", file=err)
                    _say(f"自检失败：{label}：{_reason(exc)}")
                    return 1
                timings.append(f"{label} {time.perf_counter() - t0:.2f}s")
        finally:
            if state.db is not None:
                state.db.close()  # before the folder goes (Windows keeps open files locked)
            if state.previous_handler is not False:
                from PySide6.QtCore import qInstallMessageHandler

                qInstallMessageHandler(state.previous_handler)
    total = time.perf_counter() - started
    notes = "，".join(state.notes)
    _say(f"自检通过：{'，'.join(timings)}；共 {total:.2f}s（版本 {__version__}，{notes}）")
    return 0
