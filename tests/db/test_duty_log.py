"""The duty director's log and its entries turned into matters, linked both ways (DESIGN §1.6)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from desktop_app.db.services.duty_log import (
    add_duty_entry,
    delete_duty_entry,
    duty_entry_for_matter,
    duty_entry_matter_prefill,
    duty_entry_source_ref,
    get_duty_log,
    list_duty_logs,
    open_duty_log,
    update_duty_entry,
)
from desktop_app.db.services.followups_query import followup_for_matter
from desktop_app.records.inspection_rows import DutyEntryInput
from desktop_app.db.services.matters import get_matter, register_matter
from desktop_app.domain.errors import PermissionDenied, ValidationError
from tests.support.inspections import row_counts

DAY = date(2026, 11, 22)  # Sunday: the duty director's day at the 便民服务站
COMPLAINT = DutyEntryInput(at=datetime(2026, 11, 22, 10, 20), kind="complaint",
                           content="患者家属反映输液室等候时间长，护士态度生硬",
                           result="已向家属解释并协调加派护士")
CONSULT = DutyEntryInput(at=datetime(2026, 11, 22, 9, 5), kind="consultation",
                         content="咨询新农合住院报销比例", result="当场解答")


@pytest.fixture
def log_id(session, duty, now) -> int:
    return open_duty_log(session=session, actor=duty, day=DAY, director="张某某", now=now).id


def test_a_day_log_is_opened_once_and_its_director_corrected(session, duty, now, log_id):
    assert get_duty_log(session=session, day=date(2026, 11, 21)) is None
    again = open_duty_log(session=session, actor=duty, day=DAY, director="张某某", now=now)
    assert (again.id, again.director, again.created_by) == (log_id, "张某某", "赵某某")
    renamed = open_duty_log(session=session, actor=duty, day=DAY, director="王某某", now=now)
    assert (renamed.id, renamed.director) == (log_id, "王某某")


def test_opening_refusals(session, duty, member, now):
    counts = row_counts(session)
    with pytest.raises(ValidationError, match="值班日期不能晚于今天"):
        open_duty_log(session=session, actor=duty, day=date(2026, 11, 24), director="张某某",
                      now=now)
    with pytest.raises(ValidationError, match="请填写值班院长"):
        open_duty_log(session=session, actor=duty, day=DAY, director=" ", now=now)
    with pytest.raises(PermissionDenied):
        open_duty_log(session=session, actor=member, day=DAY, director="张某某", now=now)
    assert row_counts(session) == counts


def test_entries_are_listed_by_time(session, duty, now, log_id):
    late = add_duty_entry(session=session, actor=duty, log_id=log_id, data=COMPLAINT, now=now)
    early = add_duty_entry(session=session, actor=duty, log_id=log_id, data=CONSULT, now=now)
    night = add_duty_entry(session=session, actor=duty, log_id=log_id, now=now, data=DutyEntryInput(
        datetime(2026, 11, 23, 1, 30), "logistics", "急诊科空调故障", "联系总务科值班人员修复"))
    log = get_duty_log(session=session, day=DAY)
    assert [e.id for e in log.entries] == [early.id, late.id, night.id]
    assert (late.kind, late.recorded_by, late.linked) == ("complaint", "赵某某", False)
    fixed = update_duty_entry(session=session, actor=duty, entry_id=early.id, now=now,
                              data=replace(CONSULT, result="当场解答，并发放医保政策宣传单"))
    assert fixed.result == "当场解答，并发放医保政策宣传单"
    delete_duty_entry(session=session, actor=duty, entry_id=night.id, now=now)
    assert [e.id for e in get_duty_log(session=session, day=DAY).entries] == [early.id, late.id]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"at": None}, "at", "请填写时间"),
        ({"at": datetime(2026, 11, 21, 23, 0)}, "at", "时间须在值班当天"),
        ({"at": datetime(2026, 11, 23, 9, 31)}, "at", "不能晚于当前时间"),
        ({"kind": None}, "kind", "请选择类别"),
        ({"kind": "chat"}, "kind", "请选择类别"),
        ({"content": " "}, "content", "请填写事项内容"),
        ({"result": "长" * 1001}, "result", "不能超过1000个字"),
    ],
)
def test_bad_entries_save_nothing(session, duty, now, log_id, changes, field, message):
    counts = row_counts(session)
    with pytest.raises(ValidationError, match=message) as caught:
        add_duty_entry(session=session, actor=duty, log_id=log_id, data=replace(COMPLAINT, **changes),
                       now=now)
    assert caught.value.field == field
    assert row_counts(session) == counts


def test_an_entry_becomes_a_matter_linked_both_ways(session, duty, member, now, log_id):
    entry = add_duty_entry(session=session, actor=duty, log_id=log_id, data=COMPLAINT, now=now)
    prefill = duty_entry_matter_prefill(session=session, entry_id=entry.id)
    assert (prefill.channel, prefill.request_type, prefill.received_at, prefill.content,
            prefill.first_receiver_name, prefill.source_ref) == (
        "duty_director", "complaint", COMPLAINT.at, COMPLAINT.content, "张某某",
        f"duty_log:{entry.id}")
    assert duty_entry_source_ref(entry.id) == prefill.source_ref

    # the user completes the registration form and saves it in the complaints tab
    matter = register_matter(session=session, actor=member, now=now, data=replace(
        prefill, complainant_name="钱某某", relation="家属", target_text="输液室",
        category="attitude"))
    assert get_matter(session=session, matter_id=matter.id, today=now.date()).source_ref == (
        f"duty_log:{entry.id}")

    # entry → matter
    (shown,) = get_duty_log(session=session, day=DAY).entries
    assert (shown.linked, shown.matter_id, shown.matter_serial) == (True, matter.id, matter.serial)
    # matter → entry
    link = duty_entry_for_matter(session=session, source_ref=prefill.source_ref)
    assert (link.entry_id, link.log_id, link.day, link.text) == (
        entry.id, log_id, DAY, "2026-11-22 值班日志 10:20 投诉处理")
    assert followup_for_matter(session=session, source_ref=prefill.source_ref) is None
    assert duty_entry_for_matter(session=session, source_ref="followup:3") is None
    assert duty_entry_for_matter(session=session, source_ref="duty_log:x") is None
    assert duty_entry_for_matter(session=session, source_ref="duty_log:424242") is None

    # once registered, the entry is not edited, deleted or registered again
    counts = row_counts(session)
    for call in (
        lambda: update_duty_entry(session=session, actor=duty, entry_id=entry.id, data=COMPLAINT,
                                  now=now),
        lambda: delete_duty_entry(session=session, actor=duty, entry_id=entry.id, now=now),
        lambda: duty_entry_matter_prefill(session=session, entry_id=entry.id),
    ):
        with pytest.raises(ValidationError, match=f"已登记为诉求（{matter.serial}）"):
            call()
    assert row_counts(session) == counts


def test_the_prefill_leaves_the_type_to_the_user_for_other_kinds(session, duty, now, log_id):
    entry = add_duty_entry(session=session, actor=duty, log_id=log_id, now=now, data=DutyEntryInput(
        datetime(2026, 11, 22, 15, 0), "supervision", "督导检查药房", "发现药品摆放不规范"))
    assert duty_entry_matter_prefill(session=session, entry_id=entry.id).request_type == ""
    consult = add_duty_entry(session=session, actor=duty, log_id=log_id, data=CONSULT, now=now)
    assert duty_entry_matter_prefill(session=session,
                                     entry_id=consult.id).request_type == "consultation"


def test_list_of_logs(session, duty, member, now, log_id):
    add_duty_entry(session=session, actor=duty, log_id=log_id, data=CONSULT, now=now)
    entry = add_duty_entry(session=session, actor=duty, log_id=log_id, data=COMPLAINT, now=now)
    register_matter(session=session, actor=member, now=now, data=replace(
        duty_entry_matter_prefill(session=session, entry_id=entry.id), complainant_name="钱某某",
        target_text="输液室", category="attitude"))
    other = open_duty_log(session=session, actor=duty, day=date(2026, 11, 16), director="王某某",
                          now=now)
    rows = list_duty_logs(session=session, start=date(2026, 11, 16), end=date(2026, 11, 22))
    assert [(r.id, r.day, r.director, r.entries, r.by_kind, r.matters) for r in rows] == [
        (other.id, date(2026, 11, 16), "王某某", 0, {}, 0),
        (log_id, DAY, "张某某", 2, {"consultation": 1, "complaint": 1}, 1),
    ]
    assert list_duty_logs(session=session, start=date(2026, 11, 1), end=date(2026, 11, 15)) == []


def test_duty_log_permissions(session, duty, member, now, log_id):
    with pytest.raises(PermissionDenied):
        add_duty_entry(session=session, actor=member, log_id=log_id, data=CONSULT, now=now)
    with pytest.raises(ValidationError, match="该值班日志不存在"):
        add_duty_entry(session=session, actor=duty, log_id=424242, data=CONSULT, now=now)
