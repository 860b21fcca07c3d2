"""Benchmark of the complaints data (issue 3 §Speed): not a timed test, a script that prints figures.

    .venv/bin/python bench/bench_complaints.py [N]

`make_db(n)` makes a temp database with `n` fictional matters (bulk inserted
through SQLAlchemy core: the fixture only needs plausible rows, not the
audit trail). Each figure is the median of 5 runs, in milliseconds; a run
opens its own short session, as a tab does. Target: under 100 ms to open
or filter the list.

Other figures (tab open, monthly bulletin) are added as further `bench_*`
functions called from `main()`.
"""

from __future__ import annotations

import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from desktop_app.clock import Clock
from desktop_app.db.database import Database
from desktop_app.db.models import Department, FeedbackSheet, Matter, Staff
from desktop_app.db.services import matters
from desktop_app.records.matter_rows import MatterFilter
from desktop_app.domain.deadlines import RequestType, due_date
from desktop_app.domain.matters import Channel, IssueCategory, MatterStatus, is_external
from desktop_app.domain.workdays import builtin_calendar

T0 = datetime(2026, 11, 23, 9, 30)  # the fixed time of these tests

TODAY = date(2026, 11, 23)
RUNS = 5

DEPARTMENTS = ["内科", "外科", "妇产科", "儿科", "中医科", "口腔科", "康复科", "急诊科",
               "总务科", "药剂科", "检验科", "收费处"]
CONTENTS = [
    "挂号排队时间长，窗口只开一个", "护士态度生硬，问话不理", "收费不清楚，清单看不懂",
    "卫生间不干净，没有手纸", "候诊区座位不够", "医生看病太快，没说清楚用药",
    "停车难，门口堵车", "检查结果等待时间长", "夜间急诊找不到医生", "住院部热水供应不足",
]
NAMES = ["张某某", "李女士", "王先生", "赵某某", "刘女士", "陈先生", "杨某某", "周女士"]
STATUSES = [s.value for s in MatterStatus]


def make_db(n: int, *, folder: Path | None = None, today: date = TODAY) -> Database:
    """A fresh database with `n` matters received over the two years before `today`."""
    folder = folder or Path(tempfile.mkdtemp(prefix="fwqz-bench-"))
    db = Database.open(folder / "bench.sqlite3", create=True, now=T0)
    rng = random.Random(2026)
    calendar = builtin_calendar()
    with db.engine.begin() as con:
        con.execute(Department.__table__.insert(), [
            {"name": name, "is_clinical": i < 8, "phone": "", "active": True, "sort_order": i}
            for i, name in enumerate(DEPARTMENTS, start=1)
        ])
        con.execute(Staff.__table__.insert(), [
            {"name": f"员工{i:03d}", "department_id": 1 + i % len(DEPARTMENTS), "roles": "doctor",
             "phone": "", "active": True}
            for i in range(60)
        ])
        serials: dict[int, int] = {}
        rows = []
        span = 730 * 24 * 60
        for _ in range(n):
            received = datetime.combine(today, datetime.min.time()) - timedelta(
                minutes=rng.randrange(60, span))
            received = received.replace(second=0, microsecond=0)
            serials[received.year] = serials.get(received.year, 0) + 1
            rtype = rng.choice(list(RequestType))
            channel = rng.choice(list(Channel))
            local = due_date(rtype, received.date(), calendar)
            upstream = local - timedelta(days=rng.randrange(0, 4)) if is_external(channel) else None
            deadline = min(local, upstream) if upstream else local
            status = rng.choice(STATUSES)
            closed = status == MatterStatus.closed
            anonymous = rng.random() < 0.1
            rows.append({
                "serial_year": received.year, "serial_no": serials[received.year],
                "received_at": received, "channel": channel.value, "request_type": rtype.value,
                "complainant_name": "" if anonymous else rng.choice(NAMES), "anonymous": anonymous,
                "phone": f"139{rng.randrange(10**8):08d}", "relation": "本人",
                "target_department_id": rng.randrange(1, len(DEPARTMENTS) + 1),
                "target_staff_id": rng.choice([None, None, rng.randrange(1, 61)]),
                "target_text": rng.choice(["", "挂号窗口", "收费处", "住院部"]),
                "category": rng.choice(list(IssueCategory)).value,
                "content": rng.choice(CONTENTS) * rng.randrange(1, 4),
                "first_receiver_name": "卫某某", "registered_by": "卫某某",
                "upstream_order_no": f"12345-{rng.randrange(10**6):06d}" if upstream else "",
                "signed_at": received + timedelta(hours=1) if upstream else None,
                "upstream_deadline": upstream, "local_deadline": local, "deadline": deadline,
                "deadline_provisional": False, "status": status,
                "round": rng.choice([1, 1, 1, 2, 3]) if status != MatterStatus.registered else 1,
                "closed_at": received + timedelta(days=rng.randrange(0, 12)) if closed else None,
                "close_reason": "satisfied" if closed else None, "close_note": "",
                "final_satisfaction": "satisfied" if closed else None,
                "withdrawn_reason": "当事人撤回" if status == MatterStatus.withdrawn else "",
                "on_the_spot_resolution": "", "source_ref": "", "created_at": received,
            })
        con.execute(Matter.__table__.insert(), rows)
        ids = con.execute(Matter.__table__.select().with_only_columns(
            Matter.__table__.c.id, Matter.__table__.c.status, Matter.__table__.c.received_at,
            Matter.__table__.c.deadline)).all()
        con.execute(FeedbackSheet.__table__.insert(), [
            {"matter_id": mid, "round": 1, "department_id": 1 + mid % len(DEPARTMENTS),
             "reply_by": deadline, "instructions": "", "issued_at": received + timedelta(hours=2),
             "issued_by": "卫某某", "replier": "", "contacted_at": None, "reply_content": "",
             "replied_at": None, "recorded_by": ""}
            for mid, status, received, deadline in ids if status != MatterStatus.registered
        ])
    return db


