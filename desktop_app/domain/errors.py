"""Errors sorted by who is to blame (STYLE.md: errors by who is to blame).

- ValidationError: the user can fix it; shown next to the named field.
- PermissionDenied: the logged-in role may not do this (DESIGN §3).
- StorageError: the disk or the database file (locked, read-only, full,
  damaged); the environment's fault, shown as a calm dialog.
Anything else is a bug.
"""

from __future__ import annotations


class DomainError(Exception):
    """Base of the errors a user can be told about in plain Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(DomainError):
    """Bad input for one field; `field` names the form field, `message` is Chinese."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field

    def __str__(self) -> str:
        return self.message


class PermissionDenied(DomainError):
    """The actor's role does not allow the action."""


class AuthError(DomainError):
    """Wrong user name or password, or a locked account."""


class StorageError(DomainError):
    """The database file cannot be used: locked, read-only, full, not a database, damaged.

    `kind` is one of: locked, readonly, full, not_database, damaged, newer_schema, io.
    """

    def __init__(self, message: str, kind: str = "io", path: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.path = path
