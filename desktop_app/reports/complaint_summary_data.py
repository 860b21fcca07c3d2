"""The plain data of the 每日汇总 and the 每月通报 (seed 004 §四(四); DESIGN §1.8).

The printouts composer fills these from the database; `complaint_summary_pages`
lays them out and `complaint_summaries` builds the PDFs. Codes (type, channel,
category, status) are domain codes; phones are already masked (DESIGN §3).
Rates: 按期办结率 and 回访满意率 as in `complaint_figures` (seed 000).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from desktop_app.reports.complaint_figures import on_time_rate, satisfaction_rate


@dataclass(frozen=True)
class SummaryMatter:
    """One matter on a summary list. Codes are domain codes; the phone is already masked."""

    serial: str
    received_at: datetime
    request_type: str
    channel: str
    complainant: str  # "匿名" when anonymous
    phone_masked: str
    target: str  # 投诉对象, e.g. "收费室 / 李某某"
    status: str
    deadline: date
    provisional: bool = False  # deadline 待核定
    round: int = 1
    category: str | None = None
    closed_at: datetime | None = None


@dataclass(frozen=True)
class DailySummaryData:
    """The 每日汇总 of `day`: what was received and closed, and what needs attention.

    `due_soon` are open matters due within one working day, `overdue` open
    matters past their deadline (both as of `day`). The counts by type and
    channel are derived from `received` and `closed`, so they always agree
    with the lists.
    """

    institution_name: str
    day: date
    received: tuple[SummaryMatter, ...]
    closed: tuple[SummaryMatter, ...]
    due_soon: tuple[SummaryMatter, ...]
    overdue: tuple[SummaryMatter, ...]

    @property
    def received_by_type(self) -> Counter[str]:
        return Counter(m.request_type for m in self.received)

    @property
    def received_by_channel(self) -> Counter[str]:
        return Counter(m.channel for m in self.received)

    @property
    def closed_by_type(self) -> Counter[str]:
        return Counter(m.request_type for m in self.closed)

    @property
    def closed_by_channel(self) -> Counter[str]:
        return Counter(m.channel for m in self.closed)


@dataclass(frozen=True)
class MonthFigures:
    """One month's totals, from which the rates are computed."""

    received: int
    closed: int
    closed_on_time: int  # closed no later than the effective deadline
    callbacks_answered: int  # callbacks with a satisfaction recorded
    callbacks_satisfied: int  # of those, 满意 or 基本满意

    @property
    def on_time_rate(self) -> float | None:
        return on_time_rate(self.closed_on_time, self.closed)

    @property
    def satisfaction_rate(self) -> float | None:
        return satisfaction_rate(self.callbacks_satisfied, self.callbacks_answered)


@dataclass(frozen=True)
class CountRow:
    """Matters of one type, channel, category (code) or department (name), both months.

    `this_month` and `last_month` count matters received; `closed_this_month`
    counts matters of this kind closed this month.
    """

    key: str
    this_month: int
    last_month: int
    closed_this_month: int = 0


@dataclass(frozen=True)
class RecurringProblem:
    """The same issue category at the same department at least twice this month."""

    category: str  # code
    department: str
    count: int
    serials: tuple[str, ...]


@dataclass(frozen=True)
class RepeatComplainant:
    """Someone who came at least twice this month (matched by phone or name); phone masked."""

    complainant: str
    phone_masked: str
    count: int
    serials: tuple[str, ...]


@dataclass(frozen=True)
class MonthlyBulletinData:
    """The 每月通报 of `month` ("YYYY-MM") with the previous month beside it.

    `by_type` and `by_category` may leave out zero rows: every type and
    category is printed (in the domain's order) with 0 for those missing.
    `by_channel` and `by_department` print the rows given, channels in the
    domain's order, departments by this month's count. `rehandled` are this
    month's matters in round 2 or later, `overdue` those not closed by their
    deadline. `conclusion` is an optional closing paragraph (e.g. the
    office's 下一步工作), printed as given.
    """

    institution_name: str
    month: str
    this_month: MonthFigures
    last_month: MonthFigures
    by_type: tuple[CountRow, ...]
    by_channel: tuple[CountRow, ...]
    by_category: tuple[CountRow, ...]
    by_department: tuple[CountRow, ...]
    rehandled: tuple[SummaryMatter, ...]
    overdue: tuple[SummaryMatter, ...]
    recurring_problems: tuple[RecurringProblem, ...] = ()
    repeat_complainants: tuple[RepeatComplainant, ...] = ()
    conclusion: str | None = None
