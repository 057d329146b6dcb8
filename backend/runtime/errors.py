"""Errors the runtime distinguishes.

Domain errors are expected outcomes (bad input, missing item, wrong caller, stale version). They are returned
to AppSync as an error envelope, never raised out of the Lambda, so the resolver code can surface them with a
custom ``errorType``. Anything else is a bug or an outage and becomes a sanitized ``InternalError``.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """An expected failure whose message is safe to show to the caller."""

    error_type = "DomainError"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def envelope(self) -> dict[str, Any]:
        return error_envelope(self.error_type, self.message)


class Unauthorized(DomainError):
    error_type = "Unauthorized"


class NotFound(DomainError):
    error_type = "NotFound"


class ValidationError(DomainError):
    error_type = "ValidationError"


class ConflictError(DomainError):
    error_type = "ConflictError"


class BadRequest(DomainError):
    """An argument the field cannot work with at all (e.g. appConfig's version is not semver)."""

    error_type = "BadRequest"


class InternalError(Exception):
    """Raised instead of an unexpected exception: no table names, no trace, just a generic message."""

    def __init__(self, message: str = "Internal server error") -> None:
        super().__init__(message)


class ConfigurationError(Exception):
    """The function's environment is incomplete or malformed (a deployment bug, not a client error)."""


def error_envelope(error_type: str, message: str) -> dict[str, Any]:
    """The shape the APPSYNC_JS resolver code turns into ``util.error(message, type)``."""
    return {"error": {"type": error_type, "message": message}}
