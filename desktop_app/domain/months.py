"""One calendar month, the period of every monthly list, table and report.

Rule: a month is written "YYYY-MM" ("2026-03"); "2026-3" is read the same
way, and anything else is refused with one Chinese message on the form's
field (STYLE.md: errors by who is to blame). Every monthly query and
printout reads its month through `Month.parse`, so they all agree on what
a month is and on the days it spans (the first to the last, both counted).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.domain.errors import ValidationError

MIN_YEAR, MAX_YEAR = 1901, 2999
BAD_MONTH = "月份格式应为 YYYY-MM，例如 2026-03"
_TEXT = re.compile(r"(\d{4})-(\d{1,2})")


@dataclass(frozen=True, order=True)
class Month:
    """A (year, month) pair; ordered by time; `str()` gives "2026-03"."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not (MIN_YEAR <= self.year <= MAX_YEAR and 1 <= self.month <= 12):
            raise ValidationError("month", BAD_MONTH)

    @classmethod
    def parse(cls, text: Month | str | None, field: str = "month") -> Month:
        """ "2026-03" or "2026-3" (spaces around allowed) → Month; a Month passes through.

        ValidationError(field, "月份格式应为 YYYY-MM，例如 2026-03") for anything else.
        """
        if isinstance(text, Month):
            return text
        match = _TEXT.fullmatch(text.strip()) if isinstance(text, str) else None
        if match is not None:
            year, number = int(match.group(1)), int(match.group(2))
            if MIN_YEAR <= year <= MAX_YEAR and 1 <= number <= 12:
                return cls(year, number)
        raise ValidationError(field, BAD_MONTH)

    @classmethod
    def of(cls, day: date) -> Month:
        """The month a day (or a datetime) falls in."""
        return cls(day.year, day.month)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def days(self) -> tuple[date, ...]:
        """Every day of the month, in order."""
        first = self.first_day
        return tuple(first + timedelta(days=n) for n in range(self.last_day.day))

    def shift(self, months: int) -> Month:
        """The month `months` later (earlier when negative)."""
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    def previous(self) -> Month:
        return self.shift(-1)

    def next(self) -> Month:
        return self.shift(1)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and (day.year, day.month) == (self.year, self.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"
