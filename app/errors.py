"""Errors the domain raises, each with a message a person on the floor can act on."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.i18n import Message, tr


class TaktError(Exception):
    """Base of every error Takt reports to a person instead of a traceback.

    Raised with a sentence made by `app.i18n.tr`, it keeps that Message: `message` hands
    it to a screen, which says it in the person's language (`str(error)` is English)."""

    @property
    def message(self) -> str:
        """What the error says: the Message it was raised with, else its text."""
        first = self.args[0] if len(self.args) == 1 else None
        return first if isinstance(first, Message) else str(self)


@dataclass(frozen=True)
class FieldProblem:
    field: str
    problem: str

    def __str__(self) -> str:
        return f"{self.field}: {self.problem}"


class ValidationError(TaktError):
    """Bad input: names every field that is wrong and what is wrong with it."""

    def __init__(self, problems: list[FieldProblem] | FieldProblem) -> None:
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__("; ".join(str(p) for p in self.problems))

    @classmethod
    def one(cls, field: str, problem: str) -> ValidationError:
        return cls(FieldProblem(field, problem))

    @property
    def fields(self) -> list[str]:
        return [p.field for p in self.problems]


class StorageError(TaktError):
    """The local database cannot be used; the message names the file and what to do."""

    def __init__(self, path: Path, problem: str, remedy: str) -> None:
        self.path = path
        self.problem = problem
        self.remedy = remedy
        super().__init__(
            tr("{path}: {problem}. {remedy}", path=str(path), problem=problem, remedy=remedy)
        )

    def __reduce__(self) -> tuple[Any, ...]:  # made again from its parts, not its text
        return (type(self), (self.path, self.problem, self.remedy), self.__dict__)


class CorruptDatabaseError(StorageError):
    pass


class NewerDatabaseError(StorageError):
    pass


class UnwritableDataDirError(StorageError):
    pass


class DiskFullError(StorageError):
    """The database's disk is full: the change was rolled back, nothing of it was saved."""


class PermissionDenied(TaktError):
    """The person logged in may not do this; the message says who may."""


class IntegrityError(TaktError):
    """The event log's hash chain does not hold: history was edited or removed."""


class Rejected(ValidationError):
    """An event the current state does not allow (a business rule says no).

    Reducers raise it before they change anything, so a rejected event leaves the
    projections as they were. `redundant` marks an event whose effect is already there
    (a second terminal recording the same escalation): harmless, never shown as an error.
    """

    def __init__(self, reason: str, *, redundant: bool = False) -> None:
        super().__init__(FieldProblem("event", reason))
        self.reason = reason
        self.redundant = redundant
