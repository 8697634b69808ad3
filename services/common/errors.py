"""The errors a command or query can end in. The gRPC layer maps each to a canonical code."""
from __future__ import annotations

from dataclasses import dataclass


class FedstdError(Exception):
    """Base of every error the services raise on purpose."""

    #: Machine-readable reason for google.rpc.ErrorInfo, UPPER_SNAKE_CASE.
    reason: str = "FEDSTD_ERROR"


@dataclass(frozen=True)
class FieldViolation:
    field: str
    description: str


class ValidationError(FedstdError):
    """Bad input: maps to INVALID_ARGUMENT with one BadRequest field violation per problem."""

    reason = "INVALID_ARGUMENT"

    def __init__(self, violations: list[FieldViolation]):
        self.violations = violations
        super().__init__("; ".join(f"{v.field}: {v.description}" for v in violations))


class ConcurrencyError(FedstdError):
    """The stream moved on since it was read: maps to ABORTED; the caller may retry."""

    reason = "CONCURRENT_MODIFICATION"


class NotFoundError(FedstdError):
    reason = "NOT_FOUND"


class AlreadyExistsError(FedstdError):
    reason = "ALREADY_EXISTS"


class FailedPreconditionError(FedstdError):
    """The command is well formed but the system's state refuses it."""

    def __init__(self, reason: str, message: str):
        self.reason = reason
        super().__init__(message)


class DeadlineError(FedstdError):
    """A read-your-writes wait did not see the version in time."""

    reason = "NOT_YET_VISIBLE"


class Violations:
    """Collects field violations so that a request reports all its problems at once."""

    def __init__(self) -> None:
        self.items: list[FieldViolation] = []

    def add(self, field: str, description: str) -> None:
        self.items.append(FieldViolation(field, description))

    def check(self, condition: bool, field: str, description: str) -> bool:
        if not condition:
            self.add(field, description)
        return condition

    def raise_if_any(self) -> None:
        if self.items:
            raise ValidationError(self.items)
