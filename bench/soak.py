"""Soak test of the real main window (issue 12): does the program stay up all day?

    .venv/bin/python bench/soak.py                 # 500,000 events ≈ 30 simulated minutes
    .venv/bin/python bench/soak.py --quick         # 20,000 events, a try-out
    .venv/bin/python bench/soak.py --events 1000000 --sample-every 50000 --db demo.sqlite3

Not part of the test suite: a script that prints figures and exits 1 on FAIL.
It runs offscreen (QT_QPA_PLATFORM=offscreen unless already set).

Set-up: a demo database made in a temp folder by `python -m desktop_app --db PATH
demo` in a child process (dated by the real date; or `--db` an existing demo
database; the soak only reads, apart from the login's audit row), the demo admin
(admin / demo2026) logged in through `users.authenticate`, the real `MainWindow`
with a fixed clock (`Clock.fixed(2026-11-23 09:00)`), shown, and the real
`IdleWatcher` installed on the application with 10 minutes, as `app.run_gui`
does (it never fires: the input keeps restarting it; how often it fired is
reported). Message boxes are recorded instead of shown (the tests' seam,
`ui.errors._message_box`) so that an error cannot block the soak; any box shown
and any exception raised in a slot make the verdict FAIL.

The loop: a scripted action (see ACTIONS: a tab switch, a 投诉登记 filter,
search or 只看超期, a matter's detail dialog opened by a synthetic double click on
a row, looked at, closed with Esc and its deferred delete run, the 出院回访 day,
list button, search, the 满意度 pages and months, a 设置 panel), then a burst of
cheap synthetic input (--burst, default 40: mouse moves, wheel turns, key
presses and releases on the current tab's widgets, sent with
`QApplication.sendEvent` so they pass the application's event filters like real
input). Every Qt event sent and every action counts as one event; each event is
3.6 ms of simulated work (the clock is advanced by that much), so 500,000
events are 30 simulated minutes.

Figures, one line per sample (the start, after warm-up = the first sample at
5 % of the events, then every --sample-every events, default events/20): RSS,
the Python object count after `gc.collect()`, `sys.getrefcount(None)`, open file
descriptors (files, sockets, eventfds; /proc/self/fd), QObjects in the widget
trees, live QTimer objects, timers registered with the event dispatcher,
top-level widgets (a dialog never deleted stays one), threads, and the entries
in SQLAlchemy's compiled-statement cache, which is emptied before each count
(it holds up to 750 statements, tens of thousands of objects, in a saw-tooth).

Verdict: FAIL if the RSS at the end is more than 1.20 x the RSS after warm-up,
or if a count trends up: the median of the last third of the samples after
warm-up against the median of the first third; the Python objects fail when
they rise by more than 2 % and more than 500, the QObjects by more than 2 % and
more than 50; descriptors, timers, top-level widgets and threads at any rise. `sys.getrefcount(None)` fails when it falls by
more than 1,000 (a Qt call losing a reference to None, see
ui/refcount_probe.py); a rise is printed as a NOTE: PySide6 6.11 on CPython
3.11 leaves a reference to None behind for every wrapped QObject that C++
destroys, with no memory behind it. Also FAIL: a message box shown, an
exception in a slot, a detail dialog left open. The growing Python types and Qt
classes (warm-up -> end) are printed with the summary.

The mouse and wheel events are made once and sent again (Qt delivers copies to
parents, so a sent event is unchanged): every QMouseEvent constructed in Python
and delivered leaves a reference to None behind, and `QMouseEvent.clone()` leaks
the copy -- the soak's own leaks, which would hide the program's.
"""

from __future__ import annotations

import argparse
import bisect
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import (  # after the platform is chosen
    QCoreApplication, QDate, QEvent, QObject, QPoint, QPointF, Qt,
    qInstallMessageHandler,
)
from PySide6.QtGui import QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QApplication, QComboBox, QLabel, QLineEdit, QWidget,
)

