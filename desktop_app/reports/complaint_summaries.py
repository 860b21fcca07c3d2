"""每日汇总 and 每月通报 of registered matters (seed 004 §四(四) 每日汇总、每月通报; DESIGN §1.8).

The caller (the printouts composer) gathers plain rows and figures; these
builders only lay them out. Codes (type, channel, category, status) are the
domain codes and are printed with their Chinese labels. Phones are masked in
every summary (DESIGN §3): rows carry masked phones, and `summary_phone`
masks again anything that still looks like a whole number.

Rates: 按期办结率 = matters closed by their deadline / matters closed;
回访满意率 = callbacks answered 满意 or 基本满意 / callbacks answered (seed 000).
Both are None without data and print as "—". The data classes live in
`complaint_summary_data` (re-exported here), the page layout in
`complaint_summary_pages`: the imports run builders → pages → data.
"""

from __future__ import annotations

from datetime import datetime

from desktop_app.domain.months import Month
from desktop_app.reports.complaint_figures import (
    bulletin_title,
    format_change,
    format_percent,
    format_rate_change,
    month_title,
    on_time_rate,
    satisfaction_rate,
)
from desktop_app.reports.complaint_summary_data import (
    CountRow,
    DailySummaryData,
    MonthFigures,
    MonthlyBulletinData,
    RecurringProblem,
    RepeatComplainant,
    SummaryMatter,
)
from desktop_app.reports.complaint_summary_pages import (
    bulletin_summary_text,
    daily_story,
    monthly_story,
    summary_document,
)

__all__ = [
    "CountRow", "DailySummaryData", "MonthFigures", "MonthlyBulletinData", "RecurringProblem",
    "RepeatComplainant", "SummaryMatter", "build_daily_summary", "build_monthly_bulletin",
    "bulletin_summary_text", "bulletin_title", "format_change", "format_percent", "format_rate_change", "month_title",
    "on_time_rate", "satisfaction_rate",
]


def build_daily_summary(data: DailySummaryData, *, printed_at: datetime) -> bytes:
    """The 每日汇总 of `data.day` as PDF bytes."""
    return summary_document(data.institution_name, "每日汇总", daily_story(data), printed_at)


def build_monthly_bulletin(data: MonthlyBulletinData, *, printed_at: datetime) -> bytes:
    """The 每月通报 of `data.month` as PDF bytes (ValidationError('month') for a malformed month)."""
    Month.parse(data.month)
    return summary_document(data.institution_name, "每月通报", monthly_story(data), printed_at)
