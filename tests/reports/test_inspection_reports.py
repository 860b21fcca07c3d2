"""The 周五检查 report builders on plain rows: odd photos, long texts, many items, empty days."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from desktop_app.records.inspection_rows import (
    DutyEntryRow,
    DutyLogDetail,
    InspectionDetail,
    InspectionHeader,
    PhotoRow,
    ResultRow,
)
from desktop_app.records.rectification_rows import RectificationNotice, RectificationRow
from desktop_app.reports.duty_log_sheet import build_duty_log, counts_text
from desktop_app.reports.inspection_record import (
    build_inspection_record,
    friday_text,
    record_title,
    thumbnail,
)
from desktop_app.reports.rectification_sheets import (
    build_rectification_ledger,
    build_rectification_notices,
    ledger_scope,
    totals_text,
)

PRINTED = datetime(2026, 11, 23, 10, 0)
LONG = "二楼东侧消防通道堆放纸箱和废旧病床，" * 12
HEADER = InspectionHeader(inspected_at=datetime(2026, 11, 20, 15, 0), leader="张某某",
                          union_chair="李某某", departments="院办公室、总务科、政工科、" * 6,
                          participants="王某某、刘某某、陈某某、" * 8, summary=LONG)


def _joined(pdf: bytes) -> str:
    return "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def _photo(folder: Path, n: int, path: Path) -> PhotoRow:
    return PhotoRow(id=n, result_id=1, sha256=f"{n:064d}", relative_path=f"photos/{path.name}",
                    file_path=path, original_name=f"现场{n}.jpg", size=1,
                    added_at=PRINTED, added_by="赵某某")


def _detail(photos: tuple[PhotoRow, ...] = (), status: str = "signed",
            results: int = 40) -> InspectionDetail:
    rows = tuple(
        ResultRow(id=n, area=("卫生", "安全", "设备", "设施", "工作秩序", "疫情防控", "其他区域")[n % 7],
                  text=f"检查项目{n}：" + "内容" * (n % 9), order=n,
                  result="failed" if n == 1 else "passed", note=LONG if n == 1 else "",
                  original_result="failed" if n == 1 else "passed",
                  original_note=LONG if n == 1 else "",
                  photos=photos if n == 1 else ())
        for n in range(1, results + 1))
    return InspectionDetail(
        id=1, friday=date(2026, 10, 2), due_day=date(2026, 10, 8), move_note="国庆节放假",
        status=status, template_version=3, header=HEADER, original_header=HEADER, results=rows,
        signed_by="张某某" if status == "signed" else "",
        signed_at=PRINTED if status == "signed" else None, recorded_by="赵某某",
        created_at=PRINTED, updated_at=PRINTED)


def _item(n: int, *, status: str = "pending", overdue: bool = False,
          departments: str = "总务科") -> RectificationRow:
    return RectificationRow(
        id=n, source_kind="friday_inspection" if n % 2 else "superior_inspection",
        source_text="2026-11-20 周五行政总检查" if n % 2 else "县卫健局督查", found_on=date(2026, 11, 20),
        inspection_id=None, result_id=None, area="安全", item_text="消防通道畅通" if n % 2 else "",
        problem=f"问题{n}：{LONG}", measure=f"措施{n}：" + "清理杂物并张贴禁放标识，" * 8,
        department_ids=(1,), departments=departments, deadline=date(2026, 11, 27), status=status,
        overdue=overdue, deadline_text="逾期 3 天" if overdue else "剩 4 天", rectified_at=None,
        rectified_by="", rectified_note="", recheck_by="", recheck_on=None, recheck_passed=None,
        recheck_note="", recheck_photo_id=None, closed_at=None, created_at=PRINTED,
        created_by="赵某某")


def test_thumbnails_of_odd_files_never_fail(tmp_path: Path) -> None:
    big = tmp_path / "big.jpg"
    Image.new("RGB", (3000, 2000), "#407040").save(big, format="JPEG")
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\nnot really a picture")
    missing = tmp_path / "gone.png"
    photos = (_photo(tmp_path, 1, big), _photo(tmp_path, 2, broken), _photo(tmp_path, 3, missing))
    item = _detail().results[0]
    thumbs = [thumbnail(p, item) for p in photos]
    assert thumbs[0].image is not None and thumbs[0].image.drawWidth <= 40 * 2.835
    assert (thumbs[1].image, thumbs[1].problem) == (None, "照片无法读取")
    assert (thumbs[2].image, thumbs[2].problem) == (None, "照片文件缺失")
    pdf = build_inspection_record(_detail(photos * 3), {}, institution_name="示例镇卫生院",
                                  printed_at=PRINTED)
    joined = _joined(pdf)
    assert "照片无法读取：现场2.jpg" in joined and "照片文件缺失：现场3.jpg" in joined
    assert len(pdf) < 400_000  # the 3000×2000 photo went in as a small thumbnail


def test_long_texts_and_many_items_wrap_and_flow(tmp_path: Path) -> None:
    pdf = build_inspection_record(_detail(results=60), {}, institution_name="示例镇卫生院",
                                  printed_at=PRINTED)
    joined = _joined(pdf)
    assert "".join(LONG.split()) in joined  # the note and the summary, whole
    assert "检查项目60" in joined and "其他区域" in joined  # an area outside the six prints last
    assert "".join(HEADER.participants.split()) in joined
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 3


def test_the_move_and_the_draft_title() -> None:
    assert friday_text(_detail()) == "2026-10-02（星期五），改至 2026-10-08（星期四）；改期原因：国庆节放假"
    assert record_title(_detail()) == "周五行政总检查记录表"
    assert record_title(_detail(status="draft")) == "周五行政总检查记录表　草稿（未签字确认）"


def test_a_long_notice_flows_and_keeps_its_signature_block() -> None:
    items = tuple(_item(n, overdue=n == 2) for n in range(1, 9))
    pdf = build_rectification_notices([RectificationNotice(1, "总务科", items)],
                                      today=date(2026, 11, 23), institution_name="示例镇卫生院",
                                      printed_at=PRINTED)
    pages = [("".join(p.extract_text().split())) for p in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) >= 2
    joined = "".join(pages)
    assert "总务科：" in pages[0] and "共8项，其中1项已逾期" in pages[0]
    assert all(f"问题{n}：" in joined for n in range(1, 9))
    assert "科室负责人签收" in pages[-1]
    with pytest.raises(ValueError):
        build_rectification_notices([], today=date(2026, 11, 23), institution_name="示例镇卫生院",
                                    printed_at=PRINTED)


def test_ledger_totals_and_scope_wording() -> None:
    rows = [_item(1, overdue=True), _item(2), _item(3, status="rectified"),
            _item(4, status="closed", departments="")]
    assert totals_text(rows) == "共 4 项：待整改 2 项（其中逾期 1 项），已整改待复查 1 项，已销号 1 项"
    assert ledger_scope(open_only=False, start=date(2026, 11, 1), end=None,
                        today=date(2026, 11, 23)) == (
        "发现日期 2026-11-01 起　全部事项（含已销号）　统计截至 2026-11-23")
    pdf = build_rectification_ledger(rows * 6, today=date(2026, 11, 23), open_only=False,
                                     start=None, end=None, institution_name="示例镇卫生院",
                                     printed_at=PRINTED)
    joined = _joined(pdf)
    assert "未指定" in joined and "【逾期3天】" in joined
    flat = " ".join(" ".join(pg.extract_text() for pg in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "项数 12 6 6 6 24" in flat


def test_duty_log_without_entries_and_unknown_kinds() -> None:
    empty = DutyLogDetail(id=1, day=date(2026, 11, 22), director="张某某", created_by="赵某某")
    joined = _joined(build_duty_log(empty, institution_name="示例镇卫生院", printed_at=PRINTED))
    assert "本日未记录值班事项" in joined and "值班院长签字" in joined
    odd = DutyLogDetail(id=1, day=date(2026, 11, 22), director="张某某", created_by="赵某某",
                        entries=(DutyEntryRow(1, 1, datetime(2026, 11, 22, 8, 0), "visit", "巡视",
                                              "", "赵某某"),))
    assert counts_text(odd) == "共 1 条：visit 1 条。"
    assert "visit" in _joined(build_duty_log(odd, institution_name="示例镇卫生院", printed_at=PRINTED))
