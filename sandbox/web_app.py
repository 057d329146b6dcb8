"""The sandbox's one TLS port: GraphQL, realtime, the Cognito front, the push outbox, the dead letters and S3
(the buckets' paths, forwarded to moto)."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from aiohttp import web, web_server
from aiohttp.http_exceptions import HttpProcessingError
from aiohttp.web_protocol import RequestHandler

from .appsync.errors import malformed_request
from .appsync.execution import Executor
from .auth.tokens import Authenticator
from .aws_standins.cognito_front import CognitoFront
from .aws_standins.dead_letters import DeadLetters
from .aws_standins.push_outbox import PushOutbox
from .realtime.protocol import realtime_route
from .realtime.pubsub import SubscriptionHub
from .web.explorer import Explorer
from .web.graphql_route import graphql_route
from .web.s3_proxy import S3Proxy


@dataclass
class WebParts:
    executor: Executor
    hub: SubscriptionHub
    authenticator: Authenticator
    outbox: PushOutbox
    cognito: CognitoFront | None = None
    keepalive_s: float = 60.0
    dead_letters: DeadLetters | None = None
    s3_proxy: S3Proxy | None = None


def build_web_app(parts: WebParts) -> web.Application:
    # Bucket paths go to moto before any route sees them (and bodies are streamed, not held to client_max_size).
    middlewares = [parts.s3_proxy.middleware] if parts.s3_proxy is not None else []
    app = web.Application(client_max_size=16 * 1024 * 1024, middlewares=middlewares)
    explorer = Explorer(parts.authenticator)
    app.router.add_routes(explorer.routes())  # GET / and the explorer's static files
    graphql = graphql_route(parts.executor, parts.authenticator, html_page=explorer.explorer_page)
    app.router.add_post("/graphql", graphql)
    app.router.add_get("/graphql", graphql, allow_head=False)
    app.router.add_get(
        "/graphql/realtime", realtime_route(parts.hub, parts.executor, parts.authenticator, parts.keepalive_s)
    )
    app.router.add_routes(parts.outbox.routes())
    if parts.dead_letters is not None:
        app.router.add_routes(parts.dead_letters.routes())
    if parts.cognito is not None:
        app.router.add_routes(parts.cognito.routes())

        async def close_cognito(_app: web.Application) -> None:
            await parts.cognito.close()  # type: ignore[union-attr]

        app.on_cleanup.append(close_cognito)
    if parts.s3_proxy is not None:
        proxy = parts.s3_proxy

        async def close_s3_proxy(_app: web.Application) -> None:
            await proxy.close()

        app.on_cleanup.append(close_s3_proxy)
    return app


log = logging.getLogger("sandbox.web")


class _JsonErrorHandler(RequestHandler):
    """A request aiohttp cannot parse (a header with a newline or other control character, a bad request line)
    is answered 400 in AppSync's shape and logged in one line, not with aiohttp's traceback and text/plain."""

    def handle_error(
        self, request: Any, status: int = 500, exc: BaseException | None = None, message: str | None = None
    ) -> web.StreamResponse:
        if status != 400 or not isinstance(exc, HttpProcessingError):
            return super().handle_error(request, status, exc, message)
        reason = (str(exc.message).splitlines() or ["unparsable"])[0].rstrip(":")  # its next lines point at a byte
        log.info("refused a malformed HTTP request from %s: %s", request.remote, reason)
        response = web.Response(
            status=400,
            text=json.dumps(malformed_request(f"Malformed HTTP request: {reason}")),
            content_type="application/json",
        )
        response.force_close()
        return response


class _JsonErrorServer(web_server.Server):
    def __call__(self) -> RequestHandler:
        return _JsonErrorHandler(self, loop=self._loop, **self._kwargs)


class SandboxRunner(web.AppRunner):
    """web.AppRunner whose connections answer unparsable requests with _JsonErrorHandler."""

    async def _make_server(self) -> web_server.Server:
        server = await super()._make_server()
        server.__class__ = _JsonErrorServer  # the same server; only its per-connection handler class differs
        return server
