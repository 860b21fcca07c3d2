"""Draw the program icon: resources/icons/app.png (256 px) and app.ico (16–256 px).

Run once after changing the design (`python build_spec/make_icon.py`); both files
are committed, so a build needs neither Qt offscreen drawing nor Pillow's ICO
writer. The icon is a white 服 (the bundled WenQuanYi Micro Hei) on a rounded
square in the office's calm blue, with a small green check (from 32 px up): "served, closed".
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ICON_DIR = ROOT / "resources" / "icons"
ICO_SIZES = [16, 20, 24, 32, 40, 48, 64, 128, 256]


def draw(size: int):
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QLinearGradient, QPainter, QPainterPath, QPen

    from desktop_app.ui.fonts import app_font_family

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    margin = size * 0.04
    square = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    gradient = QLinearGradient(square.topLeft(), square.bottomLeft())
    gradient.setColorAt(0, QColor("#2f7fd0"))
    gradient.setColorAt(1, QColor("#1c5ea8"))
    path = QPainterPath()
    path.addRoundedRect(square, size * 0.2, size * 0.2)
    p.fillPath(path, gradient)

    font = QFont(app_font_family() or "sans-serif")
    font.setPixelSize(round(size * 0.66))
    p.setFont(font)
    p.setPen(QColor("white"))
    text_box = QRectF(square.left(), square.top() - size * 0.02, square.width(), square.height())
    p.drawText(text_box, Qt.AlignmentFlag.AlignCenter, "服")

    if size < 32:  # the badge would only blur the character at 16–24 px
        p.end()
        return image
    badge = QRectF(size * 0.60, size * 0.60, size * 0.36, size * 0.36)  # the check badge
    p.setPen(QPen(QColor("white"), max(1.0, size * 0.03)))
    p.setBrush(QColor("#2ea44f"))
    p.drawEllipse(badge)
    tick = QPen(QColor("white"), max(1.5, size * 0.045))
    tick.setCapStyle(Qt.PenCapStyle.RoundCap)
    tick.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(tick)
    p.setBrush(Qt.BrushStyle.NoBrush)
    cx, cy, r = badge.center().x(), badge.center().y(), badge.width() / 2
    check = QPainterPath(QPointF(cx - r * 0.45, cy + r * 0.02))
    check.lineTo(QPointF(cx - r * 0.1, cy + r * 0.35))
    check.lineTo(QPointF(cx + r * 0.48, cy - r * 0.3))
    p.drawPath(check)
    p.end()
    return image


def main() -> None:
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtWidgets import QApplication

    from desktop_app.ui.fonts import install_app_font

    app = QApplication.instance() or QApplication([])
    install_app_font(app)
    ICON_DIR.mkdir(parents=True, exist_ok=True)
    frames = []
    for size in ICO_SIZES:  # drawn at each size (sharper than one downscaled bitmap)
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        draw(size).save(buffer, "PNG")
        from io import BytesIO

        frames.append(Image.open(BytesIO(bytes(buffer.data()))).convert("RGBA"))
    frames[-1].save(ICON_DIR / "app.png")
    frames[-1].save(ICON_DIR / "app.ico", sizes=[(s, s) for s in ICO_SIZES],
                    append_images=frames[:-1])
    print(f"已生成：{ICON_DIR / 'app.png'}、{ICON_DIR / 'app.ico'}")


if __name__ == "__main__":
    main()
