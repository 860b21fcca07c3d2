"""One open database: the file, its engine, migrated and seeded (DESIGN §3)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from desktop_app.db.engine import as_storage_error, open_engine, session_scope
from desktop_app.db.migrate import upgrade_database
from desktop_app.db.services.calendar import seed_builtin_calendar


@dataclass
class Database:
    """The database the program works on; `session()` gives a short session per action."""

    path: Path
    engine: Engine
    pre_migration_backup: Path | None = None

    @classmethod
    def open(cls, path: Path, *, create: bool = False, now: datetime) -> "Database":
        """Open (or, with `create`, make) the file, migrate it to head and seed the calendar.

        `now` (the caller's clock) names a pre-migration backup and stamps the calendar seed.
        Raises StorageError for a file that is not a healthy database of this program.
        """
        path = Path(path)
        engine = open_engine(path, create=create)
        try:
            backup = upgrade_database(engine, now=now)
            with session_scope(engine) as session:
                seed_builtin_calendar(session=session, now=now)
        except Exception as exc:
            engine.dispose()
            storage = as_storage_error(exc, str(path))
            if storage is not None and storage is not exc:
                raise storage from exc
            raise
        return cls(path, engine, backup)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A short session; a locked, full or damaged file comes out as StorageError."""
        try:
            with session_scope(self.engine) as session:
                yield session
        except Exception as exc:
            storage = as_storage_error(exc, str(self.path))
            if storage is not None and storage is not exc:
                raise storage from exc
            raise

    def close(self) -> None:
        self.engine.dispose()
