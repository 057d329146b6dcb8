"""POST /graphql: authenticate like AppSync, then execute."""

from __future__ import annotations

from aiohttp import web

from .errors import unauthorized_response
from .execution import Executor
from .tokens import Authenticator, AuthError


def graphql_route(executor: Executor, authenticator: Authenticator):
    async def handle(request: web.Request) -> web.Response:
        try:
            caller = authenticator.authenticate(request.headers, request.remote or "127.0.0.1")
        except AuthError as exc:
            return web.json_response(unauthorized_response(str(exc)), status=401)
        try:
            body = await request.json()
            if not isinstance(body, dict):
                raise ValueError
        except ValueError:
            return web.json_response(
                {
                    "errors": [
                        {"errorType": "MalformedHttpRequestException", "message": "Unable to parse JSON document"}
                    ]
                },
                status=400,
            )
        variables = body.get("variables") or {}
        result = await executor.run(
            body.get("query"), variables, body.get("operationName"), caller, dict(request.headers)
        )
        return web.json_response(result)

    return handle
