"""Does this PySide6 keep `None` alive? (issue 12)

PySide6 6.12.0 on CPython 3.11 drops one reference to `None` on every Qt method
that returns nothing; when the stock runs out the interpreter aborts with
"Fatal Python error: none_dealloc", taking unsaved work with it. From 3.12 on
`None` is immortal and its count never moves.

`none_refcount_drop(calls)` makes `calls` such Qt calls on a label and returns
how far `sys.getrefcount(None)` fell meanwhile: about 0 on a good build,
about `calls` on a broken one. Keep `calls` well under 10,000 in a process that
must survive the check (the self-test); the suite's test runs it in a child.
"""

from __future__ import annotations

import sys

# A good build moves the count by a handful at most (Qt and Python housekeeping);
# a broken one by one per call.
TOLERANCE = 50


def none_refcount_drop(calls: int) -> int:
    """Make `calls` None-returning Qt calls; how many references to None were lost."""
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "desktop_app"])
    label = QLabel()
    texts = ("甲", "乙")
    label.setText(texts[0])  # warm-up: the first call may cache
    before = sys.getrefcount(None)
    for i in range(calls):
        if i % 2:
            label.setText(texts[i % 2])  # returns None
        else:
            label.setEnabled(bool(i % 4))  # returns None
    after = sys.getrefcount(None)
    label.deleteLater()
    app.processEvents()
    return before - after


def is_leaking(drop: int) -> bool:
    """True when the drop is past what housekeeping explains."""
    return drop > TOLERANCE
