"""The database opened on a worker thread while the login window shows (issue 14).

`Opening` imports `desktop_app.app.session` (SQLAlchemy, the models, the main window
and its tabs: the "preload") and runs `session.prepare` on a worker thread. The GUI
thread asks `done()` from a timer and `wait()`s only when it needs the result (the
password was typed before the file was open). Nothing here imports a heavy module.
"""

from __future__ import annotations

import importlib
import threading
from pathlib import Path
from types import ModuleType
from typing import Any

from desktop_app.app.crash_marker import PreviousRun
from desktop_app.clock import Clock
from desktop_app.domain.errors import StorageError


class Opening:
    """One attempt to open `path` in the background: `prepared` or `error` once done.

    `start` begins it; the login window calls it once shown, so that the window's
    first paint does not share the interpreter with the imports."""

    def __init__(self, path: Path, *, clock: Clock, previous: PreviousRun | None) -> None:
        self.path = Path(path)
        self.session: ModuleType | None = None
        self.prepared: Any = None  # session.Prepared once opened
        self.error: StorageError | None = None
        self._failure: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(clock, previous),
                                        name="open-database", daemon=True)

    def start(self) -> None:
        if self._thread.ident is None:
            self._thread.start()

    def _run(self, clock: Clock, previous: PreviousRun | None) -> None:
        try:
            self.session = importlib.import_module("desktop_app.app.session")
            self.prepared = self.session.prepare(self.path, clock=clock, previous=previous)
        except StorageError as exc:
            self.error = exc
        except BaseException as exc:  # noqa: BLE001 (re-raised on the GUI thread by wait())
            self._failure = exc

    def done(self) -> bool:
        return self._thread.ident is not None and not self._thread.is_alive()

    def wait(self) -> ModuleType:
        """Block until the worker is done; the session module (an unexpected error re-raised)."""
        self.start()
        self._thread.join()
        if self._failure is not None:
            raise self._failure
        if self.session is None:  # the import itself failed with a StorageError: not expected
            self.session = importlib.import_module("desktop_app.app.session")
        return self.session
