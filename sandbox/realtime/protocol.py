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
from graphql.execution.values import get_argument_values, get_variable_values

from ..appsync.execution import Executor, fragment_definitions
from ..appsync.selection import iter_fields
from ..auth.authz import denial_message
from ..auth.sigv4 import SignedRequest
from ..auth.tokens import Authenticator, AuthError
from .pubsub import Subscription, SubscriptionHub

log = logging.getLogger("sandbox.realtime")

CONNECTION_TIMEOUT_MS = 300_000
SUBPROTOCOL = "graphql-ws"
CLOSE_UNAUTHORIZED = 4401  # after connection_error: a clean close in the application range (4000-4999)


class BadFrame(Exception):
    """A frame of the wrong shape: answered with an `error` frame, the connection stays open."""

    def __init__(self, error_type: str, message: str) -> None:
        super().__init__(message)
        self.error_type, self.message = error_type, message


def _start_request(message: dict[str, Any]) -> tuple[dict[str, Any], Any, dict[str, Any], str | None]:
    """(headers, query, variables, operationName) of a start frame, or BadFrame."""
    payload = message.get("payload")
    if not isinstance(payload, dict):
        raise BadFrame("MalformedHttpRequestException", "The start payload must be an object.")
    data = payload.get("data")
    if not isinstance(data, str):
        raise BadFrame("MalformedHttpRequestException", "The start payload's data must be a JSON string.")
    try:
        request = json.loads(data)
    except ValueError:
        request = None
    if not isinstance(request, dict):
        raise BadFrame("MalformedHttpRequestException", "Invalid payload data")
    extensions = payload.get("extensions")
    headers = extensions.get("authorization") if isinstance(extensions, dict) else None
    if not isinstance(headers, dict):
        raise BadFrame("UnauthorizedException", "Valid authorization header not provided.")
    variables = request.get("variables")
    if variables is None:
        variables = {}
    if not isinstance(variables, dict):
        raise BadFrame("ValidationError", "Variables must be a JSON object.")
    operation_name = request.get("operationName")
    if operation_name is not None and not isinstance(operation_name, str):
        raise BadFrame("ValidationError", "operationName must be a string.")
    return headers, request.get("query"), variables, operation_name


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
        self.graphql_path = "/graphql"  # what SigV4 start frames sign: the realtime path without `/realtime`
        self.outbox: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()
        self._writer_task: asyncio.Future | None = None
        self._keepalive_task: asyncio.Future | None = None

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
        if not isinstance(sub_id, str) or not sub_id:  # an empty string id is echoed, as any string id
            return self._error(
                sub_id if isinstance(sub_id, str) else None, "ValidationError", "A start message needs a string id."
            )
        try:
            headers, query, variables, operation_name = _start_request(message)
        except BadFrame as exc:
            return self._error(sub_id, exc.error_type, exc.message)
        # A SigV4 start signs a POST of the payload's data to the GraphQL endpoint (docs/appsync-realtime.md).
        signed = SignedRequest("POST", self.graphql_path, message["payload"]["data"].encode())
        try:
            caller = self.authenticator.authenticate(headers, self.source_ip, signed)
        except AuthError as exc:
            return self._error(sub_id, getattr(exc, "error_type", "UnauthorizedException"), str(exc))
        document, errors = self.executor.parse(query)
        if document is None:
            self.send({"id": sub_id, "type": "error", "payload": {"errors": errors}})
            return
        operation = get_operation_ast(document, operation_name)
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
        coerced = get_variable_values(self.executor.schema, operation.variable_definitions or [], variables)
        if isinstance(coerced, list):  # missing required or mistyped variables
            return self._error(sub_id, "ValidationError", "; ".join(e.message for e in coerced))
        try:
            arguments = get_argument_values(field_def, node, coerced)
        except Exception as exc:  # noqa: BLE001 - bad arguments are a validation error
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
        if not isinstance(sub_id, str) or not sub_id:
            return self._error(None, "ValidationError", "A stop message needs a string id.")
        subscription = self.subscriptions.pop(sub_id, None)
        if subscription:
            self.hub.remove(subscription)
        self.send({"id": sub_id, "type": "complete"})

    async def _refuse(self, reason: str) -> None:
        """AppSync refuses a connection whose handshake auth failed: connection_error, then a clean close."""
        error = {"errorType": "UnauthorizedException", "errorCode": 401, "message": reason}
        self.send({"type": "connection_error", "payload": {"errors": [error]}})
        self.send(None)
        if self._writer_task is not None:
            await self._writer_task
        await self.ws.close(code=CLOSE_UNAUTHORIZED, message=b"Unauthorized")

    def _handle(self, message: Any) -> None:
        if not isinstance(message, dict):
            return self._error(None, "MalformedHttpRequestException", "A message must be a JSON object.")
        kind = message.get("type")
        if kind == "connection_init":
            self.send({"type": "connection_ack", "payload": {"connectionTimeoutMs": CONNECTION_TIMEOUT_MS}})
            if self._keepalive_task is None:
                self._keepalive_task = asyncio.ensure_future(self._keepalive())
        elif kind == "start":
            self._start(message)
        elif kind == "stop":
            self._stop(message)
        else:
            sub_id = message.get("id")
            self._error(sub_id if isinstance(sub_id, str) else None, "UnsupportedOperation", "Unsupported message type")

    async def serve(self, handshake: dict[str, str] | None, handshake_error: str | None) -> None:
        self._writer_task = writer = asyncio.ensure_future(self._writer())
        try:
            async for msg in self.ws:
                if handshake_error is not None:
                    return await self._refuse(handshake_error)  # whatever the frame: nothing else is served
                if msg.type == WSMsgType.BINARY:
                    self._error(None, "MalformedHttpRequestException", "Binary frames are not supported.")
                    continue
                if msg.type != WSMsgType.TEXT:
                    continue
                try:
                    message = json.loads(msg.data)
                except ValueError:
                    self._error(None, "MalformedHttpRequestException", "Message is not JSON")
                    continue
                try:
                    self._handle(message)
                except Exception:  # one bad frame must not drop the connection (a 1006 close)
                    log.exception("realtime frame failed")
                    self._error(None, "InternalFailureException", "The frame could not be processed.")
        finally:
            for subscription in self.subscriptions.values():
                self.hub.remove(subscription)
            self.subscriptions.clear()
            if self._keepalive_task:
                self._keepalive_task.cancel()
            self.send(None)
            await asyncio.gather(writer, return_exceptions=True)


