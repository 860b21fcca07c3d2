"""Departments and staff: clear messages at the field, nothing saved half-way (DESIGN §3)."""

from __future__ import annotations

import pytest

from desktop_app.db.services import departments
from desktop_app.db.services.departments import StaffRole
from desktop_app.domain.errors import ValidationError
from tests.support.db import audit_count


def _names(session) -> list[str]:
    return [d.name for d in departments.list_departments(session=session)]


@pytest.fixture
def neike(session, admin, now):
    return departments.create_department(session=session, actor=admin, name="内科",
                                         is_clinical=True, phone="0538-5991234", now=now)


@pytest.mark.parametrize("name, message", [
    ("", "请填写科室名称"),
    ("   ", "请填写科室名称"),
    ("科" * 31, "不能超过30个字"),
    ("内科", "已存在"),
    ("  内科 ", "已存在"),
])
def test_bad_department_name_refused(session, admin, neike, name, message, now):
    n = audit_count(session)
    with pytest.raises(ValidationError) as info:
        departments.create_department(session=session, actor=admin, name=name, is_clinical=False,
                                      now=now)
    assert info.value.field == "name"
    assert message in info.value.message
    assert _names(session) == ["内科"]
    assert audit_count(session) == n


def test_thirty_character_name_is_accepted(session, admin, now):
    row = departments.create_department(session=session, actor=admin, name="科" * 30,
                                        is_clinical=False, now=now)
    assert row.name == "科" * 30


@pytest.mark.parametrize("phone", ["12345", "0538-59912", "138123412345", "电话", "5991234"])
def test_bad_department_phone_refused(session, admin, phone, now):
    with pytest.raises(ValidationError) as info:
        departments.create_department(session=session, actor=admin, name="外科",
                                      is_clinical=True, phone=phone, now=now)
    assert info.value.field == "phone"
    assert "电话格式不正确" in info.value.message
    assert _names(session) == []


@pytest.mark.parametrize("phone, stored", [
    ("0538-5991234转123", "0538-5991234-123"),
    ("(0538)5991234-8", "0538-5991234-8"),
    ("０５３８－５９９１２３４", "0538-5991234"),
    ("138 1234 5678", "13812345678"),
    ("", ""),
])
def test_good_phone_is_accepted_and_normalized(db, session, admin, phone, stored, now):
    row = departments.create_department(session=session, actor=admin, name="外科",
                                        is_clinical=True, phone=phone, now=now)
    assert row.phone == stored
    with db.session() as fresh:
        assert departments.list_departments(session=fresh)[0].phone == stored


def test_rename_to_another_departments_name_refused(session, admin, neike, now):
    waike = departments.create_department(session=session, actor=admin, name="外科",
                                          is_clinical=True, now=now)
    with pytest.raises(ValidationError) as info:
        departments.update_department(session=session, actor=admin, department_id=waike.id,
                                      name="内科", is_clinical=False, phone="0538-1111111", now=now)
    assert info.value.field == "name"
    row = next(d for d in departments.list_departments(session=session) if d.id == waike.id)
    assert (row.name, row.is_clinical, row.phone) == ("外科", True, "")


def test_update_keeping_own_name_and_deactivating(session, admin, neike, now):
    departments.update_department(session=session, actor=admin, department_id=neike.id,
                                  name="内科", is_clinical=True, phone="", active=False, now=now)
    assert departments.list_departments(session=session, include_inactive=False) == []
    [row] = departments.list_departments(session=session)
    assert (row.name, row.active, row.phone) == ("内科", False, "")


def test_department_that_does_not_exist_is_refused(session, admin, now):
    with pytest.raises(ValidationError) as info:
        departments.update_department(session=session, actor=admin, department_id=999,
                                      name="内科", is_clinical=True, now=now)
    assert info.value.field == "id"
    assert _names(session) == []


