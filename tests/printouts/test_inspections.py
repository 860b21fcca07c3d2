"""The 周五检查 tab's printouts gathered from the database, read back out of the PDF.

One database (fixed today Mon 2026-11-23) holds:
- the signed inspection of Fri 2026-11-20: item 6 (消防通道) 不合格 → 总务科,
  rectified and waiting for its re-check, with two photos (one file deleted
  afterwards); item 1 不合格 with a long note → 院办公室 and 内科; then an
  amendment (工会主席, reason given);
- the inspection of Fri 2026-10-02, moved to Thu 10-08 (国庆节放假): item 10
  不合格 → 外科, overdue; item 12 不合格 with no department yet, overdue;
- a draft for Fri 2026-11-27 with one 不合格 answered;
- items entered by hand: a survey finding for 内科 (long texts, open), a
  superior's finding for 总务科 (closed after a re-check), another one for
  外科 sent back by a failed re-check;
- the duty log of Sun 2026-11-22: four entries, one registered as a matter,
  one after midnight.
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from pypdf import PdfReader

from desktop_app.printouts import inspections as ip
from desktop_app.db.database import Database
from desktop_app.db.services import users
from desktop_app.db.services.departments import create_department
from desktop_app.db.services.duty_log import (
    add_duty_entry,
    duty_entry_matter_prefill,
    open_duty_log,
)
from desktop_app.db.services.inspection_photos import add_photo
from desktop_app.records.inspection_rows import DutyEntryInput, FindingInput, ResultInput
from desktop_app.db.services.inspection_signoff import amend_inspection, sign_off
from desktop_app.db.services.inspections import move_friday, save_draft
from desktop_app.db.services.matters import register_matter
from desktop_app.records.rectification_rows import (
    RecheckInput,
    RectificationFilter,
    RectificationInput,
)
from desktop_app.db.services.rectifications import (
    add_rectification,
    mark_rectified,
    recheck_rectification,
)
from desktop_app.db.services.rectifications_query import list_rectifications
from desktop_app.db.services.settings import update_settings
from desktop_app.domain.errors import ValidationError
from tests.support.inspections import (
    FIRE_EXIT,
    FIRE_EXIT_NOTE,
    HEADER,
    answers,
    result_id,
    start,
)

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 30)
PRINTED = datetime(2026, 11, 23, 10, 5)
DUTY_DAY = date(2026, 11, 22)
OCT_FRIDAY = date(2026, 10, 2)
MOVE_NOTE = "国庆节放假，顺延至节后第一个工作日"

LONG_NOTE = ("门诊大厅东侧候诊区地面有大片水渍未及时清理，垃圾桶满溢，导诊台后方堆放杂物，"
             "保洁人员交接班期间无人巡查，患者反映多次")
LONG_MEASURE = ("一是调整保洁排班，交接班期间安排专人巡查；二是导诊台后方杂物当日清理，"
                "设置物品定点存放区；三是院办公室每日下午抽查一次并登记，连续两周无问题后转为每周抽查")
SURVEY_PROBLEM = ("关于费用的告知及收费合理性满意度最低，群众希望增加对收费标准的解释，"
                  "部分患者反映住院费用清单看不懂、出院结算时才知道自付金额")
SURVEY_MEASURE = ("收费窗口和住院部公示收费标准；开展收费告知专项培训；"
                  "住院患者每日费用清单由责任护士当面解释，出院前一日预告自付金额")
SUPERIOR_DONE = "药房冷藏柜温度记录不全"
SUPERIOR_BACK = "外科换药室医疗废物交接登记缺签名"
RECHECK_FAIL_NOTE = "11月20日交接登记仍有两处缺签名"
DUTY_LONG = ("患者家属反映夜间输液室等候时间长，护士态度生硬，要求院方给出说法，"
             "经与当班护士长沟通，调阅排班表，确认当晚仅一名护士在岗")


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _flat(pdf: bytes) -> str:
    """The text with every run of whitespace made one space (table cells come out a line each)."""
    return " ".join(_text(pdf).split())


def _joined(pdf: bytes) -> str:
    """The text with all whitespace removed (a wrapped cell reads as one string)."""
    return "".join(_text(pdf).split())


def _pages(pdf: bytes) -> list[str]:
    return ["".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def _photo(path: Path, color: str, size: tuple[int, int] = (160, 120)) -> Path:
    picture = Image.new("RGB", size, color)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((20, 20, size[0] - 20, size[1] - 20), outline="white", width=6)
    picture.save(path, format="PNG")
    return path


def build(path: Path, photos: Path) -> dict:
    """The database described in the module docstring; ids of what the tests look for."""
    db = Database.open(path, create=True, now=NOW)
    try:
        with db.session() as s:
            admin = users.create_first_admin(session=s, display_name="赵某某", username="zhuren",
                                             password="Zhuren2026", now=NOW)
            update_settings(session=s, actor=admin, values={"name": "示例镇卫生院"}, now=NOW)
            dept = {name: create_department(session=s, actor=admin, name=name,
                                            is_clinical=name in ("内科", "外科"), now=NOW).id
                    for name in ("院办公室", "总务科", "内科", "外科")}

            # October: moved off the National Day Friday, two overdue findings
            oct_now = datetime(2026, 10, 8, 17, 0)
            move_friday(session=s, actor=admin, friday=OCT_FRIDAY, new_day=date(2026, 10, 8),
                        note=MOVE_NOTE, now=datetime(2026, 9, 29, 9, 0))
            draft = start(s, admin, oct_now, OCT_FRIDAY)
            october = sign_off(
                session=s, actor=admin, inspection_id=draft.id, now=oct_now,
                header=replace(HEADER, inspected_at=datetime(2026, 10, 8, 15, 0)),
                results=answers(draft, {10: "麻醉药品柜仅一把锁，未双人管理", 12: "除颤仪电量不足，近三天无检查记录"}),
                findings=(FindingInput(result_id(draft, 10), (dept["外科"],),
                                       "加装第二把锁，指定双人保管钥匙", date(2026, 10, 16)),))

            # November 20: the main record
            draft = start(s, admin, NOW, date(2026, 11, 20))
            fire = result_id(draft, FIRE_EXIT)
            kept = add_photo(session=s, actor=admin, result_id=fire, now=NOW,
                             file=_photo(photos / "通道.png", "#B04040"))
            lost = add_photo(session=s, actor=admin, result_id=fire, now=NOW,
                             file=_photo(photos / "纸箱.png", "#4060B0", (120, 160)))
            november = sign_off(
                session=s, actor=admin, inspection_id=draft.id, header=HEADER, now=NOW,
                results=answers(draft, {FIRE_EXIT: FIRE_EXIT_NOTE, 1: LONG_NOTE})
                + [ResultInput(result_id(draft, 3), "not_applicable", "卫生间改造中，暂停使用")],
                findings=(FindingInput(fire, (dept["总务科"],), "清理纸箱，张贴禁放标识",
                                       date(2026, 11, 27)),
                          FindingInput(result_id(draft, 1), (dept["院办公室"], dept["内科"]),
                                       LONG_MEASURE)))
            lost.file_path.unlink()
            amend_inspection(session=s, actor=admin, inspection_id=november.id,
                             changes={"union_chair": "周某某"}, reason="工会主席记录有误",
                             now=datetime(2026, 11, 23, 9, 0))
            items = {r.result_id: r.id for r in list_rectifications(
                session=s, today=TODAY, filters=RectificationFilter())}
            mark_rectified(session=s, actor=admin, item_id=items[fire], note="纸箱已清走，已张贴禁放标识",
                           rectified_at=datetime(2026, 11, 21, 10, 0), now=NOW)

            # a draft for next Friday
            draft = start(s, admin, NOW, date(2026, 11, 27))
            save_draft(session=s, actor=admin, inspection_id=draft.id, now=NOW,
                       header=replace(HEADER, inspected_at=None, summary=""),
                       results=[ResultInput(result_id(draft, 2), "failed", "病区被褥未按时更换")])

            # items entered by hand
            add_rectification(session=s, actor=admin, now=NOW, data=RectificationInput(
                source_kind="satisfaction_survey", found_on=date(2026, 11, 10),
                problem=SURVEY_PROBLEM, measure=SURVEY_MEASURE, department_ids=(dept["内科"],),
                deadline=date(2026, 12, 31), source_text="2026年第三季度满意度调查"))
            done = add_rectification(session=s, actor=admin, now=NOW, data=RectificationInput(
                source_kind="superior_inspection", found_on=date(2026, 11, 5),
                problem=SUPERIOR_DONE, measure="专人每日两次记录温度", department_ids=(dept["总务科"],),
                deadline=date(2026, 11, 15), source_text="县卫健局院感督查"))
            mark_rectified(session=s, actor=admin, item_id=done.id, note="已补齐记录并指定专人",
                           rectified_at=datetime(2026, 11, 14, 16, 0), now=NOW)
            recheck_rectification(session=s, actor=admin, item_id=done.id, now=NOW,
                                  data=RecheckInput(by="孙某某", on=date(2026, 11, 20),
                                                    passed=True))
            back = add_rectification(session=s, actor=admin, now=NOW, data=RectificationInput(
                source_kind="superior_inspection", found_on=date(2026, 11, 6),
                problem=SUPERIOR_BACK, measure="交接双签名，科室每周自查", department_ids=(dept["外科"],),
                deadline=date(2026, 11, 30), source_text="县卫健局院感督查"))
            mark_rectified(session=s, actor=admin, item_id=back.id, note="已培训",
                           rectified_at=datetime(2026, 11, 18, 9, 0), now=NOW)
            recheck_rectification(session=s, actor=admin, item_id=back.id, now=NOW,
                                  data=RecheckInput(by="孙某某", on=date(2026, 11, 21),
                                                    passed=False, note=RECHECK_FAIL_NOTE))

            # the duty log
            log = open_duty_log(session=s, actor=admin, day=DUTY_DAY, director="张某某", now=NOW)
            entries = [
                DutyEntryInput(datetime(2026, 11, 22, 9, 5), "consultation", "咨询新农合住院报销比例",
                               "当场解答"),
                DutyEntryInput(datetime(2026, 11, 22, 10, 20), "complaint", DUTY_LONG,
                               "已向家属解释并协调加派护士，登记为投诉由办公室跟进"),
                DutyEntryInput(datetime(2026, 11, 22, 15, 0), "supervision", "督导检查药房",
                               "发现药品摆放不规范，已当场要求整改"),
                DutyEntryInput(datetime(2026, 11, 23, 1, 30), "logistics", "急诊科空调故障",
                               "联系总务科值班人员修复"),
            ]
            rows = [add_duty_entry(session=s, actor=admin, log_id=log.id, data=e, now=NOW)
                    for e in entries]
            prefill = duty_entry_matter_prefill(session=s, entry_id=rows[1].id)
            matter = register_matter(session=s, actor=admin, now=NOW, data=replace(
                prefill, complainant_name="钱某某", relation="家属", target_text="输液室",
                category="attitude"))
            return {"dept": dept, "november": november.id, "october": october.id,
                    "draft": draft.id, "serial": matter.serial, "kept": kept, "lost": lost}
    finally:
        db.close()


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ip")
    photos = folder / "originals"
    photos.mkdir()
    ids = build(folder / "ip.sqlite3", photos)
    database = Database.open(folder / "ip.sqlite3", now=NOW)
    yield database, ids
    database.close()


# --- 周五行政总检查记录表 -----------------------------------------------------------------------


def test_record_has_header_items_findings_and_signatures(setup) -> None:
    db, ids = setup
    pdf = ip.inspection_record_pdf(db, ids["november"], printed_at=PRINTED)
    text, joined = _text(pdf), _joined(pdf)
    assert "周五行政总检查记录表" in text and "示例镇卫生院" in text
    assert "打印时间：2026-11-23 10:05" in text and "第 1 页 / 共" in text
    assert "2026-11-20 15:00（星期五）" in text
    for value in ("张某某", "院办公室、总务科、政工科", "王某某、刘某某、陈某某"):
        assert value in joined
    assert "周某某" in joined  # the amended union chair
    assert "共检查32项：合格29项，不合格2项，不适用1项。" in joined
    for area in ("卫生", "安全", "设备", "设施", "工作秩序", "疫情防控"):
        assert area in text
    assert "消防通道、安全出口畅通无杂物" in joined
    assert f"存在问题：{FIRE_EXIT_NOTE}" in joined
    assert "卫生间改造中，暂停使用" in joined
    # the findings with their rectification items
    assert "清理纸箱，张贴禁放标识" in joined and "2026-11-27" in joined
    assert "已整改待复查" in joined and "总务科" in joined
    assert LONG_MEASURE in joined and "院办公室、内科" in joined
    assert "整体良好，个别问题当场要求整改" in joined  # 小结
    assert "草稿" not in text
    for label in ("分工院长签字", "工会主席签字", "记录人"):
        assert label in text
    assert "已在系统中签字确认：张某某2026-11-2309:30" in joined
    assert "系统记录人：赵某某" in joined


def test_record_long_note_wraps_instead_of_overflowing(setup) -> None:
    db, ids = setup
    joined = _joined(ip.inspection_record_pdf(db, ids["november"], printed_at=PRINTED))
    assert f"存在问题：{LONG_NOTE}" in joined


def test_record_prints_the_amendment(setup) -> None:
    db, ids = setup
    joined = _joined(ip.inspection_record_pdf(db, ids["november"], printed_at=PRINTED))
    assert "四、更正记录" in joined
    assert "2026-11-2309:00" in joined and "工会主席：李某某→周某某" in joined
    assert "工会主席记录有误" in joined


def test_record_shows_photos_and_notes_a_missing_file(setup) -> None:
    db, ids = setup
    pdf = ip.inspection_record_pdf(db, ids["november"], printed_at=PRINTED)
    joined = _joined(pdf)
    assert "附：现场照片" in joined and "附照片2张" in joined
    assert "照片文件缺失：纸箱.png" in joined
    images = [img for page in PdfReader(io.BytesIO(pdf)).pages for img in page.images]
    assert len(images) == 1  # the kept photo; the lost one is a note


def test_record_of_a_moved_friday_shows_the_move_and_open_findings(setup) -> None:
    db, ids = setup
    joined = _joined(ip.inspection_record_pdf(db, ids["october"], printed_at=PRINTED))
    assert "2026-10-02（星期五），改至2026-10-08（星期四）" in joined
    assert MOVE_NOTE in joined
    assert "麻醉药品柜仅一把锁，未双人管理" in joined and "加装第二把锁，指定双人保管钥匙" in joined and "外科" in joined
    assert "逾期38天" in joined  # 10-16 → 11-23
    assert "除颤仪电量不足，近三天无检查记录" in joined and "未指定" in joined


def test_a_draft_is_marked_on_every_page(setup) -> None:
    db, ids = setup
    pdf = ip.inspection_record_pdf(db, ids["draft"], printed_at=PRINTED)
    pages = _pages(pdf)
    assert all("草稿（未签字确认）" in page for page in pages)
    joined = "".join(pages)
    assert "本表尚未经分工院长签字确认" in joined
    assert "未填31项" in joined and "存在问题：病区被褥未按时更换" in joined
    assert "签字确认时确定责任科室、整改措施和整改期限" in joined and "尚未签字确认" in joined


def test_a_missing_inspection_is_refused(setup) -> None:
    db, _ids = setup
    with pytest.raises(ValidationError, match="该检查记录不存在"):
        ip.inspection_record_pdf(db, 9999, printed_at=PRINTED)


# --- 整改通知单 -------------------------------------------------------------------------------


def test_notices_one_page_per_department_with_open_items(setup) -> None:
    db, _ids = setup
    pdf = ip.rectification_notices_pdf(db, today=TODAY, printed_at=PRINTED)
    pages = _pages(pdf)
    # 院办公室, 总务科, 内科, 外科 in display order, each on its own page; 未指定 left out
    starts = [p for p in pages if p.count("整改通知单") >= 2]
    assert [next(d for d in ("院办公室：", "总务科：", "内科：", "外科：") if d in p)
            for p in starts] == ["院办公室：", "总务科：", "内科：", "外科："]
    assert not any("未指定科室" in p for p in pages)
    office, general, medicine, surgery = starts
    assert LONG_NOTE in office and LONG_MEASURE in office
    assert FIRE_EXIT_NOTE in general and "清理纸箱，张贴禁放标识" in general
    assert SUPERIOR_DONE not in general  # closed
    assert LONG_NOTE in medicine and SURVEY_PROBLEM in medicine and SURVEY_MEASURE in medicine
    assert "2026年第三季度满意度调查" in medicine
    assert "麻醉药品柜仅一把锁，未双人管理" in surgery and "【逾期38天】" in surgery
    assert SUPERIOR_BACK in surgery and "其中1项已逾期" in surgery
    for page in starts:
        assert "科室负责人签收：" in page and "签收日期：" in page
        assert "整改完成情况" in page and "服务群众管理办公室" in page
        assert "2026年11月23日" in page


def test_notice_of_one_department(setup) -> None:
    db, ids = setup
    joined = _joined(ip.rectification_notices_pdf(db, today=TODAY,
                                                  department_id=ids["dept"]["总务科"],
                                                  printed_at=PRINTED))
    assert "总务科：" in joined and FIRE_EXIT_NOTE in joined
    assert "内科：" not in joined and SURVEY_PROBLEM not in joined


def test_notices_with_nothing_to_send_are_refused(setup) -> None:
    db, ids = setup
    with pytest.raises(ValidationError, match="该科室不存在"):
        ip.rectification_notices_pdf(db, today=TODAY, department_id=999, printed_at=PRINTED)
    empty = Database.open(Path(db.path).parent / "empty.sqlite3", create=True, now=NOW)
    try:
        with pytest.raises(ValidationError, match="没有需要发出整改通知的事项"):
            ip.rectification_notices_pdf(empty, today=TODAY, printed_at=PRINTED)
    finally:
        empty.close()


# --- 整改台账 --------------------------------------------------------------------------------


def test_ledger_of_open_items_with_totals(setup) -> None:
    db, _ids = setup
    pdf = ip.rectification_ledger_pdf(db, today=TODAY, printed_at=PRINTED)
    assert PdfReader(io.BytesIO(pdf)).pages[0].mediabox.width > 800  # landscape
    joined = _joined(pdf)
    assert "整改台账（未销号）" in joined and "全部日期仅未销号事项统计截至2026-11-23" in joined
    for column in ("序号", "来源", "发现日期", "问题", "整改措施", "责任科室", "整改期限", "状态",
                   "整改情况", "复查人/日期", "销号日期"):
        assert column in joined
    assert "共6项：待整改5项（其中逾期2项），已整改待复查1项，已销号0项" in joined
    assert SUPERIOR_DONE not in joined
    assert SURVEY_PROBLEM in joined and SURVEY_MEASURE in joined  # wrapped, not cut
    assert "【逾期38天】" in joined and "纸箱已清走，已张贴禁放标识" in joined
    assert f"复查不合格：{RECHECK_FAIL_NOTE}" in joined
    assert "按状态合计" in joined and "项数 5 2 1 0 6" in _flat(pdf)


def test_ledger_of_all_items_in_a_period(setup) -> None:
    db, _ids = setup
    pdf = ip.rectification_ledger_pdf(db, today=TODAY, open_only=False, start=date(2026, 11, 1),
                                      end=date(2026, 11, 30), printed_at=PRINTED)
    joined = _joined(pdf)
    assert "发现日期2026-11-01至2026-11-30全部事项（含已销号）" in joined
    assert "整改台账（未销号）" not in joined
    assert "共5项：待整改3项，已整改待复查1项，已销号1项" in joined
    assert SUPERIOR_DONE in joined and "孙某某2026-11-20合格" in joined
    assert "麻醉药品柜仅一把锁，未双人管理" not in joined  # found in October
    flat = _flat(pdf)
    assert "项数 3 0 1 1 5" in flat  # 待整改 其中逾期 已整改待复查 已销号 合计


def test_an_empty_ledger_says_so(setup) -> None:
    db, _ids = setup
    text = _text(ip.rectification_ledger_pdf(db, today=TODAY, start=date(2026, 1, 1),
                                             end=date(2026, 1, 31), printed_at=PRINTED))
    assert "没有符合条件的整改事项" in text
    with pytest.raises(ValidationError, match="结束日期不能早于开始日期"):
        ip.rectification_ledger_pdf(db, today=TODAY, start=date(2026, 2, 1), end=date(2026, 1, 1),
                                    printed_at=PRINTED)


# --- 值班日志 --------------------------------------------------------------------------------


def test_duty_log_has_the_entries_counts_and_signature(setup) -> None:
    db, ids = setup
    pdf = ip.duty_log_pdf(db, DUTY_DAY, printed_at=PRINTED)
    text, joined = _text(pdf), _joined(pdf)
    assert "值班院长行政总值班日志" in text and "2026年11月22日（星期日）" in text
    assert "张某某" in text and "便民服务站" in text
    for column in ("时间", "类别", "内容", "处理结果", "转诉求编号"):
        assert column in text
    assert "09:05" in text and "咨询新农合住院报销比例" in joined
    assert DUTY_LONG in joined  # wrapped, not cut
    assert ids["serial"] in text
    assert "次日01:30" in joined and "急诊科空调故障" in joined
    assert "共4条：咨询1条，投诉处理1条，科室督导1条，后勤保障1条；其中1条已登记为诉求。" in joined
    assert "值班院长签字：" in joined


def test_a_day_without_a_log_is_refused(setup) -> None:
    db, _ids = setup
    with pytest.raises(ValidationError, match="该日没有值班日志"):
        ip.duty_log_pdf(db, date(2026, 11, 21), printed_at=PRINTED)
