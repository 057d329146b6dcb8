"""The WebSocket opening handshake (RFC 6455 section 4): the upgrade request, and the server's 101 answer checked
(accept key, upgrade headers, no unoffered extension or subprotocol)."""

from __future__ import annotations

import base64
import hashlib
import os
import socket
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from .websocket_errors import WebSocketError, WebSocketTimeout

_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"  # RFC 6455 section 1.3
_MAX_HANDSHAKE_BYTES = 16 * 1024


def accept_key(key: str) -> str:
    """The Sec-WebSocket-Accept a server must answer for `key`."""
    return base64.b64encode(hashlib.sha1((key + _GUID).encode("ascii"), usedforsecurity=False).digest()).decode("ascii")


@dataclass(frozen=True)
class Endpoint:
    host: str
    port: int
    netloc: str
    target: str
    secure: bool


def parse_endpoint(url: str) -> Endpoint:
    parts = urlsplit(url)
    if parts.scheme not in ("ws", "wss") or not parts.hostname:
        raise WebSocketError(f"not a ws:// or wss:// URL: {url}")
    secure = parts.scheme == "wss"
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    netloc = parts.netloc.rpartition("@")[2]
    return Endpoint(parts.hostname, parts.port or (443 if secure else 80), netloc, target, secure)


def remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise WebSocketTimeout("timed out")
    return left


def handshake(
    sock: socket.socket,
    endpoint: Endpoint,
    subprotocols: Sequence[str],
    headers: Mapping[str, str],
    deadline: float,
) -> tuple[str | None, bytes]:
    """Send the upgrade request, check the 101 answer; returns the chosen subprotocol and any bytes after it."""
    key = base64.b64encode(os.urandom(16)).decode("ascii")
    lines = [
        f"GET {endpoint.target} HTTP/1.1",
        f"Host: {endpoint.netloc}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        f"Sec-WebSocket-Key: {key}",
        "Sec-WebSocket-Version: 13",
    ]
    if subprotocols:
        lines.append(f"Sec-WebSocket-Protocol: {', '.join(subprotocols)}")
    lines += [f"{name}: {value}" for name, value in headers.items()]
    sock.settimeout(remaining(deadline))
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("ascii"))

    received = b""
    while b"\r\n\r\n" not in received:
        if len(received) > _MAX_HANDSHAKE_BYTES:
            raise WebSocketError("the handshake answer is too long")
        sock.settimeout(remaining(deadline))
        chunk = sock.recv(4096)
        if not chunk:
            raise WebSocketError("the server closed the connection during the handshake")
        received += chunk
    head, _, rest = received.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("iso-8859-1").split("\r\n")
    answer: dict[str, str] = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        answer[name.strip().lower()] = value.strip()

    status = status_line.split(" ", 2)
    if len(status) < 2 or status[1] != "101":
        raise WebSocketError(f"the server refused the WebSocket upgrade: {status_line}")
    if answer.get("upgrade", "").lower() != "websocket":
        raise WebSocketError("the upgrade answer lacks 'Upgrade: websocket'")
    if "upgrade" not in {token.strip().lower() for token in answer.get("connection", "").split(",")}:
        raise WebSocketError("the upgrade answer lacks 'Connection: Upgrade'")
    if answer.get("sec-websocket-accept") != accept_key(key):
        raise WebSocketError("the server's Sec-WebSocket-Accept does not match the key sent")
    if answer.get("sec-websocket-extensions"):
        raise WebSocketError("the server chose an extension that was not offered")
    chosen = answer.get("sec-websocket-protocol") or None
    if chosen is not None and chosen not in subprotocols:
        raise WebSocketError(f"the server chose a subprotocol that was not offered: {chosen}")
    return chosen, rest
