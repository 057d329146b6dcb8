"""A Python client for the AppSync realtime protocol (graphql-ws subprotocol, as Amplify v6 speaks it).

See docs/appsync-realtime.md. Every wait is bounded: `RealtimeTimeout` when nothing arrives in time.
"""

from __future__ import annotations

import base64
import contextlib
import json
import ssl
import time
import uuid
from collections import defaultdict, deque
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from websockets.sync.client import ClientConnection, connect
from websockets.typing import Subprotocol

from .target import Target

HANDSHAKE_TIMEOUT = 15.0  # the protocol's own bound for connection_ack / start_ack
EVENT_TIMEOUT = 20.0


class RealtimeTimeout(AssertionError):
    pass


class RealtimeError(AssertionError):
    """The server answered with connection_error or error; `payload` is what it sent."""

    def __init__(self, kind: str, payload: Any):
        super().__init__(f"{kind}: {payload}")
        self.kind = kind
        self.payload = payload


def realtime_url(graphql_url: str) -> str:
    """AppSync: the appsync-realtime-api host; anything else: `/realtime` appended (Amplify v6 rule)."""
    parts = urlsplit(graphql_url)
    if ".appsync-api." in parts.netloc:
        return urlunsplit(("wss", parts.netloc.replace(".appsync-api.", ".appsync-realtime-api."), parts.path, "", ""))
    return urlunsplit(("wss", parts.netloc, parts.path.rstrip("/") + "/realtime", "", ""))


def _b64url(value: Mapping[str, str]) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


class RealtimeConnection:
    """One websocket; `subscribe` returns an id whose `data` events `next_event` hands out in order."""

    def __init__(self, target: Target, token: str):
        self._auth = {"Authorization": token, "host": urlsplit(target.graphql_url).netloc}
        self._ssl = ssl.create_default_context(cafile=target.sandbox.ca_cert if target.sandbox else None)
        # TLS 1.2 at most: a TLS 1.3 server sends session tickets just after the handshake, while this client's
        # reader thread reads and its caller writes the upgrade request on the same SSLSocket, which OpenSSL does not
        # support (https://github.com/python/cpython/issues/151508); against the sandbox that lost the request under
        # load (sandbox/web/tls.py). AppSync requires TLS 1.2 and recommends 1.3
        # (https://docs.aws.amazon.com/appsync/latest/devguide/infrastructure-security.html); under 1.2 its tickets
        # come inside the handshake. What this suite tests is the realtime protocol, not the TLS version.
        self._ssl.maximum_version = ssl.TLSVersion.TLSv1_2
        self._ws: ClientConnection | None = None
        self._closer = contextlib.ExitStack()  # websockets wants connect() used as a context manager
        self._events: dict[str, deque[dict[str, Any]]] = defaultdict(deque)
        self.url = realtime_url(target.graphql_url)

    def open(self) -> RealtimeConnection:
        """Upgrade, connection_init, and wait for connection_ack (RealtimeError on connection_error)."""
        self._ws = self._closer.enter_context(
            connect(
                self.url,
                subprotocols=[Subprotocol("graphql-ws"), Subprotocol(f"header-{_b64url(self._auth)}")],
                ssl=self._ssl,
                open_timeout=HANDSHAKE_TIMEOUT,
                close_timeout=5,
            )
        )
        self._send({"type": "connection_init"})
        reply = self._receive_until(lambda m: m["type"] in ("connection_ack", "connection_error"), HANDSHAKE_TIMEOUT)
        if reply["type"] == "connection_error":
            self.close()
            raise RealtimeError("connection_error", reply.get("payload"))
        return self

    def close(self) -> None:
        self._closer.close()
        self._ws = None

    def subscribe(self, query: str, variables: Mapping[str, Any] | None = None) -> str:
        sub_id = str(uuid.uuid4())
        data = json.dumps({"query": query, "variables": dict(variables or {})})
        self._send(
            {"id": sub_id, "type": "start", "payload": {"data": data, "extensions": {"authorization": self._auth}}}
        )
        reply = self._receive_until(
            lambda m: m.get("id") == sub_id and m["type"] in ("start_ack", "error"), HANDSHAKE_TIMEOUT
        )
        if reply["type"] == "error":
            raise RealtimeError("error", reply.get("payload"))
        return sub_id

    def unsubscribe(self, sub_id: str) -> None:
        self._send({"id": sub_id, "type": "stop"})
        self._receive_until(lambda m: m.get("id") == sub_id and m["type"] == "complete", HANDSHAKE_TIMEOUT)

    def next_event(self, sub_id: str, timeout: float = EVENT_TIMEOUT) -> dict[str, Any]:
        """The next `data` payload of a subscription (its `payload.data`)."""
        if not self._events[sub_id]:
            self._receive_until(lambda m: m.get("id") == sub_id and m["type"] == "data", timeout)
        return self._events[sub_id].popleft()

    def events_until(
        self, sub_id: str, wanted: Callable[[dict[str, Any]], bool], timeout: float = EVENT_TIMEOUT
    ) -> list[dict[str, Any]]:
        """Every event of a subscription up to and including the first `wanted` one."""
        seen: list[dict[str, Any]] = []
        deadline = time.monotonic() + timeout
        while True:
            event = self.next_event(sub_id, max(0.1, deadline - time.monotonic()))
            seen.append(event)
            if wanted(event):
                return seen

    def _send(self, message: Mapping[str, Any]) -> None:
        assert self._ws is not None, "not connected"
        self._ws.send(json.dumps(message))

    def _receive_until(self, wanted: Callable[[dict[str, Any]], bool], timeout: float) -> dict[str, Any]:
        """Read messages until `wanted` matches; keep `data` events for their subscriptions on the way."""
        assert self._ws is not None, "not connected"
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise RealtimeTimeout(f"no matching realtime message within {timeout:.0f}s")
            try:
                message = json.loads(self._ws.recv(timeout=remaining))
            except TimeoutError:
                raise RealtimeTimeout(f"no matching realtime message within {timeout:.0f}s") from None
            if message.get("type") == "data":
                self._events[message["id"]].append(message["payload"]["data"])
            if wanted(message):
                return message
