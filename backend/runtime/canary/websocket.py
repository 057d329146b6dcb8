"""A small WebSocket client (RFC 6455) on the standard library, enough for AppSync's realtime endpoint.

Hand-written on purpose: the canary's Lambda asset is the plain `backend/runtime/` folder, which carries no
third-party packages (Lambda provides only boto3/botocore) and nothing in the build bundles any, so a library
such as `websockets` is not available there.

What it does: the client handshake (Sec-WebSocket-Key, and the server's Sec-WebSocket-Accept checked),
subprotocol negotiation, masked text frames out; text, continuation, ping, pong and close frames in, with 7-,
16- and 64-bit payload lengths; pings are answered with a pong. What it does not: extensions (none is offered,
so permessage-deflate never applies), binary messages (a protocol error here: AppSync sends JSON text).

Every read has a deadline. Bytes are kept in a buffer and a frame is consumed only once it is complete, so a
timeout never leaves the stream half-read.
"""

from __future__ import annotations

import base64
import hashlib
import os
import socket
import ssl
import struct
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NoReturn
from urllib.parse import urlsplit

_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"  # RFC 6455 section 1.3
_MAX_HANDSHAKE_BYTES = 16 * 1024
MAX_MESSAGE_BYTES = 1024 * 1024  # AppSync's own message limit is far below this
_RECV_CHUNK = 64 * 1024

OP_CONTINUATION, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG = 0x0, 0x1, 0x2, 0x8, 0x9, 0xA
_CONTROL_OPCODES = frozenset({OP_CLOSE, OP_PING, OP_PONG})
_KNOWN_OPCODES = frozenset({OP_CONTINUATION, OP_TEXT, OP_BINARY}) | _CONTROL_OPCODES
CLOSE_NORMAL = 1000
CLOSE_PROTOCOL_ERROR = 1002


class WebSocketError(Exception):
    """The handshake or the stream broke the protocol, or the connection failed."""


class WebSocketTimeout(WebSocketError):
    """Nothing complete arrived before the deadline."""


class WebSocketClosed(WebSocketError):
    """The server closed the connection (its close code and reason), or it was closed here."""

    def __init__(self, code: int | None, reason: str = "") -> None:
        super().__init__(f"connection closed (code {code}{f', {reason}' if reason else ''})")
        self.code = code
        self.reason = reason


def accept_key(key: str) -> str:
    """The Sec-WebSocket-Accept a server must answer for `key`."""
    return base64.b64encode(hashlib.sha1((key + _GUID).encode("ascii"), usedforsecurity=False).digest()).decode("ascii")


def encode_frame(opcode: int, payload: bytes, mask_key: bytes) -> bytes:
    """One final, masked frame (a client must mask every frame it sends)."""
    if len(mask_key) != 4:
        raise ValueError("the mask key is 4 bytes")
    length = len(payload)
    if length < 126:
        header = struct.pack("!BB", 0x80 | opcode, 0x80 | length)
    elif length < 1 << 16:
        header = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, length)
    else:
        header = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, length)
    return header + mask_key + _mask(payload, mask_key)


