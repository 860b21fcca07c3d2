"""One transaction per user action, the acting user, and the audit row (DESIGN §3)."""

from __future__ import annotations

import functools
import inspect
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ParamSpec, TypeVar

from sqlmodel import Session, SQLModel

from desktop_app.db.engine import as_storage_error
from desktop_app.db.models import AuditLog, User
from desktop_app.domain.errors import PermissionDenied, ValidationError
from desktop_app.domain.roles import PERMISSION_LABELS, ROLE_LABELS, Permission, Role, allows

P = ParamSpec("P")
R = TypeVar("R")

SECRET_FIELDS = frozenset({"password_hash"})


@dataclass(frozen=True)
class Actor:
    """Who is doing something: the logged-in user (or the program itself)."""

    user_id: int | None
    username: str
    display_name: str
    role: Role


SYSTEM = Actor(None, "system", "系统", Role.admin)


def require(actor: Actor, permission: Permission) -> None:
    """Refuse with PermissionDenied unless the actor's role allows `permission`."""
    if not allows(actor.role, permission):
        raise PermissionDenied(
            f"当前账号（{ROLE_LABELS[Role(actor.role)]}）无权{PERMISSION_LABELS[permission]}，"
            "请由办公室主任操作。"
        )


def snapshot(obj: SQLModel | None) -> dict[str, Any] | None:
    """A JSON-able copy of a row for the audit log, without secrets."""
    if obj is None:
        return None
    return {k: v for k, v in obj.model_dump().items() if k not in SECRET_FIELDS}


def _dump(data: dict[str, Any] | None) -> str | None:
    if data is None:
        return None
    return json.dumps(data, ensure_ascii=False, default=str, sort_keys=True)


def write_audit(
    session: Session,
    actor: Actor,
    action: str,
    table: str,
    record_id: object,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    now: datetime,
) -> None:
    """Add the audit row for one change: who, when, table, record, before, after.

    `now` is the caller's (issue 12: one clock); the audit row never reads the time itself.
    """
    check_time("now", now)
    session.add(
        AuditLog(
            at=now,
            user_id=actor.user_id,
            username=actor.username,
            action=action,
            table_name=table,
            record_id=str(record_id if record_id is not None else ""),
            before=_dump(before),
            after=_dump(after),
        )
    )


_TIME_TYPES: dict[str, type] = {"now": datetime, "today": date}


def check_time(name: str, value: object) -> None:
    """`now` must be a datetime and `today` a date (not a datetime), given by the caller's clock.

    A None or a wrongly typed time is the calling program's mistake; it is refused
    as a ValidationError on the parameter before anything is written.
    """
    wanted = _TIME_TYPES[name]
    if not isinstance(value, wanted) or (wanted is date and isinstance(value, datetime)):
        label = "当前时间" if name == "now" else "当天日期"
        raise ValidationError(name, f"程序未给出{label}（{name}），无法办理，请联系维护人员。")


def _required_times(fn: Callable[..., Any]) -> tuple[str, ...]:
    """The names among `now`/`today` that `fn` takes without a default."""
    params = inspect.signature(fn).parameters
    return tuple(name for name in _TIME_TYPES
                 if name in params and params[name].default is inspect.Parameter.empty)


def _check_still_allowed(session: Session, actor: Actor) -> None:
    """A user deactivated or given another role since logging in acts no more under the old role."""
    if actor.user_id is None:
        return
    user = session.get(User, actor.user_id)
    if user is None or not user.active or user.role != Role(actor.role).value:
        raise PermissionDenied("您的账号已被停用或角色已变更，请重新登录。")


def transactional(fn: Callable[P, R]) -> Callable[P, R]:
    """Run a service function as one transaction: commit at the end, roll back on any error.

    Database and disk errors come out as StorageError. A `now`/`today` the function
    requires but is given as None or as the wrong type is refused (see `check_time`).
    """
    times = _required_times(fn)

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        session: Session = kwargs["session"]  # type: ignore[assignment]
        for name in times:
            if name in kwargs:  # a call without it fails on the signature, as any missing argument
                check_time(name, kwargs[name])
        try:
            actor = kwargs.get("actor")
            if isinstance(actor, Actor):
                _check_still_allowed(session, actor)
            result = fn(*args, **kwargs)
            session.commit()
            return result
        except BaseException as exc:
            session.rollback()
            storage = as_storage_error(exc)
            if storage is not None and storage is not exc:
                raise storage from exc
            raise

    return wrapper
