"""Benchmark of the follow-up work lists (issue 4 §Speed): a script that prints figures, no test.

    .venv/bin/python bench/bench_followups.py [N] [--plans]

`make_db(n)` makes a temp database with `n` fictional discharges spread over
the two years before a fixed `TODAY`, their tasks as `followup.plan()` gives
them (10 % special patients with tier 3), and on most past tasks attempts and
an outcome (tier 2 with its check of tier 1), a few 失访 after three failed
attempts, a few amendments; plus the complaints benchmark's matters, so
`get_task`'s matter lookup has a realistic table. Rows are bulk inserted
through SQLAlchemy core: the service per row is far too slow for 30,000.

Each figure is the median of `RUNS` runs in milliseconds (after a warm-up),
each run in its own short session as a tab does; "bare sql" is the time the
same SELECTs take on a raw sqlite3 connection with every row fetched (the
rest is SQLAlchemy and building the rows). Target: a work list opens or filters within 150 ms. For a
list over the target, or for every list with `--plans`, the main query's
EXPLAIN QUERY PLAN is printed.

The last section times the import of a 2,000-row .xlsx (50 rows already
stored, every 200th new row with a bad phone) into the same database through
`desktop_app.db.services.discharge_import` (target: under 5 s); if that
module does not import, the section is skipped with a note.
"""

from __future__ import annotations

import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, time as dtime, timedelta
from pathlib import Path

from sqlalchemy import event

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_complaints import DEPARTMENTS  # noqa: E402  (the departments both benchmarks share)
from bench_complaints import make_db as make_matters_db  # noqa: E402

from desktop_app.db.database import Database  # noqa: E402
from desktop_app.db.models import (  # noqa: E402
    Discharge,
    FollowUpAmendment,
    FollowUpAttempt,
    FollowUpOutcome,
    FollowUpTask,
)
from desktop_app.db.services.discharges import LEADER_ASSIGNEE, OFFICE_ASSIGNEE  # noqa: E402
from desktop_app.records.followup_rows import TaskFilter  # noqa: E402
from desktop_app.db.services.departments import list_departments  # noqa: E402
from desktop_app.db.services.followups_query import (  # noqa: E402
    count_tasks,
    get_task,
    list_assignees,
    list_tasks,
)
from desktop_app.domain.followup import plan  # noqa: E402

T0 = datetime(2026, 11, 23, 9, 30)  # the fixed time of these tests

TODAY = date(2026, 11, 23)
RUNS = 7
TARGET_MS = 150.0
DAYS = 730
MATTERS = 3000
IMPORT_ROWS = 2000
IMPORT_DUPLICATES = 50

# the clinical departments of bench_complaints (ids 1–8) and their share of discharges
WARD_WEIGHTS = [35, 20, 12, 12, 8, 2, 8, 3]
SURNAMES = list("赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜谢邹喻柏水窦章")
DIAGNOSES = ["社区获得性肺炎", "2型糖尿病", "高血压病", "急性阑尾炎术后", "足月顺产", "支气管肺炎",
             "腰椎间盘突出症", "脑梗死恢复期", "慢性阻塞性肺疾病", "胆囊结石术后"]
WORDS = ["", "", "", "护士很耐心", "医生讲得很清楚", "出院手续办得有点慢", "病房晚上有点吵"]
SPECIAL = ["elderly_alone", "disabled", "critical", "dispute_risk"]


def _staff(rng: random.Random) -> dict[int, tuple[list[str], list[str]]]:
    """Three invented doctors and three nurses per clinical department."""
    names = iter(rng.sample([f"{a}{b}某" for a in SURNAMES for b in SURNAMES], 48))
    return {dept: ([next(names) for _ in range(3)], [next(names) for _ in range(3)])
            for dept in range(1, 9)}


def _when(rng: random.Random, day: date) -> datetime:
    return datetime.combine(day, dtime(8, 15)) + timedelta(minutes=rng.randrange(0, 540))


