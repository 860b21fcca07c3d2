"""The test accounts' passwords, their cheap hasher, and direct reads of the audit log (bypassing the role check)."""

from __future__ import annotations

from argon2 import PasswordHasher
from sqlmodel import Session, func, select

from desktop_app.db.models import AuditLog

ADMIN_PASSWORD = "Zhuren2026"
MEMBER_PASSWORD = "Qiantai2026"
DUTY_PASSWORD = "Zhiban2026"


def cheap_hasher() -> PasswordHasher:
    """Still argon2, with the cheapest parameters: hashing dozens of test passwords stays fast."""
    return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


def audit_rows(session: Session) -> list[AuditLog]:
    """Every audit row, oldest first (read directly, bypassing the role check)."""
    return list(session.exec(select(AuditLog).order_by(AuditLog.id)).all())


def audit_count(session: Session) -> int:
    return session.exec(select(func.count(AuditLog.id))).one()
