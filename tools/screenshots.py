"""Screenshots of every tab and every page inside it (a script, not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py OUT_DIR [WIDTH HEIGHT]

Fills a throw-away database with the demo data (fictional), opens the main
window as the demo's administrator on a fixed day, and saves one PNG per tab
and per page of a tab's own page switcher (inner tab bar or side list).
"""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication, QListWidget, QTabWidget

from desktop_app.clock import Clock
from desktop_app.db.database import Database
from desktop_app.ui.fonts import install_app_font

try:  # the demo moved to desktop_app.demo in issue 13; the old place for a before/after
    from desktop_app.demo.fill import fill_demo
except ImportError:  # pragma: no cover
    from desktop_app.db.demo import fill_demo
from desktop_app.ui.main_window import MainWindow

NOW = datetime(2026, 11, 23, 9, 30)


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def main(out: Path, width: int = 1366, height: int = 768) -> list[Path]:
    app = QApplication.instance() or QApplication(sys.argv)
    install_app_font(app)
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="fwqz-shots-"))
    db = Database.open(folder / "demo.sqlite3", create=True, now=NOW)
    with db.session() as session:
        actor = fill_demo(session=session, now=NOW, today=NOW.date())
    window = MainWindow(db, actor, clock=Clock.fixed(NOW))
    window.resize(width, height)
    window.show()
    settle(app)
    saved: list[Path] = []

    def shot(name: str) -> None:
        settle(app)
        path = out / f"{name}.png"
        window.grab().save(str(path))
        saved.append(path)

    for t in range(window.tabs.count()):
        window.tabs.setCurrentIndex(t)
        page = window.tabs.widget(t)
        shot(f"tab{t}")
        inner = [w for w in page.findChildren(QTabWidget) if w.isVisible()]
        lists = [w for w in page.findChildren(QListWidget) if w.isVisible() and w.count() <= 12]
        for i, tabs in enumerate(inner[:1]):
            for k in range(1, tabs.count()):
                tabs.setCurrentIndex(k)
                shot(f"tab{t}_page{k}")
            tabs.setCurrentIndex(0)
        for i, side in enumerate(lists[:1]):
            for k in range(1, side.count()):
                side.setCurrentRow(k)
                shot(f"tab{t}_side{k}")
            side.setCurrentRow(0)
    window.close()
    db.close()
    return saved


if __name__ == "__main__":
    size = [int(v) for v in sys.argv[2:4]] or [1366, 768]
    for p in main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots"), *size):
        print(p)