def add_followups(db: Database, n: int, today: date = TODAY, seed: int = 2027) -> dict[str, int]:
    """Bulk-insert `n` discharges of the `DAYS` days before `today`, with tasks and records."""
    rng = random.Random(seed)
    staff = _staff(rng)
    discharges, tasks, attempts, outcomes, amendments = [], [], [], [], []
    task_id = outcome_id = 0
    yesterday = today - timedelta(days=1)
    for i in range(1, n + 1):
        dept = rng.choices(range(1, 9), WARD_WEIGHTS)[0]
        doctor, nurse = rng.choice(staff[dept][0]), rng.choice(staff[dept][1])
        discharged = today - timedelta(days=rng.randrange(0, DAYS))
        special = rng.random() < 0.10
        discharges.append({
            "id": i, "patient_name": f"{rng.choice(SURNAMES)}某某",
            "sex": rng.choice(("male", "female")),
            "age": rng.randrange(1, 95), "phone": f"13900{rng.randrange(10**6):06d}",
            "address": f"示例镇{rng.randrange(1, 30)}村", "inpatient_no": f"ZY{i:07d}",
            "department_id": dept, "doctor_name": doctor, "nurse_name": nurse,
            "admitted_on": discharged - timedelta(days=rng.randrange(2, 15)),
            "discharged_on": discharged, "diagnosis": rng.choice(DIAGNOSES), "special": special,
            "special_reason": rng.choice(SPECIAL) if special else None, "special_note": "",
            "source": rng.choice(("manual", "import", "import")),
            "created_at": _when(rng, discharged), "created_by": "卫某某",
        })
        tier1_done: int | None = None
        for window in plan(discharged, special):
            task_id += 1
            tier = int(window.tier)
            task = {"id": task_id, "discharge_id": i, "tier": tier, "window_start": window.start,
                    "window_end": window.end, "status": "open", "closed_at": None,
                    "closed_by": "", "lost_reason": "",
                    "assignee": {1: f"{doctor}、{nurse}", 2: OFFICE_ASSIGNEE}.get(
                        tier, LEADER_ASSIGNEE)}
            tasks.append(task)
            last = min(window.end, yesterday)
            if window.start > last:
                continue  # not started: nothing recorded yet
            span = (last - window.start).days
            if window.end >= today:  # window open today: some done already
                fate = "done" if rng.random() < (span + 1) / 9 else "open"
            else:
                recent = (today - window.end).days <= 45
                fate = rng.choices(("done", "late", "lost", "open"),
                                   (85, 5, 4, 6 if recent else 0.5))[0]
            day = window.start + timedelta(days=min(int(rng.expovariate(0.5)), span))
            fails = 3 if fate == "lost" else rng.choice((0, 0, 0, 1, 2))
            if fate == "open":
                fails = rng.choice((0, 1, 2))
            times = sorted(_when(rng, window.start + timedelta(days=rng.randrange(0, span + 1)))
                           for _ in range(fails))
            if fate == "late":
                day = min(window.end + timedelta(days=rng.randrange(1, 5)), yesterday)
            method = "visit" if tier == 3 else "phone"
            attempts += [{"task_id": task_id, "at": at, "method": method, "reached": False,
                          "note": "无人接听", "recorded_by": "卫某某"} for at in times]
            if fate == "lost":
                task |= {"status": "lost", "closed_at": times[-1] + timedelta(minutes=20),
                         "closed_by": "卫某某", "lost_reason": "连续三次电话无人接听"}
            elif fate in ("done", "late"):
                at = max([_when(rng, day)] + [t + timedelta(minutes=30) for t in times])
                attempts.append({"task_id": task_id, "at": at, "method": method, "reached": True,
                                 "note": "", "recorded_by": "卫某某"})
                task |= {"status": "done", "closed_at": at, "closed_by": "卫某某"}
                outcome_id += 1
                check: dict[str, object] = {
                    "checked_task_id": None, "confirms_call": None, "record_matches": None,
                    "verdict": None, "check_note": ""}
                if tier == 1:
                    tier1_done = task_id
                if tier == 2:
                    verdict = rng.choices(("done", "not_done", "untrue"), (88, 8, 4))[0] \
                        if tier1_done else "not_done"
                    check = {"checked_task_id": task_id - 1, "confirms_call": verdict == "done",
                             "record_matches": verdict == "done", "verdict": verdict,
                             "check_note": "" if verdict == "done" else "患者表示未接到一级回访电话"}
                outcomes.append({
                    "id": outcome_id, "task_id": task_id, "at": at,
                    "condition": rng.choices(("improved", "stable", "worse", "readmitted"),
                                             (55, 35, 6, 4))[0],
                    "medication_guidance": rng.random() < 0.9, "rehab_guidance": rng.random() < 0.7,
                    "guidance_note": "按时服药，一周后复查", "satisfaction": rng.choices(
                        ("satisfied", "basically", "unsatisfied"), (80, 16, 4))[0],
                    "words": rng.choice(WORDS), "recorded_by": "卫某某"} | check)
                if rng.random() < 0.01:
                    amendments.append({"outcome_id": outcome_id, "at": at + timedelta(days=1),
                                       "changes": '{"satisfaction": ["satisfied", "basically"]}',
                                       "reason": "录入时误选，经核实更正", "recorded_by": "卫某某"})
    with db.engine.begin() as con:
        for model, rows in ((Discharge, discharges), (FollowUpTask, tasks),
                            (FollowUpAttempt, attempts), (FollowUpOutcome, outcomes),
                            (FollowUpAmendment, amendments)):
            con.execute(model.__table__.insert(), rows)
    return {"discharges": len(discharges), "tasks": len(tasks), "attempts": len(attempts),
            "outcomes": len(outcomes), "amendments": len(amendments)}


