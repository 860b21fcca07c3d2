"""Opening the database file safely, migrations and backups (DESIGN §3)."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest

from desktop_app.db.backup import backup_database, integrity_check, restore_backup
from desktop_app.db.database import Database
from desktop_app.db.engine import check_database_file, quick_check_file
from desktop_app.db.migrate import HEAD_REVISION, current_revision, head_revision
from desktop_app.domain.errors import StorageError

NOW = datetime(2026, 11, 23, 9, 30)
TABLES = {
    "alembic_version", "app_user", "audit_log", "calendar_day", "calendar_year",
    "department", "institution_settings", "staff",
}


def _sqlite(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path)


def _make_db(path: Path) -> None:
    Database.open(path, create=True, now=NOW).close()


def test_migration_from_empty_creates_every_table_and_stamps_head(db, db_path):
    with closing(_sqlite(db_path)) as con:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        stamped = con.execute("SELECT version_num FROM alembic_version").fetchall()
    assert TABLES <= tables
    assert stamped == [(head_revision(),)]
    assert current_revision(db.engine) == head_revision()
    assert db.pre_migration_backup is None
    assert integrity_check(db_path) == ["ok"]


def test_every_connection_has_the_safety_pragmas(db):
    with db.engine.connect() as con:
        pragma = lambda name: con.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("foreign_keys") == 1
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("busy_timeout") > 0


def test_foreign_keys_are_enforced(db):
    with db.engine.connect() as con:
        with pytest.raises(Exception, match="FOREIGN KEY"):
            con.exec_driver_sql(
                "INSERT INTO staff (name, department_id, roles, phone, active) "
                "VALUES ('张某某', 999, '', '', 1)"
            )


def test_a_text_file_named_sqlite3_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("这不是数据库\n只是一份笔记\n" * 50, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(StorageError) as info:
        Database.open(path, now=NOW)
    assert info.value.kind == "not_database"
    assert "notes.sqlite3" in info.value.message
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite3"]


def test_a_damaged_database_is_refused_untouched(tmp_path):
    path = tmp_path / "damaged.sqlite3"
    _make_db(path)
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    assert len(data) >= 3 * page_size, "test needs a database of several pages"
    for i in range(page_size, len(data)):  # keep page 1 (the header), wreck the rest
        data[i] = (i * 7 + 13) & 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(StorageError) as info:
        Database.open(path, now=NOW)
    assert info.value.kind == "damaged"
    assert path.read_bytes() == bytes(data)


def test_a_missing_file_is_not_created_without_create(tmp_path):
    path = tmp_path / "nowhere.sqlite3"
    with pytest.raises(StorageError) as info:
        Database.open(path, now=NOW)
    assert info.value.kind == "missing"
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_refused_even_with_create(tmp_path):
    with pytest.raises(StorageError):
        Database.open(tmp_path / "no" / "such" / "t.sqlite3", create=True, now=NOW)
    assert list(tmp_path.iterdir()) == []


def test_a_database_from_a_newer_program_is_refused(tmp_path):
    path = tmp_path / "newer.sqlite3"
    _make_db(path)
    with closing(_sqlite(path)) as con:
        con.execute("UPDATE alembic_version SET version_num='9999'")
        con.commit()
    before = path.read_bytes()
    with pytest.raises(StorageError) as info:
        Database.open(path, now=NOW)
    assert info.value.kind == "newer_schema"
    assert path.read_bytes() == before
    assert not (tmp_path / "backups").exists()
    with closing(_sqlite(path)) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [("9999",)]


def test_reopening_a_database_at_head_takes_no_backup_and_keeps_data(tmp_path):
    path = tmp_path / "t.sqlite3"
    _make_db(path)
    with closing(_sqlite(path)) as con:
        con.execute("INSERT INTO department (name, is_clinical, phone, active, sort_order) "
                    "VALUES ('内科', 1, '', 1, 1)")
        con.commit()
    again = Database.open(path, now=NOW)
    try:
        assert again.pre_migration_backup is None
        with again.engine.connect() as con:
            assert con.exec_driver_sql("SELECT name FROM department").scalars().all() == ["内科"]
    finally:
        again.close()
    assert not (tmp_path / "backups").exists()


def _wal_writer(path: Path, rows: int) -> sqlite3.Connection:
    """A connection that commits rows into the WAL and never checkpoints them."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_autocheckpoint=0")
    assert con.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    for i in range(rows):
        con.execute("INSERT INTO department (name, is_clinical, phone, active, sort_order) "
                    "VALUES (?, 0, '', 1, ?)", (f"科室{i}", i))
    con.commit()
    return con


