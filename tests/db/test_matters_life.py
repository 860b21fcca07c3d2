"""The whole life of a matter through the service functions (issue 3 §3, DESIGN §1.1–1.3).

Table-driven over request types and paths; deadlines against real 2025 dates.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from sqlmodel import select

from desktop_app.db.models import AuditLog
from desktop_app.db.services import departments, matters
from desktop_app.records.matter_rows import MatterFilter
from desktop_app.domain.errors import PermissionDenied, ValidationError
from tests.support.matters import REGISTERED, matter_input, row_counts

TODAY = date(2025, 10, 10)


@pytest.fixture
def depts(session, admin, now) -> dict[str, int]:
    out = {}
    for name in ("内科", "外科", "收费处"):
        out[name] = departments.create_department(
            session=session, actor=admin, name=name, is_clinical=name != "收费处", now=now).id
    return out


class Clock:
    """Step times: each step an hour after the previous one, starting at registration."""

    def __init__(self, start: datetime) -> None:
        self.t = start

    def tick(self) -> datetime:
        self.t += timedelta(hours=1)
        return self.t


def run_step(step: tuple, *, session, actor, admin, matter_id: int, depts, clock: Clock):
    kind, *args = step
    now = clock.tick()
    if kind == "dispatch":
        return matters.dispatch(session=session, actor=actor, matter_id=matter_id,
                                department_ids=[depts[n] for n in args[0]], reply_by=None,
                                instructions="请尽快联系当事人", now=now)
    if kind == "reply_all":
        detail = matters.get_matter(session=session, matter_id=matter_id, today=now.date())
        for sheet in [s for s in detail.sheets if s.round == detail.row.round]:
            detail = matters.record_reply(session=session, actor=actor, sheet_id=sheet.id,
                                          replier="科室负责人", contacted_at=now,
                                          content="已向当事人说明并整改", now=now)
        return detail
    if kind == "callback":
        satisfaction, next_step = args
        return matters.record_callback(session=session, actor=actor, matter_id=matter_id,
                                       satisfaction=satisfaction, words="当事人意见",
                                       next_step=next_step, explanation="受场地所限，已说明",
                                       path_offered="可向卫健局反映", now=now)
    if kind == "unreachable":
        return matters.close_unreachable(session=session, actor=actor, matter_id=matter_id,
                                         reason=args[0], note="三次来电无人接听", now=now)
    if kind == "spot":
        return matters.close_on_the_spot(session=session, actor=actor, matter_id=matter_id,
                                         resolution="当场解释收费项目", satisfaction="satisfied",
                                         now=now)
    if kind == "extend":
        return matters.extend_deadline(session=session, actor=admin, matter_id=matter_id,
                                       consent_by="张某某", consent_at=now, consent_method="phone",
                                       reason="需调取监控核实", new_deadline=args[0], now=now)
    if kind == "withdraw":
        return matters.withdraw(session=session, actor=actor, matter_id=matter_id,
                                reason="当事人主动撤回", now=now)
    raise AssertionError(kind)


OK = ("callback", "satisfied", "close")
# name: (input changes, steps, status, close reason, final satisfaction, round, deadline, events)
PATHS = {
    "satisfied_first_time": (
        {}, [("dispatch", ["内科"]), ("reply_all",), OK],
        "closed", "satisfied", "satisfied", 1, date(2025, 10, 16),
        ["registered", "dispatch", "reply", "callback"]),
    "unsatisfied_round_two_satisfied": (
        {"request_type": "criticism"},
        [("dispatch", ["内科", "外科"]), ("reply_all",), ("callback", "unsatisfied", "rehandle"),
         ("dispatch", ["内科"]), ("reply_all",), ("callback", "basically", "close")],
        "closed", "satisfied", "basically", 2, date(2025, 10, 16),
        ["registered", "dispatch", "reply", "reply", "callback", "dispatch", "reply", "callback"]),
    "explained_close": (
        {"request_type": "suggestion", "category": "environment"},
        [("dispatch", ["收费处"]), ("reply_all",), ("callback", "unsatisfied", "explain")],
        "closed", "explained", "unsatisfied", 1, date(2025, 10, 16),
        ["registered", "dispatch", "reply", "callback"]),
    "anonymous": (
        {"anonymous": True, "complainant_name": "", "phone": "", "request_type": "report"},
        [("dispatch", ["外科"]), ("reply_all",), ("unreachable", "anonymous")],
        "closed", "anonymous", None, 1, date(2025, 10, 16),
        ["registered", "dispatch", "reply", "close_unreachable"]),
    "extension": (
        {}, [("extend", date(2025, 10, 31)), ("dispatch", ["内科"]), ("reply_all",), OK],
        "closed", "satisfied", "satisfied", 1, date(2025, 10, 31),
        ["registered", "extend", "dispatch", "reply", "callback"]),
    "external_earlier_upstream_deadline": (
        {"channel": "hotline_12345", "upstream_order_no": "12345-2025-0926-001",
         "signed_at": datetime(2025, 9, 26, 9, 50), "upstream_deadline": date(2025, 10, 9)},
        [("dispatch", ["内科"]), ("reply_all",), OK],
        "closed", "satisfied", "satisfied", 1, date(2025, 10, 9),
        ["registered", "dispatch", "reply", "callback"]),
    "consultation_on_the_spot": (
        {"request_type": "consultation", "category": "charges"}, [("spot",)],
        "closed", "on_the_spot", "satisfied", 1, date(2025, 9, 28),
        ["registered", "close_on_the_spot"]),
    "withdrawn": (
        {"request_type": "help"}, [("dispatch", ["内科"]), ("withdraw",)],
        "withdrawn", None, None, 1, date(2025, 9, 28), ["registered", "dispatch", "withdraw"]),
}


@pytest.mark.parametrize("path", sorted(PATHS))
@pytest.mark.parametrize("role", ["member", "duty"])
def test_whole_life(request, session, admin, depts, path, role):
    changes, steps, status, reason, satisfaction, rnd, deadline, events = PATHS[path]
    actor = request.getfixturevalue(role)
    row = matters.register_matter(session=session, actor=actor, data=matter_input(**changes),
                                  now=REGISTERED)
    assert row.serial == "2025-0001"
    clock = Clock(REGISTERED)
    for step in steps:
        run_step(step, session=session, actor=actor, admin=admin, matter_id=row.id, depts=depts,
                 clock=clock)
    detail = matters.get_matter(session=session, matter_id=row.id, today=TODAY)
    assert (detail.row.status, detail.close_reason, detail.final_satisfaction) == (
        status, reason, satisfaction)
    assert (detail.row.round, detail.row.deadline, detail.row.provisional) == (rnd, deadline, False)
    assert [e.action for e in detail.events] == events
    assert [e.at for e in detail.events] == sorted(e.at for e in detail.events)
    assert (detail.row.closed_at is not None) == (status == "closed")
    # every step wrote exactly one audit row on the matter, in the same order
    audit = session.exec(select(AuditLog).where(AuditLog.table_name == "matter",
                                                AuditLog.record_id == str(row.id))
                         .order_by(AuditLog.id)).all()
    assert [a.action for a in audit] == events
    assert {a.username for a in audit} <= {actor.username, admin.username}
    assert json.loads(audit[-1].after)["status"] == status
    # it stays in the list, whatever happened
    assert [r.id for r in matters.list_matters(session=session, today=TODAY)] == [row.id]


def test_round_two_keeps_both_rounds_of_sheets_and_callbacks(session, admin, member, depts):
    _c, steps, *_ = PATHS["unsatisfied_round_two_satisfied"]
    row = matters.register_matter(session=session, actor=member, data=matter_input(), now=REGISTERED)
    clock = Clock(REGISTERED)
    for step in steps:
        detail = run_step(step, session=session, actor=member, admin=admin, matter_id=row.id,
                          depts=depts, clock=clock)
    assert [(s.round, s.department_name) for s in detail.sheets] == [
        (1, "内科"), (1, "外科"), (2, "内科")]
    assert all(s.replier and s.replied_at for s in detail.sheets)
    assert [(c.round, c.satisfaction, c.outcome) for c in detail.callbacks] == [
        (1, "unsatisfied", "rehandle"), (2, "basically", "close")]
    assert detail.sheets[0].reply_by == date(2025, 10, 16)  # default: the matter's deadline


def test_matter_is_replied_only_when_every_sheet_of_the_round_is(session, member, depts):
    row = matters.register_matter(session=session, actor=member, data=matter_input(), now=REGISTERED)
    detail = matters.dispatch(session=session, actor=member, matter_id=row.id,
                              department_ids=[depts["内科"], depts["外科"]], reply_by=date(2025, 10, 9),
                              instructions="", now=REGISTERED + timedelta(hours=1))
    t = REGISTERED + timedelta(hours=2)
    first = matters.record_reply(session=session, actor=member, sheet_id=detail.sheets[0].id,
                                 replier="张某某", contacted_at=t, content="已联系", now=t)
    assert first.row.status == "dispatched"
    with pytest.raises(ValidationError) as info:  # a callback still needs every reply
        matters.record_callback(session=session, actor=member, matter_id=row.id,
                                satisfaction="satisfied", words="", next_step="close", now=t)
    assert info.value.field == "status"
    second = matters.record_reply(session=session, actor=member, sheet_id=detail.sheets[1].id,
                                  replier="赵某某", contacted_at=t, content="已联系", now=t)
    assert second.row.status == "replied"
    assert [s.reply_by for s in second.sheets] == [date(2025, 10, 9)] * 2


@pytest.mark.parametrize("request_type, received, due", [
    ("complaint", datetime(2025, 9, 26, 9, 30), date(2025, 10, 16)),   # over National Day
    ("consultation", datetime(2025, 9, 26, 9, 30), date(2025, 9, 28)),  # +2 calendar days
    ("help", datetime(2025, 9, 30, 16, 0), date(2025, 10, 2)),
    ("report", datetime(2025, 10, 11, 9, 0), date(2025, 10, 24)),     # received on a make-up Saturday
])
def test_deadline_of_each_type_against_the_2025_calendar(session, member, request_type, received, due):
    assert matters.preview_deadline(session=session, request_type=request_type,
                                    received_on=received.date()) == (due, False)
    row = matters.register_matter(session=session, actor=member, now=received + timedelta(hours=1),
                                  data=matter_input(request_type=request_type, received_at=received))
    assert (row.deadline, row.provisional) == (due, False)


def test_preview_takes_the_earlier_upstream_deadline_and_the_settings(session, admin, now):
    assert matters.preview_deadline(session=session, request_type="complaint",
                                    received_on=date(2025, 9, 26),
                                    upstream_deadline=date(2025, 10, 9)) == (date(2025, 10, 9), False)
    assert matters.preview_deadline(session=session, request_type="complaint",
                                    received_on=date(2025, 9, 26),
                                    upstream_deadline=date(2025, 10, 20)) == (date(2025, 10, 16), False)
    from desktop_app.db.services import settings
    settings.update_settings(session=session, actor=admin, values={"limit_consultation_days": 0},
                             now=now)
    assert matters.preview_deadline(session=session, request_type="consultation",
                                    received_on=date(2025, 9, 26)) == (date(2025, 9, 26), False)


@pytest.mark.parametrize("name, prepare, attempt", [
    ("callback before reply", [("dispatch", ["内科"])], ("callback", "satisfied", "close")),
    ("dispatch a closed matter", [("spot",)], ("dispatch", ["内科"])),
    ("reply after close", [("dispatch", ["内科"]), ("reply_all",), OK], ("reply_all",)),
    ("on the spot after dispatch", [("dispatch", ["内科"])], ("spot",)),
    ("unreachable before reply", [("dispatch", ["内科"])], ("unreachable", "unreachable")),
    ("extend a withdrawn matter", [("withdraw",)], ("extend", date(2025, 11, 30))),
    ("withdraw a closed matter", [("spot",)], ("withdraw",)),
])
def test_steps_out_of_order_are_refused_and_change_nothing(session, admin, member, depts, name,
                                                          prepare, attempt):
    row = matters.register_matter(session=session, actor=member, data=matter_input(), now=REGISTERED)
    clock = Clock(REGISTERED)
    for step in prepare:
        run_step(step, session=session, actor=member, admin=admin, matter_id=row.id, depts=depts,
                 clock=clock)
    before = (row_counts(session), matters.get_matter(session=session, matter_id=row.id, today=TODAY))
    with pytest.raises(ValidationError) as info:
        run_step(attempt, session=session, actor=member, admin=admin, matter_id=row.id, depts=depts,
                 clock=clock)
    assert info.value.field == "status"
    assert "当前状态" in info.value.message
    assert (row_counts(session), matters.get_matter(session=session, matter_id=row.id,
                                                     today=TODAY)) == before


@pytest.mark.parametrize("role", ["member", "duty"])
def test_only_the_office_director_may_extend(request, session, role):
    actor = request.getfixturevalue(role)
    row = matters.register_matter(session=session, actor=actor, data=matter_input(), now=REGISTERED)
    before = row_counts(session)
    with pytest.raises(PermissionDenied) as info:
        matters.extend_deadline(session=session, actor=actor, matter_id=row.id, consent_by="张某某",
                                consent_at=REGISTERED, consent_method="phone", reason="复杂",
                                new_deadline=date(2025, 10, 31), now=REGISTERED)
    assert "批准延期" in info.value.message
    assert row_counts(session) == before
    assert matters.get_matter(session=session, matter_id=row.id, today=TODAY).row.deadline == date(
        2025, 10, 16)


def test_extension_is_recorded_with_the_consent(session, admin):
    row = matters.register_matter(session=session, actor=admin, data=matter_input(), now=REGISTERED)
    detail = matters.extend_deadline(
        session=session, actor=admin, matter_id=row.id, consent_by="张某某的女儿",
        consent_at=datetime(2025, 10, 14, 15, 0), consent_method="written", reason="需外院会诊",
        new_deadline=date(2025, 10, 31), now=datetime(2025, 10, 14, 16, 0))
    ext = detail.extensions[0]
    assert (ext.consent_by, ext.consent_method, ext.old_deadline, ext.new_deadline, ext.granted_by) == (
        "张某某的女儿", "written", date(2025, 10, 16), date(2025, 10, 31), "王主任")
    assert detail.local_deadline == date(2025, 10, 16) and detail.row.deadline == date(2025, 10, 31)
    assert "2025-10-16 延至 2025-10-31" in detail.events[-1].summary
    with pytest.raises(ValidationError) as info:
        matters.extend_deadline(session=session, actor=admin, matter_id=row.id, consent_by="张某某",
                                consent_at=datetime(2025, 10, 14, 15, 0), consent_method="phone",
                                reason="再延", new_deadline=date(2025, 10, 31),
                                now=datetime(2025, 10, 14, 16, 0))
    assert (info.value.field, info.value.message) == ("new_deadline", "新期限须晚于当前期限 2025-10-31")
    assert matters.list_matters(session=session, filters=MatterFilter(status="registered"),
                                today=TODAY)[0].deadline == date(2025, 10, 31)
