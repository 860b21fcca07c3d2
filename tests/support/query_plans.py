"""The SQLite query plans of what a service function runs (issue 14: every list and count
is served by an index). Not a test module.

`plans_of(engine, call)` runs `call()` and returns, for every SELECT it sent, the
statement and its `EXPLAIN QUERY PLAN` lines. `full_scans(plans, tables)` names the
steps that read a whole table of `tables` (the tables that grow with history) without
an index: `SCAN matter` is one, `SCAN matter USING INDEX ...` and `SEARCH ...` are not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

# The tables that grow with every year of work.
GROWING = frozenset({
    "matter", "matter_event", "matter_callback", "matter_extension", "feedback_sheet",
    "discharge", "followup_task", "followup_attempt", "followup_outcome", "followup_amendment",
    "survey", "outpatient_visits", "inspection", "inspection_result", "inspection_photo",
    "inspection_amendment", "rectification_item", "rectification_event",
    "rectification_department", "duty_log", "duty_log_entry", "audit_log",
})


@dataclass(frozen=True)
class Plan:
    """One statement a call sent, and how SQLite answers it."""

    sql: str
    params: Any
    lines: tuple[str, ...]

    def show(self) -> str:
        return self.sql.strip() + "\n" + "\n".join(f"    {line}" for line in self.lines)


def plans_of(engine: Engine, call: Callable[[], object]) -> list[Plan]:
    """Run `call()` with `engine`; the plan of every SELECT it sent, in order."""
    sent: list[tuple[str, Any]] = []

    def record(_conn, _cursor, statement, parameters, _context, _executemany) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    plans = []
    raw = engine.raw_connection()
    try:
        for statement, parameters in sent:
            rows = raw.cursor().execute(f"EXPLAIN QUERY PLAN {statement}", parameters).fetchall()
            plans.append(Plan(statement, parameters, tuple(str(row[-1]) for row in rows)))
    finally:
        raw.close()
    return plans


_SCAN = re.compile(r"^SCAN (?:TABLE )?(\w+)(?: AS \w+)?\s*$")


def full_scans(plans: Iterable[Plan], tables: Iterable[str] = GROWING) -> list[str]:
    """The plan steps that read a whole growing table row by row, with their statement."""
    wanted = set(tables)
    found = []
    for plan in plans:
        for line in plan.lines:
            match = _SCAN.match(line.strip())
            if match and match.group(1) in wanted:
                found.append(f"{line.strip()}  ←  {plan.sql.strip()[:300]}")
    return found
