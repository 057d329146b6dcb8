"""GraphQL over HTTPS the way AppSync expects it from a Cognito user: POST `{query, variables}` with the raw
token in `Authorization` (no "Bearer"). Errors in AppSync's shape (`errors[].errorType`, `message`), an HTTP
error status or a body that is not GraphQL's all become `GraphQLError`."""

from __future__ import annotations

import json
import ssl
import urllib.error
import urllib.request
from collections.abc import Mapping
from typing import Any

from .appsync_realtime import USER_AGENT

MAX_RESPONSE_BYTES = 1024 * 1024


class GraphQLError(Exception):
    """The operation did not return clean data; the message is AppSync's `errorType: message` list."""

    def __init__(self, message: str, *, status: int | None = None, errors: list[Any] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.errors = errors or []

    @property
    def error_types(self) -> list[str | None]:
        return [error.get("errorType") if isinstance(error, dict) else None for error in self.errors]


def describe_errors(errors: list[Any]) -> str:
    parts = []
    for error in errors:
        if isinstance(error, dict):
            kind, message = error.get("errorType"), error.get("message")
            parts.append(f"{kind}: {message}" if kind else str(message))
        else:
            parts.append(str(error))
    return "; ".join(parts)


def execute(
    url: str,
    token: str,
    query: str,
    variables: Mapping[str, Any] | None = None,
    *,
    timeout: float,
    ssl_context: ssl.SSLContext | None = None,
) -> dict[str, Any]:
    """The operation's `data`; GraphQLError when AppSync reports any error (a partial result is a failure too)."""
    body = json.dumps({"query": query, "variables": dict(variables or {})}).encode()
    request = urllib.request.Request(  # noqa: S310 - the target's GraphQL URL, from its configuration
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "Authorization": token, "x-amz-user-agent": USER_AGENT},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=ssl_context) as response:  # noqa: S310 - the target's GraphQL URL
            status, raw = response.status, response.read(MAX_RESPONSE_BYTES + 1)
    except urllib.error.HTTPError as error:  # AppSync answers 401 (and some 4xx) with a GraphQL error body
        status, raw = error.code, error.read(MAX_RESPONSE_BYTES + 1)
    if len(raw) > MAX_RESPONSE_BYTES:
        raise GraphQLError(f"HTTP {status}: response over {MAX_RESPONSE_BYTES} bytes", status=status)
    try:
        payload = json.loads(raw)
    except ValueError:
        raise GraphQLError(f"HTTP {status}: not JSON: {raw[:200]!r}", status=status) from None
    if not isinstance(payload, dict):
        raise GraphQLError(f"HTTP {status}: not a GraphQL response", status=status)
    errors = payload.get("errors") or []
    if errors:
        errors = errors if isinstance(errors, list) else [errors]
        prefix = "" if status == 200 else f"HTTP {status}: "
        raise GraphQLError(prefix + describe_errors(errors), status=status, errors=errors)
    data = payload.get("data")
    if status != 200 or not isinstance(data, dict):
        raise GraphQLError(f"HTTP {status}: no data in the response", status=status)
    return data
