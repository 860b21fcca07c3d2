"""The Alembic half of the migrations (issue 14): imported by `db.migrate` only when the
schema is not at `HEAD_REVISION`, through importlib, so that a database at head opens
without loading Alembic (0.2 s with mako and pygments). Its own module because db/
keeps its imports at the top of each module."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from desktop_app.db.engine import db_file_of
from desktop_app.domain.errors import StorageError
from desktop_app.paths import migrations_path


def config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_path()))
    return cfg


def head_revision() -> str:
    """The newest revision this program ships, as Alembic finds it in the scripts."""
    head = ScriptDirectory.from_config(config()).get_current_head()
    assert head is not None
    return head


def refuse_unknown(engine: Engine, current: str) -> None:
    """StorageError("newer_schema") for a revision this program does not ship."""
    try:
        ScriptDirectory.from_config(config()).get_revision(current)
    except Exception as exc:  # alembic raises several kinds for an unknown revision
        raise StorageError(
            "该数据库由更新版本的程序创建，本程序无法打开。请升级程序后再试。",
            "newer_schema",
            str(db_file_of(engine)),
        ) from exc


def upgrade_to_head(engine: Engine) -> None:
    cfg = config()
    with engine.begin() as con:
        cfg.attributes["connection"] = con
        command.upgrade(cfg, "head")
