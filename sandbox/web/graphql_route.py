"""POST and GET /graphql: authenticate like AppSync, then execute; every request gets a JSON answer.

Malformed requests are 400 MalformedHttpRequestException, auth failures 401 UnauthorizedException, GraphQL
errors 200 with `errors` (https://docs.aws.amazon.com/appsync/latest/devguide/troubleshooting-and-common-mistakes.html).
GET takes `query`, `variables` (JSON) and `operationName` from the query string, as the GraphQL-over-HTTP spec
describes (https://graphql.github.io/graphql-over-http/draft/#sec-GET); mutations only over POST, as it says.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from aiohttp import web
from graphql import FieldNode, OperationDefinitionNode, OperationType, get_operation_ast

from ..appsync.errors import malformed_request
from ..appsync.execution import Executor
from ..auth.authz import API_KEY, COGNITO, IAM, Caller
from ..auth.tokens import Authenticator, AuthError
from .signed_graphql import auth_error_response, signed_request

log = logging.getLogger("sandbox.web")
# One line per GraphQL request (`POST /graphql createPost userPool 200 41 ms`): `python -m sandbox` shows it at INFO.
request_log = logging.getLogger("sandbox.requests")
READY_CHECK_HEADER = "X-Sandbox-Ready-Check"  # the sandbox's own start-up request (server.py): no request line

HtmlPage = Callable[[web.Request], Awaitable[web.StreamResponse]]


class Malformed(Exception):
    """The request itself is unusable: HTTP 400."""


def _request_fields(body: Any) -> tuple[Any, dict[str, Any], str | None]:
    if not isinstance(body, dict):
        raise Malformed("Unable to parse JSON document")
    variables = body.get("variables")
    if variables is None:
        variables = {}
    if not isinstance(variables, dict):
        raise Malformed("Variables must be a JSON object.")
    operation_name = body.get("operationName")
    if operation_name is not None and not isinstance(operation_name, str):
        raise Malformed("operationName must be a string.")
    return body.get("query"), variables, operation_name


async def _post_body(request: web.Request) -> Any:
    try:
        raw = await request.read()  # decodes Content-Encoding; a body that is not what it claims fails here
    except Exception as exc:  # any unreadable body is the client's error, not a 500
        raise Malformed("Unable to read the request body") from exc
    try:
        return json.loads(raw)  # UTF-8/16/32 by RFC 8259 detection; a bogus charset parameter is ignored
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:  # RecursionError: arrays nested too deep
        raise Malformed("Unable to parse JSON document") from exc


def _get_body(query: Mapping[str, str]) -> dict[str, Any]:
    body: dict[str, Any] = {"query": query.get("query"), "operationName": query.get("operationName")}
    if query.get("variables"):
        try:
            body["variables"] = json.loads(query["variables"])
        except (ValueError, RecursionError) as exc:
            raise Malformed("variables is not valid JSON") from exc
    return body


def _is_mutation(executor: Executor, query: Any, operation_name: str | None) -> bool:
    document, _ = executor.parse(query)
    if document is None:
        return False
    return any(
        isinstance(d, OperationDefinitionNode)
        and d.operation == OperationType.MUTATION
        and (operation_name is None or (d.name is not None and d.name.value == operation_name))
        for d in document.definitions
    )


def caller_kind(caller: Caller | None) -> str:
    """userPool, iam, guest (identity-pool credentials of an unauthenticated identity), apiKey, or none."""
    if caller is None:
        return "none"
    if caller.mode == COGNITO:
        return "userPool"
    if caller.mode == IAM:
        return "guest" if caller.identity.get("cognitoIdentityAuthType") == "unauthenticated" else "iam"
    if caller.mode == API_KEY:
        return "apiKey"
    return caller.mode


def operation_label(executor: Executor, query: Any, operation_name: str | None) -> str:
    """The operation's name, else its root fields (`createPost`, `me,listPosts`); `-` when there is none."""
    if operation_name:
        return operation_name
    document, _ = executor.parse(query) if isinstance(query, str) else (None, [])
    operation = get_operation_ast(document) if document is not None else None
    if operation is None:
        return "-"
    if operation.name is not None:
        return operation.name.value
    fields = [s.name.value for s in operation.selection_set.selections if isinstance(s, FieldNode)]
    return ",".join(fields) or "-"


def _outcome(response: web.StreamResponse) -> str:
    """The HTTP status, and the first error's type when there is one (`200 Unauthorized`, `401 Unauthorized...`)."""
    body = getattr(response, "body", None)
    if isinstance(body, bytes) and b'"errorType"' in body:
        try:
            errors = json.loads(body).get("errors") or []
            error_type = errors[0].get("errorType") if errors and isinstance(errors[0], dict) else None
        except (ValueError, AttributeError):
            error_type = None
        if error_type:
            return f"{response.status} {error_type}"
    return str(response.status)


def _wants_html(request: web.Request) -> bool:
    accept = request.headers.get("Accept", "")
    return "text/html" in accept and "query" not in request.query


def graphql_route(executor: Executor, authenticator: Authenticator, html_page: HtmlPage | None = None):
    async def answer(request: web.Request, seen: dict[str, Any]) -> web.StreamResponse:
        try:
            signed = await signed_request(request)
            caller = authenticator.authenticate(request.headers, request.remote or "127.0.0.1", signed)
        except AuthError as exc:
            return auth_error_response(exc)
        seen["caller"] = caller
        try:
            body = await _post_body(request) if request.method == "POST" else _get_body(request.query)
            query, variables, operation_name = _request_fields(body)
        except Malformed as exc:
            log.info("refused %s /graphql: %s", request.method, exc)
            return web.json_response(malformed_request(str(exc)), status=400)
        seen["operation"] = operation_label(executor, query, operation_name)
        if request.method == "GET" and _is_mutation(executor, query, operation_name):
            return web.json_response(
                malformed_request("Mutations are only accepted over POST."), status=405, headers={"Allow": "POST"}
            )
        result = await executor.run(query, variables, operation_name, caller, dict(request.headers))
        return web.json_response(result)

    async def handle(request: web.Request) -> web.StreamResponse:
        if request.method == "GET" and html_page is not None and _wants_html(request):
            return await html_page(request)
        started = time.monotonic()
        seen: dict[str, Any] = {}
        response = await answer(request, seen)
        if request_log.isEnabledFor(logging.INFO) and READY_CHECK_HEADER not in request.headers:
            request_log.info(
                "%s /graphql %s %s %s %d ms",
                request.method,
                seen.get("operation", "-"),
                caller_kind(seen.get("caller")),
                _outcome(response),
                round((time.monotonic() - started) * 1000),
            )
        return response

    return handle
