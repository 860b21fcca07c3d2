"""Benchmark of the 满意度 tab (issue 6 §Speed): a script that prints figures, no test.

    .venv/bin/python bench/bench_surveys.py [FORMS]

Builds a temp database with the follow-up benchmark's matters and discharges
(`bench_followups.make_db`, 10,000 discharges), then ten years of fictional
outpatient visits and survey forms from `demo_surveys_data.generate`, scaled
so that there are about `FORMS` forms (default 300,000: ten years of a busy
center), bulk inserted. Then it times, as the tab calls them, each in its own
short session: the quota month view, a day's quota, the day's forms list, the
month's satisfaction results, the 12-month trend and the month's department
scores. Each figure is the median of `RUNS` runs in milliseconds after a
warm-up. Target: the month view and a month's scores within 500 ms.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_followups import TODAY  # noqa: E402
from bench_followups import make_db as make_followups_db  # noqa: E402

from desktop_app.clock import Clock
from desktop_app.db.database import Database  # noqa: E402
from desktop_app.demo.surveys_data import OUTPATIENT, PUBLIC_HEALTH_DEPARTMENT, generate  # noqa: E402
from desktop_app.db.models import Department, OutpatientVisits, Survey  # noqa: E402
from desktop_app.db.services.scores import month_scores  # noqa: E402
from desktop_app.db.services.survey_results import satisfaction_results, satisfaction_trend  # noqa: E402
from desktop_app.db.services.surveys import list_surveys  # noqa: E402
from desktop_app.db.services.surveys_query import quota_day, quota_month  # noqa: E402

RUNS = 7
TARGET_MS = 500.0
YEARS = 10
DISCHARGES = 10000
FORMS_PER_YEAR_AT_SCALE_1 = 20000  # about; the real count is printed


def add_surveys(db: Database, forms: int, today: date = TODAY) -> tuple[int, int]:
    """Bulk insert `YEARS` years of visits and forms (about `forms`); (visits rows, forms)."""
    with db.session() as session:
        ids = dict(session.execute(select(Department.name, Department.id)).all())
        missing = [n for n in (*OUTPATIENT, PUBLIC_HEALTH_DEPARTMENT) if n not in ids]
        for name in missing:
            session.add(Department(name=name, is_clinical=name in OUTPATIENT))
        session.commit()
        ids = dict(session.execute(select(Department.name, Department.id)).all())
    scale = forms / (FORMS_PER_YEAR_AT_SCALE_1 * YEARS)
    visits, rows = generate(ids, today - timedelta(days=365 * YEARS), today, scale=scale)
    with db.engine.begin() as con:
        con.execute(insert(OutpatientVisits), visits)
        for n in range(0, len(rows), 20000):
            con.execute(insert(Survey), rows[n:n + 20000])
    return len(visits), len(rows)


def measure(fn: Callable[[], object], runs: int = RUNS) -> tuple[float, object]:
    result = fn()
    walls = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        walls.append((time.perf_counter() - start) * 1000)
    return statistics.median(walls), result


def cases(db: Database) -> list[tuple[str, Callable[[], object], Callable[[object], int]]]:
    month = f"{TODAY:%Y-%m}"
    with db.session() as session:
        internal = session.execute(select(Department.id).where(Department.name == "内科")).scalar_one()

    def run(call: Callable) -> Callable[[], object]:
        def go() -> object:
            with db.session() as session:
                return call(session)
        return go

    return [
        ("quota month view (抽样完成情况)", run(lambda s: quota_month(session=s, month=month)),
         lambda r: len(r.days) * len(r.departments)),
        ("quota of one day and department", run(
            lambda s: quota_day(session=s, day=TODAY, department_id=internal)), lambda r: 1),
        ("the day's forms (问卷录入 list)", run(
            lambda s: list_surveys(session=s, day_from=TODAY, day_to=TODAY)), len),
        ("month satisfaction results", run(
            lambda s: satisfaction_results(session=s, month=month)), lambda r: r.forms),
        ("12-month trend", run(lambda s: satisfaction_trend(session=s, month=month)), len),
        ("12-month trend of one department", run(
            lambda s: satisfaction_trend(session=s, month=month, department_id=internal)), len),
        ("month department scores (科室考评)", run(
            lambda s: month_scores(session=s, month=month, today=TODAY)), lambda r: len(r.rows)),
    ]


def ui_cases(db: Database) -> list[tuple[str, Callable[[], object], Callable[[object], int]]]:
    """The two pages refreshing as the tab does (offscreen Qt)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop_app.db.tx import SYSTEM
    from desktop_app.ui.satisfaction.quota_view import QuotaView
    from desktop_app.ui.satisfaction.results_panel import ResultsPanel

    app = QApplication.instance() or QApplication([])
    quota = QuotaView(db, SYSTEM, now=Clock.fixed(TODAY).now)
    results = ResultsPanel(db, SYSTEM, now=Clock.fixed(TODAY).now)
    for page in (quota, results):
        page.resize(1200, 760)
        page.show()
    app.processEvents()

    def shown(page: QuotaView | ResultsPanel) -> Callable[[], object]:
        def go() -> object:
            page.refresh()
            app.processEvents()
            return page
        return go

    return [
        ("page 抽样完成情况 refreshed and painted", shown(quota),
         lambda p: p.model.rowCount() * p.model.columnCount()),
        ("page 结果与考评 refreshed and painted", shown(results), lambda p: 1),
    ]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    forms = int(args[0]) if args else 300000
    folder = Path(tempfile.mkdtemp(prefix="fwqz-bench-sv-"))
    try:
        start = time.perf_counter()
        db, counts = make_followups_db(DISCHARGES, folder=folder)
        visits, stored = add_surveys(db, forms)
        built = (time.perf_counter() - start) * 1000
        with db.session() as session:
            total = session.execute(select(func.count()).select_from(Survey)).scalar_one()
        print(f"{total} survey forms, {visits} visit rows, "
              + ", ".join(f"{v} {k}" for k, v in counts.items())
              + f" built in {built:.0f} ms; today = {TODAY}")
        print(f"median of {RUNS} runs; target {TARGET_MS:.0f} ms (month view, month scores)")
        print(f"  {'case':<40} {'ms':>8} {'rows':>7}")
        slow = []
        try:
            for label, fn, size in cases(db) + ui_cases(db):
                wall, result = measure(fn)
                print(f"  {label:<40} {wall:>8.1f} {size(result):>7}")
                if wall > TARGET_MS:
                    slow.append(label)
        finally:
            db.close()
        print("  all within target" if not slow else f"  over target: {', '.join(slow)}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
