"""Errors sorted by who is to blame (STYLE.md: errors by who is to blame).

- ValidationError: the user can fix it; shown next to the named field
  (every field's problem at once when the checks were gathered).
- PermissionDenied: the logged-in role may not do this (DESIGN §3).
- StorageError: the disk or the database file (locked, read-only, full,
  damaged); the environment's fault, shown as a calm dialog.
Anything else is a bug.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


class DomainError(Exception):
    """Base of the errors a user can be told about in plain Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(DomainError):
    """Bad input: `field` names the form field, `message` is Chinese (the first problem).

    `problems` holds (field, message) for every problem found, first one first,
    so a form can show each under its field at once (`gather_errors`).
    """

    def __init__(self, field: str, message: str, *, more: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(message)
        self.field = field
        self.problems: tuple[tuple[str, str], ...] = ((field, message), *(tuple(p) for p in more))

    @classmethod
    def of(cls, problems: Sequence[tuple[str, str]]) -> ValidationError:
        """One error for several problems (at least one), in their order."""
        if not problems:
            raise ValueError("ValidationError.of needs at least one problem")
        (field, message), *more = problems
        return cls(field, message, more=more)

    def __str__(self) -> str:
        return self.message


def gather_errors(*checks: Callable[[], T]) -> tuple[T, ...]:
    """Run every check; if any raised ValidationError, raise one with all their problems (in order).

    Otherwise return their results, in order. Only for independent checks: a
    check that needs an earlier value to be valid runs after this returns.
    """
    results: list[T] = []
    problems: list[tuple[str, str]] = []
    for check in checks:
        try:
            results.append(check())
        except ValidationError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ValidationError.of(problems)
    return tuple(results)


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
