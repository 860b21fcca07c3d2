"""PySide6 must not drop references to None (issue 12).

PySide6 6.12.0 on CPython 3.11 loses one reference to `None` on every Qt
method that returns nothing; the program then aborts ("none_dealloc") after a
few minutes at the front desk. The child process makes a few hundred thousand
such calls: on a good build it ends normally and None's count has not fallen.
Checked by hand to fail on PySide6 6.12.0 + Python 3.11 (the child aborts).
"""

from __future__ import annotations

import os
import subprocess
import sys

CALLS = 300_000

CHILD = f"""
import sys
from desktop_app.ui.refcount_probe import none_refcount_drop
print(none_refcount_drop({CALLS}))
"""


def test_qt_calls_keep_none_alive() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                           env=env, timeout=300)
    assert child.returncode == 0, f"the child aborted ({child.returncode}):\n{child.stderr[-2000:]}"
    drop = int(child.stdout.strip().splitlines()[-1])
    assert drop <= 50, f"{CALLS} Qt calls lost {drop} references to None"

