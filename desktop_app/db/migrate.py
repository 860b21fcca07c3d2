"""Schema migrations at start-up (DESIGN §3): back up, then `alembic upgrade head`.

Before an existing database is migrated, a copy is taken with the SQLite
backup API. A database whose revision this program does not know (made by a
newer version) is refused, untouched.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from desktop_app.db.backup import backup_database, configured_backup_dir, default_backup_dir
from desktop_app.db.engine import db_file_of
from desktop_app.domain.errors import StorageError
from desktop_app.paths import migrations_path


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_path()))
    return cfg


def head_revision() -> str:
    """The newest revision this program ships."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision stamped in the database, or None for an empty file."""
    with engine.connect() as con:
        return MigrationContext.configure(con).get_current_revision()


def upgrade_database(engine: Engine, *, now: datetime) -> Path | None:
    """Bring the schema to head; returns the pre-migration backup path if one was taken."""
    script = ScriptDirectory.from_config(_config())
    current = current_revision(engine)
    head = script.get_current_head()
    if current == head:
        return None
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