def make_db(n: int, *, folder: Path | None = None,
            today: date = TODAY) -> tuple[Database, dict[str, int]]:
    """A fresh database with `MATTERS` matters and `n` discharges with their follow-ups."""
    db = make_matters_db(MATTERS, folder=folder, today=today)
    return db, add_followups(db, n, today)


class SqlLog:
    """The statements a call runs (engine events), to re-run them bare and EXPLAIN them."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.statements: list[tuple[str, object]] = []
        event.listen(db.engine, "before_cursor_execute", self._before)

    def _before(self, _conn, _cursor, statement, parameters, _context, _many) -> None:
        self.statements.append((statement, parameters))

    def bare_ms(self) -> float:
        """Time to run the logged statements on a raw sqlite3 connection, rows fetched (ms)."""
        raw = self.db.engine.raw_connection()
        try:
            cursor = raw.cursor()
            start = time.perf_counter()
            for statement, parameters in self.statements:
                if statement.lstrip().upper().startswith("SELECT"):
                    cursor.execute(statement, parameters).fetchall()
            return (time.perf_counter() - start) * 1000
        finally:
            raw.close()


def measure(fn: Callable[[], object], sql: SqlLog, runs: int = RUNS) -> tuple[float, float, object]:
    """Median wall time of `runs` calls in ms (after one warm-up), the median time of its
    SELECTs run bare (sqlite3, rows fetched), and the last result."""
    result = fn()
    walls = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        walls.append((time.perf_counter() - start) * 1000)
    sql.statements.clear()
    fn()
    bare = statistics.median(sql.bare_ms() for _ in range(runs))
    return statistics.median(walls), bare, result


def query_plan(db: Database, statement: str, parameters: object) -> list[str]:
    raw = db.engine.raw_connection()
    try:
        rows = raw.cursor().execute("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
    finally:
        raw.close()
    return [f"{'  ' * (1 + (parent != 0))}{detail}" for _id, parent, _nu, detail in rows]


def list_cases(db: Database) -> dict[str, TaskFilter]:
    """The lists the tab opens and the filters it offers."""
    with db.engine.connect() as con:
        doctor = con.exec_driver_sql(
            "SELECT doctor_name FROM discharge WHERE department_id = 1 LIMIT 1").scalar_one()
    last_month = (TODAY.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    this_month = TODAY.strftime("%Y-%m")
    return {
        "今日待访 due": TaskFilter(state="due"),
        "即将到期 soon": TaskFilter(state="soon"),
        "已逾期 overdue": TaskFilter(state="overdue"),
        "未开始 upcoming": TaskFilter(state="upcoming"),
        f"已完成 done, month {last_month}": TaskFilter(state="done", month=last_month),
        f"已完成 done, month {this_month}": TaskFilter(state="done", month=this_month),
        f"失访 lost, month {last_month}": TaskFilter(state="lost", month=last_month),
        "已完成 done, no month (capped)": TaskFilter(state="done"),
        "失访 lost, no month": TaskFilter(state="lost"),
        "due + department 内科": TaskFilter(state="due", department_id=1),
        "due + tier 2": TaskFilter(state="due", tier=2),
        f"due + assignee {doctor}": TaskFilter(state="due", assignee=doctor),
        "due + text '钱某某'": TaskFilter(state="due", text="钱某某"),
        "due + text phone '13900123'": TaskFilter(state="due", text="13900123"),
        f"done {last_month} + department 内科": TaskFilter(state="done", month=last_month,
                                                          department_id=1),
        f"done {last_month} + tier 1 + assignee": TaskFilter(state="done", month=last_month,
                                                             tier=1, assignee=doctor),
        f"done {last_month} + text '钱某某'": TaskFilter(state="done", month=last_month,
                                                        text="钱某某"),
        f"全部 all states, month {this_month}": TaskFilter(state=None, month=this_month),
        f"全部 month {this_month} + text '钱某某'": TaskFilter(state=None, month=this_month,
                                                           text="钱某某"),
        "all states + text '钱某某' (capped)": TaskFilter(state=None, text="钱某某"),
        "all states + text 'ZY0012345'": TaskFilter(state=None, text="ZY0012345"),
    }


def bench_lists(db: Database, sql: SqlLog, plans: bool
                ) -> tuple[list[tuple[str, float, float, int]], dict[str, list[str]]]:
    """Each list case: (label, ms, bare sql ms, rows); and the main query's plan of the slow ones."""
    out, explained = [], {}
    for label, filters in list_cases(db).items():
        def run(filters: TaskFilter = filters) -> int:
            with db.session() as session:
                return len(list_tasks(session=session, filters=filters, today=TODAY))
        wall, in_sql, rows = measure(run, sql)
        out.append((label, wall, in_sql, rows))
        if plans or wall > TARGET_MS:
            statement, parameters = next((s, p) for s, p in sql.statements if "followup_task" in s)
            explained[label] = query_plan(db, statement, parameters)
    return out, explained