def _graphql_path(realtime_path: str) -> str:
    return realtime_path[: -len("/realtime")] if realtime_path.endswith("/realtime") else realtime_path


def realtime_route(hub: SubscriptionHub, executor: Executor, authenticator: Authenticator, keepalive_s: float):
    async def handle(request: web.Request) -> web.WebSocketResponse:
        handshake_error: str | None = None
        try:
            headers = handshake_headers(request)
            # SigV4: the handshake header signs a POST of `{}` to `<GraphQL endpoint>/connect`.
            connect = SignedRequest("POST", _graphql_path(request.path) + "/connect", b"{}")
            authenticator.authenticate(headers, request.remote or "127.0.0.1", connect)
        except AuthError as exc:
            headers, handshake_error = {}, str(exc)
        except (ValueError, binascii.Error):  # not base64, not JSON, or not an object
            log.info("rejected a realtime handshake from %s: unreadable header", request.remote)
            headers, handshake_error = {}, "Invalid authorization header"
        ws = web.WebSocketResponse(protocols=(SUBPROTOCOL,))
        await ws.prepare(request)
        connection = RealtimeConnection(ws, hub, executor, authenticator, request.remote or "127.0.0.1", keepalive_s)
        connection.graphql_path = _graphql_path(request.path)
        await connection.serve(headers, handshake_error)
        return ws

    return handle