def median_ms(fn: Callable[[], object], runs: int = RUNS) -> float:
    """Median wall time of `runs` calls, in milliseconds (after one warm-up call)."""
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _list(db: Database, filters: MatterFilter = MatterFilter()) -> Callable[[], int]:
    def run() -> int:
        with db.session() as session:
            return len(matters.list_matters(session=session, filters=filters, today=TODAY))
    return run


def bench_list(db: Database) -> dict[str, float]:
    """list_matters unfiltered and with the filters the tab offers."""
    cases = {
        "list_matters (all)": MatterFilter(),
        "list_matters (text '排队')": MatterFilter(text="排队"),
        "list_matters (status dispatched)": MatterFilter(status=MatterStatus.dispatched.value),
        "list_matters (department 1)": MatterFilter(department_id=1),
        "list_matters (month 2026-10)": MatterFilter(month="2026-10"),
    }
    out = {}
    for label, filters in cases.items():
        out[label] = median_ms(_list(db, filters))
    with db.session() as session:
        rows = len(matters.list_matters(session=session, today=TODAY))
    out["rows listed"] = rows

    def remind() -> None:
        with db.session() as session:
            matters.reminders(session=session, today=TODAY)
            matters.count_overdue(session=session, today=TODAY)
    out["reminders + count_overdue"] = median_ms(remind)

    def month_details() -> int:
        with db.session() as session:
            return len(matters.matters_received_between(
                session=session, start=date(2026, 10, 1), end=date(2026, 10, 31), today=TODAY))
    out["matters_received_between (one month)"] = median_ms(month_details)
    return out


def bench_tab(db: Database) -> dict[str, float]:
    """The 投诉登记 tab offscreen: open (build, load, first paint), combo filter, text search."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop_app.db.tx import Actor
    from desktop_app.domain.roles import Role
    from desktop_app.ui.complaints.tab import ComplaintsTab
    from desktop_app.ui.fonts import install_app_font

    app = QApplication.instance() or QApplication([])
    install_app_font(app)
    actor = Actor(None, "bench", "测试", Role.admin)
    out: dict[str, float] = {}
    tabs: list[ComplaintsTab] = []

    def open_tab() -> None:
        tab = ComplaintsTab(db, actor, clock=Clock.fixed(TODAY))
        tab.resize(1200, 700)
        tab.show()
        app.processEvents()
        tabs.append(tab)

    out["tab open (build + load + first paint)"] = median_ms(open_tab)
    tab = tabs[-1]
    out["tab refresh"] = median_ms(lambda: (tab.refresh(), app.processEvents()))
    combo = tab.status_combo

    def combo_filter() -> None:
        combo.setCurrentIndex(2 if combo.currentIndex() != 2 else 0)
        app.processEvents()
    out["tab status filter (re-query)"] = median_ms(combo_filter)
    words = iter(["排队", "态度", "收费", "环境", "排队", "态度", "收费"] * 3)
    out["tab text search"] = median_ms(lambda: (tab.proxy.set_search(next(words)), app.processEvents()))
    for t in tabs:
        t.close()
        t.deleteLater()
    app.processEvents()
    return out


def bench_bulletin(db: Database) -> dict[str, float]:
    """The 每月通报 of the busiest month, gathered and built as PDF."""
    from desktop_app.printouts import complaints as complaint_printouts

    return {"monthly bulletin PDF (2026-10)": median_ms(
        lambda: complaint_printouts.monthly_bulletin_pdf(db, "2026-10", today=TODAY, printed_at=T0), runs=3)}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    n = int(args[0]) if args else 5000
    start = time.perf_counter()
    db = make_db(n)
    print(f"{n} matters inserted in {(time.perf_counter() - start) * 1000:.0f} ms ({db.path})")
    try:
        figures = bench_list(db) | bench_tab(db) | bench_bulletin(db)
        for label, value in figures.items():
            if label == "rows listed":
                print(f"  {label:<42} {value:>8.0f}")
            else:
                print(f"  {label:<42} {value:>8.1f} ms")
    finally:
        db.close()
        shutil.rmtree(db.path.parent, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