def bench_detail(db: Database, sql: SqlLog) -> list[tuple[str, float, float, int]]:
    with db.engine.connect() as con:
        tier2 = con.exec_driver_sql(
            "SELECT o.task_id FROM followup_outcome o "
            "JOIN followup_amendment a ON a.outcome_id = o.id "
            "WHERE o.verdict IS NOT NULL LIMIT 1").scalar()
        tier2 = tier2 or con.exec_driver_sql(
            "SELECT task_id FROM followup_outcome WHERE verdict IS NOT NULL LIMIT 1").scalar_one()
        open_task = con.exec_driver_sql(
            "SELECT id FROM followup_task WHERE status = 'open' "
            "ORDER BY id DESC LIMIT 1").scalar_one()

    def counts() -> int:
        with db.session() as session:
            return sum(count_tasks(session=session, today=TODAY).values())

    def assignees() -> int:
        with db.session() as session:
            return len(list_assignees(session=session))

    def tab_load() -> int:  # what FollowUpsTab.refresh loads for 今日待访
        with db.session() as session:
            rows = list_tasks(session=session, filters=TaskFilter(state="due"), today=TODAY)
            count_tasks(session=session, today=TODAY)
            list_departments(session=session)
            list_assignees(session=session)
            return len(rows)

    def detail(task_id: int) -> Callable[[], int]:
        def run() -> int:
            with db.session() as session:
                d = get_task(session=session, task_id=task_id, today=TODAY)
                return 1 + len(d.other_tasks) + (d.tier1 is not None)
        return run

    out = []
    for label, fn in (("count_tasks (due, soon, overdue)", counts),
                      ("list_assignees", assignees),
                      ("tab refresh load (due + counts + combos)", tab_load),
                      ("get_task (tier 2 done, with tier 1, amended)", detail(tier2)),
                      ("get_task (open task)", detail(open_task))):
        wall, in_sql, rows = measure(fn, sql)
        out.append((label, wall, in_sql, rows))
    return out


