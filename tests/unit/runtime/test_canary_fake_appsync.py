"""A small in-test AppSync for the canary's tests (no tests of its own): GraphQL over HTTPS and the realtime
protocol of docs/appsync-realtime.md on one TLS port, as the real service and the sandbox serve them.

Only what the journey uses: createPost / getPost / deletePost on an in-memory table and `onCreatePost`. Knobs:
`broken` fields answer AppSync's `Lambda:Unhandled` error, `publish_events = False` loses the subscription
events, and every event of the canary's post is preceded by someone else's post (the subscription is
unfiltered). Everything it was sent is recorded for the tests to assert on.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import re
import socket
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, web

from sandbox.web.tls import create_tls_files

FIELD = re.compile(r"\b(createPost|getPost|deletePost)\s*\(")


def b64url_json(value: str) -> dict[str, Any]:
    try:
        decoded = json.loads(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
    except ValueError:
        return {}
    return decoded if isinstance(decoded, dict) else {}


def jwt_claims(token: str) -> dict[str, Any]:
    parts = token.split(".")
    return b64url_json(parts[1]) if len(parts) == 3 else {}


def is_cognito_id_token(token: str) -> bool:
    """The journey must send the ID token (not the access token), raw (no "Bearer ")."""
    return jwt_claims(token).get("token_use") == "id"


def _error(error_type: str, message: str) -> dict[str, Any]:
    return {"errorType": error_type, "message": message}


class FakeAppSync:
    def __init__(self, ca_cert: Path, server_context: Any, accepts: Callable[[str], bool]) -> None:
        self.ca_cert = str(ca_cert)
        self._server_context = server_context
        self._accepts = accepts
        self.posts: dict[str, dict[str, Any]] = {}
        self.broken: set[str] = set()
        self.publish_events = True
        self.requests: list[dict[str, Any]] = []
        self.handshakes: list[dict[str, Any]] = []
        self.starts: list[dict[str, Any]] = []
        self.stops: list[str] = []
        self.created_ids: list[str] = []
        self._subscribers: dict[str, web.WebSocketResponse] = {}
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}/graphql"

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    # --- lifecycle ---------------------------------------------------------------------------------------
    def start(self) -> FakeAppSync:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(timeout=10)
        return self

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_post("/graphql", self._graphql)
        app.router.add_get("/graphql/realtime", self._realtime)
        self._runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=1)
        await self._runner.setup()
        listener = socket.create_server(("127.0.0.1", 0))
        self.port = listener.getsockname()[1]
        await web.SockSite(self._runner, listener, ssl_context=self._server_context).start()

    # --- GraphQL over HTTPS ------------------------------------------------------------------------------
    async def _graphql(self, request: web.Request) -> web.Response:
        token = request.headers.get("Authorization", "")
        body = await request.json()
        self.requests.append({"authorization": token, **body})
        if not self._accepts(token):
            return web.json_response(
                {"errors": [_error("UnauthorizedException", "Valid authorization header not provided.")]}, status=401
            )
        match = FIELD.search(body.get("query", ""))
        if not match:
            return web.json_response({"data": None, "errors": [{"message": "Validation error of type FieldUndefined"}]})
        field, variables = match.group(1), body.get("variables") or {}
        if field in self.broken:
            error = {**_error("Lambda:Unhandled", f"{field} is broken on purpose"), "path": [field]}
            return web.json_response({"data": {field: None}, "errors": [error]})
        if field == "createPost":
            post = {"id": str(uuid.uuid4()), "title": variables["input"]["title"]}
            self.posts[post["id"]] = post
            self.created_ids.append(post["id"])
            if self.publish_events:
                await self._publish({"id": "someone-else", "title": "another user's post"})
                await self._publish(post)
            return web.json_response({"data": {"createPost": post}})
        if field == "getPost":
            found = self.posts.get(variables["id"])
            if found is None:
                return web.json_response({"data": {"getPost": None}, "errors": [_error("NotFound", "no such post")]})
            return web.json_response({"data": {"getPost": found}})
        self.posts.pop(variables["id"], None)
        return web.json_response({"data": {"deletePost": {"id": variables["id"]}}})

    async def _publish(self, post: dict[str, Any]) -> None:
        for sub_id, ws in list(self._subscribers.items()):
            await ws.send_json({"id": sub_id, "type": "data", "payload": {"data": {"onCreatePost": post}}})

    # --- realtime ----------------------------------------------------------------------------------------
    async def _realtime(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(protocols=("graphql-ws",), autoping=True)
        await ws.prepare(request)
        offered = [p.strip() for p in request.headers.get("Sec-WebSocket-Protocol", "").split(",")]
        header = next((b64url_json(p[len("header-") :]) for p in offered if p.startswith("header-")), {})
        self.handshakes.append({"offered": offered, "header": header, "query_string": request.query_string})
        authorized = self._accepts(header.get("Authorization", "")) and header.get("host") == self.host
        async for message in ws:
            if message.type != WSMsgType.TEXT:
                continue
            frame = json.loads(message.data)
            if not authorized:
                errors = [{**_error("UnauthorizedException", "token refused"), "errorCode": 401}]
                await ws.send_json({"type": "connection_error", "payload": {"errors": errors}})
                await ws.close(code=4401)
                break
            await self._on_frame(ws, frame)
        for sub_id in [s for s, socket_ in self._subscribers.items() if socket_ is ws]:
            del self._subscribers[sub_id]
        return ws

    async def _on_frame(self, ws: web.WebSocketResponse, frame: dict[str, Any]) -> None:
        kind, sub_id = frame.get("type"), str(frame.get("id"))
        if kind == "connection_init":
            await ws.send_json({"type": "connection_ack", "payload": {"connectionTimeoutMs": 300000}})
            await ws.send_json({"type": "ka"})
        elif kind == "start":
            payload = frame["payload"]
            request = json.loads(payload["data"])
            self.starts.append(
                {"id": sub_id, "request": request, "authorization": payload["extensions"]["authorization"]}
            )
            if "onCreatePost" not in request["query"]:
                errors = [_error("UnsupportedOperation", "only onCreatePost here")]
                await ws.send_json({"id": sub_id, "type": "error", "payload": {"errors": errors}})
                return
            self._subscribers[sub_id] = ws
            await ws.send_json({"id": sub_id, "type": "start_ack"})
            await ws.send_json({"type": "ka"})
        elif kind == "stop":
            self.stops.append(sub_id)
            self._subscribers.pop(sub_id, None)
            await ws.send_json({"id": sub_id, "type": "complete"})


@contextlib.contextmanager
def running_fake_appsync(directory: Path, accepts: Callable[[str], bool]) -> Iterator[FakeAppSync]:
    tls = create_tls_files(directory)
    fake = FakeAppSync(tls.ca_cert, tls.server_context(), accepts).start()
    try:
        yield fake
    finally:
        fake.stop()
