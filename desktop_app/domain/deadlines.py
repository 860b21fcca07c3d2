"""Request types and their deadlines (DESIGN §1.1, seed 004 工作时限).

- 咨询/求助: received date + 2 calendar days (answer the same day is the target).
- 建议/批评/投诉/举报: the 10th working day strictly after the received date,
  due at the end of that day (received Fri 2025-09-26 → Thu 2025-10-16).
- Limits are settings; the defaults live in `defaults.DEFAULT_LIMITS`.
- External work orders: the effective deadline is the earlier of upstream
  and local.
- Overdue (超期): not closed by the end of the effective deadline.
  Due soon (临期): deadline within one working day.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from desktop_app.domain.defaults import DEFAULT_LIMITS, Limit
from desktop_app.domain.workdays import WorkCalendar


class RequestType(StrEnum):
    """诉求类型 codes (DESIGN §1.1 table)."""

    consultation = "consultation"
    help = "help"
    suggestion = "suggestion"
    criticism = "criticism"
    complaint = "complaint"
    report = "report"


REQUEST_TYPE_LABELS: Mapping[RequestType, str] = {
    RequestType.consultation: "咨询",
    RequestType.help: "求助",
    RequestType.suggestion: "建议",
    RequestType.criticism: "批评",
    RequestType.complaint: "投诉",
    RequestType.report: "举报",
}


@dataclass(frozen=True)
class Deadline:
    """A computed deadline; `provisional` (待核定) when it rests on an uncovered year."""

    due: date
    provisional: bool


def limit_for(request_type: RequestType | str, limits: Mapping[str, Limit] | None = None) -> Limit:
    """The limit for a request type: from `limits` if it has one, else the default (§1.1)."""
    code = RequestType(request_type)
    if limits is not None and code in limits:
        return limits[code]
    return DEFAULT_LIMITS[code]


def deadline(
    request_type: RequestType | str,
    received_on: date,
    calendar: WorkCalendar,
    limits: Mapping[str, Limit] | None = None,
) -> Deadline:
    """Deadline of a request received on `received_on` (DESIGN §1.1).

    Calendar-day limit: received_on + days, never provisional.
    Working-day limit: the days-th working day strictly after received_on;
    provisional when any day counted falls in a year the calendar does not
    cover (that year is then counted from weekends alone, no error).
    """
    limit = limit_for(request_type, limits)
    if limit.kind == "calendar":
        return Deadline(received_on + timedelta(days=limit.days), provisional=False)
    due = calendar.add_workdays(received_on, limit.days)
    first_counted = received_on + timedelta(days=1)
    return Deadline(due, provisional=calendar.provisional_between(first_counted, due))


def due_date(
    request_type: RequestType | str,
    received_on: date,
    calendar: WorkCalendar,
    limits: Mapping[str, Limit] | None = None,
) -> date:
    """The due date alone (see `deadline` for the rule and the provisional flag)."""
    return deadline(request_type, received_on, calendar, limits).due


def effective_deadline(local: date, upstream: date | None) -> date:
    """The earlier of the local and the upstream deadline (DESIGN §1.1 external orders)."""
    if upstream is None:
        return local
    return min(local, upstream)


def is_overdue(due: date, closed_on: date | None, today: date) -> bool:
    """超期: not closed by the end of the due day (DESIGN §1.1).

    An open matter is overdue once `today` is after `due`; a closed one was
    overdue if it was closed after `due` (used for the on-time rate).
    """
    if closed_on is not None:
        return closed_on > due
    return today > due


def is_due_soon(due: date, today: date, calendar: WorkCalendar) -> bool:
    """临期: not yet overdue and due no later than the next working day after today.

    Today Fri 2025-11-14 → due Fri 14th, Sat 15th, Sun 16th or Mon 17th is due
    soon; Tue 18th is not.
    """
    if due < today:
        return False
    return due <= calendar.next_workday(today)
