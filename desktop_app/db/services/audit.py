"""Reading the audit log (office director only; DESIGN §3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, func, select

from desktop_app.db.models import AuditLog
from desktop_app.db.tx import Actor, require
from desktop_app.domain.roles import Permission


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    username: str
    action: str
    table_name: str
    record_id: str
    before: str | None
    after: str | None


def count_audit(*, session: Session, actor: Actor, table: str | None = None) -> int:
    require(actor, Permission.view_audit)
    stmt = select(func.count(AuditLog.id))
    if table:
        stmt = stmt.where(AuditLog.table_name == table)
    return session.exec(stmt).one()


def list_audit(
    *, session: Session, actor: Actor, offset: int = 0, limit: int = 200, table: str | None = None
) -> list[AuditRow]:
    """Audit rows, newest first, one page at a time."""
    require(actor, Permission.view_audit)
    stmt = select(AuditLog).order_by(AuditLog.id.desc()).offset(offset).limit(limit)
    if table:
        stmt = stmt.where(AuditLog.table_name == table)
    return [
        AuditRow(a.id, a.at, a.username, a.action, a.table_name, a.record_id, a.before, a.after)
        for a in session.exec(stmt).all()
    ]