def test_list_departments_in_creation_order_with_active_staff_counts(session, admin, neike, now):
    waike = departments.create_department(session=session, actor=admin, name="外科",
                                          is_clinical=True, now=now)
    departments.create_department(session=session, actor=admin, name="总务科",
                                  is_clinical=False, now=now)
    for name in ("张某某", "李某某", "赵某某"):
        departments.create_staff(session=session, actor=admin, name=name,
                                 department_id=neike.id, now=now)
    gone = departments.create_staff(session=session, actor=admin, name="钱某某",
                                    department_id=waike.id, now=now)
    departments.create_staff(session=session, actor=admin, name="孙某某",
                             department_id=waike.id, now=now)
    departments.update_staff(session=session, actor=admin, staff_id=gone.id, name="钱某某",
                             department_id=waike.id, active=False, now=now)
    counts = {d.name: d.staff_count for d in departments.list_departments(session=session)}
    assert list(counts) == ["内科", "外科", "总务科"]
    assert counts == {"内科": 3, "外科": 1, "总务科": 0}


# --- staff ---------------------------------------------------------------------------------

def test_staff_roles_round_trip(db, session, admin, neike, now):
    roles = (StaffRole.nurse, StaffRole.duty_director, StaffRole.nurse)
    person = departments.create_staff(session=session, actor=admin, name="周某某",
                                      department_id=neike.id, roles=roles,
                                      phone="13812345678", now=now)
    assert set(person.roles) == {StaffRole.nurse, StaffRole.duty_director}
    assert len(person.roles) == 2
    with db.session() as fresh:
        [row] = departments.list_staff(session=fresh)
        assert set(row.roles) == {StaffRole.nurse, StaffRole.duty_director}
        assert (row.department_name, row.phone) == ("内科", "13812345678")
        assert [r.name for r in departments.list_staff(session=fresh, role=StaffRole.duty_director)] \
            == ["周某某"]
        assert departments.list_staff(session=fresh, role=StaffRole.doctor) == []


def test_staff_roles_can_be_changed_and_cleared(session, admin, neike, now):
    person = departments.create_staff(session=session, actor=admin, name="周某某",
                                      department_id=neike.id, roles=[StaffRole.doctor], now=now)
    row = departments.update_staff(session=session, actor=admin, staff_id=person.id, name="周某某",
                                   department_id=None, roles=[StaffRole.leader,
                                                              StaffRole.union_chair], now=now)
    assert set(row.roles) == {StaffRole.leader, StaffRole.union_chair}
    assert (row.department_id, row.department_name) == (None, "")
    row = departments.update_staff(session=session, actor=admin, staff_id=person.id, name="周某某",
                                   department_id=neike.id, roles=[], now=now)
    assert row.roles == ()


@pytest.mark.parametrize("kwargs, field", [
    ({"name": ""}, "name"),
    ({"name": "名" * 31}, "name"),
    ({"phone": "0538-12"}, "phone"),
    ({"department_id": 999}, "department_id"),
    ({"roles": ["janitor"]}, "roles"),
])
def test_bad_staff_input_refused_and_nothing_saved(session, admin, neike, kwargs, field, now):
    n = audit_count(session)
    values = {"name": "张某某", "department_id": neike.id, "roles": [StaffRole.doctor]} | kwargs
    with pytest.raises(ValidationError) as info:
        departments.create_staff(session=session, actor=admin, now=now, **values)
    assert info.value.field == field
    assert info.value.message
    assert departments.list_staff(session=session) == []
    assert audit_count(session) == n


def test_staff_that_does_not_exist_is_refused(session, admin, now):
    with pytest.raises(ValidationError) as info:
        departments.update_staff(session=session, actor=admin, staff_id=42, name="张某某",
                                 department_id=None, now=now)
    assert info.value.field == "id"


def test_failed_staff_update_leaves_the_old_values(session, admin, neike, now):
    person = departments.create_staff(session=session, actor=admin, name="张某某",
                                      department_id=neike.id, phone="13812345678", now=now)
    with pytest.raises(ValidationError):
        departments.update_staff(session=session, actor=admin, staff_id=person.id, name="张某",
                                 department_id=neike.id, phone="bad", now=now)
    session.expire_all()
    [row] = departments.list_staff(session=session)
    assert (row.name, row.phone) == ("张某某", "13812345678")
