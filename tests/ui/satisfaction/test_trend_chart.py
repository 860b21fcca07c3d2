"""The 12-month trend chart: axis, positions, gaps for months without answers, painting."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from desktop_app.records.survey_rows import TrendPoint
from desktop_app.domain.satisfaction import AnswerCounts
from desktop_app.ui.satisfaction.trend_chart import (
    TrendChart, axis_range, count_label, month_label, year_label,
)


def point(month: str, good: int, bad: int) -> TrendPoint:
    return TrendPoint(month, AnswerCounts(satisfied=good, dissatisfied=bad))


def year_of_points() -> list[TrendPoint]:
    months = [f"2025-{m:02d}" for m in range(11, 13)] + [f"2026-{m:02d}" for m in range(1, 11)]
    figures = [(90, 10), (95, 5), (0, 0), (88, 12), (97, 3), (92, 8), (93, 7), (99, 1), (96, 4),
               (94, 6), (91, 9), (98, 2)]
    return [point(m, g, b) for m, (g, b) in zip(months, figures, strict=True)]


@pytest.mark.parametrize(("rates", "expected"), [
    ([], (0.0, 100.0, 25.0)),
    ([None, None], (0.0, 100.0, 25.0)),
    ([0.95, 0.99], (92.0, 100.0, 2.0)),
    ([0.88, 0.97], (85.0, 100.0, 5.0)),
    ([0.5, 1.0], (40.0, 100.0, 20.0)),
    ([0.0], (0.0, 100.0, 20.0)),
    ([1.0], (97.0, 100.0, 1.0)),
])
def test_axis_range(rates, expected):
    assert axis_range(rates) == expected


@pytest.mark.parametrize(("month", "first", "label", "year"), [
    ("2025-11", True, "11月", "2025年"), ("2025-12", False, "12月", ""),
    ("2026-01", False, "1月", "2026年"), ("2026-02", False, "2月", ""),
])
def test_month_and_year_labels(month, first, label, year):
    assert month_label(month) == label
    assert year_label(month, first) == year


def test_count_labels_are_chinese():
    assert count_label(point("2026-10", 120, 3)) == "123 项"
    assert count_label(point("2026-10", 0, 0)) == "无数据"


def test_points_rates_positions_and_gap(qtbot):
    chart = TrendChart()
    qtbot.addWidget(chart)
    chart.resize(600, 300)
    points = year_of_points()
    chart.set_points(points, "满意率（%）· 全院")
    assert chart.caption() == "满意率（%）· 全院"
    rates = chart.rates()
    assert rates[0] == pytest.approx(0.90) and rates[2] is None and rates[-1] == pytest.approx(0.98)
    positions = chart.point_positions()
    assert positions[2] is None
    xs = [p.x() for p in positions if p is not None]
    assert xs == sorted(xs)  # oldest on the left
    # a higher rate is drawn higher (smaller y); 99% (2026-06) is the highest point
    ys = {points[i].month: p.y() for i, p in enumerate(positions) if p is not None}
    assert ys["2026-06"] == min(ys.values()) and ys["2026-02"] == max(ys.values())
    rect = chart.plot_rect()
    assert all(rect.top() <= y <= rect.bottom() for y in ys.values())
    assert "2026-01：无数据" in chart.toolTip()
    assert "2026-10：98.0%（有效答项 100）" in chart.toolTip()


def test_paints_points_and_the_empty_state(qtbot):
    chart = TrendChart()
    qtbot.addWidget(chart)
    chart.resize(600, 300)
    chart.set_points(year_of_points(), "满意率")
    image = chart.grab().toImage()
    last = chart.point_positions()[-1]
    # the reported month's point is red
    assert QColor(image.pixel(int(last.x()), int(last.y()))).red() > 150
    first = chart.point_positions()[0]
    assert QColor(image.pixel(int(first.x()), int(first.y()))).blue() > 150
    chart.set_points([point("2026-10", 0, 0)], "")
    assert chart.rates() == [None]
    empty = chart.grab().toImage()
    assert empty.width() == 600  # painted without points, axes or errors
