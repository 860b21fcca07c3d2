"""Auto-lock: notice when nobody has touched keyboard or mouse for a while."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
})


class IdleWatcher(QObject):
    """Emits `idle` once after `minutes` without user input.

    Installed as an event filter on the application; any key press, mouse
    press/move or wheel restarts the countdown. `pause()` while the lock dialog
    is up, `resume()` after unlocking. `minutes <= 0` disables the watcher.
    `interval_ms`, if given, overrides `minutes` (for tests).
    """

    idle = Signal()

    def __init__(self, minutes: float = 10, parent: QObject | None = None, *,
                 interval_ms: int | None = None, app: QCoreApplication | None = None) -> None:
        super().__init__(parent)
        self._paused = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)
        self._app = app or QCoreApplication.instance()
        if self._app is not None:
            self._app.installEventFilter(self)
        if interval_ms is not None:
            self._set_interval(interval_ms)
        else:
            self.set_minutes(minutes)

    # public API -------------------------------------------------------------------
    def set_minutes(self, minutes: float) -> None:
        self._set_interval(int(minutes * 60_000))

    def interval_ms(self) -> int:
        return self._interval

    def is_paused(self) -> bool:
        return self._paused

    def is_running(self) -> bool:
        return self._timer.isActive()

    def pause(self) -> None:
        self._paused = True
        self._timer.stop()

    def resume(self) -> None:
        self._paused = False
        self._restart()

    def uninstall(self) -> None:
        self._timer.stop()
        if self._app is not None:
            self._app.removeEventFilter(self)
            self._app = None

    # internals --------------------------------------------------------------------
    def _set_interval(self, ms: int) -> None:
        self._interval = max(0, ms)
        if self._interval > 0:
            self._timer.setInterval(self._interval)
        self._restart()

    def _restart(self) -> None:
        if self._paused or self._interval <= 0:
            self._timer.stop()
        else:
            self._timer.start()

    def _on_timeout(self) -> None:
        if not self._paused:
            self.idle.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() in INPUT_EVENTS and not self._paused and self._interval > 0:
            self._timer.start()
        return False
