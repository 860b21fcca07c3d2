"""The tests' fixed clock (the `now` and `today` fixtures, and the times the GUI tests use)."""

from __future__ import annotations

from datetime import date, datetime

FIXED_TODAY = date(2026, 11, 23)  # a Monday
FIXED_NOW = datetime(2026, 11, 23, 9, 30)
FRIDAY = date(2026, 11, 20)  # the Friday inspection of the GUI tests
FRIDAY_AFTERNOON = datetime(2026, 11, 20, 16, 0)
