"""POST and GET /graphql: authenticate like AppSync, then execute; every request gets a JSON answer.

Malformed requests are 400 MalformedHttpRequestException, auth failures 401 UnauthorizedException, GraphQL
errors 200 with `errors` (https://docs.aws.amazon.com/appsync/latest/devguide/troubleshooting-and-common-mistakes.html).
GET takes `query`, `variables` (JSON) and `operationName` from the query string, as the GraphQL-over-HTTP spec
describes (https://graphql.github.io/graphql-over-http/draft/#sec-GET); mutations only over POST, as it says.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from aiohttp import web
from graphql import OperationDefinitionNode, OperationType

from ..auth.tokens import Authenticator, AuthError
from ..graphql.errors import malformed_request
from ..graphql.execution import Executor
from .signed_graphql import auth_error_response, signed_request

log = logging.getLogger("sandbox.http")

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
    except Exception as exc:  # noqa: BLE001 - any unreadable body is the client's error, not a 500
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


def _wants_html(request: web.Request) -> bool:
    accept = request.headers.get("Accept", "")
    return "text/html" in accept and "query" not in request.query


def graphql_route(executor: Executor, authenticator: Authenticator, html_page: HtmlPage | None = None):
    async def handle(request: web.Request) -> web.StreamResponse:
        if request.method == "GET" and html_page is not None and _wants_html(request):
            return await html_page(request)
        try:
            signed = await signed_request(request)
            caller = authenticator.authenticate(request.headers, request.remote or "127.0.0.1", signed)
        except AuthError as exc:
            return auth_error_response(exc)
        try:
            body = await _post_body(request) if request.method == "POST" else _get_body(request.query)
            query, variables, operation_name = _request_fields(body)
        except Malformed as exc:
            log.info("refused %s /graphql: %s", request.method, exc)
            return web.json_response(malformed_request(str(exc)), status=400)
        if request.method == "GET" and _is_mutation(executor, query, operation_name):
            return web.json_response(
                malformed_request("Mutations are only accepted over POST."), status=405, headers={"Allow": "POST"}
            )
        result = await executor.run(query, variables, operation_name, caller, dict(request.headers))
        return web.json_response(result)

    return handle
