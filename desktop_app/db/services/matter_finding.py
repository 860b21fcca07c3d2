"""核实结论: what the office found a complaint to be (DESIGN §1.8, seed 004 §四(四)).

A criticism, complaint or report (批评 / 投诉 / 举报) is checked by the office
and found 属实, 部分属实, 不属实 or 无法核实 (`domain.matters.Finding`). The
findings 属实 and 部分属实 count as substantiated complaints against the
target department in the 科室月度满意度考评 (`services/scores.py`).

- Only the office director records it (`Permission.set_finding`): it cuts a
  department's performance score. Any status will do (the finding is often
  known only after the department's reply, or after closing).
- 不属实 and 无法核实 need a note saying why (what was checked); for 属实 /
  部分属实 the note is optional.
- `finding=None` clears the finding (and its note), e.g. after a mistake.
- Each change is one timeline event ("finding") and one audit row.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from desktop_app.db.services.matters_register import load_matter, record_step
from desktop_app.db.tx import Actor, require, snapshot, transactional
from desktop_app.domain.deadlines import RequestType
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.matters import FINDING_LABELS, Finding
from desktop_app.domain.roles import Permission
from desktop_app.domain.validation import clean_text

FINDING_REQUEST_TYPES = frozenset({RequestType.criticism, RequestType.complaint, RequestType.report})
"""The request types that get a 核实结论 (and count in the department score)."""

NOTE_REQUIRED = frozenset({Finding.unfounded, Finding.unverifiable})
NOTE_MAX = 500


def finding_applies(request_type: str) -> bool:
    """True for 批评 / 投诉 / 举报, the matters that are checked and found true or not."""
    return request_type in FINDING_REQUEST_TYPES


@transactional
def set_matter_finding(
    *, session: Session, actor: Actor, matter_id: int, finding: str | None, note: str,
    now: datetime,
) -> None:
    """Record (or clear, with `finding=None`) the 核实结论 of a criticism, complaint or report.

    ValidationError: unknown matter (`matter_id`); a matter of another request
    type or an unknown code (`finding`); a missing note for 不属实 / 无法核实, or
    one over 500 characters (`note`). Nothing changes when the finding and note
    are the same as stored.
    """
    require(actor, Permission.set_finding)
    matter = load_matter(session, matter_id)
    if not finding_applies(matter.request_type):
        raise ValidationError("finding", "只有批评、投诉、举报类诉求需要填写核实结论")
    if finding in (None, ""):
        code, note = None, ""
    else:
        try:
            code = Finding(finding)
        except ValueError:
            raise ValidationError("finding", "请选择核实结论（属实、部分属实、不属实或无法核实）") from None
        note = clean_text(note, field="note", label="核实情况说明", max_len=NOTE_MAX,
                          required=code in NOTE_REQUIRED)
    value = None if code is None else code.value
    if matter.finding == value and (matter.finding_note or "") == note:
        return
    before = snapshot(matter)
    matter.finding, matter.finding_note = value, note
    if code is None:
        summary = "清除核实结论"
    else:
        summary = f"核实结论：{FINDING_LABELS[code]}" + (f"（{note}）" if note else "")
    record_step(session, actor, matter, "finding", summary, before, now)
