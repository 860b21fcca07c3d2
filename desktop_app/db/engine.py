"""Opening the SQLite file safely (DESIGN §3).

Foreign keys on, WAL, synchronous=FULL and a busy timeout on every
connection. A file that is not an SQLite database, or a damaged one, is
refused with a StorageError and left untouched; a missing file is created
only when the caller says so (first start, demo), never silently.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, create_engine

from desktop_app.domain.errors import StorageError

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def _storage_error_from(exc: BaseException, path: str | None = None) -> StorageError:
    """Translate an sqlite3 error into a StorageError with a Chinese message."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StorageError("数据库正被其他程序占用，请稍后重试。", "locked", path)
    if "readonly" in text or "read-only" in text or "attempt to write a readonly" in text:
        return StorageError("数据库文件是只读的，无法保存修改。", "readonly", path)
    if "disk is full" in text or "database or disk is full" in text:
        return StorageError("磁盘空间已满，无法保存修改。", "full", path)
    if "not a database" in text:
        return StorageError("该文件不是本程序的数据库文件。", "not_database", path)
    if "malformed" in text or "corrupt" in text:
        return StorageError("数据库文件已损坏。", "damaged", path)
    if "unable to open" in text:
        return StorageError("无法打开数据库文件，请检查文件夹是否存在及访问权限。", "io", path)
    return StorageError(f"数据库操作失败：{exc}", "io", path)


def as_storage_error(exc: BaseException, path: str | None = None) -> StorageError | None:
    """The StorageError for a database/disk exception, or None if it is something else."""
    if isinstance(exc, StorageError):
        return exc
    if isinstance(exc, DBAPIError) and isinstance(exc.orig, sqlite3.Error):
        if isinstance(exc.orig, (sqlite3.OperationalError, sqlite3.DatabaseError)) and not isinstance(
            exc.orig, sqlite3.IntegrityError
        ):
            return _storage_error_from(exc.orig, path)
    if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.IntegrityError):
        return _storage_error_from(exc, path)
    if isinstance(exc, OSError):
        return StorageError(f"文件读写失败：{exc.strerror or exc}", "io", path)
    return None


def check_database_file(path: Path) -> None:
    """Refuse a file that is not an SQLite database; never modify it (issue 14: every open).

    Only the header is read, so opening costs the same at one year and at ten; the whole
    file is read by `quick_check_file`, which runs after an abnormal exit, before a
    restore and once a day in the background.
    """
    try:
        with open(path, "rb") as fh:
            header = fh.read(16)
    except PermissionError as exc:
        raise StorageError("没有权限读取数据库文件。", "readonly", str(path)) from exc
    except OSError as exc:
        raise StorageError(f"无法读取数据库文件：{exc.strerror}", "io", str(path)) from exc
    if header != SQLITE_HEADER:
        raise StorageError(
            f"“{path.name}”不是本程序的数据库文件，未做任何改动。", "not_database", str(path)
        )


def quick_check_file(path: Path) -> None:
    """`PRAGMA quick_check` on the whole file, read-only; StorageError("damaged") if it fails."""
    check_database_file(path)
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            rows = con.execute("PRAGMA quick_check").fetchall()
        finally:
            con.close()
    except sqlite3.Error as exc:
        err = _storage_error_from(exc, str(path))
        if err.kind == "io":
            err = StorageError("数据库文件已损坏。", "damaged", str(path))
        raise err from exc
    if rows != [("ok",)]:
        raise StorageError("数据库文件已损坏，完整性检查未通过。", "damaged", str(path))


def _on_connect(dbapi_connection, _record) -> None:
    dbapi_connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    dbapi_connection.execute("PRAGMA foreign_keys=ON")
    dbapi_connection.execute("PRAGMA journal_mode=WAL")
    dbapi_connection.execute("PRAGMA synchronous=FULL")


def open_engine(path: Path, *, create: bool = False) -> Engine:
    """An Engine on the SQLite file at `path`.

    An existing file's header is checked first and the file refused if it is
    not an SQLite database (the whole-file check is `quick_check_file`). A missing file is created only
    with `create=True`; otherwise StorageError(kind="missing").
    """
    path = Path(path)
    if path.exists():
        if path.is_dir():
            raise StorageError(f"“{path}”是文件夹，不是数据库文件。", "not_database", str(path))
        check_database_file(path)
    elif not create:
        raise StorageError(f"数据库文件不存在：{path}", "missing", str(path))
    elif not path.parent.exists():
        raise StorageError(f"数据库所在文件夹不存在：{path.parent}", "io", str(path))
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )
    event.listen(engine, "connect", _on_connect)
    try:
        with engine.connect() as con:
            con.exec_driver_sql("SELECT 1")
    except DBAPIError as exc:
        engine.dispose()
        raise as_storage_error(exc, str(path)) or exc
    return engine


def db_file_of(engine: Engine) -> Path:
    """The file path behind an engine."""
    return Path(engine.url.database or "")


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A short session for one user action; objects stay readable after commit."""
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
