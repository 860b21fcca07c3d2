"""Qt's own texts in Chinese: the standard buttons of message boxes (确定/取消/是/否), file dialogs."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

QT_CATALOGUE = "qtbase"


def install_qt_chinese(app: QApplication) -> bool:
    """Load Qt's Simplified Chinese catalogue (shipped with PySide6 and the bundle); False if absent.

    Without it a QMessageBox shows "OK"/"Cancel" under Chinese text. The
    translator is kept on the application so it lives as long as the app.
    """
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China),
                           QT_CATALOGUE, "_", folder):
        return False
    app.installTranslator(translator)
    app._qt_chinese = translator  # noqa: SLF001 (keep a reference)
    return True
