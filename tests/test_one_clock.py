"""One clock (issue 12): only `desktop_app/clock.py` reads the wall clock.

Everything else is given `today`/`now` (or the `Clock` made at start), so the
program and its tests behave the same on any date. This scans every module of
`desktop_app/` for a read of the time of day or the date: `date.today`,
`datetime.now`/`today`/`utcnow`, `time.time`/`localtime`/`ctime`/`strftime`
without a time, and Qt's `QDate.currentDate`/`QDateTime.currentDateTime` —
called or passed as a function. (`time.monotonic`/`perf_counter` measure
durations, not dates, and are allowed.)
"""

from __future__ import annotations

import ast
from pathlib import Path

import desktop_app

PACKAGE = Path(desktop_app.__file__).parent
ALLOWED = {PACKAGE / "clock.py"}
READS = {
    "date": {"today"},
    "datetime": {"now", "today", "utcnow"},
    "time": {"time", "time_ns", "localtime", "gmtime", "ctime", "asctime", "strftime"},
    "QDate": {"currentDate"},
    "QDateTime": {"currentDateTime", "currentDateTimeUtc", "currentMSecsSinceEpoch",
                  "currentSecsSinceEpoch"},
    "QTime": {"currentTime"},
}
FROM_IMPORTS = {("time", name) for name in READS["time"]}


def clock_reads(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            owner = node.value
            name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", None)
            if name in READS and node.attr in READS[name]:
                if name == "time" and node.attr == "strftime" and _has_time_argument(tree, node):
                    continue
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.ImportFrom) and node.module == "time":
            found += [f"{path.relative_to(PACKAGE)}:{node.lineno}: from time import {a.name}"
                      for a in node.names if ("time", a.name) in FROM_IMPORTS]
    return found


def _has_time_argument(tree: ast.AST, attribute: ast.Attribute) -> bool:
    return any(isinstance(n, ast.Call) and n.func is attribute and len(n.args) >= 2
               for n in ast.walk(tree))


def test_the_scan_sees_a_clock_read(tmp_path) -> None:
    sample = PACKAGE / "_clock_scan_sample.py"
    try:
        sample.write_text("from datetime import date, datetime\nimport time\n"
                          "a = date.today()\nb = datetime.now\nc = time.time()\n"
                          "d = self.today()\ne = clock.now()\n", encoding="utf-8")
        assert sorted(line.split(": ", 1)[1] for line in clock_reads(sample)) == [
            "date.today", "datetime.now", "time.time"]
    finally:
        sample.unlink()


def test_only_the_clock_module_reads_the_wall_clock() -> None:
    reads = [line for path in sorted(PACKAGE.rglob("*.py")) if path not in ALLOWED
             for line in clock_reads(path)]
    assert reads == []
