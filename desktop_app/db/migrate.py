"""Schema migrations at start-up (DESIGN §3): back up, then `alembic upgrade head`.

Before an existing database is migrated, a copy is taken with the SQLite
backup API. A database whose revision this program does not know (made by a
newer version) is refused, untouched.

Issue 14: a database already at `HEAD_REVISION` is opened without importing
Alembic (0.2 s with mako and pygments); db/schema_upgrade.py, where Alembic is
used, is loaded through importlib only to migrate.
tests/db/test_engine.py checks that `HEAD_REVISION` is Alembic's head.
"""

from __future__ import annotations

import importlib
from datetime import datetime
from pathlib import Path
from types import ModuleType

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from desktop_app.db.backup import backup_database, configured_backup_dir, default_backup_dir
from desktop_app.db.engine import db_file_of


HEAD_REVISION = "0009"  # the newest file in db/migrations/versions


def _alembic() -> ModuleType:
    """db/schema_upgrade.py, loaded when there is work for Alembic."""
    return importlib.import_module("desktop_app.db.schema_upgrade")


def head_revision() -> str:
    """The newest revision this program ships, as Alembic finds it in the scripts."""
    return _alembic().head_revision()


def current_revision(engine: Engine) -> str | None:
    """The revision stamped in the database, or None for an empty file (plain SQL)."""
    with engine.connect() as con:
        try:
            rows = con.execute(text("SELECT version_num FROM alembic_version")).fetchall()
        except OperationalError as exc:
            if "no such table" in str(exc.orig):
                return None
            raise
    return rows[0][0] if rows else None


def upgrade_database(engine: Engine, *, now: datetime) -> Path | None:
    """Bring the schema to head; returns the pre-migration backup path if one was taken."""
    current = current_revision(engine)
    if current == HEAD_REVISION:
        return None
    alembic = _alembic()
    backup = None
    if current is not None:
        alembic.refuse_unknown(engine, current)
        db_path = db_file_of(engine)
        backup = backup_database(db_path, _pre_migration_folder(db_path), now=now,
                                 label="pre-migration")
    alembic.upgrade_to_head(engine)
    return backup


def _pre_migration_folder(db_path: Path) -> Path:
    """The backup folder of the settings when it can be reached (a USB drive may be out),
    else `backups/` beside the database: the upgrade must not wait for a drive."""
    folder, default = configured_backup_dir(db_path)
    return folder if default or folder.is_dir() else default_backup_dir(db_path)
