"""The sandbox's one TLS port: GraphQL, realtime, the Cognito front, the push outbox, the dead letters and S3
(the buckets' paths, forwarded to moto)."""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

from .auth.cognito_front import CognitoFront
from .auth.tokens import Authenticator
from .graphql.execution import Executor
from .http.explorer import Explorer
from .http.graphql_route import graphql_route
from .http.push_outbox import PushOutbox
from .http.s3_proxy import S3Proxy
from .realtime.protocol import realtime_route
from .realtime.pubsub import SubscriptionHub
from .streams.dead_letters import DeadLetters


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
