"""The database templates (tests/support/templates.py) give exactly what a fresh create gives.

Each test's `db` is a copy of a file migrated once per run; opening the copy must migrate
nothing, seed nothing and leave every table as `Database.open(path, create=True)` would.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

from desktop_app.db.database import Database
from tests.support.templates import build_demo

NOW = datetime(2026, 11, 23, 9, 30)


def _dump(path: Path) -> list[str]:
    """Schema and rows as sorted statements, password hashes left out (each hash has its own
    random salt). Two fresh creates may list a table's constraints, and the indexes, in
    another order: each CREATE TABLE's lines are sorted too."""
    with closing(sqlite3.connect(path)) as con:
        if _has_user_table(con):
            con.execute("UPDATE app_user SET password_hash = ''")
        statements = list(con.iterdump())
    return sorted("\n".join(sorted(s.rstrip(",; ").replace(", \n", "\n").splitlines()))
                  for s in statements)


def _has_user_table(con: sqlite3.Connection) -> bool:
    return bool(con.execute("SELECT 1 FROM sqlite_master WHERE name = 'app_user'").fetchone())


def test_a_copied_template_opens_without_migrating_or_seeding_and_equals_a_fresh_file(
        tmp_path: Path, fresh_db_file) -> None:
    fresh = Database.open(tmp_path / "fresh.sqlite3", create=True, now=NOW)
    fresh.close()
    copy = Database.open(fresh_db_file(tmp_path / "copy.sqlite3", NOW), now=NOW)
    assert copy.pre_migration_backup is None
    copy.close()
    assert _dump(tmp_path / "copy.sqlite3") == _dump(tmp_path / "fresh.sqlite3")


def test_a_copied_demo_equals_a_fresh_fill(tmp_path: Path, demo_db_file) -> None:
    admin = build_demo(tmp_path / "fresh.sqlite3", now=NOW, today=NOW.date(), with_matters=False)
    assert demo_db_file(tmp_path / "copy.sqlite3", now=NOW, with_matters=False) == admin
    Database.open(tmp_path / "copy.sqlite3", now=NOW).close()
    assert _dump(tmp_path / "copy.sqlite3") == _dump(tmp_path / "fresh.sqlite3")
