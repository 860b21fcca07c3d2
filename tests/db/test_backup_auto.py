"""Automatic backups (issue 7): WAL contents copied, photos included, faults leave no half copy."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest

from desktop_app.db import backup as backup_mod
from desktop_app.db.backup import (
    automatic_backup,
    backup_database,
    configured_backup_dir,
    default_backup_dir,
)
from desktop_app.db.services import departments, settings
from desktop_app.domain.errors import StorageError, ValidationError

NOW = datetime(2026, 11, 23, 9, 30)


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_the_copy_has_what_is_still_in_the_wal(db, db_path, admin) -> None:
    with db.engine.connect() as con:  # no checkpoint: what follows stays in the -wal file
        con.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
    with db.session() as session:
        departments.create_department(session=session, actor=admin, name="内科", is_clinical=True, now=NOW)
    wal = Path(f"{db_path}-wal")
    assert wal.exists() and wal.stat().st_size > 0
    outcome = automatic_backup(db_path, tmp := db_path.parent / "backups", now=NOW)
    assert outcome.path == tmp / "fwqz-backup-20261123-093000-auto.sqlite3"
    with closing(sqlite3.connect(f"file:{outcome.path}?mode=ro", uri=True)) as con:
        assert con.execute("SELECT name FROM department").fetchall() == [("内科",)]
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_photos_are_copied_once(db, db_path) -> None:
    photos = db_path.parent / "photos"
    photos.mkdir()
    (photos / "aaa.png").write_bytes(b"\x89PNG one")
    (photos / "bbb.jpg").write_bytes(b"\xff\xd8 two")
    (photos / "ccc.png.123.tmp").write_bytes(b"half written")
    folder = db_path.parent / "bk"
    first = automatic_backup(db_path, folder, now=NOW)
    assert first.photos_copied == 2
    assert _names(folder / "photos") == ["aaa.png", "bbb.jpg"]
    (photos / "ddd.png").write_bytes(b"\x89PNG three")
    second = automatic_backup(db_path, folder, now=datetime(2026, 11, 23, 17, 0))
    assert second.photos_copied == 1
    assert (folder / "photos" / "ddd.png").read_bytes() == b"\x89PNG three"


def test_a_full_disk_gives_a_chinese_message_and_no_half_copy(db, db_path, monkeypatch) -> None:
    def full(source, target):
        Path(target).write_bytes(b"partial")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup_mod, "sqlite_copy", full)
    before = db_path.read_bytes()
    folder = db_path.parent / "bk"
    with pytest.raises(StorageError) as err:
        automatic_backup(db_path, folder, now=NOW)
    assert err.value.kind == "full" and "磁盘空间已满" in err.value.message
    assert _names(folder) == []
    assert db_path.read_bytes() == before


def test_a_read_only_folder_is_reported(db, db_path, monkeypatch) -> None:
    def readonly(source, target):
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(backup_mod, "sqlite_copy", readonly)
    with pytest.raises(StorageError) as err:
        automatic_backup(db_path, db_path.parent / "bk", now=NOW)
    assert err.value.kind == "readonly" and "只读" in err.value.message


def test_a_set_folder_that_is_missing_is_not_created(db, db_path) -> None:
    usb = db_path.parent / "E-drive" / "备份"
    with pytest.raises(StorageError) as err:
        automatic_backup(db_path, usb, now=NOW, create_folder=False)
    assert err.value.kind == "missing" and "备份文件夹不存在" in err.value.message
    assert not usb.parent.exists()


def test_when_photos_cannot_be_copied_the_database_copy_is_removed_too(db, db_path, monkeypatch) -> None:
    (db_path.parent / "photos").mkdir()
    (db_path.parent / "photos" / "aaa.png").write_bytes(b"\x89PNG")

    def no_space(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup_mod.shutil, "copyfile", no_space)
    folder = db_path.parent / "bk"
    with pytest.raises(StorageError) as err:
        automatic_backup(db_path, folder, now=NOW)
    assert err.value.kind == "full"
    assert not list(folder.glob("*.sqlite3*")) and not list(folder.glob("photos/*"))


def test_a_partial_copy_left_by_a_power_cut_is_cleared(db, db_path) -> None:
    folder = db_path.parent / "bk"
    folder.mkdir()
    stale = folder / "fwqz-backup-20261120-173000-auto.sqlite3.partial"
    stale.write_bytes(b"half")
    other = folder / "somebody-elses.partial"
    other.write_bytes(b"x")
    backup_database(db_path, folder, now=NOW, label="auto")
    assert not stale.exists() and other.exists()


def test_the_backup_folder_is_a_setting_with_the_default_beside_the_database(db, db_path, admin,
                                                                             tmp_path) -> None:
    assert configured_backup_dir(db_path) == (default_backup_dir(db_path), True)
    assert default_backup_dir(db_path) == db_path.parent.resolve() / "backups"
    usb = tmp_path / "usb"
    with db.session() as session:
        settings.update_settings(session=session, actor=admin, values={"backup_folder": f" {usb} "},
                                 now=NOW)
    assert configured_backup_dir(db_path) == (usb, False)
    with db.session() as session, pytest.raises(ValidationError) as err:
        settings.update_settings(session=session, actor=admin, values={"backup_folder": "备份"}, now=NOW)
    assert err.value.field == "backup_folder" and "完整的文件夹路径" in err.value.message
    assert settings.clean_backup_folder(r"\\server\share\服务办") == r"\\server\share\服务办"
    assert settings.clean_backup_folder(r"E:\备份") == r"E:\备份"


def test_the_pre_migration_backup_goes_to_the_set_folder_when_it_can_be_reached(
        db, db_path, admin, tmp_path) -> None:
    from desktop_app.db.migrate import _pre_migration_folder

    usb = tmp_path / "U盘备份"
    with db.session() as session:
        settings.update_settings(session=session, actor=admin, values={"backup_folder": str(usb)},
                                 now=NOW)
    assert _pre_migration_folder(db_path) == default_backup_dir(db_path)  # drive not plugged in
    usb.mkdir()
    assert _pre_migration_folder(db_path) == usb
