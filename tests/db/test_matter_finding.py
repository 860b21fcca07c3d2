"""核实结论 of a complaint: recorded, shown in the detail, audited, refused when it does not apply."""

from __future__ import annotations

from datetime import datetime

import pytest

from desktop_app.db.services.matter_finding import set_matter_finding
from desktop_app.db.services.matters import get_matter, register_matter, withdraw
from desktop_app.domain.errors import PermissionDenied, ValidationError
from tests.support.db import audit_count, audit_rows
from tests.support.matters import REGISTERED, matter_input, row_counts

LATER = datetime(2025, 10, 9, 15, 0)


def _complaint(session, actor, **changes) -> int:
    return register_matter(session=session, actor=actor, data=matter_input(**changes),
                           now=REGISTERED).id


def test_a_finding_is_shown_in_the_detail_and_the_timeline(session, member, admin) -> None:
    matter_id = _complaint(session, member)
    assert get_matter(session=session, matter_id=matter_id, today=LATER.date()).finding is None
    before = audit_count(session)
    set_matter_finding(session=session, actor=admin, matter_id=matter_id, finding="partly",
                       note="  窗口确只开一个，态度问题未能证实 ", now=LATER)
    detail = get_matter(session=session, matter_id=matter_id, today=LATER.date())
    assert (detail.finding, detail.finding_note) == ("partly", "窗口确只开一个，态度问题未能证实")
    event = detail.events[-1]
    assert (event.action, event.at, event.actor) == ("finding", LATER, "王主任")
    assert event.summary == "核实结论：部分属实（窗口确只开一个，态度问题未能证实）"
    assert audit_count(session) == before + 1
    audit = audit_rows(session)[-1]
    assert (audit.action, audit.table_name, audit.record_id) == ("finding", "matter", str(matter_id))
    assert '"finding": null' in audit.before and '"finding": "partly"' in audit.after


def test_unfounded_and_unverifiable_need_a_note(session, member, admin) -> None:
    matter_id = _complaint(session, member)
    for finding in ("unfounded", "unverifiable"):
        counts = row_counts(session)
        with pytest.raises(ValidationError) as err:
            set_matter_finding(session=session, actor=admin, matter_id=matter_id,
                               finding=finding, note="  ", now=LATER)
        assert err.value.field == "note" and "核实情况说明" in err.value.message
        assert row_counts(session) == counts
    set_matter_finding(session=session, actor=admin, matter_id=matter_id, finding="unfounded",
                       note="调取监控，当时窗口开放两个", now=LATER)
    assert get_matter(session=session, matter_id=matter_id, today=LATER.date()).finding == "unfounded"
    with pytest.raises(ValidationError) as err:
        set_matter_finding(session=session, actor=admin, matter_id=matter_id,
                           finding="substantiated", note="长" * 501, now=LATER)
    assert err.value.field == "note"


def test_substantiated_needs_no_note_and_a_finding_can_be_cleared(session, member, admin) -> None:
    matter_id = _complaint(session, member)
    set_matter_finding(session=session, actor=admin, matter_id=matter_id, finding="substantiated",
                       note="", now=LATER)
    assert get_matter(session=session, matter_id=matter_id, today=LATER.date()).finding == "substantiated"
    counts = row_counts(session)
    set_matter_finding(session=session, actor=admin, matter_id=matter_id, finding="substantiated",
                       note="", now=LATER)  # the same again: nothing written
    assert row_counts(session) == counts
    set_matter_finding(session=session, actor=admin, matter_id=matter_id, finding=None,
                       note="ignored", now=LATER)
    detail = get_matter(session=session, matter_id=matter_id, today=LATER.date())
    assert (detail.finding, detail.finding_note) == (None, "")
    assert detail.events[-1].summary == "清除核实结论"


def test_any_status_even_withdrawn(session, member, admin) -> None:
    matter_id = _complaint(session, member)
    withdraw(session=session, actor=member, matter_id=matter_id, reason="当事人撤回", now=LATER)
    set_matter_finding(session=session, actor=admin, matter_id=matter_id, finding="unverifiable",
                       note="当事人撤回，无法核实", now=LATER)
    assert get_matter(session=session, matter_id=matter_id, today=LATER.date()).finding == "unverifiable"


@pytest.mark.parametrize(("request_type", "allowed"), [
    ("criticism", True), ("complaint", True), ("report", True),
    ("consultation", False), ("help", False), ("suggestion", False),
])
def test_only_criticism_complaint_and_report(session, member, admin, request_type, allowed) -> None:
    matter_id = _complaint(session, member, request_type=request_type)
    if allowed:
        set_matter_finding(session=session, actor=admin, matter_id=matter_id,
                           finding="substantiated", note="", now=LATER)
        return
    with pytest.raises(ValidationError) as err:
        set_matter_finding(session=session, actor=admin, matter_id=matter_id,
                           finding="substantiated", note="", now=LATER)
    assert err.value.field == "finding" and "批评、投诉、举报" in err.value.message


def test_bad_code_and_unknown_matter(session, member, admin) -> None:
    matter_id = _complaint(session, member)
    with pytest.raises(ValidationError) as err:
        set_matter_finding(session=session, actor=admin, matter_id=matter_id, finding="true",
                           note="", now=LATER)
    assert err.value.field == "finding"
    with pytest.raises(ValidationError) as err:
        set_matter_finding(session=session, actor=admin, matter_id=9999, finding="partly",
                           note="", now=LATER)
    assert err.value.field == "matter_id"


def test_only_the_office_director_records_it(session, admin, member, duty) -> None:
    matter_id = _complaint(session, member)
    for actor in (member, duty):
        with pytest.raises(PermissionDenied) as err:
            set_matter_finding(session=session, actor=actor, matter_id=matter_id,
                               finding="substantiated", note="", now=LATER)
        assert "认定投诉核实结论" in str(err.value)
    set_matter_finding(session=session, actor=admin, matter_id=matter_id, finding="partly",
                       note="", now=LATER)
    assert get_matter(session=session, matter_id=matter_id, today=LATER.date()).finding == "partly"
