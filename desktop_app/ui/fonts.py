"""The bundled CJK font (WenQuanYi Micro Hei) as the application's default font.

The front-desk PC may lack a good CJK font, and offscreen test runs have none;
registering the bundled TrueType collection makes Chinese render everywhere.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop_app.paths import font_path

log = logging.getLogger("desktop_app")

APP_FONT_POINT_SIZE = 10

_family: str | None = None


def app_font_family() -> str | None:
    """The installed family, or None before `install_app_font` ran."""
    return _family


def install_app_font(app: QApplication) -> str:
    """Register the bundled font, make it the app default and return its family.

    Idempotent: the font file is registered once per process; later calls only
    (re)apply it as the default font.
    """
    global _family
    if _family is None:
        font_id = QFontDatabase.addApplicationFont(str(font_path()))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            log.error("无法加载内置字体：%s", font_path())
            return app.font().family()
        _family = families[0]
    font = QFont(_family, APP_FONT_POINT_SIZE)
    font.setFamilies([_family])
    app.setFont(font)
    return _family