# --- import benchmark (issue 4 §Speed: 2,000 rows under 5 s) -------------------------------

IMPORT_HEADERS = ["住院号", "姓名", "性别", "年龄", "联系电话", "家庭住址", "出院科室", "主治医生",
                  "责任护士", "入院日期", "出院日期", "出院诊断"]


def write_import_xlsx(path: Path, rows: int, stored: list[list[object]],
                      today: date = TODAY) -> None:
    """A fictional HIS export of `rows` discharges of the last two weeks, as .xlsx.

    The `stored` rows (already in the database) come first, as duplicates;
    every 200th new row has a malformed phone (a row error).
    """
    from openpyxl import Workbook

    rng = random.Random(2028)
    wards = DEPARTMENTS[:8]
    book = Workbook(write_only=True)
    sheet = book.create_sheet("出院患者")
    sheet.append(IMPORT_HEADERS)
    for row in stored:
        sheet.append(row)
    for i in range(rows - len(stored)):
        discharged = today - timedelta(days=rng.randrange(0, 14))
        phone = f"13900{rng.randrange(10**6):06d}" if i % 200 != 199 else "1390000"
        sheet.append([
            f"ZY9{i:06d}", f"{rng.choice(SURNAMES)}某某", rng.choice(("男", "女")),
            rng.randrange(1, 95), phone, f"示例镇{rng.randrange(1, 30)}村",
            rng.choice(wards), f"{rng.choice(SURNAMES)}某某", f"{rng.choice(SURNAMES)}某某",
            discharged - timedelta(days=rng.randrange(2, 15)), discharged, rng.choice(DIAGNOSES),
        ])
    book.save(path)


def stored_rows(db: Database, count: int) -> list[list[object]]:
    """`count` recent discharges of the database, as rows of the import file."""
    with db.engine.connect() as con:
        rows = con.exec_driver_sql(
            "SELECT d.inpatient_no, d.patient_name, d.sex, d.age, d.phone, d.address, dep.name, "
            "d.doctor_name, d.nurse_name, d.admitted_on, d.discharged_on, d.diagnosis "
            "FROM discharge d JOIN department dep ON dep.id = d.department_id "
            f"ORDER BY d.discharged_on DESC LIMIT {count}").all()
    sex = {"male": "男", "female": "女"}
    return [[no, name, sex[s], age, phone, address, dept, doctor, nurse,
             date.fromisoformat(admitted), date.fromisoformat(discharged), diagnosis]
            for no, name, s, age, phone, address, dept, doctor, nurse, admitted, discharged,
            diagnosis in rows]


