"""Users, passwords and log-in (DESIGN §3: users log in, passwords hashed with argon2)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from desktop_app.db.models import User
from desktop_app.db.services import users
from desktop_app.domain.errors import AuthError, PermissionDenied, ValidationError
from desktop_app.domain.roles import Role
from tests.support.db import ADMIN_PASSWORD, MEMBER_PASSWORD, audit_count


def _user(session, username: str) -> User:
    return session.exec(select(User).where(User.username == username)).one()


def test_first_admin_is_an_administrator_who_can_log_in(session, admin, now):
    assert admin.role == Role.admin
    assert admin.username == "zhuren"
    again = users.authenticate(session=session, username="zhuren", password=ADMIN_PASSWORD, now=now)
    assert again == admin
    assert users.has_users(session=session)


def test_first_admin_can_be_created_only_once(session, admin, now):
    with pytest.raises(PermissionDenied):
        users.create_first_admin(session=session, display_name="冒充者", username="other",
                                 password="Another2026", now=now)
    assert [u.username for u in users.list_users(session=session, actor=admin)] == ["zhuren"]


def test_password_is_stored_as_argon2_hash(session, admin, member):
    for username, password in (("zhuren", ADMIN_PASSWORD), ("qiantai", MEMBER_PASSWORD)):
        stored = _user(session, username).password_hash
        assert stored.startswith("$argon2")
        assert password not in stored


def test_same_password_gives_different_hashes(session, admin, now):
    users.create_user(session=session, actor=admin, username="jia01", display_name="甲",
                      role=Role.office_member, password=ADMIN_PASSWORD, now=now)
    assert _user(session, "jia01").password_hash != _user(session, "zhuren").password_hash


@pytest.mark.parametrize("password", ["", "short1", "abcdefgh", "12345678", "aaaaaaaa"])
def test_weak_password_refused_with_chinese_message(session, admin, password, now):
    before = audit_count(session)
    with pytest.raises(ValidationError) as info:
        users.create_user(session=session, actor=admin, username="weak", display_name="弱密码",
                          role=Role.office_member, password=password, now=now)
    assert info.value.field == "password"
    assert "密码" in info.value.message
    assert session.exec(select(User).where(User.username == "weak")).first() is None
    assert audit_count(session) == before


def test_weak_first_admin_password_refused_and_nothing_created(session, now):
    with pytest.raises(ValidationError) as info:
        users.create_first_admin(session=session, display_name="王主任", username="zhuren",
                                 password="password", now=now)
    assert info.value.field == "password"
    assert not users.has_users(session=session)


@pytest.mark.parametrize("username", ["zhuren", "ZhuRen", "ZHUREN", " zhuren "])
def test_duplicate_username_refused_case_insensitively(session, admin, username, now):
    with pytest.raises(ValidationError) as info:
        users.create_user(session=session, actor=admin, username=username, display_name="重复",
                          role=Role.office_member, password="Chongfu2026", now=now)
    assert info.value.field == "username"
    assert "已被使用" in info.value.message
    assert len(users.list_users(session=session, actor=admin)) == 1


def test_login_is_case_insensitive_on_username(session, admin, now):
    actor = users.authenticate(session=session, username="ZhuRen", password=ADMIN_PASSWORD, now=now)
    assert actor.user_id == admin.user_id


def _fail(session, now, username="qiantai", password="Wrong2026x") -> AuthError:
    with pytest.raises(AuthError) as info:
        users.authenticate(session=session, username=username, password=password, now=now)
    return info.value


def test_five_wrong_passwords_lock_the_account_for_five_minutes(session, member, now):
    for _ in range(5):
        last = _fail(session, now)
    assert "锁定" in last.message
    locked = _fail(session, now + timedelta(minutes=1), password=MEMBER_PASSWORD)
    assert "锁定" in locked.message
    locked = _fail(session, now + timedelta(minutes=4, seconds=59), password=MEMBER_PASSWORD)
    assert "锁定" in locked.message
    actor = users.authenticate(session=session, username="qiantai", password=MEMBER_PASSWORD,
                               now=now + timedelta(minutes=5, seconds=1))
    assert actor.user_id == member.user_id


def test_four_wrong_passwords_do_not_lock(session, member, now):
    for _ in range(4):
        assert "锁定" not in _fail(session, now).message
    actor = users.authenticate(session=session, username="qiantai", password=MEMBER_PASSWORD, now=now)
    assert actor == member


def test_failure_counter_survives_a_new_session(db, member, now):
    for _ in range(3):
        with db.session() as s:
            _fail(s, now)
    with db.session() as s:
        assert _user(s, "qiantai").failed_attempts == 3
    for _ in range(2):
        with db.session() as s:
            _fail(s, now)
    with db.session() as s:
        stored = _user(s, "qiantai")
        assert stored.locked_until == now + timedelta(minutes=5)
    with db.session() as s:
        assert "锁定" in _fail(s, now + timedelta(minutes=2), password=MEMBER_PASSWORD).message


def test_right_password_resets_the_failure_counter(session, member, now):
    for _ in range(4):
        _fail(session, now)
    users.authenticate(session=session, username="qiantai", password=MEMBER_PASSWORD, now=now)
    for _ in range(4):  # another four do not lock: the count started again
        assert "锁定" not in _fail(session, now).message


def test_unknown_user_and_wrong_password_give_the_same_message(session, member, now):
    unknown = _fail(session, now, username="nobody", password=MEMBER_PASSWORD)
    wrong = _fail(session, now, username="qiantai", password="Wrong2026x")
    assert unknown.message == wrong.message
    assert "用户名或密码错误" in unknown.message


def test_inactive_user_cannot_log_in(session, admin, member, now):
    users.update_user(session=session, actor=admin, user_id=member.user_id, display_name="李某某",
                      role=Role.office_member, active=False, now=now)
    err = _fail(session, now, password=MEMBER_PASSWORD)
    assert "用户名或密码错误" in err.message


def test_admin_reset_password_unlocks_and_old_password_stops_working(session, admin, member, now):
    for _ in range(5):
        _fail(session, now)
    users.set_password(session=session, actor=admin, user_id=member.user_id,
                       new_password="Xinmima2026", now=now)
    _fail(session, now, password=MEMBER_PASSWORD)
    actor = users.authenticate(session=session, username="qiantai", password="Xinmima2026", now=now)
    assert actor.user_id == member.user_id


def test_verify_password_for_the_idle_lock(session, member, now):
    users.verify_password(session=session, actor=member, password=MEMBER_PASSWORD, now=now)
    with pytest.raises(AuthError):
        users.verify_password(session=session, actor=member, password="Wrong2026x", now=now)
