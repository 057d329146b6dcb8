"""AppSync's error shapes."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError

ENVELOPE_KEY = "error"


class FieldError(Exception):
    """A field error with AppSync's errorType (from an error envelope, auth denial or Lambda failure)."""

    def __init__(self, error_type: str | None, message: str) -> None:
        super().__init__(message)
        self.error_type = error_type
        self.message = message


def envelope_error(value: Any) -> FieldError | None:
    """The runtime's `{"error": {"type", "message"}}` envelope (docs/architecture.md "Errors"), if value is one."""
    if isinstance(value, dict) and set(value) == {ENVELOPE_KEY} and isinstance(value[ENVELOPE_KEY], dict):
        inner = value[ENVELOPE_KEY]
        if "type" in inner:
            return FieldError(str(inner["type"]), str(inner.get("message", "")))
    return None


def lambda_unhandled(exc: BaseException) -> FieldError:
    return FieldError("Lambda:Unhandled", str(exc) or type(exc).__name__)


def format_error(error: GraphQLError, error_type: str | None = None) -> dict[str, Any]:
    original = error.original_error
    if isinstance(original, FieldError):
        error_type = original.error_type
    return {
        "path": error.path,
        "data": None,
        "errorType": error_type,
        "errorInfo": None,
        "locations": [{"line": loc.line, "column": loc.column, "sourceName": None} for loc in (error.locations or [])],
        "message": original.message if isinstance(original, FieldError) else error.message,
    }


def unauthorized_response(message: str) -> dict[str, Any]:
    return {"errors": [{"errorType": "UnauthorizedException", "message": message}]}
