"""The one clock of a run (STYLE: one clock; issue 12).

Nothing in `desktop_app/` reads the wall clock but `Clock.system()`, made once
at start (the GUI's `run_gui`, the CLI's `main`, the self-test) and passed down:
to `MainWindow`, every tab, the automatic backups, the lock, the reminders and
the CLI commands. Services, reports and dialogs are given `today`/`now` by their
callers. Tests and benchmarks pass `Clock.fixed(...)`, which stands still until
it is moved with `set()` or `advance()`, so a test that passes today passes
next year. `tests/test_one_clock.py` checks that no other module reads the time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta


class Clock:
    """`now()` and `today()` from one source: the system's, or a fixed instant."""

    def __init__(self, read: Callable[[], datetime] | None = None, *,
                 at: datetime | None = None) -> None:
        if (read is None) == (at is None):
            raise TypeError("a clock reads a source or stands at a time, not both")
        self._read = read
        self._fixed = at

    @classmethod
    def system(cls) -> Clock:
        """The wall clock (local time, naive, as every stored timestamp is)."""
        return cls(datetime.now)

    @classmethod
    def fixed(cls, at: datetime | date) -> Clock:
        """A clock that stands at `at` (a date alone means 09:00 that day) until moved."""
        return cls(at=_instant(at))

    def now(self) -> datetime:
        """The current local time."""
        if self._fixed is not None:
            return self._fixed
        return self._read()  # type: ignore[misc]

    def today(self) -> date:
        """The current local date."""
        return self.now().date()

    @property
    def is_fixed(self) -> bool:
        return self._fixed is not None

    def set(self, at: datetime | date) -> None:
        """Move a fixed clock to `at`."""
        if self._fixed is None:
            raise TypeError("only a fixed clock can be set")
        self._fixed = _instant(at)

    def advance(self, delta: timedelta) -> None:
        """Move a fixed clock on by `delta`."""
        if self._fixed is None:
            raise TypeError("only a fixed clock can be moved")
        self._fixed += delta


def _instant(at: datetime | date) -> datetime:
    return at if isinstance(at, datetime) else datetime.combine(at, time(9, 0))
