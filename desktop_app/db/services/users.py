"""Users, passwords and log-in (issue 2 §4; DESIGN §3).

- The first start creates the office director's (administrator's) account;
  this is possible only while there are no users.
- Passwords are hashed with argon2 and must be strong enough.
- Five wrong passwords in a row lock the account for five minutes.
- Only the office director manages users; the last active administrator
  cannot be demoted or deactivated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, func, select

from desktop_app.db.models import User
from desktop_app.db.tx import SYSTEM, Actor, require, snapshot, transactional, write_audit
from desktop_app.domain.errors import AuthError, PermissionDenied, ValidationError, gather_errors
from desktop_app.domain.roles import Permission, Role
from desktop_app.domain.validation import check_password_strength, clean_text, clean_username

MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=5)

_hasher = PasswordHasher()


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    display_name: str
    role: Role
    active: bool
    locked_until: datetime | None


def _row(u: User) -> UserRow:
    return UserRow(u.id, u.username, u.display_name, Role(u.role), u.active, u.locked_until)


def _actor(u: User) -> Actor:
    return Actor(u.id, u.username, u.display_name, Role(u.role))


def has_users(*, session: Session) -> bool:
    """True once any account exists (the first-run dialog is then skipped)."""
    return session.exec(select(func.count(User.id))).one() > 0


def list_users(*, session: Session, actor: Actor) -> list[UserRow]:
    """All accounts (office director only)."""
    require(actor, Permission.manage_users)
    return [_row(u) for u in session.exec(select(User).order_by(User.id)).all()]


def _clean_new(session: Session, username: str, display_name: str, password: str) -> tuple[str, str]:
    """The user name (unique) and display name of a new account; every field's problem at once."""

    def free_username() -> str:
        cleaned = clean_username(username, field="username")
        if session.exec(select(User).where(func.lower(User.username) == cleaned.lower())).first():
            raise ValidationError("username", f"用户名“{cleaned}”已被使用")
        return cleaned

    display, cleaned, _ = gather_errors(
        lambda: clean_text(display_name, field="display_name", label="姓名", max_len=30),
        free_username,
        lambda: check_password_strength(password, field="password"),
    )
    return cleaned, display


def _insert(session: Session, actor: Actor, username: str, display_name: str, role: Role,
            password: str, now: datetime) -> User:
    user = User(
        username=username, display_name=display_name, role=role.value,
        password_hash=_hasher.hash(password), created_at=now,
    )
    session.add(user)
    session.flush()
    write_audit(session, actor, "create", "app_user", user.id, None, snapshot(user), now)
    return user


@transactional
def create_first_admin(
    *, session: Session, display_name: str, username: str, password: str, now: datetime
) -> Actor:
    """Create the office director's account on first start; refused once any user exists."""
    if has_users(session=session):
        raise PermissionDenied("管理员账号已存在，请直接登录。")
    username, display_name = _clean_new(session, username, display_name, password)
    user = _insert(session, SYSTEM, username, display_name, Role.admin, password, now)
    return _actor(user)


@transactional
def create_user(
    *, session: Session, actor: Actor, username: str, display_name: str, role: Role,
    password: str, now: datetime,
) -> UserRow:
    """Add an account (office director only)."""
    require(actor, Permission.manage_users)
    username, display_name = _clean_new(session, username, display_name, password)
    return _row(_insert(session, actor, username, display_name, Role(role), password, now))


def _other_active_admins(session: Session, user_id: int) -> int:
    return session.exec(
        select(func.count(User.id)).where(
            User.role == Role.admin.value, User.active == True, User.id != user_id  # noqa: E712
        )
    ).one()


@transactional
def update_user(
    *, session: Session, actor: Actor, user_id: int, display_name: str, role: Role, active: bool,
    now: datetime,
) -> UserRow:
    """Change an account's name, role or active flag; the last administrator stays."""
    require(actor, Permission.manage_users)
    user = session.get(User, user_id)
    if user is None:
        raise ValidationError("id", "用户不存在")

    def keeps_an_admin() -> None:
        losing_admin = user.role == Role.admin.value and (Role(role) != Role.admin or not active)
        if losing_admin and _other_active_admins(session, user_id) == 0:
            raise ValidationError("role", "至少要保留一个启用的办公室主任（管理员）账号")

    display_name, _ = gather_errors(
        lambda: clean_text(display_name, field="display_name", label="姓名", max_len=30),
        keeps_an_admin,
    )
    before = snapshot(user)
    user.display_name, user.role, user.active = display_name, Role(role).value, active
    session.add(user)
    write_audit(session, actor, "update", "app_user", user.id, before, snapshot(user), now)
    return _row(user)


@transactional
def set_password(
    *, session: Session, actor: Actor, user_id: int, new_password: str, now: datetime
) -> None:
    """Set a password: the office director for anyone, every user for themselves. Unlocks."""
    if actor.user_id != user_id:
        require(actor, Permission.manage_users)
    user = session.get(User, user_id)
    if user is None:
        raise ValidationError("id", "用户不存在")
    check_password_strength(new_password, field="password")
    user.password_hash = _hasher.hash(new_password)
    user.failed_attempts, user.locked_until = 0, None
    session.add(user)
    write_audit(session, actor, "password", "app_user", user.id, None, {"username": user.username}, now)


def _verify(user: User, password: str) -> bool:
    try:
        return _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _check_password(session: Session, user: User, password: str, now: datetime) -> None:
    """Count a wrong password; lock after five. Raises AuthError; the count is committed."""
    if user.locked_until is not None and user.locked_until > now:
        minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
        raise AuthError(f"密码错误次数过多，账号已锁定，请 {minutes} 分钟后再试。")
    if _verify(user, password):
        user.failed_attempts, user.locked_until = 0, None
        session.add(user)
        return
    user.failed_attempts += 1
    if user.failed_attempts >= MAX_FAILED_ATTEMPTS:
        user.locked_until = now + LOCKOUT
        user.failed_attempts = 0
        message = "密码错误次数过多，账号已锁定 5 分钟。"
    else:
        # The same text as for an unknown user, so a name cannot be probed (see `authenticate`).
        message = "用户名或密码错误。"
    session.add(user)
    write_audit(session, _actor(user), "login_failed", "app_user", user.id, None,
                {"failed_attempts": user.failed_attempts, "locked_until": user.locked_until}, now)
    session.commit()
    raise AuthError(message)


@transactional
def authenticate(*, session: Session, username: str, password: str, now: datetime) -> Actor:
    """Log in: the Actor for a right password; AuthError otherwise (the same text for an unknown user)."""
    user = session.exec(select(User).where(func.lower(User.username) == username.strip().lower())).first()
    if user is None or not user.active:
        raise AuthError("用户名或密码错误。")
    _check_password(session, user, password, now)
    write_audit(session, _actor(user), "login", "app_user", user.id, None, None, now)
    return _actor(user)


@transactional
def verify_password(*, session: Session, actor: Actor, password: str, now: datetime) -> None:
    """Unlock the idle-locked window: the logged-in user's password, same lockout rules."""
    user = session.get(User, actor.user_id)
    if user is None or not user.active:
        raise AuthError("账号已停用，请联系办公室主任。")
    _check_password(session, user, password, now)
