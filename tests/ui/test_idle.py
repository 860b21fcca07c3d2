import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop_app.ui.idle import IdleWatcher


@pytest.fixture
def make_watcher(qapp):
    made: list[IdleWatcher] = []

    def make(**kwargs) -> IdleWatcher:
        watcher = IdleWatcher(**kwargs)
        made.append(watcher)
        return watcher

    yield make
    for watcher in made:
        watcher.uninstall()
        watcher.deleteLater()


def _wheel() -> QWheelEvent:
    return QWheelEvent(QPointF(5, 5), QPointF(5, 5), QPoint(0, 0), QPoint(0, 120),
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                       Qt.ScrollPhase.NoScrollPhase, False)


@pytest.fixture
def edit(qtbot):
    widget = QLineEdit()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_emits_idle_after_interval(make_watcher, qtbot):
    watcher = make_watcher(interval_ms=50)
    with qtbot.waitSignal(watcher.idle, timeout=2000):
        pass


def test_minutes_are_converted(make_watcher):
    watcher = make_watcher(minutes=5)
    assert watcher.interval_ms() == 5 * 60_000
    watcher.set_minutes(0.5)
    assert watcher.interval_ms() == 30_000
    assert watcher.is_running()


def test_zero_minutes_disables(make_watcher):
    watcher = make_watcher(minutes=0)
    assert not watcher.is_running()


def test_each_kind_of_input_restarts(make_watcher, qtbot, edit):
    """Key, click, move and wheel each restart the countdown (checked on the timer, not the clock)."""
    watcher = make_watcher(interval_ms=10_000)
    for act in (lambda: qtbot.keyClick(edit, Qt.Key.Key_B),
                lambda: qtbot.mouseClick(edit, Qt.MouseButton.LeftButton),
                lambda: qtbot.mouseMove(edit, QPoint(7, 7)),
                lambda: QApplication.sendEvent(edit, _wheel())):
        watcher._timer.stop()
        act()
        assert watcher.is_running()


def test_pause_and_resume(make_watcher, qtbot, edit):
    watcher = make_watcher(interval_ms=50)
    watcher.pause()
    assert watcher.is_paused() and not watcher.is_running()
    qtbot.keyClick(edit, Qt.Key.Key_A)  # input while paused does not restart
    assert not watcher.is_running()
    with qtbot.assertNotEmitted(watcher.idle, wait=150):
        pass
    watcher.resume()
    assert watcher.is_running()
    with qtbot.waitSignal(watcher.idle, timeout=2000):
        pass
