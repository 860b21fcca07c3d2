"""The 12-month 满意率 trend as a small line chart, drawn with QPainter (no QtCharts).

One point per month of `TrendPoint`s (oldest first): the month's 满意率 =
(满意 + 基本满意) / answered, in percent. A month without answers has no
point and breaks the line ("无数据" under it). The y axis starts at a round
figure below the lowest rate so that small changes show; it always ends at 100%.
The last month (the one reported) is drawn in a stronger colour. Under each
month its number of answers ("123 项", the 有效答项) when there is room; the
tooltip has them all.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.records.survey_rows import TrendPoint
from desktop_app.domain.months import Month

LINE_COLOR = QColor("#1565c0")
LAST_COLOR = QColor("#c62828")
GRID_COLOR = QColor("#e0e0e0")
AXIS_COLOR = QColor("#757575")
MUTED_COLOR = QColor("#9e9e9e")
TEXT_COLOR = QColor("#212121")

MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 46, 16, 34, 58


def axis_range(rates: Sequence[float | None]) -> tuple[float, float, float]:
    """(low, high, step) of the y axis in percent: high is 100, low a multiple of the step
    at least 3 points below the lowest rate (never below 0), about four grid lines."""
    known = [r * 100 for r in rates if r is not None]
    if not known:
        return 0.0, 100.0, 25.0
    lowest = max(0.0, min(known) - 3)
    span = 100 - lowest
    step = next((s for s in (1, 2, 5, 10, 20, 25) if span / s <= 5), 25)
    low = max(0.0, math.floor(lowest / step) * step)
    return low, 100.0, float(step)


def month_label(month: str) -> str:
    """"11月" (the year is drawn on a line of its own, see `year_label`)."""
    return f"{Month.parse(month).month}月"


def year_label(month: str, first: bool) -> str:
    """"2026年" under the first point and under each January, "" elsewhere."""
    parsed = Month.parse(month)
    return f"{parsed.year}年" if first or parsed.month == 1 else ""


def count_label(point: TrendPoint) -> str:
    """What is written under a month: its 有效答项 ("123 项"), or "无数据" without answers."""
    return f"{point.counts.answered} 项" if point.counts.answered else "无数据"


class TrendChart(QWidget):
    """Shows `set_points(points, caption)`; `rates()` gives the plotted figures (for tests)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: list[TrendPoint] = []
        self._caption = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 200)
        self.setAutoFillBackground(False)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(560, 280)

    def set_points(self, points: Sequence[TrendPoint], caption: str = "") -> None:
        self._points = list(points)
        self._caption = caption
        self.setToolTip(self._tooltip())
        self.update()

    def points(self) -> list[TrendPoint]:
        return list(self._points)

    def caption(self) -> str:
        return self._caption

    def rates(self) -> list[float | None]:
        return [p.counts.rate for p in self._points]

    def _tooltip(self) -> str:
        lines = []
        for p in self._points:
            rate = p.counts.rate
            text = "无数据" if rate is None else f"{rate * 100:.1f}%（有效答项 {p.counts.answered}）"
            lines.append(f"{p.month}：{text}")
        return "\n".join(lines)

    # painting ------------------------------------------------------------------------
    def plot_rect(self) -> QRectF:
        return QRectF(MARGIN_LEFT, MARGIN_TOP, max(10, self.width() - MARGIN_LEFT - MARGIN_RIGHT),
                      max(10, self.height() - MARGIN_TOP - MARGIN_BOTTOM))

    def point_positions(self) -> list[QPointF | None]:
        """Where each month's point is drawn (None for a month without answers)."""
        rect = self.plot_rect()
        rates = self.rates()
        low, high, _step = axis_range(rates)
        n = len(rates)
        slot = rect.width() / n if n else rect.width()
        out: list[QPointF | None] = []
        for i, rate in enumerate(rates):
            if rate is None:
                out.append(None)
                continue
            x = rect.left() + slot * (i + 0.5)
            y = rect.bottom() - (rate * 100 - low) / (high - low) * rect.height()
            out.append(QPointF(x, y))
        return out

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        self._draw_caption(painter)
        if not any(r is not None for r in self.rates()):
            painter.setPen(MUTED_COLOR)
            painter.drawText(self.plot_rect(), Qt.AlignmentFlag.AlignCenter,
                             self.tr("所选期间没有满意度调查数据"))
            painter.end()
            return
        self._draw_axes(painter)
        self._draw_months(painter)
        self._draw_line(painter)
        painter.end()

    def _small_font(self, delta: float = -1.0) -> QFont:
        font = QFont(self.font())
        size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
        font.setPointSizeF(max(6.0, size + delta))
        return font

    def _draw_caption(self, painter: QPainter) -> None:
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(TEXT_COLOR)
        painter.drawText(QRectF(8, 4, self.width() - 16, MARGIN_TOP - 8),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self._caption or self.tr("满意率趋势"))

    def _draw_axes(self, painter: QPainter) -> None:
        rect = self.plot_rect()
        low, high, step = axis_range(self.rates())
        painter.setFont(self._small_font())
        value = low
        while value <= high + 1e-9:
            y = rect.bottom() - (value - low) / (high - low) * rect.height()
            painter.setPen(QPen(GRID_COLOR, 1))
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            painter.setPen(AXIS_COLOR)
            painter.drawText(QRectF(0, y - 9, MARGIN_LEFT - 6, 18),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             f"{value:g}%")
            value += step
        painter.setPen(QPen(AXIS_COLOR, 1))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.drawLine(rect.bottomLeft(), rect.topLeft())

    def _draw_months(self, painter: QPainter) -> None:
        rect = self.plot_rect()
        n = len(self._points)
        slot = rect.width() / n
        normal, small = self._small_font(), self._small_font(-2)
        counts = [count_label(p) for p in self._points]
        # the counts only when they fit under their month (they are in the tooltip anyway)
        show_counts = max(QFontMetrics(small).horizontalAdvance(c) for c in counts) <= slot - 4
        for i, point in enumerate(self._points):
            cell = QRectF(rect.left() + slot * i, rect.bottom() + 2, slot, 18)
            painter.setFont(normal)
            painter.setPen(TEXT_COLOR if i == n - 1 else AXIS_COLOR)
            painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, month_label(point.month))
            painter.setFont(small)
            painter.setPen(MUTED_COLOR)
            if show_counts or not point.counts.answered:
                painter.drawText(cell.translated(0, 17), Qt.AlignmentFlag.AlignCenter, counts[i])
            year = year_label(point.month, i == 0)
            if year:
                painter.setPen(AXIS_COLOR)
                below = 33 if show_counts or not point.counts.answered else 17
                painter.drawText(cell.adjusted(-slot, 0, slot, 0).translated(0, below),
                                 Qt.AlignmentFlag.AlignCenter, year)

    @staticmethod
    def _label_below(positions: list[QPointF | None], i: int) -> bool:
        """A point's figure goes under it where it lies below its neighbours' average (a dip
        or a fall), so that the line does not run through the figure, and near the top."""
        y = positions[i].y()
        if y - 20 < MARGIN_TOP - 14:
            return True
        neighbours = [p.y() for p in (positions[i - 1] if i else None,
                                      positions[i + 1] if i + 1 < len(positions) else None)
                      if p is not None]
        return bool(neighbours) and y > sum(neighbours) / len(neighbours) + 1

    def _draw_line(self, painter: QPainter) -> None:
        positions = self.point_positions()
        painter.setPen(QPen(LINE_COLOR, 2))
        for a, b in zip(positions, positions[1:], strict=False):
            if a is not None and b is not None:
                painter.drawLine(a, b)
        painter.setFont(self._small_font())
        last = len(positions) - 1
        for i, (pos, rate) in enumerate(zip(positions, self.rates(), strict=True)):
            if pos is None or rate is None:
                continue
            color = LAST_COLOR if i == last else LINE_COLOR
            painter.setPen(QPen(color, 1.5))
            painter.setBrush(color)
            painter.drawEllipse(pos, 3.5, 3.5)
            painter.setPen(color if i == last else TEXT_COLOR)
            label_y = pos.y() + 5 if self._label_below(positions, i) else pos.y() - 20
            painter.drawText(QRectF(pos.x() - 30, label_y, 60, 16), Qt.AlignmentFlag.AlignCenter,
                             f"{rate * 100:.1f}")
        painter.setBrush(Qt.BrushStyle.NoBrush)
