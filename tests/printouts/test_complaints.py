"""The complaints printouts gathered from the database: figures checked against the data."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.printouts import complaints as cp
from desktop_app.app.cli import main
from desktop_app.clock import Clock
from desktop_app.db.database import Database
from desktop_app.demo.fill import fill_demo
from desktop_app.db.services import departments
from desktop_app.db.services import matters as svc
from tests.support.matters import matter_input

TODAY = date(2025, 11, 20)
PRINTED = datetime(2025, 11, 20, 10, 0)  # the printouts' and the commands' clock
DEMO_NOW = datetime(2025, 9, 1, 8, 0)  # the institution is set up before October
CLOCK = Clock.fixed(PRINTED)


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """October 2025: three matters closed (one late, one unsatisfied then explained), one open."""
    path = tmp_path_factory.mktemp("p") / "p.sqlite3"
    database = Database.open(path, create=True, now=DEMO_NOW)
    with database.session() as s:
        admin = fill_demo(session=s, with_matters=False, now=DEMO_NOW, today=DEMO_NOW.date())
        depts = {d.name: d.id for d in departments.list_departments(session=s)}

        def life(received: datetime, closed: datetime, satisfaction: str, **changes) -> None:
            row = svc.register_matter(session=s, actor=admin, now=received,
                                      data=matter_input(received_at=received, **changes))
            detail = svc.dispatch(session=s, actor=admin, matter_id=row.id, now=received,
                                  department_ids=[depts["内科"]], reply_by=None, instructions="")
            svc.record_reply(session=s, actor=admin, sheet_id=detail.sheets[0].id, now=closed,
                             replier="张某某", contacted_at=closed, content="已当面解释并致歉")
            step = "close" if satisfaction != "unsatisfied" else "explain"
            svc.record_callback(session=s, actor=admin, matter_id=row.id, satisfaction=satisfaction,
                                words="", next_step=step, now=closed,
                                explanation="确因条件限制，已说明" if step == "explain" else "")

        life(datetime(2025, 10, 9, 9), datetime(2025, 10, 10, 9), "satisfied", category="attitude")
        life(datetime(2025, 10, 13, 9), datetime(2025, 10, 14, 9), "basically", category="attitude",
             phone="13900005678")
        life(datetime(2025, 10, 9, 10), datetime(2025, 10, 31, 9), "unsatisfied", category="charges",
             phone="13900005678", complainant_name="李女士")  # due 10-23, closed late
        svc.register_matter(session=s, actor=admin, now=datetime(2025, 10, 20, 9),
                            data=matter_input(received_at=datetime(2025, 10, 20, 9), category="other",
                                              target_department_id=depts["外科"]))
        svc.register_matter(session=s, actor=admin, now=datetime(2025, 9, 15, 9),
                            data=matter_input(received_at=datetime(2025, 9, 15, 9)))
    yield database
    database.close()


def test_monthly_figures_match_the_matters(db) -> None:
    data = cp.monthly_bulletin_data(db, "2025-10", today=TODAY)
    assert (data.this_month.received, data.this_month.closed, data.this_month.closed_on_time) == (4, 3, 2)
    assert (data.this_month.callbacks_answered, data.this_month.callbacks_satisfied) == (3, 2)
    assert data.last_month.received == 1
    assert {r.key: r.this_month for r in data.by_category if r.this_month} == {
        "attitude": 2, "charges": 1, "other": 1}
    assert {r.key: r.this_month for r in data.by_department}["内科"] == 3
    assert [p.count for p in data.recurring_problems] == [2]  # 服务态度 × 内科
    assert len(data.overdue) == 2  # closed late + still open past 11-03
    assert {(r.phone_masked, r.count) for r in data.repeat_complainants} == {
        ("139****1234", 2), ("139****5678", 2)}


def test_monthly_bulletin_pdf_prints_the_figures_with_phones_masked(db) -> None:
    text = _text(cp.monthly_bulletin_pdf(db, "2025-10", today=TODAY, printed_at=datetime(2025, 11, 20, 8)))
    assert "2025年10月" in text and "受理群众诉求 4 件" in text
    assert "66.7%" in text  # on time 2/3 and satisfied 2/3
    assert "13900005678" not in text and "139****5678" in text


def test_daily_summary_lists_what_was_received_that_day(db) -> None:
    text = _text(cp.daily_summary_pdf(db, date(2025, 10, 9), printed_at=datetime(2025, 10, 9, 18)))
    assert text.count("2025-10-09 09:00") + text.count("2025-10-09 10:00") >= 2
    assert "13900001234" not in text


def test_registration_and_feedback_sheets_from_the_database(db) -> None:
    with db.session() as s:
        row = [r for r in svc.list_matters(session=s, today=TODAY) if r.category == "charges"][0]
        detail = svc.get_matter(session=s, matter_id=row.id, today=TODAY)
    sheet = _text(cp.registration_sheet_pdf(db, row.id, today=TODAY, printed_at=PRINTED))
    assert row.serial in sheet and "李女士" in sheet and "确因条件限制，已说明" in sheet
    feedback = _text(cp.feedback_sheet_pdf(db, row.id, detail.sheets[0].id, today=TODAY,
                                           printed_at=PRINTED))
    assert "内科" in feedback and row.serial in feedback


def test_report_commands_write_pdfs(db, tmp_path: Path, capsys) -> None:
    out = tmp_path / "m.pdf"
    assert main(["--db", str(db.path), "report", "monthly", "--month", "2025-10", "--out", str(out)],
                clock=CLOCK) == 0
    assert "受理群众诉求 4 件" in _text(out.read_bytes())
    day = tmp_path / "d.pdf"
    assert main(["--db", str(db.path), "report", "daily", "--date", "2025-10-09", "--out", str(day)],
                clock=CLOCK) == 0
    assert day.read_bytes().startswith(b"%PDF")
    with pytest.raises(SystemExit) as bad:
        main(["--db", str(db.path), "report", "monthly", "--month", "2025-13", "--out", str(out)],
             clock=CLOCK)
    assert bad.value.code == 2
