"""One running program per database file.

A second start on the same database must not open the file twice: it asks the
running program to bring its window to the front and ends. Two pieces:

* a lock file (`QLockFile`: holds the pid, host and a native file lock) in the
  user's log folder decides who runs. A lock left behind by a crashed program is
  stale (its process is gone) and is taken over; age alone never makes a lock
  stale (`setStaleLockTime(0)`), so a program left open for days keeps it.
* a local server (`QLocalServer`: a named pipe on Windows, a socket file
  elsewhere) lets the second start tell the first one "activate". A socket file
  left behind by a crash is removed before listening (only the lock holder may).

Both are named from a hash of the resolved database path and the user name, so
different databases (and different Windows users) run side by side.
"""

from __future__ import annotations

import enum
import getpass
import hashlib
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger("desktop_app.app.single_instance")

ACTIVATE = b"activate\n"
ACK = b"ok\n"
CONNECT_TIMEOUT_MS = 1000
ANSWER_TIMEOUT_MS = 3000


class Claim(enum.Enum):
    """What `SingleInstance.claim()` found."""

    primary = "primary"  # this process runs the database
    activated = "activated"  # another process runs it and brought its window to the front
    running = "running"  # another process runs it but did not answer


def instance_key(db_path: Path) -> str:
    """A short name for the database file: same file (however spelled) -> same key."""
    resolved = os.path.normcase(str(Path(db_path).expanduser().resolve()))
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 (no user name: the path alone still works)
        user = ""
    digest = hashlib.sha256(f"{user}\n{resolved}".encode("utf-8")).hexdigest()
    return f"fwqz-{digest[:24]}"


def _allow_foreground_switch() -> None:
    """Windows only lets the foreground process hand over the focus: allow it."""
    if sys.platform == "win32":  # pragma: no cover - Windows
        try:
            import ctypes

            ctypes.windll.user32.AllowSetForegroundWindow(-1)  # ASFW_ANY
        except Exception:  # noqa: BLE001 (best effort: the window still gets raised)
            pass


def ask_running_to_activate(name: str) -> bool:
    """Connect to a running instance and ask it to show its window; True once it said so."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    try:
        _allow_foreground_switch()
        socket.write(ACTIVATE)
        if not socket.waitForBytesWritten(CONNECT_TIMEOUT_MS):
            return False
        answer = b""
        while not answer.endswith(b"\n") and socket.waitForReadyRead(ANSWER_TIMEOUT_MS):
            answer += bytes(socket.readAll().data())
        return answer == ACK
    finally:
        socket.disconnectFromServer()


class SingleInstance(QObject):
    """Claims the database for this process; `activated` fires when a second start asks.

    `lock_dir` is where the lock file goes (the user's log folder in the
    program; a temporary folder in tests). Call `release()` on exit (the
    operating system releases both anyway when the process ends).
    """

    activated = Signal()

    def __init__(self, db_path: Path, lock_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = instance_key(db_path)
        self.lock_path = Path(lock_dir) / f"{self.name}.lock"
        self._lock: QLockFile | None = None
        self._server: QLocalServer | None = None

    def claim(self) -> Claim:
        """Take the database for this process, or ask the running one to come to the front."""
        try:
            self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            log.warning("lock folder %s not usable: %s", self.lock_path.parent, exc)
        lock = QLockFile(str(self.lock_path))
        lock.setStaleLockTime(0)  # only a dead process' lock is stale, never an old one
        if lock.tryLock(0):
            self._lock = lock
        elif lock.error() == QLockFile.LockError.LockFailedError:
            if ask_running_to_activate(self.name):
                log.info("database already open in another process: asked it to come to the front")
                return Claim.activated
            log.info("database already open in another process, which did not answer")
            return Claim.running
        else:  # no lock possible (read-only folder…): the server alone decides
            log.warning("cannot create lock file %s (%s)", self.lock_path, lock.error())
            if ask_running_to_activate(self.name):
                return Claim.activated
        self._listen()
        return Claim.primary

    def _listen(self) -> None:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(self.name)  # a socket file left by a crash (we hold the lock)
        if not server.listen(self.name):
            log.warning("cannot listen on %s: %s", self.name, server.errorString())
            return
        server.newConnection.connect(self._on_new_connection)
        self._server = server

    def _on_new_connection(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.disconnected.connect(socket.deleteLater)
            socket.readyRead.connect(lambda s=socket: self._on_ready_read(s))
            if socket.bytesAvailable():
                self._on_ready_read(socket)

    def _on_ready_read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        line = bytes(socket.readLine().data())
        if line == ACTIVATE:
            log.info("a second start asked for this window")
            socket.write(ACK)
            socket.flush()
            self.activated.emit()

    def release(self) -> None:
        """Stop listening and give the lock back (idempotent)."""
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None


def database_in_use(db_path: Path, lock_dir: Path) -> bool:
    """True while a running program holds the database (e.g. to refuse a command-line restore)."""
    lock = QLockFile(str(Path(lock_dir) / f"{instance_key(db_path)}.lock"))
    lock.setStaleLockTime(0)
    if lock.tryLock(0):
        lock.unlock()
        return False
    return lock.error() == QLockFile.LockError.LockFailedError


def bring_to_front() -> None:
    """Show the program's windows: un-minimise the main window, raise the front-most one.

    The modal dialog on top (log-in, unlock prompt, an open form) gets the
    focus, so a locked program stays locked.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QDialog

    app = QApplication.instance()
    if app is None:
        return
    windows = [w for w in QApplication.topLevelWidgets()
               if w.isVisible() and not isinstance(w, QDialog)]
    for window in windows:
        if window.isMinimized():
            window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.raise_()
        window.activateWindow()
    modal = QApplication.activeModalWidget()
    if modal is not None:
        modal.raise_()
        modal.activateWindow()
