"""Figures of the complaint summaries: rates, their formatting, and month names.

按期办结率 = matters closed by their deadline / matters closed;
回访满意率 = callbacks answered 满意 or 基本满意 / callbacks answered (seed 000,
DESIGN §1.7). Both are None without data and print as "—". Pure functions,
for the builders and for the composer that gathers a month's figures; months
are read by `domain.months.Month`.
"""

from __future__ import annotations

from desktop_app.domain.months import Month
from desktop_app.reports.complaint_common import NONE_TEXT


def on_time_rate(closed_on_time: int, closed: int) -> float | None:
    """按期办结率: the share (0–1) of closed matters closed by their deadline; None if none closed."""
    return _rate(closed_on_time, closed)


def satisfaction_rate(satisfied_or_basic: int, answered: int) -> float | None:
    """回访满意率: (满意 + 基本满意) / answered callbacks (seed 000), 0–1; None if none answered."""
    return _rate(satisfied_or_basic, answered)


def _rate(part: int, whole: int) -> float | None:
    if part < 0 or whole < 0 or part > whole:
        raise ValueError(f"比率数据不正确：{part} / {whole}")
    return None if whole == 0 else part / whole


def format_percent(rate: float | None) -> str:
    """0.875 → "87.5%"; None → "—"."""
    return NONE_TEXT if rate is None else f"{rate * 100:.1f}%"


def format_change(this: int, last: int) -> str:
    """The month-on-month change of a count: "+3", "-2", "0"."""
    return f"{this - last:+d}" if this != last else "0"


def format_rate_change(this: float | None, last: float | None) -> str:
    """The change of a rate in percentage points: "+5.0个百分点"; "—" without both.

    Taken between the rates as printed (one decimal), so the column adds up.
    """
    if this is None or last is None:
        return NONE_TEXT
    points = round(round(this * 100, 1) - round(last * 100, 1), 1)
    return "持平" if points == 0 else f"{points:+.1f}个百分点"


def month_title(month: Month | str) -> str:
    """ "2026-10" → "2026年10月"; ValidationError('month') for a malformed month."""
    month = Month.parse(month)
    return f"{month.year}年{month.month}月"


def bulletin_title(month: Month | str) -> str:
    """The bulletin's heading, e.g. "2026年10月投诉举报情况通报"."""
    return f"{month_title(month)}投诉举报情况通报"
