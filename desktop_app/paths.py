"""Where things live: bundled resources, migrations, the user data folder."""

from __future__ import annotations

import sys
from pathlib import Path

from platformdirs import user_data_path, user_log_path

from desktop_app import APP_ID


def project_root() -> Path:
    """The folder holding `resources/` and `db/`: the source tree, or the PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """A file under `resources/` (fonts, templates, stylesheet)."""
    return project_root().joinpath("resources", *parts)


def migrations_path() -> Path:
    """The Alembic migrations shipped with the program (`db/migrations`)."""
    return project_root() / "db" / "migrations"


FONT_FILE = "wqy-microhei.ttc"


def font_path() -> Path:
    """The bundled CJK TrueType font (WenQuanYi Micro Hei, Apache-2.0)."""
    return resource_path("fonts", FONT_FILE)


def data_dir() -> Path:
    """The user data folder; the default database and backups live here."""
    return user_data_path(APP_ID, appauthor=False, ensure_exists=True)


def default_db_path() -> Path:
    return data_dir() / "fwqz.sqlite3"


def log_dir(db_path: Path | None = None) -> Path:
    """Log folder: beside the data folder (the platform's log dir)."""
    return user_log_path(APP_ID, appauthor=False, ensure_exists=True)