def test_backup_contains_rows_still_in_the_wal(tmp_path):
    path = tmp_path / "t.sqlite3"
    _make_db(path)
    writer = _wal_writer(path, 25)
    try:
        # A plain copy of the main file alone would lose them: they live in the WAL.
        shutil.copyfile(path, tmp_path / "plain.sqlite3")
        with closing(_sqlite(tmp_path / "plain.sqlite3")) as plain:
            assert plain.execute("SELECT count(*) FROM department").fetchone() == (0,)
        target = backup_database(path, tmp_path / "backups", now=datetime(2026, 11, 23, 9, 30))
    finally:
        writer.close()
    assert target.parent == tmp_path / "backups"
    assert target.name == "fwqz-backup-20261123-093000.sqlite3"
    with closing(_sqlite(target)) as copy:
        assert copy.execute("SELECT count(*) FROM department").fetchone() == (25,)
    assert integrity_check(target) == ["ok"]


def test_two_backups_in_the_same_second_do_not_overwrite_each_other(tmp_path, now):
    path = tmp_path / "t.sqlite3"
    _make_db(path)
    first = backup_database(path, tmp_path / "b", now=now)
    second = backup_database(path, tmp_path / "b", now=now)
    assert first != second
    assert first.exists() and second.exists()


def test_backup_creates_a_missing_nested_folder(tmp_path, now):
    path = tmp_path / "t.sqlite3"
    _make_db(path)
    dest = tmp_path / "u盘" / "备份" / "2026"
    target = backup_database(path, dest, now=now, label="manual")
    assert target.parent == dest
    assert target.name.endswith("-manual.sqlite3")
    assert integrity_check(target) == ["ok"]


def test_backup_to_an_impossible_folder_raises_storage_error(tmp_path, now):
    path = tmp_path / "t.sqlite3"
    _make_db(path)
    blocker = tmp_path / "afile"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError) as info:
        backup_database(path, blocker / "sub", now=now)
    assert info.value.message
    assert blocker.read_text() == "not a folder"


def test_the_head_the_program_compares_with_is_alembics_head():
    """A new migration without a new HEAD_REVISION would be skipped at open: this fails first."""
    assert HEAD_REVISION == head_revision()


def test_opening_a_database_at_head_does_not_load_alembic(tmp_path):
    """Issue 14: Alembic (with mako and pygments) is imported only when there is work for it."""
    path = tmp_path / "fwqz.sqlite3"
    _make_db(path)
    probe = (
        "import sys; from datetime import datetime; from pathlib import Path\n"
        "from desktop_app.db.database import Database\n"
        f"Database.open(Path({str(path)!r}), now=datetime(2026, 11, 23, 9, 30)).close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako')))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[2]).stdout
    assert out.strip() == "[]"


def test_the_whole_file_check_finds_damage_the_header_check_lets_through(tmp_path):
    """Every open reads the header only; quick_check_file reads every page."""
    path = tmp_path / "fwqz.sqlite3"
    _make_db(path)
    with closing(_sqlite(path)) as con:
        con.execute("CREATE TABLE filler (x TEXT)")
        con.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,) for _ in range(400)])
        con.commit()
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _damage_inside(path)
    check_database_file(path)  # the header is still SQLite's
    with pytest.raises(StorageError) as err:
        quick_check_file(path)
    assert err.value.kind == "damaged"


def _damage_inside(path: Path) -> None:
    """Flip bytes in the last pages: the header stays SQLite's, the file is not healthy."""
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(len(data) - 3 * page, len(data) - page, 97):
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))


def test_a_backup_damaged_inside_is_checked_whole_and_refused_before_a_restore(tmp_path):
    """Issue 14: opening reads the header only, so the restore reads the whole backup first."""
    path, backup = tmp_path / "fwqz.sqlite3", tmp_path / "backup.sqlite3"
    _make_db(path)
    _make_db(backup)
    with closing(_sqlite(backup)) as con:
        con.execute("CREATE TABLE filler (x TEXT)")
        con.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,) for _ in range(400)])
        con.commit()
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _damage_inside(backup)
    before = path.read_bytes()
    with pytest.raises(StorageError):
        restore_backup(backup, path, now=NOW)
    assert path.read_bytes() == before and not list(tmp_path.glob("*.replaced-*"))