from desktop_app import APP_NAME
from desktop_app.clock import Clock
from desktop_app.db.database import Database
from desktop_app.db.services import users as user_svc
from desktop_app.ui.widgets import errors as ui_errors
from desktop_app.ui.fonts import install_app_font
from desktop_app.ui.idle import INPUT_EVENTS, IdleWatcher
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.translation import install_qt_chinese
from soak_metrics import (
    COLUMNS, EVENT_WORK, WIDTHS, Sample, growing, judge, median_thirds, take_sample,
)

START = datetime(2026, 11, 23, 9, 0)
IDLE_MINUTES = 10
SEARCH_TERMS = ["挂号", "态度", "收费", "张", "2026", "卫生间", "", "医生", "xyz", "李女士"]
FOLLOWUP_TERMS = ["张", "李", "138", "", "王", "住院"]
NAV_KEYS = [Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown,
            Qt.Key.Key_PageUp, Qt.Key.Key_Home, Qt.Key.Key_End]
SPOTS = [2, 6, 10, 16, 24, 40, 64, 100, 150, 220, 300, 420, 600, 800]  # mouse x and y, px
MODIFIER_KEYS = [Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt]


def quiet_offscreen_notes() -> None:
    """Drop the offscreen plugin's note on every dialog shown; pass every other message on."""
    def handler(mode, context, message: str) -> None:
        if "does not support propagateSizeHints" not in message:
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(handler)


