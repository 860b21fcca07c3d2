"""Database files built once per test run and copied for each test (not a test module).

Creating a database runs every Alembic migration (about a second) and the demo
fill takes seconds more; a test only needs the resulting file. `Templates`
builds each distinct file once, in a folder the xdist workers of one run share
(the first worker to need it builds it, the others wait for it), and copies it
to the test's own path. Opening a copy with `Database.open(copy, now=now)` finds
the schema at head and the calendar seeded, so it migrates and seeds nothing:
the test starts from exactly what `Database.open(path, create=True, now=now)`
(and `fill_demo`) would have left (tests/test_db_templates.py checks this).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sqlite3
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from desktop_app.db.database import Database
from desktop_app.db.services import users
from desktop_app.db.tx import Actor
from desktop_app.demo.fill import fill_demo
from tests.support.db import cheap_hasher

DB_NAME = "template.sqlite3"
WAIT_SECONDS = 600  # another worker's build of a template (the demo takes ~15 s on a busy machine)


class Templates:
    """Template files in `folder`, one per key, each with the value its build returned."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def copy(self, key: str, build: Callable[[Path], Any], dest: Path) -> Any:
        """Copy the template of `key` (built by `build(path)` if missing) to `dest`, with the
        files the build left beside it (the demo's photos/); returns the build's value."""
        folder, value = self._template(key, build)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(folder / DB_NAME, dest)
        for entry in folder.iterdir():
            if entry.name == DB_NAME:
                continue
            if entry.is_dir():
                shutil.copytree(entry, dest.parent / entry.name, dirs_exist_ok=True)
            else:
                shutil.copyfile(entry, dest.parent / entry.name)
        return value

    def _template(self, key: str, build: Callable[[Path], Any]) -> tuple[Path, Any]:
        name = hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
        target = self.folder / name  # the database file DB_NAME and what was written beside it
        meta = self.folder / f"{name}.pickle"  # written last: its presence means "ready"
        lock = self.folder / f"{name}.lock"
        deadline = time.monotonic() + WAIT_SECONDS
        while not meta.exists():
            try:
                fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:  # another worker builds it
                if time.monotonic() > deadline:
                    raise TimeoutError(f"database template {key!r} not built in time") from None
                time.sleep(0.1)
                continue
            try:
                if not meta.exists():
                    self._build(build, target, meta)
            finally:
                os.close(fd)
                lock.unlink()  # a failed build lets the next test try again
        return target, pickle.loads(meta.read_bytes())

    def _build(self, build: Callable[[Path], Any], target: Path, meta: Path) -> None:
        scratch = self.folder / f"{target.name}.{os.getpid()}.building"
        shutil.rmtree(scratch, ignore_errors=True)
        scratch.mkdir()
        with pytest.MonkeyPatch.context() as mp:  # whichever test builds it: the same hashes
            mp.setattr(users, "_hasher", cheap_hasher())
            value = build(scratch / DB_NAME)
        _settle(scratch / DB_NAME)
        os.replace(scratch, target)
        scratch_meta = meta.with_suffix(f".{os.getpid()}.part")
        scratch_meta.write_bytes(pickle.dumps(value))
        os.replace(scratch_meta, meta)


def _settle(path: Path) -> None:
    """Everything in the main file: the write-ahead log checkpointed and gone (all closed)."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    for suffix in ("-wal", "-shm"):
        side = Path(f"{path}{suffix}")
        if side.exists() and side.stat().st_size:
            raise RuntimeError(f"{side} still holds data: a connection was left open")
        side.unlink(missing_ok=True)


def build_migrated(path: Path, *, now: datetime) -> None:
    """A new database at `path`, as `Database.open(create=True)` makes it."""
    Database.open(path, create=True, now=now).close()


def build_demo(path: Path, *, now: datetime, today: date, opened_at: datetime | None = None,
               **options: bool) -> Actor:
    """A new database (made at `opened_at`, default `now`) filled by `fill_demo` as the CLI's
    `demo` does; returns the admin."""
    db = Database.open(path, create=True, now=opened_at or now)
    try:
        with db.session() as session:
            return fill_demo(session=session, now=now, today=today, **options)
    finally:
        db.close()


def migrated_copy(templates: Templates, path: Path, now: datetime) -> Path:
    """`path` holding a new, migrated and seeded database made at `now`."""
    templates.copy(f"migrated|{now.isoformat()}", lambda p: build_migrated(p, now=now), path)
    return path


def demo_copy(templates: Templates, path: Path, *, now: datetime, today: date | None = None,
              opened_at: datetime | None = None, **options: bool) -> Actor:
    """`path` holding a database made at `opened_at` (default `now`) and filled by
    `fill_demo(now=, today=, **options)`; returns the admin."""
    today = today if today is not None else now.date()
    opened_at = opened_at or now
    key = (f"demo|{opened_at.isoformat()}|{now.isoformat()}|{today.isoformat()}|"
           f"{sorted(options.items())}")
    return templates.copy(key, lambda p: build_demo(p, now=now, today=today, opened_at=opened_at,
                                                    **options), path)
