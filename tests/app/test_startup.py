"""The login window first (issue 14): nothing heavy is imported before it shows, and the
database opened meanwhile on a worker thread serves the login the user types."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.app import gui
from desktop_app.app.opening import Opening
from desktop_app.clock import Clock
from desktop_app.db.database import Database
from desktop_app.db.services import users
from desktop_app.ui.login import LoginDialog

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 23, 9, 30)
CLOCK = Clock.fixed(NOW)
HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "reportlab", "desktop_app.db.models",
         "desktop_app.ui.main_window", "desktop_app.ui.complaints", "desktop_app.ui.followups",
         "desktop_app.ui.inspections", "desktop_app.ui.satisfaction", "desktop_app.ui.settings")

# The real program, stopped the moment its login window is first shown: the modules loaded by then.
AT_FIRST_SHOW = """
import json, os, sys
from desktop_app.ui.login import LoginDialog
def show(self, event):
    print(json.dumps(sorted(sys.modules)), flush=True)
    os._exit(0)
LoginDialog.showEvent = show
from desktop_app.app.cli import main
sys.exit(main())
"""


def _with_admin(path: Path, fresh_db_file) -> Path:
    db = Database.open(fresh_db_file(path, NOW), now=NOW)
    with db.session() as session:
        users.create_first_admin(session=session, display_name="王某某", username="admin",
                                 password="zhuren2026", now=NOW)
    db.close()
    return path


def test_the_login_window_shows_before_anything_heavy_is_imported(tmp_path, fresh_db_file) -> None:
    path = _with_admin(tmp_path / "fwqz.sqlite3", fresh_db_file)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               XDG_DATA_HOME=str(tmp_path / "xdg-data"), XDG_STATE_HOME=str(tmp_path / "xdg-state"))
    done = subprocess.run([sys.executable, "-c", AT_FIRST_SHOW, "--db", str(path)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert "desktop_app.ui.login" in loaded  # the report is from the login window
    assert [m for m in loaded if any(m == h or m.startswith(h + ".") for h in HEAVY)] == []


def test_the_password_typed_in_the_first_window_logs_in(tmp_path, fresh_db_file, qtbot) -> None:
    path = _with_admin(tmp_path / "fwqz.sqlite3", fresh_db_file)
    opening = Opening(path, clock=CLOCK, previous=None)

    def type_password() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, LoginDialog))
        dialog.username_edit.setText("admin")
        dialog.password_edit.setText("zhuren2026")
        dialog._on_accept()

    QTimer.singleShot(0, type_password)
    outcome, actor = gui.ask_login(opening, path, CLOCK)
    assert outcome is gui.Outcome.logged_in and actor.username == "admin"
    opening.prepared.db.close()


def test_a_file_without_users_turns_the_login_into_the_first_run(tmp_path, fresh_db_file, qtbot) -> None:
    path = fresh_db_file(tmp_path / "fwqz.sqlite3", NOW)
    opening = Opening(path, clock=CLOCK, previous=None)
    outcome, actor = gui.ask_login(opening, path, CLOCK)  # the window closes by itself
    assert outcome is gui.Outcome.first_run and actor is None
    opening.prepared.db.close()


def test_a_damaged_file_ends_the_login_for_the_calm_dialogs(tmp_path, qtbot) -> None:
    path = tmp_path / "fwqz.sqlite3"
    path.write_bytes(b"not a database at all" * 100)
    opening = Opening(path, clock=CLOCK, previous=None)
    outcome, _ = gui.ask_login(opening, path, CLOCK)
    assert outcome is gui.Outcome.open_failed and opening.error.kind == "not_database"
