"""Charts of the 每月通报, drawn with ReportLab graphics in the CJK font.

- `category_bar_chart`: matters by issue category, this month beside last
  month (grouped vertical bars, counts over the bars, a legend).
- `channel_pie_chart`: this month's matters by channel (a pie with a legend
  giving each channel's count and share).

Each returns a `Drawing`, which is a Platypus flowable. The chart's own title
is drawn inside the drawing, so it is part of the chart's text.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from desktop_app.reports.fonts import register_fonts

THIS_MONTH_COLOR = colors.HexColor("#2F5D8A")
LAST_MONTH_COLOR = colors.HexColor("#A9BCD0")
PIE_COLORS = [colors.HexColor(c) for c in (
    "#2F5D8A", "#D98C3F", "#5B9A68", "#B5524C", "#7D6AA8", "#C9A93B", "#4B9AA8",
    "#8C6D55", "#9A9A9A", "#D47FA6", "#6F8F3A", "#3F6FB5", "#B08A70",
)]
_TITLE_SIZE = 10
_LABEL_SIZE = 7.5


def _wrap_label(label: str, per_line: int = 6) -> str:
    """A category label for the axis: the part before （…）, broken after / or every N characters."""
    short = label.split("（")[0]
    if "/" in short:
        return short.replace("/", "/\n", 1)
    return "\n".join(short[i:i + per_line] for i in range(0, len(short), per_line))


def _bar_label(value: float) -> str:
    """The count over a bar; nothing over an empty one."""
    return f"{value:.0f}" if value else ""


def _axis_maximum(values: Sequence[int]) -> tuple[int, int]:
    """A round top of the value axis and its step (never less than 5)."""
    top = max([*values, 1])
    step = 1 if top <= 5 else 2 if top <= 12 else 5 if top <= 30 else 10 * ((top + 59) // 60)
    return max(5, ((top + step) // step) * step), step


def category_bar_chart(
    labels: Sequence[str],
    this_month: Sequence[int],
    last_month: Sequence[int],
    *,
    title: str,
    width: float = 176 * mm,
    height: float = 72 * mm,
    series_names: tuple[str, str] = ("本月", "上月"),
) -> Drawing:
    """Grouped bars: one group per label, this month's bar beside last month's."""
    font = register_fonts()
    drawing = Drawing(width, height)
    drawing.add(String(width / 2, height - _TITLE_SIZE - 2, title, fontName=font,
                       fontSize=_TITLE_SIZE, textAnchor="middle"))
    chart = VerticalBarChart()
    chart.x = 12 * mm
    chart.y = 14 * mm
    chart.width = width - 16 * mm
    chart.height = height - 14 * mm - _TITLE_SIZE - 8 * mm
    chart.data = [list(this_month), list(last_month)]
    chart.categoryAxis.categoryNames = [_wrap_label(label) for label in labels]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = _LABEL_SIZE
    chart.categoryAxis.labels.leading = _LABEL_SIZE * 1.2
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.categoryAxis.labels.dy = -2
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = _LABEL_SIZE
    top, step = _axis_maximum([*this_month, *last_month])
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = top
    chart.valueAxis.valueStep = step
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#DDDDDD")
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.bars[0].fillColor = THIS_MONTH_COLOR
    chart.bars[1].fillColor = LAST_MONTH_COLOR
    chart.bars.strokeColor = None
    chart.groupSpacing = 6
    chart.barSpacing = 1
    chart.barLabelFormat = _bar_label
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 6.5
    chart.barLabels.nudge = 5
    drawing.add(chart)

    legend = Legend()
    legend.fontName = font
    legend.fontSize = _LABEL_SIZE
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.boxAnchor = "ne"
    legend.x = width - 2 * mm
    legend.y = height - 3
    legend.dx = legend.dy = 7
    legend.deltax = 30
    legend.colorNamePairs = [(THIS_MONTH_COLOR, series_names[0]),
                             (LAST_MONTH_COLOR, series_names[1])]
    drawing.add(legend)
    return drawing


def channel_pie_chart(
    labels: Sequence[str],
    counts: Sequence[int],
    *,
    title: str,
    width: float = 176 * mm,
    height: float = 62 * mm,
) -> Drawing:
    """A pie of `counts` with a legend "label  N件（p%）"; only a short note when all are zero."""
    font = register_fonts()
    pairs = [(label, count) for label, count in zip(labels, counts, strict=True) if count > 0]
    total = sum(count for _, count in pairs)
    if not total:
        height = 14 * mm
    drawing = Drawing(width, height)
    drawing.add(String(width / 2, height - _TITLE_SIZE - 2, title, fontName=font,
                       fontSize=_TITLE_SIZE, textAnchor="middle"))
    if not total:
        drawing.add(String(width / 2, 2 * mm, "本月无受理事项", fontName=font,
                           fontSize=_LABEL_SIZE + 1, textAnchor="middle"))
        return drawing
    size = min(height - _TITLE_SIZE - 10 * mm, width * 0.4)
    pie = Pie()
    pie.x = width * 0.2
    pie.y = (height - _TITLE_SIZE - size) / 2
    pie.width = pie.height = size
    pie.data = [count for _, count in pairs]
    pie.labels = None
    pie.startAngle = 90
    pie.direction = "clockwise"
    pie.slices.strokeColor = colors.white
    pie.slices.strokeWidth = 0.8
    for index in range(len(pairs)):
        pie.slices[index].fillColor = PIE_COLORS[index % len(PIE_COLORS)]
    drawing.add(pie)

    legend = Legend()
    legend.fontName = font
    legend.fontSize = _LABEL_SIZE + 0.5
    legend.alignment = "right"
    legend.boxAnchor = "w"
    legend.x = width * 0.2 + size + 14 * mm
    legend.y = pie.y + size / 2
    legend.dx = legend.dy = 7
    legend.deltay = 11
    legend.columnMaximum = 7
    legend.deltax = 62 * mm - 7
    legend.colorNamePairs = [
        (PIE_COLORS[index % len(PIE_COLORS)], f"{label}  {count}件（{count / total:.0%}）")
        for index, (label, count) in enumerate(pairs)
    ]
    drawing.add(legend)
    return drawing
