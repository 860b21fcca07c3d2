"""One instance per database: real processes hold the database, a second start is refused."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile

from desktop_app.app.single_instance import Claim, SingleInstance, database_in_use, instance_key

ROOT = Path(__file__).resolve().parents[2]

# A tiny program holding the instance: prints its claim, then "activated" on each request.
HOLDER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication, QTimer
    from desktop_app.paths import log_dir
    from desktop_app.app.single_instance import Claim, SingleInstance

    app = QCoreApplication(sys.argv)
    db, lock_dir, mode = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    instance = SingleInstance(db, log_dir() if lock_dir == "-" else Path(lock_dir))
    claim = instance.claim()
    print(claim.value, flush=True)
    if claim is Claim.primary and mode != "exit":
        def on_activated():
            print("activated", flush=True)
            if mode == "quit-on-activate":
                app.quit()
        instance.activated.connect(on_activated)
        QTimer.singleShot(30_000, app.quit)  # never outlive the test
        app.exec()
    instance.release()
""")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The child processes' environment: offscreen Qt, data and log folders under tmp_path."""
    result = dict(os.environ)
    result.update({
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
        "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
        "XDG_STATE_HOME": str(tmp_path / "xdg-state"),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"),
        "XDG_CACHE_HOME": str(tmp_path / "xdg-cache"),
    })
    return result


@pytest.fixture
def holder_script(tmp_path: Path) -> Path:
    path = tmp_path / "holder.py"
    path.write_text(HOLDER, encoding="utf-8")
    return path


class Holder:
    """A child process holding (or trying to hold) the instance for a database."""

    def __init__(self, script: Path, db: Path, lock_dir: Path | str, mode: str, env: dict) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(script), str(db), str(lock_dir), mode],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for text in self.proc.stdout:
            self._lines.put(text)
        self._lines.put(None)

    def line(self, timeout: float = 20) -> str:
        """The next line the child prints (fails the test rather than hang)."""
        try:
            text = self._lines.get(timeout=timeout)
        except queue.Empty:
            text = None
        if text is None:
            raise AssertionError(f"no output from the child; stderr: {self.stop()}")
        return text.strip()

    def wait(self, timeout: float = 20) -> int:
        return self.proc.wait(timeout=timeout)

    def stop(self) -> str:
        if self.proc.stderr.closed:
            return ""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=10)
        self._reader.join(timeout=10)
        err = self.proc.stderr.read()
        self.proc.stdout.close()
        self.proc.stderr.close()
        return err


@pytest.fixture
def holders():
    started: list[Holder] = []
    yield started
    for holder in started:
        holder.stop()


def start(holders: list, *args) -> Holder:
    holder = Holder(*args)
    holders.append(holder)
    return holder


def test_second_process_is_refused_and_the_first_is_activated(tmp_path, env, holder_script, holders):
    db, locks = tmp_path / "data" / "fwqz.sqlite3", tmp_path / "locks"
    db.parent.mkdir()
    first = start(holders, holder_script, db, locks, "quit-on-activate", env)
    assert first.line() == "primary"
    # the same file spelled differently is still the same database
    other_spelling = tmp_path / "data" / ".." / "data" / "fwqz.sqlite3"
    second = start(holders, holder_script, other_spelling, locks, "exit", env)
    assert second.line() == "activated"
    assert second.wait() == 0
    assert first.line() == "activated"
    assert first.wait() == 0


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL: POSIX only")
def test_a_crashed_instance_does_not_block_the_next_start(tmp_path, env, holder_script, holders):
    db, locks = tmp_path / "fwqz.sqlite3", tmp_path / "locks"
    first = start(holders, holder_script, db, locks, "hold", env)
    assert first.line() == "primary"
    first.proc.send_signal(signal.SIGKILL)
    first.wait()
    assert (locks / f"{instance_key(db)}.lock").exists()  # left behind by the crash
    second = start(holders, holder_script, db, locks, "hold", env)
    assert second.line() == "primary"
    third = start(holders, holder_script, db, locks, "exit", env)  # and the new one answers
    assert third.line() == "activated"
    assert second.line() == "activated"


def test_different_databases_run_side_by_side(tmp_path, env, holder_script, holders):
    locks = tmp_path / "locks"
    first = start(holders, holder_script, tmp_path / "a.sqlite3", locks, "hold", env)
    assert first.line() == "primary"
    second = start(holders, holder_script, tmp_path / "b.sqlite3", locks, "hold", env)
    assert second.line() == "primary"
    assert database_in_use(tmp_path / "a.sqlite3", locks) and database_in_use(tmp_path / "b.sqlite3", locks)
    assert not database_in_use(tmp_path / "c.sqlite3", locks)
    first.proc.kill()
    first.wait()
    assert not database_in_use(tmp_path / "a.sqlite3", locks)  # a dead holder does not count


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders: Linux")
def test_the_real_program_refuses_a_second_start_and_activates_the_first(tmp_path, env, holder_script,
                                                                           holders):
    """`python -m desktop_app --db X` while X is held: exits 0 at once, the holder is asked to show."""
    db = tmp_path / "fwqz.sqlite3"
    first = start(holders, holder_script, db, "-", "quit-on-activate", env)  # lock in the log folder
    assert first.line() == "primary"
    started = time.monotonic()
    second = subprocess.run([sys.executable, "-m", "desktop_app", "--db", str(db)], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert second.returncode == 0, second.stderr
    assert first.line() == "activated"
    assert not db.exists()  # the second start opened (created) nothing
    assert time.monotonic() - started < 30


def test_a_holder_that_does_not_answer_means_already_running(tmp_path, qapp):
    db, locks = tmp_path / "fwqz.sqlite3", tmp_path / "locks"
    locks.mkdir()
    held = QLockFile(str(locks / f"{instance_key(db)}.lock"))
    held.setStaleLockTime(0)
    assert held.tryLock(0)
    try:
        assert SingleInstance(db, locks).claim() is Claim.running
    finally:
        held.unlock()
    instance = SingleInstance(db, locks)
    assert instance.claim() is Claim.primary
    instance.release()
    assert not (locks / f"{instance_key(db)}.lock").exists()


def test_the_key_depends_on_the_file_not_its_spelling(tmp_path):
    assert instance_key(tmp_path / "a.sqlite3") == instance_key(tmp_path / "x" / ".." / "a.sqlite3")
    assert instance_key(tmp_path / "a.sqlite3") != instance_key(tmp_path / "b.sqlite3")
