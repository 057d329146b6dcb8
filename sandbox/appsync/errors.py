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


def validation_error(error: GraphQLError) -> dict[str, Any]:
    """A syntax or validation error as AppSync sends it: path, locations and message, with NO errorType key
    (AppSync's answers quoted in https://github.com/aws-amplify/learn/issues/417 over HTTP and
    https://github.com/aws-amplify/amplify-swift/issues/1589 over realtime)."""
    body = format_error(error)
    del body["errorType"], body["errorInfo"], body["data"]
    return body


def limit_error(message: str) -> dict[str, Any]:
    """A document refused by the sandbox's bounds (limits.py) before graphql-core saw it."""
    return {"path": None, "locations": [], "errorType": "LimitExceeded", "message": message}


def malformed_request(message: str) -> dict[str, Any]:
    return {"errors": [{"errorType": "MalformedHttpRequestException", "message": message}]}
