"""Friday inspection rules: days, checklist, schedule and moves, photos, duty log (DESIGN §1.5–1.6)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.inspections import (
    DUTY_ENTRY_KIND_LABELS,
    FRIDAY_STATE_LABELS,
    INSPECTION_AREAS,
    ITEM_RESULT_LABELS,
    MAX_PHOTO_BYTES,
    NOT_AN_IMAGE,
    ChecklistEntry,
    DutyEntryKind,
    FridayMove,
    FridayState,
    ItemResult,
    check_checklist,
    check_image,
    check_inspection_day,
    check_move,
    count_results,
    default_checklist,
    duty_entry_window,
    friday_schedule,
    friday_state,
    inspection_days,
    matter_request_type,
    parse_checklist,
    week_of,
)

D = date


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2025, 10, 1), D(2025, 10, 31), [D(2025, 10, 3), D(2025, 10, 10), D(2025, 10, 17),
                                           D(2025, 10, 24), D(2025, 10, 31)]),
        (D(2025, 10, 3), D(2025, 10, 3), [D(2025, 10, 3)]),  # a single Friday
        (D(2025, 10, 4), D(2025, 10, 9), []),  # Sat..Thu
        (D(2025, 10, 10), D(2025, 10, 3), []),  # end before start
        (D(2026, 2, 1), D(2026, 2, 28), [D(2026, 2, 6), D(2026, 2, 13), D(2026, 2, 20),
                                         D(2026, 2, 27)]),  # Feb 20 is in Spring Festival: kept
        (D(2025, 12, 27), D(2026, 1, 10), [D(2026, 1, 2), D(2026, 1, 9)]),
    ],
)
def test_inspection_days(start: date, end: date, expected: list[date]) -> None:
    days = inspection_days(start, end)
    assert days == expected
    assert all(d.weekday() == 4 for d in days)


def test_areas() -> None:
    assert INSPECTION_AREAS == ("卫生", "安全", "设备", "设施", "工作秩序", "疫情防控")


# --- checklist template ------------------------------------------------------------------------


def test_labels() -> None:
    assert [ITEM_RESULT_LABELS[r] for r in ItemResult] == ["合格", "不合格", "不适用"]
    assert [DUTY_ENTRY_KIND_LABELS[k] for k in DutyEntryKind] == [
        "咨询", "接待", "投诉处理", "科室督导", "后勤保障", "其他"]
    assert [FRIDAY_STATE_LABELS[s] for s in FridayState] == [
        "已检查", "记录未完成", "本周待检查", "未到", "已漏检"]


def test_the_default_checklist_covers_every_area_with_about_thirty_items() -> None:
    items = default_checklist()
    assert 28 <= len(items) <= 36
    assert [a for a in INSPECTION_AREAS if any(i.area == a for i in items)] == list(INSPECTION_AREAS)
    per_area = {a: sum(i.area == a for i in items) for a in INSPECTION_AREAS}
    assert min(per_area.values()) >= 4
    texts = [i.text for i in items]
    assert any("消防通道" in t for t in texts)
    assert any("灭火器" in t and "有效期" in t for t in texts)
    assert any("医疗废物" in t and "交接登记" in t for t in texts)
    assert check_checklist(items) == items  # clean as shipped


@pytest.mark.parametrize(
    ("items", "field", "message"),
    [
        ([], "items", "至少要有一项"),
        ([ChecklistEntry("卫生", "地面清洁"), ChecklistEntry("绿化", "草坪")], "item:2", "检查类别"),
        ([ChecklistEntry("卫生", "  ")], "item:1", "请填写检查内容"),
        ([ChecklistEntry("安全", "长" * 101)], "item:1", "不能超过100个字"),
        ([ChecklistEntry("安全", "灭火器"), ChecklistEntry("安全", " 灭火器 ")], "item:2", "重复"),
    ],
)
def test_a_bad_checklist_is_refused(items, field, message) -> None:
    with pytest.raises(ValidationError, match=message) as caught:
        check_checklist(items)
    assert caught.value.field == field


def test_the_same_text_may_appear_in_two_areas_and_texts_are_stripped() -> None:
    items = check_checklist([ChecklistEntry("卫生", " 记录完整 "), ChecklistEntry("安全", "记录完整")])
    assert items == (ChecklistEntry("卫生", "记录完整"), ChecklistEntry("安全", "记录完整"))


def test_parse_checklist() -> None:
    text = '{"areas": [{"area": "设备", "items": ["急救车物品齐全", "除颤仪备用"]}]}'
    assert parse_checklist(text) == (ChecklistEntry("设备", "急救车物品齐全"),
                                     ChecklistEntry("设备", "除颤仪备用"))


# --- the Friday schedule -----------------------------------------------------------------------

NATIONAL_DAY_FRIDAY = D(2026, 10, 2)  # a Friday inside the 2026 National Day holiday (10-01..10-07)
MOVED = {NATIONAL_DAY_FRIDAY: FridayMove(D(2026, 10, 8), "国庆节放假，顺延至节后第一个工作日")}


def _states(today: date, recorded=None, moved=None) -> dict[date, FridayState]:
    slots = friday_schedule(D(2026, 9, 4), D(2026, 10, 23), recorded=recorded or {},
                            moved=moved if moved is not None else MOVED, today=today)
    return {s.friday: s.state for s in slots}


def test_week_of() -> None:
    assert week_of(D(2026, 10, 8)) == (D(2026, 10, 5), D(2026, 10, 11))
    assert week_of(D(2026, 10, 5)) == (D(2026, 10, 5), D(2026, 10, 11))
    assert week_of(D(2026, 10, 11)) == (D(2026, 10, 5), D(2026, 10, 11))


@pytest.mark.parametrize(
    ("due", "recorded", "signed", "today", "expected"),
    [
        (D(2026, 9, 4), True, True, D(2026, 10, 9), FridayState.done),
        (D(2026, 9, 4), True, False, D(2026, 10, 9), FridayState.draft),
        (D(2026, 9, 4), False, False, D(2026, 10, 9), FridayState.missed),
        (D(2026, 10, 9), False, False, D(2026, 10, 9), FridayState.this_week),  # Friday itself
        (D(2026, 10, 9), False, False, D(2026, 10, 5), FridayState.this_week),  # Monday before
        (D(2026, 10, 9), False, False, D(2026, 10, 10), FridayState.missed),  # Saturday after
        (D(2026, 10, 16), False, False, D(2026, 10, 9), FridayState.upcoming),
        (D(2026, 10, 16), True, False, D(2026, 10, 9), FridayState.draft),
    ],
)
def test_friday_state(due, recorded, signed, today, expected) -> None:
    assert friday_state(due, recorded, signed, today) is expected


def test_past_fridays_without_a_record_are_missed() -> None:
    states = _states(D(2026, 10, 9), recorded={D(2026, 9, 4): D(2026, 9, 4),
                                                 D(2026, 9, 18): None})
    assert states == {
        D(2026, 9, 4): FridayState.done,
        D(2026, 9, 11): FridayState.missed,
        D(2026, 9, 18): FridayState.draft,
        D(2026, 9, 25): FridayState.missed,
        NATIONAL_DAY_FRIDAY: FridayState.missed,  # moved to 10-08, which is past too
        D(2026, 10, 9): FridayState.this_week,
        D(2026, 10, 16): FridayState.upcoming,
        D(2026, 10, 23): FridayState.upcoming,
    }


@pytest.mark.parametrize(
    ("today", "moved_state", "unmoved_state"),
    [
        (D(2026, 10, 1), FridayState.upcoming, FridayState.this_week),  # holiday week, before
        (D(2026, 10, 3), FridayState.upcoming, FridayState.missed),  # the Friday is past
        (D(2026, 10, 5), FridayState.this_week, FridayState.missed),  # new day in this week
        (D(2026, 10, 8), FridayState.this_week, FridayState.missed),  # the new day itself
        (D(2026, 10, 9), FridayState.missed, FridayState.missed),  # the new day is past
    ],
)
def test_a_moved_holiday_friday_is_judged_by_its_new_day(today, moved_state, unmoved_state) -> None:
    assert _states(today)[NATIONAL_DAY_FRIDAY] is moved_state
    assert _states(today, moved={})[NATIONAL_DAY_FRIDAY] is unmoved_state


def test_a_moved_friday_shows_its_new_day_and_note_and_a_holiday_is_flagged() -> None:
    slots = friday_schedule(D(2026, 9, 28), D(2026, 10, 4), recorded={}, moved=MOVED,
                            today=D(2026, 10, 5), holidays={NATIONAL_DAY_FRIDAY})
    (slot,) = slots
    assert (slot.friday, slot.due_day, slot.moved, slot.move_note, slot.on_holiday) == (
        NATIONAL_DAY_FRIDAY, D(2026, 10, 8), True, "国庆节放假，顺延至节后第一个工作日", True)
    assert slot.label == "本周待检查"
    recorded = friday_schedule(D(2026, 9, 28), D(2026, 10, 4),
                               recorded={NATIONAL_DAY_FRIDAY: D(2026, 10, 8)}, moved=MOVED,
                               today=D(2026, 10, 20))
    assert (recorded[0].state, recorded[0].inspected_on) == (FridayState.done, D(2026, 10, 8))


@pytest.mark.parametrize(
    ("friday", "new_day", "note", "field"),
    [
        (D(2026, 10, 1), D(2026, 10, 8), "国庆", "friday"),  # a Thursday
        (NATIONAL_DAY_FRIDAY, None, "国庆", "new_day"),
        (NATIONAL_DAY_FRIDAY, NATIONAL_DAY_FRIDAY, "国庆", "new_day"),
        (NATIONAL_DAY_FRIDAY, D(2026, 10, 9), "国庆", "new_day"),  # next Friday
        (NATIONAL_DAY_FRIDAY, D(2026, 9, 25), "国庆", "new_day"),  # previous Friday
        (NATIONAL_DAY_FRIDAY, D(2026, 10, 8), "  ", "note"),
        (NATIONAL_DAY_FRIDAY, D(2026, 10, 8), "长" * 201, "note"),
    ],
)
def test_a_bad_move_is_refused(friday, new_day, note, field) -> None:
    with pytest.raises(ValidationError) as caught:
        check_move(friday, new_day, note)
    assert caught.value.field == field


def test_a_good_move() -> None:
    assert check_move(NATIONAL_DAY_FRIDAY, D(2026, 9, 30), " 国庆节放假 ") == FridayMove(
        D(2026, 9, 30), "国庆节放假")
    assert check_move(NATIONAL_DAY_FRIDAY, D(2026, 10, 8), "国庆节放假").new_day == D(2026, 10, 8)


def test_the_inspection_day_is_within_a_week_of_its_due_day() -> None:
    check_inspection_day(D(2026, 10, 8), D(2026, 10, 8))
    check_inspection_day(D(2026, 10, 8), D(2026, 10, 14))
    with pytest.raises(ValidationError, match="请先登记改期") as caught:
        check_inspection_day(NATIONAL_DAY_FRIDAY, NATIONAL_DAY_FRIDAY + timedelta(days=7))
    assert caught.value.field == "inspected_at"


def test_count_results() -> None:
    assert count_results(["passed", "failed", None, "passed", "not_applicable"]) == {
        "passed": 2, "failed": 1, "not_applicable": 1, "": 1}


# --- photos and the duty log ------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"


@pytest.mark.parametrize(
    ("header", "size", "expected"),
    [(PNG, 1000, "png"), (JPEG, 1000, "jpg"), (PNG, MAX_PHOTO_BYTES, "png")],
)
def test_images_are_recognised_by_their_first_bytes(header, size, expected) -> None:
    assert check_image(header, size) == expected


@pytest.mark.parametrize(
    ("header", "size", "message"),
    [
        (b"GIF89a\x01\x00", 100, NOT_AN_IMAGE),
        (b"%PDF-1.7\n", 100, NOT_AN_IMAGE),
        ("检查记录".encode(), 100, NOT_AN_IMAGE),
        (b"", 0, NOT_AN_IMAGE),
        (PNG, MAX_PHOTO_BYTES + 1, "照片不能超过 10 MB"),
    ],
)
def test_other_files_are_refused(header, size, message) -> None:
    with pytest.raises(ValidationError, match=message) as caught:
        check_image(header, size)
    assert caught.value.field == "photo"


def test_duty_entries_and_matters() -> None:
    assert matter_request_type("consultation") == "consultation"
    assert matter_request_type(DutyEntryKind.complaint) == "complaint"
    assert matter_request_type("logistics") == ""
    assert duty_entry_window(D(2026, 11, 23)) == (D(2026, 11, 23), D(2026, 11, 24))
