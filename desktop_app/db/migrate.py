"""Schema migrations at start-up (DESIGN §3): back up, then `alembic upgrade head`.

Before an existing database is migrated, a copy is taken with the SQLite
backup API. A database whose revision this program does not know (made by a
newer version) is refused, untouched.

Issue 14: a database already at `HEAD_REVISION` is opened without importing
Alembic (0.2 s with mako and pygments); Alembic is loaded only to migrate.
tests/db/test_engine.py checks that `HEAD_REVISION` is Alembic's head.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from desktop_app.db.backup import backup_database, configured_backup_dir, default_backup_dir
from desktop_app.db.engine import db_file_of
from desktop_app.domain.errors import StorageError
from desktop_app.paths import migrations_path


HEAD_REVISION = "0009"  # the newest file in db/migrations/versions


def _config():  # -> alembic.config.Config; alembic is imported only to migrate
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_path()))
    return cfg


def head_revision() -> str:
    """The newest revision this program ships, as Alembic finds it in the scripts."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


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
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config())
    if current is not None:
        try:
            script.get_revision(current)
        except Exception as exc:  # alembic raises several kinds for an unknown revision
            raise StorageError(
                "该数据库由更新版本的程序创建，本程序无法打开。请升级程序后再试。",
                "newer_schema",
                str(db_file_of(engine)),
            ) from exc
    backup = None
    if current is not None:
        db_path = db_file_of(engine)
        backup = backup_database(db_path, _pre_migration_folder(db_path), now=now,
                                 label="pre-migration")
    cfg = _config()
    with engine.begin() as con:
        cfg.attributes["connection"] = con
        command.upgrade(cfg, "head")
    return backup


def _pre_migration_folder(db_path: Path) -> Path:
    """The backup folder of the settings when it can be reached (a USB drive may be out),
    else `backups/` beside the database: the upgrade must not wait for a drive."""
    folder, default = configured_backup_dir(db_path)
    return folder if default or folder.is_dir() else default_backup_dir(db_path)
