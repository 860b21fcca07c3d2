"""Bad input is refused at the right field and nothing is saved (issue 3 §Bad input, DESIGN §3).

Also: yearly serial numbers, and a refused registration does not use up a number.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from desktop_app.db.services import departments, matters
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.validation import PHONE_FORMAT_MESSAGE
from tests.support.matters import RECEIVED, REGISTERED, matter_input, row_counts

EXTERNAL = {"channel": "superior_assigned", "upstream_order_no": "SJ-2025-088"}

BAD_REGISTRATIONS = {
    # name: (changes, field, message)
    "no received time": ({"received_at": None}, "received_at", "请填写受理时间"),
    "received in the future": ({"received_at": REGISTERED + timedelta(minutes=1)}, "received_at",
                               "受理时间不能晚于当前时间"),
    "no issue": ({"content": "  "}, "content", "请填写反映问题"),
    "issue too long": ({"content": "长" * 2001}, "content", "反映问题不能超过2000个字"),
    "no target": ({"target_text": "", "target_department_id": None, "target_staff_id": None},
                  "target_department_id", "请填写投诉对象（科室、人员或具体对象）"),
    "unknown department": ({"target_department_id": 999}, "target_department_id", "所选科室不存在"),
    "unknown staff": ({"target_staff_id": 999}, "target_staff_id", "所选人员不存在"),
    "target text too long": ({"target_text": "窗" * 61}, "target_text", "投诉对象不能超过60个字"),
    "no category": ({"category": None}, "category", "请选择问题分类"),
    "bad category": ({"category": "weather"}, "category", "请选择问题分类"),
    "bad channel": ({"channel": "pigeon"}, "channel", "请选择受理渠道"),
    "bad type": ({"request_type": "praise"}, "request_type", "请选择诉求类型"),
    "no complainant": ({"complainant_name": ""}, "complainant_name", "请填写投诉人姓名，或勾选“匿名”"),
    "complainant too long": ({"complainant_name": "名" * 31}, "complainant_name",
                             "投诉人姓名不能超过30个字"),
    "malformed phone": ({"phone": "1390000123"}, "phone", PHONE_FORMAT_MESSAGE),
    "relation too long": ({"relation": "远房亲戚的朋友的同事们"}, "relation", "与患者关系不能超过10个字"),
    "no first receiver": ({"first_receiver_name": ""}, "first_receiver_name", "请填写首诉责任人"),
    "upstream deadline before receipt": (
        EXTERNAL | {"upstream_deadline": date(2025, 9, 25)}, "upstream_deadline",
        "上级回复期限不能早于受理日期"),
    "signed before received": (EXTERNAL | {"signed_at": RECEIVED - timedelta(minutes=5)},
                               "signed_at", "签收时间不能早于受理时间"),
    "signed in the future": (EXTERNAL | {"signed_at": REGISTERED + timedelta(hours=1)},
                             "signed_at", "签收时间不能晚于当前时间"),
    "order number too long": ({"channel": "hotline_12345", "upstream_order_no": "1" * 41},
                              "upstream_order_no", "上级工单号不能超过40个字"),
    "internal with order number": ({"upstream_order_no": "X-1"}, "upstream_order_no",
                                   "内部渠道无需填写上级工单号"),
    "internal with upstream deadline": ({"upstream_deadline": date(2025, 10, 9)},
                                        "upstream_deadline", "内部渠道无需填写上级回复期限"),
}


@pytest.mark.parametrize("case", sorted(BAD_REGISTRATIONS))
def test_bad_registration_is_refused_at_its_field(session, member, case):
    changes, field, message = BAD_REGISTRATIONS[case]
    before = row_counts(session)
    with pytest.raises(ValidationError) as info:
        matters.register_matter(session=session, actor=member, data=matter_input(**changes),
                                now=REGISTERED)
    assert (info.value.field, info.value.message) == (field, message)
    assert row_counts(session) == before
    # the refused form did not use up a serial number
    good = matters.register_matter(session=session, actor=member, data=matter_input(), now=REGISTERED)
    assert good.serial == "2025-0001"


def test_anonymous_needs_no_name_nor_phone_and_stores_no_name(session, member):
    row = matters.register_matter(session=session, actor=member, now=REGISTERED, data=matter_input(
        anonymous=True, complainant_name="不该保存", phone=""))
    assert (row.complainant, row.phone_masked) == ("匿名", "")
    detail = matters.get_matter(session=session, matter_id=row.id, today=REGISTERED.date())
    assert (detail.anonymous, detail.complainant_name) == (True, "")


def test_external_order_keeps_its_upstream_data(session, member):
    row = matters.register_matter(session=session, actor=member, now=REGISTERED, data=matter_input(
        **EXTERNAL, signed_at=datetime(2025, 9, 26, 9, 45), upstream_deadline=date(2025, 10, 20)))
    detail = matters.get_matter(session=session, matter_id=row.id, today=REGISTERED.date())
    assert (detail.upstream_order_no, detail.signed_at, detail.upstream_deadline) == (
        "SJ-2025-088", datetime(2025, 9, 26, 9, 45), date(2025, 10, 20))
    assert (detail.local_deadline, detail.row.deadline) == (date(2025, 10, 16), date(2025, 10, 16))


def test_phone_is_stored_clean_and_shown_whole_only_in_the_detail(session, member):
    row = matters.register_matter(session=session, actor=member, now=REGISTERED,
                                  data=matter_input(phone="139 0000 1234"))
    assert row.phone_masked == "139****1234"
    assert matters.get_matter(session=session, matter_id=row.id, today=REGISTERED.date()).phone == (
        "13900001234")


def test_serial_numbers_restart_each_year(session, member):
    def register(received: datetime) -> str:
        return matters.register_matter(session=session, actor=member, now=datetime(2026, 1, 5, 9),
                                       data=matter_input(received_at=received)).serial

    assert register(datetime(2025, 12, 30, 9)) == "2025-0001"
    assert register(datetime(2025, 12, 31, 16)) == "2025-0002"
    assert register(datetime(2026, 1, 2, 8)) == "2026-0001"
    assert register(datetime(2026, 1, 4, 8)) == "2026-0002"
    assert register(datetime(2025, 12, 31, 17)) == "2025-0003"  # entered late: its own year


@pytest.fixture
def dispatched(session, admin, member):
    """A matter dispatched to 内科 at 2025-09-26 11:00; returns (detail, department ids)."""
    ids = [departments.create_department(session=session, actor=admin, name=n, is_clinical=True,
                                         now=REGISTERED).id
           for n in ("内科", "外科")]
    departments.update_department(session=session, actor=admin, department_id=ids[1], name="外科",
                                  is_clinical=True, active=False, now=REGISTERED)
    row = matters.register_matter(session=session, actor=member, data=matter_input(), now=REGISTERED)
    detail = matters.dispatch(session=session, actor=member, matter_id=row.id, department_ids=[ids[0]],
                              reply_by=None, instructions="", now=datetime(2025, 9, 26, 11, 0))
    return detail, ids


T = datetime(2025, 9, 29, 10, 0)


def _bad_steps(detail, ids):
    mid, sheet = detail.row.id, detail.sheets[0].id
    reply = dict(sheet_id=sheet, replier="张某某", contacted_at=T, content="已致歉", now=T)
    callback = dict(matter_id=mid, satisfaction="satisfied", words="", next_step="close", now=T)
    extend = dict(matter_id=mid, consent_by="张某某", consent_at=T, consent_method="phone",
                  reason="需调查", new_deadline=date(2025, 10, 20), now=T)
    return {
        # name: (function, kwargs, needs replied, field, message)
        "dispatch to nobody": (matters.dispatch, dict(matter_id=0, department_ids=[], reply_by=None,
                                                      instructions="", now=T), "department_ids", None),
        "reply without replier": (matters.record_reply, reply | {"replier": " "}, "replier", None),
        "reply without content": (matters.record_reply, reply | {"content": ""}, "content", None),
        "reply before the sheet": (matters.record_reply,
                                   reply | {"contacted_at": datetime(2025, 9, 26, 10, 59)},
                                   "contacted_at", "联系当事人的时间不能早于反馈单下发时间"),
        "reply contacted in the future": (matters.record_reply,
                                          reply | {"contacted_at": T + timedelta(minutes=1)},
                                          "contacted_at", "联系当事人的时间不能晚于当前时间"),
        "reply without contact time": (matters.record_reply, reply | {"contacted_at": None},
                                       "contacted_at", None),
        "reply too long": (matters.record_reply, reply | {"content": "长" * 2001}, "content", None),
        "extend to the same day": (matters.extend_deadline, extend | {"new_deadline": date(2025, 10, 16)},
                                   "new_deadline", "新期限须晚于当前期限 2025-10-16"),
        "extend to an earlier day": (matters.extend_deadline,
                                     extend | {"new_deadline": date(2025, 10, 15)}, "new_deadline", None),
        "extend without consent": (matters.extend_deadline, extend | {"consent_by": ""}, "consent_by",
                                   None),
        "extend bad method": (matters.extend_deadline, extend | {"consent_method": "telepathy"},
                              "consent_method", None),
        "extend consent in the future": (matters.extend_deadline,
                                         extend | {"consent_at": T + timedelta(days=1)},
                                         "consent_at", None),
        "extend without reason": (matters.extend_deadline, extend | {"reason": ""}, "reason", None),
        "withdraw without reason": (matters.withdraw, dict(matter_id=mid, reason=" ", now=T), "reason",
                                    None),
        "callback bad satisfaction": ("replied", callback | {"satisfaction": "so-so"}, "satisfaction",
                                      None),
        "satisfied but rehandle": ("replied", callback | {"next_step": "rehandle"}, "next_step", None),
        "unsatisfied but close": ("replied", callback | {"satisfaction": "unsatisfied"}, "next_step",
                                  None),
        "explain without explanation": ("replied", callback | {"satisfaction": "unsatisfied",
                                                               "next_step": "explain"},
                                        "explanation", "请填写解释说明"),
    }


STEP_CASES = sorted([
    "dispatch to nobody", "reply without replier", "reply without content", "reply before the sheet",
    "reply contacted in the future", "reply without contact time", "reply too long",
    "extend to the same day", "extend to an earlier day", "extend without consent",
    "extend bad method", "extend consent in the future", "extend without reason",
    "withdraw without reason", "callback bad satisfaction", "satisfied but rehandle",
    "unsatisfied but close", "explain without explanation",
])


@pytest.mark.parametrize("case", STEP_CASES)
def test_bad_step_input_is_refused_at_its_field(session, admin, member, dispatched, case):
    detail, ids = dispatched
    steps = _bad_steps(detail, ids)
    assert sorted(steps) == STEP_CASES
    fn, kwargs, field, message = steps[case]
    if fn == "replied":
        matters.record_reply(session=session, actor=member, sheet_id=detail.sheets[0].id,
                             replier="张某某", contacted_at=T, content="已致歉", now=T)
        fn = matters.record_callback
    if fn is matters.dispatch:  # a matter that may be dispatched: a fresh one
        kwargs["matter_id"] = matters.register_matter(session=session, actor=member,
                                                      data=matter_input(), now=REGISTERED).id
    before = row_counts(session)
    actor = admin if fn is matters.extend_deadline else member
    with pytest.raises(ValidationError) as info:
        fn(session=session, actor=actor, **kwargs)
    assert info.value.field == field
    if message:
        assert info.value.message == message
    assert row_counts(session) == before


def test_dispatch_refuses_unknown_inactive_departments_and_a_past_reply_by(session, member, dispatched):
    _detail, ids = dispatched
    mid = matters.register_matter(session=session, actor=member, data=matter_input(), now=REGISTERED).id
    before = row_counts(session)
    for department_ids, reply_by, field, text in [
        ([999], None, "department_ids", "所选科室不存在"),
        ([ids[1]], None, "department_ids", "已停用"),
        ([ids[0]], date(2025, 9, 25), "reply_by", "答复期限不能早于今天"),
    ]:
        with pytest.raises(ValidationError) as info:
            matters.dispatch(session=session, actor=member, matter_id=mid, department_ids=department_ids,
                             reply_by=reply_by, instructions="", now=REGISTERED)
        assert info.value.field == field and text in info.value.message
    with pytest.raises(ValidationError) as info:
        matters.dispatch(session=session, actor=member, matter_id=mid, department_ids=[ids[0]],
                         reply_by=None, instructions="要" * 501, now=REGISTERED)
    assert info.value.field == "instructions"
    assert row_counts(session) == before


def test_a_sheet_cannot_be_answered_twice(session, member, dispatched):
    detail, _ids = dispatched
    matters.record_reply(session=session, actor=member, sheet_id=detail.sheets[0].id, replier="张某某",
                         contacted_at=T, content="已致歉", now=T)
    matters.record_callback(session=session, actor=member, matter_id=detail.row.id,
                            satisfaction="unsatisfied", words="", next_step="rehandle", now=T)
    before = row_counts(session)
    with pytest.raises(ValidationError):  # round 1's sheet while round 2 is not yet dispatched
        matters.record_reply(session=session, actor=member, sheet_id=detail.sheets[0].id,
                             replier="张某某", contacted_at=T, content="再答", now=T)
    assert row_counts(session) == before


@pytest.mark.parametrize("kwargs, field", [
    (dict(resolution="", satisfaction="satisfied"), "resolution"),
    (dict(resolution="已解释", satisfaction="unsatisfied"), "satisfaction"),
    (dict(resolution="已解释", satisfaction="??"), "satisfaction"),
])
def test_bad_on_the_spot_close(session, member, kwargs, field):
    mid = matters.register_matter(session=session, actor=member, data=matter_input(), now=REGISTERED).id
    before = row_counts(session)
    with pytest.raises(ValidationError) as info:
        matters.close_on_the_spot(session=session, actor=member, matter_id=mid, now=REGISTERED, **kwargs)
    assert info.value.field == field
    assert row_counts(session) == before


@pytest.mark.parametrize("reason, note, field", [("lost", "", "reason"), ("unreachable", "", "note")])
def test_bad_unreachable_close(session, member, dispatched, reason, note, field):
    detail, _ids = dispatched
    matters.record_reply(session=session, actor=member, sheet_id=detail.sheets[0].id, replier="张某某",
                         contacted_at=T, content="已致歉", now=T)
    before = row_counts(session)
    with pytest.raises(ValidationError) as info:
        matters.close_unreachable(session=session, actor=member, matter_id=detail.row.id, reason=reason,
                                  note=note, now=T)
    assert info.value.field == field
    assert row_counts(session) == before