def _mask(payload: bytes, mask_key: bytes) -> bytes:
    # XOR with the key repeated: one big-integer operation instead of a Python loop over every byte.
    repeated = (mask_key * (len(payload) // 4 + 1))[: len(payload)]
    return (int.from_bytes(payload, "big") ^ int.from_bytes(repeated, "big")).to_bytes(len(payload), "big")


@dataclass(frozen=True)
class Frame:
    fin: bool
    opcode: int
    payload: bytes


def parse_frame(buffer: bytes | bytearray) -> tuple[Frame, int] | None:
    """The first complete server frame in `buffer` and how many bytes it took, or None when incomplete."""
    if len(buffer) < 2:
        return None
    first, second = buffer[0], buffer[1]
    if first & 0x70:
        raise WebSocketError("frame with reserved bits set (no extension was negotiated)")
    if second & 0x80:
        raise WebSocketError("masked frame from the server (RFC 6455 5.1)")
    opcode, length, offset = first & 0x0F, second & 0x7F, 2
    if opcode not in _KNOWN_OPCODES:
        raise WebSocketError(f"unknown opcode {opcode:#x}")
    if opcode in _CONTROL_OPCODES and (length > 125 or not first & 0x80):
        raise WebSocketError("control frame longer than 125 bytes or fragmented")
    if length == 126:
        if len(buffer) < 4:
            return None
        (length,) = struct.unpack_from("!H", buffer, 2)
        offset = 4
    elif length == 127:
        if len(buffer) < 10:
            return None
        (length,) = struct.unpack_from("!Q", buffer, 2)
        offset = 10
    if length > MAX_MESSAGE_BYTES:
        raise WebSocketError(f"frame of {length} bytes is over the {MAX_MESSAGE_BYTES}-byte limit")
    end = offset + length
    if len(buffer) < end:
        return None
    return Frame(bool(first & 0x80), opcode, bytes(buffer[offset:end])), end


@dataclass(frozen=True)
class _Endpoint:
    host: str
    port: int
    netloc: str
    target: str
    secure: bool


def _endpoint(url: str) -> _Endpoint:
    parts = urlsplit(url)
    if parts.scheme not in ("ws", "wss") or not parts.hostname:
        raise WebSocketError(f"not a ws:// or wss:// URL: {url}")
    secure = parts.scheme == "wss"
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    netloc = parts.netloc.rpartition("@")[2]
    return _Endpoint(parts.hostname, parts.port or (443 if secure else 80), netloc, target, secure)


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise WebSocketTimeout("timed out")
    return left


class WebSocket:
    """One client connection. Not thread-safe: one caller reads and writes."""

    def __init__(self, sock: socket.socket, subprotocol: str | None, buffered: bytes = b"") -> None:
        self._sock = sock
        self.subprotocol = subprotocol
        self._buffer = bytearray(buffered)
        self._fragments: list[bytes] = []
        self._close_sent = False
        self.closed = False

    @classmethod
    def connect(
        cls,
        url: str,
        *,
        timeout: float,
        subprotocols: Sequence[str] = (),
        headers: Mapping[str, str] | None = None,
        ssl_context: ssl.SSLContext | None = None,
    ) -> WebSocket:
        """TCP (+ TLS for wss) and the upgrade handshake, all within `timeout` seconds."""
        deadline = time.monotonic() + timeout
        endpoint = _endpoint(url)
        try:
            sock = socket.create_connection((endpoint.host, endpoint.port), timeout=_remaining(deadline))
        except TimeoutError as exc:
            raise WebSocketTimeout(f"connecting to {endpoint.netloc} timed out") from exc
        except OSError as exc:
            raise WebSocketError(f"cannot connect to {endpoint.netloc}: {exc}") from exc
        try:
            if endpoint.secure:
                context = ssl_context or ssl.create_default_context()
                sock.settimeout(_remaining(deadline))
                sock = context.wrap_socket(sock, server_hostname=endpoint.host)
            subprotocol, rest = _handshake(sock, endpoint, subprotocols, headers or {}, deadline)
        except BaseException as exc:
            sock.close()
            if isinstance(exc, TimeoutError):
                raise WebSocketTimeout(f"the WebSocket handshake with {endpoint.netloc} timed out") from exc
            if isinstance(exc, ssl.SSLError | ssl.CertificateError):
                raise WebSocketError(f"TLS with {endpoint.netloc} failed: {exc}") from exc
            if isinstance(exc, OSError):
                raise WebSocketError(f"the WebSocket handshake with {endpoint.netloc} failed: {exc}") from exc
            raise
        return cls(sock, subprotocol, rest)

    def send_text(self, text: str, *, timeout: float = 10.0) -> None:
        self._send_frame(OP_TEXT, text.encode("utf-8"), timeout)

    def receive_text(self, *, timeout: float) -> str:
        """The next complete text message; pings are answered on the way, pongs ignored."""
        deadline = time.monotonic() + timeout
        while True:
            frame = self._next_frame(deadline)
            if frame.opcode == OP_PING:
                self._send_frame(OP_PONG, frame.payload, _remaining(deadline))
            elif frame.opcode == OP_CLOSE:
                self._on_close_frame(frame.payload)
            elif frame.opcode == OP_BINARY or (frame.opcode == OP_TEXT and self._fragments):
                self._fail("binary message, or a new message inside a fragmented one")
            elif frame.opcode in (OP_TEXT, OP_CONTINUATION):
                if frame.opcode == OP_CONTINUATION and not self._fragments:
                    self._fail("continuation frame without a message to continue")
                self._fragments.append(frame.payload)
                if sum(map(len, self._fragments)) > MAX_MESSAGE_BYTES:
                    self._fail(f"message over the {MAX_MESSAGE_BYTES}-byte limit")
                if frame.fin:
                    message, self._fragments = b"".join(self._fragments), []
                    try:
                        return message.decode("utf-8")
                    except UnicodeDecodeError:
                        self._fail("text message that is not UTF-8")

    def close(self, code: int = CLOSE_NORMAL, *, timeout: float = 2.0) -> None:
        """Send a close frame, wait (bounded) for the server's, then drop the socket. Never raises."""
        if self.closed:
            return
        deadline = time.monotonic() + timeout
        try:
            if not self._close_sent:
                self._close_sent = True
                self._send_frame(OP_CLOSE, struct.pack("!H", code), timeout)
            while True:  # the server's close frame ends the exchange; anything before it is dropped
                if self._next_frame(deadline).opcode == OP_CLOSE:
                    break
        except (WebSocketError, OSError):
            pass
        finally:
            self._drop()

    def _on_close_frame(self, payload: bytes) -> NoReturn:
        code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None
        reason = payload[2:].decode("utf-8", "replace")
        if not self._close_sent:  # echo it, as the closing handshake asks
            self._close_sent = True
            try:
                self._send_frame(OP_CLOSE, payload[:2], 2.0)
            except (WebSocketError, OSError):
                pass
        self._drop()
        raise WebSocketClosed(code, reason)

    def _fail(self, problem: str) -> NoReturn:
        try:
            if not self._close_sent:
                self._close_sent = True
                self._send_frame(OP_CLOSE, struct.pack("!H", CLOSE_PROTOCOL_ERROR), 2.0)
        except (WebSocketError, OSError):
            pass
        self._drop()
        raise WebSocketError(problem)

    def _next_frame(self, deadline: float) -> Frame:
        while True:
            if self.closed:
                raise WebSocketClosed(None, "closed")
            try:
                parsed = parse_frame(self._buffer)
            except WebSocketError as exc:
                self._fail(str(exc))
            if parsed is not None:
                frame, used = parsed
                del self._buffer[:used]
                return frame
            self._receive_more(deadline)

    def _receive_more(self, deadline: float) -> None:
        self._sock.settimeout(_remaining(deadline))
        try:
            chunk = self._sock.recv(_RECV_CHUNK)
        except TimeoutError as exc:
            raise WebSocketTimeout("no complete message before the deadline") from exc
        except OSError as exc:
            self._drop()
            raise WebSocketError(f"connection failed: {exc}") from exc
        if not chunk:
            self._drop()
            raise WebSocketClosed(None, "the server dropped the connection without a close frame")
        self._buffer += chunk

    def _send_frame(self, opcode: int, payload: bytes, timeout: float) -> None:
        if self.closed:
            raise WebSocketClosed(None, "closed")
        self._sock.settimeout(timeout)
        try:
            self._sock.sendall(encode_frame(opcode, payload, os.urandom(4)))
        except TimeoutError as exc:
            raise WebSocketTimeout("sending timed out") from exc
        except OSError as exc:
            self._drop()
            raise WebSocketError(f"connection failed: {exc}") from exc

    def _drop(self) -> None:
        self.closed = True
        try:
            self._sock.close()
        except OSError:
            pass


def _handshake(
    sock: socket.socket,
    endpoint: _Endpoint,
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
    sock.settimeout(_remaining(deadline))
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("ascii"))

    received = b""
    while b"\r\n\r\n" not in received:
        if len(received) > _MAX_HANDSHAKE_BYTES:
            raise WebSocketError("the handshake answer is too long")
        sock.settimeout(_remaining(deadline))
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