def bench_import(folder: Path, db_path: Path) -> list[str]:
    """Read, map and import a 2,000-row .xlsx into the benchmark database (after the lists)."""
    try:
        from desktop_app.db.services import discharge_import as imp
        from desktop_app.db.tx import Actor
        from desktop_app.domain.roles import Role
    except ImportError as exc:
        return [f"import benchmark skipped: desktop_app.db.services.discharge_import "
                f"does not import ({exc})"]
    missing = [name for name in ("read_table", "guess_mapping", "import_discharges")
               if not hasattr(imp, name)]
    if missing:
        return [f"import benchmark skipped: discharge_import lacks {', '.join(missing)}"]
    db = Database.open(db_path, now=T0)
    path = folder / "import.xlsx"
    start = time.perf_counter()
    write_import_xlsx(path, IMPORT_ROWS, stored_rows(db, IMPORT_DUPLICATES))
    wrote = (time.perf_counter() - start) * 1000
    lines = [f"wrote {IMPORT_ROWS} rows ({IMPORT_DUPLICATES} already stored, every 200th new "
             f"row with a bad phone) to {path.name} in {wrote:.0f} ms"]
    actor = Actor(None, "bench", "测试", Role.admin)
    try:
        start = time.perf_counter()
        table = imp.read_table(path)
        read = time.perf_counter()
        mapping = imp.guess_mapping(table.headers)
        with db.session() as session:
            result = imp.import_discharges(session=session, actor=actor, table=table,
                                           mapping=mapping, now=datetime.combine(TODAY, dtime(9)))
        done = time.perf_counter()
        with db.engine.connect() as con:
            tasks = con.exec_driver_sql(
                "SELECT count(*) FROM followup_task WHERE discharge_id >= ?",
                (min(result.discharge_ids),)).scalar_one() if result.discharge_ids else 0
        lines += [
            f"read_table                                  {(read - start) * 1000:>8.0f} ms",
            f"guess_mapping + import_discharges           {(done - read) * 1000:>8.0f} ms",
            f"total (target < 5000 ms)                    {(done - start) * 1000:>8.0f} ms"
            f"{'' if done - start < 5 else '  ✗ over target'}",
            f"imported {result.imported}, duplicates {len(result.duplicates)}, "
            f"errors {len(result.errors)}, tasks {tasks}",
        ]
        if result.errors:
            lines.append(f"first error: row {result.errors[0].row_no}: {result.errors[0].message}")
    finally:
        db.close()
    return lines


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    plans = "--plans" in args
    numbers = [a for a in args if not a.startswith("--")]
    n = int(numbers[0]) if numbers else 30000
    folder = Path(tempfile.mkdtemp(prefix="fwqz-bench-fu-"))
    try:
        start = time.perf_counter()
        db, counts = make_db(n, folder=folder)
        built = (time.perf_counter() - start) * 1000
        print(f"{MATTERS} matters + " + ", ".join(f"{v} {k}" for k, v in counts.items())
              + f" inserted in {built:.0f} ms; today = {TODAY}")
        print(f"median of {RUNS} runs; target {TARGET_MS:.0f} ms per list open/filter")
        print(f"  {'case':<44} {'ms':>8} {'bare sql':>8} {'rows':>6}")
        sql = SqlLog(db)
        try:
            figures, explained = bench_lists(db, sql, plans)
            slow = [label for label, wall, _s, _r in figures if wall > TARGET_MS]
            figures += bench_detail(db, sql)
        finally:
            db.close()
        for label, wall, in_sql, rows in figures:
            print(f"  {label:<44} {wall:>8.1f} {in_sql:>8.1f} {rows:>6}")
        print("  all lists within target" if not slow else f"  over target: {', '.join(slow)}")
        for label, lines in explained.items():
            print(f"  EXPLAIN QUERY PLAN of the main query — {label}")
            for line in lines:
                print(f"  {line}")
        print()
        print("# import benchmark ----------------------------------------------------------")
        for line in bench_import(folder, db.path):
            print(f"  {line}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
