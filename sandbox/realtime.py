"""AppSync's realtime WebSocket protocol (docs/appsync-realtime.md) on /graphql/realtime."""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import logging
from typing import Any

from aiohttp import WSMsgType, web
from graphql import OperationType, get_operation_ast
from graphql.execution.values import get_argument_values

from .authz import denial_message
from .execution import Executor, fragment_definitions
from .pubsub import Subscription, SubscriptionHub
from .selection import iter_fields
from .tokens import Authenticator, AuthError

log = logging.getLogger("sandbox.realtime")

CONNECTION_TIMEOUT_MS = 300_000
SUBPROTOCOL = "graphql-ws"


def _b64_json(value: str) -> dict[str, Any]:
    padded = value + "=" * (-len(value) % 4)
    decoded = json.loads(base64.urlsafe_b64decode(padded.replace("+", "-").replace("/", "_")))
    if not isinstance(decoded, dict):
        raise ValueError("header is not a JSON object")
    return decoded


def handshake_headers(request: web.Request) -> dict[str, str]:
    """Auth headers from the `header-<b64url>` subprotocol, or from the older `?header=` query string."""
    offered = [p.strip() for p in request.headers.getall("Sec-WebSocket-Protocol", []) for p in p.split(",")]
    for protocol in offered:
        if protocol.startswith("header-"):
            return _b64_json(protocol[len("header-") :])
    if "header" in request.query:
        return _b64_json(request.query["header"])
    return {}


class RealtimeConnection:
    def __init__(
        self,
        ws: web.WebSocketResponse,
        hub: SubscriptionHub,
        executor: Executor,
        authenticator: Authenticator,
        source_ip: str,
        keepalive_s: float,
    ) -> None:
        self.ws, self.hub, self.executor, self.authenticator = ws, hub, executor, authenticator
        self.source_ip = source_ip
        self.keepalive_s = keepalive_s
        self.subscriptions: dict[str, Subscription] = {}
        self.outbox: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()

    def send(self, message: dict[str, Any] | None) -> None:
        """Queue a frame for the writer; None tells the writer to finish."""
        self.outbox.put_nowait(message)

    async def _writer(self) -> None:
        while (message := await self.outbox.get()) is not None:
            if self.ws.closed:
                return
            await self.ws.send_json(message)

    async def _keepalive(self) -> None:
        while True:
            self.send({"type": "ka"})
            await asyncio.sleep(self.keepalive_s)

    def _error(self, sub_id: str | None, error_type: str, message: str) -> None:
        body: dict[str, Any] = {"type": "error", "payload": {"errors": [{"errorType": error_type, "message": message}]}}
        if sub_id is not None:
            body["id"] = sub_id
        self.send(body)

    def _start(self, message: dict[str, Any]) -> None:
        sub_id = message.get("id")
        if not isinstance(sub_id, str) or not sub_id:
            return self._error(None, "ValidationError", "A start message needs a string id.")
        payload = message.get("payload") or {}
        try:
            request = json.loads(payload.get("data") or "{}")
        except ValueError:
            return self._error(sub_id, "MalformedHttpRequestException", "Invalid payload data")
        headers = ((payload.get("extensions") or {}).get("authorization")) or {}
        try:
            caller = self.authenticator.authenticate(headers, self.source_ip)
        except AuthError as exc:
            return self._error(sub_id, "UnauthorizedException", str(exc))
        document, errors = self.executor.parse(request.get("query"))
        if document is None:
            self.send({"id": sub_id, "type": "error", "payload": {"errors": errors}})
            return
        operation = get_operation_ast(document, request.get("operationName"))
        if operation is None or operation.operation != OperationType.SUBSCRIPTION:
            return self._error(sub_id, "UnsupportedOperation", "Only subscription operations are supported here.")
        fragments = fragment_definitions(document)
        nodes = list(iter_fields(operation.selection_set, fragments))
        if len(nodes) != 1:
            return self._error(sub_id, "UnsupportedOperation", "A subscription selects exactly one field.")
        node = nodes[0]
        field_name = node.name.value
        if not self.executor.auth.allows(caller, "Subscription", field_name):
            return self._error(sub_id, "Unauthorized", denial_message("Subscription", field_name))
        field_def = self.executor.schema.subscription_type.fields[field_name]  # type: ignore[union-attr]
        try:
            arguments = get_argument_values(field_def, node, request.get("variables") or {})
        except Exception as exc:  # noqa: BLE001 - bad variables are a validation error
            return self._error(sub_id, "ValidationError", str(exc))
        if sub_id in self.subscriptions:
            self.hub.remove(self.subscriptions.pop(sub_id))
        subscription = Subscription(
            id=sub_id,
            field_name=field_name,
            response_key=node.alias.value if node.alias else field_name,
            arguments=arguments,
            node=node,
            fragments=fragments,
            send=self.send,
        )
        self.subscriptions[sub_id] = subscription
        self.hub.add(subscription)
        self.send({"id": sub_id, "type": "start_ack"})

    def _stop(self, message: dict[str, Any]) -> None:
        sub_id = message.get("id")
        if not isinstance(sub_id, str):
            return self._error(None, "ValidationError", "A stop message needs a string id.")
        subscription = self.subscriptions.pop(sub_id, None)
        if subscription:
            self.hub.remove(subscription)
        self.send({"id": sub_id, "type": "complete"})

    async def serve(self, handshake: dict[str, str] | None, handshake_error: str | None) -> None:
        writer = asyncio.ensure_future(self._writer())
        keepalive: asyncio.Future | None = None
        try:
            async for msg in self.ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                try:
                    message = json.loads(msg.data)
                except ValueError:
                    self._error(None, "MalformedHttpRequestException", "Message is not JSON")
                    continue
                kind = message.get("type")
                if kind == "connection_init":
                    if handshake_error is not None:
                        self.send(
                            {
                                "type": "connection_error",
                                "payload": {
                                    "errors": [
                                        {
                                            "errorType": "UnauthorizedException",
                                            "errorCode": 401,
                                            "message": handshake_error,
                                        }
                                    ]
                                },
                            }
                        )
                        self.send(None)
                        await writer
                        await self.ws.close()
                        return
                    self.send({"type": "connection_ack", "payload": {"connectionTimeoutMs": CONNECTION_TIMEOUT_MS}})
                    if keepalive is None:
                        keepalive = asyncio.ensure_future(self._keepalive())
                elif kind == "start":
                    self._start(message)
                elif kind == "stop":
                    self._stop(message)
                else:
                    self._error(message.get("id"), "UnsupportedOperation", f"Unsupported message type {kind!r}")
        finally:
            for subscription in self.subscriptions.values():
                self.hub.remove(subscription)
            self.subscriptions.clear()
            if keepalive:
                keepalive.cancel()
            self.send(None)
            await asyncio.gather(writer, return_exceptions=True)


def realtime_route(hub: SubscriptionHub, executor: Executor, authenticator: Authenticator, keepalive_s: float):
    async def handle(request: web.Request) -> web.WebSocketResponse:
        handshake_error: str | None = None
        try:
            headers = handshake_headers(request)
            authenticator.authenticate(headers, request.remote or "127.0.0.1")
        except AuthError as exc:
            headers, handshake_error = {}, str(exc)
        except (ValueError, binascii.Error):
            headers, handshake_error = {}, "Invalid authorization header"
        ws = web.WebSocketResponse(protocols=(SUBPROTOCOL,))
        await ws.prepare(request)
        connection = RealtimeConnection(ws, hub, executor, authenticator, request.remote or "127.0.0.1", keepalive_s)
        await connection.serve(headers, handshake_error)
        return ws

    return handle
