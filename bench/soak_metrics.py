"""The soak's measurements and verdict (bench/soak.py): what a sample holds, and when a run fails.

A sample reads the process's resident memory, the Python object count,
`sys.getrefcount(None)`, open handles, the live QObjects and timers, top-level
widgets and threads. `judge` fails a run on RSS growth past `RSS_LIMIT` after
warm-up or a count whose median rises from the first to the last third of the
samples; a falling None count (a Qt call losing a reference: the interpreter
will abort) fails too.
"""

from __future__ import annotations

import gc
import os
import statistics
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from PySide6.QtCore import QAbstractEventDispatcher, QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.db.database import Database

EVENT_WORK = timedelta(microseconds=3600)  # 3.6 ms of simulated work per event
RSS_LIMIT = 1.20


# measuring -----------------------------------------------------------------------------
def rss_mb() -> float | None:
    """Resident set size in MB: /proc on Linux, GetProcessMemoryInfo on Windows, else None."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    if sys.platform == "win32":
        import ctypes
        from ctypes import wintypes

        class Counters(ctypes.Structure):
            _fields_ = [("cb", wintypes.DWORD), ("PageFaultCount", wintypes.DWORD)] + [
                (name, ctypes.c_size_t) for name in (
                    "PeakWorkingSetSize", "WorkingSetSize", "QuotaPeakPagedPoolUsage",
                    "QuotaPagedPoolUsage", "QuotaPeakNonPagedPoolUsage",
                    "QuotaNonPagedPoolUsage", "PagefileUsage", "PeakPagefileUsage")]

        counters = Counters()
        counters.cb = ctypes.sizeof(counters)
        process = ctypes.windll.kernel32.GetCurrentProcess()
        if ctypes.windll.psapi.GetProcessMemoryInfo(process, ctypes.byref(counters),
                                                     counters.cb):
            return counters.WorkingSetSize / 2**20
    return None


def open_handles() -> int:
    """Open file descriptors (Linux: /proc/self/fd; Windows: the process's handle count)."""
    if os.path.isdir("/proc/self/fd"):
        return len(os.listdir("/proc/self/fd")) - 1  # minus listdir's own
    if sys.platform == "win32":
        import ctypes
        count = ctypes.c_ulong()
        ctypes.windll.kernel32.GetProcessHandleCount(
            ctypes.windll.kernel32.GetCurrentProcess(), ctypes.byref(count))
        return count.value
    return -1


def thread_count() -> int:
    if os.path.isdir("/proc/self/task"):
        return len(os.listdir("/proc/self/task"))  # every OS thread, Qt's included
    return threading.active_count()


def all_qobjects(app: QApplication) -> list[QObject]:
    """The application's children and every top-level widget with its descendants."""
    seen: dict[int, QObject] = {}
    roots: list[QObject] = [app, *app.topLevelWidgets()]
    for root in roots:
        seen[id(root)] = root
        for child in root.findChildren(QObject):
            seen[id(child)] = child
    return list(seen.values())


def type_name(obj: object) -> str:
    kind = type(obj)
    return f"{kind.__module__}.{kind.__qualname__}"


@dataclass
class Sample:
    label: str
    events: int
    sim_minutes: float
    wall: float
    rss: float | None
    objects: int
    none_refs: int
    handles: int
    qobjects: int
    qtimers: int
    timers: int
    toplevels: int
    threads: int
    sql_cache: int
    py_types: Counter = field(repr=False, default_factory=Counter)
    qt_classes: Counter = field(repr=False, default_factory=Counter)


COLUMNS = ("events", "sim min", "wall s", "RSS MB", "objects", "None refs", "fds",
           "QObjects", "QTimers", "timers", "toplevel", "threads", "sql cache")
WIDTHS = (9, 7, 7, 7, 9, 10, 5, 9, 8, 7, 9, 8, 10)


def take_sample(app: QApplication, db: Database, label: str, events: int,
                started: float) -> Sample:
    app.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    # SQLAlchemy's compiled-statement cache holds up to 750 statements (pruned to 500): its
    # saw-tooth is tens of thousands of objects. Its size is shown, then it is emptied, so that
    # the object count is what the program keeps.
    cache = getattr(db.engine, "_compiled_cache", None)
    sql_cache = len(cache) if cache is not None else -1
    db.engine.clear_compiled_cache()
    gc.collect()
    qobjects = all_qobjects(app)
    dispatcher = QAbstractEventDispatcher.instance()
    tree_timers = {id(o): o for o in qobjects if isinstance(o, QTimer)}
    objects = gc.get_objects()
    py_types = Counter(type_name(o) for o in objects)
    loose_timers = {id(o) for o in objects if isinstance(o, QTimer)}  # parentless ones too
    sample = Sample(
        label=label, events=events, sim_minutes=events * EVENT_WORK.total_seconds() / 60,
        wall=time.perf_counter() - started, rss=rss_mb(), objects=len(objects),
        none_refs=sys.getrefcount(None), handles=open_handles(), qobjects=len(qobjects),
        qtimers=len(tree_timers.keys() | loose_timers),
        timers=sum(len(dispatcher.registeredTimers(o)) for o in qobjects),
        toplevels=len(QApplication.topLevelWidgets()), threads=thread_count(), sql_cache=sql_cache,
        py_types=py_types, qt_classes=Counter(o.metaObject().className() for o in qobjects),
    )
    del objects, qobjects, tree_timers
    values = (sample.events, f"{sample.sim_minutes:.1f}", f"{sample.wall:.0f}",
              "n/a" if sample.rss is None else f"{sample.rss:.1f}", sample.objects,
              sample.none_refs, sample.handles, sample.qobjects, sample.qtimers, sample.timers,
              sample.toplevels, sample.threads, sample.sql_cache)
    print(" ".join(f"{v:>{w}}" for v, w in zip(values, WIDTHS)) + f"  {label}", flush=True)
    return sample


def median_thirds(values: list[float]) -> tuple[float, float]:
    third = max(1, len(values) // 3)
    return statistics.median(values[:third]), statistics.median(values[-third:])


def judge(after: list[Sample], warm: Sample, end: Sample) -> tuple[list[str], list[str]]:
    """The reasons to fail (empty: pass) and notes that do not fail the run."""
    failures: list[str] = []
    notes: list[str] = []
    if warm.rss and end.rss and end.rss > RSS_LIMIT * warm.rss:
        failures.append(f"RSS grew {100 * (end.rss / warm.rss - 1):.1f} % after warm-up "
                        f"({warm.rss:.1f} -> {end.rss:.1f} MB; limit {100 * (RSS_LIMIT - 1):.0f} %)")

    def rising(name: str, pct: float, floor: int) -> None:
        first, last = median_thirds([getattr(s, name) for s in after])
        rise = last - first
        if rise > floor and rise > pct * first:
            failures.append(f"{name} trends up: median {first:.0f} -> {last:.0f} (+{rise:.0f})")

    rising("objects", 0.02, 500)
    rising("qobjects", 0.02, 50)
    first, last = median_thirds([s.none_refs for s in after])
    if first - last > 1000:
        failures.append(f"sys.getrefcount(None) falls: median {first:.0f} -> {last:.0f} "
                        "(a Qt call losing a reference to None: the interpreter will abort)")
    elif last - first > 1000:
        per_event = (end.none_refs - warm.none_refs) / max(1, end.events - warm.events)
        notes.append(
            f"sys.getrefcount(None) rises: median {first:.0f} -> {last:.0f} ({per_event:.2f} per "
            "event). PySide6 6.11 on CPython 3.11 leaves a reference to None behind for each "
            "wrapped QObject that C++ destroys (a dialog's deleteLater, a parent's delete), with "
            "no memory behind it; None is never freed and a 64-bit count cannot run out, so this "
            "is not counted (RSS and the object counts show any real cost). A fall would fail.")
    for name in ("handles", "qtimers", "timers", "toplevels", "threads"):
        rising(name, 0.0, 0)
    return failures, notes


def growing(before: Counter, after: Counter, top: int = 12) -> list[tuple[str, int]]:
    diff = after.copy()
    diff.subtract(before)
    return [(name, n) for name, n in diff.most_common(top) if n > 0]
