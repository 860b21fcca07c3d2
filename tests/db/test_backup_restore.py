"""Restoring a backup (issue 7): checked first, the current data backed up, photos back too."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest

from desktop_app.db import backup as backup_mod
from desktop_app.db.backup import automatic_backup, check_backup_file, restore_database
from desktop_app.db.database import Database
from desktop_app.db.services import departments, users
from desktop_app.domain.errors import StorageError

MORNING = datetime(2026, 11, 23, 8, 0)
NOON = datetime(2026, 11, 23, 12, 0)


def _make_db(path: Path) -> None:
    db = Database.open(path, create=True, now=MORNING)
    with db.session() as session:
        admin = users.create_first_admin(
            session=session, display_name="王某某", username="admin", password="demo2026", now=MORNING)
        departments.create_department(session=session, actor=admin, name="内科", is_clinical=True,
                                      now=MORNING)
    db.close()


def _add_department(path: Path, name: str) -> None:
    db = Database.open(path, now=MORNING)
    with db.session() as session:
        admin = users.authenticate(session=session, username="admin", password="demo2026", now=MORNING)
        departments.create_department(session=session, actor=admin, name=name, is_clinical=True,
                                      now=MORNING)
    db.close()


def _department_names(path: Path) -> list[str]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
        return [r[0] for r in con.execute("SELECT name FROM department ORDER BY id")]


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path]:
    path = tmp_path / "data" / "fwqz.sqlite3"
    path.parent.mkdir()
    _make_db(path)
    (path.parent / "photos").mkdir()
    (path.parent / "photos" / "aaa.png").write_bytes(b"\x89PNG one")
    good = automatic_backup(path, path.parent / "backups", now=MORNING).path
    _add_department(path, "外科")
    return path, good


def test_a_good_backup_is_restored_after_the_current_data_is_backed_up(setup) -> None:
    path, good = setup
    (path.parent / "photos" / "aaa.png").unlink()  # lost since the backup
    outcome = restore_database(good, path, now=NOON)
    assert _department_names(path) == ["内科"]
    assert outcome.pre_restore == path.parent / "backups" / "fwqz-backup-20261123-120000-pre-restore.sqlite3"
    assert _department_names(outcome.pre_restore) == ["内科", "外科"]  # what was there before
    assert outcome.kept is not None and outcome.kept.exists()
    assert outcome.photos_copied == 1 and (path.parent / "photos" / "aaa.png").exists()
    assert outcome.photos_missing == 0
    db = Database.open(path, now=NOON)  # opens as usual
    db.close()


def _unchanged(path: Path, before: bytes) -> None:
    assert path.read_bytes() == before
    assert not list(path.parent.glob("*.replaced-*"))
    assert not list((path.parent / "backups").glob("*pre-restore*"))


def test_a_damaged_backup_is_refused(setup) -> None:
    path, good = setup
    damaged = path.parent / "damaged.sqlite3"
    data = bytearray(good.read_bytes())
    data[4096:4096 + 8192] = b"\xff" * 8192
    damaged.write_bytes(bytes(data))
    before = path.read_bytes()
    with pytest.raises(StorageError) as err:
        restore_database(damaged, path, now=NOON)
    assert err.value.kind == "damaged" and "已损坏" in err.value.message
    assert "未做任何改动" in err.value.message
    _unchanged(path, before)


@pytest.mark.parametrize("content", [b"plain text, not sqlite", None])
def test_a_foreign_file_is_refused(setup, content: bytes | None) -> None:
    path, _good = setup
    foreign = path.parent / "music.sqlite3"
    if content is None:
        with closing(sqlite3.connect(foreign)) as con:
            con.execute("CREATE TABLE songs (title TEXT)")
            con.commit()
    else:
        foreign.write_bytes(content)
    before = path.read_bytes()
    with pytest.raises(StorageError) as err:
        restore_database(foreign, path, now=NOON)
    assert err.value.kind == "not_database" and "不是本程序的备份" in err.value.message
    _unchanged(path, before)


def test_a_backup_from_a_newer_program_is_refused(setup) -> None:
    path, good = setup
    newer = path.parent / "newer.sqlite3"
    newer.write_bytes(good.read_bytes())
    with closing(sqlite3.connect(newer)) as con:
        con.execute("UPDATE alembic_version SET version_num = '0099'")
        con.commit()
    before = path.read_bytes()
    with pytest.raises(StorageError) as err:
        restore_database(newer, path, now=NOON)
    assert err.value.kind == "newer_schema" and "更新版本" in err.value.message
    _unchanged(path, before)


def test_an_older_backup_is_accepted(setup) -> None:
    _path, good = setup
    with closing(sqlite3.connect(good)) as con:
        con.execute("UPDATE alembic_version SET version_num = '0003'")
        con.commit()
    assert check_backup_file(good) == "0003"


def test_when_the_pre_restore_backup_fails_nothing_is_replaced(setup, monkeypatch) -> None:
    path, good = setup

    def full(source, target):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup_mod, "sqlite_copy", full)
    before = path.read_bytes()
    with pytest.raises(StorageError) as err:
        restore_database(good, path, now=NOON)
    assert "恢复前无法先备份当前数据" in err.value.message and err.value.kind == "full"
    _unchanged(path, before)


def test_a_full_disk_while_copying_the_backup_in_leaves_the_current_file(setup, monkeypatch) -> None:
    path, good = setup
    real = backup_mod.sqlite_copy

    def full_on_restore(source, target):
        if str(target).endswith(".restoring"):
            Path(target).write_bytes(b"partial")
            raise sqlite3.OperationalError("database or disk is full")
        real(source, target)

    monkeypatch.setattr(backup_mod, "sqlite_copy", full_on_restore)
    with pytest.raises(StorageError) as err:
        restore_database(good, path, now=NOON)
    assert err.value.kind == "full"
    assert _department_names(path) == ["内科", "外科"]
    assert not list(path.parent.glob("*.restoring*")) and not list(path.parent.glob("*.replaced-*"))


def test_the_database_cannot_be_restored_from_itself(setup) -> None:
    path, _good = setup
    with pytest.raises(StorageError):
        restore_database(path, path, now=NOON)
