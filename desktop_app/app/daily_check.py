"""The whole-file check once a day, in the background (issue 14).

Opening reads only the file's header, so it costs the same at one year and at ten.
The whole file is read by `PRAGMA quick_check` after an abnormal exit (the crash
marker), before a restore (the backup is checked) and, here, once a day: on a
worker thread after the first login of the day. The day of the last good check is
kept in a small file in the log folder, named like the instance lock. A failure
is logged and shown as a calm note with the way out (restore a backup).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from desktop_app.app.single_instance import instance_key
from desktop_app.clock import Clock
from desktop_app.db.engine import quick_check_file
from desktop_app.domain.errors import StorageError

log = logging.getLogger("desktop_app.app.daily_check")

POLL_MS = 500

FAILED_MESSAGE = (
    "数据库文件已损坏（今天的例行完整性检查未通过）：{detail}\n\n"
    "现在仍可继续使用，但建议尽快从最近的备份恢复（文件 → 恢复备份…），或请技术人员查看。"
)


class DailyCheck(QObject):
    """`start_if_due` runs the check at most once a day; `failed` carries the note to show."""

    failed = Signal(str)

    def __init__(self, db_path: Path, folder: Path, *, clock: Clock,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.marker = Path(folder) / f"{instance_key(db_path)}.checked"
        self._clock = clock
        self._thread: threading.Thread | None = None
        self._problem: str | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._collect)

    def due(self) -> bool:
        """True unless the file was checked good today."""
        try:
            return self.marker.read_text(encoding="utf-8").strip() != self._clock.today().isoformat()
        except OSError:
            return True

    def mark_checked(self) -> None:
        """Today's check is done (here, or by the check after an abnormal exit)."""
        try:
            self.marker.parent.mkdir(parents=True, exist_ok=True)
            self.marker.write_text(self._clock.today().isoformat(), encoding="utf-8")
        except OSError as exc:  # a folder that cannot be written only costs a check tomorrow
            log.warning("cannot write %s: %s", self.marker, exc)

    def start_if_due(self) -> bool:
        """Start today's check on a worker thread; False when it was done already."""
        if not self.due() or self.running():
            return False
        self._problem = None
        self._thread = threading.Thread(target=self._run, name="daily-check", daemon=True)
        self._thread.start()
        self._poll.start()
        return True

    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wait(self) -> None:
        """Let a running check finish (before the file is closed or replaced)."""
        if self._thread is not None:
            self._thread.join()
        self._collect()

    def _run(self) -> None:
        try:
            quick_check_file(self.db_path)
        except StorageError as exc:
            log.error("daily integrity check FAILED on %s: %s", self.db_path, exc.message)
            self._problem = exc.message
            return
        except Exception as exc:  # noqa: BLE001 (a check that cannot run is logged, tried again later)
            log.error("daily integrity check could not run on %s: %s", self.db_path, exc)
            return
        log.info("daily integrity check: ok (%s)", self.db_path)
        self.mark_checked()

    def _collect(self) -> None:
        """On the GUI thread: once the worker is done, announce a problem it found."""
        if self.running():
            return
        self._poll.stop()
        problem, self._problem = self._problem, None
        if problem is not None:
            self.failed.emit(FAILED_MESSAGE.format(detail=problem))
