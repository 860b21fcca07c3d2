"""Restoring a damaged database from a backup: checked first, the old file kept."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from desktop_app.db.backup import backup_database, restore_backup
from desktop_app.db.database import Database
from desktop_app.db.services import departments, users
from desktop_app.domain.errors import StorageError

NOW = datetime(2026, 11, 20, 7, 30)  # the data is made, then backed up at 08:00


def _make_db(path: Path) -> None:
    db = Database.open(path, create=True, now=NOW)
    with db.session() as session:
        admin = users.create_first_admin(
            session=session, display_name="王某某", username="admin", password="demo2026", now=NOW)
        departments.create_department(session=session, actor=admin, name="内科", is_clinical=True, now=NOW)
    db.close()


def test_a_damaged_database_is_replaced_by_the_backup_and_kept_aside(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    _make_db(path)
    backup = backup_database(path, tmp_path / "bk", now=datetime(2026, 11, 20, 8, 0))
    with open(path, "r+b") as fh:  # damage every page after the first
        fh.seek(4096)
        fh.write(b"\xff" * 8192)
    with pytest.raises(StorageError):
        Database.open(path, now=NOW)
    kept = restore_backup(backup, path, now=datetime(2026, 11, 23, 9, 0))
    assert kept is not None and kept.exists() and kept.name.endswith("replaced-20261123-090000")
    db = Database.open(path, now=NOW)
    with db.session() as session:
        assert [d.name for d in departments.list_departments(session=session)] == ["内科"]
    db.close()


@pytest.mark.parametrize("content", [b"plain text, not sqlite", None])
def test_a_foreign_file_is_refused_and_nothing_changes(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "d.sqlite3"
    _make_db(path)
    before = path.read_bytes()
    foreign = tmp_path / "other.sqlite3"
    if content is None:  # a healthy SQLite file of some other program
        import sqlite3

        con = sqlite3.connect(foreign)
        con.execute("CREATE TABLE songs (title TEXT)")
        con.commit()
        con.close()
    else:
        foreign.write_bytes(content)
    with pytest.raises(StorageError) as err:
        restore_backup(foreign, path, now=NOW)
    assert "不是本程序" in err.value.message
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.replaced-*"))
