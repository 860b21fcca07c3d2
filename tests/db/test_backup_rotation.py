"""Rotation of the automatic backups (issue 7): 30 daily and 12 monthly copies, a fixed clock."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from desktop_app.db.backup_rotation import (
    parse_backup_name,
    plan_rotation,
    program_backups,
    rotate,
)


def _name(when: datetime, label: str = "auto") -> str:
    return f"fwqz-backup-{when:%Y%m%d-%H%M%S}{'-' + label if label else ''}.sqlite3"


def _touch(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_bytes(b"x")
    return path


FOREIGN = (
    "notes.txt",
    "fwqz-backup-20250102-080000-auto.sqlite3.bak",
    "my-fwqz-backup-20250102-080000-auto.sqlite3",
    "fwqz-backup-2025-01-02-auto.sqlite3",
    "fwqz.sqlite3",
)


def test_a_year_of_working_days_keeps_30_daily_and_12_monthly_copies(tmp_path: Path) -> None:
    """Backups on start (08:00) and exit (17:30) of every working day (Mon–Fri), 2025-06-02 to
    2026-11-23, rotated after each one as the program does."""
    for name in FOREIGN:
        _touch(tmp_path, name)
    manual = _touch(tmp_path, _name(datetime(2025, 6, 3, 12, 0), ""))
    migration = _touch(tmp_path, _name(datetime(2025, 6, 4, 8, 0), "pre-migration"))
    restore = _touch(tmp_path, _name(datetime(2025, 7, 1, 9, 0), "pre-restore"))
    day, last = date(2025, 6, 2), date(2026, 11, 23)
    working_days = []
    while day <= last:
        if day.weekday() < 5:
            working_days.append(day)
            for hour, minute in ((8, 0), (17, 30)):
                made = _touch(tmp_path, _name(datetime.combine(day, datetime.min.time())
                                              .replace(hour=hour, minute=minute)))
                rotate(tmp_path, protect=made)
        day += timedelta(days=1)

    autos = [b for b in program_backups(tmp_path) if b.is_auto]
    daily = {b.made_at for b in autos if b.made_at.hour == 17}
    monthly = {b.made_at for b in autos if b.made_at.hour == 8}
    # daily: the exit copy (the last of the day) of the 30 most recent working days
    assert daily == {datetime.combine(d, datetime.min.time()).replace(hour=17, minute=30)
                     for d in working_days[-30:]}
    # monthly: the start copy (the first of the month) of the first working day of each of
    # the 12 most recent months: 2025-12 … 2026-11
    firsts = {}
    for d in working_days:
        firsts.setdefault((d.year, d.month), d)
    months = sorted(firsts)[-12:]
    assert months[0] == (2025, 12) and months[-1] == (2026, 11)
    assert monthly == {datetime.combine(firsts[m], datetime.min.time()).replace(hour=8) for m in months}
    assert len(autos) == 30 + 12
    # nothing the rotation must not touch was deleted
    for name in FOREIGN:
        assert (tmp_path / name).exists()
    assert manual.exists() and migration.exists() and restore.exists()


def test_the_last_backup_of_a_day_is_its_daily_copy_and_the_first_of_a_month_its_monthly() -> None:
    names = [
        datetime(2026, 10, 30, 8, 0), datetime(2026, 10, 30, 17, 0),  # Oct: first = 10-30 08:00
        datetime(2026, 11, 2, 8, 0), datetime(2026, 11, 2, 12, 0), datetime(2026, 11, 2, 17, 0),
        datetime(2026, 11, 3, 8, 0),
    ]
    backups = [parse_backup_name(Path(_name(n))) for n in names]
    plan = plan_rotation(backups, keep_daily=2, keep_monthly=1)
    assert {p.name for p in plan.daily} == {_name(names[4]), _name(names[5])}
    assert {p.name for p in plan.monthly} == {_name(names[2])}
    assert {p.name for p in plan.delete} == {_name(names[0]), _name(names[1]), _name(names[3])}
    assert plan.kind_of(Path(_name(names[2]))) == "monthly"


def test_days_without_backups_do_not_use_up_daily_slots() -> None:
    # a 3-week holiday between two working periods: still 30 copies kept
    days = [date(2026, 1, 5) + timedelta(days=i) for i in range(20)]
    days += [date(2026, 2, 16) + timedelta(days=i) for i in range(20)]
    backups = [parse_backup_name(Path(_name(datetime.combine(d, datetime.min.time()).replace(hour=17))))
               for d in days]
    plan = plan_rotation(backups)
    assert len(plan.daily) == 30
    assert min(p.name for p in plan.daily) == _name(datetime(2026, 1, 15, 17, 0))


def test_names_the_program_writes_are_recognised() -> None:
    same_second = parse_backup_name(Path("fwqz-backup-20261123-093000-auto-2.sqlite3"))
    assert same_second is not None and same_second.label == "auto" and same_second.seq == 2
    manual = parse_backup_name(Path("fwqz-backup-20261123-093000-3.sqlite3"))
    assert manual is not None and manual.label == "" and manual.seq == 3
    assert parse_backup_name(Path("fwqz-backup-20261123-093000-pre-restore.sqlite3")).label == "pre-restore"
    assert parse_backup_name(Path("fwqz-backup-20261399-093000-auto.sqlite3")) is None  # no such date
    assert parse_backup_name(Path("fwqz-backup-20261123-093000-auto.sqlite3.partial")) is None
