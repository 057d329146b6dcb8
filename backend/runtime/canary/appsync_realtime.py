"""AppSync's realtime protocol (docs/appsync-realtime.md) on top of the stdlib WebSocket client.

The handshake offers `graphql-ws` and `header-<base64url JSON {Authorization, host}>`, then
connection_init → connection_ack; each subscription is `start` (with `extensions.authorization`) → start_ack,
then `data` events, and `stop` → complete. Keep-alives (`ka`) are read and ignored: a connection lives only
seconds here. Every wait has a timeout.
"""

from __future__ import annotations

import base64
import json
import ssl
import time
import uuid
from collections import defaultdict, deque
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from .websocket import WebSocket
from .websocket_errors import WebSocketTimeout

SUBPROTOCOL = "graphql-ws"
USER_AGENT = "mobile-backend-canary"

Message = dict[str, Any]


class RealtimeError(Exception):
    """The server refused the connection or a subscription (connection_error, error), or broke the protocol."""

    def __init__(self, kind: str, detail: Any) -> None:
        super().__init__(f"{kind}: {_describe(detail)}")
        self.kind = kind
        self.detail = detail


def _describe(detail: Any) -> str:
    """AppSync's `{errors: [{errorType, message}]}` as `Type: message; ...`, anything else as JSON."""
    errors = detail.get("errors") if isinstance(detail, dict) else None
    if isinstance(errors, list) and errors:
        return "; ".join(
            ": ".join(str(part) for part in (error.get("errorType"), error.get("message")) if part)
            if isinstance(error, dict)
            else str(error)
            for error in errors
        )
    return json.dumps(detail) if not isinstance(detail, str) else detail


def realtime_url(graphql_url: str) -> str:
    """AppSync's host: `.appsync-api.` → `.appsync-realtime-api.`; any other endpoint: `/realtime` appended.
    Always wss (Amplify never connects with plain ws)."""
    parts = urlsplit(graphql_url)
    if ".appsync-api." in parts.netloc:
        return urlunsplit(("wss", parts.netloc.replace(".appsync-api.", ".appsync-realtime-api."), parts.path, "", ""))
    return urlunsplit(("wss", parts.netloc, parts.path.rstrip("/") + "/realtime", "", ""))


def header_subprotocol(authorization: Mapping[str, str]) -> str:
    """`header-` + the auth headers as base64url JSON without padding (what Amplify v6 offers)."""
    encoded = base64.urlsafe_b64encode(json.dumps(dict(authorization), separators=(",", ":")).encode())
    return "header-" + encoded.decode("ascii").rstrip("=")


class AppSyncRealtime:
    """One realtime connection with the Cognito token it was opened with."""

    def __init__(self, socket: WebSocket, authorization: Mapping[str, str]) -> None:
        self._socket = socket
        self._authorization = dict(authorization)
        self._events: dict[str, deque[Message]] = defaultdict(deque)

    @classmethod
    def connect(
        cls, graphql_url: str, token: str, *, timeout: float, ssl_context: ssl.SSLContext | None = None
    ) -> AppSyncRealtime:
        """Upgrade, connection_init, and connection_ack, all within `timeout`; RealtimeError on a refusal."""
        deadline = time.monotonic() + timeout
        authorization = {"Authorization": token, "host": urlsplit(graphql_url).netloc}
        socket = WebSocket.connect(
            realtime_url(graphql_url),
            timeout=timeout,
            subprotocols=[SUBPROTOCOL, header_subprotocol(authorization)],
            ssl_context=ssl_context,
        )
        connection = cls(socket, authorization)
        try:
            if socket.subprotocol != SUBPROTOCOL:
                raise RealtimeError("handshake", f"the server did not accept the {SUBPROTOCOL} subprotocol")
            connection._send({"type": "connection_init"})
            reply = connection._receive_until(
                lambda m: m.get("type") in ("connection_ack", "connection_error"), deadline, "connection_ack"
            )
            if reply["type"] == "connection_error":
                raise RealtimeError("connection_error", reply.get("payload"))
        except BaseException:
            socket.close(timeout=1.0)
            raise
        return connection

    def subscribe(self, query: str, variables: Mapping[str, Any] | None = None, *, timeout: float) -> str:
        """`start` and its start_ack; returns the subscription id."""
        deadline = time.monotonic() + timeout
        sub_id = str(uuid.uuid4())
        data = json.dumps({"query": query, "variables": dict(variables or {})})
        extensions = {"authorization": {**self._authorization, "x-amz-user-agent": USER_AGENT}}
        self._send({"id": sub_id, "type": "start", "payload": {"data": data, "extensions": extensions}})
        reply = self._receive_until(
            lambda m: m.get("id") == sub_id and m.get("type") in ("start_ack", "error"), deadline, "start_ack"
        )
        if reply["type"] == "error":
            raise RealtimeError("error", reply.get("payload"))
        return sub_id

    def wait_for_data(self, sub_id: str, wanted: Callable[[dict[str, Any]], bool], *, timeout: float) -> dict[str, Any]:
        """The first `data` event of the subscription (its `payload.data`) that `wanted` accepts; others (e.g.
        other users' posts on an unfiltered subscription) are skipped."""
        deadline = time.monotonic() + timeout
        while True:
            queued = self._events[sub_id]
            while queued:
                payload = queued.popleft()
                if payload.get("errors"):
                    raise RealtimeError("data", payload)
                data = payload.get("data")
                if isinstance(data, dict) and wanted(data):
                    return data
            reply = self._receive_until(
                lambda m: m.get("id") == sub_id and m.get("type") in ("data", "error", "complete"),
                deadline,
                "matching data event",
            )
            if reply["type"] == "error":
                raise RealtimeError("error", reply.get("payload"))
            if reply["type"] == "complete":
                raise RealtimeError("complete", "the server ended the subscription")

    def unsubscribe(self, sub_id: str, *, timeout: float) -> None:
        """`stop` and its `complete`."""
        deadline = time.monotonic() + timeout
        self._send({"id": sub_id, "type": "stop"})
        self._receive_until(lambda m: m.get("id") == sub_id and m.get("type") == "complete", deadline, "complete")
        self._events.pop(sub_id, None)

    def close(self, *, timeout: float = 2.0) -> None:
        self._socket.close(timeout=timeout)

    def _send(self, message: Message) -> None:
        self._socket.send_text(json.dumps(message))

    def _receive_until(self, wanted: Callable[[Message], bool], deadline: float, what: str) -> Message:
        """Read messages until `wanted` matches, keeping `data` events for their subscriptions on the way;
        connection_error, and an `error` without an id, end the wait."""
        while True:
            try:
                text = self._socket.receive_text(timeout=max(0.0, deadline - time.monotonic()))
            except WebSocketTimeout:
                raise WebSocketTimeout(f"no {what} before the step's deadline") from None
            try:
                message = json.loads(text)
            except ValueError:
                raise RealtimeError("protocol", f"a message that is not JSON: {text[:200]}") from None
            if not isinstance(message, dict):
                raise RealtimeError("protocol", f"a message that is not a JSON object: {text[:200]}")
            kind = message.get("type")
            if kind == "data" and isinstance(message.get("id"), str):
                payload = message.get("payload")
                self._events[message["id"]].append(payload if isinstance(payload, dict) else {})
            if wanted(message):
                return message
            if kind == "connection_error":
                raise RealtimeError("connection_error", message.get("payload"))
            if kind == "error" and "id" not in message:
                raise RealtimeError("error", message.get("payload"))
