"""The list model: display strings, colours, sort keys, search; qtmodeltester on model and proxy."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from desktop_app.records.matter_rows import MatterRow
from desktop_app.ui.complaints.table_model import (
    DUE_SOON_COLOR, HEADERS, OVERDUE_COLOR, ROW_ROLE, SORT_ROLE, MatterFilterProxy, MatterTableModel,
)

BASE = MatterRow(
    id=1, serial="2026-0009", received_at=datetime(2026, 11, 20, 10, 5), request_type="complaint",
    channel="walk_in", complainant="张某某", phone_masked="138****1234", target="内科 / 张某某",
    department_id=1, category="attitude", status="dispatched", round=1,
    deadline=date(2026, 12, 4), provisional=False, overdue=False, due_soon=False, closed_at=None,
    content="挂号时窗口人员态度生硬",
)


def rows() -> list[MatterRow]:
    return [
        BASE,
        replace(BASE, id=2, serial="2026-0010", received_at=datetime(2026, 11, 2, 8, 0),
                request_type="consultation", channel="hotline_12345", complainant="匿名",
                phone_masked="", status="rehandling", round=2, deadline=date(2026, 11, 4),
                overdue=True, content="咨询医保报销比例"),
        replace(BASE, id=3, serial="2025-0100", received_at=datetime(2025, 12, 30, 16, 0),
                request_type="report", channel="letter", complainant="李某某",
                status="closed", deadline=date(2027, 1, 14), provisional=True, due_soon=True,
                content="反映收取红包"),
    ]


def text(model, row: int, column: int) -> str:
    return model.index(row, column).data()


def test_display_strings() -> None:
    model = MatterTableModel(rows())
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(9)] == list(HEADERS)
    assert [text(model, 0, c) for c in range(9)] == [
        "2026-0009", "2026-11-20 10:05", "投诉", "现场来访", "张某某", "138****1234",
        "内科 / 张某某", "已转办", "2026-12-04"]
    assert text(model, 1, 7) == "再次办理（第2轮）"
    assert text(model, 1, 3) == "12345政务服务热线"
    assert text(model, 2, 8) == "2027-01-14 待核定"
    assert model.index(0, 0).data(ROW_ROLE) == BASE
    assert model.index(0, 0).data(SORT_ROLE) == 202600009
    assert model.index(0, 1).data(SORT_ROLE) == datetime(2026, 11, 20, 10, 5)
    assert model.index(0, 8).data(SORT_ROLE) == date(2026, 12, 4)


def test_overdue_red_due_soon_amber_others_plain() -> None:
    model = MatterTableModel(rows())
    background = Qt.ItemDataRole.BackgroundRole
    assert model.index(0, 3).data(background) is None
    assert model.index(1, 3).data(background).color() == OVERDUE_COLOR
    assert model.index(2, 5).data(background).color() == DUE_SOON_COLOR


@pytest.mark.parametrize(("column", "expected"), [
    (0, [3, 1, 2]),  # serial: year first, then number
    (1, [3, 2, 1]),  # received time
    (2, [2, 1, 3]),  # type in the order of the code list: 咨询 … 投诉, 举报
    (3, [1, 2, 3]),  # channel: internal first
    (7, [1, 2, 3]),  # status: 已转办, 再次办理, 已办结
    (8, [2, 1, 3]),  # deadline
])
def test_sorting_uses_raw_keys(column: int, expected: list[int]) -> None:
    proxy = MatterFilterProxy()
    proxy.setSourceModel(MatterTableModel(rows()))
    proxy.sort(column, Qt.SortOrder.AscendingOrder)
    assert [proxy.matter_at(i).id for i in range(3)] == expected
    proxy.sort(column, Qt.SortOrder.DescendingOrder)
    assert [proxy.matter_at(i).id for i in range(3)] == expected[::-1]


def test_search_over_content_complainant_and_serial() -> None:
    proxy = MatterFilterProxy()
    proxy.setSourceModel(MatterTableModel(rows()))
    for query, ids in (("红包", {3}), ("张某某", {1}), ("2026-00", {1, 2}), ("匿名", {2}),
                       ("  ", {1, 2, 3}), ("没有这个词", set())):
        proxy.set_search(query)
        assert {proxy.matter_at(i).id for i in range(proxy.rowCount())} == ids, query
    proxy.set_search("")
    assert proxy.proxy_row_of(2) >= 0
    assert proxy.proxy_row_of(99) == -1


def test_set_rows_and_find() -> None:
    model = MatterTableModel()
    assert model.rowCount() == 0
    model.set_rows(rows())
    assert model.rowCount() == 3 and model.columnCount() == 9
    assert model.find(3) == 2 and model.find(42) == -1
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) is None
    assert model.index(0, 6).data(Qt.ItemDataRole.ToolTipRole) == "内科 / 张某某"


def test_model_passes_qtmodeltester(qtmodeltester) -> None:
    qtmodeltester.check(MatterTableModel(rows()))
    qtmodeltester.check(MatterTableModel())


def test_proxy_passes_qtmodeltester(qtmodeltester) -> None:
    proxy = MatterFilterProxy()
    proxy.setSourceModel(MatterTableModel(rows()))
    proxy.sort(8, Qt.SortOrder.AscendingOrder)
    proxy.set_search("某")
    qtmodeltester.check(proxy)