# driving -------------------------------------------------------------------------------
class InputCounter(QObject):
    """An application event filter beside the IdleWatcher: the input events it saw."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.seen = 0
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self.seen += 1
        return False


class Soak:
    """The scripted user: actions on the real window and synthetic input between them."""

    def __init__(self, app: QApplication, window: MainWindow, clock: Clock,
                 rng: random.Random, burst: int) -> None:
        self.app, self.window, self.clock, self.rng, self.burst = app, window, clock, rng, burst
        self.events = 0
        self.actions: Counter = Counter()
        self.action_seconds: Counter = Counter()
        self.details_opened = 0
        self.details_left = 0
        self.detail_misses = 0
        self.targets: list[QWidget] = []
        self.views: list[QAbstractItemView] = []
        # The mouse events are made once and sent again (see the module's docstring): with
        # PySide6 6.11 on Python 3.11 each QMouseEvent made in Python and delivered leaves a
        # reference to None behind, and clone() leaks the copy (~370 bytes).
        none, no_mod = Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
        self._moves = {(x, y): QMouseEvent(QEvent.Type.MouseMove, QPointF(x, y), QPointF(x, y),
                                           none, none, no_mod)
                       for x in SPOTS for y in SPOTS}
        self._wheels = {(x, y, d): QWheelEvent(QPointF(x, y), QPointF(x, y), QPoint(),
                                               QPoint(0, d), none, no_mod,
                                               Qt.ScrollPhase.NoScrollPhase, False)
                        for x in SPOTS for y in SPOTS for d in (120, -120)}
        self._clicks: dict[tuple, QMouseEvent] = {}  # by type, buttons and point: bounded
        self._refresh_targets()

    # synthetic events ------------------------------------------------------------------
    def send(self, widget: QWidget, event: QEvent) -> None:
        QApplication.sendEvent(widget, event)
        self.events += 1

    def _spot(self, widget: QWidget) -> tuple[int, int]:
        """A point of the fixed grid inside the widget."""
        rect = widget.rect()
        xs = SPOTS[: max(1, bisect.bisect_left(SPOTS, rect.width()))]
        ys = SPOTS[: max(1, bisect.bisect_left(SPOTS, rect.height()))]
        return self.rng.choice(xs), self.rng.choice(ys)

    def mouse_move(self, widget: QWidget) -> None:
        self.send(widget, self._moves[self._spot(widget)])

    def click(self, widget: QWidget, point: QPointF | None = None, *, double: bool = False) -> None:
        point = point if point is not None else QPointF(widget.rect().center())
        left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
        steps = [(QEvent.Type.MouseButtonPress, left), (QEvent.Type.MouseButtonRelease, none)]
        if double:
            steps += [(QEvent.Type.MouseButtonDblClick, left),
                      (QEvent.Type.MouseButtonRelease, none)]
        for kind, buttons in steps:
            key = (kind, buttons, point.x(), point.y())
            event = self._clicks.get(key)
            if event is None:
                event = self._clicks[key] = QMouseEvent(kind, point, point, left, buttons,
                                                        Qt.KeyboardModifier.NoModifier)
            self.send(widget, event)

    def wheel(self, widget: QWidget) -> None:
        x, y = self._spot(widget)
        self.send(widget, self._wheels[(x, y, self.rng.choice((120, -120)))])

    def key(self, widget: QWidget, key: Qt.Key, text: str = "") -> None:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            self.send(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))

    def _refresh_targets(self) -> None:
        """The visible widgets of the current tab: where the cheap input goes."""
        page = self.window.tabs.currentWidget()
        widgets = [w for w in page.findChildren(QWidget) if w.isVisible()]
        self.views = [w for w in widgets if isinstance(w, QAbstractItemView)]
        self.targets = [w for w in widgets
                        if isinstance(w, (QAbstractButton, QLabel, QComboBox, QLineEdit))]
        self.targets += [v.viewport() for v in self.views]
        self.targets.append(self.window.tabs.tabBar())

    def input_burst(self) -> None:
        """`burst` cheap events: mostly mouse moves, some wheel turns and keys."""
        for _ in range(self.burst):
            roll = self.rng.random()
            if roll < 0.70 or not self.views:
                self.mouse_move(self.rng.choice(self.targets))
            elif roll < 0.82:
                self.wheel(self.rng.choice(self.views).viewport())
            elif roll < 0.95:
                self.key(self.rng.choice(self.views), self.rng.choice(NAV_KEYS))
            else:
                self.key(self.rng.choice(self.targets), self.rng.choice(MODIFIER_KEYS))

    # actions ---------------------------------------------------------------------------
    def show_tab(self, page: QWidget) -> None:
        tabs = self.window.tabs
        if tabs.currentWidget() is not page:
            self.click(tabs.tabBar(), QPointF(tabs.tabBar().tabRect(tabs.indexOf(page)).center()))
            if tabs.currentWidget() is not page:  # the click missed: switch directly
                tabs.setCurrentWidget(page)

    def pick(self, combo: QComboBox) -> None:
        if combo.count() and combo.isEnabled():
            combo.setCurrentIndex(self.rng.randrange(combo.count()))
            self.events += 1

    def switch_tab(self) -> None:
        self.window.tabs.setCurrentIndex(self.rng.randrange(self.window.tabs.count()))
        self.events += 1

    def complaints_filter(self) -> None:
        tab = self.window.complaints_tab
        self.show_tab(tab)
        combos = [tab.status_combo, tab.type_combo, tab.channel_combo, tab.department_combo,
                  tab.category_combo, tab.month_combo]
        chosen = self.rng.choice(combos)
        for combo in combos:  # one filter at a time, so that the list rarely ends up empty
            if combo is not chosen and combo.currentIndex() != 0:
                combo.setCurrentIndex(0)
                self.events += 1
        self.pick(chosen)

    def complaints_search(self) -> None:
        tab = self.window.complaints_tab
        self.show_tab(tab)
        tab.search_edit.setText(self.rng.choice(SEARCH_TERMS))
        self.events += 1
        for digit in "2026"[: self.rng.randrange(5)]:  # typed on top, then rubbed out
            self.key(tab.search_edit, Qt.Key(Qt.Key.Key_0 + int(digit)), digit)
        while tab.search_edit.text():
            if self.rng.random() < 0.5:
                tab.search_edit.clear()
                self.events += 1
            else:
                self.key(tab.search_edit, Qt.Key.Key_Backspace)

    def complaints_overdue(self) -> None:
        tab = self.window.complaints_tab
        self.show_tab(tab)
        self.click(tab.overdue_check)

    def complaints_detail(self) -> None:
        """Double-click a row, look at the detail, close it with Esc; its delete runs."""
        tab = self.window.complaints_tab
        self.show_tab(tab)
        if tab.proxy.rowCount() == 0:
            self.complaints_reset()
        rows = tab.proxy.rowCount()
        if rows == 0:
            return
        self.app.processEvents()  # the layout of a tab just shown
        index = tab.proxy.index(self.rng.randrange(rows), 1)
        tab.view.scrollTo(index)
        matter_id = tab.proxy.matter_at(index.row()).id
        self.click(tab.view.viewport(), QPointF(tab.view.visualRect(index).center()), double=True)
        dialog = tab._details.get(matter_id)
        if dialog is None:  # the synthetic double click missed the row: open it as it would
            self.detail_misses += 1
            dialog = tab.open_detail(matter_id)
            self.events += 1
            if dialog is None:
                return
        self.details_opened += 1
        self.app.processEvents()
        widgets = [w for w in dialog.findChildren(QWidget) if w.isVisible()]
        for _ in range(self.rng.randrange(5, 15)):
            widget = self.rng.choice(widgets)
            (self.wheel if self.rng.random() < 0.3 else self.mouse_move)(widget)
        del widgets
        self.key(dialog, Qt.Key.Key_Escape)
        if dialog.isVisible():
            dialog.close()
            self.events += 1
        del dialog
        self.app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if matter_id in tab._details:
            self.details_left += 1

    def complaints_reset(self) -> None:
        tab = self.window.complaints_tab
        for combo in (tab.status_combo, tab.type_combo, tab.channel_combo, tab.department_combo,
                      tab.category_combo, tab.month_combo):
            if combo.currentIndex() != 0:
                combo.setCurrentIndex(0)
                self.events += 1
        if tab.overdue_check.isChecked():
            tab.overdue_check.setChecked(False)
            self.events += 1

    def followups_day(self) -> None:
        tab = self.window.followups_tab
        self.show_tab(tab)
        today = QDate(self.clock.today().year, self.clock.today().month, self.clock.today().day)
        if self.rng.random() < 0.3:
            self.click(tab.today_button)
        else:
            tab.day_edit.setDate(today.addDays(self.rng.randrange(-7, 8)))
            self.events += 1

    def followups_list(self) -> None:
        tab = self.window.followups_tab
        self.show_tab(tab)
        self.click(self.rng.choice(list(tab.list_buttons.values())))
        if self.rng.random() < 0.3:
            self.pick(self.rng.choice([tab.tier_combo, tab.department_combo, tab.assignee_combo,
                                       tab.month_combo]))

    def followups_search(self) -> None:
        tab = self.window.followups_tab
        self.show_tab(tab)
        tab.search_edit.setText(self.rng.choice(FOLLOWUP_TERMS))
        self.events += 1
        if tab.search_edit.text():
            tab.search_edit.clear()
            self.events += 1

    def satisfaction_page(self) -> None:
        tab = self.window.satisfaction_tab
        self.show_tab(tab)
        tab.pages.setCurrentIndex(self.rng.randrange(tab.pages.count()))
        self.events += 1

    def satisfaction_month(self) -> None:
        tab = self.window.satisfaction_tab
        self.show_tab(tab)
        page = tab.pages.currentWidget()
        if page is tab.quota_view:
            self.pick(tab.quota_view.month_combo)
        elif page is tab.results_panel:
            panel = tab.results_panel
            self.pick(self.rng.choice([panel.month_combo, panel.kind_combo,
                                       panel.department_combo]))
        else:
            form = tab.entry_form
            form.day_edit.setDate(form.day_edit.date().addDays(self.rng.choice((-1, 1))))
            self.events += 1

    def settings_panel(self) -> None:
        tab = self.window.settings_tab
        self.show_tab(tab)
        tab.nav.setCurrentRow(self.rng.randrange(tab.nav.count()))
        self.events += 1

    ACTIONS: tuple[tuple[str, int], ...] = (
        ("switch_tab", 4), ("complaints_filter", 4), ("complaints_search", 2),
        ("complaints_overdue", 1), ("complaints_detail", 3), ("followups_day", 2),
        ("followups_list", 2), ("followups_search", 1), ("satisfaction_page", 2),
        ("satisfaction_month", 2), ("settings_panel", 1),
    )

    def step(self) -> None:
        """One action, its posted events, then a burst of input; the clock moves on."""
        before = self.events
        names, weights = zip(*self.ACTIONS)
        name = self.rng.choices(names, weights)[0]
        started = time.perf_counter()
        getattr(self, name)()
        self.events += 1  # the action itself
        self.app.processEvents()
        self.action_seconds[name] += time.perf_counter() - started
        self.actions[name] += 1
        self._refresh_targets()
        self.input_burst()
        self.app.processEvents()
        self.clock.advance(EVENT_WORK * (self.events - before))


# the run -------------------------------------------------------------------------------
def make_demo_db(folder: Path) -> Path:
    path = folder / "soak-demo.sqlite3"
    done = subprocess.run([sys.executable, "-m", "desktop_app", "--db", str(path), "demo"],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0 or not path.exists():
        sys.exit(f"demo database not made (exit {done.returncode}):\n{done.stdout}{done.stderr}")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=500_000)
    parser.add_argument("--sample-every", type=int, default=0,
                        help="events between samples (default: events / 20)")
    parser.add_argument("--burst", type=int, default=40,
                        help="cheap input events after each action (default 40)")
    parser.add_argument("--db", type=Path, help="an existing demo database (admin / demo2026)")
    parser.add_argument("--quick", action="store_true", help="20,000 events, for a try-out")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    total = 20_000 if args.quick else args.events
    every = args.sample_every or max(1000, total // 20)
    warm_up = max(every, total // 20)

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    quiet_offscreen_notes()
    install_app_font(app)
    install_qt_chinese(app)
    boxes: list[str] = []
    ui_errors._message_box = lambda parent, icon, title, text: boxes.append(f"{title}: {text}")
    slot_errors: list[str] = []
    previous_hook = sys.excepthook

    def hook(kind, value, tb) -> None:
        slot_errors.append(f"{kind.__name__}: {value}")
        if len(slot_errors) <= 3:
            previous_hook(kind, value, tb)

    sys.excepthook = hook

    folder = None
    if args.db is None:
        folder = Path(tempfile.mkdtemp(prefix="fwqz-soak-"))
        path = make_demo_db(folder)
    else:
        path = args.db
    clock = Clock.fixed(START)
    db = Database.open(path, now=clock.now())
    try:
        with db.session() as session:
            actor = user_svc.authenticate(session=session, username="admin",
                                          password="demo2026", now=clock.now())
        window = MainWindow(db, actor, clock=clock)
        watcher = IdleWatcher(IDLE_MINUTES, app)
        fired: list[int] = []
        watcher.idle.connect(lambda: fired.append(1))
        counter = InputCounter(app)
        window.show()
        app.processEvents()

        print(f"soak: {total:,} events ({total * EVENT_WORK.total_seconds() / 60:.0f} simulated "
              f"minutes at {EVENT_WORK.total_seconds() * 1000:.1f} ms each), burst {args.burst}, "
              f"sample every {every:,}, warm-up {warm_up:,}; database {path}", flush=True)
        print(f"Python {sys.version.split()[0]}, PySide6 {__import__('PySide6').__version__}, "
              f"{os.environ['QT_QPA_PLATFORM']}", flush=True)
        print(" ".join(f"{c:>{w}}" for c, w in zip(COLUMNS, WIDTHS)), flush=True)
        started = time.perf_counter()
        soak = Soak(app, window, clock, random.Random(args.seed), args.burst)
        samples = [take_sample(app, db, "start", 0, started)]
        next_sample = warm_up
        warm: Sample | None = None
        while soak.events < total:
            soak.step()
            if soak.events >= next_sample or soak.events >= total:
                label = "after warm-up" if warm is None else ""
                samples.append(take_sample(app, db, label, soak.events, started))
                if len(samples) > 2 and samples[-2] is not warm:  # keep two histograms only
                    samples[-2].py_types = samples[-2].qt_classes = Counter()
                if warm is None:
                    warm = samples[-1]
                next_sample += every
        wall = time.perf_counter() - started
        end = samples[-1]
        warm = warm or end
        after = samples[samples.index(warm):]
        failures, notes = judge(after, warm, end)
        if boxes:
            failures.append(f"{len(boxes)} message boxes shown, the first: {boxes[0]}")
        if slot_errors:
            failures.append(f"{len(slot_errors)} exceptions in slots, the first: {slot_errors[0]}")
        if soak.details_left:
            failures.append(f"{soak.details_left} detail dialogs still open after Esc")

        print()
        print(f"# summary: {soak.events:,} events, {end.sim_minutes:.1f} simulated minutes, "
              f"{wall:.0f} s wall ({wall / 60:.1f} min), {sum(soak.actions.values()):,} actions, "
              f"{soak.details_opened:,} detail dialogs opened and closed "
              f"({soak.detail_misses} opened directly after a missed double click)")
        print(f"  input-event deliveries seen by the application event filters: {counter.seen:,}; "
              f"idle watcher running: {watcher.is_running()}, fired {len(fired)} times; "
              f"clock now {clock.now():%Y-%m-%d %H:%M:%S}")
        print(f"  {'metric':<12} {'start':>10} {'warm-up':>10} {'end':>10} {'growth':>8} "
              f"{'1st third':>10} {'last third':>10}")
        for name, title in (("rss", "RSS MB"), ("objects", "objects"), ("none_refs", "None refs"),
                            ("handles", "fds"), ("qobjects", "QObjects"), ("qtimers", "QTimers"),
                            ("timers", "timers"), ("toplevels", "toplevel"),
                            ("threads", "threads")):
            first = getattr(samples[0], name)
            w, e = getattr(warm, name), getattr(end, name)
            if w is None or e is None:
                print(f"  {title:<12} {'n/a':>10}")
                continue
            m1, m3 = median_thirds([getattr(s, name) for s in after])
            growth = f"{100 * (e / w - 1):+.1f}%" if w else "n/a"
            fmt = ".1f" if name == "rss" else ".0f"
            print(f"  {title:<12} {first:>10{fmt}} {w:>10{fmt}} {e:>10{fmt}} {growth:>8} "
                  f"{m1:>10{fmt}} {m3:>10{fmt}}")
        print("  growing Python types, warm-up -> end:",
              ", ".join(f"{n} +{d}" for n, d in growing(warm.py_types, end.py_types)) or "none")
        print("  growing Qt classes, warm-up -> end:",
              ", ".join(f"{n} +{d}" for n, d in growing(warm.qt_classes, end.qt_classes))
              or "none")
        print("  ms per action:", ", ".join(
            f"{name} {1000 * soak.action_seconds[name] / n:.1f} (x{n})"
            for name, n in sorted(soak.actions.items())))
        for note in notes:
            print(f"  NOTE: {note}")
        for failure in failures:
            print(f"  FAIL: {failure}")
        print("FAIL" if failures else "PASS", flush=True)
        watcher.uninstall()
        window.close()
        return 1 if failures else 0
    finally:
        db.close()
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
