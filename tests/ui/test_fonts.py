from PySide6.QtGui import QFontDatabase, QFontMetrics, QRawFont
from PySide6.QtWidgets import QLabel

from desktop_app.ui.fonts import install_app_font

SAMPLE = "服务群众"


def test_app_font_is_the_bundled_cjk_font(qapp):
    family = install_app_font(qapp)
    assert "WenQuanYi" in family
    assert qapp.font().family() == family
    assert family in QFontDatabase.families()


def test_install_is_idempotent(qapp):
    first = install_app_font(qapp)
    count = len(QFontDatabase.families())
    assert install_app_font(qapp) == first
    assert len(QFontDatabase.families()) == count


def test_chinese_glyphs_are_available(qapp, qtbot):
    install_app_font(qapp)
    metrics = QFontMetrics(qapp.font())
    assert metrics.horizontalAdvance(SAMPLE) > 0
    assert all(metrics.inFontUcs4(ord(ch)) for ch in SAMPLE)
    raw = QRawFont.fromFont(qapp.font())
    assert raw.isValid()
    assert all(raw.supportsCharacter(ord(ch)) for ch in SAMPLE)


def test_widgets_get_the_font(qapp, qtbot):
    label = QLabel(SAMPLE)
    qtbot.addWidget(label)
    assert label.font().family() == qapp.font().family()
